package dev.segmentation.features;

import dev.segmentation.internal.sort.DoubleOrder;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * Mergeable counts of a column's distinct values: each distinct finite value with how many rows hold it, in
 * ascending order. They are the statistics {@link QuantileBinner} fits from ({@link QuantileBinner#fit(java.util.List,
 * java.util.List)}): its edges depend on the sorted column only through the runs of equal values, which the counts
 * keep exactly. A chunk (a thread's rows, a Spark partition) counts its values with {@link #of(double[])}, and a
 * driver reduces the chunks' counts with {@link #merge}.
 *
 * <pre>{@code
 * ValueCounts all = ValueCounts.of(new double[] {3, 1, 3}).merge(ValueCounts.of(new double[] {1, 2}));
 * all.values();   // [1.0, 2.0, 3.0]
 * all.counts();   // [2, 1, 2]
 * }</pre>
 *
 * <p>{@code 0.0} and {@code -0.0} are one value, counted as {@code 0.0} (they compare equal, as in the binner's
 * rule). Counting and merging are exact, so {@link #merge} is associative and order-independent: any grouping of
 * the rows into chunks gives equal counts. Complexity: {@code O(n)} to count n values (a radix sort), {@code O(a + b)}
 * to merge. Instances are immutable and safe for concurrent use; they are {@link Serializable} so that engines can ship
 * a chunk's counts (never used for model files).
 */
public final class ValueCounts implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ValueCounts EMPTY = new ValueCounts(new double[0], new long[0], 0);

    /** The distinct values, ascending, {@code -0.0} stored as {@code 0.0}. */
    private final double[] values;
    /** How many rows hold each value, each {@code >= 1}. */
    private final long[] counts;
    /** The sum of the counts. */
    private final long total;

    private ValueCounts(double[] values, long[] counts, long total) {
        this.values = values;
        this.counts = counts;
        this.total = total;
    }

    /**
     * Returns the counts of no values.
     *
     * @return the empty counts, which {@link #merge} leaves unchanged
     */
    public static ValueCounts empty() {
        return EMPTY;
    }

    /**
     * Counts the distinct values of a chunk.
     *
     * @param values the values, each finite. Not modified.
     * @return their counts
     * @throws IllegalArgumentException if a value is NaN or infinite, e.g. {@code "values[2] must be finite, found
     *     NaN"}
     */
    public static ValueCounts of(double[] values) {
        Objects.requireNonNull(values, "values");
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("values[" + i + "] must be finite, found " + values[i]);
            }
        }
        return ofSorted(sorted(values.clone()));
    }

    /**
     * Sorts finite values in place (no check) and returns them: the order of {@link Arrays#sort(double[])}, bit for
     * bit, by the library's radix sort ({@link DoubleOrder#sort}, {@code O(n)}; issue 18).
     */
    static double[] sorted(double[] v) {
        DoubleOrder.sort(v);
        return v;
    }

    /** The counts of finite values sorted ascending (no check), {@code -0.0} counted as {@code 0.0}. */
    static ValueCounts ofSorted(double[] v) {
        int n = v.length;
        int runs = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || v[i] != v[i - 1]) {
                runs++;
            }
        }
        double[] values = new double[runs];
        long[] counts = new long[runs];
        int r = -1;
        for (int i = 0; i < n; i++) {
            if (i == 0 || v[i] != v[i - 1]) {
                values[++r] = v[i] + 0.0; // + 0.0 turns -0.0 into 0.0
            }
            counts[r]++;
        }
        return new ValueCounts(values, counts, n);
    }

    /**
     * Returns the counts of the values of both.
     *
     * @param other the other counts
     * @return new counts (this one when other is empty, and the reverse)
     * @throws ArithmeticException if the total passes {@code Long.MAX_VALUE}
     */
    public ValueCounts merge(ValueCounts other) {
        Objects.requireNonNull(other, "other");
        if (other.values.length == 0) {
            return this;
        }
        if (values.length == 0) {
            return other;
        }
        double[] v = new double[values.length + other.values.length];
        long[] c = new long[v.length];
        int a = 0;
        int b = 0;
        int r = 0;
        while (a < values.length || b < other.values.length) {
            if (b == other.values.length || a < values.length && values[a] < other.values[b]) {
                v[r] = values[a];
                c[r++] = counts[a++];
            } else if (a == values.length || other.values[b] < values[a]) {
                v[r] = other.values[b];
                c[r++] = other.counts[b++];
            } else {
                v[r] = values[a];
                c[r++] = Math.addExact(counts[a++], other.counts[b++]);
            }
        }
        return new ValueCounts(Arrays.copyOf(v, r), Arrays.copyOf(c, r), Math.addExact(total, other.total));
    }

    /**
     * Returns the number of values counted (rows).
     *
     * @return the total of the counts
     */
    public long total() {
        return total;
    }

    /**
     * Returns the number of distinct values.
     *
     * @return the number of distinct values
     */
    public int distinct() {
        return values.length;
    }

    /**
     * Returns the distinct values, ascending.
     *
     * @return a copy
     */
    public double[] values() {
        return values.clone();
    }

    /**
     * Returns how many rows hold each value of {@link #values()}.
     *
     * @return a copy, each {@code >= 1}
     */
    public long[] counts() {
        return counts.clone();
    }

    /** The value at a 0-based position of the sorted column: binary search over the running counts. */
    double valueAtRank(long[] ends, long position) {
        int lo = 0;
        int hi = ends.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] <= position) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return values[lo];
    }

    /** The running totals: entry i is the end (exclusive) of value i's run in the sorted column. */
    long[] runEnds() {
        long[] ends = new long[counts.length];
        long s = 0;
        for (int i = 0; i < counts.length; i++) {
            s += counts[i];
            ends[i] = s;
        }
        return ends;
    }

    /** The counts of the negated values (for a descending column), ascending. */
    ValueCounts negated() {
        int k = values.length;
        double[] v = new double[k];
        long[] c = new long[k];
        for (int i = 0; i < k; i++) {
            v[i] = -values[k - 1 - i] + 0.0;
            c[i] = counts[k - 1 - i];
        }
        return new ValueCounts(v, c, total);
    }

    /**
     * Compares values and counts.
     *
     * @param o another object
     * @return true if o counts the same values the same number of times
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof ValueCounts c && total == c.total && Arrays.equals(values, c.values)
                && Arrays.equals(counts, c.counts);
    }

    /**
     * Hashes the counts.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + Arrays.hashCode(counts);
    }

    /**
     * Summarizes the counts.
     *
     * @return the total and the number of distinct values
     */
    @Override
    public String toString() {
        return "ValueCounts{total=" + total + ", distinct=" + values.length + "}";
    }
}
