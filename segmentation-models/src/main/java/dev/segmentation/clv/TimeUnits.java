package dev.segmentation.clv;

import dev.segmentation.internal.ParamChecks;
import java.time.Duration;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Converts spans of calendar time into the time unit of a fitted model, so that a model fitted in weeks can
 * be asked about a horizon in months without a hidden constant.
 *
 * <p>Calendar units use {@code java.time}'s estimated durations: a day is 86,400 s, a week 7 days, a year
 * 365.2425 days (the mean Gregorian year) and a month one twelfth of that, 30.436875 days
 * ({@link ChronoUnit#getDuration()}). So 12 months are exactly one year, and one month is
 * 30.436875 / 7 = 4.348125 weeks. There is no "30 days" anywhere.
 *
 * <p>All methods are static, pure and thread-safe.
 */
public final class TimeUnits {
    /** One twelfth of the mean Gregorian year: 30.436875 days. */
    public static final Duration MONTH = ChronoUnit.MONTHS.getDuration();
    /** The mean Gregorian year: 365.2425 days. */
    public static final Duration YEAR = ChronoUnit.YEARS.getDuration();

    private TimeUnits() {
    }

    /**
     * Returns how many {@code unit}s a duration spans.
     *
     * @param span the span, not negative; not null
     * @param unit the model's unit, positive; not null
     * @return {@code span / unit} as a double
     * @throws IllegalArgumentException if the span is negative or the unit not positive
     */
    public static double inUnits(Duration span, Duration unit) {
        Objects.requireNonNull(span, "span");
        if (span.isNegative()) {
            throw new IllegalArgumentException("span must be >= 0, found " + span);
        }
        return seconds(span) / seconds(checkUnit(unit));
    }

    /**
     * Returns how many {@code unit}s a calendar period spans, counting a year as 365.2425 days and a month as
     * 30.436875 days.
     *
     * @param span the period, with no negative part; not null
     * @param unit the model's unit, positive; not null
     * @return the span in units
     * @throws IllegalArgumentException if the period has a negative part or the unit is not positive
     */
    public static double inUnits(Period span, Duration unit) {
        Objects.requireNonNull(span, "span");
        if (span.getYears() < 0 || span.getMonths() < 0 || span.getDays() < 0) {
            throw new IllegalArgumentException("span must be >= 0, found " + span);
        }
        double s = span.getYears() * seconds(YEAR) + span.getMonths() * seconds(MONTH)
                + span.getDays() * 86_400.0;
        return s / seconds(checkUnit(unit));
    }

    /**
     * Returns how many {@code unit}s {@code amount} calendar units span, e.g. {@code inUnits(12,
     * ChronoUnit.MONTHS, Duration.ofDays(7))} = 52.1775 weeks.
     *
     * @param amount the count, finite and {@code >= 0}
     * @param spanUnit the calendar unit of the count (any {@link ChronoUnit} with an estimated duration);
     *     not null
     * @param unit the model's unit, positive; not null
     * @return the span in units
     * @throws IllegalArgumentException if the amount is negative or not finite, or the unit not positive
     */
    public static double inUnits(double amount, ChronoUnit spanUnit, Duration unit) {
        Objects.requireNonNull(spanUnit, "spanUnit");
        ParamChecks.nonNegative("amount", amount);
        return amount * seconds(spanUnit.getDuration()) / seconds(checkUnit(unit));
    }

    static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() * 1e-9;
    }

    private static Duration checkUnit(Duration unit) {
        ParamChecks.positive("unit", unit);
        return unit;
    }
}
