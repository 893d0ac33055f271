package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.features.FeatureMatrix;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Issue 18: the segmentation seam: every clustering model answers the same questions the same way. */
class ClusterSeamTest {
    private static FeatureMatrix blobs() {
        SplittableRandom rnd = new SplittableRandom(3);
        double[][] rows = new double[90][];
        for (int i = 0; i < rows.length; i++) {
            double c = 10.0 * (i % 3);
            rows[i] = new double[] {c + rnd.nextGaussian(), -c + rnd.nextGaussian()};
        }
        return FeatureMatrix.ofRows(List.of("a", "b"), rows);
    }

    @Test
    void everyModelOfTheSeamPredictsAsItsOwnApiAndExposesItsCentres() {
        FeatureMatrix x = blobs();
        KMeansModel km = KMeans.builder().k(3).seed(1).build().fit(x);
        GaussianMixtureModel gm = GaussianMixture.builder().k(3).seed(1).build().fit(x);
        for (Segmenter s : List.<Segmenter>of(KMeans.builder().k(3).seed(1).build(),
                GaussianMixture.builder().k(3).seed(1).build(), MiniBatchKMeans.builder().k(3).seed(1).build())) {
            ClusterModel m = s.fit(x);
            assertEquals(3, m.k());
            assertEquals(List.of("a", "b"), m.columnNames());
            int[] labels = m.predict(x);
            double[] row = new double[2];
            for (int i = 0; i < x.rows(); i++) {
                assertEquals(labels[i], m.predict(x.row(i, row)));
            }
            assertEquals(3, m.centres().length);
        }
        assertArrayEquals(km.centroidArray(), km.centres());
        assertArrayEquals(gm.means().toArray(), FeatureMatrix.ofRows(gm.columnNames(), gm.centres()).toArray());
        assertArrayEquals(km.centroids().toArray(), ClusterSummaries.centres(km, null).toArray());
    }

    @Test
    void summariesCountSizesAndDefineTheSilhouetteOnlyWithTwoToNMinusOneSegments() {
        FeatureMatrix x = blobs();
        int[] labels = KMeans.builder().k(3).seed(1).build().fit(x).predict(x);
        assertArrayEquals(new long[] {30, 30, 30}, ClusterSummaries.sizes(labels, 3));
        assertEquals(ClusterQuality.silhouette(x, labels),
                ClusterSummaries.silhouette(x, labels, 3, true, 10, 0L).getAsDouble());
        assertEquals(ClusterQuality.silhouette(x, labels, 10, 5L),
                ClusterSummaries.silhouette(x, labels, 3, false, 10, 5L).getAsDouble());
        assertTrue(ClusterSummaries.silhouette(x, new int[x.rows()], 3, true, 10, 0L).isEmpty());
        assertEquals(10, ClusterSummaries.silhouetteSampleSize(90, false, 10));
        assertEquals(90, ClusterSummaries.silhouetteSampleSize(90, true, 10));
        assertEquals("labels[1] must be in [0, 2), found 2", assertThrows(IllegalArgumentException.class,
                () -> ClusterSummaries.sizes(new int[] {0, 2}, 2)).getMessage());
    }

    /** The trainers' distinct-row count, for callers that word their own message: stops at atMost, -0.0 is 0.0. */
    @Test
    void distinctRowsCountLikeTheTrainersCheck() {
        FeatureMatrix x = FeatureMatrix.ofRows(List.of("a", "b"),
                new double[][] {{1, 2}, {1, 2}, {0.0, 5}, {-0.0, 5}, {3, 4}});
        assertEquals(3, ClusterSummaries.distinctRows(x, 10));
        assertEquals(2, ClusterSummaries.distinctRows(x, 2));
        assertEquals(1, ClusterSummaries.distinctRows(FeatureMatrix.ofRows(List.of("a"),
                new double[][] {{7}, {7}}), 5));
        // KMeans refuses k above the same count
        assertEquals("k must be <= the number of distinct rows (3), found 4", assertThrows(
                dev.segmentation.InvalidDataException.class,
                () -> KMeans.builder().k(4).build().fit(x)).getMessage());
        assertEquals("atMost must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> ClusterSummaries.distinctRows(x, 0)).getMessage());
    }
}
