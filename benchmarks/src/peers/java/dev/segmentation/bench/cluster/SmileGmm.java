package dev.segmentation.bench.cluster;

import java.util.concurrent.ForkJoinPool;
import smile.math.matrix.Matrix;
import smile.stat.distribution.MultivariateExponentialFamilyMixture;
import smile.stat.distribution.MultivariateGaussianDistribution;
import smile.stat.distribution.MultivariateMixture;

/**
 * Smile 3.1.1 EM ({@code MultivariateExponentialFamilyMixture.fit(data, components, 0, maxIter, -Infinity)}, so
 * that it runs exactly maxIter iterations) from
 * components built like this library's initialization: weights, means and full covariances of the rows' nearest
 * shared mean, plus 1e-6 on the diagonal. GPL: compiled only with -Ppeers.
 */
class SmileGmm implements GmmPeer {
    private double[][] rows;
    private MultivariateMixture.Component[] init;

    @Override
    public void prepare(double[] x, int n, int d, double[][] means) {
        rows = PeerData.rows(x, n, d);
        int k = means.length;
        double[][] mu = new double[k][d];
        double[][][] cov = new double[k][d][d];
        int[] count = new int[k];
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            double bestD = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double t = rows[i][j] - means[c][j];
                    s += t * t;
                }
                if (s < bestD) {
                    bestD = s;
                    best = c;
                }
            }
            label[i] = best;
            count[best]++;
            for (int j = 0; j < d; j++) {
                mu[best][j] += rows[i][j];
            }
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                mu[c][j] /= count[c];
            }
        }
        for (int i = 0; i < n; i++) {
            int c = label[i];
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    cov[c][a][b] += (rows[i][a] - mu[c][a]) * (rows[i][b] - mu[c][b]);
                }
            }
        }
        init = new MultivariateMixture.Component[k];
        for (int c = 0; c < k; c++) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    cov[c][a][b] /= count[c];
                }
                cov[c][a][a] += 1e-6;
            }
            init[c] = new MultivariateMixture.Component((double) count[c] / n,
                    new MultivariateGaussianDistribution(mu[c], Matrix.of(cov[c])));
        }
    }

    @Override
    public Object fit(int iterations, int threads) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(() -> MultivariateExponentialFamilyMixture.fit(rows, init, 0.0, iterations, Double.NEGATIVE_INFINITY).L)
                    .get();
        } finally {
            pool.shutdown();
        }
    }
}
