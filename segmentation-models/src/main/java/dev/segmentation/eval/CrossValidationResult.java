package dev.segmentation.eval;

/**
 * The outcome of {@link CrossValidation}: per-fold ROC AUC, log loss, Brier score and average precision,
 * their means over folds, the sample standard deviation of the fold AUCs, the fold of each row and the
 * out-of-fold predictions.
 *
 * <p>Instances are immutable and safe for concurrent use: arrays are copied out.
 */
public final class CrossValidationResult {
    private final int[] fold;
    private final double[] outOfFold;
    private final double[] auc;
    private final double[] logLoss;
    private final double[] brier;
    private final double[] averagePrecision;

    CrossValidationResult(int[] fold, double[] outOfFold, double[] auc, double[] logLoss, double[] brier,
            double[] averagePrecision) {
        this.fold = fold;
        this.outOfFold = outOfFold;
        this.auc = auc;
        this.logLoss = logLoss;
        this.brier = brier;
        this.averagePrecision = averagePrecision;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /**
     * Returns the number of folds.
     *
     * @return k
     */
    public int folds() {
        return auc.length;
    }

    /**
     * Returns the ROC AUC of each fold.
     *
     * @return a copy, length k
     */
    public double[] foldAuc() {
        return auc.clone();
    }

    /**
     * Returns the mean ROC AUC over folds.
     *
     * @return the mean AUC
     */
    public double auc() {
        return mean(auc);
    }

    /**
     * Returns the sample standard deviation (divisor k - 1) of the fold AUCs.
     *
     * @return the standard deviation
     */
    public double aucStd() {
        double m = auc();
        double s = 0;
        for (double a : auc) {
            s += (a - m) * (a - m);
        }
        return Math.sqrt(s / (auc.length - 1));
    }

    /**
     * Returns the mean log loss over folds.
     *
     * @return the log loss
     */
    public double logLoss() {
        return mean(logLoss);
    }

    /**
     * Returns the mean Brier score over folds.
     *
     * @return the Brier score
     */
    public double brier() {
        return mean(brier);
    }

    /**
     * Returns the mean average precision (PR AUC) over folds.
     *
     * @return the average precision
     */
    public double prAuc() {
        return mean(averagePrecision);
    }

    /**
     * Returns the fold of each row.
     *
     * @return a copy, length n
     */
    public int[] foldOfRow() {
        return fold.clone();
    }

    /**
     * Returns each row's prediction from the model that did not see it.
     *
     * @return a copy, length n
     */
    public double[] outOfFoldPredictions() {
        return outOfFold.clone();
    }
}
