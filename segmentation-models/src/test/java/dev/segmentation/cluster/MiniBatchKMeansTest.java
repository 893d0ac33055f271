package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import dev.segmentation.features.FeatureMatrix;
import java.util.List;
import org.junit.jupiter.api.Test;

class MiniBatchKMeansTest {
    @Test
    void toStringListsEveryHyperparameter() {
        assertEquals("MiniBatchKMeans{k=8, batchSize=1024, maxIterations=100, nInit=3, initSize=0, maxNoImprovement=10,"
                + " tolerance=0.0, reassignmentRatio=0.01, seed=0, threads=1}", MiniBatchKMeans.builder().build()
                .toString());
        assertEquals("MiniBatchKMeans{k=3, batchSize=64, maxIterations=5, nInit=1, initSize=100, maxNoImprovement=0,"
                + " tolerance=0.001, reassignmentRatio=0.0, seed=9, threads=2}", MiniBatchKMeans.builder().k(3)
                .batchSize(64).maxIterations(5).nInit(1).initSize(100).maxNoImprovement(0).tolerance(1e-3)
                .reassignmentRatio(0).seed(9).threads(2).build().toString());
    }

    @Test
    void builderRejectsBadSettingsWithExactMessages() {
        assertEquals("batchSize must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> MiniBatchKMeans.builder().batchSize(0)).getMessage());
        assertEquals("initSize must be >= 0, found -1", assertThrows(IllegalArgumentException.class,
                () -> MiniBatchKMeans.builder().initSize(-1)).getMessage());
        assertEquals("maxNoImprovement must be >= 0, found -1", assertThrows(IllegalArgumentException.class,
                () -> MiniBatchKMeans.builder().maxNoImprovement(-1)).getMessage());
        assertEquals("reassignmentRatio must be in [0, 1], found 2.0", assertThrows(IllegalArgumentException.class,
                () -> MiniBatchKMeans.builder().reassignmentRatio(2)).getMessage());
        assertEquals("k must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> MiniBatchKMeans.builder().k(0)).getMessage());
    }

    @Test
    void fitRecoversSeparatedBlobsAndMatchesFullKMeansInertia() {
        TestData.Blobs b = TestData.blobs(5, 3, 2000, 1.0, 20, 8, 4);
        KMeansModel mb = MiniBatchKMeans.builder().k(5).batchSize(256).seed(3).build().fit(b.x);
        assertTrue(ClusterQuality.adjustedRandIndex(b.truth, mb.predict(b.x)) >= 0.95);
        KMeansModel full = KMeans.builder().k(5).seed(3).build().fit(b.x);
        assertTrue(mb.inertia() <= full.inertia() * 1.02, mb.inertia() + " vs " + full.inertia());
        TestData.assertRelative(mb.inertia(), mb.inertia(b.x), 1e-12, "final pass inertia");
        assertEquals(10000, java.util.Arrays.stream(mb.sizes()).sum());
        KMeansModel again = MiniBatchKMeans.builder().k(5).batchSize(256).seed(3).threads(3).build().fit(b.x);
        assertArrayEquals(mb.centroidArray()[0], again.centroidArray()[0]);
        assertEquals(mb.inertia(), again.inertia());
    }

    @Test
    void partialFitLearnsFromAStreamAndIsReplayable() {
        TestData.Blobs b = TestData.blobs(4, 2, 1500, 1.0, 20, 8, 6);
        MiniBatchKMeans trainer = MiniBatchKMeans.builder().k(4).seed(5).build();
        MiniBatchKMeansModel state = null;
        MiniBatchKMeansModel replay = null;
        List<String> names = b.x.names();
        for (int start = 0; start < 6000; start += 500) {
            double[][] rows = new double[500][];
            for (int i = 0; i < 500; i++) {
                rows[i] = b.x.row(start + i, null);
            }
            FeatureMatrix batch = FeatureMatrix.ofRows(names, rows);
            MiniBatchKMeansModel before = state;
            state = state == null ? trainer.partialFit(batch) : trainer.partialFit(state, batch);
            replay = replay == null ? trainer.partialFit(batch) : trainer.partialFit(replay, batch);
            if (before != null) {
                assertEquals(start / 500, before.steps(), "the previous state is unchanged");
            }
        }
        assertEquals(12, state.steps());
        assertEquals(6000, state.rowsSeen());
        assertArrayEquals(state.centroids().toArray(), replay.centroids().toArray());
        assertEquals(6000, java.util.Arrays.stream(state.counts()).sum(), 1e-9);
        int[] labels = new int[6000];
        state.predict(b.x, labels);
        assertTrue(ClusterQuality.adjustedRandIndex(b.truth, labels) >= 0.95);
        assertTrue(state.inertia(b.x) < 1.05 * KMeans.builder().k(4).build().fit(b.x).inertia());
    }

    @Test
    void partialFitRejectsBadBatchesWithExactMessages() {
        MiniBatchKMeans trainer = MiniBatchKMeans.builder().k(2).build();
        MiniBatchKMeansModel s = trainer.partialFit(TestData.blobsCsv());
        FeatureMatrix narrow = FeatureMatrix.ofRows(List.of("a", "b"), new double[][] {{1, 2}, {3, 4}});
        assertEquals("batch: columns must be 3, found 2", assertThrows(InvalidDataException.class,
                () -> trainer.partialFit(s, narrow)).getMessage());
        assertEquals("batch: rows must be >= 1, found 0", assertThrows(InvalidDataException.class,
                () -> trainer.partialFit(s, FeatureMatrix.ofRows(List.of("a", "b", "c"), new double[0][])))
                .getMessage());
        assertEquals("k must be <= the number of distinct rows (2), found 3", assertThrows(InvalidDataException.class,
                () -> MiniBatchKMeans.builder().k(3).build().partialFit(FeatureMatrix.ofRows(List.of("a"),
                        new double[][] {{1}, {1}, {2}}))).getMessage());
        assertEquals("previous.k() must be 3, found 2", assertThrows(IllegalArgumentException.class,
                () -> MiniBatchKMeans.builder().k(3).build().partialFit(s, TestData.blobsCsv())).getMessage());
        assertEquals("row 0, column a: value must be finite, found NaN", assertThrows(InvalidDataException.class,
                () -> trainer.partialFit(s, FeatureMatrix.ofRows(List.of("a", "b", "c"),
                        new double[][] {{Double.NaN, 1, 1}}))).getMessage());
        assertEquals("row: width must be 3, found 1", assertThrows(InvalidDataException.class,
                () -> s.predict(new double[] {1})).getMessage());
    }
}
