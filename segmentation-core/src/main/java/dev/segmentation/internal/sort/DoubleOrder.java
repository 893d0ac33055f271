package dev.segmentation.internal.sort;

/**
 * The stable order of a column of doubles by a least-significant-digit radix sort (issue 19): O(n) and with
 * sequential reads, where a comparator sort of boxed indexes or a binary search per row misses the cache on every
 * step. The order is {@link Double#compare}'s ({@code -0.0} before {@code 0.0}, NaN after every other value) and
 * stable: equal values keep their row order, so the result is unique and the same as a stable comparison sort's,
 * bit for bit. Used by the lifetime-value histograms and value index ({@code clv}) and by the metrics that rank
 * scores ({@code eval}). Static and pure; not API.
 */
public final class DoubleOrder {
    /** Bits per digit: six passes over 64 bits, with 2048 counters each. */
    private static final int BITS = 11;
    private static final int RADIX = 1 << BITS;
    private static final int PASSES = (64 + BITS - 1) / BITS;
    /**
     * Bits per digit of {@link #sort(double[])}: eight passes with 256 counters each, whose counts (8 KB) stay in the
     * L1 cache. On two 1 M columns of continuous values (log-normal, uniform) it beat 11-bit digits in a stand-alone
     * timing loop (medians of 12 rounds in three runs: 46-72 ms against 90-94 ms, load 13 on 2 cores; issue 18);
     * the orders with rows keep the 11 bits chosen for them (issue 19).
     */
    private static final int VALUE_BITS = 8;
    private static final int VALUE_RADIX = 1 << VALUE_BITS;
    private static final int VALUE_PASSES = 64 / VALUE_BITS;

    private DoubleOrder() {
    }

    /**
     * Returns the rows of {@code v} in ascending order of {@link Double#compare}, equal values by row.
     *
     * @param v the values, any (NaN last, {@code -0.0} before {@code 0.0}). Not modified.
     * @return the row order, a new permutation of {@code 0..n-1}
     */
    public static int[] ascending(double[] v) {
        long[] key = new long[v.length];
        for (int i = 0; i < key.length; i++) {
            key[i] = unsignedImage(v[i]);
        }
        return order(key);
    }

    /**
     * Returns the rows of {@code v} in descending order of {@link Double#compare}, equal values by row (so
     * {@code -0.0} comes after {@code 0.0}): the order of a stable sort with the comparator reversed, which is not
     * the reverse of {@link #ascending(double[])} when values tie.
     *
     * @param v the values, any (NaN first). Not modified.
     * @return the row order, a new permutation of {@code 0..n-1}
     */
    public static int[] descending(double[] v) {
        long[] key = new long[v.length];
        for (int i = 0; i < key.length; i++) {
            key[i] = ~unsignedImage(v[i]);
        }
        return order(key);
    }

    /**
     * Sorts values in place into the order of {@link java.util.Arrays#sort(double[])} ({@code -0.0} before
     * {@code 0.0}, NaN last), by a radix sort of the values themselves (8-bit digits): the result is the same array
     * bit for bit, in {@code O(n)} (a pass is skipped when every value has the same digit, as integer-valued columns
     * do for their low mantissa bits) where the comparison sort takes {@code O(n log n)}.
     *
     * @param v the values, any; a NaN comes out as the canonical NaN. Modified: sorted.
     */
    public static void sort(double[] v) {
        int n = v.length;
        long[] key = new long[n];
        for (int i = 0; i < n; i++) {
            key[i] = unsignedImage(v[i]);
        }
        int[][] counts = new int[VALUE_PASSES][VALUE_RADIX];
        for (int i = 0; i < n; i++) {
            long k = key[i];
            for (int p = 0; p < VALUE_PASSES; p++) {
                counts[p][(int) ((k >>> (p * VALUE_BITS)) & (VALUE_RADIX - 1))]++;
            }
        }
        long[] key2 = new long[n];
        for (int p = 0; p < VALUE_PASSES; p++) {
            int[] c = counts[p];
            int shift = p * VALUE_BITS;
            if (n == 0 || c[(int) ((key[0] >>> shift) & (VALUE_RADIX - 1))] == n) {
                continue; // every key has this digit: the pass would not move anything
            }
            int sum = 0;
            for (int d = 0; d < VALUE_RADIX; d++) {
                int cd = c[d];
                c[d] = sum;
                sum += cd;
            }
            for (int i = 0; i < n; i++) {
                long k = key[i];
                key2[c[(int) ((k >>> shift) & (VALUE_RADIX - 1))]++] = k;
            }
            long[] tk = key;
            key = key2;
            key2 = tk;
        }
        for (int i = 0; i < n; i++) {
            v[i] = fromUnsignedImage(key[i]);
        }
    }

    /** The double whose {@link #unsignedImage} is {@code k}. */
    private static double fromUnsignedImage(long k) {
        return Double.longBitsToDouble(k ^ ((~k >> 63) | Long.MIN_VALUE));
    }

    /**
     * The 64-bit image of a double whose unsigned order is {@link Double#compare}'s: a negative value's bits
     * flipped whole, a positive value's sign bit set (NaN is canonical, above +infinity).
     */
    private static long unsignedImage(double x) {
        long b = Double.doubleToLongBits(x);
        return b ^ ((b >> 63) | Long.MIN_VALUE);
    }

    /** The stable ascending order of unsigned keys; {@code key} is overwritten. */
    private static int[] order(long[] key) {
        int n = key.length;
        int[] row = new int[n];
        int[][] counts = new int[PASSES][RADIX];
        for (int i = 0; i < n; i++) {
            long k = key[i];
            row[i] = i;
            for (int p = 0; p < PASSES; p++) {
                counts[p][(int) ((k >>> (p * BITS)) & (RADIX - 1))]++;
            }
        }
        long[] key2 = new long[n];
        int[] row2 = new int[n];
        for (int p = 0; p < PASSES; p++) {
            int[] c = counts[p];
            int shift = p * BITS;
            if (n == 0 || c[(int) ((key[0] >>> shift) & (RADIX - 1))] == n) {
                continue; // every key has this digit: the pass would not move anything
            }
            int sum = 0;
            for (int d = 0; d < RADIX; d++) {
                int cd = c[d];
                c[d] = sum;
                sum += cd;
            }
            for (int i = 0; i < n; i++) {
                long k = key[i];
                int pos = c[(int) ((k >>> shift) & (RADIX - 1))]++;
                key2[pos] = k;
                row2[pos] = row[i];
            }
            long[] tk = key;
            key = key2;
            key2 = tk;
            int[] tr = row;
            row = row2;
            row2 = tr;
        }
        return row;
    }
}
