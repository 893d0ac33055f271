package dev.segmentation.churn;

import dev.segmentation.InvalidDataException;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.internal.ChunkRunner;
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
    private final int threads;

    private ChurnLabeler(Builder b) {
        this.cutoff = b.cutoff;
        this.horizonDays = b.horizonDays;
        this.features = b.features;
        this.threads = b.threads;
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
        List<String> names = features.names();
        int d = names.size();
        // customers in fixed chunks, each labelled on its own and the parts joined in chunk order, so the data set
        // (and the error for a non-finite feature: the first in customer order) is the same for every thread count
        int customers = log.customerCount();
        int chunks = ChunkRunner.chunks(customers);
        List<Part> parts;
        try (ChunkRunner runner = new ChunkRunner(Math.min(threads, Math.max(1, chunks)), "churn labels")) {
            parts = runner.map(chunks, (ch, worker) -> {
                Part part = new Part(d);
                try {
                    part.label(log, history, standard, ChunkRunner.from(ch), ChunkRunner.to(ch, customers), cutDay,
                            endDay);
                } catch (RuntimeException e) {
                    part.failure = e;
                }
                return part;
            });
        }
        int n = 0;
        for (Part p : parts) {
            if (p.failure != null) {
                throw p.failure;
            }
            if (p.badFeature >= 0) {
                int j = p.badFeature;
                throw new InvalidDataException("customer " + log.customerId(p.badCustomer) + ", feature "
                        + names.get(j) + ": value must be finite, found " + p.badValue, n + p.n, names.get(j), null);
            }
            n += p.n;
        }
        if (n == 0) {
            throw new InvalidDataException("log: customers with a purchase on or before the cutoff " + cutoff
                    + " must be >= 1, found 0");
        }
        String[] ids = new String[n];
        int[] y = new int[n];
        double[] data = new double[Math.multiplyExact(n, d)];
        int at = 0;
        for (Part p : parts) {
            System.arraycopy(p.ids, 0, ids, at, p.n);
            System.arraycopy(p.labels, 0, y, at, p.n);
            System.arraycopy(p.data, 0, data, at * d, p.n * d);
            at += p.n;
        }
        return new ChurnDataset(List.of(ids), FeatureMatrix.of(names, n, data), y, cutoff, horizonDays);
    }

    /** One chunk of customers' rows of the data set, or where it found a non-finite feature. */
    private final class Part {
        final int d;
        final double[] row;
        String[] ids = new String[16];
        int[] labels = new int[16];
        double[] data;
        int n;
        RuntimeException failure;
        int badFeature = -1;
        int badCustomer;
        double badValue;

        Part(int d) {
            this.d = d;
            row = new double[d];
            data = new double[16 * d];
        }

        /**
         * Labels the customers {@code [from, to)} with history, in order; stops at the first non-finite feature.
         * Churned unless the customer's first row after the cut-off day is on or before the horizon's last day
         * (rows are in time order).
         */
        void label(TransactionLog log, TransactionLog history, StandardChurnFeatures standard, int from, int to,
                long cutDay, long endDay) {
            for (int c = from; c < to; c++) {
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
                        badFeature = j;
                        badCustomer = c;
                        badValue = row[j];
                        return;
                    }
                }
                if (n == ids.length) {
                    ids = java.util.Arrays.copyOf(ids, 2 * n);
                    labels = java.util.Arrays.copyOf(labels, 2 * n);
                    data = java.util.Arrays.copyOf(data, 2 * n * d);
                }
                System.arraycopy(row, 0, data, n * d, d);
                ids[n] = log.customerId(c);
                labels[n] = active(log.rowsOf(c), cutDay, endDay) ? 0 : 1;
                n++;
            }
        }
    }

    /** Whether the first of the time-ordered rows dated after {@code cutDay} is dated on or before {@code endDay}. */
    private static boolean active(TransactionLog.CustomerRows rows, long cutDay, long endDay) {
        int lo = 0;
        int hi = rows.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Math.floorDiv(rows.epochSecond(mid), SECONDS_PER_DAY) <= cutDay) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < rows.size() && Math.floorDiv(rows.epochSecond(lo), SECONDS_PER_DAY) <= endDay;
    }

    /**
     * Lists the settings, e.g. {@code ChurnLabeler{cutoff=2011-09-09, horizonDays=90, features=...}}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "ChurnLabeler{cutoff=" + cutoff + ", horizonDays=" + horizonDays + ", features=" + features
                + ", threads=" + threads + "}";
    }

    /** Builds a {@link ChurnLabeler}. Mutable and not thread-safe; {@link #build()} does not change it. */
    public static final class Builder {
        private LocalDate cutoff;
        private int horizonDays = 90;
        private ChurnFeatures features = ChurnFeatures.standard();
        private int threads = 1;

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
         * Sets the number of threads of {@link ChurnLabeler#label}: customers are split into fixed chunks of
         * 4,096, each labelled on its own (the features must be stateless, as
         * {@link ChurnFeatures} requires), and the chunks joined in order, so the data set and the error reported
         * for bad data are the same for every thread count. Default 1.
         *
         * @param threads the number of threads, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException "threads must be >= 1, found 0"
         */
        public Builder threads(int threads) {
            this.threads = ParamChecks.threads(threads);
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
