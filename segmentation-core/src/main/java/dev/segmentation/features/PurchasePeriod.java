package dev.segmentation.features;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The calendar period that purchases are grouped into when counting purchase occasions for a
 * {@link BtydSummary}: all purchases of one customer in one period are one occasion.
 *
 * <p>Periods are numbered by a {@linkplain #index(long) period index}, a plain integer that grows by one per
 * period, so that differences of indices count whole periods. The numbering follows pandas'
 * {@code Timestamp.to_period(freq)}, which the lifetimes library applies before it summarizes:
 * <ul>
 *   <li>{@link #DAY}: {@code to_period('D')}, one calendar day; the index is the epoch day
 *       (days since 1970-01-01).</li>
 *   <li>{@link #WEEK}: {@code to_period('W')}, which pandas defines as {@code 'W-SUN'}: weeks that
 *       <em>end on Sunday</em>, so a week runs Monday to Sunday. The index is
 *       {@code floorDiv(epochDay + 3, 7)} (1970-01-01 was a Thursday, so the Monday of its week is epoch day
 *       -3). Week 0 is 1969-12-29 to 1970-01-04.</li>
 * </ul>
 *
 * <p>Thread-safe (an enum).
 */
public enum PurchasePeriod {
    /** One calendar day (pandas {@code 'D'}). */
    DAY(1),
    /** One week from Monday to Sunday (pandas {@code 'W'} = {@code 'W-SUN'}, weeks ending Sunday). */
    WEEK(7);

    /** Epoch day -3 (1969-12-29) is a Monday: the first day of week 0. */
    private static final int WEEK_OFFSET = 3;

    private final int days;

    PurchasePeriod(int days) {
        this.days = days;
    }

    /**
     * Returns the length of the period in days.
     *
     * @return 1 for {@link #DAY}, 7 for {@link #WEEK}
     */
    public int days() {
        return days;
    }

    /**
     * Returns the length of the period.
     *
     * @return one day or seven days
     */
    public Duration length() {
        return Duration.ofDays(days);
    }

    /**
     * Returns the index of the period that contains a day. O(1), allocation-free.
     *
     * @param epochDay days since 1970-01-01 (may be negative)
     * @return the period index: {@code epochDay} for {@link #DAY}, {@code floorDiv(epochDay + 3, 7)} for
     *     {@link #WEEK}
     */
    public long index(long epochDay) {
        return this == DAY ? epochDay : Math.floorDiv(epochDay + WEEK_OFFSET, 7);
    }

    /**
     * Returns the index of the period that contains a date.
     *
     * @param date the date; not null
     * @return the period index, as {@link #index(long)}
     */
    public long index(LocalDate date) {
        Objects.requireNonNull(date, "date");
        return index(date.toEpochDay());
    }

    /**
     * Returns the first day of a period (pandas {@code Period.start_time}): the day itself, or the Monday of
     * the week.
     *
     * @param index a period index
     * @return the period's first day
     */
    public LocalDate start(long index) {
        return LocalDate.ofEpochDay(this == DAY ? index : index * 7 - WEEK_OFFSET);
    }

    /**
     * Returns the last day of a period (pandas {@code Period.end_time}'s date): the day itself, or the Sunday
     * of the week.
     *
     * @param index a period index
     * @return the period's last day
     */
    public LocalDate end(long index) {
        LocalDate first = start(index);
        return this == DAY ? first : first.with(DayOfWeek.SUNDAY);
    }
}
