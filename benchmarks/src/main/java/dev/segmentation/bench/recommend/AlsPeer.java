package dev.segmentation.bench.recommend;

import dev.segmentation.recommend.InteractionMatrix;

/**
 * One implicit-ALS implementation under benchmark (Hu, Koren and Volinsky 2008, confidence {@code 1 + alpha r}),
 * with the regularization of a row scaled by its number of interactions (Spark MLlib's {@code regParam}
 * convention; {@code ImplicitAls.l2ScaledByCount(true)}), so that every peer minimizes the same loss.
 */
public interface AlsPeer {
    /**
     * Builds the implementation's own data representation (not timed).
     *
     * @param matrix the training interactions. Not modified.
     * @param factors latent factors
     * @param l2 regularization
     * @param alpha confidence slope
     * @param iterations alternating iterations (no early stop)
     * @param threads worker threads
     */
    void prepare(InteractionMatrix matrix, int factors, double l2, double alpha, int iterations, int threads);

    /**
     * Fits once (timed) and keeps the model for {@link #recommend}.
     *
     * @return the fitted model, for a blackhole
     */
    Object fit();

    /**
     * Top-n items of the last fitted model for each customer, seen items included.
     *
     * @param users customer indices of the matrix. Not modified.
     * @param n list length
     * @return one list per customer, best first
     */
    int[][] recommend(int[] users, int n);

    /** Releases the implementation's resources (a Spark session); called once after the trial. */
    default void close() {
    }
}
