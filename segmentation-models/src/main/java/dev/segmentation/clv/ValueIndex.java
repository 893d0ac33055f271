package dev.segmentation.clv;

import dev.segmentation.internal.sort.DoubleOrder;
import java.util.Arrays;

/**
 * The distinct values of a column and, per row, the index of its value: lets a likelihood compute
 * {@code log(alpha + T)} once per distinct T instead of once per row (a cohort observed in whole days has a
 * few hundred distinct T and t_x among hundreds of thousands of histogram entries). Immutable.
 *
 * <p>The values are sorted as {@link Arrays#sort(double[])} sorts them and are distinct under
 * {@link Double#compare} (so {@code -0.0} and {@code 0.0} are two values and every NaN is one). They are found by
 * hashing the rows' bit patterns and sorting only the distinct values, below {@value #RADIX_ROWS} rows or while at
 * most {@value #HASHED_VALUES} values are distinct, else by one radix sort of the rows ({@link DoubleOrder}), O(n):
 * the comparison sort of the whole column and a binary search per row were a tenth of the lifetime-value stage at
 * 1 M customers, and the radix sort's six scattering passes still were the histograms' main cost there (issue 19).
 * All give the same values and indexes.
 */
final class ValueIndex {
    final double[] values;
    final int[] index;

    ValueIndex(double[] values, int[] index) {
        this.values = values;
        this.index = index;
    }

    /** The index of the same values for rows in another order: {@code index} must be this one's, permuted. */
    ValueIndex permuted(int[] index) {
        return new ValueIndex(values, index);
    }

    /**
     * This index with each value {@code v} replaced by {@code f(v)}, for an {@code f} that keeps the values' order
     * ({@code v * scale} or {@code v + d} of non-negative values): the index of the column {@code f(column[i])},
     * except that values {@code f} rounds together stay separate entries until {@link #restrict} merges them.
     */
    ValueIndex mapped(java.util.function.DoubleUnaryOperator f) {
        double[] v = new double[values.length];
        for (int k = 0; k < v.length; k++) {
            v[k] = f.applyAsDouble(values[k]);
        }
        return new ValueIndex(v, index);
    }

    /**
     * The index of rows {@code [from, to)} alone, bit for bit {@code of(Arrays.copyOfRange(column, from, to))} for
     * this index of {@code column} (or a {@link #mapped} one of it): the values those rows use, in order, equal ones
     * merged, found from the row indexes in {@code O(rows + values)} without hashing or sorting the rows' doubles
     * (issue 19: the holdout evaluation indexed every chunk of triples anew).
     */
    ValueIndex restrict(int from, int to) {
        int nv = values.length;
        boolean[] used = new boolean[nv];
        for (int i = from; i < to; i++) {
            used[index[i]] = true;
        }
        int[] local = new int[nv];
        double[] v = new double[Math.min(nv, to - from)];
        int d = 0;
        for (int k = 0; k < nv; k++) {
            if (used[k]) {
                if (d == 0 || Double.compare(values[k], v[d - 1]) != 0) {
                    v[d++] = values[k];
                }
                local[k] = d - 1;
            }
        }
        int[] ix = new int[to - from];
        for (int i = from; i < to; i++) {
            ix[i - from] = local[index[i]];
        }
        return new ValueIndex(Arrays.copyOf(v, d), ix);
    }

    /** Below this many rows hashing is cheaper than the radix sort's passes, however many values are distinct. */
    private static final int RADIX_ROWS = 1 << 15;

    /**
     * From {@link #RADIX_ROWS} rows on, hashing is tried first and gives way to the radix sort once more than this
     * many values are distinct: a table of up to twice as many slots stays in the cache, where each of the radix
     * sort's six passes scatters every row (a histogram's x, t_x and T have a few hundred distinct values).
     */
    static final int HASHED_VALUES = 1 << 12;

    static ValueIndex of(double[] column) {
        if (column.length < RADIX_ROWS) {
            return hashed(column, Integer.MAX_VALUE);
        }
        ValueIndex v = hashed(column, HASHED_VALUES);
        return v != null ? v : of(column, true);
    }

    /** The indexes of three columns (a histogram's x, t_x and T). */
    static ValueIndex[] of(double[] x, double[] tx, double[] t) {
        return new ValueIndex[] {of(x), of(tx), of(t)};
    }

    /** {@link #of(double[])} by the radix sort or by hashing (the same result; for tests). */
    static ValueIndex of(double[] column, boolean radix) {
        int n = column.length;
        if (!radix) {
            return hashed(column, Integer.MAX_VALUE);
        }
        int[] order = DoubleOrder.ascending(column);
        double[] distinct = new double[n];
        int[] index = new int[n];
        int d = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (d == 0 || Double.compare(column[i], distinct[d - 1]) != 0) {
                distinct[d++] = column[i];
            }
            index[i] = d - 1;
        }
        return new ValueIndex(Arrays.copyOf(distinct, d), index);
    }

    /**
     * The index by hashing: the distinct bit patterns (equal under Double.compare iff equal bits), then only those
     * sorted; null when more than {@code maxDistinct} values are distinct.
     */
    private static ValueIndex hashed(double[] column, int maxDistinct) {
        int n = column.length;
        long[] bits = new long[n];
        for (int i = 0; i < n; i++) {
            bits[i] = Double.doubleToLongBits(column[i]);
        }
        int[] index = new int[n];
        long[] distinct = Ids.of(bits, index, maxDistinct);
        if (distinct == null) {
            return null;
        }
        int d = distinct.length;
        double[] values = new double[d];
        for (int k = 0; k < d; k++) {
            values[k] = Double.longBitsToDouble(distinct[k]);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int[] rank = new int[d];
        for (int k = 0; k < d; k++) {
            rank[k] = Arrays.binarySearch(sorted, values[k]);
        }
        for (int i = 0; i < n; i++) {
            index[i] = rank[index[i]];
        }
        return new ValueIndex(sorted, index);
    }

    /** Dense ids of distinct {@code long} keys by an open-addressing hash table. */
    static final class Ids {
        /** A NaN pattern that {@link Double#doubleToLongBits} never returns, and no id key below reaches. */
        private static final long EMPTY = -1L;

        private Ids() {
        }

        /**
         * Writes to {@code ids[i]} the id of {@code keys[i]}, ids dense from 0 in order of first appearance, and
         * returns the distinct keys by id. No key may equal -1.
         */
        static long[] of(long[] keys, int[] ids) {
            return of(keys, ids, Integer.MAX_VALUE);
        }

        /**
         * {@link #of(long[], int[])}, or null (with {@code ids} partly written) as soon as more than
         * {@code maxDistinct} keys are distinct.
         */
        static long[] of(long[] keys, int[] ids, int maxDistinct) {
            int n = keys.length;
            int cap = 16;
            long[] table = new long[cap];
            int[] slotId = new int[cap];
            Arrays.fill(table, EMPTY);
            int mask = cap - 1;
            long[] distinct = new long[16];
            int size = 0;
            for (int i = 0; i < n; i++) {
                long key = keys[i];
                int pos = hash(key) & mask;
                while (true) {
                    long k = table[pos];
                    if (k == key) {
                        ids[i] = slotId[pos];
                        break;
                    }
                    if (k == EMPTY) {
                        if (size == maxDistinct) {
                            return null;
                        }
                        table[pos] = key;
                        slotId[pos] = size;
                        ids[i] = size;
                        if (size == distinct.length) {
                            distinct = Arrays.copyOf(distinct, size * 2);
                        }
                        distinct[size++] = key;
                        if (2 * size > cap) {
                            cap *= 2;
                            mask = cap - 1;
                            table = new long[cap];
                            slotId = new int[cap];
                            Arrays.fill(table, EMPTY);
                            for (int e = 0; e < size; e++) {
                                int p = hash(distinct[e]) & mask;
                                while (table[p] != EMPTY) {
                                    p = (p + 1) & mask;
                                }
                                table[p] = distinct[e];
                                slotId[p] = e;
                            }
                        }
                        break;
                    }
                    pos = (pos + 1) & mask;
                }
            }
            return Arrays.copyOf(distinct, size);
        }

        private static int hash(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            h ^= h >>> 32;
            h *= 0xBF58476D1CE4E5B9L;
            return (int) (h ^ (h >>> 29));
        }
    }
}
