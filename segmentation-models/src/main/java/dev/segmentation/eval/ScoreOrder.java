package dev.segmentation.eval;

import java.util.Arrays;

/**
 * The class split behind the metrics: no per-row objects, so AUC, average precision and profit curves cost
 * {@code O(n)} extra words and {@code O(n log n)} time at 10^7 rows; the gains order is the radix sort
 * {@link dev.segmentation.internal.sort.DoubleOrder#descending(double[])}, {@code O(n)}. Package-private.
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
}
