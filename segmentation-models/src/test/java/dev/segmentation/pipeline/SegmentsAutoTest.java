package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.cluster.ClusterQuality;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import org.junit.jupiter.api.Test;

/** Issue 15: {@code --k auto} chooses k from a sweep by silhouette with a minimum segment share. */
class SegmentsAutoTest {
    private static final TransactionLog LOG = RetailSimulator.builder().customers(2000).seed(3).build().generate()
            .log();

    @Test
    void theChosenKHasTheBestSilhouetteAmongKWithALargeEnoughSmallestSegment() {
        SegmentationResult r = Segmentation.of(LOG).features(f -> f.behaviour())
                .segmentsAuto(KMeans.builder().seed(4), 2, 7, 0.05).run();
        KChoice sweep = r.kSweep().orElseThrow();
        assertEquals(6, sweep.rows().size());
        int best = -1;
        double bestSil = Double.NEGATIVE_INFINITY;
        for (KChoice.Row row : sweep.rows()) {
            assertTrue(row.inertia() >= 0 && row.silhouette() >= -1 && row.silhouette() <= 1, row.toString());
            if (row.smallestShare() >= 0.05 && row.silhouette() > bestSil) {
                best = row.k();
                bestSil = row.silhouette();
            }
        }
        assertEquals(best, sweep.chosen());
        assertEquals(best, r.segments().size());
        assertEquals(best, r.segmentModel(KMeansModel.class).orElseThrow().k());
        // the reported silhouette is the chosen partition's (exact below the sample size)
        double sil = ClusterQuality.silhouette(r.encoder().transform(r.modelFeatures()), r.segmentLabels());
        assertEquals(bestSil, sil, 1e-9);
        SegmentNamesTest.checkNames(r, "auto k=" + best);
    }

    @Test
    void badSweepSettingsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Segmentation.of(LOG).segmentsAuto(KMeans.builder(), 1, 5, 0.05));
        assertEquals("kMin must be >= 2, found 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Segmentation.of(LOG).segmentsAuto(KMeans.builder(), 4, 3, 0.05));
        assertEquals("kMax must be >= kMin 4, found 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Segmentation.of(LOG).segmentsAuto(KMeans.builder(), 2, 3, 1.0));
        assertEquals("minShare must be in [0, 1), found 1.0", e.getMessage());
    }
}
