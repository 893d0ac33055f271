package dev.segmentation.bench.cluster;

import java.util.concurrent.ForkJoinPool;

/**
 * Smile 3.1.1 {@code KMeans.lloyd} (its own k-means++ then Lloyd, tolerance 0), inside a fork-join pool of the
 * requested size so that its parallel streams use that many threads. GPL: compiled only with -Ppeers.
 */
class SmileKMeans implements KMeansPeer {
    private double[][] rows;

    @Override
    public void prepare(double[] x, int n, int d, double[][] initial) {
        rows = PeerData.rows(x, n, d);
    }

    @Override
    public Object fit(int k, int iterations, int threads, long seed) throws Exception {
        smile.math.MathEx.setSeed(seed);
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(() -> smile.clustering.KMeans.lloyd(rows, k, iterations, 0.0).distortion).get();
        } finally {
            pool.shutdown();
        }
    }
}
