package dev.segmentation.churn;

import dev.segmentation.InvalidDataException;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.internal.ParamChecks;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a transaction log into a churn data set: for a cut-off date C and a horizon of H days, every customer
 * with at least one purchase on or before C (all times on day C included) gets
 * <ul>
 *   <li>label 1 (churned) if they made no purchase in {@code (C, C + H]} (days C + 1 to C + H inclusive),
 *   else 0;</li>
 *   <li>features computed by a {@link ChurnFeatures} from the history only, the rows on or before C; the
 *   function never sees later rows, so there is no leakage by construction.</li>
 * </ul>
 * The log must reach day C + H, or every customer would look churned: otherwise
 * {@link InvalidDataException}. Rows are in dense customer-index order (first appearance in the log).
 *
 * <h2>Example</h2>
 * <pre>{@code
 * ChurnDataset data = ChurnLabeler.builder().cutoff(LocalDate.of(2011, 9, 9)).horizonDays(90).build()
 *         .label(log);
 * LogisticRegressionModel model = LogisticRegression.builder().l2(1.0).build()
 *         .fit(data.features(), data.labels());
 * }</pre>
 * (region {@code labeler} of {@code SnippetsTest}).
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never accepted or returned.
 */
public final class ChurnLabeler {
    private static final long SECONDS_PER_DAY = 86_400;

    private final LocalDate cutoff;
    private final int horizonDays;
    private final ChurnFeatures features;

    private ChurnLabeler(Builder b) {
        this.cutoff = b.cutoff;
        this.horizonDays = b.horizonDays;
        this.features = b.features;
    }

    /**
     * Returns a builder; the cut-off is required, the horizon defaults to 90 days and the features to
     * {@link ChurnFeatures#standard()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Labels the customers of a log.
     *
     * @param log the transactions. Not modified.
     * @return one row per customer with history
     * @throws InvalidDataException if the log ends before {@code cutoff + horizonDays}, no customer has a
     *     purchase on or before the cut-off, or a feature is not finite (naming the customer and feature)
     */
    public ChurnDataset label(TransactionLog log) {
        Objects.requireNonNull(log, "log");
        if (log.size() == 0) {
            throw new InvalidDataException("log: rows must be >= 1, found 0");
        }
        LocalDate end = cutoff.plusDays(horizonDays);
        LocalDate last = log.lastDateTime().toLocalDate();
        if (last.isBefore(end)) {
            throw new InvalidDataException("log: last purchase date must be on or after cutoff + horizonDays = "
                    + end + ", found " + last);
        }
        // The standard features read the rows up to the cut-off from the log itself (same rows, same order, same
        // values); other features get the copy their contract promises.
        StandardChurnFeatures standard = features instanceof StandardChurnFeatures
                ? (StandardChurnFeatures) features : null;
        TransactionLog history = standard != null ? null : log.onOrBefore(cutoff);
        long cutDay = cutoff.toEpochDay();
        long endDay = end.toEpochDay();
        boolean[] active = new boolean[log.customerCount()];
        for (int r = 0; r < log.size(); r++) {
            long day = Math.floorDiv(log.epochSecond(r), SECONDS_PER_DAY);
            if (day > cutDay && day <= endDay) {
                active[log.customer(r)] = true;
            }
        }
        List<String> names = features.names();
        int d = names.size();
        List<String> ids = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        double[] row = new double[d];
        double[] data = new double[16 * d];
        int n = 0;
        for (int c = 0; c < log.customerCount(); c++) {
            java.util.Arrays.fill(row, Double.NaN);
            if (standard != null) {
                if (standard.computeUntil(log, c, cutoff, row) == 0) {
                    continue;
                }
            } else {
                if (history.rowsOf(c).isEmpty()) {
                    continue;
                }
                features.compute(history, c, cutoff, row);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new InvalidDataException("customer " + log.customerId(c) + ", feature " + names.get(j)
                            + ": value must be finite, found " + row[j], n, names.get(j), null);
                }
            }
            if ((n + 1) * d > data.length) {
                data = java.util.Arrays.copyOf(data, data.length * 2);
            }
            System.arraycopy(row, 0, data, n * d, d);
            ids.add(log.customerId(c));
            labels.add(active[c] ? 0 : 1);
            n++;
        }
        if (n == 0) {
            throw new InvalidDataException("log: customers with a purchase on or before the cutoff " + cutoff
                    + " must be >= 1, found 0");
        }
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        return new ChurnDataset(List.copyOf(ids), FeatureMatrix.of(names, n, java.util.Arrays.copyOf(data, n * d)), y,
                cutoff, horizonDays);
    }

    /**
     * Lists the settings, e.g. {@code ChurnLabeler{cutoff=2011-09-09, horizonDays=90, features=...}}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "ChurnLabeler{cutoff=" + cutoff + ", horizonDays=" + horizonDays + ", features=" + features + "}";
    }

    /** Builds a {@link ChurnLabeler}. Mutable and not thread-safe; {@link #build()} does not change it. */
    public static final class Builder {
        private LocalDate cutoff;
        private int horizonDays = 90;
        private ChurnFeatures features = ChurnFeatures.standard();

        private Builder() {
        }

        /**
         * Sets the cut-off date (required): the last day of the history.
         *
         * @param cutoff the date; not null
         * @return this builder
         */
        public Builder cutoff(LocalDate cutoff) {
            this.cutoff = Objects.requireNonNull(cutoff, "cutoff");
            return this;
        }

        /**
         * Sets the horizon H: churned means no purchase in the H days after the cut-off. Default 90.
         *
         * @param horizonDays the horizon, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder horizonDays(int horizonDays) {
            ParamChecks.atLeast("horizonDays", horizonDays, 1);
            this.horizonDays = horizonDays;
            return this;
        }

        /**
         * Sets the feature function. Default {@link ChurnFeatures#standard()}.
         *
         * @param features the features; not null
         * @return this builder
         */
        public Builder features(ChurnFeatures features) {
            this.features = Objects.requireNonNull(features, "features");
            return this;
        }

        /**
         * Builds the labeler. The builder is not changed.
         *
         * @return the labeler
         * @throws IllegalStateException if no cut-off was set
         */
        public ChurnLabeler build() {
            if (cutoff == null) {
                throw new IllegalStateException("cutoff must be set, found none");
            }
            return new ChurnLabeler(this);
        }
    }
}
