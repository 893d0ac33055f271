package dev.segmentation.bench.cluster;

import dev.segmentation.cluster.KMeans;
import dev.segmentation.features.FeatureMatrix;
import java.util.ArrayList;
import java.util.List;

/** This library: greedy k-means++ then exactly {@code iterations} Lloyd iterations (tolerance 0). */
class SegmentationKMeans implements KMeansPeer {
    FeatureMatrix x;
    double[][] initial;

    @Override
    public void prepare(double[] data, int n, int d, double[][] initial) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            names.add("x" + j);
        }
        this.x = FeatureMatrix.of(names, n, data);
        this.initial = initial;
    }

    @Override
    public Object fit(int k, int iterations, int threads, long seed) {
        return KMeans.builder().k(k).nInit(1).maxIterations(iterations).tolerance(0).threads(threads).seed(seed)
                .build().fit(x).inertia();
    }
}
