package dev.segmentation.features;

import dev.segmentation.InvalidDataException;
import dev.segmentation.internal.Internals;
import dev.segmentation.internal.ParamChecks;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Mergeable statistics of {@link MinMaxScaler}: the row count and each named column's minimum and maximum. A chunk
 * of rows (a thread's rows, a Spark partition) computes them with {@link #accumulate}, a driver reduces the chunks'
 * statistics with {@link #merge}, and {@link MinMaxScaler#fit(MinMaxScalerStats)} fits the result.
 * {@link MinMaxScaler#fit(FeatureMatrix)} is the one-chunk case of the same path.
 *
 * <pre>{@code
 * MinMaxScalerStats stats = MinMaxScalerStats.accumulate(partA, List.of("recency", "monetary"))
 *         .merge(MinMaxScalerStats.accumulate(partB, List.of("recency", "monetary")));
 * MinMaxScalerModel model = MinMaxScaler.builder().build().fit(stats);
 * }</pre>
 *
 * <p><b>Determinism.</b> A minimum or maximum is one of the values, so no rounding happens: {@link #merge} is
 * associative, and merged in chunk order ({@code a.merge(b)} when a's rows come before b's) the statistics of any
 * split of the rows equal those of all rows bit for bit. The order matters only for the sign of a zero: when
 * {@code 0.0} and {@code -0.0} are both the minimum (or the maximum), the one met first in row order is kept, as
 * {@link MinMaxScaler#fit(FeatureMatrix)} keeps it; merged in another order the statistics are otherwise the same.
 *
 * <p>Accumulating refuses a NaN or infinite value ({@link MinMaxScaler}'s rule), naming its row in the chunk, so the
 * statistics hold finite values only. The statistics of no rows have minimum {@code +Infinity} and maximum
 * {@code -Infinity}, which {@link #merge} leaves unchanged. Complexity: {@code O(rows x columns)} to accumulate,
 * {@code O(columns)} memory and merge. Instances are immutable and safe for concurrent use; they are
 * {@link Serializable} so that engines can ship a chunk's statistics between JVMs of the same library version
 * (never a storage format). Null is never accepted or returned.
 */
public final class MinMaxScalerStats implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The column names, distinct. */
    private final String[] columns;
    /** The number of rows accumulated. */
    private final long rows;
    /** Per column, the least value ({@code +Infinity} for no rows), the first met on ties. */
    private final double[] min;
    /** Per column, the greatest value ({@code -Infinity} for no rows), the first met on ties. */
    private final double[] max;

    private MinMaxScalerStats(String[] columns, long rows, double[] min, double[] max) {
        this.columns = columns;
        this.rows = rows;
        this.min = min;
        this.max = max;
    }

    /**
     * Returns the statistics of no rows of the named columns.
     *
     * @param columns the column names: non-empty and distinct. Not modified.
     * @return statistics that {@link #merge} leaves unchanged
     * @throws IllegalArgumentException if the names are empty or repeat one, e.g.
     *     {@code "columns must be distinct, found "a" twice"}
     */
    public static MinMaxScalerStats empty(List<String> columns) {
        String[] names = ParamChecks.names("columns", columns);
        return empty(names);
    }

    private static MinMaxScalerStats empty(String[] names) {
        double[] lo = new double[names.length];
        double[] hi = new double[names.length];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        return new MinMaxScalerStats(names, 0, lo, hi);
    }

    /**
     * Computes the statistics of a chunk of rows: each named column's minimum and maximum, scanning the rows in
     * order (on ties the value met first is kept).
     *
     * @param chunk the rows; any number, also none. Not modified.
     * @param columns the names of the columns to accumulate, each a column of {@code chunk}: non-empty and
     *     distinct. Not modified.
     * @return the statistics, with the columns in the given order
     * @throws IllegalArgumentException if the names are empty or repeat one
     * @throws InvalidDataException if a name is not a column of the chunk
     *     ({@code "column must be one of [a, b], found "q""}), or a value of a named column is NaN or infinite, the
     *     first in row order then column order ({@code "row 3, column b: value must be finite, found NaN"}, the row
     *     counted from 0 in the chunk)
     */
    public static MinMaxScalerStats accumulate(FeatureMatrix chunk, List<String> columns) {
        Objects.requireNonNull(chunk, "chunk");
        String[] names = ParamChecks.names("columns", columns);
        return accumulate(chunk, names, EncoderColumns.resolve(chunk, names));
    }

    /** {@link #accumulate(FeatureMatrix, List)} of resolved columns (no check of the names). */
    static MinMaxScalerStats accumulate(FeatureMatrix chunk, String[] names, int[] idx) {
        double[] data = Internals.data(chunk);
        int n = chunk.rows();
        int d = chunk.columns();
        int m = idx.length;
        MinMaxScalerStats none = empty(names);
        double[] lo = none.min;
        double[] hi = none.max;
        for (int i = 0; i < n; i++) {
            int base = i * d;
            for (int j = 0; j < m; j++) {
                double v = data[base + idx[j]];
                if (!Double.isFinite(v)) {
                    throw EncoderColumns.notFinite(i, names[j], v);
                }
                if (v < lo[j]) {
                    lo[j] = v;
                }
                if (v > hi[j]) {
                    hi[j] = v;
                }
            }
        }
        return new MinMaxScalerStats(names, n, lo, hi);
    }

    /**
     * Returns the statistics of the rows of both, this one's rows first: counts added, the lesser minimum and the
     * greater maximum, this one's on ties.
     *
     * @param other statistics of the same columns, in the same order; its rows come after this one's. Not
     *     modified.
     * @return new statistics
     * @throws IllegalArgumentException if the columns differ, e.g.
     *     {@code "other must have the same columns, found [a, b] and [b, a]"}
     * @throws ArithmeticException if the row count passes {@code Long.MAX_VALUE}
     */
    public MinMaxScalerStats merge(MinMaxScalerStats other) {
        Objects.requireNonNull(other, "other");
        ParamChecks.requireArgument(Arrays.equals(columns, other.columns),
                "other must have the same columns, found %s and %s", Arrays.toString(columns),
                Arrays.toString(other.columns));
        int m = columns.length;
        double[] lo = new double[m];
        double[] hi = new double[m];
        for (int j = 0; j < m; j++) {
            lo[j] = other.min[j] < min[j] ? other.min[j] : min[j];
            hi[j] = other.max[j] > max[j] ? other.max[j] : max[j];
        }
        return new MinMaxScalerStats(columns, Math.addExact(rows, other.rows), lo, hi);
    }

    /**
     * Returns the column names, in the order given to {@link #accumulate} or {@link #empty}.
     *
     * @return an unmodifiable list
     */
    public List<String> columns() {
        return List.of(columns);
    }

    /**
     * Returns the number of rows accumulated.
     *
     * @return the count
     */
    public long rows() {
        return rows;
    }

    /**
     * Returns each column's minimum.
     *
     * @return a copy, in column order; {@code +Infinity} when no row was accumulated
     */
    public double[] min() {
        return min.clone();
    }

    /**
     * Returns each column's maximum.
     *
     * @return a copy, in column order; {@code -Infinity} when no row was accumulated
     */
    public double[] max() {
        return max.clone();
    }

    // zero-copy access for the trainer
    String[] names() {
        return columns;
    }

    double min(int column) {
        return min[column];
    }

    double max(int column) {
        return max[column];
    }

    /**
     * Compares the columns, the count and the extremes bit for bit (so {@code 0.0} and {@code -0.0} differ).
     *
     * @param o another object
     * @return true if o holds the same statistics
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof MinMaxScalerStats s && rows == s.rows && Arrays.equals(columns, s.columns)
                && Arrays.equals(min, s.min) && Arrays.equals(max, s.max);
    }

    /**
     * Hashes the statistics.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return Objects.hash(rows, Arrays.hashCode(columns), Arrays.hashCode(min), Arrays.hashCode(max));
    }

    /**
     * Summarizes the statistics.
     *
     * @return e.g. {@code MinMaxScalerStats{columns=[a], rows=3, min=[0.5], max=[2.0]}}
     */
    @Override
    public String toString() {
        return "MinMaxScalerStats{columns=" + Arrays.toString(columns) + ", rows=" + rows + ", min="
                + Arrays.toString(min) + ", max=" + Arrays.toString(max) + "}";
    }
}
