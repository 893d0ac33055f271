package dev.segmentation.cluster;

import static dev.segmentation.cluster.TestData.assertRelative;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.testing.StdoutGuard;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class KMeansTest {
    private static final double[][] GIVEN = {{0, 0, 0}, {1, 1, 1}, {2, 2, 0}};

    private static String message(Class<? extends Throwable> type, Executable e) {
        return assertThrows(type, e).getMessage();
    }

    @Test
    void toStringListsEveryHyperparameter() {
        assertEquals("KMeans{k=8, nInit=10, maxIterations=300, tolerance=1.0E-6, seed=0, threads=1, init=k-means++}",
                KMeans.builder().build().toString());
        assertEquals("KMeans{k=3, nInit=2, maxIterations=50, tolerance=0.0, seed=7, threads=4, init=k-means++}",
                KMeans.builder().k(3).nInit(2).maxIterations(50).tolerance(0).seed(7).threads(4).build().toString());
        assertEquals("KMeans{k=3, nInit=1, maxIterations=300, tolerance=1.0E-6, seed=0, threads=1, init=given(3x3)}",
                KMeans.builder().nInit(1).initialCentroids(GIVEN).build().toString());
    }

    @Test
    void buildDoesNotChangeTheBuilderAndToBuilderRoundTrips() {
        KMeans.Builder b = KMeans.builder().k(4).seed(3);
        KMeans first = b.build();
        KMeans second = b.k(5).build();
        assertEquals(4, first.k());
        assertEquals(5, second.k());
        assertEquals(first.toString(), first.toBuilder().build().toString());
    }

    @Test
    void builderRejectsBadSettingsWithExactMessages() {
        assertEquals("k must be >= 1, found 0", message(IllegalArgumentException.class, () -> KMeans.builder().k(0)));
        assertEquals("k must be >= 1, found -3", message(IllegalArgumentException.class,
                () -> KMeans.builder().k(-3)));
        assertEquals("nInit must be >= 1, found 0", message(IllegalArgumentException.class,
                () -> KMeans.builder().nInit(0)));
        assertEquals("maxIterations must be >= 1, found 0", message(IllegalArgumentException.class,
                () -> KMeans.builder().maxIterations(0)));
        assertEquals("tolerance must be finite and >= 0, found -1.0", message(IllegalArgumentException.class,
                () -> KMeans.builder().tolerance(-1)));
        assertEquals("tolerance must be finite and >= 0, found NaN", message(IllegalArgumentException.class,
                () -> KMeans.builder().tolerance(Double.NaN)));
        assertEquals("threads must be >= 1, found 0", message(IllegalArgumentException.class,
                () -> KMeans.builder().threads(0)));
        assertEquals("initialCentroids must be non-empty, found 0 rows", message(IllegalArgumentException.class,
                () -> KMeans.builder().initialCentroids(new double[0][])));
        assertEquals("initialCentroids row 1 must have width 2, found 3", message(IllegalArgumentException.class,
                () -> KMeans.builder().initialCentroids(new double[][] {{1, 2}, {1, 2, 3}})));
        assertEquals("initialCentroids[1][0] must be finite, found NaN", message(IllegalArgumentException.class,
                () -> KMeans.builder().initialCentroids(new double[][] {{1, 2}, {Double.NaN, 2}})));
        assertEquals("nInit must be 1 when initialCentroids are given, found 10",
                message(IllegalArgumentException.class, () -> KMeans.builder().initialCentroids(GIVEN).build()));
        assertEquals("k must equal the number of initialCentroids (3), found 4", message(IllegalArgumentException.class,
                () -> KMeans.builder().initialCentroids(GIVEN).nInit(1).k(4).build()));
    }

    private static FeatureMatrix small(double[][] rows) {
        return FeatureMatrix.ofRows(List.of("a", "b", "c"), rows);
    }

    @Test
    void badDataIsRejectedWithExactMessages() {
        KMeans km = KMeans.builder().k(2).build();
        assertEquals("row 1, column b: value must be finite, found NaN", message(InvalidDataException.class,
                () -> km.fit(small(new double[][] {{1, 2, 3}, {1, Double.NaN, 3}, {0, 0, 0}}))));
        InvalidDataException inf = assertThrows(InvalidDataException.class,
                () -> km.fit(small(new double[][] {{1, 2, 3}, {1, 2, 3}, {0, 0, Double.NEGATIVE_INFINITY}})));
        assertEquals("row 2, column c: value must be finite, found -Infinity", inf.getMessage());
        assertEquals(2, inf.row());
        assertEquals("c", inf.column());
        assertEquals("finite", inf.constraint());
        assertEquals("-Infinity", inf.value());
        InvalidDataException huge = assertThrows(InvalidDataException.class,
                () -> km.fit(small(new double[][] {{1, 2, 3}, {1, 2e200, 3}, {0, 0, 0}})));
        assertEquals("at most 1.0E150 in magnitude", huge.constraint());
        assertEquals("2.0E200", huge.value());
        assertEquals("f.csv:3: column b: value must be at most 1.0E150 in magnitude, found 2.0E200",
                huge.relocate("f.csv", 3, "f.csv:3", c -> c).getMessage());
        // finite but so large that squared distances would overflow to infinity and inf - inf = NaN
        assertEquals("row 0, column a: value must be at most 1.0E150 in magnitude, found -1.0E200",
                message(InvalidDataException.class,
                        () -> km.fit(small(new double[][] {{-1e200, 2, 3}, {1, 2, 3}, {0, 0, 0}}))));
        assertEquals("row, column b: value must be at most 1.0E150 in magnitude, found 1.0E160",
                message(InvalidDataException.class, () -> km.fit(small(new double[][] {{1, 2, 3}, {0, 0, 0}}))
                        .predict(new double[] {0, 1e160, 0})));
        assertEquals("x: rows must be >= 1, found 0", message(InvalidDataException.class,
                () -> km.fit(small(new double[0][]))));
        assertEquals("x: distinct rows must be >= 2, found 1 (all rows are identical)",
                message(InvalidDataException.class,
                        () -> km.fit(small(new double[][] {{1, 2, 3}, {1, 2, 3}, {1, 2, 3}, {1, 2, 3}}))));
        assertEquals("x: distinct rows must be >= 2, found 1 (all rows are identical)",
                message(InvalidDataException.class, () -> KMeans.builder().k(1).build()
                        .fit(small(new double[][] {{1, 2, 3}, {1, 2, 3}}))));
        assertEquals("k must be <= the number of distinct rows (3), found 5", message(InvalidDataException.class,
                () -> KMeans.builder().k(5).build().fit(small(
                        new double[][] {{1, 2, 3}, {1, 2, 3}, {0, 0, 0}, {4, 4, 4}, {0, 0, 0}, {4, 4, 4}}))));
        assertEquals("row 1: width must be 3, found 2", message(InvalidDataException.class,
                () -> small(new double[][] {{1, 2, 3}, {1, 2}})));
        assertEquals("x: columns must be 3 (the width of initialCentroids), found 2", message(
                InvalidDataException.class, () -> KMeans.builder().initialCentroids(GIVEN).nInit(1).build().fit(
                        FeatureMatrix.ofRows(List.of("a", "b"), new double[][] {{1, 2}, {3, 4}, {5, 6}}))));
        FeatureMatrix ok = small(new double[][] {{1, 2, 3}, {0, 0, 0}, {4, 4, 4}});
        assertEquals("weights: length must be 3, found 2", message(InvalidDataException.class,
                () -> km.fit(ok, new double[] {1, 1})));
        assertEquals("row 1: weight must be finite and > 0, found -1.0", message(InvalidDataException.class,
                () -> km.fit(ok, new double[] {1, -1, 1})));
        assertEquals("row 2: weight must be finite and > 0, found NaN", message(InvalidDataException.class,
                () -> km.fit(ok, new double[] {1, 1, Double.NaN})));
    }

    @Test
    void predictRejectsRowsOfAnotherWidthOrNonFiniteValues() {
        KMeansModel m = KMeans.builder().k(2).build().fit(TestData.blobsCsv());
        assertEquals("row: width must be 3, found 2", message(InvalidDataException.class,
                () -> m.predict(new double[] {1, 2})));
        assertEquals("row, column b: value must be finite, found Infinity", message(InvalidDataException.class,
                () -> m.predict(new double[] {1, Double.POSITIVE_INFINITY, 2})));
        assertEquals("x: columns must be 3, found 2", message(InvalidDataException.class,
                () -> m.predict(FeatureMatrix.ofRows(List.of("a", "b"), new double[][] {{1, 2}}))));
        assertEquals("out must have length >= 90, found 3", message(IllegalArgumentException.class,
                () -> m.predict(TestData.blobsCsv(), new int[3])));
    }

    /** scikit-learn KMeans(init=given, n_init=1, algorithm="lloyd") on blobs.csv; values from golden.py. */
    @Test
    void matchesScikitLearnFromGivenCentres() {
        Map<String, double[]> g = TestData.golden();
        FeatureMatrix x = TestData.blobsCsv();
        KMeansModel m = KMeans.builder().initialCentroids(GIVEN).nInit(1).tolerance(0).build().fit(x);
        assertRelative(TestData.golden(g, "kmeans_given_inertia"), m.inertia(), TestData.EXACT, "inertia");
        assertEquals((int) TestData.golden(g, "kmeans_given_iter"), m.iterations());
        assertTrue(m.converged());
        double[] expected = g.get("kmeans_given_centers");
        double[][] c = m.centroidArray();
        for (int i = 0; i < 9; i++) {
            assertEquals(expected[i], c[i / 3][i % 3], 1e-12, "centre " + i);
        }
        KMeansModel tol = KMeans.builder().initialCentroids(GIVEN).nInit(1).tolerance(1e-4).build().fit(x);
        assertRelative(TestData.golden(g, "kmeans_given_tol_inertia"), tol.inertia(), TestData.EXACT, "inertia tol");
        assertEquals((int) TestData.golden(g, "kmeans_given_tol_iter"), tol.iterations());
    }

    @Test
    void sameSeedGivesBitIdenticalModelsWithOneOrFourThreads() {
        TestData.Blobs b = TestData.blobs(6, 5, 4000, 1.5, 6, 2, 11); // 24,000 rows: 6 chunks
        KMeans one = KMeans.builder().k(6).nInit(3).seed(99).threads(1).build();
        KMeans four = one.toBuilder().threads(4).build();
        KMeansModel a = one.fit(b.x);
        KMeansModel again = one.fit(b.x);
        KMeansModel c = four.fit(b.x);
        for (KMeansModel other : List.of(again, c)) {
            double[][] ca = a.centroidArray();
            double[][] cc = other.centroidArray();
            for (int i = 0; i < ca.length; i++) {
                assertArrayEquals(ca[i], cc[i]);
            }
            assertEquals(a.inertia(), other.inertia());
            assertArrayEquals(a.sizes(), other.sizes());
            assertEquals(a.history(), other.history());
            assertEquals(a.iterations(), other.iterations());
        }
        double[] w = new double[b.x.rows()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 + (i % 7);
        }
        KMeansModel wa = one.fit(b.x, w);
        KMeansModel wc = four.fit(b.x, w);
        assertEquals(wa.inertia(), wc.inertia());
        assertArrayEquals(wa.centroidArray()[0], wc.centroidArray()[0]);
    }

    @Test
    void recoversWellSeparatedBlobs() {
        TestData.Blobs b = TestData.blobs(5, 4, 300, 1.0, 20, 10, 5);
        KMeansModel m = KMeans.builder().k(5).seed(1).build().fit(b.x);
        double ari = ClusterQuality.adjustedRandIndex(b.truth, m.predict(b.x));
        assertTrue(ari >= 0.95, "ARI " + ari);
        assertTrue(m.converged());
        long total = 0;
        for (long s : m.sizes()) {
            total += s;
        }
        assertEquals(1500, total);
    }

    @Test
    void boundsSkipMostDistancesInLateIterationsOnClusteredData() {
        TestData.Blobs b = TestData.blobs(8, 8, 2000, 1.0, 10, 4, 3);
        KMeansModel m = KMeans.builder().k(8).nInit(1).tolerance(0).seed(2).build().fit(b.x);
        List<LloydIteration> h = m.history();
        long nk = 16000L * 8;
        assertEquals(nk, h.get(0).distancesComputed());
        assertEquals(0, h.get(0).distancesSkipped());
        assertEquals(16000, h.get(0).reassigned());
        LloydIteration last = h.get(h.size() - 1);
        assertTrue(h.size() >= 2);
        assertTrue(last.distancesSkipped() > 0.8 * 16000 * 7, "skipped " + last.distancesSkipped());
        assertTrue(last.distancesComputed() < 0.25 * nk, "computed " + last.distancesComputed());
        for (LloydIteration it : h) {
            assertTrue(it.distancesComputed() + it.distancesSkipped() >= nk);
        }
    }

    @Test
    void integerWeightsEqualDuplicatedRows() {
        FeatureMatrix x = TestData.blobsCsv();
        int n = x.rows();
        double[] w = new double[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            w[i] = 1 + i % 3;
            total += (int) w[i];
        }
        double[][] dup = new double[total][];
        int r = 0;
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < (int) w[i]; t++) {
                dup[r++] = x.row(i, null);
            }
        }
        KMeans km = KMeans.builder().initialCentroids(GIVEN).nInit(1).tolerance(0).build();
        KMeansModel weighted = km.fit(x, w);
        KMeansModel duplicated = km.fit(FeatureMatrix.ofRows(x.names(), dup));
        assertRelative(duplicated.inertia(), weighted.inertia(), 1e-12, "inertia");
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(duplicated.centroidArray()[c], weighted.centroidArray()[c], 1e-12);
        }
    }

    @Test
    void emptyClusterIsReseededAtTheFarthestRow() {
        FeatureMatrix x = TestData.blobsCsv();
        double[][] init = {{0, 0, 0}, {1, 1, 1}, {100, 100, 100}};
        KMeansModel m = KMeans.builder().initialCentroids(init).nInit(1).tolerance(0).build().fit(x);
        for (long s : m.sizes()) {
            assertTrue(s > 0);
        }
        assertTrue(m.history().get(0).reassigned() > x.rows(), "the re-seed counts as a reassignment");
        assertRelative(TestData.inertia(x, m.centroidArray()), m.inertia(), 1e-12, "inertia");
    }

    @Test
    void singleClusterIsTheMean() {
        FeatureMatrix x = TestData.blobsCsv();
        KMeansModel m = KMeans.builder().k(1).build().fit(x);
        for (int j = 0; j < 3; j++) {
            double mean = 0;
            for (int i = 0; i < x.rows(); i++) {
                mean += x.get(i, j);
            }
            assertEquals(mean / x.rows(), m.centroidArray()[0][j], 1e-12);
        }
        assertEquals(90, m.sizes()[0]);
    }

    @Test
    void modelIsImmutableAndCarriesProvenance() {
        FeatureMatrix x = TestData.blobsCsv();
        double[][] init = {{0, 0, 0}, {1, 1, 1}, {2, 2, 0}};
        KMeans.Builder b = KMeans.builder().initialCentroids(init).nInit(1);
        init[0][0] = 50;
        KMeansModel m = b.build().fit(x);
        assertEquals(m.inertia(), KMeans.builder().initialCentroids(GIVEN).nInit(1).build().fit(x).inertia());
        double[][] c = m.centroidArray();
        c[0][0] = 1e9;
        assertFalse(m.centroidArray()[0][0] == 1e9);
        long[] s = m.sizes();
        s[0] = -1;
        assertTrue(m.sizes()[0] >= 0);
        assertNotSame(m.centroidArray(), m.centroidArray());
        assertEquals(List.of("a", "b", "c"), m.centroids().names());
        assertEquals(3, m.centroids().rows());
        // format version 3: the trainer description is the provenance's, without threads (which change no result)
        assertEquals(b.build().toString().replace(", threads=1", ""), m.trainer());
        assertEquals(90, m.trainingRows());
        assertEquals(m.dataFingerprint(), KMeans.builder().k(2).build().fit(x).dataFingerprint());
        assertFalse(m.dataFingerprint() == KMeans.builder().k(2).build().fit(TestData.uniform(30, 3, 1))
                .dataFingerprint());
        assertEquals(3, m.k());
        assertEquals(3, m.dimension());
    }

    @Test
    void libraryPrintsNothing() {
        assertEquals("", StdoutGuard.capture(() -> KMeans.builder().k(3).threads(2).build()
                .fit(TestData.blobsCsv())));
    }

    @Test
    void predictOnTrainingDataReproducesSizesAndInertia() {
        TestData.Blobs b = TestData.blobs(4, 3, 500, 2.0, 5, 2, 8);
        KMeansModel m = KMeans.builder().k(4).seed(4).build().fit(b.x);
        int[] labels = m.predict(b.x);
        long[] counts = new long[4];
        for (int l : labels) {
            counts[l]++;
        }
        assertArrayEquals(m.sizes(), counts);
        assertRelative(m.inertia(), m.inertia(b.x), 1e-12, "inertia(x)");
        for (int i = 0; i < 20; i++) {
            assertEquals(labels[i], m.predict(b.x.row(i, null)));
        }
    }
}
