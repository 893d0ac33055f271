package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.features.FeatureMatrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trainer's getters and its k-means starts, which engines running EM elsewhere read. */
class GaussianMixtureStartsTest {
    @Test
    void gettersReturnTheSettings() {
        GaussianMixture g = GaussianMixture.builder().k(3).covariance(CovarianceType.SPHERICAL).regularization(1e-4)
                .maxIterations(7).tolerance(1e-5).nInit(4).seed(-9).build();
        assertEquals(3, g.k());
        assertEquals(CovarianceType.SPHERICAL, g.covariance());
        assertEquals(1e-4, g.regularization());
        assertEquals(7, g.maxIterations());
        assertEquals(1e-5, g.tolerance());
        assertEquals(4, g.nInit());
        assertEquals(-9L, g.seed());
        assertNull(g.initialMeans());
        double[][] means = {{0, 1}, {2, 3}};
        GaussianMixture given = GaussianMixture.builder().initialMeans(means).build();
        double[][] out = given.initialMeans();
        assertArrayEquals(means, out);
        out[0][0] = 42;
        assertEquals(0.0, given.initialMeans()[0][0]);
        assertEquals(List.of(), given.startTrainers());
    }

    @Test
    void startTrainersAreOneKMeansPlusPlusRunPerEmRunWithSplitSeeds() {
        GaussianMixture g = GaussianMixture.builder().k(3).nInit(3).seed(11).threads(2).build();
        List<KMeans> starts = g.startTrainers();
        assertEquals(3, starts.size());
        for (KMeans s : starts) {
            assertEquals(3, s.k());
            assertEquals(1, s.nInit());
            assertEquals(1e-4, s.tolerance());
        }
        assertTrue(starts.get(0).seed() != starts.get(1).seed() && starts.get(1).seed() != starts.get(2).seed());
        List<KMeans> again = g.startTrainers();
        assertNotSame(starts, again);
        for (int r = 0; r < 3; r++) {
            assertEquals(starts.get(r).toString(), again.get(r).toString());
        }
    }

    /** Each run started from its k-means trainer's centres is fit's run: the best of them is fit's model. */
    @Test
    void runsFromTheStartTrainersReproduceFit() {
        FeatureMatrix x = TestData.blobs(3, 2, 60, 1.5, 4, 1, 5).x;
        for (CovarianceType cov : CovarianceType.values()) {
            GaussianMixture g = GaussianMixture.builder().k(3).covariance(cov).nInit(3).seed(7).build();
            GaussianMixtureModel whole = g.fit(x);
            GaussianMixtureModel best = null;
            for (KMeans start : g.startTrainers()) {
                GaussianMixtureModel run = g.toBuilder().nInit(1).initialMeans(start.fit(x).centroidArray()).build()
                        .fit(x);
                if (best == null || run.logLikelihood() > best.logLikelihood()) {
                    best = run;
                }
            }
            assertEquals(whole.logLikelihood(), best.logLikelihood(), cov.toString());
            assertArrayEquals(whole.means().toArray(), best.means().toArray(), cov.toString());
            assertArrayEquals(whole.weights(), best.weights(), cov.toString());
        }
    }
}
