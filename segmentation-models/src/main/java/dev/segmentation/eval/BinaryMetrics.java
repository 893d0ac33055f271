package dev.segmentation.eval;

import dev.segmentation.InvalidDataException;
import dev.segmentation.internal.ParamChecks;
import dev.segmentation.internal.sort.DoubleOrder;
import it.unimi.dsi.fastutil.ints.IntArrays;
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
        refuseHardLabels(scores);
        double[][] split = ScoreOrder.byClass(scores, labels, positives);
        double[] neg = split[0];
        double[] pos = split[1];
        // twiceU = sum over positives of 2 (negatives below) + (negatives tied): the Mann-Whitney U doubled,
        // an exact long (at most 2 n0 n1 < 2^63 for any Java array).
        long twiceU = 0;
        int below = 0;
        int i = 0;
        while (i < pos.length) {
            double v = pos[i];
            int j = i;
            while (j < pos.length && pos[j] == v) {
                j++;
            }
            while (below < neg.length && neg[below] < v) {
                below++;
            }
            int tiedEnd = below;
            while (tiedEnd < neg.length && neg[tiedEnd] == v) {
                tiedEnd++;
            }
            twiceU += (long) (j - i) * (2L * below + (tiedEnd - below));
            i = j;
        }
        long twicePairs = 2L * positives * neg.length;
        // Both conversions round monotonically, so the ratio stays in [0, 1] even above 2^53.
        return twiceU / (double) twicePairs;
    }

    /**
     * Returns the area under the ROC curve of weighted rows, exactly: {@code scores[i]} is the score of
     * {@code positives[i]} positive and {@code negatives[i]} negative rows (a histogram of the scores by class, such
     * as customers grouped by their summary), and the result is {@link #rocAuc(double[], int[])} of the rows spelled
     * out one by one, without spelling them out. The same score may appear more than once; ties count one half.
     *
     * <p>The doubled Mann-Whitney U, {@code sum over distinct scores of pos (2 negativesBelow + neg)}, is summed in
     * exact {@code long} arithmetic and divided once by the doubled pair count {@code 2 P N}, so the result is
     * bit-identical to the unweighted form. Past 2^63 doubled pairs (total weights beyond about 2^31 in each class)
     * the same sums run in doubles, each term rounded once, the ratio clamped to [0, 1]. O(k log k) for k scores,
     * O(k) when they come in ascending order (they are then not sorted again).
     *
     * @param scores higher means more likely positive, finite. Not modified.
     * @param positives the positive rows at each score, {@code >= 0}. Not modified.
     * @param negatives the negative rows at each score, {@code >= 0}. Not modified.
     * @return the AUC in [0, 1]
     * @throws InvalidDataException if the lengths differ ("positives: length must be scores.length = 3, found 2"),
     *     there are no scores, a score is not finite ("row 1: score must be finite, found NaN"), a count is negative
     *     ("row 1: positives must be >= 0, found -1"), either class has no rows ("positives and negatives: must
     *     both have rows, found 0 positive and 5 negative"), or every score is 0 or 1 with both values present
     *     (hard labels)
     * @throws ArithmeticException if a class's total weight passes {@link Long#MAX_VALUE}
     */
    public static double rocAuc(double[] scores, long[] positives, long[] negatives) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(positives, "positives");
        Objects.requireNonNull(negatives, "negatives");
        int k = scores.length;
        if (positives.length != k) {
            throw new InvalidDataException("positives: length must be scores.length = " + k + ", found "
                    + positives.length);
        }
        if (negatives.length != k) {
            throw new InvalidDataException("negatives: length must be scores.length = " + k + ", found "
                    + negatives.length);
        }
        if (k == 0) {
            throw new InvalidDataException("scores: length must be >= 1, found 0");
        }
        long p = 0;
        long n = 0;
        for (int i = 0; i < k; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new InvalidDataException("row " + i + ": score must be finite, found " + scores[i], i, "score",
                        null);
            }
            if (positives[i] < 0) {
                throw new InvalidDataException("row " + i + ": positives must be >= 0, found " + positives[i], i,
                        "positives", null);
            }
            if (negatives[i] < 0) {
                throw new InvalidDataException("row " + i + ": negatives must be >= 0, found " + negatives[i], i,
                        "negatives", null);
            }
            p = Math.addExact(p, positives[i]);
            n = Math.addExact(n, negatives[i]);
        }
        if (p == 0 || n == 0) {
            throw new InvalidDataException("positives and negatives: must both have rows, found " + p + " positive and "
                    + n + " negative");
        }
        refuseHardLabels(scores);
        int[] order = new int[k];
        boolean ascending = true;
        for (int j = 0; j < k; j++) {
            order[j] = j;
            ascending &= j == 0 || scores[j - 1] <= scores[j];
        }
        // scores handed over in ascending order (the lifetime-value holdout's triples, issue 19) need no sort: the
        // rank sum reads each group of equal scores as one, so any ascending order of the rows gives the same bits
        if (!ascending) {
            IntArrays.quickSort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        }
        try {
            return weightedRankSum(order, scores, positives, negatives, p, n, true);
        } catch (ArithmeticException e) {
            // past 2^63 doubled pairs: the same sums in doubles (each term rounded, the ratio still in [0, 1])
            return weightedRankSum(order, scores, positives, negatives, p, n, false);
        }
    }

    /** The doubled Mann-Whitney U over the weighted scores in order, over the doubled pair count. */
    private static double weightedRankSum(int[] order, double[] scores, long[] posOf, long[] negOf, long positives,
            long negatives, boolean exact) {
        int k = order.length;
        long twiceU = 0;
        double twiceUApprox = 0;
        long below = 0;
        int i = 0;
        while (i < k) {
            double v = scores[order[i]];
            long pos = 0;
            long neg = 0;
            for (; i < k && scores[order[i]] == v; i++) {
                pos += posOf[order[i]];
                neg += negOf[order[i]];
            }
            if (exact) {
                twiceU = Math.addExact(twiceU, Math.multiplyExact(pos, Math.addExact(Math.multiplyExact(2, below),
                        neg)));
            } else {
                twiceUApprox += (double) pos * (2.0 * below + neg);
            }
            below += neg;
        }
        if (exact) {
            return twiceU / (double) Math.multiplyExact(Math.multiplyExact(2, positives), negatives);
        }
        return Math.min(1.0, twiceUApprox / (2.0 * positives * negatives));
    }

    /** Refuses scores that are all 0 or 1 with both values present: hard predicted labels, not scores. */
    private static void refuseHardLabels(double[] scores) {
        boolean zero = false;
        boolean one = false;
        for (double s : scores) {
            if (s == 0) {
                zero = true;
            } else if (s == 1) {
                one = true;
            } else {
                return;
            }
        }
        if (zero && one) {
            throw new InvalidDataException("scores: must be probabilities or continuous scores, found only the"
                    + " values 0 and 1 (hard predicted labels); pass predicted probabilities to compute an AUC");
        }
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
        double[][] split = ScoreOrder.byClass(scores, labels, positives);
        double[] neg = split[0];
        double[] pos = split[1];
        double ap = 0;
        long tp = 0;
        long seen = 0;
        int a = neg.length - 1; // walk both classes from the highest score down
        int b = pos.length - 1;
        while (b >= 0) {
            double v = a >= 0 ? Math.max(neg[a], pos[b]) : pos[b];
            long tpBefore = tp;
            while (b >= 0 && pos[b] == v) {
                tp++;
                seen++;
                b--;
            }
            while (a >= 0 && neg[a] == v) {
                seen++;
                a--;
            }
            ap += (tp - tpBefore) * (tp / (double) seen);
        }
        // Summing (delta tp) precision and dividing once keeps a perfect ranking at exactly P / P = 1 (summing
        // delta tp / P gave 1.0000000000000004, issue 17). The exact value is at most 1; rounding in a sum of
        // up to n terms could still pass it by a few ulps, so the result is clamped to its range.
        return Math.min(1.0, ap / positives);
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
        ParamChecks.atLeast("groups", groups, 1);
        int positives = check(scores, labels);
        int n = scores.length;
        if (n < groups) {
            throw new InvalidDataException("scores: length must be >= groups = " + groups + ", found " + n);
        }
        if (positives == 0) {
            throw new InvalidDataException("labels: must contain at least one 1, found none in " + n + " rows");
        }
        int[] order = DoubleOrder.descending(scores);
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
        ParamChecks.atLeast("bins", bins, 1);
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
}
