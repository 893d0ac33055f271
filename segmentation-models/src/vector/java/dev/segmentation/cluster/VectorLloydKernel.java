package dev.segmentation.cluster;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The plain Lloyd pass for d = 8 with {@code jdk.incubator.vector}, bit-identical to {@link Lloyd}'s scalar pass.
 *
 * <p>Compiled by a separate compiler execution with {@code --add-modules jdk.incubator.vector} and loaded by
 * name ({@link LloydKernel.Loader}) only when the running JVM has that module. It reads the same transposed
 * blocks as the scalar pass: one vector holds one coordinate of L consecutive rows (L = 8 with 512-bit vectors),
 * loaded straight from the block, and all k distances and the nearest centre of the L rows are computed in
 * registers. For every centre the squared distance is summed lane-wise exactly as the scalar kernel sums it,
 * {@code (((a0 a0 + a1 a1) + (a2 a2 + a3 a3)) + (a4 a4 + a5 a5)) + (a6 a6 + a7 a7)} with {@code aj = xj - cj}
 * (Java never fuses a multiply and an add, lane-wise or not), so the distances are the same bits. The nearest
 * centre is kept with a strict {@code <} over the centres in index order, which is the lowest index among equal
 * minima, as the scalar pass. Labels and distances then go through {@link LloydKernels#settleBlock}, the scalar pass's
 * own code for the statistics of the rows that moved and the inertia.
 */
final class VectorLloydKernel implements LloydKernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int D = 8;
    private static final int B = Lloyd.BLOCK;

    VectorLloydKernel() {
        if (L != 4 && L != 8) {
            throw new UnsupportedOperationException("preferred vector of " + L + " doubles");
        }
    }

    @Override
    public void plainChunk8(double[][] blocks, int from, int to, double[] centres, int k, double[] ref,
            int[] labels, LloydStats s) {
        final double[] best = new double[B];
        final double[] lab = new double[B];
        for (int start = from; start < to; start += B) {
            final int m = Math.min(B, to - start);
            final double[] t = blocks[start / B];
            int p = 0;
            for (; p + L <= m; p += L) {
                DoubleVector t0 = DoubleVector.fromArray(S, t, p);
                DoubleVector t1 = DoubleVector.fromArray(S, t, B + p);
                DoubleVector t2 = DoubleVector.fromArray(S, t, 2 * B + p);
                DoubleVector t3 = DoubleVector.fromArray(S, t, 3 * B + p);
                DoubleVector t4 = DoubleVector.fromArray(S, t, 4 * B + p);
                DoubleVector t5 = DoubleVector.fromArray(S, t, 5 * B + p);
                DoubleVector t6 = DoubleVector.fromArray(S, t, 6 * B + p);
                DoubleVector t7 = DoubleVector.fromArray(S, t, 7 * B + p);
                // centre 0 is taken for certain (its finite distance is below +infinity), as the scalar pass starts
                DoubleVector b = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
                DoubleVector a = DoubleVector.zero(S);
                for (int c = 0, cb = 0; c < k; c++, cb += D) {
                    // (((a0 a0 + a1 a1) + (a2 a2 + a3 a3)) + (a4 a4 + a5 a5)) + (a6 a6 + a7 a7), as the scalar kernel
                    DoubleVector u = t0.sub(centres[cb]);
                    DoubleVector v = t1.sub(centres[cb + 1]);
                    DoubleVector dc = u.mul(u).add(v.mul(v));
                    u = t2.sub(centres[cb + 2]);
                    v = t3.sub(centres[cb + 3]);
                    dc = dc.add(u.mul(u).add(v.mul(v)));
                    u = t4.sub(centres[cb + 4]);
                    v = t5.sub(centres[cb + 5]);
                    dc = dc.add(u.mul(u).add(v.mul(v)));
                    u = t6.sub(centres[cb + 6]);
                    v = t7.sub(centres[cb + 7]);
                    dc = dc.add(u.mul(u).add(v.mul(v)));
                    VectorMask<Double> closer = dc.lt(b);
                    b = b.blend(dc, closer);
                    a = a.blend((double) c, closer);
                }
                b.intoArray(best, p);
                a.intoArray(lab, p);
            }
            for (; p < m; p++) {
                double b = distance(t, p, centres, 0);
                int a = 0;
                for (int c = 1; c < k; c++) {
                    double dc = distance(t, p, centres, c * D);
                    if (dc < b) {
                        b = dc;
                        a = c;
                    }
                }
                best[p] = b;
                lab[p] = a;
            }
            LloydKernels.settleBlock(t, start, m, best, lab, labels, ref, null, s);
        }
        s.computed = (long) (to - from) * k;
    }

    @Override
    public void nearest8(double[] t, int m, double[] centres, int k, double[] b1, double[] b2, double[] ld,
            double[] own, int ownFrom) {
        int p = 0;
        final DoubleVector inf = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
        for (; p + L <= m; p += L) {
            DoubleVector t0 = DoubleVector.fromArray(S, t, p);
            DoubleVector t1 = DoubleVector.fromArray(S, t, B + p);
            DoubleVector t2 = DoubleVector.fromArray(S, t, 2 * B + p);
            DoubleVector t3 = DoubleVector.fromArray(S, t, 3 * B + p);
            DoubleVector t4 = DoubleVector.fromArray(S, t, 4 * B + p);
            DoubleVector t5 = DoubleVector.fromArray(S, t, 5 * B + p);
            DoubleVector t6 = DoubleVector.fromArray(S, t, 6 * B + p);
            DoubleVector t7 = DoubleVector.fromArray(S, t, 7 * B + p);
            // centre 0 is taken for certain (its finite distance is below +infinity), as the scalar sweep starts
            DoubleVector b = inf;
            DoubleVector sec = inf;
            DoubleVector a = DoubleVector.zero(S);
            DoubleVector o = DoubleVector.zero(S);
            for (int c = 0, cb = 0; c < k; c++, cb += D) {
                DoubleVector u0 = t0.sub(centres[cb]);
                DoubleVector u1 = t1.sub(centres[cb + 1]);
                DoubleVector u2 = t2.sub(centres[cb + 2]);
                DoubleVector u3 = t3.sub(centres[cb + 3]);
                DoubleVector u4 = t4.sub(centres[cb + 4]);
                DoubleVector u5 = t5.sub(centres[cb + 5]);
                DoubleVector u6 = t6.sub(centres[cb + 6]);
                DoubleVector u7 = t7.sub(centres[cb + 7]);
                DoubleVector q0 = u0.mul(u0);
                DoubleVector q1 = u1.mul(u1);
                DoubleVector q2 = u2.mul(u2);
                DoubleVector q3 = u3.mul(u3);
                DoubleVector q4 = u4.mul(u4);
                DoubleVector q5 = u5.mul(u5);
                DoubleVector q6 = u6.mul(u6);
                DoubleVector q7 = u7.mul(u7);
                // the column kernel's order (LloydKernels.distances8) for the choice ...
                DoubleVector dc = q0.add(q1).add(q2.add(q3)).add(q4.add(q5)).add(q6.add(q7));
                // ... and the row kernel's (LloydBounds.distance8) for the inertia
                DoubleVector dr = q0.add(q2).add(q4.add(q6)).add(q1.add(q3).add(q5.add(q7)));
                VectorMask<Double> closer = dc.lt(b);
                sec = sec.min(b.max(dc));
                b = b.blend(dc, closer);
                a = a.blend((double) c, closer);
                o = o.blend(dr, closer);
            }
            b.intoArray(b1, p);
            sec.intoArray(b2, p);
            a.intoArray(ld, p);
            o.intoArray(own, ownFrom + p);
        }
        for (; p < m; p++) {
            double b = distance(t, p, centres, 0);
            double sec = Double.POSITIVE_INFINITY;
            int a = 0;
            for (int c = 1; c < k; c++) {
                double dc = distance(t, p, centres, c * D);
                sec = Math.min(sec, Math.max(b, dc));
                if (dc < b) {
                    b = dc;
                    a = c;
                }
            }
            b1[p] = b;
            b2[p] = sec;
            ld[p] = a;
            own[ownFrom + p] = LloydKernels.tileDistance8(t, p, centres, a * D);
        }
    }

    /** The squared distance of block row p to one centre, summed as the vector loop and the scalar kernel. */
    private static double distance(double[] t, int p, double[] cp, int cb) {
        double a = t[p] - cp[cb];
        double b = t[B + p] - cp[cb + 1];
        double out = a * a + b * b;
        a = t[2 * B + p] - cp[cb + 2];
        b = t[3 * B + p] - cp[cb + 3];
        out += a * a + b * b;
        a = t[4 * B + p] - cp[cb + 4];
        b = t[5 * B + p] - cp[cb + 5];
        out += a * a + b * b;
        a = t[6 * B + p] - cp[cb + 6];
        b = t[7 * B + p] - cp[cb + 7];
        return out + (a * a + b * b);
    }
}
