package dev.segmentation.churn;

import dev.segmentation.data.TransactionLog;
import java.time.LocalDate;
import java.util.List;

/**
 * Computes one customer's features for {@link ChurnLabeler}. The labeler passes only the history, the rows
 * on or before the cut-off, so an implementation cannot leak the future into the features.
 *
 * <p>Implementations must be stateless or immutable (the labeler may be used from several threads).
 */
public interface ChurnFeatures {
    /**
     * Returns the feature names, in the order {@link #compute} writes them.
     *
     * @return the names, distinct
     */
    List<String> names();

    /**
     * Writes one customer's features.
     *
     * @param history the rows on or before the cut-off (sharing the full log's id dictionaries). Not modified.
     * @param customer the dense customer index, with at least one row in {@code history}
     * @param cutoff the cut-off date (the last day of the history)
     * @param out where to write {@code names().size()} values, finite. Modified.
     */
    void compute(TransactionLog history, int customer, LocalDate cutoff, double[] out);

    /**
     * Returns the default recency-frequency-monetary and behaviour features, all from purchase days (several
     * purchases on one day are one occasion):
     * <ul>
     *   <li>{@code recency_days}: days from the last purchase day to the cut-off;</li>
     *   <li>{@code frequency}: distinct purchase days;</li>
     *   <li>{@code monetary}: total amount;</li>
     *   <li>{@code tenure_days}: days from the first purchase day to the cut-off;</li>
     *   <li>{@code avg_spend}: {@code monetary / frequency};</li>
     *   <li>{@code active_days_90}: distinct purchase days in the 90 days ending on the cut-off;</li>
     *   <li>{@code mean_gap_days}: mean days between purchase days, {@code (last - first) / (frequency - 1)};
     *   for a single purchase day the (censored) {@code tenure_days}.</li>
     * </ul>
     * These are the few features this package needs; richer ones come from the shared feature module.
     *
     * @return the default features
     */
    static ChurnFeatures standard() {
        return StandardChurnFeatures.INSTANCE;
    }
}
