package dev.segmentation.bench.cluster;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;

/** commons-math 3.6.1 {@code KMeansPlusPlusClusterer}: its own k-means++ then Lloyd; single-threaded. */
class CommonsMathKMeans implements KMeansPeer {
    private List<DoublePoint> points;

    @Override
    public void prepare(double[] x, int n, int d, double[][] initial) {
        points = new ArrayList<>(n);
        for (double[] row : PeerData.rows(x, n, d)) {
            points.add(new DoublePoint(row));
        }
    }

    @Override
    public Object fit(int k, int iterations, int threads, long seed) {
        JDKRandomGenerator rng = new JDKRandomGenerator();
        rng.setSeed(seed);
        return new KMeansPlusPlusClusterer<DoublePoint>(k, iterations, new EuclideanDistance(), rng)
                .cluster(points).size();
    }
}
