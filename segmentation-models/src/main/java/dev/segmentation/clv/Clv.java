package dev.segmentation.clv;

import dev.segmentation.features.BtydSummary;
import dev.segmentation.internal.ParamChecks;
import java.time.Duration;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Discounted customer lifetime value over a finite horizon: expected purchases from a {@link BtydModel}
 * times expected spend per purchase (from a {@link GammaGammaModel} or given), times a margin, discounted
 * step by step.
 *
 * <p>With steps of length {@code s} (default one month of 30.436875 days, see {@link TimeUnits}) ending at
 * {@code t_k = min(k s, H)} for a horizon H, the value of a customer is
 * {@code CLV = margin * spend * sum_k (E[Y(t_k) | x, t_x, T] - E[Y(t_(k-1)) | x, t_x, T]) * D(t_k)} with the
 * discount factor {@code D(t) = (1 + d)^(-t/s)} for a rate d per step, or {@code (1 + d_y)^(-t/year)} for an
 * annual rate (a year is 365.2425 days). This is the discrete-cash-flow form of lifetimes'
 * {@code customer_lifetime_value}, with the time units explicit: the horizon and step are calendar spans,
 * converted into the model's unit ({@link BtydModel#unit()}), so a model fitted in weeks and a horizon in
 * months give the right answer. Cost: O(n * steps) conditional expectations.
 *
 * <pre>{@code
 * Clv clv = Clv.builder().horizon(Period.ofMonths(12)).annualDiscountRate(0.10).build();
 * double[] values = clv.compute(bgNbdModel, gammaGammaModel, summary);
 * }</pre>
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
public final class Clv {
    private final Duration horizon;
    private final Duration step;
    private final double annualDiscountRate;
    private final double discountRatePerStep;
    private final double margin;
    /** The step ends and discount factors for the last model unit seen: a memo, not state (see {@link Steps}). */
    private volatile Steps steps;

    private Clv(Builder b) {
        this.horizon = b.horizon;
        this.step = b.step;
        this.annualDiscountRate = b.annualDiscountRate;
        this.discountRatePerStep = b.discountRatePerStep;
        this.margin = b.margin;
    }

    /**
     * Returns a builder. The horizon must be set; defaults: monthly steps (30.436875 days), no discounting,
     * margin 1.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Computes the CLV of every customer with the spend per purchase from a Gamma-Gamma model
     * ({@link GammaGammaModel#conditionalExpectedAverageSpend(double, double)}).
     *
     * @param model the transaction model; not null
     * @param spend the spend model; not null
     * @param summary the customers, with monetary values; not null. Not modified.
     * @return a new array of n values
     * @throws IllegalStateException if the spend model has {@code q <= 1}
     */
    public double[] compute(BtydModel model, GammaGammaModel spend, BtydSummary summary) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(spend, "spend");
        Objects.requireNonNull(summary, "summary");
        double[] m = spendPerPurchase(spend, summary);
        double[] out = new double[summary.size()];
        compute(model, m, summary, out);
        return out;
    }

    /**
     * The spend per purchase behind every CLV of the library: the Gamma-Gamma conditional expectation
     * {@code E[Z | x, zbar]} ({@link GammaGammaModel#conditionalExpectedAverageSpend(double, double)}), which is
     * the population mean {@code p v / (q - 1)} for a customer without repeat purchases (x = 0) and, for a repeat
     * buyer, a weighted mean of the population mean and the customer's own mean (so a repeat buyer whose mean
     * spend is 0 gets less than the population mean, not the population mean). {@link #compute(BtydModel,
     * GammaGammaModel, BtydSummary)}, the pipeline ({@code dev.segmentation.pipeline}) and the streaming scorer
     * ({@code dev.segmentation.streaming.CustomerScorer}) all call this function, so one customer gets one CLV
     * whatever the entry point.
     *
     * @param spend the spend model; not null
     * @param frequency x, a non-negative integer
     * @param monetary zbar, the mean repeat spend, finite and {@code >= 0}
     * @return the expected spend per purchase
     * @throws IllegalArgumentException if an argument is invalid
     * @throws IllegalStateException if {@code p x + q <= 1}
     */
    public static double spendPerPurchase(GammaGammaModel spend, double frequency, double monetary) {
        Objects.requireNonNull(spend, "spend");
        return spend.conditionalExpectedAverageSpend(frequency, monetary);
    }

    /**
     * {@link #spendPerPurchase(GammaGammaModel, double, double)} for every customer of a summary.
     *
     * @param spend the spend model; not null
     * @param summary the customers; not null. Not modified.
     * @return a new array, one spend per customer
     * @throws IllegalStateException if the spend model has {@code q <= 1}
     */
    public static double[] spendPerPurchase(GammaGammaModel spend, BtydSummary summary) {
        Objects.requireNonNull(spend, "spend");
        Objects.requireNonNull(summary, "summary");
        spend.populationMeanSpend(); // refuses q <= 1 once, before any work
        double[] out = new double[summary.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = spendPerPurchase(spend, summary.frequency(i), summary.monetary(i));
        }
        return out;
    }

    /**
     * {@code ParamChecks.nonNegative("spendPerPurchase[i]", m)}, with the parameter's name made only for the message
     * (it was a string built per customer, 1 M of them at 1 M customers; issue 19).
     */
    private static void checkSpend(int i, double m) {
        if (!(m >= 0) || !Double.isFinite(m)) {
            ParamChecks.nonNegative("spendPerPurchase[" + i + "]", m);
        }
    }

    /**
     * Computes the CLV of every customer with a given spend per purchase.
     *
     * @param model the transaction model; not null
     * @param spendPerPurchase the expected spend per purchase per customer, finite and {@code >= 0}. Not
     *     modified.
     * @param summary the customers; recency and T are converted from {@code summary.unit()} to the model's
     *     unit; not null. Not modified.
     * @param out receives the values, length n. Modified.
     * @throws IllegalArgumentException if a length differs or a spend is negative or not finite
     */
    public void compute(BtydModel model, double[] spendPerPurchase, BtydSummary summary, double[] out) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(spendPerPurchase, "spendPerPurchase");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(out, "out");
        int n = summary.size();
        Checks.length("spendPerPurchase", spendPerPurchase, n);
        Checks.length("out", out, n);
        Steps st = steps(model.unit());
        double[] scratch = new double[st.times.length];
        double scale = TimeUnits.seconds(summary.unit()) / TimeUnits.seconds(model.unit());
        if (n > BtydHistogram.MAX_ENTRIES) {
            for (int i = 0; i < n; i++) {
                double m = spendPerPurchase[i];
                checkSpend(i, m);
                out[i] = value(model, m, summary.frequency(i), summary.recency(i) * scale, summary.T(i) * scale, st,
                        scratch);
            }
            return;
        }
        // The discounted purchases depend on (x, t_x, T) only: each distinct triple's curve is computed once, at
        // its first row (so the rows are checked and any failure is raised in the same order as row by row), and
        // each row's value is its spend times that triple's figure, the same expression as value() (issue 19).
        int[] rowEntry = new int[n];
        BtydHistogram h = BtydHistogram.of(summary, scale, rowEntry);
        compute(model, spendPerPurchase, h, rowEntry, out, st, scratch);
    }

    /**
     * The part of {@link #compute(BtydModel, double[], BtydSummary, double[])} after the compression, for a caller
     * that compressed the summary (in the model's unit) once for several uses ({@link BtydLifetimeValueModel#score};
     * issue 19): the same values, checks and order of failures.
     */
    void compute(BtydModel model, double[] spendPerPurchase, BtydHistogram h, int[] rowEntry, double[] out) {
        Steps st = steps(model.unit());
        compute(model, spendPerPurchase, h, rowEntry, out, st, new double[st.times.length]);
    }

    private void compute(BtydModel model, double[] spendPerPurchase, BtydHistogram h, int[] rowEntry, double[] out,
            Steps st, double[] scratch) {
        int n = rowEntry.length;
        double[] f = h.frequencies();
        double[] r = h.recencies();
        double[] a = h.ages();
        double[] byTriple = new double[h.size()];
        boolean[] done = new boolean[h.size()];
        for (int i = 0; i < n; i++) {
            double m = spendPerPurchase[i];
            checkSpend(i, m);
            int j = rowEntry[i];
            if (!done[j]) {
                model.conditionalExpectedPurchases(st.times, f[j], r[j], a[j], scratch);
                byTriple[j] = discountedPurchases(st, scratch);
                done[j] = true;
            }
            out[i] = margin * m * byTriple[j];
        }
    }

    /**
     * Computes one customer's CLV.
     *
     * @param model the transaction model; not null
     * @param spendPerPurchase the expected spend per purchase, finite and {@code >= 0}
     * @param frequency x
     * @param recency t_x in the model's unit
     * @param T the age in the model's unit
     * @return the discounted value
     * @throws IllegalArgumentException if an argument is invalid
     */
    public double customerValue(BtydModel model, double spendPerPurchase, double frequency, double recency,
            double T) {
        Objects.requireNonNull(model, "model");
        ParamChecks.nonNegative("spendPerPurchase", spendPerPurchase);
        Steps st = steps(model.unit());
        return value(model, spendPerPurchase, frequency, recency, T, st, new double[st.times.length]);
    }

    /**
     * A customer's expected cumulative purchases at given times: the curve {@code E[Y(t)]} that
     * {@link #customerValue(Duration, double, PurchaseCurve)} discounts, for a lifetime-value model other than a
     * {@link BtydModel}.
     */
    @FunctionalInterface
    public interface PurchaseCurve {
        /**
         * Fills the expected cumulative purchases at each time.
         *
         * @param t the times, increasing, in the unit given to {@code customerValue}. Not modified.
         * @param out receives {@code E[Y(t[k])]}, non-decreasing in k, finite and {@code >= 0}; same length.
         *     Modified.
         */
        void expectedPurchases(double[] t, double[] out);
    }

    /**
     * Computes one customer's CLV from any expected-purchases curve, with the same steps, discounting and margin
     * as {@link #customerValue(BtydModel, double, double, double, double)} (which is this method with the BTYD
     * model's conditional expectation as the curve).
     *
     * @param unit the time unit of the curve's times; positive, not null
     * @param spendPerPurchase the expected spend per purchase, finite and {@code >= 0}
     * @param curve the customer's expected cumulative purchases; not null
     * @return the discounted value
     * @throws IllegalArgumentException if an argument is invalid
     */
    public double customerValue(Duration unit, double spendPerPurchase, PurchaseCurve curve) {
        ParamChecks.positive("unit", unit);
        Objects.requireNonNull(curve, "curve");
        ParamChecks.nonNegative("spendPerPurchase", spendPerPurchase);
        Steps st = steps(unit);
        double[] scratch = new double[st.times.length];
        curve.expectedPurchases(st.times.clone(), scratch);
        return discounted(spendPerPurchase, st, scratch);
    }

    private double value(BtydModel model, double m, double x, double tx, double age, Steps st, double[] scratch) {
        model.conditionalExpectedPurchases(st.times, x, tx, age, scratch);
        return discounted(m, st, scratch);
    }

    /** The discounted sum of the increments of the expected purchases at the step ends, times spend and margin. */
    private double discounted(double m, Steps st, double[] scratch) {
        return margin * m * discountedPurchases(st, scratch);
    }

    /** The discounted sum of the increments of the expected purchases at the step ends (per unit of spend). */
    private static double discountedPurchases(Steps st, double[] scratch) {
        double prev = 0;
        double sum = 0;
        for (int k = 0; k < st.times.length; k++) {
            sum += (scratch[k] - prev) * st.discounts[k];
            prev = scratch[k];
        }
        // E[Y(t) | ...] does not decrease in t and 0 < D <= 1, so the sum lies in [0, E at the horizon];
        // rounding in near-equal expectations cannot take it below 0 (issue 17 reported -1110).
        return Checks.clamp(sum, 0, Math.max(0, prev), "lifetime value");
    }

    /**
     * The step ends and discounts for a model unit, computed once per unit: scoring one customer at a time (a
     * service re-scoring after each event) would otherwise spend more on {@code Math.pow} and allocation than on
     * the model. A race only computes the same values twice.
     */
    private Steps steps(Duration unit) {
        Steps st = steps;
        if (st == null || !st.unit.equals(unit)) {
            double[] times = stepEnds(unit);
            st = new Steps(unit, times, discounts(unit, times));
            steps = st;
        }
        return st;
    }

    /** Step ends in a model unit and their discount factors; never handed out, so never modified. */
    private static final class Steps {
        final Duration unit;
        final double[] times;
        final double[] discounts;

        Steps(Duration unit, double[] times, double[] discounts) {
            this.unit = unit;
            this.times = times;
            this.discounts = discounts;
        }
    }

    /** The end of each step, in model units. */
    double[] stepEnds(Duration unit) {
        double h = TimeUnits.inUnits(horizon, unit);
        double s = TimeUnits.inUnits(step, unit);
        int k = (int) Math.ceil(h / s - 1e-9);
        double[] t = new double[Math.max(k, 0)];
        for (int i = 0; i < t.length; i++) {
            t[i] = Math.min((i + 1) * s, h);
        }
        return t;
    }

    private double[] discounts(Duration unit, double[] times) {
        double s = TimeUnits.inUnits(step, unit);
        double year = TimeUnits.inUnits(TimeUnits.YEAR, unit);
        double[] d = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            d[i] = discountRatePerStep > 0 ? Math.pow(1 + discountRatePerStep, -times[i] / s)
                    : Math.pow(1 + annualDiscountRate, -times[i] / year);
        }
        return d;
    }

    /**
     * Lists every setting.
     *
     * @return e.g. {@code Clv{horizon=PT8765H49M12S, step=PT730H29M6S, annualDiscountRate=0.1,
     *     discountRatePerStep=0.0, margin=1.0}}
     */
    @Override
    public String toString() {
        return "Clv{horizon=" + horizon + ", step=" + step + ", annualDiscountRate=" + annualDiscountRate
                + ", discountRatePerStep=" + discountRatePerStep + ", margin=" + margin + "}";
    }

    /** Mutable, single-threaded builder; {@link #build()} does not change it. */
    public static final class Builder {
        private Duration horizon;
        private Duration step = TimeUnits.MONTH;
        private double annualDiscountRate;
        private double discountRatePerStep;
        private double margin = 1;

        private Builder() {
        }

        /**
         * Sets the horizon as a calendar period (a month is 30.436875 days, a year 365.2425 days).
         *
         * @param horizon the horizon, positive; not null
         * @return this builder
         * @throws IllegalArgumentException if it has a negative part or is zero
         */
        public Builder horizon(Period horizon) {
            Objects.requireNonNull(horizon, "horizon");
            double s = TimeUnits.inUnits(horizon, Duration.ofSeconds(1));
            return horizon(Duration.ofSeconds((long) Math.floor(s), Math.round((s - Math.floor(s)) * 1e9)));
        }

        /**
         * Sets the horizon as an exact duration.
         *
         * @param horizon the horizon, positive; not null
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder horizon(Duration horizon) {
            ParamChecks.positive("horizon", horizon);
            this.horizon = horizon;
            return this;
        }

        /**
         * Sets the horizon as a count of calendar units, e.g. {@code horizon(12, ChronoUnit.MONTHS)}.
         *
         * @param amount the count, {@code >= 1}
         * @param unit the calendar unit; not null
         * @return this builder
         * @throws IllegalArgumentException if the amount is below 1: {@code "horizon must be >= 1, found 0"}
         */
        public Builder horizon(long amount, ChronoUnit unit) {
            Objects.requireNonNull(unit, "unit");
            ParamChecks.atLeast("horizon", amount, 1);
            return horizon(unit.getDuration().multipliedBy(amount));
        }

        /**
         * Sets the length of one discounting step (cash flows are summed and discounted per step). Default
         * one month ({@link TimeUnits#MONTH}, 30.436875 days).
         *
         * @param step a unit from DAYS to YEARS; not null
         * @return this builder
         * @throws IllegalArgumentException if shorter than a day or longer than a year
         */
        public Builder step(ChronoUnit step) {
            Objects.requireNonNull(step, "step");
            if (step.getDuration().compareTo(ChronoUnit.DAYS.getDuration()) < 0
                    || step.getDuration().compareTo(ChronoUnit.YEARS.getDuration()) > 0) {
                throw new IllegalArgumentException("step must be from DAYS to YEARS, found " + step);
            }
            this.step = step.getDuration();
            return this;
        }

        /**
         * Sets the length of one discounting step as an exact duration, e.g. {@code Duration.ofDays(30)} to
         * reproduce lifetimes' fixed 30-day "month".
         *
         * @param step the step, positive; not null
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder step(Duration step) {
            ParamChecks.positive("step", step);
            this.step = step;
            return this;
        }

        /**
         * Sets an annual discount rate d_y (0.10 for 10% a year): {@code D(t) = (1 + d_y)^(-t/year)}.
         * Default 0. Replaces a rate per step.
         *
         * @param rate the rate, finite and {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if negative or not finite
         */
        public Builder annualDiscountRate(double rate) {
            this.annualDiscountRate = ParamChecks.nonNegative("annualDiscountRate", rate);
            this.discountRatePerStep = 0;
            return this;
        }

        /**
         * Sets a discount rate per step d (lifetimes' {@code discount_rate}, e.g. 0.01 a month):
         * {@code D(t_k) = (1 + d)^(-k)}. Default 0. Replaces an annual rate.
         *
         * @param rate the rate, finite and {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if negative or not finite
         */
        public Builder discountRatePerStep(double rate) {
            this.discountRatePerStep = ParamChecks.nonNegative("discountRatePerStep", rate);
            this.annualDiscountRate = 0;
            return this;
        }

        /**
         * Sets the margin applied to revenue (1 for revenue, 0.3 for a 30% margin). Default 1.
         *
         * @param margin the fraction, in (0, 1]
         * @return this builder
         * @throws IllegalArgumentException if outside (0, 1]
         */
        public Builder margin(double margin) {
            this.margin = ParamChecks.inLeftOpenRange("margin", margin, 0, 1);
            return this;
        }

        /**
         * Builds the calculator.
         *
         * @return an immutable calculator
         * @throws IllegalStateException if no horizon was set
         */
        public Clv build() {
            if (horizon == null) {
                throw new IllegalStateException("horizon must be set, found none");
            }
            return new Clv(this);
        }
    }
}
