package dev.segmentation.bench.cluster;

import dev.segmentation.cluster.CovarianceType;
import dev.segmentation.cluster.GaussianMixture;
import dev.segmentation.features.FeatureMatrix;
import java.util.ArrayList;
import java.util.List;

/** This library: full covariances, initial parameters from the hard assignment to the shared means. */
class SegmentationGmm implements GmmPeer {
    private FeatureMatrix x;
    private double[][] means;

    @Override
    public void prepare(double[] data, int n, int d, double[][] initialMeans) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            names.add("x" + j);
        }
        x = FeatureMatrix.of(names, n, data);
        means = initialMeans;
    }

    @Override
    public Object fit(int iterations, int threads) {
        return GaussianMixture.builder().initialMeans(means).covariance(CovarianceType.FULL).maxIterations(iterations)
                .tolerance(0).threads(threads).build().fit(x).logLikelihood();
    }
}
