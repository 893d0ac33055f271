package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.features.FeatureMatrix;
import org.junit.jupiter.api.Test;

/** The examples of the javadoc, compiled and run: each region is copied into a {@code <pre>{@code}} block. */
class SnippetsTest {
    private final FeatureMatrix features = TestData.blobs(4, 3, 200, 1.0, 10, 6, 1).x;
    private final FeatureMatrix x = features;
    private final double[] row = features.row(0, null);

    @Test
    void kMeansClassExample() {
        // region KMeans
        KMeansModel model = KMeans.builder().k(6).seed(42).build().fit(features);
        int segment = model.predict(row);
        // endregion
        assertTrue(segment >= 0 && segment < 6);
    }

    @Test
    void gaussianMixtureClassExample() {
        // region GaussianMixture
        GaussianMixtureModel gmm = GaussianMixture.builder().k(4).covariance(CovarianceType.DIAGONAL).seed(7)
                .build().fit(features);
        double bic = gmm.bic();
        // endregion
        assertTrue(Double.isFinite(bic));
    }

    @Test
    void kSweepClassExample() {
        // region KSweep
        KSweepResult sweep = KSweep.builder().kMin(2).kMax(8).build().kMeans(KMeans.builder().seed(1).build(), x);
        int k = sweep.best(KSweep.Criterion.SILHOUETTE);
        // endregion
        assertEquals(4, k);
    }
}
