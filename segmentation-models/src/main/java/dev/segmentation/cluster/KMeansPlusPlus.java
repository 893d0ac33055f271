package dev.segmentation.cluster;

import dev.segmentation.internal.ChunkRunner;
import java.util.SplittableRandom;

/**
 * Greedy k-means++ seeding (Arthur and Vassilvitskii 2007, with the greedy refinement of scikit-learn's
 * {@code _kmeans_plusplus}): the first centre is a row drawn with probability proportional to its weight; each
 * next centre is the best, by resulting potential, of {@code 2 + floor(ln k)} candidates drawn with probability
 * proportional to weight times the squared distance to the nearest centre chosen so far.
 *
 * <p>Every data pass runs over fixed chunks; per-chunk partial potentials are summed in chunk order, so the
 * chosen rows do not depend on the number of threads.
 */
final class KMeansPlusPlus {
    private final double[] x;
    private final int n;
    private final int d;
    private final double[] w;
    private final ChunkRunner runner;
    private final int chunks;
    /** Squared distance of each row to its nearest chosen centre. */
    private double[] closest;
    /**
     * Per candidate of a step, each row's {@code min(closest, squared distance to the candidate)}: the chosen
     * candidate's array becomes {@link #closest} (null until the first step).
     */
    private double[][] nearest;
    /** Weighted potential per chunk. */
    private final double[] chunkPot;

    KMeansPlusPlus(double[] x, int n, int d, double[] w, ChunkRunner runner) {
        this.x = x;
        this.n = n;
        this.d = d;
        this.w = w;
        this.runner = runner;
        this.chunks = ChunkRunner.chunks(n);
        this.closest = new double[n];
        this.chunkPot = new double[chunks];
    }

    /** Returns the number of candidates per step, {@code 2 + floor(ln k)}. */
    static int trials(int k) {
        return 2 + (int) Math.log(k);
    }

    /**
     * Chooses k centres; the data must hold at least k distinct rows.
     *
     * @return the centres, k x d row-major
     */
    double[] seed(int k, SplittableRandom rng) {
        double[] centres = new double[k * d];
        int first = firstRow(rng);
        System.arraycopy(x, first * d, centres, 0, d);
        runner.run(chunks, (c, worker) -> initClosest(c, first));
        int trials = trials(k);
        int[] cand = new int[trials];
        double[][] pot = new double[chunks][trials];
        if (k > 1 && (nearest == null || nearest.length < trials)) {
            nearest = new double[trials][n];
        }
        for (int s = 1; s < k; s++) {
            double total = 0;
            for (int c = 0; c < chunks; c++) {
                total += chunkPot[c];
            }
            for (int t = 0; t < trials; t++) {
                cand[t] = sample(rng.nextDouble() * total);
            }
            runner.run(chunks, (c, worker) -> candidatePotentials(c, cand, pot[c]));
            int bestT = 0;
            double bestPot = Double.POSITIVE_INFINITY;
            for (int t = 0; t < trials; t++) {
                double p = 0;
                for (int c = 0; c < chunks; c++) {
                    p += pot[c][t];
                }
                if (p < bestPot) {
                    bestPot = p;
                    bestT = t;
                }
            }
            int chosen = cand[bestT];
            System.arraycopy(x, chosen * d, centres, s * d, d);
            // the chosen candidate's minima and potentials are the new closest distances and chunk potentials:
            // the same values, summed in the same order, as a pass over the rows recomputing them (issue 19)
            double[] next = nearest[bestT];
            nearest[bestT] = closest;
            closest = next;
            for (int c = 0; c < chunks; c++) {
                chunkPot[c] = pot[c][bestT];
            }
        }
        return centres;
    }

    private int firstRow(SplittableRandom rng) {
        if (w == null) {
            return rng.nextInt(n);
        }
        double total = 0;
        for (double v : w) {
            total += v;
        }
        double u = rng.nextDouble() * total;
        double acc = 0;
        for (int i = 0; i < n; i++) {
            acc += w[i];
            if (acc > u) {
                return i;
            }
        }
        return n - 1;
    }

    /** First row whose cumulative weighted potential exceeds v; the last row with positive potential otherwise. */
    private int sample(double v) {
        double acc = 0;
        int c = 0;
        while (c < chunks - 1 && acc + chunkPot[c] <= v) {
            acc += chunkPot[c];
            c++;
        }
        int from = ChunkRunner.from(c);
        int to = ChunkRunner.to(c, n);
        int lastPositive = -1;
        for (int i = from; i < to; i++) {
            double p = w == null ? closest[i] : w[i] * closest[i];
            if (p > 0) {
                acc += p;
                lastPositive = i;
                if (acc > v) {
                    return i;
                }
            }
        }
        if (lastPositive >= 0) {
            return lastPositive;
        }
        for (int i = n - 1; i >= 0; i--) {
            if (closest[i] > 0) {
                return i;
            }
        }
        throw new IllegalStateException("k-means++: no row left with positive distance");
    }

    private void initClosest(int c, int first) {
        int from = ChunkRunner.from(c);
        int to = ChunkRunner.to(c, n);
        int f = first * d;
        double pot = 0;
        for (int i = from; i < to; i++) {
            int o = i * d;
            double s = 0;
            for (int j = 0; j < d; j++) {
                double t = x[o + j] - x[f + j];
                s += t * t;
            }
            closest[i] = s;
            pot += w == null ? s : w[i] * s;
        }
        chunkPot[c] = pot;
    }

    /**
     * The potential of each candidate over chunk c, {@code sum_i w_i min(closest_i, |x_i - candidate|^2)} in row
     * order, keeping each row's minimum in {@link #nearest} (so the chosen candidate needs no second pass: unit
     * weights multiply by exactly 1.0, and the sum is the one a pass updating {@code closest} would make).
     */
    private void candidatePotentials(int c, int[] cand, double[] out) {
        int from = ChunkRunner.from(c);
        int to = ChunkRunner.to(c, n);
        int trials = cand.length;
        double[][] near = nearest;
        java.util.Arrays.fill(out, 0.0);
        for (int i = from; i < to; i++) {
            int o = i * d;
            double cl = closest[i];
            double wi = w == null ? 1.0 : w[i];
            for (int t = 0; t < trials; t++) {
                int f = cand[t] * d;
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double u = x[o + j] - x[f + j];
                    s += u * u;
                }
                double v = Math.min(cl, s);
                near[t][i] = v;
                out[t] += wi * v;
            }
        }
    }
}
