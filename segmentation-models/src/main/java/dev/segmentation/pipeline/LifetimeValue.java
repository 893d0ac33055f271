package dev.segmentation.pipeline;

import dev.segmentation.InvalidDataException;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.BtydHistogram;
import dev.segmentation.clv.BtydHoldoutHistogram;
import dev.segmentation.clv.BtydLifetimeValueModel;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.clv.Clv;
import dev.segmentation.clv.GammaGamma;
import dev.segmentation.clv.GammaGammaModel;
import dev.segmentation.clv.LifetimeValueModel;
import dev.segmentation.clv.LifetimeValueTrainer;
import dev.segmentation.clv.ModifiedBgNbd;
import dev.segmentation.clv.ParetoNbd;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.internal.ParamChecks;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configuration of the pipeline's lifetime-value stage: a transaction model (BG/NBD, MBG/NBD or Pareto/NBD,
 * each configured with its own builder), a Gamma-Gamma spend model, the horizon and the discount rate. The
 * stage summarizes the log (frequency, recency, T in {@link #unit(Duration) unit}s, monetary value), fits both
 * models and computes, per customer, P(alive), the expected purchases over the horizon and the discounted CLV
 * over the horizon with {@link Clv} (Fader, Hardie and Lee 2005, "RFM and CLV: Using Iso-Value Curves for
 * Customer Base Analysis", eq. 2 discounted in monthly steps).
 *
 * <p>Spend: Gamma-Gamma is fitted on the repeat customers with a positive mean repeat spend; a repeat customer
 * with a zero mean spend (zero-value orders, as in CDNOW) and a one-time buyer are valued at the population
 * mean spend per purchase {@code p v / (q - 1)}, everyone else at E[Z | x, zbar] (Fader, Hardie and Lee 2005b,
 * eq. 5).
 *
 * <p><b>One model or a choice.</b> {@link #bgNbd}, {@link #modifiedBgNbd} and {@link #paretoNbd} use the model
 * given; a fit that did not converge is then used with a warning in {@link SegmentationResult#warnings()}.
 * {@link #chosenByHoldout()} lets the pipeline choose among BG/NBD, MBG/NBD and Pareto/NBD:
 * <ol>
 *   <li>The last quarter of the observed span (from the first purchase to the last observed day, rounded down
 *   to whole days, at least {@value #MIN_HOLDOUT_DAYS} days) is held out: every candidate is fitted on the
 *   customers' purchases up to the calibration end {@code c} ({@code BtydSummarizer.calibrationEnd}).</li>
 *   <li>Criterion: the holdout log loss, the mean over calibration customers of the Bernoulli log loss of
 *   "no purchase in the holdout" under the model's own probability of that event,
 *   {@code P0 = L(x, t_x, T + d) / L(x, t_x, T)} (the likelihood of the history observed up to {@code T + d}
 *   with no further purchase, over the likelihood up to {@code T}; {@code d} the holdout length). It is a proper
 *   score of exactly the claim a marketer reads from P(alive) and P(churn); lower is better.</li>
 *   <li>Eligible are the candidates whose calibration fit converged and, for BG/NBD, only when at most
 *   {@value #MAX_CERTAIN_SHARE_PERCENT}% of the customers have no repeat purchase: BG/NBD assumes nobody drops
 *   out before a repeat purchase, so it gives P(alive) = 1 to every such customer whatever their silence (a
 *   one-time buyer silent for a year would come out "alive for sure"). When two eligible candidates are within
 *   {@value #TIE} of each other's log loss, the one whose P(alive) of zero-repeat customers declines with T
 *   (MBG/NBD, then Pareto/NBD) is preferred.</li>
 *   <li>Dropout weight: the best eligible candidate is fitted again on the calibration data at every weight
 *   of the {@link #dropoutWeights(double...) grid} (default {@code 0, 1e-4, 1e-3, 1e-2}; the weight of a MAP fit
 *   under a weak prior on the dropout parameters, {@code dropoutPenalty} on the trainers' builders), each scored
 *   by the same holdout log loss. The weight chosen is the <em>largest</em> whose holdout log loss exceeds the
 *   lowest one's by at most one standard error of the <em>paired</em> per-customer difference of the losses
 *   (the one-standard-error rule of Hastie, Tibshirani and Friedman, The Elements of Statistical Learning, 2nd
 *   ed., 7.10, with the error of the difference since both losses are on the same customers): the strongest
 *   pull away from "alive for sure" that the holdout cannot tell from the best. An exact tie for the lowest loss
 *   goes to the smaller weight; a weight whose calibration fit does not converge (or fails, or gives a non-finite
 *   loss) is reported and not considered. A grid of one weight uses it without comparison; {@code
 *   dropoutWeights(0)} turns the prior off. The grid's weights replace the builders' own {@code dropoutPenalty}.
 *   The grid, every weight's loss, difference and standard error, the pick and the prior in one sentence are in
 *   the chosen candidate's {@link LifetimeValueReport.Candidate#dropoutPrior()}.</li>
 *   <li>The best eligible candidate is refitted on all the data at the chosen weight; if that fit does not
 *   converge, the next smaller weight within the rule is tried, then the candidate's own trainer, then the next
 *   eligible candidate (with its own trainer), each time with a warning; if none converges the stage fails with
 *   an {@link dev.segmentation.InvalidDataException} naming every candidate's fit.</li>
 *   <li>With a span too short for a holdout, MBG/NBD, Pareto/NBD and BG/NBD are tried on all data in that order
 *   and the first that converges is used, with a warning that the choice was not validated.</li>
 * </ol>
 * Every candidate's figures are in {@link SegmentationResult#lifetimeValueReport()}.
 *
 * <p><b>One-time buyers long silent.</b> Where the fitted dropout is about 0 (the likelihood is highest at the
 * boundary: Pareto/NBD's {@code s/beta}, MBG/NBD's {@code a/(a+b)} near 0), every candidate gives customers
 * silent for months after a single purchase a P(alive) of about 1. The dropout weight's choice above moves such
 * a fit off the boundary as far as the holdout allows, and no further: on Online Retail (calibration to
 * 2011-09-07, 93-day holdout, MBG/NBD) the holdout log loss is 0.62255 at weight 0, 0.62234 at 1e-4 (the
 * lowest), 0.62511 at 1e-3 (4.2 paired standard errors worse) and 0.64348 at 1e-2, so 1e-4 is used, and the
 * mean P(alive) of the one-time buyers silent for 180 days or more falls from 0.9996 to 0.992 (a one-time buyer
 * silent 53 weeks: 0.9995 to 0.990). On CDNOW every positive weight is worse than 0 by 7.9 or more paired
 * standard errors, so Pareto/NBD keeps its unpenalized fit bit for bit. Where P(alive) is still about 1 the
 * stage warns, and with a holdout the warning states what those customers actually did in the holdout against
 * what the calibration fit predicted: on Online Retail the one-time buyers silent for 180 days or more bought
 * again at 33% (166 of 499) where the fit predicted 18% (the holdout is the autumn peak; the models have no
 * seasonality), and a lower P(alive) lowers that prediction further, which is why the holdout allows only a
 * small weight. On CDNOW, where the data identify dropout, the same customers get a P(alive) well below 1 and
 * the predicted holdout share (5.5% for MBG/NBD) matches the actual one (5.8%). Read P(alive) of about 1 as "no
 * evidence of dropout in these data", and the expected purchases, which stay low for such customers, as the
 * figure to act on. A given model ({@link #modifiedBgNbd} etc.) takes its weight from its builder
 * ({@code ModifiedBgNbd.builder().dropoutPenalty(1e-3)}) and is not compared.
 *
 * <p>Defaults: Gamma-Gamma with its builder's defaults, horizon one year, annual discount rate 0.10, unit one
 * week, no currency. The builders are read when the pipeline runs, which is also when their settings are
 * validated.
 *
 * <pre>{@code
 * LifetimeValue ltv = LifetimeValue.bgNbd(BgNbd.builder().penalty(0.001))
 *         .spend(GammaGamma.builder()).horizon(Period.ofMonths(6)).annualDiscountRate(0.12);
 * }</pre>
 *
 * <p><b>The seam.</b> This class is the library's {@link LifetimeValueTrainer}: {@link #fit(TransactionLog,
 * LocalDate)} fits the stage on its own and returns the {@link BtydLifetimeValueModel} (the pipeline runs the same
 * code and also keeps the model choice's report and warnings). {@link #of(LifetimeValueTrainer)} puts any other
 * trainer in the stage, with this class's horizon, discount rate and currency; the pipeline then summarizes the log
 * in the fitted model's unit and scores it through the same {@link LifetimeValueModel} calls.
 *
 * <p>Mutable and single-threaded, like a builder.
 */
public final class LifetimeValue implements LifetimeValueTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(LifetimeValue.class);
    /** The shortest holdout, in days, for which {@link #chosenByHoldout()} compares the candidates. */
    public static final int MIN_HOLDOUT_DAYS = 14;
    /** BG/NBD is not eligible when more than this percentage of customers have no repeat purchase. */
    public static final int MAX_CERTAIN_SHARE_PERCENT = 5;
    /** The stage's warning when the Gamma-Gamma spend fit did not converge. */
    public static final String SPEND_NOT_CONVERGED = "lifetimeValue: the Gamma-Gamma spend fit did not converge; the "
            + "spend per purchase behind the CLV may be unreliable";
    /** Holdout log losses closer than this are a tie. */
    public static final double TIE = 1e-3;
    /** The default grid of {@link #dropoutWeights(double...)}, a new array each time. */
    private static double[] defaultDropoutWeights() {
        return new double[] {0, 1e-4, 1e-3, 1e-2};
    }

    private final Supplier<Function<BtydSummary, BtydModel>> transactionModel;
    private final Supplier<String> description;
    private final List<Candidate> candidates;
    /** A trainer of another family ({@link #of(LifetimeValueTrainer)}), else null. */
    private final LifetimeValueTrainer custom;
    private GammaGamma.Builder spend = GammaGamma.builder();
    private Period horizon = Period.ofYears(1);
    private double annualDiscountRate = 0.10;
    private Duration unit = Duration.ofDays(7);
    private String currency = "";
    private double[] dropoutWeights;
    /** The candidates' fit threads ({@link #threads(int)}), 0 for the trainers' own. */
    private int threads;

    private LifetimeValue(Supplier<Function<BtydSummary, BtydModel>> transactionModel, Supplier<String> description) {
        this.transactionModel = transactionModel;
        this.description = description;
        this.candidates = null;
        this.custom = null;
    }

    private LifetimeValue(LifetimeValueTrainer custom) {
        this.transactionModel = null;
        this.custom = custom;
        this.description = custom::toString;
        this.candidates = null;
    }

    private LifetimeValue(List<Candidate> candidates) {
        this.transactionModel = null;
        this.description = () -> {
            List<String> names = new ArrayList<>();
            for (Candidate c : candidates) {
                names.add(c.description.get());
            }
            return "chosenByHoldout" + names + (Arrays.equals(dropoutWeights, defaultDropoutWeights()) ? ""
                    : ", dropoutWeights=" + Arrays.toString(dropoutWeights))
                    + (threads == 0 ? "" : ", threads=" + threads);
        };
        this.candidates = List.copyOf(candidates);
        this.custom = null;
        this.dropoutWeights = defaultDropoutWeights();
    }

    /**
     * Puts a trainer of any lifetime-value family in the stage, e.g. one defined in the caller's own package. The
     * pipeline calls its {@link LifetimeValueTrainer#fit(TransactionLog, LocalDate) fit} with the log and the
     * as-of date, summarizes the log in the fitted model's {@link LifetimeValueModel#unit() unit}, and scores the
     * model over this configuration's {@link #horizon(Period) horizon} at its {@link #annualDiscountRate(double)
     * discount rate}. The BTYD settings ({@link #spend}, {@link #unit}, {@link #dropoutWeights}) do not apply.
     *
     * @param trainer the trainer; not null
     * @return a new configuration; {@code trainer} itself if it already is one
     */
    public static LifetimeValue of(LifetimeValueTrainer trainer) {
        Objects.requireNonNull(trainer, "trainer");
        return trainer instanceof LifetimeValue lv ? lv : new LifetimeValue(trainer);
    }

    /**
     * One candidate transaction model of a choice: its short name, its trainer, and its trainer with the dropout
     * prior's weight replaced (the builder's other settings kept).
     */
    static final class Candidate {
        final String name;
        /** The trainer at a thread count (0: the builder's own). */
        final IntFunction<Function<BtydSummary, BtydModel>> fit;
        /** The trainers by dropout weight at a thread count (0: the builder's own). */
        final IntFunction<DoubleFunction<WeightedFit>> weighted;
        final Supplier<String> description;

        Candidate(String name, IntFunction<Function<BtydSummary, BtydModel>> fit,
                IntFunction<DoubleFunction<WeightedFit>> weighted, Supplier<String> description) {
            this.name = name;
            this.fit = fit;
            this.weighted = weighted;
            this.description = description;
        }
    }

    /**
     * A candidate's trainer at one dropout weight, and whether its settings equal the candidate's own trainer's
     * (then its fits are the own trainer's bit for bit, and the choice reuses them).
     */
    static final class WeightedFit {
        final Function<BtydSummary, BtydModel> fit;
        final boolean own;

        WeightedFit(Function<BtydSummary, BtydModel> fit, boolean own) {
            this.fit = fit;
            this.own = own;
        }
    }

    /**
     * Lets the pipeline choose the transaction model among BG/NBD, MBG/NBD and Pareto/NBD (default builders) by a
     * calibration/holdout split inside the data; see the class comment for the criterion.
     *
     * @return a new configuration
     */
    public static LifetimeValue chosenByHoldout() {
        return chosenByHoldout(BgNbd.builder(), ModifiedBgNbd.builder(), ParetoNbd.builder());
    }

    /**
     * Lets the pipeline choose the transaction model among the three given trainers by a calibration/holdout split
     * inside the data; see the class comment for the criterion.
     *
     * @param bgNbd the BG/NBD trainer's builder; not null. Read when the pipeline runs.
     * @param modifiedBgNbd the MBG/NBD trainer's builder; not null. Read when the pipeline runs.
     * @param paretoNbd the Pareto/NBD trainer's builder; not null. Read when the pipeline runs.
     * @return a new configuration
     */
    public static LifetimeValue chosenByHoldout(BgNbd.Builder bgNbd, ModifiedBgNbd.Builder modifiedBgNbd,
            ParetoNbd.Builder paretoNbd) {
        Objects.requireNonNull(bgNbd, "bgNbd");
        Objects.requireNonNull(modifiedBgNbd, "modifiedBgNbd");
        Objects.requireNonNull(paretoNbd, "paretoNbd");
        return new LifetimeValue(List.of(
                new Candidate("bgnbd", th -> HistogramFit.of(threads(bgNbd.build(), th)), th -> {
                    BgNbd own = threads(bgNbd.build(), th);
                    return w -> {
                        BgNbd t = own.toBuilder().dropoutPenalty(w).build();
                        return new WeightedFit(HistogramFit.of(t), t.toString().equals(own.toString()));
                    };
                }, () -> bgNbd.build().toString()),
                new Candidate("mbgnbd", th -> HistogramFit.of(threads(modifiedBgNbd.build(), th)), th -> {
                    ModifiedBgNbd own = threads(modifiedBgNbd.build(), th);
                    return w -> {
                        ModifiedBgNbd t = own.toBuilder().dropoutPenalty(w).build();
                        return new WeightedFit(HistogramFit.of(t), t.toString().equals(own.toString()));
                    };
                }, () -> modifiedBgNbd.build().toString()),
                new Candidate("paretonbd", th -> HistogramFit.of(threads(paretoNbd.build(), th)), th -> {
                    ParetoNbd own = threads(paretoNbd.build(), th);
                    return w -> {
                        ParetoNbd t = own.toBuilder().dropoutPenalty(w).build();
                        return new WeightedFit(HistogramFit.of(t), t.toString().equals(own.toString()));
                    };
                }, () -> paretoNbd.build().toString())));
    }

    private static BgNbd threads(BgNbd t, int threads) {
        return threads == 0 ? t : t.toBuilder().threads(threads).build();
    }

    private static ModifiedBgNbd threads(ModifiedBgNbd t, int threads) {
        return threads == 0 ? t : t.toBuilder().threads(threads).build();
    }

    private static ParetoNbd threads(ParetoNbd t, int threads) {
        return threads == 0 ? t : t.toBuilder().threads(threads).build();
    }

    /**
     * Sets the threads of the candidates' fits ({@code threads} on the trainers' builders, which this replaces, as
     * the dropout weights replace their {@code dropoutPenalty}): each likelihood evaluation of a BG/NBD or MBG/NBD
     * fit computes its rows' terms on these threads and sums them in row order, so every fit, and so the choice
     * and the values, are bit for bit the same for every count. Default: the builders' own (1 unless set).
     *
     * @param threads the thread count, {@code >= 1}
     * @return this configuration
     * @throws IllegalArgumentException if {@code threads < 1}
     * @throws IllegalStateException if this configuration uses a given transaction model (set {@code threads} on
     *     its builder) rather than {@link #chosenByHoldout()}
     */
    public LifetimeValue threads(int threads) {
        ParamChecks.threads(threads);
        if (candidates == null) {
            throw new IllegalStateException("threads must be set on a chosenByHoldout() configuration, found "
                    + (custom == null ? "a given transaction model (set threads on its builder)" : "a custom trainer"));
        }
        this.threads = threads;
        return this;
    }

    /**
     * Sets the grid of dropout-prior weights from which the pipeline chooses, for the transaction model chosen
     * by holdout, the weight of its MAP fit ({@code dropoutPenalty} on the trainers' builders; the weight
     * replaces the builder's own). Default {@code 0, 1e-4, 1e-3, 1e-2}. The rule (see the class comment): the
     * largest weight whose holdout log loss exceeds the best weight's by at most one standard error of the
     * paired per-customer difference. A single weight is used as it is, without comparison; {@code 0} alone
     * turns the prior off.
     *
     * @param weights the weights: at least one, each finite and {@code >= 0}, strictly increasing. Copied.
     * @return this configuration
     * @throws IllegalArgumentException if the grid is empty, a weight is negative or not finite, or the weights
     *     do not increase strictly
     * @throws IllegalStateException if this configuration uses a given transaction model rather than
     *     {@link #chosenByHoldout()}
     */
    public LifetimeValue dropoutWeights(double... weights) {
        this.dropoutWeights = checkWeights(weights);
        if (candidates == null) {
            throw new IllegalStateException("dropoutWeights must be set on a chosenByHoldout() configuration, "
                    + "found " + (custom == null ? "a given transaction model" : "a custom trainer"));
        }
        return this;
    }

    static double[] checkWeights(double[] weights) {
        Objects.requireNonNull(weights, "dropoutWeights");
        ParamChecks.requireArgument(weights.length > 0, "dropoutWeights must be non-empty, found []");
        double[] w = ParamChecks.nonNegative("dropoutWeights", weights, weights.length, "one per weight");
        boolean increasing = true;
        for (int i = 1; i < w.length; i++) {
            increasing &= w[i] > w[i - 1];
        }
        ParamChecks.requireArgument(increasing, "dropoutWeights must be strictly increasing, found %s",
                Arrays.toString(w));
        return w;
    }

    /**
     * Uses the BG/NBD transaction model.
     *
     * @param trainer the trainer's builder; not null. Read when the pipeline runs.
     * @return a new configuration
     */
    public static LifetimeValue bgNbd(BgNbd.Builder trainer) {
        Objects.requireNonNull(trainer, "trainer");
        return new LifetimeValue(() -> HistogramFit.of(trainer.build()), () -> trainer.build().toString());
    }

    /**
     * Uses the MBG/NBD transaction model.
     *
     * @param trainer the trainer's builder; not null. Read when the pipeline runs.
     * @return a new configuration
     */
    public static LifetimeValue modifiedBgNbd(ModifiedBgNbd.Builder trainer) {
        Objects.requireNonNull(trainer, "trainer");
        return new LifetimeValue(() -> HistogramFit.of(trainer.build()), () -> trainer.build().toString());
    }

    /**
     * Uses the Pareto/NBD transaction model.
     *
     * @param trainer the trainer's builder; not null. Read when the pipeline runs.
     * @return a new configuration
     */
    public static LifetimeValue paretoNbd(ParetoNbd.Builder trainer) {
        Objects.requireNonNull(trainer, "trainer");
        return new LifetimeValue(() -> HistogramFit.of(trainer.build()), () -> trainer.build().toString());
    }

    /**
     * Sets the spend model. Default: {@code GammaGamma.builder()}.
     *
     * @param spend the trainer's builder; not null. Read when the pipeline runs.
     * @return this configuration
     * @throws IllegalStateException if this configuration holds a custom trainer ({@link #of})
     */
    public LifetimeValue spend(GammaGamma.Builder spend) {
        Objects.requireNonNull(spend, "spend");
        requireBtyd("spend");
        this.spend = spend;
        return this;
    }

    /**
     * Sets the horizon of the expected purchases and of the CLV. Default: one year.
     *
     * @param horizon the horizon, positive; not null
     * @return this configuration
     */
    public LifetimeValue horizon(Period horizon) {
        this.horizon = Objects.requireNonNull(horizon, "horizon");
        return this;
    }

    /**
     * Sets the annual discount rate of the CLV. Default: 0.10.
     *
     * @param annualDiscountRate the rate, finite and {@code >= 0}
     * @return this configuration
     */
    public LifetimeValue annualDiscountRate(double annualDiscountRate) {
        this.annualDiscountRate = annualDiscountRate;
        return this;
    }

    /**
     * Sets the currency of the amounts, for the record (the JSON and the report state it); it changes no figure.
     * Default: none (the empty string).
     *
     * @param currency an ISO 4217 code such as {@code "GBP"}, or empty for none; not null
     * @return this configuration
     */
    public LifetimeValue currency(String currency) {
        this.currency = Objects.requireNonNull(currency, "currency");
        return this;
    }

    /**
     * Sets the time unit of recency and T in the summary and of the fitted model's parameters. Default: one
     * week (the unit of Fader, Hardie and Lee's CDNOW analyses).
     *
     * @param unit the unit, positive; not null
     * @return this configuration
     * @throws IllegalStateException if this configuration holds a custom trainer ({@link #of}), whose model has
     *     its own unit
     */
    public LifetimeValue unit(Duration unit) {
        Objects.requireNonNull(unit, "unit");
        requireBtyd("unit");
        this.unit = unit;
        return this;
    }

    private void requireBtyd(String setting) {
        if (custom != null) {
            throw new IllegalStateException(setting + " must be set on a BTYD configuration, found a custom trainer "
                    + custom);
        }
    }

    /**
     * Returns the horizon of the expected purchases and the CLV.
     *
     * @return the horizon
     */
    public Period horizon() {
        return horizon;
    }

    /**
     * Returns the annual discount rate of the CLV.
     *
     * @return the rate
     */
    public double annualDiscountRate() {
        return annualDiscountRate;
    }

    /**
     * Returns the time unit of recency and T in the summary and of the fitted model's parameters (a custom
     * trainer's model has its own, {@link LifetimeValueModel#unit()}).
     *
     * @return the unit; default one week
     */
    public Duration unit() {
        return unit;
    }

    /**
     * Returns the currency of the amounts, for the record.
     *
     * @return an ISO 4217 code, or empty for none
     */
    public String currency() {
        return currency;
    }

    /**
     * Returns the spend model's builder (not used with a custom trainer).
     *
     * @return the builder set by {@link #spend(GammaGamma.Builder)}, read when the stage runs (shared, not copied)
     */
    public GammaGamma.Builder spend() {
        return spend;
    }

    /**
     * Checks that {@link #fitTransactionModel} can run, before any work: builds every trainer of this
     * configuration and checks its settings, as a run does, and refuses a custom trainer. An engine that fits the
     * stage from aggregates (Spark) calls it before its first job.
     *
     * @throws IllegalArgumentException if a setting is invalid (a builder's message)
     * @throws IllegalStateException if this configuration holds a custom trainer ({@link #of}), or a builder
     *     refuses its combination of settings
     */
    public void checkAggregateFit() {
        if (custom != null) {
            throw new IllegalStateException("lifetimeValue must be a BTYD configuration to be fitted from "
                    + "aggregates, found a custom trainer " + custom);
        }
        resolve();
    }

    /**
     * The calibration end of the holdout of {@link #chosenByHoldout()} for data observed from {@code first} to
     * {@code lastDay}: the last quarter of the span in whole days, {@code floor(days(first, lastDay) / 4)}, is held
     * out when it is at least {@value #MIN_HOLDOUT_DAYS} days. An engine that fits the stage from aggregates
     * summarizes the data up to this day with the holdout up to {@code lastDay}
     * ({@code BtydSummarizer.builder().end(lastDay).calibrationEnd(end)}) and compresses that summary into the
     * {@link BtydHoldoutHistogram} that {@link #fitTransactionModel} reads.
     *
     * @param first the first purchase date of the observed data; not null
     * @param lastDay the last observed day, on or after {@code first}; not null
     * @return the calibration end; empty with a given transaction model or a custom trainer (no choice), or when
     *     the holdout would be shorter than {@value #MIN_HOLDOUT_DAYS} days
     * @throws IllegalArgumentException if {@code lastDay} is before {@code first}
     */
    public Optional<LocalDate> holdoutCalibrationEnd(LocalDate first, LocalDate lastDay) {
        checkSpan(first, lastDay);
        if (candidates == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(TransactionModelChoice.calibrationEnd(first, lastDay));
    }

    private static void checkSpan(LocalDate first, LocalDate lastDay) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(lastDay, "lastDay");
        if (lastDay.isBefore(first)) {
            throw new IllegalArgumentException("lastDay must be on or after the first purchase date " + first
                    + ", found " + lastDay);
        }
    }

    /**
     * Fits the stage's transaction model from aggregates, with no per-customer summary: the given model fitted on
     * {@code all}, or the model chosen by the holdout rule of {@link #chosenByHoldout()} (the candidates' fits,
     * holdout figures and dropout-weight grid on {@code calibration}, the refit on {@code all}), with the
     * stage's report and warnings. It is the code the pipeline runs on a log, which compresses its summaries into
     * the same histograms: given equal histograms, the model, report and warnings are the pipeline's (the
     * trainers fit histograms, {@code BgNbd.fit(BtydHistogram)}, whether or not they compress their summaries).
     * Spark builds the histograms per partition and merges them ({@code SparkBtyd}).
     *
     * @param all the histogram of the summary of all observed data ({@code BtydSummarizer.builder().end(lastDay)})
     *     in {@link #unit()}; not null. Not modified.
     * @param calibration the holdout histogram of the summary up to {@link #holdoutCalibrationEnd} with the
     *     holdout up to {@code lastDay}, in {@link #unit()}; empty (size 0) when that end is empty or no customer
     *     bought in the calibration period; not used for a given model; not null. Not modified.
     * @param first the first purchase date of the observed data; not null
     * @param lastDay the last observed day; not null
     * @return the model, the report and the warnings
     * @throws IllegalArgumentException if a setting is invalid, a unit is not {@link #unit()}, or {@code lastDay}
     *     is before {@code first}
     * @throws IllegalStateException if this configuration holds a custom trainer ({@link #of})
     * @throws InvalidDataException if no customer has a repeat purchase, or no model converges
     */
    public TransactionModelFit fitTransactionModel(BtydHistogram all, BtydHoldoutHistogram calibration,
            LocalDate first, LocalDate lastDay) {
        Objects.requireNonNull(all, "all");
        Objects.requireNonNull(calibration, "calibration");
        checkSpan(first, lastDay);
        checkAggregateFit();
        Resolved ltv = resolve();
        if (!all.unit().equals(ltv.unit)) {
            throw new IllegalArgumentException("all.unit must be " + ltv.unit + ", found " + all.unit());
        }
        if (calibration.size() > 0 && !calibration.unit().equals(ltv.unit)) {
            throw new IllegalArgumentException("calibration.unit must be " + ltv.unit + ", found "
                    + calibration.unit());
        }
        double repeat = 0;
        for (int k = 0; k < all.size(); k++) {
            repeat += all.frequency(k) > 0 ? all.weight(k) : 0;
        }
        if (repeat == 0) {
            throw new InvalidDataException("lifetimeValue: customers with a repeat purchase must be >= 1, found 0 "
                    + "among " + (long) all.totalWeight() + " customers");
        }
        TransactionModelChoice.Data data = new TransactionModelChoice.Data(all, null,
                calibration.size() == 0 ? null : calibration, null, first, lastDay);
        TransactionModelChoice choice = ltv.transactionModel != null ? TransactionModelChoice.fixed(ltv, data)
                : TransactionModelChoice.choose(ltv, data);
        return new TransactionModelFit(choice.model, choice.report, choice.warnings);
    }

    /**
     * The transaction model of the lifetime-value stage with the choice behind it, as
     * {@link #fitTransactionModel} gives it.
     *
     * <p>Instances are immutable and safe for concurrent use.
     */
    public static final class TransactionModelFit {
        private final BtydModel model;
        private final LifetimeValueReport report;
        private final List<String> warnings;

        TransactionModelFit(BtydModel model, LifetimeValueReport report, List<String> warnings) {
            this.model = model;
            this.report = report;
            this.warnings = List.copyOf(warnings);
        }

        /**
         * Returns the fitted transaction model, refitted on all data.
         *
         * @return the model
         */
        public BtydModel model() {
            return model;
        }

        /**
         * Returns every candidate's figures, the criterion and the chosen model and dropout weight, as
         * {@link SegmentationResult#lifetimeValueReport()} has them.
         *
         * @return the report
         */
        public LifetimeValueReport report() {
            return report;
        }

        /**
         * Returns the stage's warnings about the transaction model (a fit that did not converge, a choice not
         * validated, P(alive) of about 1 for long-silent one-time buyers), as the pipeline adds them to
         * {@link SegmentationResult#warnings()}; the spend model's are not among them.
         *
         * @return the warnings, possibly empty; unmodifiable
         */
        public List<String> warnings() {
            return warnings;
        }

        @Override
        public String toString() {
            return "TransactionModelFit{model=" + model.name() + ", warnings=" + warnings.size() + "}";
        }
    }

    /** The validated, immutable form used by one run. */
    static final class Resolved {
        /** A trainer of another family, else null (then the other trainer fields are used). */
        final LifetimeValueTrainer custom;
        final Function<BtydSummary, BtydModel> transactionModel;
        /** The candidates by name in preference order for a choice, else null. */
        final List<String> candidateNames;
        final List<Function<BtydSummary, BtydModel>> candidateFits;
        /** The candidates' trainers by dropout weight, parallel to {@link #candidateNames}, else null. */
        final List<DoubleFunction<WeightedFit>> candidateWeighted;
        /** The grid of dropout weights for a choice (strictly increasing), else null. */
        final double[] dropoutWeights;
        final GammaGamma spend;
        final Clv clv;
        final Period horizon;
        final Duration unit;
        final double annualDiscountRate;
        final String currency;
        /** Threads of the choice's per-triple holdout figures ({@link LifetimeValue#threads(int)}, else 1). */
        final int threads;

        /** A BTYD configuration (tests build one directly). */
        Resolved(Function<BtydSummary, BtydModel> transactionModel, List<String> candidateNames,
                List<Function<BtydSummary, BtydModel>> candidateFits,
                List<DoubleFunction<WeightedFit>> candidateWeighted, double[] dropoutWeights,
                GammaGamma spend, Clv clv, Period horizon, Duration unit, double annualDiscountRate,
                String currency) {
            this(null, transactionModel, candidateNames, candidateFits, candidateWeighted, dropoutWeights, spend, clv,
                    horizon, unit, annualDiscountRate, currency);
        }

        Resolved(LifetimeValueTrainer custom, Function<BtydSummary, BtydModel> transactionModel,
                List<String> candidateNames,
                List<Function<BtydSummary, BtydModel>> candidateFits,
                List<DoubleFunction<WeightedFit>> candidateWeighted, double[] dropoutWeights,
                GammaGamma spend, Clv clv, Period horizon, Duration unit, double annualDiscountRate,
                String currency) {
            this(custom, transactionModel, candidateNames, candidateFits, candidateWeighted, dropoutWeights, spend, clv,
                    horizon, unit, annualDiscountRate, currency, 1);
        }

        Resolved(LifetimeValueTrainer custom, Function<BtydSummary, BtydModel> transactionModel,
                List<String> candidateNames,
                List<Function<BtydSummary, BtydModel>> candidateFits,
                List<DoubleFunction<WeightedFit>> candidateWeighted, double[] dropoutWeights,
                GammaGamma spend, Clv clv, Period horizon, Duration unit, double annualDiscountRate,
                String currency, int threads) {
            this.threads = threads;
            this.custom = custom;
            this.transactionModel = transactionModel;
            this.candidateNames = candidateNames;
            this.candidateFits = candidateFits;
            this.candidateWeighted = candidateWeighted;
            this.dropoutWeights = dropoutWeights;
            this.spend = spend;
            this.clv = clv;
            this.horizon = horizon;
            this.unit = unit;
            this.annualDiscountRate = annualDiscountRate;
            this.currency = currency;
        }
    }

    /** Builds every part, so that bad settings surface before any work is done. */
    Resolved resolve() {
        ParamChecks.positive("unit", unit);
        Clv clv = Clv.builder().horizon(horizon).annualDiscountRate(annualDiscountRate).build();
        if (custom != null) {
            return new Resolved(custom, null, null, null, null, null, null, clv, horizon, null, annualDiscountRate,
                    currency);
        }
        if (candidates == null) {
            return new Resolved(null, transactionModel.get(), null, null, null, null, spend.build(), clv, horizon, unit,
                    annualDiscountRate, currency);
        }
        List<String> names = new ArrayList<>();
        List<Function<BtydSummary, BtydModel>> fits = new ArrayList<>();
        List<DoubleFunction<WeightedFit>> weighted = new ArrayList<>();
        for (Candidate c : candidates) {
            names.add(c.name);
            fits.add(c.fit.apply(threads));
            weighted.add(c.weighted.apply(threads));
        }
        return new Resolved(null, null, List.copyOf(names), List.copyOf(fits), List.copyOf(weighted),
                dropoutWeights.clone(), spend.build(), clv, horizon, unit, annualDiscountRate, currency,
                threads == 0 ? 1 : threads);
    }

    /**
     * Fits the stage on the purchases before a date, as the pipeline does: the summary up to the day before
     * {@code asOf} in the configured unit, the transaction model (given or chosen on a holdout), the Gamma-Gamma
     * spend model on the customers it can describe. The pipeline's warnings (a fit that did not converge, a
     * choice not validated) are not returned here: the models' {@code converged()} tell.
     *
     * @param log the transactions; not null. Not modified.
     * @param asOf the first day not observed: after the log's first purchase date and at most the day after its
     *     last; not null
     * @return a {@link BtydLifetimeValueModel}, or the custom trainer's model ({@link #of})
     * @throws IllegalArgumentException if the date is out of range or a setting is invalid
     * @throws InvalidDataException if the log is empty, has no repeat buyer or no model can be fitted
     */
    @Override
    public LifetimeValueModel fit(TransactionLog log, LocalDate asOf) {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(asOf, "asOf");
        Resolved ltv = resolve();
        if (ltv.custom != null) {
            return ltv.custom.fit(log, asOf);
        }
        AsOfDates.check(log, asOf);
        LocalDate dayAfterLast = log.lastDateTime().toLocalDate().plusDays(1);
        LocalDate lastDay = asOf.minusDays(1);
        TransactionLog observed = asOf.equals(dayAfterLast) ? log : log.onOrBefore(lastDay);
        return fit(ltv, observed, lastDay, summarize(ltv, observed, lastDay), false, () -> { }).model;
    }

    /**
     * The BTYD stage's summaries of the observed log in {@code ltv.unit}: the summary of all data up to
     * {@code lastDay} and, for a choice by holdout whose span leaves a holdout
     * ({@link TransactionModelChoice#calibrationEnd}), the calibration summary with its holdout columns, both
     * from one pass over the rows ({@link BtydSummarizer#summarizeWithCalibration}; issue 19).
     */
    static final class Summaries {
        /** The summary of all observed data. */
        final BtydSummary all;
        /** The calibration summary, or null (a given model, a span too short for a holdout, no customer). */
        final BtydSummary calibration;

        Summaries(BtydSummary all, BtydSummary calibration) {
            this.all = all;
            this.calibration = calibration;
        }
    }

    /**
     * {@link Summaries} of the observed log for a BTYD configuration (not a custom trainer).
     *
     * @param ltv the resolved configuration
     * @param observed the log up to {@code lastDay}
     * @param lastDay the last observed day
     */
    static Summaries summarize(Resolved ltv, TransactionLog observed, LocalDate lastDay) {
        BtydSummarizer summarizer = BtydSummarizer.builder().end(lastDay).unit(ltv.unit).build();
        LocalDate calibrationEnd = ltv.transactionModel != null || observed.size() == 0 ? null
                : TransactionModelChoice.calibrationEnd(observed.firstDateTime().toLocalDate(), lastDay);
        if (calibrationEnd == null) {
            return new Summaries(summarizer.summarize(observed), null);
        }
        BtydSummarizer.WithCalibration both = summarizer.summarizeWithCalibration(observed, calibrationEnd);
        return new Summaries(both.all(), both.calibration().size() == 0 ? null : both.calibration());
    }

    /** What the BTYD stage's fit gives the pipeline: the model, the choice behind it and the warnings. */
    static final class StageFit {
        final BtydLifetimeValueModel model;
        final TransactionModelChoice choice;
        final List<String> warnings;

        StageFit(BtydLifetimeValueModel model, TransactionModelChoice choice, List<String> warnings) {
            this.model = model;
            this.choice = choice;
            this.warnings = warnings;
        }
    }

    /**
     * Fits the BTYD stage on a summary: the transaction model (given or chosen on a holdout), then Gamma-Gamma on
     * {@link #spendCustomers(BtydSummary)}.
     *
     * @param ltv the resolved configuration, without a custom trainer
     * @param observed the log up to {@code lastDay}
     * @param lastDay the last observed day
     * @param summaries the summaries of {@code observed} in {@code ltv.unit} ({@link #summarize})
     * @param requireRepeat refuse a summary without repeat buyers even for a given model (a choice always does)
     * @param check called after the transaction and the spend fit (cancellation), which run at once on two threads
     *     when {@code ltv.threads} is 2 or more
     */
    static StageFit fit(Resolved ltv, TransactionLog observed, LocalDate lastDay, Summaries summaries,
            boolean requireRepeat, Runnable check) {
        BtydSummary summary = summaries.all;
        if (ltv.transactionModel == null || requireRepeat) {
            requireRepeatBuyers(summary);
        }
        // the spend fit is independent of the transaction model's: on a second thread while the choice runs (its
        // compressions are on one thread), the same fit bit for bit (issue 19)
        TwoTasks<TransactionModelChoice, GammaGammaModel> fits = TwoTasks.run(ltv.threads, "lifetime-value",
                () -> ltv.transactionModel != null
                        ? TransactionModelChoice.fixed(ltv, summary)
                        : TransactionModelChoice.choose(ltv, observed, lastDay, summary, summaries.calibration),
                () -> ltv.spend.fit(spendCustomers(summary)));
        TransactionModelChoice choice = fits.first;
        check.run();
        GammaGammaModel spend = fits.second;
        List<String> warnings = new ArrayList<>(choice.warnings);
        if (!spend.converged()) {
            warnings.add(SPEND_NOT_CONVERGED);
        }
        return new StageFit(BtydLifetimeValueModel.of(choice.model, spend), choice, List.copyOf(warnings));
    }

    /** Refuses a summary without repeat buyers, which no transaction or spend model can describe. */
    private static void requireRepeatBuyers(BtydSummary summary) {
        for (int j = 0; j < summary.size(); j++) {
            if (summary.frequency(j) > 0) {
                return;
            }
        }
        throw new InvalidDataException("lifetimeValue: customers with a repeat purchase must be >= 1, found 0 among "
                + summary.size() + " customers");
    }

    /**
     * The Gamma-Gamma fit's customers: the summary without repeat customers whose mean repeat spend is not
     * positive (zero-value orders, as in CDNOW), which the spend model cannot describe.
     */
    private static BtydSummary spendCustomers(BtydSummary summary) {
        IntArrayList keep = new IntArrayList();
        for (int j = 0; j < summary.size(); j++) {
            if (!(summary.frequency(j) > 0 && summary.monetary(j) <= 0)) {
                keep.add(j);
            }
        }
        if (keep.size() == summary.size()) {
            return summary;
        }
        LOG.debug("Gamma-Gamma: {} repeat customers with a non-positive mean spend left out",
                summary.size() - keep.size());
        int n = keep.size();
        String[] ids = new String[n];
        double[] f = new double[n];
        double[] r = new double[n];
        double[] t = new double[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            int j = keep.getInt(i);
            ids[i] = summary.id(j);
            f[i] = summary.frequency(j);
            r[i] = summary.recency(j);
            t[i] = summary.T(j);
            m[i] = summary.monetary(j);
        }
        return BtydSummary.of(ids, f, r, t, m, summary.unit());
    }

    @Override
    public String toString() {
        if (custom != null) {
            return "LifetimeValue{trainer=" + custom + ", horizon=" + horizon + ", annualDiscountRate="
                    + annualDiscountRate + (currency.isEmpty() ? "" : ", currency=" + currency) + "}";
        }
        String model;
        String spendModel;
        try {
            model = description.get();
            spendModel = spend.build().toString();
        } catch (IllegalArgumentException | IllegalStateException e) {
            model = "invalid: " + e.getMessage();
            spendModel = "?";
        }
        return "LifetimeValue{transactionModel=" + model + ", spend=" + spendModel + ", horizon=" + horizon + ", annualDiscountRate=" + annualDiscountRate + ", unit=" + unit
                + (currency.isEmpty() ? "" : ", currency=" + currency) + "}";
    }
}
