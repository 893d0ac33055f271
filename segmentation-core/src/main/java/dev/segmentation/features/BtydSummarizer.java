package dev.segmentation.features;

import dev.segmentation.InvalidDataException;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.internal.ParamChecks;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the per-customer {@link BtydSummary} (frequency, recency, T, monetary value, and optionally the
 * holdout columns) that BG/NBD, Pareto/NBD and Gamma-Gamma are fitted on, from a {@link TransactionLog}.
 *
 * <p>The semantics are exactly those of the lifetimes library's {@code summary_data_from_transaction_data}
 * and {@code calibration_and_holdout_data} (Davidson-Pilon, lifetimes 0.11.3, {@code lifetimes/utils.py}),
 * which follow Fader, Hardie &amp; Lee (2005), "Counting your customers the easy way", Marketing Science
 * 24(2):
 * <ol>
 *   <li>Each row's date is mapped to its {@link PurchasePeriod} (a day, or a Monday-to-Sunday week as pandas
 *       {@code to_period('W')}). The time of day is ignored.</li>
 *   <li>Rows dated after {@link #end()} are dropped (all rows on the end day count).</li>
 *   <li>All rows of a customer in one period are one purchase occasion, their amounts summed.</li>
 *   <li>With occasions in periods {@code p_1 < ... < p_(x+1)} and the end in period {@code p_end}:
 *       <ul>
 *         <li>frequency {@code x} = (number of distinct periods) - 1;</li>
 *         <li>recency {@code t_x = (p_(x+1) - p_1) * period / unit};</li>
 *         <li>{@code T = (p_end - p_1) * period / unit};</li>
 *         <li>monetary = the mean of the per-period sums over the repeat periods {@code p_2..p_(x+1)} (the
 *             first occasion excluded), 0 when {@code x = 0}.</li>
 *       </ul></li>
 * </ol>
 * Recency and T are therefore whole numbers of periods expressed in {@link #unit()}, which defaults to the
 * period's length but may differ: the CDNOW summaries of Fader, Hardie &amp; Lee use day periods and weeks
 * as the unit (recency = days / 7).
 *
 * <p><b>Calibration and holdout.</b> With a {@link Builder#calibrationEnd(LocalDate) calibration end}
 * {@code c}, the summary columns above describe the rows dated on or before {@code c} (with {@code c} in
 * place of the end for T), and three holdout columns describe the rows dated after {@code c} and on or
 * before the end:
 * <ul>
 *   <li>{@code frequency_holdout}: the number of distinct periods with a holdout purchase (the first holdout
 *       purchase counts; a holdout week that is also the calibration's last week still counts, as in
 *       lifetimes);</li>
 *   <li>{@code monetary_value_holdout}: the mean spend per holdout purchase period, i.e. the summed holdout
 *       amounts divided by {@code frequency_holdout}, 0 when there is none. This is the same per-occasion
 *       quantity as the calibration monetary value, which is what Gamma-Gamma predicts. (lifetimes instead
 *       averages the holdout rows; the two agree when every holdout period has one row.)</li>
 *   <li>{@code duration_holdout = (p_end - p_c) * period / unit}, the same for every customer.</li>
 * </ul>
 * Customers first seen after the calibration end are not in the result, so for every customer
 * {@code T + duration_holdout} equals the T of a summary without holdout ending at {@link #end()}.
 *
 * <p><b>Whole days.</b> The end and the calibration end are calendar days and include every row dated on
 * them, whatever the time of day. Two corner cases therefore differ from lifetimes, both only for data that
 * lifetimes' own tests do not cover: lifetimes compares full timestamps with midnight of the calibration end
 * (so a purchase at 10:00 on that day would fall in its holdout), and with weekly periods it floors rows to
 * their week before comparing them with the end's week (so it keeps purchases made after the end but in the
 * end's week). Here a row's date decides, and nothing dated after the end is ever used.
 *
 * <p><b>Rows and customers.</b> The result lists, in ascending customer index order of the log, every
 * customer with at least one row in the (calibration) window; customers without one are left out. Amounts
 * must be non-negative (zero is allowed): returns and cancellations are the ingestion's business (drop them,
 * or net them into their original purchase), so a negative amount in the window is rejected with an
 * {@link InvalidDataException} naming the row, the customer, the column {@code amount} and the value. Rows
 * outside the window are never read for their amount, so they cannot affect the result.
 *
 * <p><b>Cost.</b> One pass over each customer's time-ordered rows ({@link TransactionLog#rowsOf(int)}):
 * O(rows + customers) time, no per-row allocation, seven arrays of one double per customer.
 *
 * <p>Instances are immutable and safe for concurrent use; {@link #summarize(TransactionLog)} is pure. Null
 * is never accepted or returned.
 *
 * <pre>{@code
 * BtydSummary cdnow = BtydSummarizer.builder()
 *         .end(LocalDate.of(1997, 9, 30))
 *         .period(PurchasePeriod.DAY)
 *         .unit(Duration.ofDays(7))
 *         .build()
 *         .summarize(log);
 * }</pre>
 */
public final class BtydSummarizer {
    private static final Logger LOG = LoggerFactory.getLogger(BtydSummarizer.class);
    private static final long SECONDS_PER_DAY = 86_400L;

    private final LocalDate end;
    private final LocalDate calibrationEnd;
    private final PurchasePeriod period;
    private final Duration unit;
    /** True when the unit was set explicitly; otherwise it follows the period (kept for toBuilder). */
    private final boolean unitSet;

    private BtydSummarizer(Builder b) {
        this.end = b.end;
        this.calibrationEnd = b.calibrationEnd;
        this.period = b.period;
        this.unitSet = b.unit != null;
        this.unit = unitSet ? b.unit : b.period.length();
    }

    /**
     * Returns a new builder with the defaults: no end (it must be set), no calibration end (no holdout),
     * {@link PurchasePeriod#DAY} periods and a unit equal to the period's length.
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding this summarizer's settings, for making variants.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.end = end;
        b.calibrationEnd = calibrationEnd;
        b.period = period;
        b.unit = unitSet ? unit : null;
        return b;
    }

    /**
     * Returns the observation end: the last day whose rows count.
     *
     * @return the end date
     */
    public LocalDate end() {
        return end;
    }

    /**
     * Returns the calibration end, if the summary has a holdout period.
     *
     * @return the last day of the calibration window, or empty for a summary without holdout
     */
    public Optional<LocalDate> calibrationEnd() {
        return Optional.ofNullable(calibrationEnd);
    }

    /**
     * Returns the period that purchases are grouped into.
     *
     * @return the period
     */
    public PurchasePeriod period() {
        return period;
    }

    /**
     * Returns the time unit of recency, T and the holdout duration.
     *
     * @return a positive duration
     */
    public Duration unit() {
        return unit;
    }

    /**
     * Summarizes a transaction log as described in the class comment.
     *
     * @param log the transactions; not null. Not modified.
     * @return the summary, one row per customer with a row in the (calibration) window, in ascending customer
     *     index order, with {@link BtydSummary#unit()} equal to {@link #unit()} and holdout columns when a
     *     calibration end is set
     * @throws InvalidDataException if the log is empty ({@code "log must have at least one row, found 0"}),
     *     if the end (or the calibration end) is before the log's first purchase date
     *     ({@code "calibrationEnd must be on or after the first purchase date 2020-01-05, found 2020-01-01"}, with
     *     {@link InvalidDataException#column()} {@code "end"} or {@code "calibrationEnd"}, the setting's name, and
     *     the {@link InvalidDataException#constraint()} and {@link InvalidDataException#value()} recorded), or if a
     *     row in the window has a negative amount
     */
    public BtydSummary summarize(TransactionLog log) {
        return pass(log, calibrationEnd, false)[0];
    }

    /**
     * Checks this summarizer's end and calibration end against the first purchase date of the data, as
     * {@link #summarize(TransactionLog)} does before its pass, for a caller that summarizes the data in parts
     * (partitions of a distributed data set) and knows the first date of the whole.
     *
     * @param firstPurchase the date of the earliest purchase of all the data; not null
     * @throws InvalidDataException if the end or the calibration end is before {@code firstPurchase}, with the
     *     message and fields of {@link #summarize(TransactionLog)}: e.g. {@code "end must be on or after the first
     *     purchase date 2020-01-05, found 2020-01-01"}, {@link InvalidDataException#column()} {@code "end"} or
     *     {@code "calibrationEnd"}, the {@link InvalidDataException#constraint()} and the
     *     {@link InvalidDataException#value()}
     */
    public void checkDates(LocalDate firstPurchase) {
        checkDates(end, calibrationEnd, Objects.requireNonNull(firstPurchase, "firstPurchase"));
    }

    private static void checkDates(LocalDate end, LocalDate calEnd, LocalDate first) {
        if (end.isBefore(first)) {
            throw InvalidDataException.of(null, -1, "", "end", "on or after the first purchase date " + first,
                    end.toString());
        }
        if (calEnd != null && calEnd.isBefore(first)) {
            throw InvalidDataException.of(null, -1, "", "calibrationEnd", "on or after the first purchase date "
                    + first, calEnd.toString());
        }
    }

    /**
     * Summarizes a log twice in one pass over its rows: as this summarizer does, and as this summarizer with a
     * calibration end does ({@code toBuilder().calibrationEnd(calibrationEnd).build().summarize(log)}), for a
     * caller that needs both, like the lifetime-value stage's holdout choice (issue 19: each summary is a pass over
     * every row of the log, 27 M rows at 1 M customers). Both summaries are value for value those of the two
     * separate calls (the same sums in the same order).
     *
     * @param log the transactions; not null. Not modified.
     * @param calibrationEnd the last day of the calibration period of the second summary, in a period before that
     *     of {@link #end()}; not null
     * @return both summaries
     * @throws IllegalStateException if this summarizer has a calibration end, or {@code calibrationEnd} is not in
     *     a period before the end's (the message of {@link Builder#build()})
     * @throws InvalidDataException as {@link #summarize(TransactionLog)} does for either summary
     */
    public WithCalibration summarizeWithCalibration(TransactionLog log, LocalDate calibrationEnd) {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(calibrationEnd, "calibrationEnd");
        if (this.calibrationEnd != null) {
            throw new IllegalStateException("calibrationEnd must not be set on this summarizer, found "
                    + this.calibrationEnd);
        }
        toBuilder().calibrationEnd(calibrationEnd).build(); // the builder's checks and messages
        BtydSummary[] both = pass(log, calibrationEnd, true);
        return new WithCalibration(both[0], both[1]);
    }

    /**
     * The two summaries of {@link #summarizeWithCalibration(TransactionLog, LocalDate)}.
     *
     * <p>Instances are immutable and safe for concurrent use.
     */
    public static final class WithCalibration {
        private final BtydSummary all;
        private final BtydSummary calibration;

        private WithCalibration(BtydSummary all, BtydSummary calibration) {
            this.all = all;
            this.calibration = calibration;
        }

        /**
         * Returns the summary without holdout, as {@link BtydSummarizer#summarize(TransactionLog)} gives it.
         *
         * @return the summary of every row up to the end
         */
        public BtydSummary all() {
            return all;
        }

        /**
         * Returns the calibration summary with its holdout columns, as the summarizer with the calibration end gives
         * it.
         *
         * @return the calibration/holdout summary
         */
        public BtydSummary calibration() {
            return calibration;
        }

        @Override
        public String toString() {
            return "WithCalibration{all=" + all.size() + " customers, calibration=" + calibration.size()
                    + " customers}";
        }
    }

    /**
     * The pass over the rows: the summary with calibration end {@code calEnd} (none when null) and, when
     * {@code alsoAll}, the summary without holdout of the same rows (then {@code calEnd} is not null). Each is the
     * same computation as a pass of its own: the all-data accumulators are the calibration ones with the end as
     * calibration end.
     */
    private BtydSummary[] pass(TransactionLog log, LocalDate calEnd, boolean alsoAll) {
        Objects.requireNonNull(log, "log");
        if (log.size() == 0) {
            throw LogChecks.empty();
        }
        checkDates(end, calEnd, log.firstDateTime().toLocalDate());
        boolean holdout = calEnd != null;
        long endDay = end.toEpochDay();
        long calDay = holdout ? calEnd.toEpochDay() : endDay;
        long endPeriod = period.index(endDay);
        long calPeriod = period.index(calDay);
        long periodSeconds = period.days() * SECONDS_PER_DAY;
        double unitSeconds = unit.getSeconds() + unit.getNano() * 1e-9;
        PurchasePeriod p = period;

        int n = log.customerCount();
        String[] ids = new String[n];
        double[] frequency = new double[n];
        double[] recency = new double[n];
        double[] age = new double[n];
        double[] monetary = new double[n];
        double[] frequencyHoldout = holdout ? new double[n] : null;
        double[] monetaryHoldout = holdout ? new double[n] : null;
        double durationHoldout = (endPeriod - calPeriod) * periodSeconds / unitSeconds;
        String[] allIds = alsoAll ? new String[n] : null;
        double[] allFrequency = alsoAll ? new double[n] : null;
        double[] allRecency = alsoAll ? new double[n] : null;
        double[] allAge = alsoAll ? new double[n] : null;
        double[] allMonetary = alsoAll ? new double[n] : null;
        int out = 0;
        int allOut = 0;
        long rowsUsed = 0;
        for (int c = 0; c < n; c++) {
            TransactionLog.CustomerRows rows = log.rowsOf(c);
            int m = rows.size();
            long firstPeriod = Long.MIN_VALUE;
            long current = Long.MIN_VALUE;
            int occasions = 0;
            double periodSum = 0;
            double repeatSum = 0;
            long holdoutCurrent = Long.MIN_VALUE;
            int holdoutOccasions = 0;
            double holdoutSum = 0;
            // the summary without holdout (alsoAll): the same accumulators with the end as calibration end
            long allFirstPeriod = Long.MIN_VALUE;
            long allCurrent = Long.MIN_VALUE;
            int allOccasions = 0;
            double allPeriodSum = 0;
            double allRepeatSum = 0;
            int k = 0;
            for (; k < m; k++) {
                int r = rows.row(k);
                long day = log.epochDay(r);
                if (day > endDay) {
                    break; // rows are in time order: every later row is after the end too
                }
                double a = log.amount(r);
                if (!(a >= 0)) {
                    throw LogChecks.negative(log, r, "amount", a);
                }
                long q = p.index(day);
                if (day <= calDay) {
                    if (q != current) {
                        if (occasions == 0) {
                            firstPeriod = q;
                        } else if (occasions > 1) {
                            repeatSum += periodSum; // close the previous repeat period
                        }
                        occasions++;
                        current = q;
                        periodSum = 0;
                    }
                    periodSum += a;
                } else {
                    if (q != holdoutCurrent) {
                        holdoutOccasions++;
                        holdoutCurrent = q;
                    }
                    holdoutSum += a;
                }
                if (alsoAll) {
                    if (q != allCurrent) {
                        if (allOccasions == 0) {
                            allFirstPeriod = q;
                        } else if (allOccasions > 1) {
                            allRepeatSum += allPeriodSum;
                        }
                        allOccasions++;
                        allCurrent = q;
                        allPeriodSum = 0;
                    }
                    allPeriodSum += a;
                }
            }
            rowsUsed += k;
            if (alsoAll && allOccasions > 0) {
                if (allOccasions > 1) {
                    allRepeatSum += allPeriodSum;
                }
                int x = allOccasions - 1;
                allIds[allOut] = log.customerId(c); // one String for both summaries (a log may make it per call)
                allFrequency[allOut] = x;
                allRecency[allOut] = (allCurrent - allFirstPeriod) * periodSeconds / unitSeconds;
                allAge[allOut] = (endPeriod - allFirstPeriod) * periodSeconds / unitSeconds;
                allMonetary[allOut] = x == 0 ? 0.0 : allRepeatSum / x;
                allOut++;
            }
            if (occasions == 0) {
                continue; // no row in the (calibration) window
            }
            if (occasions > 1) {
                repeatSum += periodSum; // close the last repeat period
            }
            int x = occasions - 1;
            ids[out] = alsoAll ? allIds[allOut - 1] : log.customerId(c);
            frequency[out] = x;
            recency[out] = (current - firstPeriod) * periodSeconds / unitSeconds;
            age[out] = (calPeriod - firstPeriod) * periodSeconds / unitSeconds;
            monetary[out] = x == 0 ? 0.0 : repeatSum / x;
            if (holdout) {
                frequencyHoldout[out] = holdoutOccasions;
                monetaryHoldout[out] = holdoutOccasions == 0 ? 0.0 : holdoutSum / holdoutOccasions;
            }
            out++;
        }
        LOG.debug("BTYD summary: {} customers from {} rows in the window ({} rows in the log)", out, rowsUsed,
                log.size());
        double[] duration = null;
        if (holdout) {
            duration = new double[out];
            Arrays.fill(duration, durationHoldout);
        }
        // the columns are this pass's own: handed over, not copied again (cut to length only when customers without
        // a row in the window were left out)
        BtydSummary summary = BtydSummary.owning(cut(ids, out), cut(frequency, out), cut(recency, out), cut(age, out),
                cut(monetary, out), holdout ? cut(frequencyHoldout, out) : null,
                holdout ? cut(monetaryHoldout, out) : null, duration, unit);
        if (!alsoAll) {
            return new BtydSummary[] {summary};
        }
        BtydSummary all = BtydSummary.owning(cut(allIds, allOut), cut(allFrequency, allOut), cut(allRecency, allOut),
                cut(allAge, allOut), cut(allMonetary, allOut), null, null, null, unit);
        return new BtydSummary[] {all, summary};
    }

    /** The first {@code n} values: the array itself when that is all of it. */
    private static double[] cut(double[] a, int n) {
        return n == a.length ? a : Arrays.copyOf(a, n);
    }

    private static String[] cut(String[] a, int n) {
        return n == a.length ? a : Arrays.copyOf(a, n);
    }

    /**
     * Lists every setting, for logs and provenance.
     *
     * @return for example
     *     {@code BtydSummarizer{end=1997-09-30, calibrationEnd=none, period=DAY, unit=PT168H}}
     */
    @Override
    public String toString() {
        return "BtydSummarizer{end=" + end + ", calibrationEnd=" + (calibrationEnd == null ? "none" : calibrationEnd)
                + ", period=" + period + ", unit=" + unit + "}";
    }

    /**
     * Collects the settings of a {@link BtydSummarizer}. Mutable and not thread-safe; {@link #build()} does
     * not change the builder.
     */
    public static final class Builder {
        private LocalDate end;
        private LocalDate calibrationEnd;
        private PurchasePeriod period = PurchasePeriod.DAY;
        private Duration unit;

        private Builder() {
        }

        /**
         * Sets the observation end: rows dated after this day are dropped, and T is measured to its period.
         * Required.
         *
         * @param end the last day whose rows count; not null
         * @return this builder
         */
        public Builder end(LocalDate end) {
            this.end = Objects.requireNonNull(end, "end");
            return this;
        }

        /**
         * Splits the window into a calibration period (rows on or before this day, summarized as frequency,
         * recency, T, monetary) and a holdout period (rows after it, on or before the end). Default: none,
         * no holdout columns. It must fall in an earlier period than the end.
         *
         * @param calibrationEnd the last day of the calibration period; not null
         * @return this builder
         */
        public Builder calibrationEnd(LocalDate calibrationEnd) {
            this.calibrationEnd = Objects.requireNonNull(calibrationEnd, "calibrationEnd");
            return this;
        }

        /**
         * Sets the period that purchases are grouped into. Default {@link PurchasePeriod#DAY}.
         *
         * @param period day or week; not null
         * @return this builder
         */
        public Builder period(PurchasePeriod period) {
            this.period = Objects.requireNonNull(period, "period");
            return this;
        }

        /**
         * Sets the time unit of recency, T and the holdout duration. Default: the length of the period
         * (one day, or seven days for weeks). CDNOW's published summaries use day periods and
         * {@code Duration.ofDays(7)}.
         *
         * @param unit a positive duration; not null
         * @return this builder
         * @throws IllegalArgumentException if the unit is zero or negative
         */
        public Builder unit(Duration unit) {
            ParamChecks.positive("unit", unit);
            this.unit = unit;
            return this;
        }

        /**
         * Validates the settings and builds an immutable summarizer. The builder is not changed.
         *
         * @return the summarizer
         * @throws IllegalStateException if the end is not set ({@code "end must be set, found none"}) or the
         *     calibration end is not in a period before the end's
         */
        public BtydSummarizer build() {
            if (end == null) {
                throw new IllegalStateException("end must be set, found none");
            }
            if (calibrationEnd != null && period.index(calibrationEnd) >= period.index(end)) {
                throw new IllegalStateException("calibrationEnd must be in a " + period + " period before that of end "
                        + end + ", found " + calibrationEnd);
            }
            return new BtydSummarizer(this);
        }
    }
}
