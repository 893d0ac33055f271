package dev.segmentation.bench.churn;

import smile.classification.LogisticRegression;

/**
 * Smile 3.1.1 {@code LogisticRegression.binomial(x, y, lambda, 1e-5, 500)} (its default tolerance and iteration
 * limit; L-BFGS over a parallel stream on the common fork-join pool, so {@code threads} does not apply). Its
 * objective is {@code sum of log-losses + 0.5 lambda ||w||^2} without the intercept: the same as ours.
 */
public final class SmileLogisticPeer implements LogisticPeer {
    private double[][] x;
    private int[] y;
    private double lambda;

    @Override
    public void prepare(double[] data, int n, int d, int[] labels, double lambda, int threads) {
        x = new double[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data, i * d, x[i], 0, d);
        }
        y = labels;
        this.lambda = lambda;
    }

    @Override
    public double[] fit() {
        LogisticRegression.Binomial m = LogisticRegression.binomial(x, y, lambda, 1e-5, 500);
        double[] w = m.coefficients(); // w[0..d-1], intercept w[d]
        double[] out = new double[w.length];
        out[0] = w[w.length - 1];
        System.arraycopy(w, 0, out, 1, w.length - 1);
        return out;
    }
}
