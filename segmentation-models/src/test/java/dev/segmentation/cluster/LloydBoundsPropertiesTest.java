package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link LloydBounds#accumulate} is {@link LloydStats#accumulate} bit for bit, pass after pass, whatever the centres
 * do between passes (Lloyd updates, jumps, two centres on one point, ties on a grid) and whether or not the reference
 * point changes (the statistics of the centres whose rows stayed are kept from the last pass), and it skips distances
 * once the centres settle.
 */
class LloydBoundsPropertiesTest {
    private static void assertSame(LloydStats expected, LloydStats actual) {
        assertArrayEquals(expected.counts(), actual.counts());
        assertArrayEquals(expected.sums(), actual.sums());
        assertArrayEquals(expected.squares(), actual.squares());
        assertArrayEquals(expected.weights(), actual.weights());
        assertEquals(expected.inertia(), actual.inertia());
    }

    /** Rows around k0 blob centres; on a grid of whole numbers when {@code grid} (many exact ties). */
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
                double v = c[j] + rng.nextGaussian() * 2;
                x[i * d + j] = grid ? Math.rint(v) : v;
            }
        }
        return x;
    }

    @Property(tries = 200)
    void everyPassEqualsThePlainPassBitForBit(@ForAll @IntRange(min = 0, max = 400) int n,
            @ForAll @IntRange(min = 1, max = 10) int d, @ForAll @IntRange(min = 1, max = 7) int k,
            @ForAll boolean weighted, @ForAll boolean grid, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = rows(n, d, 1 + rng.nextInt(5), grid, rng);
        double[] w = null;
        if (weighted) {
            w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = 0.5 + rng.nextDouble();
            }
        }
        double[] r = new double[d];
        double[] centres = new double[k * d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                centres[c * d + j] = n > 0 ? x[rng.nextInt(n) * d + j] : rng.nextDouble();
            }
        }
        LloydBounds bounds = new LloydBounds();
        for (int pass = 0; pass < 10; pass++) {
            LloydStats plain = LloydStats.accumulate(x, n, d, w, centres, k, r);
            assertSame(plain, bounds.accumulate(x, n, d, w, centres, k, r));
            double[][] next = nextPass(plain, centres, r, k, d, 6, rng);
            centres = next[0];
            r = next[1];
        }
    }

    /**
     * The next pass's centres and reference point ({@code [0]}, {@code [1]}): the Lloyd update of {@code plain},
     * then, by a draw among {@code moves}, a jump of one centre, a centre onto another, a centre onto a grid point,
     * or another reference point (the statistics kept from the last pass no longer apply); other draws change nothing.
     */
    static double[][] nextPass(LloydStats plain, double[] centres, double[] r, int k, int d, int moves,
            SplittableRandom rng) {
        double[] next = plain.centres(centres, r);
        int move = rng.nextInt(moves);
        int c = rng.nextInt(k);
        for (int j = 0; j < d; j++) {
            double v = next[c * d + j];
            next[c * d + j] = switch (move) {
                case 0 -> v + rng.nextGaussian() * 10;
                case 1 -> next[rng.nextInt(k) * d + j];
                case 2 -> Math.rint(v);
                default -> v;
            };
        }
        double[] ref = r;
        if (move == 3) {
            ref = r.clone();
            ref[rng.nextInt(d)] += 1.5;
        }
        return new double[][] {next, ref};
    }

    @Test
    void settledCentresSkipEveryOtherDistance() {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 3000;
        int d = 4;
        int k = 3;
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (i % k) * 100 + rng.nextGaussian();
            }
        }
        double[] r = new double[d];
        double[] centres = {0, 0, 0, 0, 100, 100, 100, 100, 200, 200, 200, 200};
        LloydBounds bounds = new LloydBounds();
        assertArrayEquals(new long[] {(long) n * k, 0}, LloydBounds.distanceCounts(
                bounds.accumulate(x, n, d, null, centres, k, r)));
        // the same centres again: every row keeps its centre on the half-distance test alone
        assertArrayEquals(new long[] {n, (long) n * (k - 1)}, LloydBounds.distanceCounts(
                bounds.accumulate(x, n, d, null, centres, k, r)));
        // other shapes reset the bounds: every distance again, the plain statistics
        LloydStats fewer = bounds.accumulate(x, n - 1, d, null, centres, k, r);
        assertArrayEquals(new long[] {(long) (n - 1) * k, 0}, LloydBounds.distanceCounts(fewer));
        assertSame(LloydStats.accumulate(x, n - 1, d, null, centres, k, r), fewer);
    }

    @Test
    void aChunkLargerThanTheKeptScratchGivesThePlainPassToo() {
        SplittableRandom rng = new SplittableRandom(11);
        int n = LloydBounds.KEEP_ROWS + 5;
        int d = 3;
        int k = 4;
        double[] x = rows(n, d, 4, false, rng);
        double[] r = new double[d];
        double[] centres = new double[k * d];
        for (int c = 0; c < k; c++) {
            System.arraycopy(x, c * d, centres, c * d, d);
        }
        LloydBounds bounds = new LloydBounds();
        for (int pass = 0; pass < 3; pass++) {
            LloydStats plain = LloydStats.accumulate(x, n, d, null, centres, k, r);
            assertSame(plain, bounds.accumulate(x, n, d, null, centres, k, r));
            // a small chunk on the same thread after the large one's scratch was dropped
            assertSame(LloydStats.accumulate(x, 7, d, null, centres, k, r),
                    new LloydBounds().accumulate(x, 7, d, null, centres, k, r));
            centres = plain.centres(centres, r);
        }
    }

    @Test
    void badLengthsAreRefused() {
        LloydBounds bounds = new LloydBounds();
        double[] r = new double[2];
        assertEquals("centres must have length k * d = 4, found 3", assertThrows(IllegalArgumentException.class,
                () -> bounds.accumulate(new double[4], 2, 2, null, new double[3], 2, r)).getMessage());
        assertEquals("rows must have length >= n * d = 6, found 4", assertThrows(IllegalArgumentException.class,
                () -> bounds.accumulate(new double[4], 3, 2, null, new double[4], 2, r)).getMessage());
        assertEquals("n must be >= 0, found -1", assertThrows(IllegalArgumentException.class,
                () -> bounds.accumulate(new double[4], -1, 2, null, new double[4], 2, r)).getMessage());
    }
}
