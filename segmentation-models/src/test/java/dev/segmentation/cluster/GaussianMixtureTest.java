package dev.segmentation.cluster;

import static dev.segmentation.cluster.TestData.assertRelative;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.testing.StdoutGuard;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GaussianMixtureTest {
    private static final double[][] MEANS = {{0, 0, 0}, {2, 0, -1}, {0, 3, 1}};

    @Test
    void toStringListsEveryHyperparameter() {
        assertEquals("GaussianMixture{k=1, covariance=FULL, regularization=1.0E-6, maxIterations=100, tolerance=0.001,"
                + " nInit=1, seed=0, threads=1, init=kmeans}", GaussianMixture.builder().build().toString());
        assertEquals("GaussianMixture{k=3, covariance=DIAGONAL, regularization=0.0, maxIterations=7, tolerance=0.0,"
                + " nInit=1, seed=5, threads=2, init=given(3x3)}", GaussianMixture.builder().initialMeans(MEANS)
                .covariance(CovarianceType.DIAGONAL).regularization(0).maxIterations(7).tolerance(0).seed(5)
                .threads(2).build().toString());
    }

    @Test
    void builderRejectsBadSettingsWithExactMessages() {
        assertEquals("k must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> GaussianMixture.builder().k(0)).getMessage());
        assertEquals("regularization must be finite and >= 0, found -1.0", assertThrows(
                IllegalArgumentException.class, () -> GaussianMixture.builder().regularization(-1)).getMessage());
        assertEquals("regularization must be finite and >= 0, found Infinity", assertThrows(
                IllegalArgumentException.class, () -> GaussianMixture.builder()
                        .regularization(Double.POSITIVE_INFINITY)).getMessage());
        assertEquals("maxIterations must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> GaussianMixture.builder().maxIterations(0)).getMessage());
        assertEquals("tolerance must be finite and >= 0, found -0.5", assertThrows(IllegalArgumentException.class,
                () -> GaussianMixture.builder().tolerance(-0.5)).getMessage());
        assertEquals("nInit must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> GaussianMixture.builder().nInit(0)).getMessage());
        assertEquals("threads must be >= 1, found -1", assertThrows(IllegalArgumentException.class,
                () -> GaussianMixture.builder().threads(-1)).getMessage());
        assertEquals("initialMeans row 1 must have width 3, found 2", assertThrows(IllegalArgumentException.class,
                () -> GaussianMixture.builder().initialMeans(new double[][] {{1, 2, 3}, {1, 2}})).getMessage());
        assertEquals("nInit must be 1 when initialMeans are given, found 3", assertThrows(
                IllegalArgumentException.class, () -> GaussianMixture.builder().initialMeans(MEANS).nInit(3).build())
                .getMessage());
        assertEquals("k must equal the number of initialMeans (3), found 2", assertThrows(
                IllegalArgumentException.class, () -> GaussianMixture.builder().initialMeans(MEANS).k(2).build())
                .getMessage());
    }

    @Test
    void badDataIsRejectedWithExactMessages() {
        GaussianMixture g = GaussianMixture.builder().k(2).build();
        List<String> names = List.of("a", "b");
        assertEquals("row 0, column a: value must be finite, found NaN", assertThrows(InvalidDataException.class,
                () -> g.fit(FeatureMatrix.ofRows(names, new double[][] {{Double.NaN, 1}, {2, 3}}))).getMessage());
        assertEquals("x: rows must be >= 1, found 0", assertThrows(InvalidDataException.class,
                () -> g.fit(FeatureMatrix.ofRows(names, new double[0][]))).getMessage());
        assertEquals("x: distinct rows must be >= 2, found 1 (all rows are identical)", assertThrows(
                InvalidDataException.class, () -> g.fit(FeatureMatrix.ofRows(names,
                        new double[][] {{1, 1}, {1, 1}, {1, 1}}))).getMessage());
        assertEquals("k must be <= the number of distinct rows (2), found 3", assertThrows(InvalidDataException.class,
                () -> GaussianMixture.builder().k(3).build().fit(FeatureMatrix.ofRows(names,
                        new double[][] {{1, 1}, {2, 2}, {1, 1}}))).getMessage());
        GaussianMixtureModel m = GaussianMixture.builder().k(2).build().fit(TestData.blobsCsv());
        assertEquals("row: width must be 3, found 2", assertThrows(InvalidDataException.class,
                () -> m.predict(new double[] {1, 2})).getMessage());
        assertEquals("row, column c: value must be finite, found NaN", assertThrows(InvalidDataException.class,
                () -> m.predictProba(new double[] {1, 2, Double.NaN}, new double[2])).getMessage());
        assertEquals("out must have length >= 2, found 1", assertThrows(IllegalArgumentException.class,
                () -> m.predictProba(new double[] {1, 2, 3}, new double[1])).getMessage());
        assertEquals("x: columns must be 3, found 2", assertThrows(InvalidDataException.class,
                () -> m.score(FeatureMatrix.ofRows(names, new double[][] {{1, 2}}))).getMessage());
    }

    /**
     * scikit-learn GaussianMixture started from the parameters of the hard assignment to the given means
     * (golden.py), for 5 iterations exactly (tol = 0) and to its default convergence (tol = 1e-3).
     */
    @ParameterizedTest
    @CsvSource({"FULL, full, 5", "FULL, full, 100", "DIAGONAL, diag, 5", "DIAGONAL, diag, 100",
        "SPHERICAL, spherical, 5", "SPHERICAL, spherical, 100"})
    void matchesScikitLearnFromGivenMeans(CovarianceType type, String tag, int iterations) {
        Map<String, double[]> g = TestData.golden();
        String key = "gmm_" + tag + "_" + iterations;
        FeatureMatrix x = TestData.blobsCsv();
        GaussianMixtureModel m = GaussianMixture.builder().initialMeans(MEANS).covariance(type)
                .maxIterations(iterations).tolerance(iterations == 5 ? 0 : 1e-3).build().fit(x);
        assertEquals((int) TestData.golden(g, key + "_n_iter"), m.iterations(), "iterations");
        assertEquals(TestData.golden(g, key + "_converged") == 1, m.converged(), "converged");
        assertRelative(TestData.golden(g, key + "_loglik"), m.logLikelihood(), TestData.EM, "log-likelihood");
        assertRelative(TestData.golden(g, key + "_bic"), m.bic(), TestData.EM, "bic");
        assertRelative(TestData.golden(g, key + "_aic"), m.aic(), TestData.EM, "aic");
        assertRelative(TestData.golden(g, key + "_bic"), m.bic(x), TestData.EM, "bic(x)");
        assertRelative(TestData.golden(g, key + "_loglik") / 90, m.score(x), TestData.EM, "score");
        double[] w = g.get(key + "_weights");
        double[] mw = m.weights();
        for (int c = 0; c < 3; c++) {
            assertRelative(w[c], mw[c], TestData.EM, "weight " + c);
        }
        double[] mu = g.get(key + "_means");
        FeatureMatrix mm = m.means();
        for (int i = 0; i < 9; i++) {
            assertEquals(mu[i], mm.get(i / 3, i % 3), 1e-9, "mean " + i);
        }
        double[] cov = g.get(key + "_covariances");
        double[][][] mc = m.covariances();
        for (int i = 0; i < 27; i++) {
            assertEquals(cov[i], mc[i / 9][(i % 9) / 3][i % 3], 1e-9, "covariance " + i);
        }
        double[] p = g.get(key + "_proba0");
        double[] out = new double[3];
        m.predictProba(x.row(0, null), out);
        for (int c = 0; c < 3; c++) {
            assertEquals(p[c], out[c], 1e-9, "proba " + c);
        }
    }

    @Test
    void collapsingComponentIsRegularizedAndReportedWithoutNaN() {
        // 20 copies of one point plus a spread cloud: one component collapses onto the copies
        double[][] rows = new double[120][];
        for (int i = 0; i < 20; i++) {
            rows[i] = new double[] {5, 5};
        }
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (int i = 20; i < 120; i++) {
            rows[i] = new double[] {TestData.gaussian(rng), TestData.gaussian(rng)};
        }
        FeatureMatrix x = FeatureMatrix.ofRows(List.of("a", "b"), rows);
        for (CovarianceType type : CovarianceType.values()) {
            GaussianMixtureModel m = GaussianMixture.builder().initialMeans(new double[][] {{5, 5}, {0, 0}})
                    .covariance(type).build().fit(x);
            assertTrue(Double.isFinite(m.logLikelihood()), type + " log-likelihood " + m.logLikelihood());
            for (double ll : m.logLikelihoods()) {
                assertTrue(Double.isFinite(ll));
            }
            assertTrue(m.degenerateComponents().contains(new DegenerateComponent(0, 0,
                    DegenerateComponent.Kind.COLLAPSED)), type + " " + m.degenerateComponents());
            assertEquals(1e-6, m.covariances()[0][0][0], 1e-12, "the regularizer holds the collapsed component");
            assertTrue(Double.isFinite(m.bic()));
        }
        // without a regularizer the fit raises it just enough, and still reports
        GaussianMixtureModel raw = GaussianMixture.builder().initialMeans(new double[][] {{5, 5}, {0, 0}})
                .regularization(0).build().fit(x);
        assertTrue(Double.isFinite(raw.logLikelihood()));
        assertTrue(raw.covariances()[0][0][0] > 0);
        assertFalse(raw.degenerateComponents().isEmpty());
    }

    @Test
    void emptyComponentIsReseededAndReported() {
        FeatureMatrix x = TestData.blobsCsv();
        GaussianMixtureModel m = GaussianMixture.builder()
                .initialMeans(new double[][] {{0, 0, 0}, {1, 1, 1}, {1000, 1000, 1000}}).build().fit(x);
        assertTrue(m.degenerateComponents().contains(new DegenerateComponent(0, 2,
                DegenerateComponent.Kind.RESEEDED)), m.degenerateComponents().toString());
        assertTrue(Double.isFinite(m.logLikelihood()));
        for (double w : m.weights()) {
            assertTrue(w > 0);
        }
    }

    @Test
    void sameSeedGivesBitIdenticalModelsWithOneOrFourThreads() {
        TestData.Blobs b = TestData.blobs(4, 3, 3000, 1.0, 4, 2, 21); // 12,000 rows: 3 chunks
        for (CovarianceType type : CovarianceType.values()) {
            GaussianMixture one = GaussianMixture.builder().k(4).covariance(type).nInit(2).seed(8).build();
            GaussianMixtureModel a = one.fit(b.x);
            GaussianMixtureModel c = one.toBuilder().threads(4).build().fit(b.x);
            assertArrayEquals(a.logLikelihoods(), c.logLikelihoods());
            assertArrayEquals(a.weights(), c.weights());
            assertArrayEquals(a.means().toArray(), c.means().toArray());
            for (int q = 0; q < 4; q++) {
                for (int i = 0; i < 3; i++) {
                    assertArrayEquals(a.covariances()[q][i], c.covariances()[q][i]);
                }
            }
        }
    }

    @Test
    void recoversSeparatedBlobsAndProbabilitiesSumToOne() {
        TestData.Blobs b = TestData.blobs(3, 2, 400, 1.0, 15, 8, 9);
        GaussianMixtureModel m = GaussianMixture.builder().k(3).seed(1).build().fit(b.x);
        assertTrue(ClusterQuality.adjustedRandIndex(b.truth, m.predict(b.x)) >= 0.95);
        FeatureMatrix p = m.predictProba(b.x);
        assertEquals(List.of("p0", "p1", "p2"), p.names());
        for (int i = 0; i < p.rows(); i++) {
            double s = p.get(i, 0) + p.get(i, 1) + p.get(i, 2);
            assertEquals(1.0, s, 1e-12);
        }
        assertEquals(m.parameterCount(), 2 + 3 * 2 + 3 * 3);
        assertEquals(m.logLikelihood(), m.logLikelihoods()[m.iterations()]);
        double total = 0;
        for (int i = 0; i < b.x.rows(); i++) {
            total += m.logDensity(b.x.row(i, null));
        }
        assertRelative(total, m.logLikelihood(), 1e-12, "log-likelihood = sum of log-densities");
        assertEquals(String.format(Locale.ROOT, "%.6f", m.bic()),
                String.format(Locale.ROOT, "%.6f", -2 * m.logLikelihood() + m.parameterCount() * Math.log(1200)));
    }

    @Test
    void libraryPrintsNothing() {
        assertEquals("", StdoutGuard.capture(() -> GaussianMixture.builder().k(3).threads(2).build()
                .fit(TestData.blobsCsv())));
    }
}
