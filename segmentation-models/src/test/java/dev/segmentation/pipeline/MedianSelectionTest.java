package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: the summaries' medians by selection give the bits of the sorted-copy median they replace, with ties,
 * signed zeros, integer scores and NaN.
 */
class MedianSelectionTest {
    private static final double[] POOL = {-0.0, 0.0, 1.0, -1.0, 2.5, 3.0, 1e-300, -1e300, 7.0, 0.1, 0.2, 0.3};

    /** The reference: the middle of a sorted copy, or the mean of the two middle values. */
    private static double sortedMedian(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int h = v.length / 2;
        return v.length % 2 == 1 ? v[h] : (v[h - 1] + v[h]) / 2;
    }

    private static void assertSameBits(double expected, double actual, double[] v) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                expected + " against " + actual + " for " + Arrays.toString(v));
    }

    @Property(tries = 1000)
    void selectionGivesTheSortedMedianBitForBit(@ForAll @IntRange(min = 0, max = 200) int n, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 12) int distinct, @ForAll boolean uniform) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = uniform ? rnd.nextDouble() * 100 - 50 : POOL[rnd.nextInt(distinct)];
        }
        double[] copy = v.clone();
        assertSameBits(sortedMedian(v), SegmentProfiling.median(v), v);
        assertEquals(Arrays.toString(copy), Arrays.toString(v), "median must not modify its argument");
        assertSameBits(sortedMedian(copy), SegmentProfiling.medianInPlace(copy), v);
    }

    @Test
    void signedZerosNaNAndSmallCases() {
        double[][] cases = {{}, {5}, {-0.0, 0.0}, {0.0, -0.0}, {0.0, -0.0, 0.0}, {-0.0, -0.0, 0.0},
            {1, Double.NaN, 2}, {Double.NaN}, {3, 1, 2, 2}, {1, 1, 1, 1, 1, 5}, {5, 4, 3, 2, 1}};
        for (double[] c : cases) {
            assertSameBits(sortedMedian(c), SegmentProfiling.median(c), c);
        }
        assertSameBits(-0.0, SegmentProfiling.median(new double[] {-0.0, 0.0, -0.0}), new double[0]);
        assertSameBits(0.0, SegmentProfiling.median(new double[] {-0.0, 0.0, 0.0}), new double[0]);
        assertSameBits(2.0, SegmentProfiling.median(new double[] {3, 1, 2, 2}), new double[0]);
    }

    @Test
    void sortKeysOrderAsArraysSortAndInvert() {
        double[] v = {-1e300, -1.0, -Double.MIN_VALUE, -0.0, 0.0, Double.MIN_VALUE, 1.0, 1e300};
        for (int i = 0; i < v.length; i++) {
            assertEquals(Double.doubleToRawLongBits(v[i]),
                    Double.doubleToRawLongBits(SegmentProfiling.fromSortKey(SegmentProfiling.sortKey(v[i]))));
            if (i > 0) {
                assertEquals(-1, Long.compare(SegmentProfiling.sortKey(v[i - 1]), SegmentProfiling.sortKey(v[i])));
            }
        }
    }
}
