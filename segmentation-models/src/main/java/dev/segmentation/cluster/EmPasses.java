package dev.segmentation.cluster;

import java.util.List;

/**
 * The data passes of a Gaussian-mixture fit whose rows live elsewhere (e.g. in Spark partitions): the expert
 * seam of {@link GaussianMixture#fit(EmPasses)}. The fit runs the initialization and the M-steps on the calling
 * thread and asks this object for every pass over the rows; the implementation runs
 * {@link EmStats#accumulate} (or {@link EmStats#hard}) on every chunk and merges the results in a fixed order
 * (e.g. by chunk index), so that the fit is reproducible.
 *
 * <p>To equal the single-JVM {@link GaussianMixture#fit(dev.segmentation.features.FeatureMatrix)} of the same rows
 * bit for bit in its per-chunk statistics, hold the rows in the row order of that matrix as fixed chunks of
 * {@link dev.segmentation.internal.ChunkRunner#CHUNK_ROWS} rows.
 */
public interface EmPasses {
    /**
     * Returns the feature names, in column order.
     *
     * @return the names, non-empty
     */
    List<String> names();

    /**
     * Returns the number of rows.
     *
     * @return the row count
     */
    long rows();

    /**
     * Returns the column means of the rows.
     *
     * @return d values
     */
    double[] columnMeans();

    /**
     * Returns the population column variances of the rows (about the column means).
     *
     * @return d values
     */
    double[] columnVariances();

    /**
     * Fits the k-means initialization of one EM run (when the trainer has no initial means).
     *
     * @param trainer the k-means settings the Gaussian-mixture trainer uses (k, one k-means++ run, tolerance
     *     1e-4, a seed drawn from its own)
     * @return the fitted k-means model
     */
    KMeansModel kMeans(KMeans trainer);

    /**
     * Returns {@link EmStats#hard} of every row against the centres, merged in a fixed order.
     *
     * @param centres row-major {@code k x d}. Not modified.
     * @param k the number of centres
     * @param type the covariance type
     * @return the merged statistics
     */
    EmStats hard(double[] centres, int k, CovarianceType type);

    /**
     * Returns {@link EmStats#accumulate} of every chunk with the given parameters, merged in a fixed order, with
     * the rows' global 0-based indices.
     *
     * @param parameters the parameters of the pass
     * @return the merged statistics
     */
    EmStats pass(EmParameters parameters);

    /**
     * Returns one row, by its global 0-based index (re-seeding an empty component at a worst-explained row).
     *
     * @param index the row index
     * @return d values
     */
    double[] row(long index);
}
