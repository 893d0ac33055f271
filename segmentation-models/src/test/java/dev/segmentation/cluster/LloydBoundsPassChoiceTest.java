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
 * Issue 20: a chunk's passes may be plain (every distance, from the chunk's kept transposed rows, the statistics
 * carried block by block) or bounded, chosen per pass from the skips the bounds are expected to give; whatever the
 * choice and whichever kernel (scalar, or the vector kernel in the surefire execution {@code vector-kernel}, whose JVM
 * has {@code jdk.incubator.vector}), every pass returns {@link LloydStats#accumulate}'s statistics of the scalar
 * kernels bit for bit.
 */
class LloydBoundsPassChoiceTest {
    private static void assertSame(LloydStats expected, LloydStats actual, String what) {
        assertArrayEquals(expected.counts(), actual.counts(), what);
        assertArrayEquals(expected.sums(), actual.sums(), what);
        assertArrayEquals(expected.squares(), actual.squares(), what);
        assertArrayEquals(expected.weights(), actual.weights(), what);
        assertEquals(expected.inertia(), actual.inertia(), what);
    }

    /** Rows around a few blob centres, or uniform in [0, 1); on a grid of whole numbers when {@code grid}. */
    private static double[] rows(int n, int d, int blobs, boolean grid, SplittableRandom rng) {
        double[][] at = new double[blobs][d];
        for (double[] c : at) {
            for (int j = 0; j < d; j++) {
                c[j] = rng.nextDouble(-20, 20);
            }
        }
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            double[] c = at[rng.nextInt(blobs)];
            for (int j = 0; j < d; j++) {
                double v = blobs == 1 ? rng.nextDouble() * 8 : c[j] + rng.nextGaussian() * 2;
                x[i * d + j] = grid ? Math.rint(v) : v;
            }
        }
        return x;
    }

    /** The scalar pass with every distance: {@link LloydStats#accumulate} without the vector kernel. */
    private static LloydStats reference(double[] x, int n, int d, double[] w, double[] centres, int k, double[] r) {
        return new LloydBounds(-1, false).accumulate(x, n, d, w, centres, k, r);
    }

    @Property(tries = 150)
    void everyChoiceOfPassesGivesThePlainStatisticsBitForBit(@ForAll @IntRange(min = 0, max = 1300) int n,
            @ForAll @IntRange(min = 1, max = 10) int d, @ForAll @IntRange(min = 1, max = 8) int k,
            @ForAll @IntRange(min = 0, max = 4) int policy, @ForAll boolean weighted, @ForAll boolean grid,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        // d = 8 with unit weights is the blocked statistics' case: make it common
        int dd = rng.nextInt(3) == 0 ? 8 : d;
        double[] x = rows(n, dd, 1 + rng.nextInt(4), grid, rng);
        double[] w = null;
        if (weighted && rng.nextBoolean()) {
            w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = 0.5 + rng.nextDouble();
            }
        }
        double[] r = new double[dd];
        double[] centres = new double[k * dd];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < dd; j++) {
                centres[c * dd + j] = n > 0 ? x[rng.nextInt(n) * dd + j] : rng.nextDouble();
            }
        }
        // every pass bounded after the first, plain below 30% / 70% expected skips, every pass plain, the default
        double boundedFrom = new double[] {0, 0.3, 0.7, 2, -1}[policy];
        LloydBounds scalar = new LloydBounds(boundedFrom, false);
        LloydBounds vector = new LloydBounds(boundedFrom, true);
        for (int pass = 0; pass < 8; pass++) {
            LloydStats plain = reference(x, n, dd, w, centres, k, r);
            LloydStats a = scalar.accumulate(x, n, dd, w, centres, k, r);
            assertSame(plain, a, "scalar, pass " + pass);
            assertSame(plain, vector.accumulate(x, n, dd, w, centres, k, r), "default kernel, pass " + pass);
            long[] counts = LloydBounds.distanceCounts(a);
            assertEquals((long) n * k, counts[0] + counts[1], "distances computed and skipped, pass " + pass);
            double[][] next = LloydBoundsPropertiesTest.nextPass(plain, centres, r, k, dd, 8, rng);
            centres = next[0];
            r = next[1];
        }
    }

    @Test
    void theKeptTransposedRowsFollowTheRowCountOfTheSameArray() {
        SplittableRandom rng = new SplittableRandom(21);
        int d = 8;
        int k = 3;
        double[] x = rows(900, d, 3, false, rng);
        double[] r = new double[d];
        double[] centres = java.util.Arrays.copyOf(x, k * d);
        LloydBounds plain = new LloydBounds(2, true);
        // fewer rows, then more in the same number of blocks, then all: every pass plain, from the same array
        for (int n : new int[] {600, 1000 - 100, 700, 900}) {
            assertSame(reference(x, n, d, null, centres, k, r), plain.accumulate(x, n, d, null, centres, k, r),
                    n + " rows");
            assertSame(reference(x, n, d, null, centres, k, r), plain.accumulate(x, n, d, null, centres, k, r),
                    n + " rows again");
        }
    }

    @Test
    void aPlainPassSkipsNothingAndTheBoundsReturnOnceTheCentresSettle() {
        SplittableRandom rng = new SplittableRandom(20);
        int n = 4096;
        int d = 8;
        int k = 4;
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (i % k) * 100 + rng.nextGaussian();
            }
        }
        double[] r = new double[d];
        double[] centres = new double[k * d];
        for (int c = 0; c < k; c++) {
            System.arraycopy(x, c * d, centres, c * d, d);
        }
        // plain below 70% expected skips: the first pass is plain; with the centres far from their rows' means the
        // second is plain too ...
        LloydBounds bounds = new LloydBounds(0.7, true);
        assertArrayEquals(new long[] {(long) n * k, 0},
                LloydBounds.distanceCounts(bounds.accumulate(x, n, d, null, centres, k, r)));
        double[] far = centres.clone();
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                far[c * d + j] += c % 2 == 0 ? 60 : -60;
            }
        }
        LloydStats moved = bounds.accumulate(x, n, d, null, far, k, r);
        assertArrayEquals(new long[] {(long) n * k, 0}, LloydBounds.distanceCounts(moved));
        assertSame(reference(x, n, d, null, far, k, r), moved, "far centres");
        // ... and once they stop moving, every row keeps its centre by the bounds alone
        LloydStats settled = bounds.accumulate(x, n, d, null, far, k, r);
        assertArrayEquals(new long[] {n, (long) n * (k - 1)}, LloydBounds.distanceCounts(settled));
        assertSame(reference(x, n, d, null, far, k, r), settled, "settled centres");
        // plain passes only when told so
        LloydBounds plain = new LloydBounds(2, true);
        for (int pass = 0; pass < 3; pass++) {
            LloydStats s = plain.accumulate(x, n, d, null, far, k, r);
            assertEquals(0, LloydBounds.distanceCounts(s)[1], "pass " + pass);
            assertSame(settled, s, "plain pass " + pass);
        }
        assertTrue(LloydBounds.VECTOR_BOUNDED_FROM > 0 && LloydBounds.VECTOR_BOUNDED_FROM < 1);
    }
}
