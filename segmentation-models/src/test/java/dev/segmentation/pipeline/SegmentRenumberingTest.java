package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.cluster.GaussianMixture;
import dev.segmentation.cluster.GaussianMixtureModel;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.features.FeatureMatrix;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentRenumberingTest {
    private static final FeatureMatrix X = FeatureMatrix.ofRows(List.of("a", "b"), new double[][] {
        {0, 0}, {0.1, 0.2}, {0.2, 0.1}, {5, 5}, {5.1, 5.2}, {5.3, 4.9}, {10, 0}, {10.2, 0.1}, {9.9, 0.3}});

    @Test
    void byValueOrdersHighestFirstEmptyLastTiesByOldId() {
        assertArrayEquals(new int[] {1, 0, 3, 2, 4}, SegmentRenumbering.byValue(new double[] {
            1.0, 7.0, -Double.MAX_VALUE, 1.0, Double.NEGATIVE_INFINITY}));
        assertArrayEquals(new int[0], SegmentRenumbering.byValue(new double[0]));
    }

    @Test
    void unusedNamesAreLettersThenIds() {
        assertEquals("Unused segment A", SegmentRenumbering.unusedName(0, 4));
        assertEquals("Unused segment Z", SegmentRenumbering.unusedName(25, 30));
        assertEquals("Unused segment #31", SegmentRenumbering.unusedName(26, 31));
        assertEquals("unused must be >= 0, found -1", assertThrows(IllegalArgumentException.class,
                () -> SegmentRenumbering.unusedName(-1, 0)).getMessage());
    }

    @Test
    void relabelMovesEveryPredictionAndKeepsTheTypeAndProvenance() {
        int[] newId = {2, 0, 1};
        KMeansModel km = KMeans.builder().k(3).seed(3).build().fit(X);
        ClusterModel kmr = SegmentRenumbering.relabel(km, newId);
        GaussianMixtureModel gm = GaussianMixture.builder().k(3).seed(3).build().fit(X);
        ClusterModel gmr = SegmentRenumbering.relabel(gm, newId);
        assertEquals(KMeansModel.class, kmr.getClass());
        assertEquals(GaussianMixtureModel.class, gmr.getClass());
        assertEquals(km.provenance(), ((KMeansModel) kmr).provenance());
        assertEquals(gm.provenance(), ((GaussianMixtureModel) gmr).provenance());
        for (int i = 0; i < X.rows(); i++) {
            double[] row = X.row(i, null);
            assertEquals(newId[km.predict(row)], kmr.predict(row));
            assertEquals(newId[gm.predict(row)], gmr.predict(row));
        }
    }

    @Test
    void relabelRejectsANonPermutationWithTheExactMessage() {
        KMeansModel km = KMeans.builder().k(3).seed(3).build().fit(X);
        assertEquals("newId must be a permutation of 0..2, found [0, 0, 1]", assertThrows(
                IllegalArgumentException.class, () -> SegmentRenumbering.relabel(km, new int[] {0, 0, 1}))
                .getMessage());
        assertEquals("newId must be a permutation of 0..2, found [0, 1]", assertThrows(
                IllegalArgumentException.class, () -> SegmentRenumbering.relabel(km, new int[] {0, 1})).getMessage());
    }
}
