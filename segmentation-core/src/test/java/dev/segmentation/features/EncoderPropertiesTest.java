package dev.segmentation.features;

import static dev.segmentation.features.EncoderFixtures.ROUND_TRIP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the encoders over generated matrices (sizes, magnitudes, ties, constant columns). */
class EncoderPropertiesTest {
    private static final int TRIES = 300;

    // ---- generators ----

    /** A matrix of 1..40 rows and 1..4 columns; each column has its own kind: wide, offset, tied, constant. */
    @Provide
    Arbitrary<FeatureMatrix> matrices() {
        return matrices(false);
    }

    /** As {@link #matrices()} with every value {@code > -1}, for log1p. */
    @Provide
    Arbitrary<FeatureMatrix> log1pMatrices() {
        return matrices(true);
    }

    private static Arbitrary<FeatureMatrix> matrices(boolean aboveMinusOne) {
        Arbitrary<Integer> rows = Arbitraries.integers().between(1, 40);
        Arbitrary<Integer> cols = Arbitraries.integers().between(1, 4);
        return Combinators.combine(rows, cols).flatAs((n, d) -> column(n, aboveMinusOne).list().ofSize(d)
                .map(columns -> {
                    double[] data = new double[n * d];
                    List<String> names = new ArrayList<>();
                    for (int j = 0; j < d; j++) {
                        names.add("c" + j);
                        for (int i = 0; i < n; i++) {
                            data[i * d + j] = columns.get(j)[i];
                        }
                    }
                    return FeatureMatrix.of(names, n, data);
                }));
    }

    private static Arbitrary<double[]> column(int n, boolean aboveMinusOne) {
        double lo = aboveMinusOne ? -1 : -1e6;
        Arbitrary<double[]> wide = Arbitraries.doubles().between(lo, false, 1e6, true).array(double[].class)
                .ofSize(n);
        Arbitrary<double[]> small = Arbitraries.doubles().between(-1, 1).ofScale(6).array(double[].class)
                .ofSize(n).map(a -> Arrays.stream(a).map(v -> v * 1e-3).toArray());
        Arbitrary<double[]> offset = Arbitraries.doubles().between(0, 1).array(double[].class).ofSize(n)
                .map(a -> Arrays.stream(a).map(v -> 1e5 + v).toArray());
        Arbitrary<double[]> tied = Arbitraries.integers().between(0, 4).array(int[].class).ofSize(n)
                .map(a -> Arrays.stream(a).asDoubleStream().map(v -> v * 2.5).toArray());
        Arbitrary<double[]> constant = Arbitraries.doubles().between(aboveMinusOne ? -0.5 : -1e4, 1e4)
                .map(v -> {
                    double[] a = new double[n];
                    Arrays.fill(a, v);
                    return a;
                });
        return Arbitraries.oneOf(wide, small, offset, tied, constant);
    }

    // ---- round trips ----

    /** The largest magnitude in a column: affine round-trip errors are a few ulps of it. */
    private static double[] columnScale(FeatureMatrix x) {
        double[] s = new double[x.columns()];
        for (int j = 0; j < x.columns(); j++) {
            for (double v : x.column(j)) {
                s[j] = Math.max(s[j], Math.abs(v));
            }
        }
        return s;
    }

    private static void assertRoundTrip(FeatureMatrix x, FeatureTransform t) {
        assertTrue(t.invertible());
        FeatureMatrix back = t.inverseTransform(t.transform(x));
        assertEquals(x.names(), back.names());
        double[] scale = columnScale(x);
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < x.columns(); j++) {
                double tol = ROUND_TRIP * scale[j];
                assertEquals(x.get(i, j), back.get(i, j), tol, "row " + i + ", column " + j);
            }
        }
    }

    @Property(tries = TRIES)
    void standardizerRoundTrips(@ForAll("matrices") FeatureMatrix x, @ForAll boolean sampleSd) {
        assertRoundTrip(x, Standardizer.builder().sampleSd(sampleSd).build().fit(x));
    }

    @Property(tries = TRIES)
    void minMaxRoundTrips(@ForAll("matrices") FeatureMatrix x, @ForAll @IntRange(min = -5, max = 5) int lo) {
        assertRoundTrip(x, MinMaxScaler.builder().range(lo, lo + 2.5).build().fit(x));
    }

    @Property(tries = TRIES)
    void robustRoundTrips(@ForAll("matrices") FeatureMatrix x, @ForAll boolean centering,
            @ForAll @IntRange(min = 0, max = 49) int lower) {
        assertRoundTrip(x, RobustScaler.builder().centering(centering).quantileRange(lower, 100 - lower).build()
                .fit(x));
    }

    @Property(tries = TRIES)
    void log1pRoundTripsRelativeToEachValue(@ForAll("log1pMatrices") FeatureMatrix x) {
        Log1pModel t = Log1p.builder().build().fit(x);
        FeatureMatrix back = t.inverseTransform(t.transform(x));
        double[] a = x.toArray();
        double[] b = back.toArray();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], ROUND_TRIP * Math.abs(a[i]), "element " + i);
        }
    }

    @Property(tries = TRIES)
    void pipelineRoundTrips(@ForAll("log1pMatrices") FeatureMatrix x) {
        EncoderPipelineModel p = EncoderPipeline.builder().add(Log1p.builder().build())
                .add(Standardizer.builder().build()).add(RobustScaler.builder().build())
                .add(MinMaxScaler.builder().build()).build().fit(x);
        // log1p then affine steps: an absolute error of a few ulps in log space is a relative error in 1 + x.
        FeatureMatrix back = p.inverseTransform(p.transform(x));
        double[] a = x.toArray();
        double[] b = back.toArray();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], ROUND_TRIP * (1 + Math.abs(a[i])), "element " + i);
        }
    }

    @Property(tries = TRIES)
    void robustQuantilesByQuickselectEqualThoseOfAFullSort(@ForAll("scoreColumns") double[] v,
            @ForAll @IntRange(min = 0, max = 49) int lower) {
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        double lo = lower / 100.0;
        double hi = (100 - lower) / 100.0;
        double range = RobustScaler.quantile(sorted, hi) - RobustScaler.quantile(sorted, lo);
        RobustScalerModel r = RobustScaler.builder().quantileRange(lower, 100 - lower).build().fit(single(v));
        assertEquals(RobustScaler.median(sorted), r.centers()[0], 0.0);
        assertEquals(range >= 10 * Math.ulp(1.0) ? range : 1.0, r.scales()[0], 0.0);
    }

    // ---- scaling invariants ----

    @Property(tries = TRIES)
    void standardizedTrainingColumnsHaveMeanZeroAndUnitOrZeroSd(@ForAll("matrices") FeatureMatrix x) {
        StandardizerModel z = Standardizer.builder().build().fit(x);
        FeatureMatrix y = z.transform(x);
        for (int j = 0; j < x.columns(); j++) {
            double[] c = y.column(j);
            double mean = Arrays.stream(c).sum() / c.length;
            double var = Arrays.stream(c).map(v -> (v - mean) * (v - mean)).sum() / c.length;
            // (x - mean) carries a rounding error of about ulp(max |x|), which dividing by a small scale
            // magnifies: the centred column's mean is zero only to within that.
            double maxAbs = Arrays.stream(x.column(j)).map(Math::abs).max().orElse(0);
            double rounding = 64 * Math.ulp(maxAbs) / z.scales()[j];
            assertEquals(0, mean, 1e-9 + rounding, "mean of column " + j);
            if (z.scales()[j] == 1.0 && var < 1e-9) {
                continue; // (near) constant: centred, scale 1
            }
            assertEquals(1, var, 1e-9, "variance of column " + j);
        }
    }

    @Property(tries = TRIES)
    void minMaxMapsTrainingDataIntoTheRange(@ForAll("matrices") FeatureMatrix x) {
        FeatureMatrix y = MinMaxScaler.builder().range(-2, 3).build().fit(x).transform(x);
        for (double v : y.toArray()) {
            assertTrue(v >= -2 - 1e-12 && v <= 3 + 1e-12, "value " + v);
        }
    }

    // ---- quantile scores ----

    /** A column with heavy ties (few distinct values), continuous values, or both. */
    @Provide
    Arbitrary<double[]> scoreColumns() {
        Arbitrary<double[]> tied = Arbitraries.integers().between(1, 6).flatMap(k -> Arbitraries.integers()
                .between(0, k).array(int[].class).ofMinSize(1).ofMaxSize(120)
                .map(a -> Arrays.stream(a).asDoubleStream().toArray()));
        Arbitrary<double[]> skewed = Arbitraries.integers().between(0, 30).array(int[].class).ofMinSize(1)
                .ofMaxSize(120).map(a -> Arrays.stream(a).asDoubleStream().map(v -> v < 18 ? 0 : v).toArray());
        Arbitrary<double[]> continuous = Arbitraries.doubles().between(-1e3, 1e3).array(double[].class)
                .ofMinSize(1).ofMaxSize(120);
        return Arbitraries.oneOf(tied, skewed, continuous);
    }

    private static FeatureMatrix single(double[] v) {
        return FeatureMatrix.of(List.of("v"), v.length, v);
    }

    @Property(tries = TRIES)
    void scoresAreInOneToBinsAndMonotoneInTheValue(@ForAll("scoreColumns") double[] v,
            @ForAll @IntRange(min = 2, max = 12) int bins, @ForAll boolean descending) {
        QuantileBinner.Builder b = QuantileBinner.builder().bins(bins);
        if (descending) {
            b.descending("v");
        }
        double[] s = b.build().fit(single(v)).transform(single(v)).column(0);
        for (int i = 0; i < v.length; i++) {
            assertTrue(s[i] >= 1 && s[i] <= bins && s[i] == Math.rint(s[i]), "score " + s[i]);
            for (int k = 0; k < v.length; k++) {
                if (v[i] == v[k]) {
                    assertEquals(s[i], s[k], "equal values, equal scores");
                } else if (v[i] < v[k]) {
                    assertTrue(descending ? s[i] >= s[k] : s[i] <= s[k],
                            v[i] + " -> " + s[i] + " vs " + v[k] + " -> " + s[k]);
                }
            }
        }
    }

    @Property(tries = TRIES)
    void binsAreBalancedWithinOneTieGroup(@ForAll("scoreColumns") double[] v,
            @ForAll @IntRange(min = 2, max = 12) int bins, @ForAll boolean descending) {
        QuantileBinner.Builder b = QuantileBinner.builder().bins(bins);
        if (descending) {
            b.descending("v");
        }
        double[] s = b.build().fit(single(v)).transform(single(v)).column(0);
        double[] binned = descending ? Arrays.stream(v).map(x -> -x).toArray() : v;
        EncoderFixtures.assertBalancedWithinOneTieGroup(binned, s, bins);
    }

    @Property(tries = TRIES)
    void withoutTiesBinSizesDifferByAtMostOne(@ForAll("scoreColumns") double[] raw,
            @ForAll @IntRange(min = 2, max = 12) int bins) {
        double[] v = new LinkedHashSet<>(Arrays.stream(raw).boxed().toList()).stream().mapToDouble(d -> d)
                .toArray();
        double[] s = QuantileBinner.builder().bins(bins).build().fit(single(v)).transform(single(v)).column(0);
        int[] counts = new int[bins + 1];
        for (double x : s) {
            counts[(int) x]++;
        }
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int k = 1; k <= bins; k++) {
            min = Math.min(min, counts[k]);
            max = Math.max(max, counts[k]);
        }
        assertTrue(max - min <= 1, "counts " + Arrays.toString(counts));
    }

    @Property(tries = TRIES)
    void newDataIsScoredConsistentlyWithTheTrainingData(@ForAll("scoreColumns") double[] train,
            @ForAll("scoreColumns") double[] fresh, @ForAll boolean descending) {
        QuantileBinner.Builder b = QuantileBinner.builder();
        if (descending) {
            b.descending("v");
        }
        QuantileBinnerModel model = b.build().fit(single(train));
        double[] st = model.transform(single(train)).column(0);
        double[] sf = model.transform(single(fresh)).column(0);
        for (int i = 0; i < fresh.length; i++) {
            for (int k = 0; k < train.length; k++) {
                if (fresh[i] == train[k]) {
                    assertEquals(st[k], sf[i], "a seen value gets its training score");
                } else if ((fresh[i] > train[k]) != descending) {
                    assertTrue(sf[i] >= st[k], "monotone across training and new data");
                } else {
                    assertTrue(sf[i] <= st[k], "monotone across training and new data");
                }
            }
        }
    }

    // ---- one-hot ----

    @Provide
    Arbitrary<String[]> categoricals() {
        return Arbitraries.of("a", "b", "c", "", "Month-to-month", "é").array(String[].class).ofMinSize(1)
                .ofMaxSize(40);
    }

    @Property(tries = TRIES)
    void oneHotRowsHaveOneOneAndInvertExactly(@ForAll("categoricals") String[] values, @ForAll boolean dropFirst,
            @ForAll boolean sorted) {
        OneHotEncoderModel m = OneHotEncoder.builder().column("c").dropFirst(dropFirst)
                .order(sorted ? OneHotEncoder.CategoryOrder.SORTED : OneHotEncoder.CategoryOrder.FIRST_APPEARANCE)
                .build().fit(values);
        List<String> cats = m.categories();
        assertEquals(new LinkedHashSet<>(Arrays.asList(values)).size(), cats.size());
        if (sorted) {
            assertEquals(cats.stream().sorted().toList(), cats);
        } else {
            assertEquals(values[0], cats.get(0), "first appearance");
        }
        FeatureMatrix y = m.transform(values);
        assertEquals(cats.size() - (dropFirst ? 1 : 0), y.columns());
        for (int i = 0; i < values.length; i++) {
            double sum = 0;
            for (int j = 0; j < y.columns(); j++) {
                double v = y.get(i, j);
                assertTrue(v == 0 || v == 1);
                sum += v;
            }
            boolean baseline = dropFirst && values[i].equals(cats.get(0));
            assertEquals(baseline ? 0 : 1, sum, "row " + i);
        }
        assertArrayEquals(values, m.inverseTransform(y));
    }

    // ---- purity ----

    @Property(tries = 50)
    void fitIsPureAndModelsAreIndependentOfLaterInputChanges(@ForAll("matrices") FeatureMatrix x) {
        Standardizer s = Standardizer.builder().build();
        assertArrayEquals(s.fit(x).transform(x).toArray(), s.fit(x).transform(x).toArray());
        QuantileBinner q = QuantileBinner.builder().build();
        assertArrayEquals(q.fit(x).transform(x).toArray(), q.fit(x).transform(x).toArray());
    }
}
