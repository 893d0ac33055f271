package dev.segmentation.clv;

import dev.segmentation.features.BtydSummary;
import dev.segmentation.internal.ChunkRunner;
import java.util.List;
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
    private static final List<String> NAMES = List.of("r", "alpha", "a", "b");

    private final FitSettings settings;

    private BgNbd(FitSettings settings) {
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
    public BgNbdModel fit(BtydSummary summary) {
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
    public BgNbdModel fit(BtydHistogram histogram) {
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
    public BgNbdModel fit(BtydHistogram histogram, BgNbdModel start) {
        Objects.requireNonNull(histogram, "histogram");
        return fitFrom(histogram, startOf(Objects.requireNonNull(start, "start"), histogram), start.info.curvature);
    }

    /**
     * The fit from the parameters {@code init} with a previous fit's {@code curvature} (or null), or from the default
     * start when {@code init} is null.
     */
    private BgNbdModel fitFrom(BtydHistogram histogram, double[] init, double[][] curvature) {
        FitInfo info = fitBgFamily(0, histogram, init, curvature, settings.penalty, dropoutPrior(settings),
                settings.tolerance, settings.maxIterations, settings.threads, toString(), LOG);
        LOG.info("BG/NBD fit on {} customers ({} distinct): r={}, alpha={}, a={}, b={}, LL={}, converged={}",
                histogram.totalWeight(), histogram.size(), info.params[0], info.params[1], info.params[2],
                info.params[3], info.logLikelihood, info.converged);
        return new BgNbdModel(info.params, histogram.unit(), info);
    }

    /**
     * The dropout prior of these settings: a and b (indexes 2, 3 in r, alpha, a, b), each centred at log 1 = 0;
     * null for weight 0.
     */
    static LogParamFitter.DropoutPrior dropoutPrior(FitSettings settings) {
        return settings.dropoutPrior(new int[] {2, 3}, new int[] {-1, -1});
    }

    /** The parameters of a warm start's model, checked against the histogram's unit. */
    static double[] startOf(FittedBtydModel start, BtydHistogram h) {
        if (!start.unit().equals(h.unit())) {
            throw new IllegalArgumentException("start must have the histogram's unit " + h.unit() + ", found "
                    + start.unit());
        }
        return start.paramValues();
    }

    static FitInfo fitBgFamily(int m, BtydHistogram h, double penalty, LogParamFitter.DropoutPrior prior,
            double tolerance, int maxIterations, int threads, String trainer, Logger log) {
        return fitBgFamily(m, h, null, null, penalty, prior, tolerance, maxIterations, threads, trainer, log);
    }

    /**
     * The fit from {@code start} (the parameters r, alpha, a, b) with a previous fit's {@code curvature} (or null),
     * or from the default start when {@code start} is null.
     */
    static FitInfo fitBgFamily(int m, BtydHistogram h, double[] start, double[][] curvature, double penalty,
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
        requireIdentifiable(m == 0 ? "bgnbd" : "mbgnbd", h);
        double alpha0 = swt / (swx + sw);
        if (!(alpha0 > 0) || Double.isInfinite(alpha0)) {
            alpha0 = 1;
        }
        double[] init = start != null ? start.clone() : new double[] {1, alpha0, 1, 1};
        ValueIndex[] idx = h.valueIndexes();
        ValueIndex xIdx = idx[0];
        ValueIndex recIdx = idx[1];
        ValueIndex ageIdx = idx[2];
        // the one-thread likelihood, pure (it allocates its scratch per call): the standard errors' when first asked
        // for (issue 19), bit for bit the parallel one's
        LogParamFitter.Likelihood sequential = (p, grad) -> BgFamily.logLikelihood(m, xIdx, recIdx, ageIdx, w, p,
                grad);
        if (threads == 1 || w.length <= ChunkRunner.CHUNK_ROWS) {
            return LogParamFitter.fit(sequential, () -> sequential, init, curvature, names(), sw, w.length, penalty,
                    prior, tolerance, maxIterations, log, trainer);
        }
        // the rows' terms on the fit's threads, summed in row order: the same fit bit for bit (issue 19)
        try (ChunkRunner runner = new ChunkRunner(threads, "btyd-fit")) {
            BgFamily.RowTerms terms = new BgFamily.RowTerms(runner, w.length);
            LogParamFitter.Likelihood ll = (p, grad) -> BgFamily.logLikelihood(m, xIdx, recIdx, ageIdx, w, p, grad,
                    null, terms);
            return LogParamFitter.fit(ll, () -> sequential, init, curvature, names(), sw, w.length, penalty, prior,
                    tolerance, maxIterations, log, trainer);
        }
    }

    /**
     * Refuses data that cannot identify a four-parameter BTYD model (issue 17): one distinct (frequency,
     * recency, T) for every customer (one customer, identical rows), or nobody with a repeat purchase.
     */
    static void requireIdentifiable(String model, BtydHistogram h) {
        double[] f = h.frequencies();
        double[] rec = h.recencies();
        double[] age = h.ages();
        boolean distinct = false;
        boolean repeat = false;
        for (int i = 0; i < f.length; i++) {
            repeat |= f[i] > 0;
            distinct |= f[i] != f[0] || rec[i] != rec[0] || age[i] != age[0];
        }
        if (f.length > 0 && !distinct) {
            throw new dev.segmentation.InvalidDataException("summary: the data cannot identify the " + model
                    + " parameters: all " + h.totalWeight() + " customers have the same (frequency, recency, T) = ("
                    + f[0] + ", " + rec[0] + ", " + age[0] + "); at least 2 distinct customers are needed", -1,
                    null, null);
        }
        if (f.length > 0 && !repeat) {
            throw new dev.segmentation.InvalidDataException("frequency: the data cannot identify the " + model
                    + " parameters: no customer has a repeat purchase (frequency > 0) among " + h.totalWeight()
                    + " customers", -1, "frequency", null);
        }
    }

    static String[] names() {
        return NAMES.toArray(new String[0]);
    }

    /**
     * Lists every hyperparameter.
     *
     * @return e.g. {@code BgNbd{penalty=0.0, tolerance=1.0E-8, maxIterations=1000, compress=true}}
     */
    @Override
    public String toString() {
        return settings.describe("BgNbd");
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
        public BgNbd build() {
            return new BgNbd(settings());
        }
    }
}
