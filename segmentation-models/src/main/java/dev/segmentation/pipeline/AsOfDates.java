package dev.segmentation.pipeline;

import dev.segmentation.InvalidDataException;
import dev.segmentation.data.TransactionLog;
import java.time.LocalDate;

/**
 * The one check of an as-of date against a log, shared by {@link Segmentation}, {@link BundleScorer} and
 * {@link LifetimeValue#fit}. Not API.
 */
final class AsOfDates {
    private AsOfDates() {
    }

    /**
     * Refuses an empty log, and an as-of date (the first day not observed) on or before the first purchase date or
     * after the day after the last purchase.
     *
     * @param log the transactions
     * @param asOf the date, or null for the default
     * @return {@code asOf}, or the day after the last purchase when it is null
     */
    static LocalDate check(TransactionLog log, LocalDate asOf) {
        if (log.size() == 0) {
            throw new InvalidDataException("log must have at least one row, found 0");
        }
        LocalDate first = log.firstDateTime().toLocalDate();
        LocalDate dayAfterLast = log.lastDateTime().toLocalDate().plusDays(1);
        LocalDate d = asOf == null ? dayAfterLast : asOf;
        if (!d.isAfter(first)) {
            throw new IllegalArgumentException("asOf must be after the first purchase date " + first + ", found " + d);
        }
        if (d.isAfter(dayAfterLast)) {
            throw new IllegalArgumentException("asOf must be on or before the day after the last purchase "
                    + dayAfterLast + ", found " + d);
        }
        return d;
    }
}
