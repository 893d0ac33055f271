package dev.segmentation.cluster;

import static dev.segmentation.cluster.TestData.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import dev.segmentation.features.FeatureMatrix;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ClusterQualityTest {
    private final Map<String, double[]> g = TestData.golden();
    private final FeatureMatrix x = TestData.blobsCsv();
    private final int[] truth = TestData.blobsCsvLabels();

    private static int[] wrong() {
        int[] w = new int[90];
        for (int i = 0; i < 90; i++) {
            w[i] = (i * 7) % 4;
        }
        return w;
    }

    private int[] part() {
        int[] p = truth.clone();
        for (int i = 0; i < 90; i += 5) {
            p[i] = (p[i] + 1) % 3;
        }
        return p;
    }

    /** scikit-learn 1.2.1 sklearn.metrics on blobs.csv (golden.py). */
    @Test
    void internalMeasuresMatchScikitLearn() {
        assertRelative(TestData.golden(g, "silhouette_truth"), ClusterQuality.silhouette(x, truth), TestData.EXACT,
                "silhouette");
        assertRelative(TestData.golden(g, "silhouette_wrong"), ClusterQuality.silhouette(x, wrong()), TestData.EXACT,
                "silhouette wrong");
        assertRelative(TestData.golden(g, "calinski_truth"), ClusterQuality.calinskiHarabasz(x, truth),
                TestData.EXACT, "calinski");
        assertRelative(TestData.golden(g, "calinski_wrong"), ClusterQuality.calinskiHarabasz(x, wrong()),
                TestData.EXACT, "calinski wrong");
        assertRelative(TestData.golden(g, "davies_truth"), ClusterQuality.daviesBouldin(x, truth), TestData.EXACT,
                "davies");
        assertRelative(TestData.golden(g, "davies_wrong"), ClusterQuality.daviesBouldin(x, wrong()), TestData.EXACT,
                "davies wrong");
    }

    @Test
    void externalMeasuresMatchScikitLearn() {
        assertRelative(TestData.golden(g, "ari_truth_wrong"), ClusterQuality.adjustedRandIndex(truth, wrong()),
                TestData.EXACT, "ari");
        assertRelative(TestData.golden(g, "nmi_truth_wrong"),
                ClusterQuality.normalizedMutualInformation(truth, wrong()), TestData.EXACT, "nmi");
        assertRelative(TestData.golden(g, "ari_truth_part"), ClusterQuality.adjustedRandIndex(truth, part()),
                TestData.EXACT, "ari part");
        assertRelative(TestData.golden(g, "nmi_truth_part"),
                ClusterQuality.normalizedMutualInformation(truth, part()), TestData.EXACT, "nmi part");
        int[] a = {0, 0, 1, 1, 2, 2};
        int[] b = {5, 5, 5, 7, 7, 9};
        assertRelative(TestData.golden(g, "ari_small"), ClusterQuality.adjustedRandIndex(a, b), TestData.EXACT, "ari");
        assertRelative(TestData.golden(g, "nmi_small"), ClusterQuality.normalizedMutualInformation(a, b),
                TestData.EXACT, "nmi");
    }

    @Test
    void edgeCasesFollowScikitLearn() {
        int[] one = {3, 3, 3, 3};
        assertEquals(1.0, ClusterQuality.adjustedRandIndex(one, one));
        assertEquals(1.0, ClusterQuality.normalizedMutualInformation(one, one));
        assertEquals(1.0, ClusterQuality.adjustedRandIndex(new int[] {1, 2, 3}, new int[] {7, 8, 9}));
        assertEquals(0.0, ClusterQuality.normalizedMutualInformation(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}));
        assertEquals(1.0, ClusterQuality.adjustedRandIndex(new int[] {0, 0, 1, 1}, new int[] {-4, -4, 9, 9}));
        FeatureMatrix two = FeatureMatrix.ofRows(List.of("a"), new double[][] {{1}, {1}, {2}, {2}});
        assertEquals(1.0, ClusterQuality.calinskiHarabasz(two, new int[] {0, 0, 1, 1}), "W = 0");
        assertEquals(0.0, ClusterQuality.daviesBouldin(two, new int[] {0, 0, 1, 1}), "all s_i = 0");
        assertEquals(1.0, ClusterQuality.silhouette(two, new int[] {0, 0, 1, 1}));
        FeatureMatrix three = FeatureMatrix.ofRows(List.of("a"), new double[][] {{0}, {1}, {5}});
        assertEquals((0.8 + 0.75 + 0) / 3, ClusterQuality.silhouette(three, new int[] {0, 0, 1}), 1e-15,
                "a singleton's silhouette is 0");
    }

    @Test
    void sampledSilhouetteIsSeededAndExactForLargeSamples() {
        assertEquals(ClusterQuality.silhouette(x, truth), ClusterQuality.silhouette(x, truth, 90, 1));
        assertEquals(ClusterQuality.silhouette(x, truth), ClusterQuality.silhouette(x, truth, 1000, 1));
        double s1 = ClusterQuality.silhouette(x, truth, 40, 7);
        assertEquals(s1, ClusterQuality.silhouette(x, truth, 40, 7));
        assertTrue(Math.abs(s1 - ClusterQuality.silhouette(x, truth)) < 0.15, "sample estimate " + s1);
        TestData.Blobs big = TestData.blobs(4, 3, 2500, 1.0, 6, 3, 2);
        double exactish = ClusterQuality.silhouette(big.x, big.truth, 4000, 1);
        double small = ClusterQuality.silhouette(big.x, big.truth, 1000, 2);
        assertEquals(exactish, small, 0.03);
    }

    @Test
    void badInputIsRejectedWithExactMessages() {
        assertEquals("labels: length must be 90, found 3", assertThrows(InvalidDataException.class,
                () -> ClusterQuality.silhouette(x, new int[] {1, 2, 3})).getMessage());
        assertEquals("labels: distinct labels must be in [2, n - 1 = 89], found 1", assertThrows(
                InvalidDataException.class, () -> ClusterQuality.calinskiHarabasz(x, new int[90])).getMessage());
        int[] all = new int[90];
        for (int i = 0; i < 90; i++) {
            all[i] = i;
        }
        assertEquals("labels: distinct labels must be in [2, n - 1 = 89], found 90", assertThrows(
                InvalidDataException.class, () -> ClusterQuality.daviesBouldin(x, all)).getMessage());
        assertEquals("sampleSize must be >= 2, found 1", assertThrows(IllegalArgumentException.class,
                () -> ClusterQuality.silhouette(x, truth, 1, 0)).getMessage());
        assertEquals("predicted: length must be 3, found 2", assertThrows(InvalidDataException.class,
                () -> ClusterQuality.adjustedRandIndex(new int[3], new int[2])).getMessage());
        FeatureMatrix nan = FeatureMatrix.ofRows(List.of("a"), new double[][] {{0}, {Double.NaN}, {1}});
        assertEquals("row 1, column a: value must be finite, found NaN", assertThrows(InvalidDataException.class,
                () -> ClusterQuality.silhouette(nan, new int[] {0, 1, 1})).getMessage());
    }

    @Property(tries = 50)
    void agreementMeasuresAreInvariantToRenamingAndPerfectOnIdentity(@ForAll @IntRange(min = 2, max = 60) int n,
            @ForAll @IntRange(min = 1, max = 6) int k, @ForAll long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        int[] a = new int[n];
        int[] b = new int[n];
        int[] renamed = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = rng.nextInt(k);
            b[i] = rng.nextInt(k);
            renamed[i] = 100 - 3 * a[i];
        }
        assertEquals(1.0, ClusterQuality.adjustedRandIndex(a, renamed), 1e-12);
        assertEquals(1.0, ClusterQuality.normalizedMutualInformation(a, renamed), 1e-12);
        assertEquals(ClusterQuality.adjustedRandIndex(a, b), ClusterQuality.adjustedRandIndex(renamed, b), 1e-12);
        assertEquals(ClusterQuality.adjustedRandIndex(a, b), ClusterQuality.adjustedRandIndex(b, a), 1e-12);
        double nmi = ClusterQuality.normalizedMutualInformation(a, b);
        assertTrue(nmi >= 0 && nmi <= 1 + 1e-12, "nmi " + nmi);
        assertTrue(ClusterQuality.adjustedRandIndex(a, b) <= 1 + 1e-12);
    }
}
