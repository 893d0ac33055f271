package dev.segmentation.eval;

import dev.segmentation.InvalidDataException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Metrics of a binary classifier's scores against 0/1 labels. Label 1 is the positive class (for churn: the
 * customer churned). All methods are static, pure and thread-safe; arrays are never modified.
 *
 * <p>Common checks: {@code scores} and {@code labels} have the same non-zero length, every label is 0 or 1 and
 * every score is finite; otherwise {@link InvalidDataException} names the row and value. Methods that need
 * both classes say so.
 */
public final class BinaryMetrics {
    /** Probabilities are clipped to {@code [EPS, 1 - EPS]} in {@link #logLoss} (as scikit-learn 1.2). */
    public static final double EPS = 1e-15;

    private BinaryMetrics() {
    }

    static int check(double[] scores, int[] labels) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(labels, "labels");
        if (scores.length != labels.length) {
            throw new InvalidDataException("scores: length must be labels.length = " + labels.length + ", found "
                    + scores.length);
        }
        if (scores.length == 0) {
            throw new InvalidDataException("scores: length must be >= 1, found 0");
        }
        int positives = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new InvalidDataException("row " + i + ": label must be 0 or 1, found " + labels[i], i, "label",
                        null);
            }
            if (!Double.isFinite(scores[i])) {
                throw new InvalidDataException("row " + i + ": score must be finite, found " + scores[i], i, "score",
                        null);
            }
            positives += labels[i];
        }
        return positives;
    }

    private static int checkBothClasses(double[] scores, int[] labels) {
        int positives = check(scores, labels);
        if (positives == 0 || positives == labels.length) {
            throw new InvalidDataException("labels: must contain both classes 0 and 1, found only " + labels[0]
                    + " in " + labels.length + " rows");
        }
        return positives;
    }

    private static void checkProbabilities(double[] p) {
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new InvalidDataException("row " + i + ": probability must be in [0, 1], found " + p[i], i,
                        "score", null);
            }
        }
    }

    /**
     * Returns the area under the ROC curve, exactly: the probability that a random positive scores above a
     * random negative, ties counting one half (the Mann-Whitney U statistic over {@code n0 n1}; Hanley and
     * McNeil 1982), computed from mid-ranks in O(n log n).
     *
     * <p>Hard 0/1 predictions are refused: a classifier's predicted labels make the ROC "curve" a single point
     * and its area is then just balanced accuracy, a common mistake in published notebooks. Pass scores or
     * probabilities.
     *
     * @param scores higher means more likely positive, finite. Not modified.
     * @param labels 0 or 1, both classes present. Not modified.
     * @return the AUC in [0, 1]
     * @throws InvalidDataException if the inputs fail the common checks, hold one class, or every score is 0
     *     or 1 with both values present (hard labels)
     */
    public static double rocAuc(double[] scores, int[] labels) {
        int positives = checkBothClasses(scores, labels);
        boolean hard = true;
        boolean zero = false;
        boolean one = false;
        for (double s : scores) {
            if (s == 0) {
                zero = true;
            } else if (s == 1) {
                one = true;
            } else {
                hard = false;
                break;
            }
        }
        if (hard && zero && one) {
            throw new InvalidDataException("scores: must be probabilities or continuous scores, found only the"
                    + " values 0 and 1 (hard predicted labels); pass predicted probabilities to compute an AUC");
        }
        int n = scores.length;
        Integer[] order = sortedIndex(scores, true);
        double rankSum = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (labels[order[k]] == 1) {
                    rankSum += midRank;
                }
            }
            i = j + 1;
        }
        double negatives = n - positives;
        return (rankSum - positives * (positives + 1) / 2.0) / (positives * negatives);
    }

    /**
     * Returns the area under the precision-recall curve as average precision,
     * {@code AP = sum_k (R_k - R_(k-1)) P_k} over the distinct score thresholds from high to low (tied scores
     * enter together), the step-wise estimate of scikit-learn's {@code average_precision_score}; it does not
     * interpolate, which would be optimistic (Davis and Goadrich 2006).
     *
     * @param scores higher means more likely positive. Not modified.
     * @param labels 0 or 1, at least one positive. Not modified.
     * @return the average precision in [0, 1]
     * @throws InvalidDataException if the inputs fail the common checks or hold one class
     */
    public static double averagePrecision(double[] scores, int[] labels) {
        int positives = checkBothClasses(scores, labels);
        Integer[] order = sortedIndex(scores, false);
        double ap = 0;
        int tp = 0;
        int seen = 0;
        int n = scores.length;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            int tpBefore = tp;
            for (int k = i; k <= j; k++) {
                tp += labels[order[k]];
            }
            seen = j + 1;
            ap += (tp - tpBefore) / (double) positives * (tp / (double) seen);
            i = j + 1;
        }
        return ap;
    }

    /**
     * Returns the mean log loss (cross-entropy) {@code -mean(y log p + (1 - y) log(1 - p))}, with p clipped to
     * {@code [1e-15, 1 - 1e-15]}.
     *
     * @param probabilities predicted P(label = 1), in [0, 1]. Not modified.
     * @param labels 0 or 1. Not modified.
     * @return the log loss, {@code >= 0}
     * @throws InvalidDataException if the inputs fail the common checks or a probability is outside [0, 1]
     */
    public static double logLoss(double[] probabilities, int[] labels) {
        check(probabilities, labels);
        checkProbabilities(probabilities);
        double s = 0;
        for (int i = 0; i < labels.length; i++) {
            double p = Math.min(Math.max(probabilities[i], EPS), 1 - EPS);
            s -= labels[i] == 1 ? Math.log(p) : Math.log1p(-p);
        }
        return s / labels.length;
    }

    /**
     * Returns the Brier score {@code mean((p - y)^2)} (Brier 1950).
     *
     * @param probabilities predicted P(label = 1), in [0, 1]. Not modified.
     * @param labels 0 or 1. Not modified.
     * @return the Brier score in [0, 1]
     * @throws InvalidDataException if the inputs fail the common checks or a probability is outside [0, 1]
     */
    public static double brier(double[] probabilities, int[] labels) {
        check(probabilities, labels);
        checkProbabilities(probabilities);
        double s = 0;
        for (int i = 0; i < labels.length; i++) {
            double d = probabilities[i] - labels[i];
            s += d * d;
        }
        return s / labels.length;
    }

    /**
     * Counts the confusion matrix when rows with {@code score >= threshold} are predicted positive.
     *
     * @param scores the scores. Not modified.
     * @param labels 0 or 1. Not modified.
     * @param threshold the decision threshold
     * @return the counts, with accuracy, precision, recall and F1
     * @throws InvalidDataException if the inputs fail the common checks
     */
    public static ConfusionMatrix atThreshold(double[] scores, int[] labels, double threshold) {
        check(scores, labels);
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < labels.length; i++) {
            boolean predicted = scores[i] >= threshold;
            if (labels[i] == 1) {
                if (predicted) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (predicted) {
                fp++;
            } else {
                tn++;
            }
        }
        return new ConfusionMatrix(tp, fp, tn, fn);
    }

    /**
     * Returns the gains and lift table by decile of score (highest scores first).
     *
     * @param scores the scores. Not modified.
     * @param labels 0 or 1, at least one positive. Not modified.
     * @return the table with 10 groups
     * @throws InvalidDataException if the inputs fail the common checks, there are fewer than 10 rows, or no
     *     positives
     */
    public static GainsTable gains(double[] scores, int[] labels) {
        return gains(scores, labels, 10);
    }

    /**
     * Returns the gains and lift table by quantile group of score: rows sorted by score, highest first (ties
     * by row order), group g holds sorted positions {@code [floor(g n / G), floor((g + 1) n / G))}.
     *
     * @param scores the scores. Not modified.
     * @param labels 0 or 1, at least one positive. Not modified.
     * @param groups the number of groups G, {@code 1 <= G <= n}
     * @return the table
     * @throws IllegalArgumentException if groups is below 1
     * @throws InvalidDataException if the inputs fail the common checks, there are fewer rows than groups, or
     *     no positives
     */
    public static GainsTable gains(double[] scores, int[] labels, int groups) {
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be >= 1, found " + groups);
        }
        int positives = check(scores, labels);
        int n = scores.length;
        if (n < groups) {
            throw new InvalidDataException("scores: length must be >= groups = " + groups + ", found " + n);
        }
        if (positives == 0) {
            throw new InvalidDataException("labels: must contain at least one 1, found none in " + n + " rows");
        }
        Integer[] order = sortedIndex(scores, false);
        int[] size = new int[groups];
        int[] pos = new int[groups];
        for (int g = 0; g < groups; g++) {
            int from = (int) ((long) g * n / groups);
            int to = (int) ((long) (g + 1) * n / groups);
            size[g] = to - from;
            for (int k = from; k < to; k++) {
                pos[g] += labels[order[k]];
            }
        }
        return new GainsTable(size, pos);
    }

    /**
     * Returns a reliability (calibration) table over {@code bins} equal-width bins of predicted probability
     * on [0, 1] (bin b holds {@code b/B <= p < (b+1)/B}, the last bin also p = 1).
     *
     * @param probabilities predicted P(label = 1), in [0, 1]. Not modified.
     * @param labels 0 or 1. Not modified.
     * @param bins the number of bins, {@code >= 1}
     * @return the table
     * @throws IllegalArgumentException if bins is below 1
     * @throws InvalidDataException if the inputs fail the common checks or a probability is outside [0, 1]
     */
    public static CalibrationTable calibration(double[] probabilities, int[] labels, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, found " + bins);
        }
        check(probabilities, labels);
        checkProbabilities(probabilities);
        int[] count = new int[bins];
        double[] sumP = new double[bins];
        int[] pos = new int[bins];
        for (int i = 0; i < labels.length; i++) {
            int b = Math.min(bins - 1, (int) (probabilities[i] * bins));
            count[b]++;
            sumP[b] += probabilities[i];
            pos[b] += labels[i];
        }
        return new CalibrationTable(count, sumP, pos);
    }

    /** Indices sorted by score, ascending or descending, ties in index order. */
    static Integer[] sortedIndex(double[] scores, boolean ascending) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (ascending) {
            Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        } else {
            Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        }
        return order;
    }
}
