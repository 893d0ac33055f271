package dev.segmentation.text;

import dev.segmentation.eval.BinaryMetrics;

/**
 * The outcome of {@link TextCrossValidation}: the pooled out-of-fold log-odds, accuracy, per-class F1,
 * macro-F1 (the unweighted mean of the two per-class F1 scores), ROC AUC on the pooled log-odds, and the
 * correct count and size of every fold. A row counts as predicted 1 when its log-odds are {@code > 0}.
 *
 * <p>Instances are immutable and safe for concurrent use: arrays are copied in and out.
 */
public final class TextCrossValidationResult {
    private final double[] scores;
    private final int[] folds;
    private final int[] correct;
    private final int[] size;
    private final double accuracy;
    private final double[] f1;
    private final double auc;

    TextCrossValidationResult(double[] scores, int[] y, int[] folds, int[] correct, int[] size) {
        this.scores = scores;
        this.folds = folds.clone();
        this.correct = correct;
        this.size = size;
        long[][] m = new long[2][2];
        for (int i = 0; i < y.length; i++) {
            m[y[i]][scores[i] > 0 ? 1 : 0]++;
        }
        this.accuracy = (m[0][0] + m[1][1]) / (double) y.length;
        this.f1 = new double[2];
        for (int c = 0; c < 2; c++) {
            long tp = m[c][c];
            long wrong = m[c][1 - c] + m[1 - c][c];
            f1[c] = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + wrong);
        }
        boolean both = m[0][0] + m[0][1] > 0 && m[1][0] + m[1][1] > 0;
        this.auc = both ? BinaryMetrics.rocAuc(scores, y) : Double.NaN;
    }

    /**
     * The share of rows predicted correctly, pooled over folds.
     *
     * @return accuracy in [0, 1]
     */
    public double accuracy() {
        return accuracy;
    }

    /**
     * The F1 score of one class, {@code 2 TP / (2 TP + FP + FN)} with that class as positive (0 when it is
     * never predicted and never right).
     *
     * @param label 0 or 1
     * @return the F1 in [0, 1]
     * @throws IllegalArgumentException if the label is not 0 or 1
     */
    public double f1(int label) {
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label must be 0 or 1, found " + label);
        }
        return f1[label];
    }

    /**
     * The macro-averaged F1: the mean of the two per-class F1 scores.
     *
     * @return macro-F1 in [0, 1]
     */
    public double macroF1() {
        return (f1[0] + f1[1]) / 2;
    }

    /**
     * The ROC AUC of the pooled out-of-fold log-odds (NaN if the labels hold one class).
     *
     * @return the AUC
     */
    public double auc() {
        return auc;
    }

    /**
     * The number of folds.
     *
     * @return k
     */
    public int foldCount() {
        return size.length;
    }

    /**
     * The rows predicted correctly in each fold.
     *
     * @return a new array of length k
     */
    public int[] foldCorrect() {
        return correct.clone();
    }

    /**
     * The rows in each fold.
     *
     * @return a new array of length k
     */
    public int[] foldSizes() {
        return size.clone();
    }

    /**
     * The fold of every row.
     *
     * @return a new array, length n
     */
    public int[] folds() {
        return folds.clone();
    }

    /**
     * The out-of-fold log-odds of every row.
     *
     * @return a new array, length n
     */
    public double[] scores() {
        return scores.clone();
    }

    @Override
    public String toString() {
        return "TextCrossValidationResult{folds=" + size.length + ", accuracy=" + accuracy + ", macroF1="
                + macroF1() + ", auc=" + auc + "}";
    }
}
