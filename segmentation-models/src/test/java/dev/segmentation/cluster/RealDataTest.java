package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real data: CDNOW customers (2,357; x, t_x, T, zbar), features log1p(x), log1p(t_x), T, log1p(zbar) standardized
 * with the population sd. References from golden_cdnow.py (scikit-learn 1.2.1): this library must match or beat
 * scikit-learn's {@code KMeans(n_init=10)} inertia and {@code GaussianMixture(n_init=5)} log-likelihood.
 */
class RealDataTest {
    private static FeatureMatrix x;
    private static Map<String, double[]> ref;

    @BeforeAll
    static void load() throws IOException {
        Path f = SharedData.file("cdnow/cdnow_customers_summary_with_transactions.csv");
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        int n = lines.size() - 1;
        double[] data = new double[n * 4];
        for (int i = 0; i < n; i++) {
            String[] p = lines.get(i + 1).split(",");
            data[i * 4] = Math.log1p(Double.parseDouble(p[1]));
            data[i * 4 + 1] = Math.log1p(Double.parseDouble(p[2]));
            data[i * 4 + 2] = Double.parseDouble(p[3]);
            data[i * 4 + 3] = Math.log1p(Double.parseDouble(p[4]));
        }
        for (int j = 0; j < 4; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += data[i * 4 + j];
            }
            mean /= n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double t = data[i * 4 + j] - mean;
                ss += t * t;
            }
            double sd = Math.sqrt(ss / n);
            for (int i = 0; i < n; i++) {
                data[i * 4 + j] = (data[i * 4 + j] - mean) / sd;
            }
        }
        x = FeatureMatrix.of(List.of("logX", "logTx", "T", "logZbar"), n, data);
        ref = TestData.goldenFile("golden_cdnow.txt");
    }

    @Test
    void kMeansMatchesOrBeatsScikitLearnBestOfTen() {
        assertEquals(2357, x.rows());
        for (int k = 3; k <= 5; k++) {
            KMeansModel m = KMeans.builder().k(k).nInit(10).seed(0).build().fit(x);
            double sklearn = TestData.golden(ref, "kmeans_ninit10_k" + k);
            double best = TestData.golden(ref, "kmeans_best200_k" + k);
            assertTrue(m.inertia() <= sklearn * (1 + 1e-12), "k=" + k + ": " + m.inertia() + " > " + sklearn);
            assertTrue(m.inertia() >= best * (1 - 1e-9), "k=" + k + ": below the best of 200 restarts?");
            assertTrue(m.converged());
        }
    }

    @Test
    void gaussianMixtureMatchesOrBeatsScikitLearnBestOfFiveAndReportsTheCollapse() {
        for (int k = 2; k <= 4; k++) {
            GaussianMixtureModel m = GaussianMixture.builder().k(k).nInit(5).seed(0).build().fit(x);
            double sklearn = TestData.golden(ref, "gmm_full_ninit5_k" + k + "_loglik");
            assertTrue(m.logLikelihood() >= sklearn * (1 - 1e-9), "k=" + k + ": " + m.logLikelihood() + " < "
                    + sklearn);
            // the 1,411 one-time buyers share x = t_x = zbar = 0: a component collapses onto that line
            assertTrue(m.degenerateComponents().stream()
                    .anyMatch(e -> e.kind() == DegenerateComponent.Kind.COLLAPSED), m.degenerateComponents()
                    .toString());
            assertTrue(Double.isFinite(m.bic()));
            assertTrue(m.bic() <= TestData.golden(ref, "gmm_full_ninit5_k" + k + "_bic") * (1 - 1e-9) + 1e-6);
        }
    }
}
