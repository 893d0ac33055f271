package dev.segmentation.cluster;

import java.util.Arrays;

/**
 * The scalar kernels of the Lloyd passes, split from the driver ({@link Lloyd}): squared distances of a
 * transposed block of rows to the centres, the branch-free nearest-centre step, the fixed-order block sum and the
 * settling of a block's new labels into the statistics (shared with the vector kernel, so both produce the same
 * bits). Static, allocation-free and thread-safe; not API.
 */
final class LloydKernels {
    private LloydKernels() {
    }

    /**
     * Applies the nearest centres found for the m rows of a block (labels as doubles in ld, squared distances in
     * b1): each row whose label changes moves from its old centre to its new one in the statistics, in row order,
     * and the (weighted) squared distances are added to the inertia in the order of {@link #sum}. Shared by the
     * scalar and the vector plain passes, which therefore produce the same statistics bit for bit.
     *
     * @param w the weights of all rows, or null for unit weights; b1 is overwritten with the weighted distances
     */
    static void settleBlock(double[] blk, int start, int m, double[] b1, double[] ld, int[] labels, double[] ref,
            double[] w, LloydStats s) {
        long moved = 0;
        for (int p = 0; p < m; p++) {
            final int i = start + p;
            final int a = (int) ld[p];
            final int old = labels[i];
            if (old != a) {
                double wi = w == null ? 1.0 : w[i];
                s.addColumn(old, blk, p, Lloyd.BLOCK, ref, wi, -1);
                s.addColumn(a, blk, p, Lloyd.BLOCK, ref, wi, 1);
                labels[i] = a;
                moved++;
            }
        }
        if (w != null) {
            for (int p = 0; p < m; p++) {
                b1[p] *= w[start + p];
            }
        }
        s.inertia += sum(b1, m);
        s.reassigned += moved;
    }

    /**
     * The sum of v[0..m), values >= 0, in a fixed order: eight interleaved partial sums (element p into sum p mod 8,
     * which keeps eight additions in flight instead of one), then
     * {@code ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))}.
     */
    static double sum(double[] v, int m) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        int p = 0;
        for (; p + 8 <= m; p += 8) {
            s0 += v[p];
            s1 += v[p + 1];
            s2 += v[p + 2];
            s3 += v[p + 3];
            s4 += v[p + 4];
            s5 += v[p + 5];
            s6 += v[p + 6];
            s7 += v[p + 7];
        }
        // the last m mod 8 elements; adding +0.0 for the missing ones leaves a sum of values >= 0 unchanged
        s0 += p < m ? v[p] : 0.0;
        s1 += p + 1 < m ? v[p + 1] : 0.0;
        s2 += p + 2 < m ? v[p + 2] : 0.0;
        s3 += p + 3 < m ? v[p + 3] : 0.0;
        s4 += p + 4 < m ? v[p + 4] : 0.0;
        s5 += p + 5 < m ? v[p + 5] : 0.0;
        s6 += p + 6 < m ? v[p + 6] : 0.0;
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /**
     * One step of the nearest-centre search over the distances dc to centre c: where dc is strictly below the
     * best so far, best becomes dc and the label (held as a double in ld) becomes c, so equal minima keep the
     * lowest index. Without branches, in a loop the JIT vectorizes: best - min(best, dc) is 0 or at least the
     * smallest subnormal, and times 2^2000 it is 0 or at least 1.
     */
    static void nearer(double[] dc, double[] b1, double[] ld, int c, int m) {
        final double cd = c;
        for (int p = 0; p < m; p++) {
            double b = b1[p];
            double nb = Math.min(b, dc[p]);
            double lt = Math.min(1.0, (b - nb) * 0x1p1000 * 0x1p1000);
            ld[p] += lt * (cd - ld[p]);
            b1[p] = nb;
        }
    }

    /**
     * Keeps the second-smallest squared distance in b2 as the distances dc to one more centre are seen: call it
     * before {@link #nearer} updates b1, the smallest so far (as {@link Lloyd}'s bounded assignment does).
     */
    static void second(double[] dc, double[] b1, double[] b2, int m) {
        for (int p = 0; p < m; p++) {
            b2[p] = Math.min(b2[p], Math.max(b1[p], dc[p]));
        }
    }

    /** Copies the 8 values x[o..o+8) into column p of the flat tile t whose columns are {@code stride} apart. */
    static void transposeRow8(double[] x, int o, double[] t, int p, int stride) {
        double v0 = x[o];
        double v7 = x[o + 7];
        t[p] = v0;
        t[stride + p] = x[o + 1];
        t[2 * stride + p] = x[o + 2];
        t[3 * stride + p] = x[o + 3];
        t[4 * stride + p] = x[o + 4];
        t[5 * stride + p] = x[o + 5];
        t[6 * stride + p] = x[o + 6];
        t[7 * stride + p] = v7;
    }

    /**
     * lab[p] = the lowest c with dk[c][p] == b1[p] (the minimum), computed without branches in loops the JIT
     * vectorizes: (dk - best) is >= 0, and times 2^2000 it is >= 1 unless it is exactly 0. ld is scratch.
     */
    static void labels(double[][] dk, double[] b1, double[] ld, int[] lab, int k, int m) {
        Arrays.fill(ld, 0, m, 0.0);
        for (int c = k - 1; c >= 0; c--) {
            double[] dc = dk[c];
            double cd = c;
            for (int p = 0; p < m; p++) {
                double eq = 1.0 - Math.min(1.0, (dc[p] - b1[p]) * 0x1p1000 * 0x1p1000);
                ld[p] += eq * (cd - ld[p]);
            }
        }
        for (int p = 0; p < m; p++) {
            lab[p] = (int) ld[p];
        }
    }

    /**
     * {@link #distances8} in two loops of four columns: {@code out = a01 + a23}, then {@code out = (out + a45) + a67}
     * with {@code a01 = t0^2 + t1^2} and so on: the same additions in the same order as its four loops (each adds
     * the next pair to {@code out}), so the same bits, with half the loads and stores of {@code out}. (One loop of
     * all eight columns is too large for the JIT to unroll, so it is not vectorized.)
     */
    static void distances8Fused(double[] t, double[] cp, int cb, double[] out, int m) {
        final int b = Lloyd.BLOCK;
        double c0 = cp[cb];
        double c1 = cp[cb + 1];
        double c2 = cp[cb + 2];
        double c3 = cp[cb + 3];
        for (int p = 0; p < m; p++) {
            double a0 = t[p] - c0;
            double a1 = t[b + p] - c1;
            double a2 = t[2 * b + p] - c2;
            double a3 = t[3 * b + p] - c3;
            out[p] = (a0 * a0 + a1 * a1) + (a2 * a2 + a3 * a3);
        }
        c0 = cp[cb + 4];
        c1 = cp[cb + 5];
        c2 = cp[cb + 6];
        c3 = cp[cb + 7];
        for (int p = 0; p < m; p++) {
            double a4 = t[4 * b + p] - c0;
            double a5 = t[5 * b + p] - c1;
            double a6 = t[6 * b + p] - c2;
            double a7 = t[7 * b + p] - c3;
            out[p] = (out[p] + (a4 * a4 + a5 * a5)) + (a6 * a6 + a7 * a7);
        }
    }

    /**
     * The squared distance of row p of a transposed tile (column j at {@code j * Lloyd.BLOCK}, d = 8) to the centre
     * at {@code c[cb..cb + 8)}, summed as {@code LloydBounds.distance8} sums a row-major row
     * ({@code ((u0^2 + u2^2) + (u4^2 + u6^2)) + ((u1^2 + u3^2) + (u5^2 + u7^2))}), so the same bits.
     */
    static double tileDistance8(double[] t, int p, double[] c, int cb) {
        final int bl = Lloyd.BLOCK;
        double u0 = t[p] - c[cb];
        double u1 = t[bl + p] - c[cb + 1];
        double u2 = t[2 * bl + p] - c[cb + 2];
        double u3 = t[3 * bl + p] - c[cb + 3];
        double u4 = t[4 * bl + p] - c[cb + 4];
        double u5 = t[5 * bl + p] - c[cb + 5];
        double u6 = t[6 * bl + p] - c[cb + 6];
        double u7 = t[7 * bl + p] - c[cb + 7];
        return ((u0 * u0 + u2 * u2) + (u4 * u4 + u6 * u6)) + ((u1 * u1 + u3 * u3) + (u5 * u5 + u7 * u7));
    }

    /**
     * One step of the nearest and second-nearest search over the distances dc to centre c: {@link #second} then
     * {@link #nearer} in one loop (the same operations on each element, so the same bits).
     */
    static void nearerAndSecond(double[] dc, double[] b1, double[] b2, double[] ld, int c, int m) {
        final double cd = c;
        for (int p = 0; p < m; p++) {
            double v = dc[p];
            double b = b1[p];
            double nb = Math.min(b, v);
            double lt = Math.min(1.0, (b - nb) * 0x1p1000 * 0x1p1000);
            ld[p] += lt * (cd - ld[p]);
            b2[p] = Math.min(b2[p], Math.max(b, v));
            b1[p] = nb;
        }
    }

    static void distances8(double[] t, double[] cp, int cb, double[] out, int m) {
        double c0 = cp[cb];
        double c1 = cp[cb + 1];
        for (int p = 0; p < m; p++) {
            double a = t[p] - c0;
            double b = t[Lloyd.BLOCK + p] - c1;
            out[p] = a * a + b * b;
        }
        c0 = cp[cb + 2];
        c1 = cp[cb + 3];
        for (int p = 0; p < m; p++) {
            double a = t[2 * Lloyd.BLOCK + p] - c0;
            double b = t[3 * Lloyd.BLOCK + p] - c1;
            out[p] += a * a + b * b;
        }
        c0 = cp[cb + 4];
        c1 = cp[cb + 5];
        for (int p = 0; p < m; p++) {
            double a = t[4 * Lloyd.BLOCK + p] - c0;
            double b = t[5 * Lloyd.BLOCK + p] - c1;
            out[p] += a * a + b * b;
        }
        c0 = cp[cb + 6];
        c1 = cp[cb + 7];
        for (int p = 0; p < m; p++) {
            double a = t[6 * Lloyd.BLOCK + p] - c0;
            double b = t[7 * Lloyd.BLOCK + p] - c1;
            out[p] += a * a + b * b;
        }
    }

    /**
     * out[p] = squared distance from transposed row p (flat block t) to the centre at centres[cb..cb+d): the
     * squares of columns 0 and 1, then {@code out += a^2 + b^2} for each next pair of columns in order, then the last
     * column's square when d is odd. Two pairs share one loop, {@code (out + (a^2 + b^2)) + (c^2 + e^2)}: the same
     * additions in the same order as one loop per pair, with half the loads and stores of {@code out}.
     */
    static void blockDistances(double[] t, double[] centres, int cb, int d, double[] out, int m) {
        int j;
        if (d >= 2) {
            double c0 = centres[cb];
            double c1 = centres[cb + 1];
            for (int p = 0; p < m; p++) {
                double a = t[p] - c0;
                double b = t[Lloyd.BLOCK + p] - c1;
                out[p] = a * a + b * b;
            }
            j = 2;
        } else {
            double c0 = centres[cb];
            for (int p = 0; p < m; p++) {
                double a = t[p] - c0;
                out[p] = a * a;
            }
            j = 1;
        }
        for (; j + 4 <= d; j += 4) {
            int o0 = j * Lloyd.BLOCK;
            int o1 = o0 + Lloyd.BLOCK;
            int o2 = o1 + Lloyd.BLOCK;
            int o3 = o2 + Lloyd.BLOCK;
            double c0 = centres[cb + j];
            double c1 = centres[cb + j + 1];
            double c2 = centres[cb + j + 2];
            double c3 = centres[cb + j + 3];
            for (int p = 0; p < m; p++) {
                double a = t[o0 + p] - c0;
                double b = t[o1 + p] - c1;
                double c = t[o2 + p] - c2;
                double e = t[o3 + p] - c3;
                out[p] = (out[p] + (a * a + b * b)) + (c * c + e * e);
            }
        }
        for (; j + 2 <= d; j += 2) {
            int o0 = j * Lloyd.BLOCK;
            int o1 = o0 + Lloyd.BLOCK;
            double c0 = centres[cb + j];
            double c1 = centres[cb + j + 1];
            for (int p = 0; p < m; p++) {
                double a = t[o0 + p] - c0;
                double b = t[o1 + p] - c1;
                out[p] += a * a + b * b;
            }
        }
        if (j < d) {
            int o0 = j * Lloyd.BLOCK;
            double c0 = centres[cb + j];
            for (int p = 0; p < m; p++) {
                double a = t[o0 + p] - c0;
                out[p] += a * a;
            }
        }
    }

    /** Squared distance between a[ao..ao+d) and b[bo..bo+d), unrolled by four with two accumulators. */
    static double distance2(double[] a, int ao, double[] b, int bo, int d) {
        double s0 = 0;
        double s1 = 0;
        int j = 0;
        for (; j + 4 <= d; j += 4) {
            double t0 = a[ao + j] - b[bo + j];
            double t1 = a[ao + j + 1] - b[bo + j + 1];
            double t2 = a[ao + j + 2] - b[bo + j + 2];
            double t3 = a[ao + j + 3] - b[bo + j + 3];
            s0 += t0 * t0 + t2 * t2;
            s1 += t1 * t1 + t3 * t3;
        }
        for (; j < d; j++) {
            double t = a[ao + j] - b[bo + j];
            s0 += t * t;
        }
        return s0 + s1;
    }

    /** sums[so..so+d) += a[ao..ao+d). */
    static void add(double[] sums, int so, double[] a, int ao, int d) {
        for (int j = 0; j < d; j++) {
            sums[so + j] += a[ao + j];
        }
    }
}
