package dev.segmentation.eval;

import dev.segmentation.InvalidDataException;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.internal.Internals;
import java.util.Objects;

/**
 * Stratified k-fold cross-validation of a {@link BinaryLearner}: for each fold, fit on the other folds and
 * score the held-out fold; report the per-fold metrics and their mean (folds from
 * {@link StratifiedKFold#assign}).
 *
 * <p>Runs the folds one after the other on the calling thread; the result depends only on the data, the
 * learner, k and the seed.
 */
public final class CrossValidation {
    private CrossValidation() {
    }

    /**
     * Cross-validates a learner.
     *
     * @param x the features, n rows. Not modified.
     * @param y the labels, 0 or 1, each class with at least k rows. Not modified.
     * @param folds k, {@code >= 2}
     * @param seed the fold-assignment seed
     * @param learner the learner; not null
     * @return the per-fold and mean metrics and the out-of-fold predictions
     * @throws IllegalArgumentException if k is below 2
     * @throws InvalidDataException if the lengths disagree, a class has fewer than k rows, or the learner
     *     rejects a training fold
     */
    public static CrossValidationResult stratified(FeatureMatrix x, int[] y, int folds, long seed,
            BinaryLearner learner) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(learner, "learner");
        if (y.length != x.rows()) {
            throw new InvalidDataException("y: length must be x.rows() = " + x.rows() + ", found " + y.length);
        }
        int[] fold = StratifiedKFold.assign(y, folds, seed);
        int n = y.length;
        int d = x.columns();
        double[] data = Internals.data(x);
        double[] oof = new double[n];
        double[] auc = new double[folds];
        double[] logLoss = new double[folds];
        double[] brier = new double[folds];
        double[] ap = new double[folds];
        for (int f = 0; f < folds; f++) {
            int testRows = 0;
            for (int v : fold) {
                if (v == f) {
                    testRows++;
                }
            }
            double[] train = new double[(n - testRows) * d];
            double[] test = new double[testRows * d];
            int[] trainY = new int[n - testRows];
            int[] testY = new int[testRows];
            int[] testIndex = new int[testRows];
            int a = 0;
            int b = 0;
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    System.arraycopy(data, i * d, test, b * d, d);
                    testY[b] = y[i];
                    testIndex[b++] = i;
                } else {
                    System.arraycopy(data, i * d, train, a * d, d);
                    trainY[a++] = y[i];
                }
            }
            double[] p = learner.fitAndPredict(FeatureMatrix.of(x.names(), n - testRows, train), trainY,
                    FeatureMatrix.of(x.names(), testRows, test));
            if (p == null || p.length != testRows) {
                throw new IllegalStateException("learner must return " + testRows + " predictions, found "
                        + (p == null ? "null" : p.length));
            }
            for (int k = 0; k < testRows; k++) {
                oof[testIndex[k]] = p[k];
            }
            auc[f] = BinaryMetrics.rocAuc(p, testY);
            logLoss[f] = BinaryMetrics.logLoss(p, testY);
            brier[f] = BinaryMetrics.brier(p, testY);
            ap[f] = BinaryMetrics.averagePrecision(p, testY);
        }
        return new CrossValidationResult(fold, oof, auc, logLoss, brier, ap);
    }
}
