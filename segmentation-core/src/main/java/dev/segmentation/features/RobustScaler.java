package dev.segmentation.features;

import dev.segmentation.InvalidDataException;
import dev.segmentation.Provenance;
import java.util.Objects;

/**
 * Trainer for outlier-resistant scaling: learns each selected column's median and inter-quantile range and
 * returns a {@link RobustScalerModel} that maps {@code x} to {@code (x - median) / (q_upper - q_lower)}, as
 * scikit-learn's {@code RobustScaler}.
 *
 * <p>Formulas. Quantiles are the "linear" (Hyndman and Fan 1996, definition 7) sample quantiles of numpy's
 * {@code percentile}, which scikit-learn uses: for a level p in [0, 1] and sorted values
 * {@code x[0] <= ... <= x[n-1]}, {@code h = (n - 1) p}, and {@code Q(p) = x[floor h] + (h - floor h)
 * (x[floor h + 1] - x[floor h])}. The median is the middle value, or the mean of the two middle values when n is
 * even. An inter-quantile range below {@code 10 * eps} ({@code eps = 2^-52}, scikit-learn's
 * {@code _handle_zeros_in_scale}) is replaced by 1, so a constant column is centred and not divided by zero.
 *
 * <p>Options (defaults as scikit-learn): quantile range 25 to 75 percent (the inter-quartile range), centring
 * on, scaling on. With centring off the centre is 0; with scaling off the scale is 1.
 *
 * <p>Columns. By default every column is scaled; {@link Builder#columns(String...)} selects some by name, and
 * the others pass through unchanged. Column names and order are kept.
 *
 * <p>Example:
 * <pre>{@code
 * RobustScalerModel r = RobustScaler.builder().quantileRange(10, 90).build().fit(train);
 * }</pre>
 *
 * <p>Mergeable statistics. {@link #fit(FeatureMatrix)} accumulates the columns' {@link RobustScalerStats} (exact
 * counts of each column's distinct values) as one chunk and reads the median and quantiles from them;
 * {@link #fit(RobustScalerStats)} fits from the merged statistics of chunks or partitions instead, with the same
 * result bit for bit. The statistics are exact rather than a quantile sketch so that both fits agree exactly; they
 * take memory in the number of distinct values.
 *
 * <p>Cost: a radix sort per selected column (to count its values), O(d n) time and O(n) extra memory.
 *
 * <p>Instances are immutable and safe for concurrent use; {@link #fit} is pure. Null is never accepted.
 */
public final class RobustScaler implements FeatureEncoder {
    /** Ranges below this count as zero (scikit-learn's {@code 10 * finfo(float64).eps}). */
    private static final double ZERO_RANGE = 10 * Math.ulp(1.0);

    private final String[] columns;
    private final double lowerPercent;
    private final double upperPercent;
    private final boolean centering;
    private final boolean scaling;

    private RobustScaler(Builder b) {
        this.columns = b.columns == null ? null : b.columns.clone();
        this.lowerPercent = b.lowerPercent;
        this.upperPercent = b.upperPercent;
        this.centering = b.centering;
        this.scaling = b.scaling;
    }

    /**
     * Starts a builder with the defaults: every column, quantile range [25, 75] percent, centring and scaling.
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
        b.lowerPercent = lowerPercent;
        b.upperPercent = upperPercent;
        b.centering = centering;
        b.scaling = scaling;
        return b;
    }

    /**
     * Learns the median and the inter-quantile range of each selected column.
     *
     * @param x the training features; at least one row, selected columns finite. Not modified.
     * @return the fitted model
     * @throws InvalidDataException if {@code x} has no rows, a selected column does not exist, or a selected
     *     value is NaN or infinite (naming the row, the column and the value)
     */
    @Override
    public RobustScalerModel fit(FeatureMatrix x) {
        Objects.requireNonNull(x, "x");
        int[] idx = EncoderColumns.resolve(x, columns);
        EncoderColumns.requireRows(x);
        String[] names = EncoderColumns.names(x, idx);
        // the mergeable path, as one chunk: a partition-wise fit merges the same statistics
        RobustScalerStats stats = RobustScalerStats.accumulate(x, names, idx);
        return fit(stats, Provenance.builder(this).data(x).notIterative().build());
    }

    /**
     * Fits the centres and scales from merged statistics instead of rows (e.g. accumulated per chunk or partition
     * and merged with {@link RobustScalerStats#merge}): the model equals {@link #fit(FeatureMatrix)} of the rows
     * accumulated, bit for bit, for any split and merge order, since the statistics count every value exactly. The
     * trainer's columns (all the statistics' columns when it has none) must be among the statistics' columns. The
     * provenance records the rows and column names (no fingerprint: the rows are not seen).
     *
     * @param stats the statistics of the training rows. Not modified.
     * @return the model, with the trainer's columns in its order
     * @throws InvalidDataException if a selected column is not among the statistics' columns
     *     ({@code "column must be one of [a, b], found "q""}), the statistics hold no rows
     *     ({@code "rows must be >= 1, found 0"}), or a quantile range overflows
     */
    public RobustScalerModel fit(RobustScalerStats stats) {
        Objects.requireNonNull(stats, "stats");
        return fit(stats, Provenance.builder(this).rows(stats.rows()).columns(stats.columns()).notIterative().build());
    }

    private RobustScalerModel fit(RobustScalerStats stats, Provenance provenance) {
        String[] given = stats.names();
        int[] idx = EncoderColumns.resolve(given, columns);
        long n = stats.rows();
        if (n == 0) {
            throw new InvalidDataException("rows must be >= 1, found 0");
        }
        int m = idx.length;
        String[] names = new String[m];
        double[] center = new double[m];
        double[] scale = new double[m];
        double lowerLevel = lowerPercent / 100;
        double upperLevel = upperPercent / 100;
        for (int j = 0; j < m; j++) {
            names[j] = given[idx[j]];
            RobustScalerStats.OrderStatistics v = stats.orderStatistics(idx[j]);
            center[j] = centering ? median(n, v) : 0.0;
            double range = quantile(n, v, upperLevel) - quantile(n, v, lowerLevel);
            if (!Double.isFinite(range)) {
                throw new InvalidDataException("column " + names[j] + ": quantile range must be finite, found "
                        + range, -1, names[j], null);
            }
            scale[j] = scaling && range >= ZERO_RANGE ? range : 1.0;
        }
        return new RobustScalerModel(names, center, scale).withProvenance(provenance);
    }

    /**
     * The median of values whose middle ranks hold their order statistics (sorted, or partly
     * selected).
     *
     * @param v the values, at least one. Not modified.
     * @return the middle value, or the mean of the two middle values
     */
    static double median(double[] v) {
        return median(v.length, rank -> v[(int) rank]);
    }

    /** {@link #median(double[])} of n values read by rank. */
    static double median(long n, RobustScalerStats.OrderStatistics v) {
        if (n % 2 == 1) {
            return v.at(n / 2);
        }
        double a = v.at(n / 2 - 1);
        double b = v.at(n / 2);
        double mid = (a + b) / 2;
        return Double.isFinite(mid) ? mid : a / 2 + b / 2;
    }

    /**
     * numpy's "linear" quantile of values whose ranks {@code floor h} and {@code floor h + 1} hold their order
     * statistics (sorted, or partly selected), including numpy's two-sided interpolation
     * ({@code a + (b - a) t} for {@code t < 0.5}, {@code b - (b - a)(1 - t)} otherwise).
     *
     * @param v the values, at least one. Not modified.
     * @param p the level in [0, 1]
     * @return Q(p)
     */
    static double quantile(double[] v, double p) {
        return quantile(v.length, rank -> v[(int) rank], p);
    }

    /** {@link #quantile(double[], double)} of n values read by rank. */
    static double quantile(long n, RobustScalerStats.OrderStatistics v, double p) {
        double h = (n - 1) * p;
        long lo = (long) Math.floor(h);
        if (lo >= n - 1) {
            return v.at(n - 1);
        }
        double t = h - lo;
        double a = v.at(lo);
        double b = v.at(lo + 1);
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    /**
     * Lists every hyperparameter, e.g.
     * {@code RobustScaler{columns=all, quantileRange=[25.0, 75.0], centering=true, scaling=true}}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "RobustScaler{columns=" + EncoderColumns.describe(columns) + ", quantileRange=[" + lowerPercent + ", "
                + upperPercent + "], centering=" + centering + ", scaling=" + scaling + "}";
    }

    private static void checkRange(double lower, double upper) {
        if (!(lower >= 0 && lower < upper && upper <= 100)) {
            throw new IllegalArgumentException("quantileRange must be 0 <= lower < upper <= 100, found [" + lower
                    + ", " + upper + "]");
        }
    }

    /**
     * Mutable, single-threaded builder of {@link RobustScaler}. {@link #build()} does not change it.
     */
    public static final class Builder {
        private String[] columns;
        private double lowerPercent = 25.0;
        private double upperPercent = 75.0;
        private boolean centering = true;
        private boolean scaling = true;

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
         * Sets the quantiles whose difference is the scale, in percent, as scikit-learn's
         * {@code quantile_range}. Default {@code [25, 75]}, the inter-quartile range.
         *
         * @param lower the lower level in percent, {@code >= 0}
         * @param upper the upper level in percent, {@code > lower} and {@code <= 100}
         * @return this builder
         * @throws IllegalArgumentException unless {@code 0 <= lower < upper <= 100}, e.g.
         *     {@code "quantileRange must be 0 <= lower < upper <= 100, found [75.0, 25.0]"}
         */
        public Builder quantileRange(double lower, double upper) {
            checkRange(lower, upper);
            this.lowerPercent = lower;
            this.upperPercent = upper;
            return this;
        }

        /**
         * Chooses whether to subtract the median. Default true; when false the centre is 0.
         *
         * @param centering true to centre on the median
         * @return this builder
         */
        public Builder centering(boolean centering) {
            this.centering = centering;
            return this;
        }

        /**
         * Chooses whether to divide by the inter-quantile range. Default true; when false the scale is 1.
         *
         * @param scaling true to divide by the range
         * @return this builder
         */
        public Builder scaling(boolean scaling) {
            this.scaling = scaling;
            return this;
        }

        /**
         * Creates the trainer.
         *
         * @return the immutable trainer
         * @throws IllegalArgumentException if the settings are invalid
         */
        public RobustScaler build() {
            checkRange(lowerPercent, upperPercent);
            return new RobustScaler(this);
        }
    }
}
