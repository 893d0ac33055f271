package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KSweepTest {
    @Test
    void silhouetteAndBicChooseTheTrueNumberOfBlobs() {
        TestData.Blobs b = TestData.blobs(4, 3, 150, 1.0, 10, 7, 13);
        KSweep sweep = KSweep.builder().kMin(2).kMax(7).build();
        KSweepResult km = sweep.kMeans(KMeans.builder().seed(3).build(), b.x);
        assertEquals(4, km.best(KSweep.Criterion.SILHOUETTE), km.toString());
        assertEquals(4, km.best(KSweep.Criterion.CALINSKI_HARABASZ), km.toString());
        assertEquals(4, km.best(KSweep.Criterion.DAVIES_BOULDIN), km.toString());
        assertEquals(6, km.rows().size());
        for (KSweepRow r : km.rows()) {
            assertTrue(Double.isNaN(r.bic()));
            assertTrue(r.inertia() > 0);
        }
        KSweepResult gmm = KSweep.builder().kMin(1).kMax(7).build()
                .gaussianMixture(GaussianMixture.builder().nInit(2).seed(3).build(), b.x);
        assertEquals(4, gmm.best(KSweep.Criterion.BIC), gmm.toString());
        assertTrue(Double.isNaN(gmm.rows().get(0).silhouette()), "undefined at k = 1");
        assertTrue(Double.isFinite(gmm.rows().get(0).bic()));
    }

    @Test
    void sweptModelIsReproducedByRefittingTheChosenK() {
        TestData.Blobs b = TestData.blobs(3, 2, 100, 1.0, 10, 6, 2);
        KMeans trainer = KMeans.builder().seed(5).nInit(2).build();
        KSweepResult r = KSweep.builder().kMin(2).kMax(4).build().kMeans(trainer, b.x);
        int k = r.best(KSweep.Criterion.SILHOUETTE);
        assertEquals(r.rows().get(k - 2).inertia(), trainer.toBuilder().k(k).build().fit(b.x).inertia());
    }

    @Test
    void sampledSilhouetteIsUsedForLargeData() {
        TestData.Blobs b = TestData.blobs(3, 2, 1000, 1.0, 10, 6, 2);
        KSweepResult sampled = KSweep.builder().kMin(3).kMax(3).silhouetteSample(500).seed(1).build()
                .kMeans(KMeans.builder().build(), b.x);
        KSweepResult exact = KSweep.builder().kMin(3).kMax(3).silhouetteSample(3000).build()
                .kMeans(KMeans.builder().build(), b.x);
        double s = sampled.rows().get(0).silhouette();
        double e = exact.rows().get(0).silhouette();
        assertTrue(Math.abs(s - e) < 0.05 && s != e, s + " vs " + e);
    }

    @Test
    void settingsAndCriteriaAreChecked() {
        assertEquals("KSweep{kMin=2, kMax=10, silhouetteSample=10000, seed=0}", KSweep.builder().build().toString());
        assertEquals("kMin must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> KSweep.builder().kMin(0)).getMessage());
        assertEquals("kMax must be >= kMin = 5, found 3", assertThrows(IllegalArgumentException.class,
                () -> KSweep.builder().kMin(5).kMax(3).build()).getMessage());
        assertEquals("silhouetteSample must be >= 2, found 1", assertThrows(IllegalArgumentException.class,
                () -> KSweep.builder().silhouetteSample(1)).getMessage());
        KSweepResult r = new KSweepResult(List.of(new KSweepRow(2, 1, 0.5, 3, 1, Double.NaN, Double.NaN,
                Double.NaN, 3, true)));
        assertEquals("no k has a defined BIC", assertThrows(IllegalStateException.class,
                () -> r.best(KSweep.Criterion.BIC)).getMessage());
    }
}
