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

/** Golden values: {@code src/test/python/encoder_golden.py} (scikit-learn MinMaxScaler's formulas). */
class MinMaxScalerTest {
    @Test
    void matchesMinMaxScalerOnTheGoldenMatrix() {
        MinMaxScalerModel s = MinMaxScaler.builder().build().fit(abc());
        assertArrayEquals(new double[] {1, 10, 3}, s.dataMin());
        assertArrayEquals(new double[] {11, 30, 3}, s.dataMax());
        assertEquals(0.0, s.rangeMin());
        assertEquals(1.0, s.rangeMax());
        FeatureMatrix y = s.transform(abc());
        assertClose(new double[] {0, 0.1, 0.3, 0.6, 1}, y.column(0), GOLDEN);
        assertArrayEquals(new double[] {0, 0.5, 1, 0, 1}, y.column(1));
        assertArrayEquals(new double[5], y.column(2), "a constant column maps to the range minimum");
        assertEquals(1.0, y.get(4, 0), "the training maximum maps exactly to the range maximum");
    }

    @Test
    void customRange() {
        MinMaxScalerModel s = MinMaxScaler.builder().range(-1, 1).build().fit(abc());
        FeatureMatrix y = s.transform(abc());
        assertClose(new double[] {-1, -0.8, -0.4, 0.2, 1}, y.column(0), GOLDEN);
        assertArrayEquals(new double[] {-1, 0, 1, -1, 1}, y.column(1));
        assertArrayEquals(new double[] {-1, -1, -1, -1, -1}, y.column(2));
    }

    @Test
    void valuesOutsideTheTrainingRangeAreNotClipped() {
        MinMaxScalerModel s = MinMaxScaler.builder().columns("a").build().fit(abc());
        FeatureMatrix y = s.transform(FeatureMatrix.ofRows(List.of("a"), new double[][] {{-9}, {21}}));
        assertArrayEquals(new double[] {-1, 2}, y.column(0));
    }

    @Test
    void inverseGivesBackOriginalUnits() {
        MinMaxScalerModel s = MinMaxScaler.builder().range(-3, 5).build().fit(abc());
        assertTrue(s.invertible());
        assertClose(abc().toArray(), s.inverseTransform(s.transform(abc())).toArray(), 1e-15);
    }

    @Test
    void toStringListsEveryHyperparameter() {
        assertEquals("MinMaxScaler{columns=all, range=[0.0, 1.0]}", MinMaxScaler.builder().build().toString());
        assertEquals("MinMaxScaler{columns=[b], range=[-1.0, 1.0]}",
                MinMaxScaler.builder().columns("b").range(-1, 1).build().toString());
        MinMaxScaler.Builder b = MinMaxScaler.builder();
        MinMaxScaler first = b.build();
        b.range(2, 3);
        assertEquals("MinMaxScaler{columns=all, range=[0.0, 1.0]}", first.toString());
        assertEquals("MinMaxScaler{columns=[a], range=[0.0, 1.0]}",
                first.toBuilder().columns("a").build().toString());
    }

    @Test
    void modelArraysAreCopiedOut() {
        MinMaxScalerModel s = MinMaxScaler.builder().build().fit(abc());
        s.dataMin()[0] = 42;
        s.dataMax()[0] = 42;
        assertEquals(1.0, s.dataMin()[0]);
        assertEquals(11.0, s.dataMax()[0]);
    }

    @Test
    void badBuilderArguments() {
        assertEquals("range must be finite with min < max, found [1.0, 1.0]",
                assertThrows(IllegalArgumentException.class, () -> MinMaxScaler.builder().range(1, 1)).getMessage());
        assertEquals("range must be finite with min < max, found [2.0, 1.0]",
                assertThrows(IllegalArgumentException.class, () -> MinMaxScaler.builder().range(2, 1)).getMessage());
        assertEquals("range must be finite with min < max, found [0.0, NaN]",
                assertThrows(IllegalArgumentException.class, () -> MinMaxScaler.builder().range(0, Double.NaN))
                        .getMessage());
        assertEquals("range must be finite with min < max, found [-1.0E308, 1.0E308]",
                assertThrows(IllegalArgumentException.class, () -> MinMaxScaler.builder().range(-1e308, 1e308))
                        .getMessage());
    }

    @Test
    void badData() {
        MinMaxScaler s = MinMaxScaler.builder().build();
        FeatureMatrix nan = FeatureMatrix.ofRows(List.of("a", "b"), new double[][] {{1, 2}, {Double.NaN, 4}});
        assertEquals("row 1, column a: value must be finite, found NaN",
                assertThrows(InvalidDataException.class, () -> s.fit(nan)).getMessage());
        assertEquals("rows must be >= 1, found 0", assertThrows(InvalidDataException.class,
                () -> s.fit(FeatureMatrix.of(List.of("a"), 0, new double[0]))).getMessage());
        assertEquals("column must be one of [a, b, c], found \"d\"", assertThrows(InvalidDataException.class,
                () -> MinMaxScaler.builder().columns("d").build().fit(abc())).getMessage());
        FeatureMatrix wide = FeatureMatrix.ofRows(List.of("w"), new double[][] {{-1e308}, {1e308}});
        assertEquals("column w: max - min must be finite, found Infinity",
                assertThrows(InvalidDataException.class, () -> s.fit(wide)).getMessage());
        MinMaxScalerModel m = s.fit(abc());
        FeatureMatrix inf = FeatureMatrix.ofRows(List.of("a", "b", "c"), new double[][] {{1, 2, Double.POSITIVE_INFINITY}});
        assertEquals("row 0, column c: value must be finite, found Infinity",
                assertThrows(InvalidDataException.class, () -> m.transform(inf)).getMessage());
    }
}
