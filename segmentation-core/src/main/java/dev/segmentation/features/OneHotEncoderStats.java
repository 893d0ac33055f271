package dev.segmentation.features;

import dev.segmentation.InvalidDataException;
import dev.segmentation.internal.ParamChecks;
import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Mergeable statistics of {@link OneHotEncoder}: for one categorical column, the row count and each category with the
 * number of rows holding it, the categories in the order the rows first show them. A chunk of values (a thread's
 * rows, a Spark partition) computes them with {@link #accumulate}, a driver reduces the chunks' statistics with
 * {@link #merge}, and {@link OneHotEncoder#fit(OneHotEncoderStats)} fits the result.
 * {@link OneHotEncoder#fit(String[])} is the one-chunk case of the same path.
 *
 * <pre>{@code
 * OneHotEncoderStats stats = OneHotEncoderStats.accumulate("Contract", partA)
 *         .merge(OneHotEncoderStats.accumulate("Contract", partB));
 * OneHotEncoderModel model = OneHotEncoder.builder().column("Contract").build().fit(stats);
 * }</pre>
 *
 * <p><b>Determinism.</b> Counts are exact and {@link #merge} is associative. {@code a.merge(b)} reads b's rows as
 * coming after a's: the categories b adds are appended in b's order. Merged in chunk order, the statistics of any
 * split of the rows therefore equal those of all rows, first-appearance order included, so both
 * {@link OneHotEncoder.CategoryOrder}s fit as from the rows. Merged in another order, only the first-appearance order
 * changes: the counts, and so a fit in {@link OneHotEncoder.CategoryOrder#SORTED SORTED} order (the default), are
 * the same for any merge order.
 *
 * <p>Accumulating refuses a null value, naming its row in the chunk. Complexity: one hash look-up per value to
 * accumulate, {@code O(a + b)} to merge statistics of a and b categories, memory {@code O(categories)}. Instances are
 * immutable and safe for concurrent use; they are {@link Serializable} so that engines can ship a chunk's statistics
 * between JVMs of the same library version (never a storage format). Null is never accepted or returned.
 */
public final class OneHotEncoderStats implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The column's name. */
    private final String column;
    /** The number of values accumulated. */
    private final long rows;
    /** The distinct categories, in first-appearance order. */
    private final String[] categories;
    /** How many values are each category, each {@code >= 1}. */
    private final long[] counts;

    private OneHotEncoderStats(String column, long rows, String[] categories, long[] counts) {
        this.column = column;
        this.rows = rows;
        this.categories = categories;
        this.counts = counts;
    }

    /**
     * Returns the statistics of no values of a column.
     *
     * @param column the column's name, non-empty
     * @return statistics that {@link #merge} leaves unchanged
     * @throws IllegalArgumentException if the name is empty: {@code "column must be a non-empty name, found """}
     */
    public static OneHotEncoderStats empty(String column) {
        checkColumn(column);
        return new OneHotEncoderStats(column, 0, new String[0], new long[0]);
    }

    /**
     * Counts the categories of a chunk of a column's values.
     *
     * @param column the column's name, non-empty (used in messages and checked by {@link #merge} and the fit)
     * @param values the values, one per row; any number, also none; none null. Not modified.
     * @return the statistics
     * @throws IllegalArgumentException if the name is empty
     * @throws InvalidDataException if a value is null, naming its row (counted from 0 in the chunk):
     *     {@code "row 2, column Contract: value must be non-null, found null"}
     */
    public static OneHotEncoderStats accumulate(String column, String[] values) {
        checkColumn(column);
        Objects.requireNonNull(values, "values");
        Map<String, Integer> index = new HashMap<>();
        String[] cats = new String[Math.min(values.length, 16)];
        long[] c = new long[cats.length];
        int k = 0;
        for (int i = 0; i < values.length; i++) {
            String v = values[i];
            if (v == null) {
                throw OneHotEncoderModel.nullValue(i, column);
            }
            Integer at = index.putIfAbsent(v, k);
            if (at == null) {
                if (k == cats.length) {
                    cats = Arrays.copyOf(cats, 2 * k);
                    c = Arrays.copyOf(c, 2 * k);
                }
                cats[k] = v;
                c[k++] = 1;
            } else {
                c[at]++;
            }
        }
        return new OneHotEncoderStats(column, values.length, Arrays.copyOf(cats, k), Arrays.copyOf(c, k));
    }

    private static void checkColumn(String column) {
        Objects.requireNonNull(column, "column");
        ParamChecks.requireArgument(!column.isEmpty(), "column must be a non-empty name, found \"\"");
    }

    /**
     * Returns the statistics of the values of both, this one's first: counts of equal categories added, the
     * categories that only {@code other} holds appended in its order.
     *
     * @param other statistics of the same column; its rows come after this one's. Not modified.
     * @return new statistics
     * @throws IllegalArgumentException if the columns differ, e.g.
     *     {@code "other must have the same column, found "Contract" and "Tier""}
     * @throws ArithmeticException if the row count passes {@code Long.MAX_VALUE}
     */
    public OneHotEncoderStats merge(OneHotEncoderStats other) {
        Objects.requireNonNull(other, "other");
        ParamChecks.requireArgument(column.equals(other.column), "other must have the same column, found \"%s\" and "
                + "\"%s\"", column, other.column);
        Map<String, Integer> index = new HashMap<>(categories.length * 2);
        for (int k = 0; k < categories.length; k++) {
            index.put(categories[k], k);
        }
        String[] cats = Arrays.copyOf(categories, categories.length + other.categories.length);
        long[] c = Arrays.copyOf(counts, cats.length);
        int k = categories.length;
        for (int o = 0; o < other.categories.length; o++) {
            Integer at = index.get(other.categories[o]);
            if (at == null) {
                cats[k] = other.categories[o];
                c[k++] = other.counts[o];
            } else {
                c[at] = Math.addExact(c[at], other.counts[o]);
            }
        }
        return new OneHotEncoderStats(column, Math.addExact(rows, other.rows), Arrays.copyOf(cats, k),
                Arrays.copyOf(c, k));
    }

    /**
     * Returns the column's name.
     *
     * @return the name given to {@link #accumulate} or {@link #empty}
     */
    public String column() {
        return column;
    }

    /**
     * Returns the number of values accumulated.
     *
     * @return the count
     */
    public long rows() {
        return rows;
    }

    /**
     * Returns the distinct categories, in the order the rows first show them.
     *
     * @return an unmodifiable list
     */
    public List<String> categories() {
        return List.of(categories);
    }

    /**
     * Returns how many values are each category of {@link #categories()}.
     *
     * @return a copy, each {@code >= 1}, summing to {@link #rows()}
     */
    public long[] counts() {
        return counts.clone();
    }

    // zero-copy access for the trainer
    String[] categoryArray() {
        return categories;
    }

    /**
     * Compares the column, the count and the categories with their counts, in order.
     *
     * @param o another object
     * @return true if o holds the same statistics
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof OneHotEncoderStats s && rows == s.rows && column.equals(s.column)
                && Arrays.equals(categories, s.categories) && Arrays.equals(counts, s.counts);
    }

    /**
     * Hashes the statistics.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return Objects.hash(column, rows, Arrays.hashCode(categories), Arrays.hashCode(counts));
    }

    /**
     * Summarizes the statistics.
     *
     * @return e.g. {@code OneHotEncoderStats{column=Contract, rows=7, categories=3}}
     */
    @Override
    public String toString() {
        return "OneHotEncoderStats{column=" + column + ", rows=" + rows + ", categories=" + categories.length + "}";
    }
}
