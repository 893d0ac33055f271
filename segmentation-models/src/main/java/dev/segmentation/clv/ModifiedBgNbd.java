package dev.segmentation.clv;

import dev.segmentation.features.BtydSummary;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trainer for the MBG/NBD model of Batislam, Denizel and Filiztekin (2007), "Empirical validation and
 * comparison of models for customer base analysis", International Journal of Research in Marketing 24(3):
 * BG/NBD in which a customer can also drop out right after the first purchase, so one-time buyers get
 * P(alive) below 1 (a frequent request from BG/NBD users).
 *
 * <p>Fitting works as in {@link BgNbd}: compression into a weighted {@link BtydHistogram}, log-sum-exp
 * likelihood (BDF 2007 eq. 5), BFGS over the log-parameters with the analytic gradient, Newton polish,
 * standard errors from the Hessian of the unpenalized log-likelihood.
 *
 * <pre>{@code
 * ModifiedBgNbdModel model = ModifiedBgNbd.builder().build().fit(summary);
 * }</pre>
 *
 * <p>Deterministic; trainers are immutable and safe for concurrent use.
 */
public final class ModifiedBgNbd {
    private static final Logger LOG = LoggerFactory.getLogger(ModifiedBgNbd.class);

    private final double penalty;
    private final double tolerance;
    private final int maxIterations;
    private final boolean compress;

    private ModifiedBgNbd(Builder b) {
        this.penalty = b.penalty;
        this.tolerance = b.tolerance;
        this.maxIterations = b.maxIterations;
        this.compress = b.compress;
    }

    /**
     * Returns a builder with the defaults: penalty 0, tolerance 1e-8, maxIterations 1000, compress true.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding this trainer's settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder().penalty(penalty).tolerance(tolerance).maxIterations(maxIterations).compress(compress);
    }

    /**
     * Fits the model to a summary; recency and T are in {@code summary.unit()}, which the model keeps.
     *
     * @param summary the customers; not null. Not modified.
     * @return the fitted model
     * @throws dev.segmentation.InvalidDataException if the summary is empty
     */
    public ModifiedBgNbdModel fit(BtydSummary summary) {
        Objects.requireNonNull(summary, "summary");
        return fit(compress ? BtydHistogram.of(summary) : BtydHistogram.uncompressed(summary));
    }

    /**
     * Fits the model to a weighted histogram (for example one merged from partitions).
     *
     * @param histogram the weighted triples; not null. Not modified.
     * @return the fitted model
     * @throws dev.segmentation.InvalidDataException if the histogram is empty
     */
    public ModifiedBgNbdModel fit(BtydHistogram histogram) {
        Objects.requireNonNull(histogram, "histogram");
        FitInfo info = BgNbd.fitBgFamily(1, histogram, penalty, tolerance, maxIterations, toString(), LOG);
        LOG.info("MBG/NBD fit on {} customers ({} distinct): r={}, alpha={}, a={}, b={}, LL={}, converged={}",
                histogram.totalWeight(), histogram.size(), info.params[0], info.params[1], info.params[2],
                info.params[3], info.logLikelihood, info.converged);
        return new ModifiedBgNbdModel(info.params, histogram.unit(), info);
    }

    /**
     * Lists every hyperparameter.
     *
     * @return e.g. {@code ModifiedBgNbd{penalty=0.0, tolerance=1.0E-8, maxIterations=1000, compress=true}}
     */
    @Override
    public String toString() {
        return "ModifiedBgNbd{penalty=" + penalty + ", tolerance=" + tolerance + ", maxIterations=" + maxIterations
                + ", compress=" + compress + "}";
    }

    /** Mutable, single-threaded builder; {@link #build()} does not change it. */
    public static final class Builder {
        private double penalty = 0;
        private double tolerance = 1e-8;
        private int maxIterations = 1000;
        private boolean compress = true;

        private Builder() {
        }

        /**
         * Sets the L2 penalty {@code penalty * (r^2 + alpha^2 + a^2 + b^2)} added to the mean negative
         * log-likelihood, as lifetimes' {@code penalizer_coef}. Default 0.
         *
         * @param penalty the coefficient, finite and {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if negative or not finite
         */
        public Builder penalty(double penalty) {
            this.penalty = Checks.nonNegative("penalty", penalty);
            return this;
        }

        /**
         * Sets the convergence tolerance: the max-norm of the gradient of the mean penalized negative
         * log-likelihood with respect to the log-parameters. Default 1e-8.
         *
         * @param tolerance the tolerance, finite and {@code > 0}
         * @return this builder
         * @throws IllegalArgumentException if not positive or not finite
         */
        public Builder tolerance(double tolerance) {
            this.tolerance = Checks.positive("tolerance", tolerance);
            return this;
        }

        /**
         * Sets the maximum number of optimizer iterations. Default 1000.
         *
         * @param maxIterations the cap, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder maxIterations(int maxIterations) {
            this.maxIterations = Checks.atLeastOne("maxIterations", maxIterations);
            return this;
        }

        /**
         * Sets whether equal (frequency, recency, T) rows are merged into weights before fitting. Default
         * true; false fits row by row (same optimum up to rounding, slower).
         *
         * @param compress whether to compress
         * @return this builder
         */
        public Builder compress(boolean compress) {
            this.compress = compress;
            return this;
        }

        /**
         * Builds the trainer.
         *
         * @return an immutable trainer
         */
        public ModifiedBgNbd build() {
            Checks.nonNegative("penalty", penalty);
            Checks.positive("tolerance", tolerance);
            Checks.atLeastOne("maxIterations", maxIterations);
            return new ModifiedBgNbd(this);
        }
    }
}
