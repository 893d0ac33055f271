package dev.segmentation.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DotTest {
    @Test
    void productOfSmallIntegersIsExact() {
        double[] a = {1, 2, 3, 4, 5, 6, 7};
        double[] b = {7, 6, 5, 4, 3, 2, 1};
        assertEquals(84.0, Dot.product(a, 0, b, 0, 7));
        assertEquals(2 * 5 + 3 * 4 + 4 * 3, Dot.product(a, 1, b, 2, 3));
        assertEquals(0.0, Dot.product(a, 3, b, 3, 0));
    }

    @Test
    void theFourLanesAreAddedPairwiseAndTheTailGoesToTheFirstLane() {
        // lanes s0 = 1e16, s1 = 1, s2 = -1e16, s3 = 1, then the tail: s0 = 1e16 + 1, which rounds to 1e16 (the
        // spacing of doubles there is 2); (s0 + s1) + (s2 + s3) = 1e16 + (-1e16) = 0, each inner sum rounding too
        double[] a = {1e16, 1, -1e16, 1, 1};
        double[] ones = {1, 1, 1, 1, 1};
        assertEquals(0.0, Dot.product(a, 0, ones, 0, 5));
        double leftToRight = 0;
        for (double v : a) {
            leftToRight += v;
        }
        assertEquals(2.0, leftToRight, "a left-to-right sum of the same terms");
    }

    @Test
    void aVectorPastItsArrayIsRefused() {
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> Dot.product(new double[3], 0, new double[4], 0, 4));
    }
}
