package dev.segmentation.clv;

import dev.segmentation.features.BtydSummary;
import dev.segmentation.internal.ChunkRunner;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trainer for the Pareto/NBD model of Schmittlein, Morrison and Colombo (1987), "Counting Your Customers:
 * Who Are They and What Will They Do Next?", Management Science 33(1): purchases follow a Poisson process
 * with a Gamma(r, alpha) rate while the customer is alive, and lifetimes are exponential with a
 * Gamma(s, beta) rate.
 *
 * <p>{@link #fit(BtydSummary)} compresses the summary into a weighted {@link BtydHistogram} and maximizes the
 * likelihood in the form of Fader and Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related
 * Expressions", eq. 22-24, over the log-parameters by BFGS with an analytic gradient (the hypergeometric
 * series is differentiated term by term), then polishes with Newton steps. The hypergeometric term is
 * evaluated after Euler's transformation, so it stays finite for frequencies in the hundreds where a direct
 * evaluation overflows. Standard errors come from the Hessian of the unpenalized log-likelihood.
 *
 * <pre>{@code
 * ParetoNbdModel model = ParetoNbd.builder().build().fit(summary);
 * }</pre>
 *
 * <p>Deterministic; trainers are immutable and safe for concurrent use.
 */
public final class ParetoNbd {
    private static final Logger LOG = LoggerFactory.getLogger(ParetoNbd.class);

    private final FitSettings settings;

    private ParetoNbd(FitSettings settings) {
        this.settings = settings;
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
        return new Builder().from(settings);
    }

    /**
     * Whether {@link #fit(BtydSummary)} fits the summary compressed by {@link BtydHistogram#of(BtydSummary)} (the
     * builder's {@code compress}, true by default): then {@code fit(histogram)} of that histogram, or of
     * {@link BtydHoldoutHistogram#calibration()} of the same customers, is bit for bit the same fit, and a caller
     * that fits one summary several times can compress it once.
     *
     * @return whether the summary is compressed before fitting
     */
    public boolean compresses() {
        return settings.compress;
    }

    /**
     * Fits the model to a summary; recency and T are in {@code summary.unit()}, which the model keeps.
     *
     * @param summary the customers; not null. Not modified.
     * @return the fitted model
     * @throws dev.segmentation.InvalidDataException if the summary is empty
     */
    public ParetoNbdModel fit(BtydSummary summary) {
        Objects.requireNonNull(summary, "summary");
        return fit(settings.compress ? BtydHistogram.of(summary) : BtydHistogram.uncompressed(summary));
    }

    /**
     * Fits the model to a weighted histogram (for example one merged from partitions).
     *
     * @param histogram the weighted triples; not null. Not modified.
     * @return the fitted model
     * @throws dev.segmentation.InvalidDataException if the histogram is empty
     */
    public ParetoNbdModel fit(BtydHistogram histogram) {
        Objects.requireNonNull(histogram, "histogram");
        return fitFrom(histogram, null, null);
    }

    /**
     * Fits the model to a weighted histogram starting the optimizer from {@code start}'s parameters instead of the
     * default start ({@code r = s = 1}, {@code alpha = beta} the mean age over the mean purchases plus one): a warm
     * start for a fit near one already made, e.g. the same data under another dropout weight, or the same customers
     * observed longer (issue 19). When {@code start} was fitted here, BFGS also starts from its final curvature (its
     * last inverse-Hessian approximation, corrected by the difference of the two fits' dropout priors, whose Hessian
     * in the log-parameters is constant) rather than the identity. The optimum is the same one to the optimizer's
     * tolerance (the same stopping rule: gradient max-norm at most {@code tolerance}, then the Newton polish),
     * usually in fewer iterations; it is not bit for bit the cold fit's.
     *
     * @param histogram the weighted triples; not null. Not modified.
     * @param start the model whose parameters start the optimizer, in the histogram's unit; not null. Not modified.
     * @return the fitted model
     * @throws IllegalArgumentException if {@code start}'s unit is not the histogram's
     * @throws dev.segmentation.InvalidDataException if the histogram is empty
     */
    public ParetoNbdModel fit(BtydHistogram histogram, ParetoNbdModel start) {
        Objects.requireNonNull(histogram, "histogram");
        return fitFrom(histogram, BgNbd.startOf(Objects.requireNonNull(start, "start"), histogram),
                start.info.curvature);
    }

    /**
     * The fit from the parameters {@code init} with a previous fit's {@code curvature} (or null), or from the default
     * start when {@code init} is null.
     */
    private ParetoNbdModel fitFrom(BtydHistogram histogram, double[] init, double[][] curvature) {
        FitInfo info = fitPareto(histogram, init, curvature, settings.penalty,
                settings.dropoutPrior(new int[] {2, 3}, new int[] {-1, 1}), settings.tolerance,
                settings.maxIterations, settings.threads, toString(), LOG);
        LOG.info("Pareto/NBD fit on {} customers ({} distinct): r={}, alpha={}, s={}, beta={}, LL={}, converged={}",
                histogram.totalWeight(), histogram.size(), info.params[0], info.params[1], info.params[2],
                info.params[3], info.logLikelihood, info.converged);
        return new ParetoNbdModel(info.params, histogram.unit(), info);
    }

    /** With a prior: s (index 2) centred at log 1 = 0, beta (index 3) at log alpha (index 1). */
    private static FitInfo fitPareto(BtydHistogram h, double[] start, double[][] curvature, double penalty,
            LogParamFitter.DropoutPrior prior, double tolerance, int maxIterations, int threads, String trainer,
            Logger log) {
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
        BgNbd.requireIdentifiable("paretonbd", h);
        double alpha0 = swt / (swx + sw);
        if (!(alpha0 > 0) || Double.isInfinite(alpha0)) {
            alpha0 = 1;
        }
        double[] init = start != null ? start.clone() : new double[] {1, alpha0, 1, alpha0};
        ValueIndex[] idx = h.valueIndexes();
        ParetoFamily.Pairs pairs = ParetoFamily.Pairs.of(idx[0], idx[1], idx[2]);
        String[] names = {"r", "alpha", "s", "beta"};
        // the one-thread likelihood, pure (it allocates its memo per call): the standard errors' when first asked for
        // (issue 19), bit for bit the parallel one's
        LogParamFitter.Likelihood sequential = (p, grad) -> ParetoFamily.logLikelihood(f, rec, age, w, p, grad,
                pairs);
        if (threads == 1 || w.length <= ChunkRunner.CHUNK_ROWS) {
            return LogParamFitter.fit(sequential, () -> sequential, init, curvature, names, sw, w.length, penalty,
                    prior, tolerance, maxIterations, log, trainer);
        }
        // the pairs' ln I and the rows' terms on the fit's threads, summed in row order: the same fit bit for bit
        // (issue 19)
        try (ChunkRunner runner = new ChunkRunner(threads, "btyd-fit")) {
            ParetoFamily.RowTerms terms = new ParetoFamily.RowTerms(runner, w.length, pairs);
            LogParamFitter.Likelihood ll = (p, grad) -> ParetoFamily.logLikelihood(f, rec, age, w, p, grad, pairs,
                    null, terms);
            return LogParamFitter.fit(ll, () -> sequential, init, curvature, names, sw, w.length, penalty, prior,
                    tolerance, maxIterations, log, trainer);
        }
    }

    /**
     * Lists every hyperparameter.
     *
     * @return e.g. {@code ParetoNbd{penalty=0.0, tolerance=1.0E-8, maxIterations=1000, compress=true}}
     */
    @Override
    public String toString() {
        return settings.describe("ParetoNbd");
    }

    /** Mutable, single-threaded builder; {@link #build()} does not change it. */
    public static final class Builder extends FitSettings.Builder<Builder> {
        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Builds the trainer.
         *
         * @return an immutable trainer
         */
        public ParetoNbd build() {
            return new ParetoNbd(settings());
        }
    }
}
