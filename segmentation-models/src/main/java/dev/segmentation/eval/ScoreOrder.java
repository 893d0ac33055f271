package dev.segmentation.eval;

import java.util.Arrays;

/**
 * Primitive sorts behind the metrics: no per-row objects, so AUC, average precision, gains and profit curves
 * cost {@code O(n)} extra words and {@code O(n log n)} (class split) or {@code O(n)} (radix) time at 10^7
 * rows. Package-private.
 */
final class ScoreOrder {
    private ScoreOrder() {
    }

    /**
     * Returns the scores of each class sorted ascending: index 0 holds the label-0 scores, index 1 the label-1
     * scores. Ties between classes are then found by merging the two arrays.
     *
     * @param scores the scores, finite. Not modified.
     * @param labels 0 or 1. Not modified.
     * @param positives how many labels are 1
     * @return {negatives ascending, positives ascending}
     */
    static double[][] byClass(double[] scores, int[] labels, int positives) {
        double[] neg = new double[scores.length - positives];
        double[] pos = new double[positives];
        int a = 0;
        int b = 0;
        for (int i = 0; i < scores.length; i++) {
            if (labels[i] == 1) {
                pos[b++] = scores[i];
            } else {
                neg[a++] = scores[i];
            }
        }
        Arrays.sort(neg);
        Arrays.sort(pos);
        return new double[][] {neg, pos};
    }

    /**
     * Returns the row indices ordered by score, highest first, ties in row order (the order of a stable sort
     * by {@link Double#compare}, so -0.0 comes after 0.0). A least-significant-digit radix sort on the
     * order-preserving 64-bit image of each score, 16 bits per pass, passes with one digit value skipped.
     *
     * @param scores finite scores. Not modified.
     * @return a new permutation of {@code 0..n-1}
     */
    static int[] descending(double[] scores) {
        int n = scores.length;
        long[] key = new long[n];
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            long bits = Double.doubleToLongBits(scores[i]);
            long signed = bits ^ ((bits >> 63) & Long.MAX_VALUE); // signed order == Double.compare order
            key[i] = ~(signed ^ Long.MIN_VALUE); // unsigned image, complemented for descending
            idx[i] = i;
        }
        long[] key2 = new long[n];
        int[] idx2 = new int[n];
        int[] count = new int[1 << 16];
        for (int shift = 0; shift < 64; shift += 16) {
            Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) (key[i] >>> shift) & 0xFFFF]++;
            }
            if (n == 0 || count[(int) (key[0] >>> shift) & 0xFFFF] == n) {
                continue; // every key has this digit: the pass would not move anything
            }
            int sum = 0;
            for (int d = 0; d < count.length; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                int d = (int) (key[i] >>> shift) & 0xFFFF;
                int at = count[d]++;
                key2[at] = key[i];
                idx2[at] = idx[i];
            }
            long[] tk = key;
            key = key2;
            key2 = tk;
            int[] ti = idx;
            idx = idx2;
            idx2 = ti;
        }
        return idx;
    }
}
