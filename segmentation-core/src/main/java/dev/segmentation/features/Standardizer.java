package dev.segmentation.features;

import dev.segmentation.InvalidDataException;
import dev.segmentation.Provenance;
import dev.segmentation.internal.Internals;
import java.util.Objects;

/**
 * Trainer for z-scores: learns each selected column's mean and standard deviation and returns a
 * {@link StandardizerModel} that maps {@code x} to {@code (x - mean) / sd}, as scikit-learn's
 * {@code StandardScaler} does.
 *
 * <p>Formulas. With n rows, {@code mean = sum(x) / n}; the sum of squares uses the corrected two-pass
 * algorithm of Chan, Golub and LeVeque ("Algorithms for computing the sample variance: analysis and
 * recommendations", The American Statistician 37(3), 1983), as scikit-learn's
 * {@code _incremental_mean_and_var} does: {@code S = sum((x - mean)^2) - (sum(x - mean))^2 / n}. The scale is
 * the population standard deviation {@code sqrt(S / n)} by default (scikit-learn's choice), or the sample
 * standard deviation {@code sqrt(S / (n - 1))} with {@link Builder#sampleSd(boolean) sampleSd(true)} (R's
 * {@code scale()}, pandas' {@code std()}).
 *
 * <p>Zero variance. A column whose variance is indistinguishable from zero is left centred with scale 1, so
 * it encodes to zeros instead of dividing by zero. The test is scikit-learn's {@code _is_constant_feature}:
 * {@code var <= n * eps * var + (n * mean * eps)^2} with {@code var = S / n} and {@code eps = 2^-52}, the
 * error bound of the two-pass algorithm; a single row counts as zero variance.
 *
 * <p>Columns. By default every column of the matrix is standardized; {@link Builder#columns(String...)}
 * selects some by name, and the others pass through {@link StandardizerModel#transform} unchanged. Column
 * names and order are kept.
 *
 * <p>Example:
 * <pre>{@code
 * StandardizerModel z = Standardizer.builder().columns("recency", "monetary").build().fit(train);
 * FeatureMatrix encoded = z.transform(test);
 * FeatureMatrix centres = z.inverseTransform(clusterCentres);   // back in original units
 * }</pre>
 *
 * <p>Cost: two passes over the selected columns, O(n d) time and O(d) extra memory.
 *
 * <p>Instances are immutable and safe for concurrent use; {@link #fit} is pure. Null is never accepted.
 */
public final class Standardizer implements FeatureEncoder {
    /** Machine epsilon of double, 2^-52, as numpy's {@code finfo(float64).eps}. */
    private static final double EPS = Math.ulp(1.0);

    /**
     * The scales of a standardization from its column sums, exactly as {@link #fit} computes them: the corrected
     * two-pass variance {@code (squares - correction^2 / n) / n}, 1 for a column whose variance is within rounding
     * of 0, else the population (or, with {@code sampleSd}, sample) standard deviation. For engines that sum the
     * columns elsewhere (e.g. {@code dev.segmentation.spark.SparkEncoders}); the same sums give the same bits.
     *
     * @param names the column names, for the error message
     * @param n the number of rows, {@code >= 1}
     * @param mean the column means
     * @param correction per column, the sum of deviations from {@code mean}
     * @param squares per column, the sum of squared deviations from {@code mean}
     * @param sampleSd whether to divide by {@code n - 1} instead of {@code n}
     * @return a new array of scales, one per column
     * @throws InvalidDataException if a variance or mean is not finite (values too large in magnitude)
     */
    public static double[] scales(String[] names, long n, double[] mean, double[] correction, double[] squares,
            boolean sampleSd) {
        int m = names.length;
        double[] scale = new double[m];
        for (int j = 0; j < m; j++) {
            double s = squares[j] - correction[j] * correction[j] / n;
            double var = s / n;
            if (!Double.isFinite(var) || !Double.isFinite(mean[j])) {
                throw new InvalidDataException("column " + names[j] + ": variance must be finite, found " + var
                        + " (values too large in magnitude)", -1, names[j], null);
            }
            double bound = n * EPS * var + (n * mean[j] * EPS) * (n * mean[j] * EPS);
            if (var <= bound) {
                scale[j] = 1.0;
            } else {
                scale[j] = Math.sqrt(sampleSd ? s / (n - 1) : var);
            }
        }
        return scale;
    }

    /**
     * Computes the scales of a standardization from moments about the means (the second of
     * {@link ColumnMoments}' two passes, merged over every row): {@link #scales(String[], long, double[], double[],
     * double[], boolean)} of their count, centre, sums and squares.
     *
     * @param names the column names, for messages. Not modified.
     * @param aboutMeans the moments about the columns' means, of at least one row
     * @param sampleSd true for the sample standard deviation
     * @return one scale per column
     * @throws InvalidDataException if a column's variance or mean is not finite
     */
    public static double[] scales(String[] names, ColumnMoments aboutMeans, boolean sampleSd) {
        Objects.requireNonNull(aboutMeans, "aboutMeans");
        return scales(names, aboutMeans.count(), aboutMeans.centre(), aboutMeans.sums(), aboutMeans.squares(),
                sampleSd);
    }

    /** Throws for the first value (in row order, then column order) that is NaN or infinite, if any. */
    private static void requireFinite(double[] data, int n, int d, int[] idx, String[] names) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < idx.length; j++) {
                double v = data[i * d + idx[j]];
                if (!Double.isFinite(v)) {
                    throw EncoderColumns.notFinite(i, names[j], v);
                }
            }
        }
    }

    private final String[] columns;
    private final boolean sampleSd;

    private Standardizer(Builder b) {
        this.columns = b.columns == null ? null : b.columns.clone();
        this.sampleSd = b.sampleSd;
    }

    /**
     * Starts a builder with the defaults: every column, population standard deviation.
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
        b.sampleSd = sampleSd;
        return b;
    }

    /**
     * Learns the mean and scale of each selected column.
     *
     * @param x the training features; at least one row, selected columns finite. Not modified.
     * @return the fitted model
     * @throws dev.segmentation.InvalidDataException if {@code x} has no rows ({@code "rows must be >= 1, found
     *     0"}), a selected column does not exist, a selected value is NaN or infinite (naming the row, the
     *     column and the value), or a column's variance overflows
     */
    @Override
    public StandardizerModel fit(FeatureMatrix x) {
        Objects.requireNonNull(x, "x");
        int[] idx = EncoderColumns.resolve(x, columns);
        EncoderColumns.requireRows(x);
        String[] names = EncoderColumns.names(x, idx);
        double[] data = Internals.data(x);
        int n = x.rows();
        int d = x.columns();
        int m = idx.length;
        // the mergeable path, as one chunk: a partition-wise fit (SparkEncoders) merges the same statistics
        ColumnMoments first = ColumnMoments.aboutZero(m).accumulate(data, d, idx, 0, n);
        if (!first.finite()) {
            requireFinite(data, n, d, idx, names);
        }
        ColumnMoments second = ColumnMoments.about(first.means()).accumulate(data, d, idx, 0, n);
        double[] scale = scales(names, second, sampleSd);
        double[] mean = second.centre();
        return new StandardizerModel(names, mean, scale)
                .withProvenance(Provenance.builder(this).data(x).notIterative().build());
    }

    /**
     * Lists every hyperparameter, e.g. {@code Standardizer{columns=all, sampleSd=false}}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "Standardizer{columns=" + EncoderColumns.describe(columns) + ", sampleSd=" + sampleSd + "}";
    }

    /**
     * Mutable, single-threaded builder of {@link Standardizer}. {@link #build()} does not change it.
     */
    public static final class Builder {
        private String[] columns;
        private boolean sampleSd;

        private Builder() {
        }

        /**
         * Selects the columns to standardize, by name; the others pass through. Default: every column.
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
         * Standardizes every column of the matrix (the default), undoing {@link #columns(String...)}.
         *
         * @return this builder
         */
        public Builder allColumns() {
            this.columns = null;
            return this;
        }

        /**
         * Chooses the divisor of the variance. Default false: the population standard deviation (divisor n,
         * scikit-learn's {@code StandardScaler}); true: the sample standard deviation (divisor n - 1).
         *
         * @param sampleSd true for the sample standard deviation
         * @return this builder
         */
        public Builder sampleSd(boolean sampleSd) {
            this.sampleSd = sampleSd;
            return this;
        }

        /**
         * Creates the trainer.
         *
         * @return the immutable trainer
         */
        public Standardizer build() {
            return new Standardizer(this);
        }
    }
}
