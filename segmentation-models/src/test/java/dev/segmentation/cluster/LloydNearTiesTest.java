package dev.segmentation.cluster;

import dev.segmentation.internal.ChunkRunner;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The scalar full and plain passes for d <= 8 give the labels and inertia of the exact-order distances (nearest
 * centre, ties to the lowest index) for points on, or a few ulps off, the bisecting hyperplanes of two centres:
 * the guard for any faster way of choosing the nearest centre (such as cheap scores {@code ||c||^2 - 2 x.c} with a
 * re-check of near ties).
 */
class LloydNearTiesTest {
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
                double step = r.nextBoolean() ? v[j] - along * e : 0;
                double value = 0.5 * (centres[a * d + j] + centres[b * d + j]) + step;
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
        double[] nearest = new double[n];
        for (int i = 0; i < n; i++) {
            nearest[i] = exactOrder(x, i * d, centres, 0, d);
            for (int cc = 1; cc < k; cc++) {
                double e = exactOrder(x, i * d, centres, cc * d, d);
                if (e < nearest[i]) {
                    nearest[i] = e;
                    expected[i] = cc;
                }
            }
        }
        // the documented order of a plain pass's inertia: per chunk, per block of rows, eight interleaved sums
        double inertia = 0;
        for (int c = 0; c < ChunkRunner.chunks(n); c++) {
            double chunk = 0;
            for (int b = ChunkRunner.from(c); b < ChunkRunner.to(c, n); b += Lloyd.BLOCK) {
                double[] lanes = new double[8];
                for (int i = b; i < Math.min(b + Lloyd.BLOCK, ChunkRunner.to(c, n)); i++) {
                    lanes[(i - b) % 8] += nearest[i];
                }
                chunk += ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6]
                        + lanes[7]));
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
