package dev.segmentation.cluster;

/**
 * The inputs of one EM data pass, handed out by {@link GaussianMixture#fit(EmPasses)} to
 * {@link EmPasses#pass}: the current mixture (weights, means, covariance factors), the reference means of the
 * statistics (the column means, for full covariances), the iteration it belongs to and whether the pass
 * accumulates statistics or only the log-likelihood. Apply it to every chunk with {@link EmStats#accumulate}.
 *
 * <p>Instances are immutable and safe for concurrent use; created only by the fit. Serializable so that a
 * distributed engine (e.g. Spark) can send it to its tasks; the serialized form is a transport between JVMs of
 * the same library version, not a storage format.
 *
 * @serial exclude
 */
public final class EmParameters implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** The current mixture (weights, means, precisions). */
    final Mixture mixture;
    /** The column means the pass centres the rows by. */
    final double[] columnMean;
    /** The EM iteration this pass serves. */
    private final int iteration;
    /** Whether the pass accumulates the M-step statistics (or only the log-likelihood). */
    private final boolean statistics;

    EmParameters(Mixture mixture, double[] columnMean, int iteration, boolean statistics) {
        this.mixture = mixture;
        this.columnMean = columnMean;
        this.iteration = iteration;
        this.statistics = statistics;
    }

    /**
     * Returns the 1-based EM iteration this pass belongs to; the final pass (log-likelihood of the returned
     * parameters) carries the number of iterations run.
     *
     * @return the iteration
     */
    public int iteration() {
        return iteration;
    }

    /**
     * Returns whether the pass accumulates the sufficient statistics of the next M-step (false for the final pass,
     * which needs only the log-likelihood).
     *
     * @return true for an iteration's pass
     */
    public boolean statistics() {
        return statistics;
    }

    /**
     * Returns the number of components.
     *
     * @return k
     */
    public int k() {
        return mixture.k;
    }

    /**
     * Returns the number of columns.
     *
     * @return d
     */
    public int dimension() {
        return mixture.d;
    }

    /**
     * Returns the covariance type.
     *
     * @return the type
     */
    public CovarianceType covarianceType() {
        return mixture.type;
    }
}
