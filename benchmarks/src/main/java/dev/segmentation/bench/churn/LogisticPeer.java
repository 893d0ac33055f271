package dev.segmentation.bench.churn;

/**
 * One logistic-regression implementation under benchmark: L2-penalized fit of
 * {@code sum_i [log(1 + exp(eta_i)) - y_i eta_i] + (lambda / 2) ||w||^2} (intercept unpenalized), the
 * objective of scikit-learn's {@code LogisticRegression(C = 1 / lambda)} and of Smile's
 * {@code LogisticRegression.binomial(x, y, lambda, tol, maxIter)}.
 */
public interface LogisticPeer {
    /**
     * Builds the implementation's own data representation (not timed).
     *
     * @param x row-major n x d features. Not modified.
     * @param n rows
     * @param d columns
     * @param y 0/1 labels. Not modified.
     * @param lambda the L2 penalty on the summed loss
     * @param threads worker threads, where the implementation lets one choose
     */
    void prepare(double[] x, int n, int d, int[] y, double lambda, int threads);

    /**
     * Fits once (timed).
     *
     * @return the intercept followed by the d coefficients
     */
    double[] fit();
}
