package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.InvalidDataException;
import java.util.ArrayList;
import java.util.Collections;
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
 * The mergeable encoder statistics, {@link ColumnMoments} and {@link ValueCounts}: merging is associative and
 * order-independent, the empty statistic changes nothing, any split of the rows into chunks gives the statistics of
 * all rows, and the encoders fitted from merged statistics equal the encoders fitted from the rows. Values are
 * small integers and halves, so that every sum is exact and the comparisons can be exact.
 */
class MergeableStatisticsPropertiesTest {
    private static final int WIDTH = 3;

    @Provide
    Arbitrary<List<Double>> values() {
        return Arbitraries.integers().between(-40, 40).map(i -> i / 2.0).list().ofMinSize(0).ofMaxSize(60);
    }

    /** Row-major rows of {@link #WIDTH} columns from a flat list (the last incomplete row dropped). */
    private static double[] rows(List<Double> values) {
        int n = values.size() / WIDTH;
        double[] out = new double[n * WIDTH];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static final int[] COLUMNS = {2, 0};

    private static ColumnMoments moments(double[] data, int from, int to) {
        return ColumnMoments.aboutZero(COLUMNS.length).accumulate(data, WIDTH, COLUMNS, from, to);
    }

    @Property(tries = 200)
    void momentsMergeIsAssociativeAndOrderIndependent(@ForAll("values") List<Double> a,
            @ForAll("values") List<Double> b, @ForAll("values") List<Double> c) {
        ColumnMoments x = moments(rows(a), 0, a.size() / WIDTH);
        ColumnMoments y = moments(rows(b), 0, b.size() / WIDTH);
        ColumnMoments z = moments(rows(c), 0, c.size() / WIDTH);
        assertEquals(x.merge(y).merge(z), x.merge(y.merge(z)));
        assertEquals(x.merge(y), y.merge(x));
        assertEquals(x.merge(y).merge(z), z.merge(x).merge(y));
        assertEquals(x, x.merge(ColumnMoments.aboutZero(COLUMNS.length)));
        assertEquals(x, ColumnMoments.aboutZero(COLUMNS.length).merge(x));
    }

    /**
     * Any split into chunks gives the moments of all rows, about zero and about a centre of halves (the deviations
     * and their squares are then exact; about an inexact mean the sums round differently per chunk, which is why
     * engines merge in a fixed chunk order).
     */
    @Property(tries = 200)
    void anyChunkingGivesTheMomentsOfAllRows(@ForAll("values") List<Double> values,
            @ForAll @IntRange(min = 1, max = 7) int chunk, @ForAll @IntRange(min = -9, max = 9) int c0,
            @ForAll @IntRange(min = -9, max = 9) int c1) {
        double[] data = rows(values);
        int n = data.length / WIDTH;
        ColumnMoments whole = moments(data, 0, n);
        ColumnMoments merged = ColumnMoments.aboutZero(COLUMNS.length);
        for (int from = 0; from < n; from += chunk) {
            merged = merged.merge(moments(data, from, Math.min(n, from + chunk)));
        }
        assertEquals(whole, merged);
        assertEquals(n, merged.count());
        if (n > 0) {
            double[] centre = {c0 / 2.0, c1 / 2.0};
            ColumnMoments second = ColumnMoments.about(centre).accumulate(data, WIDTH, COLUMNS, 0, n);
            ColumnMoments secondMerged = ColumnMoments.about(centre);
            for (int from = 0; from < n; from += chunk) {
                secondMerged = secondMerged.merge(ColumnMoments.about(centre).accumulate(data, WIDTH, COLUMNS, from,
                        Math.min(n, from + chunk)));
            }
            assertEquals(second, secondMerged);
        }
    }

    /**
     * Standardizer's fit is the one-chunk case of the mergeable path: its means equal those of merged chunk moments
     * (the sums are exact), and its scales those of the moments of all rows as one chunk, bit for bit.
     */
    @Property(tries = 100)
    void standardizerFitIsTheOneChunkCaseOfMergedMoments(@ForAll("values") List<Double> values,
            @ForAll @IntRange(min = 1, max = 5) int chunk) {
        double[] data = rows(values);
        int n = data.length / WIDTH;
        if (n == 0) {
            return;
        }
        FeatureMatrix x = FeatureMatrix.of(List.of("a", "b", "c"), n, data);
        StandardizerModel fit = Standardizer.builder().columns("c", "a").sampleSd(true).build().fit(x);
        ColumnMoments first = ColumnMoments.aboutZero(2);
        for (int from = 0; from < n; from += chunk) {
            first = first.merge(moments(data, from, Math.min(n, from + chunk)));
        }
        ColumnMoments second = ColumnMoments.about(first.means()).merge(ColumnMoments.about(first.means())
                .accumulate(data, WIDTH, COLUMNS, 0, n));
        assertArrayEquals(fit.means(), first.means());
        assertArrayEquals(fit.scales(), Standardizer.scales(new String[] {"c", "a"}, second, true));
    }

    @Provide
    Arbitrary<List<Double>> columns() {
        return Arbitraries.integers().between(-6, 6).map(i -> i == 0 ? -0.0 : i / 2.0).list().ofMinSize(0)
                .ofMaxSize(40);
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Property(tries = 200)
    void countsMergeIsAssociativeAndOrderIndependent(@ForAll("columns") List<Double> a,
            @ForAll("columns") List<Double> b, @ForAll("columns") List<Double> c) {
        ValueCounts x = ValueCounts.of(array(a));
        ValueCounts y = ValueCounts.of(array(b));
        ValueCounts z = ValueCounts.of(array(c));
        assertEquals(x.merge(y).merge(z), x.merge(y.merge(z)));
        assertEquals(x.merge(y), y.merge(x));
        assertEquals(x, x.merge(ValueCounts.empty()));
        assertEquals(x, ValueCounts.empty().merge(x));
        List<Double> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        Collections.shuffle(all, new Random(all.size()));
        assertEquals(ValueCounts.of(array(all)), z.merge(x).merge(y));
        assertEquals(all.size(), x.merge(y).merge(z).total());
    }

    /** QuantileBinner's edges from merged counts are its fit's, bit for bit, for any bins and either direction. */
    @Property(tries = 300)
    void binnerFromMergedCountsEqualsItsFit(@ForAll("columns") List<Double> values,
            @ForAll @IntRange(min = 2, max = 7) int bins, @ForAll @IntRange(min = 1, max = 9) int chunk) {
        if (values.isEmpty()) {
            return;
        }
        double[] v = array(values);
        double[] w = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            w[i] = v[(i * 7) % v.length] * 3; // a second column with other runs
        }
        double[] pq = new double[2 * v.length];
        for (int i = 0; i < v.length; i++) {
            pq[2 * i] = v[i];
            pq[2 * i + 1] = w[i];
        }
        FeatureMatrix x = FeatureMatrix.of(List.of("p", "q"), v.length, pq);
        ValueCounts cp = ValueCounts.empty();
        ValueCounts cq = ValueCounts.empty();
        for (int from = 0; from < v.length; from += chunk) {
            int to = Math.min(v.length, from + chunk);
            cp = cp.merge(ValueCounts.of(java.util.Arrays.copyOfRange(v, from, to)));
            cq = cq.merge(ValueCounts.of(java.util.Arrays.copyOfRange(w, from, to)));
        }
        for (QuantileBinner b : new QuantileBinner[] {QuantileBinner.builder().bins(bins).build(),
                QuantileBinner.builder().bins(bins).columns("q", "p").descending("p").build()}) {
            QuantileBinnerModel rowsFit = b.fit(x);
            QuantileBinnerModel countsFit = b.fit(List.of("p", "q"), List.of(cp, cq));
            assertEquals(rowsFit.columns(), countsFit.columns());
            for (String c : rowsFit.columns()) {
                assertArrayEquals(rowsFit.edges(c), countsFit.edges(c), c);
            }
            assertArrayEquals(rowsFit.transform(x).toArray(), countsFit.transform(x).toArray());
        }
    }

    @Test
    void badStatisticsAreRefusedWithExactMessages() {
        assertEquals("values[1] must be finite, found NaN", assertThrows(IllegalArgumentException.class,
                () -> ValueCounts.of(new double[] {1, Double.NaN})).getMessage());
        assertEquals("columns must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> ColumnMoments.aboutZero(0)).getMessage());
        assertEquals("other must have the same centre, found [0.0] and [1.0]",
                assertThrows(IllegalArgumentException.class, () -> ColumnMoments.aboutZero(1)
                        .merge(ColumnMoments.about(new double[] {1}))).getMessage());
        assertEquals("the mean needs rows: count must be >= 1, found 0", assertThrows(IllegalStateException.class,
                () -> ColumnMoments.aboutZero(1).means()).getMessage());
        QuantileBinner b = QuantileBinner.builder().columns("r").build();
        ValueCounts one = ValueCounts.of(new double[] {1, 2});
        assertEquals("column must be one of [p], found \"r\"", assertThrows(InvalidDataException.class,
                () -> b.fit(List.of("p"), List.of(one))).getMessage());
        assertEquals("rows must be >= 1, found 0", assertThrows(InvalidDataException.class,
                () -> QuantileBinner.builder().build().fit(List.of("p"), List.of(ValueCounts.empty()))).getMessage());
        assertEquals("counts must all have the same total, found 2 and 1", assertThrows(IllegalArgumentException.class,
                () -> QuantileBinner.builder().build().fit(List.of("p", "q"), List.of(one,
                        ValueCounts.of(new double[] {4})))).getMessage());
    }

    @Test
    void zeroAndNegativeZeroAreOneValue() {
        ValueCounts c = ValueCounts.of(new double[] {0.0, -0.0, 1, -0.0});
        assertArrayEquals(new double[] {0.0, 1.0}, c.values());
        assertArrayEquals(new long[] {3, 1}, c.counts());
        assertEquals(c, ValueCounts.of(new double[] {-0.0}).merge(ValueCounts.of(new double[] {1, 0.0, 0.0})));
    }
}
