package dev.segmentation.clv;

/**
 * The ascending order of a column of doubles by a least-significant-digit radix sort (issue 19): O(n) and with
 * sequential reads, where a comparator sort of indexes or a binary search per row misses the cache on every
 * step for the lifetime-value stage's hundreds of thousands of triples. The order is {@link Double#compare}'s
 * ({@code -0.0} before {@code 0.0}, NaN last) and stable: equal values keep their row order, so the result is
 * unique. Static and pure.
 */
final class DoubleOrder {
    /** Bits per digit: six passes over 64 bits, with 2048 counters each. */
    private static final int BITS = 11;
    private static final int RADIX = 1 << BITS;
    private static final int PASSES = (64 + BITS - 1) / BITS;

    private DoubleOrder() {
    }

    /**
     * The rows of {@code v} in ascending order, equal values by row.
     *
     * @param v the values. Not modified.
     * @return the row order, a new array
     */
    static int[] ascending(double[] v) {
        int n = v.length;
        long[] key = new long[n];
        int[] row = new int[n];
        int[][] counts = new int[PASSES][RADIX];
        for (int i = 0; i < n; i++) {
            long b = Double.doubleToLongBits(v[i]);
            // unsigned order of the result = Double.compare's order: negatives flipped whole, positives' sign set
            long k = b ^ ((b >> 63) | Long.MIN_VALUE);
            key[i] = k;
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
