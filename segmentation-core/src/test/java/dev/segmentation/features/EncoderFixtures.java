package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
