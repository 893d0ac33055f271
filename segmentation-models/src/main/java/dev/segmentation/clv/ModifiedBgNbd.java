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

    private final FitSettings settings;

    private ModifiedBgNbd(FitSettings settings) {
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
    public ModifiedBgNbdModel fit(BtydSummary summary) {
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
    public ModifiedBgNbdModel fit(BtydHistogram histogram) {
        Objects.requireNonNull(histogram, "histogram");
        return fitFrom(histogram, null, null);
    }

    /**
     * Fits the model to a weighted histogram starting the optimizer from {@code start}'s parameters instead of the
     * default start ({@code r = a = b = 1}, {@code alpha} the mean age over the mean purchases plus one): a warm
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
    public ModifiedBgNbdModel fit(BtydHistogram histogram, ModifiedBgNbdModel start) {
        Objects.requireNonNull(histogram, "histogram");
        return fitFrom(histogram, BgNbd.startOf(Objects.requireNonNull(start, "start"), histogram),
                start.info.curvature);
    }

    /**
     * The fit from the parameters {@code init} with a previous fit's {@code curvature} (or null), or from the default
     * start when {@code init} is null.
     */
    private ModifiedBgNbdModel fitFrom(BtydHistogram histogram, double[] init, double[][] curvature) {
        FitInfo info = BgNbd.fitBgFamily(1, histogram, init, curvature, settings.penalty,
                BgNbd.dropoutPrior(settings), settings.tolerance,
                settings.maxIterations, settings.threads, toString(), LOG);
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
        return settings.describe("ModifiedBgNbd");
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
        public ModifiedBgNbd build() {
            return new ModifiedBgNbd(settings());
        }
    }
}
