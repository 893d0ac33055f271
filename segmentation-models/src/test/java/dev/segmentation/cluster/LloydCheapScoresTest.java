package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The scalar plain pass for d <= 8 picks centres by the cheap scores {@code ||c||^2 - 2 x.c} and re-checks near
 * ties with the exact distances: its labels, counts and inertia are those of the exact-order distances (nearest
 * centre, ties to the lowest index) even for points on, or a few ulps off, the bisecting hyperplanes.
 */
class LloydCheapScoresTest {
    @Property(tries = 60)
    void nearTiesGetTheLabelsAndInertiaOfTheExactDistances(@ForAll @IntRange(min = 1, max = 1200) int n,
            @ForAll @IntRange(min = 1, max = 8) int d, @ForAll @IntRange(min = 2, max = 9) int k,
            @ForAll @IntRange(min = 0, max = 3) int scale, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double mag = Math.pow(10, 3 * scale - 3); // 1e-3 .. 1e6
        double[] centres = new double[k * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = mag * (r.nextDouble() - 0.5);
        }
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            int a = r.nextInt(k);
            int b = r.nextInt(k);
            // the midpoint of two centres plus a step along the bisecting hyperplane, then a few ulps off it
            double[] v = new double[d];
            double dot = 0;
            double nn = 0;
            for (int j = 0; j < d; j++) {
                v[j] = mag * r.nextGaussian();
                double e = centres[a * d + j] - centres[b * d + j];
                dot += v[j] * e;
                nn += e * e;
            }
            for (int j = 0; j < d; j++) {
                double e = centres[a * d + j] - centres[b * d + j];
                double along = nn == 0 ? 0 : dot / nn;
                double value = 0.5 * (centres[a * d + j] + centres[b * d + j]) + (r.nextBoolean() ? v[j] - along * e : 0);
                int ulps = r.nextInt(7) - 3;
                for (int u = 0; u < Math.abs(ulps); u++) {
                    value = ulps > 0 ? Math.nextUp(value) : Math.nextDown(value);
                }
                x[i * d + j] = value;
            }
        }
        if (r.nextBoolean()) {
            System.arraycopy(centres, 0, centres, (k - 1) * d, d); // duplicated centres: exact ties
        }
        int[] expected = new int[n];
        double inertia = 0;
        for (int c = 0; c < ChunkRunner.chunks(n); c++) {
            double chunk = 0;
            for (int i = ChunkRunner.from(c); i < ChunkRunner.to(c, n); i++) {
                double bestD = exactOrder(x, i * d, centres, 0, d);
                for (int cc = 1; cc < k; cc++) {
                    double e = exactOrder(x, i * d, centres, cc * d, d);
                    if (e < bestD) {
                        bestD = e;
                        expected[i] = cc;
                    }
                }
                chunk += bestD;
            }
            inertia += chunk;
        }
        try (ChunkRunner runner = new ChunkRunner(2, "test")) {
            Lloyd full = new Lloyd(x, n, d, k, null, runner, Lloyd.Mode.PLAIN, null);
            full.fullPass(centres);
            assertArrayEquals(expected, full.labels);
            Lloyd plain = new Lloyd(x, n, d, k, null, runner, Lloyd.Mode.PLAIN, null);
            LloydStats s = plain.plainPass(centres);
            assertArrayEquals(expected, plain.labels);
            assertEquals(inertia, s.inertia);
        }
    }

    @Test
    void rowsOnBisectingHyperplanesAreRecheckedAndSpreadRowsRarely() {
        int n = 20_000;
        int d = 8;
        int k = 8;
        SplittableRandom r = new SplittableRandom(3);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble();
        }
        double[] centres = new double[k * d];
        System.arraycopy(x, 0, centres, 0, k * d);
        try (ChunkRunner runner = new ChunkRunner(1, "test")) {
            LloydStats spread = new Lloyd(x, n, d, k, null, runner, Lloyd.Mode.PLAIN, null).plainPass(centres);
            // uniform rows in [0, 1]^8: the gap is about 2e-13, so close calls are very rare
            assertTrue(spread.rechecked < n / 1000, "re-checked " + spread.rechecked);
            System.arraycopy(centres, 0, centres, d, d); // centres 0 and 1 equal: every row of theirs is a tie
            LloydStats ties = new Lloyd(x, n, d, k, null, runner, Lloyd.Mode.PLAIN, null).plainPass(centres);
            assertTrue(ties.rechecked >= ties.counts[0] && ties.counts[0] > 0, "re-checked " + ties.rechecked);
            assertEquals(0, ties.counts[1]);
        }
    }

    @Test
    void theGapFollowsTheRoundingBound() {
        double gamma = 18 * 0x1p-53 / (1 - 18 * 0x1p-53);
        assertEquals(8 * (gamma * 9 + 64 * Double.MIN_VALUE), Lloyd.cheapGap(1, 2));
        assertEquals(8 * 64 * Double.MIN_VALUE, Lloyd.cheapGap(0, 0));
    }

    /** The exact-order distance of the scalar kernels: pairs of squares added left to right. */
    private static double exactOrder(double[] x, int xo, double[] c, int co, int d) {
        double out = 0;
        for (int j = 0; j < d; j += 2) {
            double a = x[xo + j] - c[co + j];
            double pair = a * a;
            if (j + 1 < d) {
                double b = x[xo + j + 1] - c[co + j + 1];
                pair += b * b;
            }
            out = j == 0 ? pair : out + pair;
        }
        return out;
    }
}
