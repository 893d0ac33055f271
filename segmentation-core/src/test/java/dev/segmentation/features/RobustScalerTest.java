package dev.segmentation.features;

import static dev.segmentation.features.EncoderFixtures.GOLDEN;
import static dev.segmentation.features.EncoderFixtures.abc;
import static dev.segmentation.features.EncoderFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden values: {@code src/test/python/encoder_golden.py} (scikit-learn RobustScaler: numpy median and
 * "linear" percentiles).
 */
class RobustScalerTest {
    @Test
    void matchesRobustScalerOnTheGoldenMatrix() {
        RobustScalerModel r = RobustScaler.builder().build().fit(abc());
        assertArrayEquals(new double[] {4, 20, 3}, r.centers());
        assertArrayEquals(new double[] {5, 20, 1}, r.scales(), "a zero IQR becomes 1");
        FeatureMatrix y = r.transform(abc());
        assertClose(new double[] {-0.6, -0.4, 0, 0.6, 1.4}, y.column(0), GOLDEN);
        assertArrayEquals(new double[] {-0.5, 0, 0.5, -0.5, 0.5}, y.column(1));
        assertArrayEquals(new double[5], y.column(2));
    }

    @Test
    void interpolatedQuantileRange() {
        // a: h = 4 * 0.1 = 0.4 -> 1 + 0.4 * (2 - 1) = 1.4; h = 3.6 -> 7 + 0.6 * (11 - 7) = 9.4; range 8.
        RobustScalerModel r = RobustScaler.builder().quantileRange(10, 90).build().fit(abc());
        assertClose(new double[] {8, 20, 1}, r.scales(), GOLDEN);
        assertClose(new double[] {-0.375, -0.25, 0, 0.375, 0.875}, r.transform(abc()).column(0), GOLDEN);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        FeatureMatrix x = FeatureMatrix.ofRows(List.of("v"), new double[][] {{1}, {10}, {2}, {5}});
        RobustScalerModel r = RobustScaler.builder().build().fit(x);
        assertEquals(3.5, r.centers()[0]);
        // sorted 1, 2, 5, 10: Q(0.25) at h = 0.75 -> 2 - 1 * 0.25 = 1.75; Q(0.75) at h = 2.25 -> 5 + 5 * 0.25.
        assertEquals(6.25 - 1.75, r.scales()[0], GOLDEN);
    }

    @Test
    void centeringAndScalingCanBeSwitchedOff() {
        RobustScalerModel noCenter = RobustScaler.builder().centering(false).build().fit(abc());
        assertArrayEquals(new double[3], noCenter.centers());
        assertArrayEquals(new double[] {5, 20, 1}, noCenter.scales());
        RobustScalerModel noScale = RobustScaler.builder().scaling(false).build().fit(abc());
        assertArrayEquals(new double[] {4, 20, 3}, noScale.centers());
        assertArrayEquals(new double[] {1, 1, 1}, noScale.scales());
        assertArrayEquals(new double[] {-3, -2, 0, 3, 7}, noScale.transform(abc()).column(0));
    }

    @Test
    void inverseGivesBackOriginalUnits() {
        RobustScalerModel r = RobustScaler.builder().columns("a", "b").build().fit(abc());
        assertTrue(r.invertible());
        assertClose(abc().toArray(), r.inverseTransform(r.transform(abc())).toArray(), 1e-15);
    }

    @Test
    void toStringListsEveryHyperparameter() {
        assertEquals("RobustScaler{columns=all, quantileRange=[25.0, 75.0], centering=true, scaling=true}",
                RobustScaler.builder().build().toString());
        assertEquals("RobustScaler{columns=[a], quantileRange=[5.0, 95.0], centering=false, scaling=false}",
                RobustScaler.builder().columns("a").quantileRange(5, 95).centering(false).scaling(false).build()
                        .toString());
        RobustScaler.Builder b = RobustScaler.builder();
        RobustScaler first = b.build();
        b.centering(false);
        assertEquals("RobustScaler{columns=all, quantileRange=[25.0, 75.0], centering=true, scaling=true}",
                first.toString());
        assertEquals(first.toString(), first.toBuilder().build().toString());
    }

    @Test
    void badBuilderArguments() {
        assertEquals("quantileRange must be 0 <= lower < upper <= 100, found [75.0, 25.0]",
                assertThrows(IllegalArgumentException.class, () -> RobustScaler.builder().quantileRange(75, 25))
                        .getMessage());
        assertEquals("quantileRange must be 0 <= lower < upper <= 100, found [-1.0, 50.0]",
                assertThrows(IllegalArgumentException.class, () -> RobustScaler.builder().quantileRange(-1, 50))
                        .getMessage());
        assertEquals("quantileRange must be 0 <= lower < upper <= 100, found [50.0, 100.5]",
                assertThrows(IllegalArgumentException.class, () -> RobustScaler.builder().quantileRange(50, 100.5))
                        .getMessage());
        assertEquals("quantileRange must be 0 <= lower < upper <= 100, found [NaN, 50.0]",
                assertThrows(IllegalArgumentException.class,
                        () -> RobustScaler.builder().quantileRange(Double.NaN, 50)).getMessage());
    }

    @Test
    void badData() {
        RobustScaler r = RobustScaler.builder().build();
        FeatureMatrix nan = FeatureMatrix.ofRows(List.of("a", "b"), new double[][] {{1, 2}, {3, Double.NaN}});
        assertEquals("row 1, column b: value must be finite, found NaN",
                assertThrows(InvalidDataException.class, () -> r.fit(nan)).getMessage());
        assertEquals("rows must be >= 1, found 0", assertThrows(InvalidDataException.class,
                () -> r.fit(FeatureMatrix.of(List.of("a"), 0, new double[0]))).getMessage());
        assertEquals("column must be one of [a, b, c], found \"q\"", assertThrows(InvalidDataException.class,
                () -> RobustScaler.builder().columns("a", "q").build().fit(abc())).getMessage());
    }

    @Test
    void quickselectFindsOrderStatisticsOnAdversarialInputs() {
        int n = 100_001;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        double[][] inputs = new double[5][n];
        for (int i = 0; i < n; i++) {
            inputs[0][i] = i;                                   // sorted
            inputs[1][i] = n - i;                               // reversed
            inputs[2][i] = 7;                                   // constant
            inputs[3][i] = i < n / 2 ? i : n - i;               // organ pipe
            inputs[4][i] = rnd.nextInt(10);                     // heavy ties
        }
        for (double[] input : inputs) {
            double[] sorted = input.clone();
            java.util.Arrays.sort(sorted);
            int[] ranks = RobustScalerQuickselect.ranks(n, 0.1, 0.9);
            double[] a = input.clone();
            RobustScalerQuickselect.selectRanks(a, ranks);
            for (int r : ranks) {
                assertEquals(sorted[r], a[r], "rank " + r);
            }
            for (int r = 0; r < n; r++) {
                assertTrue(r > ranks[0] || a[r] <= a[ranks[0]], "partitioned at " + r);
            }
        }
    }
}
