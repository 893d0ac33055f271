package dev.segmentation.features;

import static dev.segmentation.features.EncoderFixtures.GOLDEN;
import static dev.segmentation.features.EncoderFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden values: exact logarithms from {@code src/test/python/encoder_golden.py}. */
class Log1pTest {
    private static final FeatureMatrix X = FeatureMatrix.ofRows(List.of("frequency", "monetary"),
            new double[][] {{0, 1}, {9, 99}, {0.5, 1e-20}});

    @Test
    void goldenValues() {
        Log1pModel log = Log1p.builder().build().fit(X);
        FeatureMatrix y = log.transform(X);
        assertClose(new double[] {0, 2.3025850929940459, 0.40546510810816438}, y.column(0), GOLDEN);
        assertClose(new double[] {0.69314718055994529, 4.6051701859880918, 0}, y.column(1), GOLDEN);
        assertEquals(1e-20, y.get(2, 1), 1e-36, "log1p is accurate near 0, where log(1 + x) would give 0");
    }

    @Test
    void selectedColumnsAndInverse() {
        Log1pModel log = Log1p.builder().columns("monetary").build().fit(X);
        assertEquals(List.of("monetary"), log.columns());
        FeatureMatrix y = log.transform(X);
        assertArrayEquals(X.column(0), y.column(0));
        assertTrue(log.invertible());
        FeatureMatrix back = log.inverseTransform(y);
        assertClose(X.column(1), back.column(1), 1e-15);
        assertEquals(1e-20, back.get(2, 1), 1e-35);
    }

    @Test
    void toStringListsEveryHyperparameter() {
        assertEquals("Log1p{columns=all}", Log1p.builder().build().toString());
        assertEquals("Log1p{columns=[monetary, frequency]}",
                Log1p.builder().columns("monetary", "frequency").build().toString());
        assertEquals("Log1p{columns=all}",
                Log1p.builder().columns("a").build().toBuilder().allColumns().build().toString());
    }

    @Test
    void refusesValuesAtOrBelowMinusOne() {
        FeatureMatrix bad = FeatureMatrix.ofRows(List.of("frequency", "monetary"), new double[][] {{0, 1},
            {1, 2}, {2, 3}, {3, -2}});
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> Log1p.builder().build().fit(bad));
        assertEquals("row 3, column monetary: value must be > -1, found -2.0", e.getMessage());
        assertEquals(3, e.row());
        assertEquals("monetary", e.column());
        Log1pModel log = Log1p.builder().build().fit(X);
        FeatureMatrix minusOne = FeatureMatrix.ofRows(List.of("frequency", "monetary"), new double[][] {{-1, 0}});
        assertEquals("row 0, column frequency: value must be > -1, found -1.0",
                assertThrows(InvalidDataException.class, () -> log.transform(minusOne)).getMessage());
        // a column that is not selected may hold anything
        assertEquals(-2.0, Log1p.builder().columns("frequency").build().fit(bad).transform(bad).get(3, 1));
    }

    @Test
    void badData() {
        Log1p l = Log1p.builder().build();
        FeatureMatrix nan = FeatureMatrix.ofRows(List.of("a"), new double[][] {{Double.NaN}});
        assertEquals("row 0, column a: value must be finite, found NaN",
                assertThrows(InvalidDataException.class, () -> l.fit(nan)).getMessage());
        assertEquals("rows must be >= 1, found 0", assertThrows(InvalidDataException.class,
                () -> l.fit(FeatureMatrix.of(List.of("a"), 0, new double[0]))).getMessage());
        assertEquals("column must be one of [frequency, monetary], found \"recency\"",
                assertThrows(InvalidDataException.class,
                        () -> Log1p.builder().columns("recency").build().fit(X)).getMessage());
        Log1pModel log = l.fit(X);
        FeatureMatrix inf = FeatureMatrix.ofRows(List.of("frequency", "monetary"),
                new double[][] {{1, Double.POSITIVE_INFINITY}});
        assertEquals("row 0, column monetary: value must be finite, found Infinity",
                assertThrows(InvalidDataException.class, () -> log.inverseTransform(inf)).getMessage());
    }
}
