package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.segmentation.internal.ChunkRunner;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The seeding keeps the chosen candidate's minima instead of recomputing them in a pass over the rows (issue 19):
 * the centres must be, bit for bit, those of the direct algorithm, which after each step recomputes every row's
 * distance to the new centre and the chunk potentials from it (the code before the change, kept here as the
 * reference), with unit weights or not, on one thread or several, over consecutive seedings of one seeder.
 */
class KMeansPlusPlusTest {
    @Property(tries = 60)
    void seedsAreThoseOfTheDirectAlgorithmBitForBit(@ForAll @IntRange(min = 20, max = 20_000) int n,
            @ForAll @IntRange(min = 1, max = 19) int d, @ForAll @IntRange(min = 1, max = 9) int k,
            @ForAll @IntRange(min = 1, max = 3) int threads, @ForAll boolean weighted, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextInt(10) == 0 ? r.nextInt(3) : r.nextGaussian() * (1 + i % 3);
        }
        double[] w = null;
        if (weighted) {
            w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = 0.25 + r.nextInt(8) * 0.5;
            }
        }
        try (ChunkRunner runner = new ChunkRunner(threads, "test")) {
            KMeansPlusPlus seeder = new KMeansPlusPlus(x, n, d, w, runner);
            SplittableRandom a = new SplittableRandom(seed + 7);
            SplittableRandom b = new SplittableRandom(seed + 7);
            for (int run = 0; run < 3; run++) {
                double[] expected = direct(x, n, d, w, k, a.split());
                assertArrayEquals(expected, seeder.seed(k, b.split()), "seeding " + run);
            }
        }
    }

    /** Greedy k-means++ as before issue 19's change: one pass over the rows per chosen centre. */
    private static double[] direct(double[] x, int n, int d, double[] w, int k, SplittableRandom rng) {
        int chunks = ChunkRunner.chunks(n);
        double[] closest = new double[n];
        double[] chunkPot = new double[chunks];
        double[] centres = new double[k * d];
        int first;
        if (w == null) {
            first = rng.nextInt(n);
        } else {
            double total = 0;
            for (double v : w) {
                total += v;
            }
            double u = rng.nextDouble() * total;
            double acc = 0;
            first = n - 1;
            for (int i = 0; i < n; i++) {
                acc += w[i];
                if (acc > u) {
                    first = i;
                    break;
                }
            }
        }
        System.arraycopy(x, first * d, centres, 0, d);
        update(x, n, d, w, first, closest, chunkPot, true);
        int trials = KMeansPlusPlus.trials(k);
        int[] cand = new int[trials];
        for (int s = 1; s < k; s++) {
            double total = 0;
            for (int c = 0; c < chunks; c++) {
                total += chunkPot[c];
            }
            for (int t = 0; t < trials; t++) {
                cand[t] = sample(rng.nextDouble() * total, n, w, closest, chunkPot);
            }
            int bestT = 0;
            double bestPot = Double.POSITIVE_INFINITY;
            for (int t = 0; t < trials; t++) {
                double p = 0;
                for (int c = 0; c < chunks; c++) {
                    double part = 0;
                    for (int i = ChunkRunner.from(c); i < ChunkRunner.to(c, n); i++) {
                        double wi = w == null ? 1.0 : w[i];
                        part += wi * Math.min(closest[i], distance2(x, i, cand[t], d));
                    }
                    p += part;
                }
                if (p < bestPot) {
                    bestPot = p;
                    bestT = t;
                }
            }
            System.arraycopy(x, cand[bestT] * d, centres, s * d, d);
            update(x, n, d, w, cand[bestT], closest, chunkPot, false);
        }
        return centres;
    }

    private static void update(double[] x, int n, int d, double[] w, int chosen, double[] closest,
            double[] chunkPot, boolean first) {
        for (int c = 0; c < chunkPot.length; c++) {
            double pot = 0;
            for (int i = ChunkRunner.from(c); i < ChunkRunner.to(c, n); i++) {
                double s = distance2(x, i, chosen, d);
                double v = first ? s : Math.min(closest[i], s);
                closest[i] = v;
                pot += w == null ? v : w[i] * v;
            }
            chunkPot[c] = pot;
        }
    }

    /** The squared distance summed in column order, as the seeding does. */
    private static double distance2(double[] x, int i, int f, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            double u = x[i * d + j] - x[f * d + j];
            s += u * u;
        }
        return s;
    }

    private static int sample(double v, int n, double[] w, double[] closest, double[] chunkPot) {
        int chunks = chunkPot.length;
        double acc = 0;
        int c = 0;
        while (c < chunks - 1 && acc + chunkPot[c] <= v) {
            acc += chunkPot[c];
            c++;
        }
        int lastPositive = -1;
        for (int i = ChunkRunner.from(c); i < ChunkRunner.to(c, n); i++) {
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
        throw new IllegalStateException("no row left with positive distance");
    }
}
