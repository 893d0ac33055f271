package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.InvalidDataException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden scores: without ties, pandas {@code qcut(s.rank(method="first"), 5, labels=[1..5])} as written out in
 * {@code src/test/python/encoder_golden.py}; with ties, the rule of {@link QuantileBinner}'s class comment,
 * worked by hand in the comments below.
 */
class QuantileBinnerTest {
    private static FeatureMatrix column(String name, double... values) {
        double[][] rows = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            rows[i] = new double[] {values[i]};
        }
        return FeatureMatrix.ofRows(List.of(name), rows);
    }

    private static double[] scores(QuantileBinner b, FeatureMatrix x) {
        return b.fit(x).transform(x).column(0);
    }

    @Test
    void withoutTiesMatchesPandasQcutOfFirstRanks() {
        FeatureMatrix m = column("monetary", 120.5, 15.0, 870.0, 42.0, 300.0, 5.5, 64.0, 990.0, 210.0, 33.0, 77.0,
                18.0, 560.0);
        assertArrayEquals(new double[] {3, 1, 5, 2, 4, 1, 3, 5, 4, 2, 3, 1, 5},
                scores(QuantileBinner.builder().build(), m));
    }

    @Test
    void descendingColumnScoresLowValuesHigh() {
        FeatureMatrix r = column("recency", 5, 40, 12, 300, 2, 90, 1, 33, 60, 200);
        QuantileBinnerModel model = QuantileBinner.builder().descending("recency").build().fit(r);
        assertArrayEquals(new double[] {4, 3, 4, 1, 5, 2, 5, 3, 2, 1}, model.transform(r).column(0));
        assertEquals(List.of("recency"), model.descending());
        // -recency sorted: -300 -200 | -90 -60 | -40 -33 | -12 -5 | -2 -1: cuts after 200, 60, 33, 5.
        assertArrayEquals(new double[] {5, 33, 60, 200}, model.edges("recency"));
        assertEquals(1, model.score("recency", 1000));
        assertEquals(1, model.score("recency", 200));
        assertEquals(2, model.score("recency", 199.5));
        assertEquals(5, model.score("recency", 0));
    }

    @Test
    void tiesAtTheBottomStayTogetherAndLeaveAScoreUnused() {
        // n = 10, ideal cuts c_k = 1 + floor(9k / 5) = 2, 4, 6, 8. c_1 = 2 falls in the run of 1s at [0, 4): it
        // cannot move to 0 (score 1 would be empty), so it moves to 4; c_2 = 4 is already a run boundary.
        FeatureMatrix x = column("f", 1, 1, 1, 1, 2, 3, 4, 5, 6, 7);
        QuantileBinnerModel model = QuantileBinner.builder().build().fit(x);
        assertArrayEquals(new double[] {1, 1, 1, 1, 3, 3, 4, 4, 5, 5}, model.transform(x).column(0));
        assertArrayEquals(new double[] {1, 1, 3, 5}, model.edges("f"));
    }

    @Test
    void aCutInsideARunMovesToTheNearerEnd() {
        // run of 3s at [2, 7): c_2 = 4 is 2 from its start and 3 from its end -> 2; c_3 = 6 is 1 from the end -> 7.
        FeatureMatrix x = column("f", 1, 2, 3, 3, 3, 3, 3, 8, 9, 10);
        assertArrayEquals(new double[] {1, 1, 3, 3, 3, 3, 3, 4, 5, 5}, scores(QuantileBinner.builder().build(), x));
    }

    @Test
    void aCutInTheMiddleOfARunMovesToItsUpperEnd() {
        // run of 4s at [3, 5): c_2 = 4 is 1 from either end -> 5, so the run scores 2 (the lower score).
        FeatureMatrix x = column("f", 1, 2, 3, 4, 4, 6, 7, 8, 9, 10);
        assertArrayEquals(new double[] {1, 1, 2, 2, 2, 3, 4, 4, 5, 5}, scores(QuantileBinner.builder().build(), x));
    }

    @Test
    void rowOrderDoesNotMatter() {
        FeatureMatrix x = column("f", 7, 1, 6, 1, 5, 1, 4, 1, 3, 2);
        assertArrayEquals(new double[] {5, 1, 5, 1, 4, 1, 4, 1, 3, 3}, scores(QuantileBinner.builder().build(), x));
    }

    @Test
    void constantColumnAndSingleRowScoreOne() {
        assertArrayEquals(new double[] {1, 1, 1}, scores(QuantileBinner.builder().build(), column("c", 4, 4, 4)));
        assertArrayEquals(new double[] {1, 1, 1},
                scores(QuantileBinner.builder().descending("c").build(), column("c", 4, 4, 4)));
        assertArrayEquals(new double[] {1}, scores(QuantileBinner.builder().build(), column("c", 4)));
    }

    @Test
    void newDataIsScoredThroughTheFittedEdges() {
        QuantileBinnerModel model = QuantileBinner.builder().build().fit(column("f", 1, 1, 1, 1, 2, 3, 4, 5, 6, 7));
        FeatureMatrix fresh = column("f", -5, 1, 1.5, 3, 3.5, 100);
        assertArrayEquals(new double[] {1, 1, 3, 3, 4, 5}, model.transform(fresh).column(0));
    }

    @Test
    void selectedColumnsOnlyOthersPassThrough() {
        FeatureMatrix x = FeatureMatrix.ofRows(List.of("id", "v"), new double[][] {{10, 3}, {11, 1}, {12, 2},
            {13, 4}});
        QuantileBinnerModel model = QuantileBinner.builder().columns("v").bins(2).build().fit(x);
        FeatureMatrix y = model.transform(x);
        assertEquals(List.of("id", "v"), y.names());
        assertArrayEquals(new double[] {10, 11, 12, 13}, y.column(0));
        assertArrayEquals(new double[] {2, 1, 1, 2}, y.column(1));
        assertEquals(2, model.bins());
        assertEquals(List.of("v"), model.columns());
        assertEquals(List.of(), model.descending());
    }

    @Test
    void notInvertible() {
        QuantileBinnerModel model = QuantileBinner.builder().build().fit(column("f", 1, 2, 3));
        assertFalse(model.invertible());
        assertEquals("quantile scores cannot be inverted: invertible() is false",
                assertThrows(UnsupportedOperationException.class, () -> model.inverseTransform(column("f", 1)))
                        .getMessage());
    }

    @Test
    void toStringListsEveryHyperparameter() {
        assertEquals("QuantileBinner{columns=all, bins=5, descending=[]}", QuantileBinner.builder().build().toString());
        assertEquals("QuantileBinner{columns=[recency, frequency, monetary], bins=4, descending=[recency]}",
                QuantileBinner.builder().columns("recency", "frequency", "monetary").bins(4).descending("recency")
                        .build().toString());
        QuantileBinner.Builder b = QuantileBinner.builder().descending("r");
        QuantileBinner first = b.build();
        b.bins(3).descending();
        assertEquals("QuantileBinner{columns=all, bins=5, descending=[r]}", first.toString());
        assertEquals("QuantileBinner{columns=all, bins=3, descending=[]}", b.build().toString());
        assertEquals("QuantileBinner{columns=all, bins=10, descending=[r]}",
                first.toBuilder().bins(10).build().toString());
    }

    @Test
    void modelToStringShowsEdges() {
        QuantileBinnerModel model = QuantileBinner.builder().bins(2).descending("r").build()
                .fit(FeatureMatrix.ofRows(List.of("r", "m"), new double[][] {{1, 10}, {2, 20}, {3, 30}}));
        assertEquals("QuantileBinnerModel{bins=2, edges={r(descending)=[2.0], m=[20.0]}}", model.toString());
    }

    @Test
    void badBuilderArguments() {
        assertEquals("bins must be >= 2, found 1",
                assertThrows(IllegalArgumentException.class, () -> QuantileBinner.builder().bins(1)).getMessage());
        assertEquals("descending must be among columns [frequency, monetary], found \"recency\"",
                assertThrows(IllegalArgumentException.class, () -> QuantileBinner.builder()
                        .columns("frequency", "monetary").descending("recency").build()).getMessage());
        assertEquals("descending must be distinct, found \"r\" twice", assertThrows(IllegalArgumentException.class,
                () -> QuantileBinner.builder().descending("r", "r")).getMessage());
    }

    @Test
    void badData() {
        QuantileBinner b = QuantileBinner.builder().build();
        assertEquals("row 2, column f: value must be finite, found NaN", assertThrows(InvalidDataException.class,
                () -> b.fit(column("f", 1, 2, Double.NaN))).getMessage());
        assertEquals("rows must be >= 1, found 0",
                assertThrows(InvalidDataException.class, () -> b.fit(column("f"))).getMessage());
        assertEquals("column must be one of [f], found \"recency\"", assertThrows(InvalidDataException.class,
                () -> QuantileBinner.builder().descending("recency").build().fit(column("f", 1))).getMessage());
        QuantileBinnerModel model = b.fit(column("f", 1, 2, 3));
        assertEquals("row 0, column f: value must be finite, found Infinity", assertThrows(
                InvalidDataException.class, () -> model.transform(column("f", Double.POSITIVE_INFINITY)))
                .getMessage());
        assertEquals("column must be one of [f], found \"g\"",
                assertThrows(IllegalArgumentException.class, () -> model.edges("g")).getMessage());
        assertEquals("value must be finite, found NaN",
                assertThrows(IllegalArgumentException.class, () -> model.score("f", Double.NaN)).getMessage());
    }
}
