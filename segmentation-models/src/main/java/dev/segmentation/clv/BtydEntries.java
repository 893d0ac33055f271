package dev.segmentation.clv;

import dev.segmentation.InvalidDataException;
import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.Arrays;

/**
 * The machinery that {@link BtydHistogram} (keys {@code (x, t_x, T)}) and {@link BtydHoldoutHistogram} (keys
 * {@code (x, t_x, T, holdout x)}) share (issue 18: each had its own copy): an open-addressing hash table on the exact
 * bit patterns of three or four doubles that gives each distinct key an entry id in order of first appearance, the
 * sort of the entries by their keys, and the checks of an added entry. The callers keep their weights (doubles) or
 * counts (longs) by entry id.
 *
 * <p>Each slot holds the keys and the entry id in one block of {@code keys + 1} longs (32 bytes for three keys), so a
 * probe mostly touches one cache line. O(1) expected time per {@link #add}, O(k log k) for the sort of k entries.
 * Capacity: at most {@link BtydHistogram#MAX_ENTRIES} entries. Not thread-safe.
 */
final class BtydEntries {
    private static final long EMPTY = -1L; // a NaN pattern that doubleToLongBits never returns
    /** Longs per slot: the keys, then the entry id. */
    private final int stride;
    private long[] lanes;
    private int mask;
    private int size;

    /**
     * An empty table.
     *
     * @param keys 3 or 4
     * @param expected the expected number of entries (a hint; capped at {@link BtydHistogram#MAX_ENTRIES})
     */
    BtydEntries(int keys, int expected) {
        this.stride = keys + 1;
        expected = Math.min(expected, BtydHistogram.MAX_ENTRIES);
        int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        lanes = new long[cap * stride];
        Arrays.fill(lanes, EMPTY);
        mask = cap - 1;
    }

    /** Returns the number of distinct keys added. */
    int size() {
        return size;
    }

    /**
     * Returns the entry id of a key, a new one (the next in order of first appearance) for a key not seen before.
     * {@code -0.0} and {@code 0.0} are the same key.
     *
     * @param h the fourth key; ignored (pass 0) in a table of three keys
     * @throws InvalidDataException if a new entry would pass {@link BtydHistogram#MAX_ENTRIES}
     */
    int add(double x, double r, double t, double h) {
        long bx = Double.doubleToLongBits(x + 0.0);
        long br = Double.doubleToLongBits(r + 0.0);
        long bt = Double.doubleToLongBits(t + 0.0);
        boolean four = stride == 5;
        long bh = four ? Double.doubleToLongBits(h + 0.0) : 0L;
        long[] l = lanes;
        int s = stride;
        int pos = hash(bx, br, bt, bh, four) & mask;
        while (true) {
            int base = pos * s;
            long k = l[base];
            if (k == EMPTY) {
                break;
            }
            if (k == bx && l[base + 1] == br && l[base + 2] == bt && (!four || l[base + 3] == bh)) {
                return (int) l[base + s - 1];
            }
            pos = (pos + 1) & mask;
        }
        int base = pos * s;
        requireCapacity(size + 1L);
        int e = size++;
        l[base] = bx;
        l[base + 1] = br;
        l[base + 2] = bt;
        if (four) {
            l[base + 3] = bh;
        }
        l[base + s - 1] = e;
        if (size * 2 > mask + 1) {
            rehash();
        }
        return e;
    }

    /** Refuses more than {@link BtydHistogram#MAX_ENTRIES} entries, before the table outgrows int indexes. */
    static void requireCapacity(long entries) {
        if (entries > BtydHistogram.MAX_ENTRIES) {
            throw new InvalidDataException("histogram distinct (frequency, recency, T) entries must be <= "
                    + BtydHistogram.MAX_ENTRIES + ", found " + entries + "; summarize in a coarser time unit so that "
                    + "equal triples merge");
        }
    }

    /** SplitMix-style mixing of the key bits; the fourth key adds one more round. */
    private static int hash(long a, long b, long c, long d, boolean four) {
        long h = a * 0x9E3779B97F4A7C15L;
        h = (h ^ (h >>> 29) ^ b) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 31) ^ c) * 0x94D049BB133111EBL;
        if (four) {
            h = (h ^ (h >>> 29) ^ d) * 0x9E3779B97F4A7C15L;
        }
        return (int) (h ^ (h >>> 32));
    }

    private void rehash() {
        long[] old = lanes;
        int s = stride;
        boolean four = s == 5;
        int cap = (mask + 1) * 2;
        lanes = new long[cap * s];
        Arrays.fill(lanes, EMPTY);
        mask = cap - 1;
        for (int base = 0; base < old.length; base += s) {
            if (old[base] == EMPTY) {
                continue;
            }
            int pos = hash(old[base], old[base + 1], old[base + 2], four ? old[base + 3] : 0L, four) & mask;
            while (lanes[pos * s] != EMPTY) {
                pos = (pos + 1) & mask;
            }
            System.arraycopy(old, base, lanes, pos * s, s);
        }
    }

    /**
     * Returns the keys by entry id: {@code keys()[i][e]} is key i (0 frequency, 1 recency, 2 T, 3 holdout
     * frequency) of entry e.
     */
    double[][] keys() {
        int s = stride;
        boolean four = s == 5;
        double[] x = new double[size];
        double[] r = new double[size];
        double[] t = new double[size];
        double[] h = four ? new double[size] : null;
        long[] l = lanes;
        for (int base = 0; base < l.length; base += s) {
            if (l[base] != EMPTY) {
                int e = (int) l[base + s - 1];
                x[e] = Double.longBitsToDouble(l[base]);
                r[e] = Double.longBitsToDouble(l[base + 1]);
                t[e] = Double.longBitsToDouble(l[base + 2]);
                if (four) {
                    h[e] = Double.longBitsToDouble(l[base + 3]);
                }
            }
        }
        return four ? new double[][] {x, r, t, h} : new double[][] {x, r, t};
    }

    /**
     * Returns the entry ids in increasing order of their keys, compared key by key ({@link Double#compare}); for
     * distinct keys (the histograms' entries) the order is unique, equal keys come in no stated order.
     *
     * @param keys one or more arrays of one length, e.g. as {@link #keys()} returns them
     */
    static int[] sortedOrder(double[][] keys) {
        int[] order = new int[keys[0].length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        IntArrays.quickSort(order, (i, j) -> {
            for (double[] key : keys) {
                int c = Double.compare(key[i], key[j]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        return order;
    }

    /**
     * The sorted order of the entries and the {@link ValueIndex} of each key (in entry order): the order of
     * {@link #sortedOrder}, found by a primitive sort of rank keys ({@link #sortOrder}, issue 19: the comparator
     * sort was a tenth of the lifetime-value stage at 1 M customers) where the key fits a long, else by that
     * comparator sort.
     *
     * @param order the entry ids in sorted order
     * @param indexes the value index of each key column, by entry id
     */
    record Sorted(int[] order, ValueIndex[] indexes) {
        /** The value indexes of the first {@code columns} keys, by position in the sorted order. */
        ValueIndex[] sortedIndexes(int columns) {
            ValueIndex[] out = new ValueIndex[columns];
            for (int j = 0; j < columns; j++) {
                out[j] = indexes[j].permuted(permute(indexes[j].index, order));
            }
            return out;
        }
    }

    /** Sorts the entries as {@link #sortedOrder} does, keeping the keys' value indexes (see {@link Sorted}). */
    static Sorted sorted(double[][] keys) {
        int n = keys[0].length;
        ValueIndex[] ix = new ValueIndex[keys.length];
        int[][] ranks = new int[keys.length][];
        int[] counts = new int[keys.length];
        for (int j = 0; j < keys.length; j++) {
            ix[j] = ValueIndex.of(keys[j]);
            ranks[j] = ix[j].index;
            counts[j] = ix[j].values.length;
        }
        int[] order = sortOrder(ranks, counts, n);
        return new Sorted(order != null ? order : sortedOrder(keys), ix);
    }

    /**
     * The order of {@code n} entries by their ranks ({@code ranks[j][e]}, below {@code counts[j]}): by the ranks of
     * column 0, then 1, and so on, equal ranks in entry order; by a primitive sort of the keys, the ranks in mixed
     * radix times n plus the entry; null when such a key could overflow a long.
     */
    static int[] sortOrder(int[][] ranks, int[] counts, int n) {
        double bound = n;
        for (int count : counts) {
            bound *= count;
        }
        if (!(bound < 0x1p62)) {
            return null;
        }
        long[] keys = new long[n];
        for (int e = 0; e < n; e++) {
            long key = 0;
            for (int j = 0; j < ranks.length; j++) {
                key = key * counts[j] + ranks[j][e];
            }
            keys[e] = key * n + e;
        }
        java.util.Arrays.sort(keys);
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = (int) (keys[k] % n);
        }
        return order;
    }

    /** Returns {@code values[order[k]]} for each k: the values in sorted order. */
    static int[] permute(int[] values, int[] order) {
        int[] out = new int[order.length];
        for (int k = 0; k < order.length; k++) {
            out[k] = values[order[k]];
        }
        return out;
    }

    /** Returns {@code values[order[k]]} for each k: the values in sorted order. */
    static double[] permute(double[] values, int[] order) {
        double[] out = new double[order.length];
        for (int k = 0; k < order.length; k++) {
            out[k] = values[order[k]];
        }
        return out;
    }

    /** Returns {@code values[order[k]]} for each k: the values in sorted order. */
    static long[] permute(long[] values, int[] order) {
        long[] out = new long[order.length];
        for (int k = 0; k < order.length; k++) {
            out[k] = values[order[k]];
        }
        return out;
    }

    /**
     * Checks the calibration keys of the {@code row}-th added entry: x a non-negative integer, t_x and T finite and
     * {@code >= 0}, {@code t_x <= T}.
     *
     * @throws InvalidDataException naming the entry, the column and the value
     */
    static void checkTriple(long row, double frequency, double recency, double T) {
        if (!(frequency >= 0) || Double.isInfinite(frequency) || frequency != Math.rint(frequency)) {
            throw bad(row, "frequency", "a non-negative integer", frequency);
        }
        if (!(recency >= 0) || Double.isInfinite(recency)) {
            throw bad(row, "recency", "finite and >= 0", recency);
        }
        if (!(T >= 0) || Double.isInfinite(T)) {
            throw bad(row, "T", "finite and >= 0", T);
        }
        if (recency > T) {
            throw bad(row, "recency", "<= T = " + T, recency);
        }
    }

    /** "entry ROW: COLUMN must be CONSTRAINT, found VALUE", with the row and the column as fields. */
    static InvalidDataException bad(long row, String column, String constraint, double value) {
        return new InvalidDataException("entry " + row + ": " + column + " must be " + constraint + ", found "
                + value, row, column, null);
    }
}
