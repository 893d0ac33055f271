package dev.segmentation.bench.cluster;

import dev.segmentation.cluster.KMeans;

/** This library, Lloyd only: starts from the shared k-means++ centres. */
class SegmentationKMeansGiven extends SegmentationKMeans {
    @Override
    public Object fit(int k, int iterations, int threads, long seed) {
        return KMeans.builder().initialCentroids(initial).nInit(1).maxIterations(iterations).tolerance(0)
                .threads(threads).build().fit(x).inertia();
    }
}
