package dev.segmentation.streaming;

import dev.segmentation.features.PurchasePeriod;
import dev.segmentation.internal.ParamChecks;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One customer's purchase history, reduced to what RFM and the BTYD summary need and updated in O(1) per
 * purchase event. Each event is one order (an invoice, its lines' amounts summed by the caller) on a calendar
 * day with a non-negative amount.
 *
 * <p><b>In-order events are exact.</b> When events arrive in time order (each on or after the day of the
 * previous one), every quantity equals the batch computation on the same orders:
 * <ul>
 *   <li>RFM as {@code CustomerFeatures}: {@link #recencyDays(LocalDate)} = {@code asOf - lastDay},
 *       {@link #orders()} = number of orders, {@link #spend()} = total spend (the amounts summed in arrival
 *       order), {@link #tenureDays(LocalDate)} = {@code asOf - firstDay};</li>
 *   <li>the BTYD summary as {@code BtydSummarizer} (lifetimes' {@code summary_data_from_transaction_data}) for
 *       the state's {@link PurchasePeriod}: {@link #btydFrequency()} = distinct purchase periods - 1,
 *       {@link #btydRecency(Duration)}, {@link #btydAge(LocalDate, Duration)} and {@link #btydMonetary()} = the
 *       mean of the per-period sums over the repeat periods (bit-identical: the same sums in the same order).</li>
 * </ul>
 *
 * <p><b>Late events</b> (dated before the latest day seen) keep RFM exact: the order counts, the spend adds, the
 * last day stays the latest and the first day becomes the earliest. The BTYD summary cannot be corrected in O(1)
 * (it would need every past period), so a late event is handled thus and flagged: one in the current period joins
 * that period (still exact); one in an earlier period is assumed to fall on an existing purchase occasion, so
 * frequency, recency and age are unchanged and its amount joins the repeat spend if its period is after the
 * first period (ignored otherwise, as the first period's spend is); {@link #lateEvents()} counts them and
 * {@link #btydExact()} turns false unless all were in the current period. Rebuild such states from the log when
 * exact BTYD inputs matter.
 *
 * <p>Instances are immutable and safe for concurrent use; {@link #apply(long, double)} returns a new state
 * (about 56 bytes). Null is never accepted or returned.
 */
public final class CustomerState {
    private static final int NONE = Integer.MIN_VALUE;

    private final PurchasePeriod period;
    private final int firstDay;
    private final int lastDay;
    private final long orders;
    private final long occasions;
    private final long late;
    private final boolean exact;
    private final double spend;
    private final double periodSum;
    private final double repeatSum;

    private CustomerState(PurchasePeriod period, int firstDay, int lastDay, long orders, long occasions, long late,
            boolean exact, double spend, double periodSum, double repeatSum) {
        this.period = period;
        this.firstDay = firstDay;
        this.lastDay = lastDay;
        this.orders = orders;
        this.occasions = occasions;
        this.late = late;
        this.exact = exact;
        this.spend = spend;
        this.periodSum = periodSum;
        this.repeatSum = repeatSum;
    }

    /**
     * Returns the state of a customer without purchases.
     *
     * @param period the BTYD purchase period (days or weeks), not null
     * @return the empty state
     */
    public static CustomerState empty(PurchasePeriod period) {
        Objects.requireNonNull(period, "period");
        return new CustomerState(period, NONE, NONE, 0, 0, 0, true, 0, 0, 0);
    }

    /**
     * Applies one purchase event in O(1).
     *
     * @param epochDay the order's day, {@link LocalDate#toEpochDay()}, within {@code int} range
     * @param amount the order's amount, finite and {@code >= 0}
     * @return the new state; this one is unchanged
     * @throws IllegalArgumentException if the amount is negative or not finite, or the day out of range
     */
    public CustomerState apply(long epochDay, double amount) {
        ParamChecks.nonNegative("amount", amount);
        if (epochDay <= NONE || epochDay > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("epochDay must be an int, found " + epochDay);
        }
        int day = (int) epochDay;
        if (orders == 0) {
            return new CustomerState(period, day, day, 1, 1, 0, true, amount, amount, 0);
        }
        long q = period.index(day);
        long current = period.index(lastDay);
        if (day >= lastDay) {
            if (q == current) {
                return new CustomerState(period, firstDay, day, orders + 1, occasions, late, exact, spend + amount,
                        periodSum + amount, repeatSum);
            }
            // a new occasion: close the current one (a repeat period if it was not the first)
            double repeat = occasions > 1 ? repeatSum + periodSum : repeatSum;
            return new CustomerState(period, firstDay, day, orders + 1, occasions + 1, late, exact, spend + amount,
                    amount, repeat);
        }
        int first = Math.min(firstDay, day);
        if (q == current) {
            return new CustomerState(period, first, lastDay, orders + 1, occasions, late + 1, exact,
                    spend + amount, periodSum + amount, repeatSum);
        }
        boolean repeatPeriod = q > period.index(firstDay);
        return new CustomerState(period, first, lastDay, orders + 1, occasions, late + 1, false, spend + amount,
                periodSum, repeatPeriod ? repeatSum + amount : repeatSum);
    }

    /**
     * Returns the BTYD purchase period.
     *
     * @return the period
     */
    public PurchasePeriod period() {
        return period;
    }

    /**
     * Returns the number of orders.
     *
     * @return the count, 0 for a customer without purchases; a {@code long}, so it does not wrap after 2^31
     *     events
     */
    public long orders() {
        return orders;
    }

    /**
     * Returns the total spend (RFM monetary value).
     *
     * @return the sum of the amounts
     */
    public double spend() {
        return spend;
    }

    /**
     * Returns the first purchase day.
     *
     * @return the epoch day
     * @throws IllegalStateException if there is no purchase
     */
    public long firstDay() {
        requirePurchase();
        return firstDay;
    }

    /**
     * Returns the latest purchase day.
     *
     * @return the epoch day
     * @throws IllegalStateException if there is no purchase
     */
    public long lastDay() {
        requirePurchase();
        return lastDay;
    }

    /**
     * Returns the RFM recency: days from the latest purchase to the as-of date.
     *
     * @param asOf the as-of date (the first day not observed), not null
     * @return {@code asOf - lastDay} in days
     * @throws IllegalStateException if there is no purchase
     */
    public double recencyDays(LocalDate asOf) {
        requirePurchase();
        return asOf.toEpochDay() - lastDay;
    }

    /**
     * Returns the tenure: days from the first purchase to the as-of date.
     *
     * @param asOf the as-of date, not null
     * @return {@code asOf - firstDay} in days
     * @throws IllegalStateException if there is no purchase
     */
    public double tenureDays(LocalDate asOf) {
        requirePurchase();
        return asOf.toEpochDay() - firstDay;
    }

    /**
     * Returns the BTYD frequency x: distinct purchase periods - 1.
     *
     * @return x, {@code >= 0}
     * @throws IllegalStateException if there is no purchase
     */
    public double btydFrequency() {
        requirePurchase();
        return occasions - 1;
    }

    /**
     * Returns the BTYD recency t_x: from the first to the latest purchase period, in {@code unit}.
     *
     * @param unit the model's time unit, positive, not null
     * @return t_x
     * @throws IllegalStateException if there is no purchase
     */
    public double btydRecency(Duration unit) {
        requirePurchase();
        return periods(period.index(lastDay) - period.index(firstDay), unit);
    }

    /**
     * Returns the BTYD age T: from the first purchase period to the end's period, in {@code unit}.
     *
     * @param end the last day observed (inclusive), not null
     * @param unit the model's time unit, positive, not null
     * @return T
     * @throws IllegalStateException if there is no purchase
     */
    public double btydAge(LocalDate end, Duration unit) {
        requirePurchase();
        return periods(period.index(end) - period.index(firstDay), unit);
    }

    /**
     * Returns the BTYD monetary value: the mean per-period spend over the repeat periods, 0 when x = 0.
     *
     * @return the value
     * @throws IllegalStateException if there is no purchase
     */
    public double btydMonetary() {
        requirePurchase();
        long x = occasions - 1;
        return x == 0 ? 0.0 : (occasions > 1 ? repeatSum + periodSum : repeatSum) / x;
    }

    /**
     * Returns the number of late events applied (dated before the latest day seen then).
     *
     * @return the count, a {@code long}
     */
    public long lateEvents() {
        return late;
    }

    /**
     * Tells whether the BTYD summary is exact: no late event fell outside the then-current period or before the
     * first purchase.
     *
     * @return true if exact
     */
    public boolean btydExact() {
        return exact;
    }

    private double periods(long count, Duration unit) {
        double unitSeconds = unit.getSeconds() + unit.getNano() * 1e-9;
        return count * (period.days() * 86_400L) / unitSeconds;
    }

    /** A state with the given counts and otherwise one purchase on {@code day}: tests of counts near 2^31. */
    static CustomerState withCounts(PurchasePeriod period, int day, long orders, long occasions, long late) {
        return new CustomerState(period, day, day, orders, occasions, late, true, 0, 0, 0);
    }

    private void requirePurchase() {
        if (orders == 0) {
            throw new IllegalStateException("customer must have a purchase, found none");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CustomerState s && period == s.period && firstDay == s.firstDay && lastDay == s.lastDay
                && orders == s.orders && occasions == s.occasions && late == s.late && exact == s.exact
                && Double.compare(spend, s.spend) == 0 && Double.compare(periodSum, s.periodSum) == 0
                && Double.compare(repeatSum, s.repeatSum) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(period, firstDay, lastDay, orders, occasions, late, exact, spend, periodSum, repeatSum);
    }

    @Override
    public String toString() {
        return "CustomerState{orders=" + orders + ", spend=" + spend + ", firstDay=" + firstDay + ", lastDay="
                + lastDay + ", occasions=" + occasions + ", lateEvents=" + late + "}";
    }
}
