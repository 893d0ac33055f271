package dev.segmentation.features;

import static dev.segmentation.features.EncoderFixtures.GOLDEN;
import static dev.segmentation.features.EncoderFixtures.abc;
import static dev.segmentation.features.EncoderFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden values: {@code src/test/python/encoder_golden.py} (scikit-learn StandardScaler's formulas). */
class StandardizerTest {
    @Test
    void matchesStandardScalerOnTheGoldenMatrix() {
        StandardizerModel z = Standardizer.builder().build().fit(abc());
        assertEquals(List.of("a", "b", "c"), z.columns());
        assertClose(new double[] {5, 20, 3}, z.means(), GOLDEN);
        assertClose(new double[] {3.6331804249169899, 8.9442719099991592, 1}, z.scales(), GOLDEN);
        FeatureMatrix y = z.transform(abc());
        assertEquals(abc().names(), y.names());
        assertClose(new double[] {-1.1009637651263606, -0.82572282384477047, -0.27524094128159016,
            0.55048188256318031, 1.6514456476895409}, y.column(0), GOLDEN);
        assertClose(new double[] {-1.1180339887498949, 0, 1.1180339887498949, -1.1180339887498949,
            1.1180339887498949}, y.column(1), GOLDEN);
        assertArrayEquals(new double[5], y.column(2), "a zero-variance column is centred, scale 1");
    }

    @Test
    void sampleSdDividesByNMinusOne() {
        StandardizerModel z = Standardizer.builder().sampleSd(true).build().fit(abc());
        assertClose(new double[] {4.0620192023179804, 10, 1}, z.scales(), GOLDEN);
    }

    @Test
    void nearlyConstantColumnIsTreatedAsConstant() {
        // 0.1 is not exact in binary: sum / n need not give back 0.1, so a naive sd would be ~1e-17, not 0.
        FeatureMatrix x = FeatureMatrix.ofRows(List.of("v"), new double[][] {{0.1}, {0.1}, {0.1}, {0.1}, {0.1},
            {0.1}, {0.1}});
        StandardizerModel z = Standardizer.builder().build().fit(x);
        assertEquals(1.0, z.scales()[0]);
        assertEquals(0.0, z.transform(x).get(3, 0), 1e-15);
    }

    @Test
    void singleRowHasScaleOneEvenWithSampleSd() {
        FeatureMatrix x = FeatureMatrix.ofRows(List.of("v"), new double[][] {{4}});
        assertEquals(1.0, Standardizer.builder().sampleSd(true).build().fit(x).scales()[0]);
    }

    @Test
    void selectedColumnsOnlyAndOthersPassThrough() {
        StandardizerModel z = Standardizer.builder().columns("b").build().fit(abc());
        assertEquals(List.of("b"), z.columns());
        FeatureMatrix y = z.transform(abc());
        assertArrayEquals(abc().column(0), y.column(0));
        assertArrayEquals(abc().column(2), y.column(2));
        assertClose(new double[] {-1.1180339887498949, 0, 1.1180339887498949, -1.1180339887498949,
            1.1180339887498949}, y.column(1), GOLDEN);
    }

    @Test
    void transformFindsColumnsByName() {
        StandardizerModel z = Standardizer.builder().columns("a", "b").build().fit(abc());
        FeatureMatrix reordered = abc().select(List.of("b", "a"));
        FeatureMatrix y = z.transform(reordered);
        assertEquals(List.of("b", "a"), y.names());
        assertEquals((20 - 20) / 8.9442719099991592, y.get(1, 0), GOLDEN);
        assertEquals((2 - 5) / 3.6331804249169899, y.get(1, 1), GOLDEN);
    }

    @Test
    void inverseGivesBackOriginalUnits() {
        StandardizerModel z = Standardizer.builder().build().fit(abc());
        assertTrue(z.invertible());
        assertClose(abc().toArray(), z.inverseTransform(z.transform(abc())).toArray(), 1e-15);
    }

    @Test
    void toStringListsEveryHyperparameter() {
        assertEquals("Standardizer{columns=all, sampleSd=false}", Standardizer.builder().build().toString());
        assertEquals("Standardizer{columns=[a, b], sampleSd=true}",
                Standardizer.builder().columns("a", "b").sampleSd(true).build().toString());
    }

    @Test
    void buildDoesNotChangeTheBuilderAndToBuilderMakesVariants() {
        Standardizer.Builder b = Standardizer.builder().columns("a");
        Standardizer first = b.build();
        b.sampleSd(true);
        assertEquals("Standardizer{columns=[a], sampleSd=false}", first.toString());
        assertEquals("Standardizer{columns=all, sampleSd=false}", first.toBuilder().allColumns().build().toString());
    }

    @Test
    void modelsAreValuesArraysCopiedOut() {
        StandardizerModel z = Standardizer.builder().build().fit(abc());
        double[] m = z.means();
        m[0] = 99;
        assertEquals(5.0, z.means()[0]);
        assertNotSame(z.scales(), z.scales());
    }

    @Test
    void fitIsPure() {
        Standardizer s = Standardizer.builder().build();
        assertArrayEquals(s.fit(abc()).scales(), s.fit(abc()).scales());
    }

    @Test
    void badBuilderArguments() {
        assertEquals("columns must be non-empty, found []",
                assertThrows(IllegalArgumentException.class, () -> Standardizer.builder().columns()).getMessage());
        assertEquals("columns must be distinct, found \"a\" twice",
                assertThrows(IllegalArgumentException.class, () -> Standardizer.builder().columns("a", "a"))
                        .getMessage());
        assertEquals("columns element",
                assertThrows(NullPointerException.class, () -> Standardizer.builder().columns("a", null))
                        .getMessage());
    }

    @Test
    void badData() {
        Standardizer s = Standardizer.builder().build();
        FeatureMatrix nan = FeatureMatrix.ofRows(List.of("a", "b"), new double[][] {{1, 2}, {3, Double.NaN}});
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> s.fit(nan));
        assertEquals("row 1, column b: value must be finite, found NaN", e.getMessage());
        assertEquals(1, e.row());
        assertEquals("b", e.column());
        FeatureMatrix inf = FeatureMatrix.ofRows(List.of("a"), new double[][] {{Double.NEGATIVE_INFINITY}});
        assertEquals("row 0, column a: value must be finite, found -Infinity",
                assertThrows(InvalidDataException.class, () -> s.fit(inf)).getMessage());
        FeatureMatrix empty = FeatureMatrix.of(List.of("a"), 0, new double[0]);
        assertEquals("rows must be >= 1, found 0",
                assertThrows(InvalidDataException.class, () -> s.fit(empty)).getMessage());
        assertEquals("column must be one of [a, b, c], found \"zz\"",
                assertThrows(InvalidDataException.class,
                        () -> Standardizer.builder().columns("zz").build().fit(abc())).getMessage());
        FeatureMatrix huge = FeatureMatrix.ofRows(List.of("a"), new double[][] {{1e300}, {-1e300}});
        assertEquals("column a: variance must be finite, found Infinity (values too large in magnitude)",
                assertThrows(InvalidDataException.class, () -> s.fit(huge)).getMessage());
    }

    @Test
    void badDataAtTransform() {
        StandardizerModel z = Standardizer.builder().columns("a").build().fit(abc());
        FeatureMatrix other = FeatureMatrix.ofRows(List.of("x"), new double[][] {{1}});
        assertEquals("column must be one of [x], found \"a\"",
                assertThrows(InvalidDataException.class, () -> z.transform(other)).getMessage());
        FeatureMatrix nan = FeatureMatrix.ofRows(List.of("b", "a"), new double[][] {{Double.NaN, 1}, {2, Double.NaN}});
        assertEquals("row 1, column a: value must be finite, found NaN",
                assertThrows(InvalidDataException.class, () -> z.transform(nan)).getMessage());
        assertEquals("row 1, column a: value must be finite, found NaN",
                assertThrows(InvalidDataException.class, () -> z.inverseTransform(nan)).getMessage());
        assertThrows(NullPointerException.class, () -> z.transform(null));
    }
}
