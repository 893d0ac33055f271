package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.InvalidDataException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link MinMaxScalerStats}: the fit from the merged statistics of any split of the rows, merged in row order with
 * any grouping, is the fit on all rows bit for bit; merged in any order it is too when no zero is signed.
 */
class MinMaxScalerStatsTest {
    private static final List<String> ABC = List.of("a", "b", "c");

    /** Finite values with many ties, both zeros, and magnitudes up to 1e300. */
    @Provide
    Arbitrary<List<Double>> values() {
        Arbitrary<Double> small = Arbitraries.integers().between(-6, 6).map(i -> i / 2.0);
        Arbitrary<Double> large = Arbitraries.doubles().between(-1e300, 1e300);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, small), net.jqwik.api.Tuple.of(1, large),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(-0.0))).list().ofMinSize(3).ofMaxSize(90);
    }

    @Provide
    Arbitrary<List<Integer>> sizes() {
        return Arbitraries.integers().between(0, 9).list().ofMinSize(1).ofMaxSize(5);
    }

    private static FeatureMatrix matrix(List<Double> values, boolean unsignedZeros) {
        int n = values.size() / 3;
        double[] data = new double[3 * n];
        for (int i = 0; i < data.length; i++) {
            data[i] = unsignedZeros ? values.get(i) + 0.0 : values.get(i);
        }
        return FeatureMatrix.of(ABC, n, data);
    }

    private static List<MinMaxScalerStats> chunks(FeatureMatrix x, List<Integer> sizes, List<String> columns) {
        List<MinMaxScalerStats> parts = new ArrayList<>();
        for (int[] r : StatsChunking.ranges(x.rows(), sizes)) {
            parts.add(MinMaxScalerStats.accumulate(StatsChunking.rows(x, r[0], r[1]), columns));
        }
        return parts;
    }

    private static void assertSameModel(MinMaxScalerModel expected, MinMaxScalerModel actual, FeatureMatrix x) {
        assertEquals(expected.columns(), actual.columns());
        assertArrayEquals(expected.dataMin(), actual.dataMin());
        assertArrayEquals(expected.dataMax(), actual.dataMax());
        assertEquals(expected.rangeMin(), actual.rangeMin());
        assertEquals(expected.rangeMax(), actual.rangeMax());
        assertArrayEquals(expected.transform(x).toArray(), actual.transform(x).toArray());
    }

    @Property(tries = 300)
    void fitFromMergedChunksInRowOrderEqualsFitOnAllRows(@ForAll("values") List<Double> values,
            @ForAll("sizes") List<Integer> sizes, @ForAll long seed) {
        FeatureMatrix x = matrix(values, false);
        Random random = new Random(seed);
        MinMaxScalerStats merged = StatsChunking.mergeInOrder(chunks(x, sizes, List.of("c", "a")),
                MinMaxScalerStats::merge, random);
        assertEquals(MinMaxScalerStats.accumulate(x, List.of("c", "a")), merged);
        assertEquals(x.rows(), merged.rows());
        for (MinMaxScaler s : new MinMaxScaler[] {MinMaxScaler.builder().columns("c", "a").build(),
                MinMaxScaler.builder().columns("a").range(-1, 3).build()}) {
            assertSameModel(s.fit(x), s.fit(merged), x);
        }
        MinMaxScalerStats all = StatsChunking.mergeInOrder(chunks(x, sizes, ABC), MinMaxScalerStats::merge, random);
        assertSameModel(MinMaxScaler.builder().build().fit(x), MinMaxScaler.builder().build().fit(all), x);
    }

    @Property(tries = 200)
    void withoutSignedZerosAnyMergeOrderGivesTheSameFit(@ForAll("values") List<Double> values,
            @ForAll("sizes") List<Integer> sizes, @ForAll long seed) {
        FeatureMatrix x = matrix(values, true);
        MinMaxScalerStats merged = StatsChunking.mergeShuffled(chunks(x, sizes, ABC), MinMaxScalerStats::merge,
                new Random(seed));
        assertEquals(MinMaxScalerStats.accumulate(x, ABC), merged);
        assertSameModel(MinMaxScaler.builder().build().fit(x), MinMaxScaler.builder().build().fit(merged), x);
    }

    @Property(tries = 100)
    void emptyStatisticsAreTheIdentity(@ForAll("values") List<Double> values, @ForAll @IntRange(max = 1) int side) {
        FeatureMatrix x = matrix(values, false);
        MinMaxScalerStats s = MinMaxScalerStats.accumulate(x, ABC);
        MinMaxScalerStats none = MinMaxScalerStats.empty(ABC);
        assertEquals(s, side == 0 ? s.merge(none) : none.merge(s));
        assertEquals(none, MinMaxScalerStats.accumulate(FeatureMatrix.of(ABC, 0, new double[0]), ABC));
    }

    /** On ties between 0.0 and -0.0 the first in row order is kept, as the row-wise fit has always done. */
    @Test
    void theFirstZeroInRowOrderIsKept() {
        FeatureMatrix x = FeatureMatrix.of(List.of("a"), 3, new double[] {0.0, -0.0, 0.0});
        MinMaxScalerStats first = MinMaxScalerStats.accumulate(StatsChunking.rows(x, 0, 1), List.of("a"));
        MinMaxScalerStats rest = MinMaxScalerStats.accumulate(StatsChunking.rows(x, 1, 3), List.of("a"));
        MinMaxScalerModel fit = MinMaxScaler.builder().build().fit(x);
        assertArrayEquals(new double[] {0.0}, fit.dataMin());
        assertArrayEquals(fit.dataMin(), MinMaxScaler.builder().build().fit(first.merge(rest)).dataMin());
        assertArrayEquals(new double[] {-0.0}, rest.merge(first).min());
    }

    @Test
    void accessorsAndToString() {
        FeatureMatrix x = FeatureMatrix.of(List.of("a", "b"), 3, new double[] {2, 5, 0.5, 7, 1, -1});
        MinMaxScalerStats s = MinMaxScalerStats.accumulate(x, List.of("b", "a"));
        assertEquals(List.of("b", "a"), s.columns());
        assertEquals(3, s.rows());
        assertArrayEquals(new double[] {-1, 0.5}, s.min());
        assertArrayEquals(new double[] {7, 2}, s.max());
        assertEquals("MinMaxScalerStats{columns=[b, a], rows=3, min=[-1.0, 0.5], max=[7.0, 2.0]}", s.toString());
        assertEquals("MinMaxScalerStats{columns=[a], rows=0, min=[Infinity], max=[-Infinity]}",
                MinMaxScalerStats.empty(List.of("a")).toString());
        s.min()[0] = 99;
        assertArrayEquals(new double[] {-1, 0.5}, s.min());
        MinMaxScalerModel m = MinMaxScaler.builder().build().fit(s);
        assertEquals(List.of("b", "a"), m.columns());
        assertEquals(3L, m.provenance().rows().getAsLong());
        assertEquals(List.of("b", "a"), m.provenance().columns());
    }

    @Test
    void badStatisticsAreRefusedWithExactMessages() {
        FeatureMatrix x = FeatureMatrix.of(List.of("a", "b"), 2, new double[] {1, 2, 3, Double.NaN});
        MinMaxScalerStats ab = MinMaxScalerStats.empty(List.of("a", "b"));
        assertEquals("other must have the same columns, found [a, b] and [b, a]", assertThrows(
                IllegalArgumentException.class, () -> ab.merge(MinMaxScalerStats.empty(List.of("b", "a"))))
                .getMessage());
        assertEquals("other must have the same columns, found [a, b] and [a]", assertThrows(
                IllegalArgumentException.class, () -> ab.merge(MinMaxScalerStats.empty(List.of("a")))).getMessage());
        assertEquals("row 1, column b: value must be finite, found NaN", assertThrows(InvalidDataException.class,
                () -> MinMaxScalerStats.accumulate(x, List.of("a", "b"))).getMessage());
        assertEquals("column must be one of [a, b], found \"q\"", assertThrows(InvalidDataException.class,
                () -> MinMaxScalerStats.accumulate(x, List.of("q"))).getMessage());
        assertEquals("columns must be distinct, found \"a\" twice", assertThrows(IllegalArgumentException.class,
                () -> MinMaxScalerStats.empty(List.of("a", "a"))).getMessage());
        assertEquals("columns must be non-empty, found []", assertThrows(IllegalArgumentException.class,
                () -> MinMaxScalerStats.accumulate(x, List.of())).getMessage());
        assertEquals("rows must be >= 1, found 0", assertThrows(InvalidDataException.class,
                () -> MinMaxScaler.builder().build().fit(ab)).getMessage());
        MinMaxScalerStats a = MinMaxScalerStats.accumulate(x, List.of("a"));
        assertEquals("column must be one of [a], found \"b\"", assertThrows(InvalidDataException.class,
                () -> MinMaxScaler.builder().columns("b").build().fit(a)).getMessage());
        MinMaxScalerStats wide = MinMaxScalerStats.accumulate(FeatureMatrix.of(List.of("w"), 2,
                new double[] {-1e308, 1e308}), List.of("w"));
        assertEquals("column w: max - min must be finite, found Infinity", assertThrows(InvalidDataException.class,
                () -> MinMaxScaler.builder().build().fit(wide)).getMessage());
    }
}
