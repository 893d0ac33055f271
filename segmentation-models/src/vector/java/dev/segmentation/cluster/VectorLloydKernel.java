package dev.segmentation.cluster;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The plain Lloyd pass for d = 8 with {@code jdk.incubator.vector}, bit-identical to {@link Lloyd}'s scalar pass.
 *
 * <p>Compiled by a separate compiler execution with {@code --add-modules jdk.incubator.vector} and loaded by
 * name ({@link LloydKernel.Loader}) only when the running JVM has that module. One vector holds one coordinate
 * of L consecutive rows (L = 8 with 512-bit vectors): each group of L rows is transposed into an L x 8 tile that
 * stays in L1 (instead of the scalar pass's 256-row block; vector gathers with stride 8 measured slower), and all
 * k distances and the nearest centre of the group are computed in registers. For every centre the squared distance is
 * summed lane-wise exactly as the scalar kernel sums it, {@code (((a0 a0 + a1 a1) + (a2 a2 + a3 a3)) + (a4 a4 +
 * a5 a5)) + (a6 a6 + a7 a7)} with {@code aj = xj - cj} (Java never fuses a multiply and an add, lane-wise or
 * not), so the distances are the same bits. The nearest centre is kept with a strict {@code <} over the centres
 * in index order, which is the lowest index among equal minima, as the scalar pass. The centre sums are
 * accumulated per block of {@link Lloyd#BLOCK} rows, per centre, over its rows in row order (one vector per row
 * for its 8 coordinates), then added to the chunk's sums in centre order: the additions of the scalar pass's
 * bucketed sums, in the same order. The inertia is summed in row order.
 */
final class VectorLloydKernel implements LloydKernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int D = 8;

    VectorLloydKernel() {
        if (L != 4 && L != 8) {
            throw new UnsupportedOperationException("preferred vector of " + L + " doubles");
        }
    }

    @Override
    public void plainChunk8(double[] x, int from, int to, double[] centres, int k, double[] ref, int[] labels,
            LloydStats s) {
        final double[] acc = new double[k * D];
        final int[] cnt = new int[k];
        final double[] bestBuf = new double[L];
        final double[] labBuf = new double[L];
        final double[] tile = new double[D * L];
        final DoubleVector ref0 = DoubleVector.fromArray(S, ref, 0);
        final DoubleVector ref1 = L == D ? ref0 : DoubleVector.fromArray(S, ref, L);
        double inertia = 0;
        long moved = 0;
        for (int start = from; start < to; start += Lloyd.BLOCK) {
            final int end = Math.min(start + Lloyd.BLOCK, to);
            int i = start;
            for (; i + L <= end; i += L) {
                final int o = i * D;
                for (int p = 0; p < L; p++) {
                    Lloyd.transposeRow8(x, o + p * D, tile, p, L);
                }
                DoubleVector t0 = DoubleVector.fromArray(S, tile, 0);
                DoubleVector t1 = DoubleVector.fromArray(S, tile, L);
                DoubleVector t2 = DoubleVector.fromArray(S, tile, 2 * L);
                DoubleVector t3 = DoubleVector.fromArray(S, tile, 3 * L);
                DoubleVector t4 = DoubleVector.fromArray(S, tile, 4 * L);
                DoubleVector t5 = DoubleVector.fromArray(S, tile, 5 * L);
                DoubleVector t6 = DoubleVector.fromArray(S, tile, 6 * L);
                DoubleVector t7 = DoubleVector.fromArray(S, tile, 7 * L);
                DoubleVector best = distances(t0, t1, t2, t3, t4, t5, t6, t7, centres, 0);
                DoubleVector lab = DoubleVector.zero(S);
                for (int c = 1; c < k; c++) {
                    DoubleVector dc = distances(t0, t1, t2, t3, t4, t5, t6, t7, centres, c * D);
                    VectorMask<Double> closer = dc.lt(best);
                    best = best.blend(dc, closer);
                    lab = lab.blend((double) c, closer);
                }
                best.intoArray(bestBuf, 0);
                lab.intoArray(labBuf, 0);
                for (int p = 0; p < L; p++) {
                    final int r = i + p;
                    final int a = (int) labBuf[p];
                    moved += labels[r] != a ? 1 : 0;
                    labels[r] = a;
                    inertia += bestBuf[p];
                    cnt[a]++;
                    final int ab = a * D;
                    final int ro = r * D;
                    DoubleVector.fromArray(S, x, ro).sub(ref0).add(DoubleVector.fromArray(S, acc, ab))
                            .intoArray(acc, ab);
                    if (L != D) {
                        DoubleVector.fromArray(S, x, ro + L).sub(ref1).add(DoubleVector.fromArray(S, acc, ab + L))
                                .intoArray(acc, ab + L);
                    }
                }
            }
            for (; i < end; i++) {
                final int o = i * D;
                double best = distance(x, o, centres, 0);
                int a = 0;
                for (int c = 1; c < k; c++) {
                    double dc = distance(x, o, centres, c * D);
                    if (dc < best) {
                        best = dc;
                        a = c;
                    }
                }
                moved += labels[i] != a ? 1 : 0;
                labels[i] = a;
                inertia += best;
                cnt[a]++;
                final int ab = a * D;
                for (int j = 0; j < D; j++) {
                    acc[ab + j] += x[o + j] - ref[j];
                }
            }
            for (int c = 0; c < k; c++) {
                if (cnt[c] == 0) {
                    continue;
                }
                final int cb = c * D;
                for (int j = 0; j < D; j++) {
                    s.sums[cb + j] += acc[cb + j];
                    acc[cb + j] = 0;
                }
                s.weights[c] += cnt[c];
                s.counts[c] += cnt[c];
                cnt[c] = 0;
            }
        }
        s.inertia = inertia;
        s.reassigned = moved;
        s.computed = (long) (to - from) * k;
    }

    /** Squared distances of L rows (coordinate j in tj) to the centre at cp[cb..cb+8), summed as the scalar kernel. */
    private static DoubleVector distances(DoubleVector t0, DoubleVector t1, DoubleVector t2, DoubleVector t3,
            DoubleVector t4, DoubleVector t5, DoubleVector t6, DoubleVector t7, double[] cp, int cb) {
        DoubleVector a = t0.sub(cp[cb]);
        DoubleVector b = t1.sub(cp[cb + 1]);
        DoubleVector out = a.mul(a).add(b.mul(b));
        a = t2.sub(cp[cb + 2]);
        b = t3.sub(cp[cb + 3]);
        out = out.add(a.mul(a).add(b.mul(b)));
        a = t4.sub(cp[cb + 4]);
        b = t5.sub(cp[cb + 5]);
        out = out.add(a.mul(a).add(b.mul(b)));
        a = t6.sub(cp[cb + 6]);
        b = t7.sub(cp[cb + 7]);
        return out.add(a.mul(a).add(b.mul(b)));
    }

    /** The squared distance of one row to one centre, summed as {@link #distances}. */
    private static double distance(double[] x, int o, double[] cp, int cb) {
        double a = x[o] - cp[cb];
        double b = x[o + 1] - cp[cb + 1];
        double out = a * a + b * b;
        a = x[o + 2] - cp[cb + 2];
        b = x[o + 3] - cp[cb + 3];
        out += a * a + b * b;
        a = x[o + 4] - cp[cb + 4];
        b = x[o + 5] - cp[cb + 5];
        out += a * a + b * b;
        a = x[o + 6] - cp[cb + 6];
        b = x[o + 7] - cp[cb + 7];
        return out + (a * a + b * b);
    }
}
