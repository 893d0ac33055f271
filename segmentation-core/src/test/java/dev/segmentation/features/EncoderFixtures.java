package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

/** Shared inputs, tolerances and assertions of the encoder tests. */
final class EncoderFixtures {
    /**
     * Golden values that follow from a few correctly rounded operations on small integers: a few ulps of the
     * exact value (computed in exact arithmetic by {@code src/test/python/encoder_golden.py}).
     */
    static final double GOLDEN = 1e-14;

    /** The brief's round-trip tolerance: inverse(transform(x)) within 1e-12 of x, relative to the column scale. */
    static final double ROUND_TRIP = 1e-12;

    private EncoderFixtures() {
    }

    /**
     * The 5 x 3 golden matrix: a = 1, 2, 4, 7, 11; b = 10, 20, 30, 10, 30; c constant 3.
     *
     * @return the matrix
     */
    static FeatureMatrix abc() {
        return FeatureMatrix.ofRows(List.of("a", "b", "c"), new double[][] {
            {1, 10, 3}, {2, 20, 3}, {4, 30, 3}, {7, 10, 3}, {11, 30, 3}});
    }

    /**
     * Asserts each element within {@code tol * max(1, |expected|)}.
     *
     * @param expected expected values
     * @param actual actual values
     * @param tol relative tolerance
     */
    static void assertClose(double[] expected, double[] actual, double tol) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * Math.max(1, Math.abs(expected[i])), "element " + i);
        }
    }

    /**
     * Asserts the tie rule of {@link QuantileBinner} on ascending scores: each cut (the number of values scored
     * k or lower) is pandas' first-rank cut {@code 1 + floor(k (n - 1) / bins)} when that falls between two
     * distinct values, and otherwise lands on a boundary of the tie group it falls in, less than the group's
     * size away; the lowest value scores 1 and the highest {@code bins} unless the column is constant (all 1).
     *
     * @param v the values (negate them for a descending column)
     * @param s their scores
     * @param bins the number of scores
     */
    static void assertBalancedWithinOneTieGroup(double[] v, double[] s, int bins) {
        int n = v.length;
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        boolean constant = sorted[0] == sorted[n - 1];
        for (int k = 1; k < bins; k++) {
            int ideal = (int) (1 + (long) k * (n - 1) / bins);
            int actual = 0;
            for (double score : s) {
                actual += score <= k ? 1 : 0;
            }
            if (constant) {
                assertEquals(n, actual, "a constant column scores 1");
                continue;
            }
            if (ideal == n || sorted[ideal - 1] != sorted[ideal]) {
                assertEquals(ideal, actual, "cut " + k + " between distinct values stays at its ideal place");
                continue;
            }
            double tied = sorted[ideal];
            long run = Arrays.stream(sorted).filter(x -> x == tied).count();
            assertTrue(Math.abs(actual - ideal) < run, "cut " + k + " moved by " + Math.abs(actual - ideal)
                    + ", more than its tie group of " + run);
            assertTrue(actual == 0 || actual == n || sorted[actual - 1] != sorted[actual],
                    "cut " + k + " lands on a tie-group boundary");
        }
        assertTrue(constant || Arrays.stream(s).anyMatch(x -> x == 1), "the lowest value scores 1");
        assertTrue(constant || Arrays.stream(s).anyMatch(x -> x == bins), "the highest value scores bins");
    }
}
