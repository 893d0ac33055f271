package dev.segmentation.features;

import dev.segmentation.InvalidDataException;
import dev.segmentation.Provenance;
import java.util.Objects;

/**
 * Trainer for min-max scaling: learns each selected column's minimum and maximum and returns a
 * {@link MinMaxScalerModel} that maps the training range {@code [min, max]} linearly onto a target range
 * {@code [lo, hi]} (default {@code [0, 1]}), as scikit-learn's {@code MinMaxScaler}:
 * {@code y = lo + (x - min) * (hi - lo) / (max - min)}.
 *
 * <p>Values outside the training range map outside the target range (no clipping). A column whose range
 * {@code max - min} is below {@code 10 * eps} ({@code eps = 2^-52}, scikit-learn's
 * {@code _handle_zeros_in_scale}) is treated as constant: its range is taken as 1, so it encodes to
 * {@code lo + (x - min) * (hi - lo)}, that is {@code lo} on the training data.
 *
 * <p>Columns. By default every column is scaled; {@link Builder#columns(String...)} selects some by name, and
 * the others pass through unchanged. Column names and order are kept.
 *
 * <p>Example:
 * <pre>{@code
 * MinMaxScalerModel s = MinMaxScaler.builder().range(-1, 1).build().fit(train);
 * FeatureMatrix scaled = s.transform(train);   // every column now spans [-1, 1]
 * }</pre>
 *
 * <p>Mergeable statistics. {@link #fit(FeatureMatrix)} accumulates the columns' {@link MinMaxScalerStats} (row
 * count, minimum and maximum) as one chunk and fits from them; {@link #fit(MinMaxScalerStats)} fits from the merged
 * statistics of chunks or partitions instead, with the same result.
 *
 * <p>Cost: one pass, O(n d) time, O(d) extra memory.
 *
 * <p>Instances are immutable and safe for concurrent use; {@link #fit} is pure. Null is never accepted.
 */
public final class MinMaxScaler implements FeatureEncoder {
    /** Ranges below this count as zero (scikit-learn's {@code 10 * finfo(float64).eps}). */
    private static final double ZERO_RANGE = 10 * Math.ulp(1.0);

    private final String[] columns;
    private final double rangeMin;
    private final double rangeMax;

    private MinMaxScaler(Builder b) {
        this.columns = b.columns == null ? null : b.columns.clone();
        this.rangeMin = b.rangeMin;
        this.rangeMax = b.rangeMax;
    }

    /**
     * Starts a builder with the defaults: every column, target range {@code [0, 1]}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding this trainer's settings, to make a variant.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.columns = columns == null ? null : columns.clone();
        b.rangeMin = rangeMin;
        b.rangeMax = rangeMax;
        return b;
    }

    /**
     * Learns the minimum and maximum of each selected column.
     *
     * @param x the training features; at least one row, selected columns finite. Not modified.
     * @return the fitted model
     * @throws InvalidDataException if {@code x} has no rows, a selected column does not exist, a selected
     *     value is NaN or infinite (naming the row, the column and the value), or {@code max - min} overflows
     */
    @Override
    public MinMaxScalerModel fit(FeatureMatrix x) {
        Objects.requireNonNull(x, "x");
        int[] idx = EncoderColumns.resolve(x, columns);
        EncoderColumns.requireRows(x);
        String[] names = EncoderColumns.names(x, idx);
        // the mergeable path, as one chunk: a partition-wise fit merges the same statistics
        MinMaxScalerStats stats = MinMaxScalerStats.accumulate(x, names, idx);
        return fit(stats, Provenance.builder(this).data(x).notIterative().build());
    }

    /**
     * Fits the scaling from merged statistics instead of rows (e.g. accumulated per chunk or partition and merged
     * with {@link MinMaxScalerStats#merge}): the model equals {@link #fit(FeatureMatrix)} of the rows accumulated,
     * bit for bit, when the chunks were merged in row order (see {@link MinMaxScalerStats} for the one exception, the
     * sign of a zero extreme). The trainer's columns (all the statistics' columns when it has none) must be among the
     * statistics' columns. The provenance records the rows and column names (no fingerprint: the rows are not seen).
     *
     * @param stats the statistics of the training rows. Not modified.
     * @return the model, with the trainer's columns in its order
     * @throws InvalidDataException if a selected column is not among the statistics' columns
     *     ({@code "column must be one of [a, b], found "q""}), the statistics hold no rows
     *     ({@code "rows must be >= 1, found 0"}), or {@code max - min} overflows
     */
    public MinMaxScalerModel fit(MinMaxScalerStats stats) {
        Objects.requireNonNull(stats, "stats");
        return fit(stats, Provenance.builder(this).rows(stats.rows()).columns(stats.columns()).notIterative().build());
    }

    private MinMaxScalerModel fit(MinMaxScalerStats stats, Provenance provenance) {
        String[] given = stats.names();
        int[] idx = EncoderColumns.resolve(given, columns);
        if (stats.rows() == 0) {
            throw new InvalidDataException("rows must be >= 1, found 0");
        }
        int m = idx.length;
        String[] names = new String[m];
        double[] min = new double[m];
        double[] max = new double[m];
        double[] divisor = new double[m];
        for (int j = 0; j < m; j++) {
            names[j] = given[idx[j]];
            min[j] = stats.min(idx[j]);
            max[j] = stats.max(idx[j]);
            double range = max[j] - min[j];
            if (!Double.isFinite(range)) {
                throw new InvalidDataException("column " + names[j] + ": max - min must be finite, found " + range,
                        -1, names[j], null);
            }
            divisor[j] = divisor(range, rangeMin, rangeMax);
        }
        return new MinMaxScalerModel(names, min, max, rangeMin, rangeMax, divisor).withProvenance(provenance);
    }

    /**
     * Lists every hyperparameter, e.g. {@code MinMaxScaler{columns=all, range=[0.0, 1.0]}}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "MinMaxScaler{columns=" + EncoderColumns.describe(columns) + ", range=[" + rangeMin + ", " + rangeMax
                + "]}";
    }

    /** The divisor of one column: its range (1 for a constant column) over the target range's width. */
    static double divisor(double range, double rangeMin, double rangeMax) {
        return (range < ZERO_RANGE ? 1.0 : range) / (rangeMax - rangeMin);
    }

    private static void checkRange(double min, double max) {
        if (!(Double.isFinite(min) && Double.isFinite(max) && min < max && Double.isFinite(max - min))) {
            throw new IllegalArgumentException("range must be finite with min < max, found [" + min + ", " + max
                    + "]");
        }
    }

    /**
     * Mutable, single-threaded builder of {@link MinMaxScaler}. {@link #build()} does not change it.
     */
    public static final class Builder {
        private String[] columns;
        private double rangeMin = 0.0;
        private double rangeMax = 1.0;

        private Builder() {
        }

        /**
         * Selects the columns to scale, by name; the others pass through. Default: every column.
         *
         * @param names distinct column names, at least one. Not modified.
         * @return this builder
         * @throws IllegalArgumentException if {@code names} is empty or repeats a name
         */
        public Builder columns(String... names) {
            this.columns = EncoderColumns.copyNames("columns", names);
            return this;
        }

        /**
         * Scales every column of the matrix (the default), undoing {@link #columns(String...)}.
         *
         * @return this builder
         */
        public Builder allColumns() {
            this.columns = null;
            return this;
        }

        /**
         * Sets the target range. Default {@code [0, 1]}.
         *
         * @param min the value the training minimum maps to; finite
         * @param max the value the training maximum maps to; finite, greater than {@code min}
         * @return this builder
         * @throws IllegalArgumentException if the bounds are not finite or {@code min >= max}, e.g.
         *     {@code "range must be finite with min < max, found [1.0, 1.0]"}
         */
        public Builder range(double min, double max) {
            checkRange(min, max);
            this.rangeMin = min;
            this.rangeMax = max;
            return this;
        }

        /**
         * Creates the trainer.
         *
         * @return the immutable trainer
         * @throws IllegalArgumentException if the settings are invalid
         */
        public MinMaxScaler build() {
            checkRange(rangeMin, rangeMax);
            return new MinMaxScaler(this);
        }
    }
}
