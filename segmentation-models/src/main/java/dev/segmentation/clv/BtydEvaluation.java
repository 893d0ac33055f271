package dev.segmentation.clv;

import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.internal.ParamChecks;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * Calibration/holdout evaluation of a {@link BtydModel}, after Fader, Hardie and Lee (2005), section 4:
 * predicted against actual holdout purchases per customer, the per-frequency calibration table (their
 * Figure 3), and the cumulative tracking series of expected against actual repeat transactions (their
 * Figure 2).
 *
 * <p>The per-customer helpers take a {@link BtydSummary} with holdout columns (the calibration summary plus
 * each customer's holdout purchase count and length); the tracking series takes the whole
 * {@link TransactionLog}. All methods are static, pure and thread-safe.
 */
public final class BtydEvaluation {
    private BtydEvaluation() {
    }

    /**
     * Predicts each customer's holdout purchases, {@code E[Y(duration_holdout) | x, t_x, T]}, and compares
     * them with the actual holdout purchase counts.
     *
     * @param model the model fitted on the calibration period; not null
     * @param summary the calibration summary with holdout columns; not null. Not modified.
     * @return the comparison
     * @throws IllegalArgumentException if the summary has no holdout columns or is empty
     */
    public static HoldoutComparison holdout(BtydModel model, BtydSummary summary) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(summary, "summary");
        requireHoldout(summary);
        int n = summary.size();
        double scale = TimeUnits.seconds(summary.unit()) / TimeUnits.seconds(model.unit());
        double[] duration = summary.durationHoldout();
        double[] actual = summary.frequencyHoldout();
        double[] predicted = new double[n];
        for (int i = 0; i < n; i++) {
            predicted[i] = model.conditionalExpectedPurchases(duration[i] * scale, summary.frequency(i),
                    summary.recency(i) * scale, summary.T(i) * scale);
        }
        return new HoldoutComparison(predicted, actual);
    }

    /**
     * Each customer's probability of no purchase in the {@code d} model time units after the end of the
     * summary, {@code P0 = L(x, t_x, T + d) / L(x, t_x, T)}: the likelihood of the same history observed
     * {@code d} longer without a further purchase over the likelihood of the history, which holds for every
     * BTYD model whose likelihood depends on (x, t_x, T) only. Clamped to [0, 1]; 1 where the ratio is not a
     * number.
     *
     * <p>Each distinct (x, t_x, T) is evaluated once, and for this library's models through their batch
     * likelihood (terms shared by customers tabulated once); every value is bit for bit
     * {@code exp(model.logLikelihood(x, t_x, T + d) - model.logLikelihood(x, t_x, T))} of the scalar calls.
     *
     * @param model the model; not null
     * @param summary the customers; recency and T are converted from {@code summary.unit()} to the model's
     *     unit; not null. Not modified.
     * @param d the length in the model's unit, {@code >= 0}
     * @return P0 per summary row
     * @throws IllegalArgumentException if d is negative or not a number
     */
    public static double[] noPurchase(BtydModel model, BtydSummary summary, double d) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(summary, "summary");
        ParamChecks.nonNegative("d", d);
        int n = summary.size();
        int[] rowEntry = new int[n];
        double scale = TimeUnits.seconds(summary.unit()) / TimeUnits.seconds(model.unit());
        BtydHistogram h = BtydHistogram.of(summary, scale, rowEntry);
        double[] p0 = noPurchase(model, h.frequencies(), h.recencies(), h.ages(), d);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = p0[rowEntry[i]];
        }
        return out;
    }

    /**
     * {@link #noPurchase(BtydModel, BtydSummary, double)} of distinct entries already in the model's unit: P0 of
     * entry j, through the model's batch likelihood when it has one.
     */
    static double[] noPurchase(BtydModel model, double[] x, double[] tx, double[] age, double d) {
        return noPurchase(model, x, tx, age, d, null);
    }

    /**
     * The same, with the {@link ValueIndex}es of x, t_x, T and T + d ({@code later}) when {@code indexes} is not null,
     * so that the batch likelihoods do not index the columns again (the same values bit for bit).
     */
    static double[] noPurchase(BtydModel model, double[] x, double[] tx, double[] age, double d,
            ValueIndex[] indexes) {
        int k = x.length;
        double[] later = new double[k];
        for (int j = 0; j < k; j++) {
            later[j] = age[j] + d;
            Checks.customer(x[j], tx[j], age[j]);
            Checks.customer(x[j], tx[j], later[j]);
        }
        double[] now = new double[k];
        double[] then = new double[k];
        if (model instanceof FittedBtydModel f) {
            f.logLikelihoods(x, tx, age, indexes == null ? null : new ValueIndex[] {indexes[0], indexes[1], indexes[2]},
                    now);
            f.logLikelihoods(x, tx, later, indexes == null ? null
                    : new ValueIndex[] {indexes[0], indexes[1], indexes[3]}, then);
        } else {
            for (int j = 0; j < k; j++) {
                now[j] = model.logLikelihood(x[j], tx[j], age[j]);
                then[j] = model.logLikelihood(x[j], tx[j], later[j]);
            }
        }
        double[] p0 = new double[k];
        for (int j = 0; j < k; j++) {
            double p = Math.exp(then[j] - now[j]);
            p0[j] = Double.isNaN(p) ? 1.0 : Math.max(0.0, Math.min(1.0, p));
        }
        return p0;
    }

    /**
     * Groups customers by calibration frequency {@code 0..maxFrequency} (the last group holds every
     * frequency {@code >= maxFrequency}) and reports the mean actual and predicted holdout purchases of each
     * group.
     *
     * @param model the model fitted on the calibration period; not null
     * @param summary the calibration summary with holdout columns; not null. Not modified.
     * @param maxFrequency the last group, {@code >= 0}
     * @return the table
     * @throws IllegalArgumentException if the summary has no holdout or maxFrequency is negative
     */
    public static CalibrationTable calibrationTable(BtydModel model, BtydSummary summary, int maxFrequency) {
        ParamChecks.atLeast("maxFrequency", maxFrequency, 0);
        HoldoutComparison h = holdout(model, summary);
        double[] predicted = h.predicted();
        double[] actual = h.actual();
        int g = maxFrequency + 1;
        int[] count = new int[g];
        double[] sumActual = new double[g];
        double[] sumPredicted = new double[g];
        for (int i = 0; i < summary.size(); i++) {
            int k = (int) Math.min(summary.frequency(i), maxFrequency);
            count[k]++;
            sumActual[k] += actual[i];
            sumPredicted[k] += predicted[i];
        }
        for (int k = 0; k < g; k++) {
            sumActual[k] = count[k] == 0 ? Double.NaN : sumActual[k] / count[k];
            sumPredicted[k] = count[k] == 0 ? Double.NaN : sumPredicted[k] / count[k];
        }
        return new CalibrationTable(count, sumActual, sumPredicted);
    }

    /**
     * The cumulative tracking series: at the end of each model time unit k = 1..periods after the log's first
     * day, the actual number of repeat purchase occasions so far (distinct purchase days of each customer
     * after their first) against the expected number {@code sum_i E[X(age_i)]}, where age_i is the time
     * since customer i's first purchase. Point k is the end of day {@code first + floor(k * unitDays) - 1},
     * and a customer whose first purchase is that day contributes {@code E[X(0)] = 0}.
     *
     * <p>Customers are grouped by first purchase day and E[X] is tabulated per whole day of age, so the cost
     * is O(rows + days * distinct first days) rather than O(customers * periods).
     *
     * @param model the model; its unit must be a whole number of days; not null
     * @param log the transactions, calibration and holdout together; not null, not empty. Not modified.
     * @param periods the number of points, {@code >= 1}
     * @return the series
     * @throws IllegalArgumentException if the unit is not a whole number of days, periods is below 1 or the
     *     log is empty
     */
    public static TrackingSeries tracking(BtydModel model, TransactionLog log, int periods) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(log, "log");
        ParamChecks.atLeast("periods", periods, 1);
        Duration unit = model.unit();
        if (unit.getNano() != 0 || unit.getSeconds() % 86_400 != 0) {
            throw new IllegalArgumentException("model unit must be a whole number of days for the tracking series, "
                    + "found " + unit);
        }
        if (log.size() == 0) {
            throw new IllegalArgumentException("log must have at least one row, found 0");
        }
        long unitDays = unit.getSeconds() / 86_400;
        long firstDay = Math.floorDiv(log.minEpochSecond(), 86_400);
        int days = (int) (unitDays * periods);
        long[] repeatPerDay = new long[days];
        long[] firstPerDay = new long[days];
        for (int c = 0; c < log.customerCount(); c++) {
            TransactionLog.CustomerRows rows = log.rowsOf(c);
            if (rows.isEmpty()) {
                continue;
            }
            long prev = Long.MIN_VALUE;
            boolean first = true;
            for (int k = 0; k < rows.size(); k++) {
                long day = Math.floorDiv(rows.epochSecond(k), 86_400);
                if (day == prev) {
                    continue;
                }
                prev = day;
                long offset = day - firstDay;
                if (offset < days) {
                    if (first) {
                        firstPerDay[(int) offset]++;
                    } else {
                        repeatPerDay[(int) offset]++;
                    }
                }
                first = false;
            }
        }
        double[] expectedByAge = new double[days];
        for (int a = 1; a < days; a++) {
            expectedByAge[a] = model.expectedPurchases((double) a / unitDays);
        }
        double[] time = new double[periods];
        LocalDate[] dates = new LocalDate[periods];
        double[] actual = new double[periods];
        double[] expected = new double[periods];
        long cumulative = 0;
        int day = 0;
        for (int k = 0; k < periods; k++) {
            int end = (int) ((k + 1) * unitDays) - 1;
            for (; day <= end; day++) {
                cumulative += repeatPerDay[day];
            }
            double e = 0;
            for (int d = 0; d <= end; d++) {
                if (firstPerDay[d] != 0) {
                    e += firstPerDay[d] * expectedByAge[end - d];
                }
            }
            time[k] = k + 1;
            dates[k] = LocalDate.ofEpochDay(firstDay + end);
            actual[k] = cumulative;
            expected[k] = e;
        }
        return new TrackingSeries(time, dates, actual, expected);
    }

    private static void requireHoldout(BtydSummary summary) {
        if (!summary.hasHoldout()) {
            throw new IllegalArgumentException("summary must have holdout columns, found none");
        }
        if (summary.size() == 0) {
            throw new IllegalArgumentException("summary must have at least one customer, found 0");
        }
    }

    /**
     * Predicted against actual holdout purchases per customer, with summary errors.
     *
     * <p>Instances are immutable and safe for concurrent use.
     */
    public static final class HoldoutComparison {
        private final double[] predicted;
        private final double[] actual;

        HoldoutComparison(double[] predicted, double[] actual) {
            this.predicted = predicted;
            this.actual = actual;
        }

        /**
         * Returns the predicted holdout purchases per customer.
         *
         * @return a copy
         */
        public double[] predicted() {
            return predicted.clone();
        }

        /**
         * Returns the actual holdout purchases per customer.
         *
         * @return a copy
         */
        public double[] actual() {
            return actual.clone();
        }

        /**
         * Returns the sum of predicted holdout purchases.
         *
         * @return the total
         */
        public double totalPredicted() {
            return Arrays.stream(predicted).sum();
        }

        /**
         * Returns the sum of actual holdout purchases.
         *
         * @return the total
         */
        public double totalActual() {
            return Arrays.stream(actual).sum();
        }

        /**
         * Returns the mean absolute error per customer.
         *
         * @return the MAE
         */
        public double meanAbsoluteError() {
            double s = 0;
            for (int i = 0; i < predicted.length; i++) {
                s += Math.abs(predicted[i] - actual[i]);
            }
            return s / predicted.length;
        }

        /**
         * Returns the root mean squared error per customer.
         *
         * @return the RMSE
         */
        public double rootMeanSquaredError() {
            double s = 0;
            for (int i = 0; i < predicted.length; i++) {
                double d = predicted[i] - actual[i];
                s += d * d;
            }
            return Math.sqrt(s / predicted.length);
        }

        /**
         * Returns the Pearson correlation of predicted and actual.
         *
         * @return the correlation, NaN if either is constant
         */
        public double correlation() {
            int n = predicted.length;
            double mp = 0;
            double ma = 0;
            for (int i = 0; i < n; i++) {
                mp += predicted[i];
                ma += actual[i];
            }
            mp /= n;
            ma /= n;
            double spa = 0;
            double spp = 0;
            double saa = 0;
            for (int i = 0; i < n; i++) {
                spa += (predicted[i] - mp) * (actual[i] - ma);
                spp += (predicted[i] - mp) * (predicted[i] - mp);
                saa += (actual[i] - ma) * (actual[i] - ma);
            }
            return spa / Math.sqrt(spp * saa);
        }
    }

    /**
     * Mean actual and predicted holdout purchases per calibration frequency.
     *
     * <p>Instances are immutable and safe for concurrent use.
     */
    public static final class CalibrationTable {
        private final int[] customers;
        private final double[] meanActual;
        private final double[] meanPredicted;

        CalibrationTable(int[] customers, double[] meanActual, double[] meanPredicted) {
            this.customers = customers;
            this.meanActual = meanActual;
            this.meanPredicted = meanPredicted;
        }

        /**
         * Returns the number of customers per frequency group.
         *
         * @return a copy, index = calibration frequency (the last index: that frequency or more)
         */
        public int[] customers() {
            return customers.clone();
        }

        /**
         * Returns the mean actual holdout purchases per group.
         *
         * @return a copy; NaN for an empty group
         */
        public double[] meanActual() {
            return meanActual.clone();
        }

        /**
         * Returns the mean predicted holdout purchases per group.
         *
         * @return a copy; NaN for an empty group
         */
        public double[] meanPredicted() {
            return meanPredicted.clone();
        }
    }

    /**
     * Cumulative actual and expected repeat purchases at the end of each model time unit.
     *
     * <p>Instances are immutable and safe for concurrent use.
     */
    public static final class TrackingSeries {
        private final double[] time;
        private final LocalDate[] dates;
        private final double[] actual;
        private final double[] expected;

        TrackingSeries(double[] time, LocalDate[] dates, double[] actual, double[] expected) {
            this.time = time;
            this.dates = dates;
            this.actual = actual;
            this.expected = expected;
        }

        /**
         * Returns the time of each point in model units since the log's first day (1, 2, ...).
         *
         * @return a copy
         */
        public double[] time() {
            return time.clone();
        }

        /**
         * Returns the last day covered by each point.
         *
         * @return a copy
         */
        public LocalDate[] dates() {
            return dates.clone();
        }

        /**
         * Returns the cumulative actual repeat purchase occasions.
         *
         * @return a copy
         */
        public double[] actualCumulative() {
            return actual.clone();
        }

        /**
         * Returns the cumulative expected repeat purchases.
         *
         * @return a copy
         */
        public double[] expectedCumulative() {
            return expected.clone();
        }
    }
}
