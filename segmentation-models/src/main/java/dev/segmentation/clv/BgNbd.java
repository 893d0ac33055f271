package dev.segmentation.clv;

import dev.segmentation.features.BtydSummary;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trainer for the BG/NBD model of Fader, Hardie and Lee (2005), "Counting Your Customers the Easy Way: An
 * Alternative to the Pareto/NBD Model", Marketing Science 24(2): purchases follow a Poisson process with a
 * Gamma(r, alpha) distributed rate, and after each repeat purchase a customer drops out with a
 * Beta(a, b) distributed probability.
 *
 * <p>{@link #fit(BtydSummary)} maximizes the likelihood (FHL 2005 eq. 6) in its log-sum-exp form, valid for
 * x = 0 and for x in the hundreds, over the log-parameters by BFGS with the analytic gradient, then polishes
 * the optimum with Newton steps on a finite-difference Hessian. Rows with equal (frequency, recency, T) are
 * first compressed into a weighted {@link BtydHistogram}, so ten million customers observed in whole days
 * fit about as fast as their distinct triples. Standard errors come from the Hessian of the unpenalized
 * log-likelihood. Non-convergence is reported by {@link BgNbdModel#converged()}, not thrown.
 *
 * <pre>{@code
 * BtydSummary cdnow = BtydSummary.readCsv(path, UTF_8, Duration.ofDays(7), "ID", "frequency", "recency", "T", null);
 * BgNbdModel model = BgNbd.builder().build().fit(cdnow);
 * double pAlive = model.probabilityAlive(2, 30.43, 38.86);
 * }</pre>
 *
 * <p>The fit is deterministic (no randomness is involved) and costs O(n) for the compression plus
 * O(k) per likelihood evaluation for k distinct triples. Trainers are immutable and safe for concurrent use.
 */
public final class BgNbd {
    private static final Logger LOG = LoggerFactory.getLogger(BgNbd.class);
    private static final String[] NAMES = {"r", "alpha", "a", "b"};

    private final double penalty;
    private final double tolerance;
    private final int maxIterations;
    private final boolean compress;

    private BgNbd(Builder b) {
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
    public BgNbdModel fit(BtydSummary summary) {
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
    public BgNbdModel fit(BtydHistogram histogram) {
        Objects.requireNonNull(histogram, "histogram");
        FitInfo info = fitBgFamily(0, histogram, penalty, tolerance, maxIterations, toString(), LOG);
        LOG.info("BG/NBD fit on {} customers ({} distinct): r={}, alpha={}, a={}, b={}, LL={}, converged={}",
                histogram.totalWeight(), histogram.size(), info.params[0], info.params[1], info.params[2],
                info.params[3], info.logLikelihood, info.converged);
        return new BgNbdModel(info.params, histogram.unit(), info);
    }

    static FitInfo fitBgFamily(int m, BtydHistogram h, double penalty, double tolerance, int maxIterations,
            String trainer, Logger log) {
        double[] f = h.frequencies();
        double[] rec = h.recencies();
        double[] age = h.ages();
        double[] w = h.weights();
        double sw = 0;
        double swx = 0;
        double swt = 0;
        for (int i = 0; i < w.length; i++) {
            sw += w[i];
            swx += w[i] * f[i];
            swt += w[i] * age[i];
        }
        double alpha0 = swt / (swx + sw);
        if (!(alpha0 > 0) || Double.isInfinite(alpha0)) {
            alpha0 = 1;
        }
        double[] init = {1, alpha0, 1, 1};
        ValueIndex xIdx = ValueIndex.of(f);
        ValueIndex recIdx = ValueIndex.of(rec);
        ValueIndex ageIdx = ValueIndex.of(age);
        LogParamFitter.Likelihood ll = (p, grad) -> BgFamily.logLikelihood(m, xIdx, recIdx, ageIdx, w, p, grad);
        return LogParamFitter.fit(ll, init, sw, w.length, penalty, tolerance, maxIterations, log, trainer);
    }

    static String[] names() {
        return NAMES.clone();
    }

    /**
     * Lists every hyperparameter.
     *
     * @return e.g. {@code BgNbd{penalty=0.0, tolerance=1.0E-8, maxIterations=1000, compress=true}}
     */
    @Override
    public String toString() {
        return "BgNbd{penalty=" + penalty + ", tolerance=" + tolerance + ", maxIterations=" + maxIterations
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
        public BgNbd build() {
            Checks.nonNegative("penalty", penalty);
            Checks.positive("tolerance", tolerance);
            Checks.atLeastOne("maxIterations", maxIterations);
            return new BgNbd(this);
        }
    }
}
