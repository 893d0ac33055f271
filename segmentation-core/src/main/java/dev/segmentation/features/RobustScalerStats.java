package dev.segmentation.features;

import dev.segmentation.InvalidDataException;
import dev.segmentation.internal.Internals;
import dev.segmentation.internal.ParamChecks;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Mergeable statistics of {@link RobustScaler}: the row count and, per named column, the exact counts of its distinct
 * values ({@link ValueCounts}) with the number of {@code -0.0} among its zeros. A chunk of rows (a thread's rows, a
 * Spark partition) computes them with {@link #accumulate}, a driver reduces the chunks' statistics with
 * {@link #merge}, and {@link RobustScaler#fit(RobustScalerStats)} fits the result.
 * {@link RobustScaler#fit(FeatureMatrix)} is the one-chunk case of the same path.
 *
 * <pre>{@code
 * RobustScalerStats stats = RobustScalerStats.accumulate(partA, List.of("monetary"))
 *         .merge(RobustScalerStats.accumulate(partB, List.of("monetary")));
 * RobustScalerModel model = RobustScaler.builder().build().fit(stats);
 * }</pre>
 *
 * <p><b>Exact, not a sketch.</b> The median and the quantiles read at most six order statistics of each sorted
 * column; the counts give every order statistic exactly (the value whose run of equal values holds the rank), so the
 * fit from merged statistics equals the fit from the rows bit for bit, with no rank error. The price is memory: one
 * value and one count per distinct value of each column, {@code O(distinct values)} (at most {@code O(rows)} for
 * continuous data), where a quantile sketch would keep {@code O(1 / epsilon)} values for a rank error of
 * {@code epsilon n}. The sign of a zero order statistic is kept too: the zeros of a column are its {@code -0.0} first,
 * then its {@code 0.0}, as in {@link Arrays#sort(double[])}.
 *
 * <p><b>Determinism.</b> Counting and merging are exact, so {@link #merge} is associative and commutative: any split
 * of the rows, merged in any order and grouping, gives statistics equal to those of all rows.
 *
 * <p>Accumulating refuses a NaN or infinite value ({@link RobustScaler}'s rule), naming its row in the chunk.
 * Complexity: {@code O(n)} per column to accumulate n rows (a radix sort), {@code O(a + b)} to merge statistics of a
 * and b distinct values. Instances are immutable and safe for concurrent use; they are {@link Serializable} so that
 * engines can ship a chunk's statistics between JVMs of the same library version (never a storage format). Null is
 * never accepted or returned.
 */
public final class RobustScalerStats implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The column names, distinct. */
    private final String[] columns;
    /** The number of rows accumulated. */
    private final long rows;
    /** Per column, the counts of its distinct values ({@code -0.0} counted as {@code 0.0}). */
    private final ValueCounts[] counts;
    /** Per column, how many of the zeros counted are {@code -0.0}. */
    private final long[] negativeZeros;

    private RobustScalerStats(String[] columns, long rows, ValueCounts[] counts, long[] negativeZeros) {
        this.columns = columns;
        this.rows = rows;
        this.counts = counts;
        this.negativeZeros = negativeZeros;
    }

    /**
     * Returns the statistics of no rows of the named columns.
     *
     * @param columns the column names: non-empty and distinct. Not modified.
     * @return statistics that {@link #merge} leaves unchanged
     * @throws IllegalArgumentException if the names are empty or repeat one, e.g.
     *     {@code "columns must be distinct, found "a" twice"}
     */
    public static RobustScalerStats empty(List<String> columns) {
        String[] names = ParamChecks.names("columns", columns);
        ValueCounts[] c = new ValueCounts[names.length];
        Arrays.fill(c, ValueCounts.empty());
        return new RobustScalerStats(names, 0, c, new long[names.length]);
    }

    /**
     * Computes the statistics of a chunk of rows: the counts of each named column's values.
     *
     * @param chunk the rows; any number, also none. Not modified.
     * @param columns the names of the columns to accumulate, each a column of {@code chunk}: non-empty and
     *     distinct. Not modified.
     * @return the statistics, with the columns in the given order
     * @throws IllegalArgumentException if the names are empty or repeat one
     * @throws InvalidDataException if a name is not a column of the chunk
     *     ({@code "column must be one of [a, b], found "q""}), or a value of a named column is NaN or infinite, the
     *     first in column order then row order ({@code "row 3, column b: value must be finite, found NaN"}, the row
     *     counted from 0 in the chunk)
     */
    public static RobustScalerStats accumulate(FeatureMatrix chunk, List<String> columns) {
        Objects.requireNonNull(chunk, "chunk");
        String[] names = ParamChecks.names("columns", columns);
        return accumulate(chunk, names, EncoderColumns.resolve(chunk, names));
    }

    /** {@link #accumulate(FeatureMatrix, List)} of resolved columns (no check of the names). */
    static RobustScalerStats accumulate(FeatureMatrix chunk, String[] names, int[] idx) {
        int m = idx.length;
        ValueCounts[] c = new ValueCounts[m];
        long[] negative = new long[m];
        for (int j = 0; j < m; j++) {
            double[] v = EncoderColumns.finiteColumn(chunk, idx[j]);
            long z = 0;
            for (double x : v) {
                if (Double.doubleToRawLongBits(x) == Long.MIN_VALUE) { // -0.0
                    z++;
                }
            }
            negative[j] = z;
            c[j] = ValueCounts.ofSorted(ValueCounts.sorted(v));
        }
        return new RobustScalerStats(names, chunk.rows(), c, negative);
    }

    /**
     * Returns the statistics of the rows of both: counts added value by value. Exact, so associative and
     * commutative.
     *
     * @param other statistics of the same columns, in the same order. Not modified.
     * @return new statistics
     * @throws IllegalArgumentException if the columns differ, e.g.
     *     {@code "other must have the same columns, found [a, b] and [b, a]"}
     * @throws ArithmeticException if the row count passes {@code Long.MAX_VALUE}
     */
    public RobustScalerStats merge(RobustScalerStats other) {
        Objects.requireNonNull(other, "other");
        ParamChecks.requireArgument(Arrays.equals(columns, other.columns),
                "other must have the same columns, found %s and %s", Arrays.toString(columns),
                Arrays.toString(other.columns));
        int m = columns.length;
        ValueCounts[] c = new ValueCounts[m];
        long[] negative = new long[m];
        for (int j = 0; j < m; j++) {
            c[j] = counts[j].merge(other.counts[j]);
            negative[j] = negativeZeros[j] + other.negativeZeros[j];
        }
        return new RobustScalerStats(columns, Math.addExact(rows, other.rows), c, negative);
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
     * Returns the counts of a column's distinct values, {@code 0.0} and {@code -0.0} counted as one value (the
     * statistics {@link QuantileBinner#fit(List, List)} takes).
     *
     * @param column one of {@link #columns()}
     * @return the counts, whose total is {@link #rows()}
     * @throws IllegalArgumentException if the column is not one of these statistics'
     */
    public ValueCounts counts(String column) {
        return counts[indexOf(column)];
    }

    /**
     * Returns how many of a column's zeros are {@code -0.0} (the rest of the zeros counted by {@link #counts(String)}
     * are {@code 0.0}).
     *
     * @param column one of {@link #columns()}
     * @return the count
     * @throws IllegalArgumentException if the column is not one of these statistics'
     */
    public long negativeZeros(String column) {
        return negativeZeros[indexOf(column)];
    }

    private int indexOf(String column) {
        Objects.requireNonNull(column, "column");
        int j = Arrays.asList(columns).indexOf(column);
        ParamChecks.requireArgument(j >= 0, "column must be one of %s, found \"%s\"", Arrays.toString(columns),
                column);
        return j;
    }

    // access for the trainer
    String[] names() {
        return columns;
    }

    /**
     * The order statistics of one column, read from its counts.
     *
     * @param column the column's index
     * @return a function from a 0-based rank in {@code [0, rows)} to the value a full sort of the column (in the
     *     order of {@link Arrays#sort(double[])}) puts there
     */
    OrderStatistics orderStatistics(int column) {
        ValueCounts c = counts[column];
        long[] ends = c.runEnds();
        long negative = negativeZeros[column];
        if (negative == 0) {
            return rank -> c.valueAtRank(ends, rank);
        }
        int zeros = Arrays.binarySearch(c.values(), 0.0); // the zeros' run, which holds the -0.0
        long firstPositive = (zeros == 0 ? 0 : ends[zeros - 1]) + negative;
        return rank -> {
            double v = c.valueAtRank(ends, rank);
            return v == 0.0 && rank < firstPositive ? -0.0 : v;
        };
    }

    /** The values at ranks of a sorted column. */
    @FunctionalInterface
    interface OrderStatistics {
        /**
         * Returns the value at a rank.
         *
         * @param rank a 0-based rank
         * @return the value
         */
        double at(long rank);
    }

    /**
     * Compares the columns, the count and the value counts.
     *
     * @param o another object
     * @return true if o holds the same statistics
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof RobustScalerStats s && rows == s.rows && Arrays.equals(columns, s.columns)
                && Arrays.equals(counts, s.counts) && Arrays.equals(negativeZeros, s.negativeZeros);
    }

    /**
     * Hashes the statistics.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return Objects.hash(rows, Arrays.hashCode(columns), Arrays.hashCode(counts), Arrays.hashCode(negativeZeros));
    }

    /**
     * Summarizes the statistics.
     *
     * @return e.g. {@code RobustScalerStats{columns=[a], rows=3, distinct=[2]}}
     */
    @Override
    public String toString() {
        int[] distinct = new int[counts.length];
        for (int j = 0; j < counts.length; j++) {
            distinct[j] = counts[j].distinct();
        }
        return "RobustScalerStats{columns=" + Arrays.toString(columns) + ", rows=" + rows + ", distinct="
                + Arrays.toString(distinct) + "}";
    }
}
