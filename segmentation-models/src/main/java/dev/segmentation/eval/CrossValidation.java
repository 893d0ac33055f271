package dev.segmentation.eval;

import dev.segmentation.InvalidDataException;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.internal.Internals;
import java.util.Objects;

/**
 * Stratified k-fold cross-validation of a {@link BinaryLearner}: for each fold, fit on the other folds and
 * score the held-out fold; report the per-fold metrics and their mean (folds from
 * {@link StratifiedKFold#assign}). {@link #outOfFold} is the one k-fold loop of the library, over any data type
 * and any {@link Learner}: {@code dev.segmentation.text.TextCrossValidation} runs on it too.
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
        int d = x.columns();
        double[] data = Internals.data(x);
        double[] auc = new double[folds];
        double[] logLoss = new double[folds];
        double[] brier = new double[folds];
        double[] ap = new double[folds];
        double[] oof = outOfFold(y, fold, folds, rows -> {
            double[] part = new double[rows.length * d];
            for (int r = 0; r < rows.length; r++) {
                System.arraycopy(data, rows[r] * d, part, r * d, d);
            }
            return FeatureMatrix.of(x.names(), rows.length, part);
        }, learner, (f, test, p) -> {
            if (p == null || p.length != test.length) {
                throw new IllegalStateException("learner must return " + test.length + " predictions, found "
                        + (p == null ? "null" : p.length));
            }
            int[] testY = new int[test.length];
            for (int t = 0; t < test.length; t++) {
                testY[t] = y[test[t]];
            }
            auc[f] = BinaryMetrics.rocAuc(p, testY);
            logLoss[f] = BinaryMetrics.logLoss(p, testY);
            brier[f] = BinaryMetrics.brier(p, testY);
            ap[f] = BinaryMetrics.averagePrecision(p, testY);
        });
        return new CrossValidationResult(fold, oof, auc, logLoss, brier, ap);
    }

    /** Selects rows of a data set, in the given order. */
    @FunctionalInterface
    public interface Rows<D> {
        /**
         * Returns the rows.
         *
         * @param rows row indices, increasing. Not modified.
         * @return the data set of those rows
         */
        D select(int[] rows);
    }

    /** Checks one fold's scores (and may record per-fold metrics) before they are pooled. */
    @FunctionalInterface
    public interface FoldCheck {
        /**
         * Checks a fold.
         *
         * @param fold the fold, in [0, k)
         * @param test the held-out row indices, increasing. Not modified.
         * @param scores the learner's scores for them, as returned (possibly null or of the wrong length). Not
         *     modified.
         */
        void check(int fold, int[] test, double[] scores);
    }

    /**
     * The one k-fold loop of the library, for any data type: for each fold f in order, fit the learner on the
     * rows of the other folds (in row order) and score the rows of fold f; the check sees every fold's scores
     * before they are pooled. Runs on the calling thread; the result depends only on the data, the folds and the
     * learner.
     *
     * @param <D> the data set type
     * @param y the labels, 0 or 1, length n. Not modified.
     * @param folds the fold of each row, in [0, k), length n (validated by the caller). Not modified.
     * @param k the number of folds
     * @param rows selects rows of the data set; not null
     * @param learner the learner; not null
     * @param check checks each fold's scores (throwing to reject them); not null
     * @return the out-of-fold scores, one per row
     */
    public static <D> double[] outOfFold(int[] y, int[] folds, int k, Rows<D> rows, Learner<D> learner,
            FoldCheck check) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(learner, "learner");
        Objects.requireNonNull(check, "check");
        int n = y.length;
        int[] size = new int[k];
        for (int v : folds) {
            size[v]++;
        }
        double[] oof = new double[n];
        for (int f = 0; f < k; f++) {
            int[] test = new int[size[f]];
            int[] train = new int[n - size[f]];
            int[] trainY = new int[train.length];
            int a = 0;
            int b = 0;
            for (int i = 0; i < n; i++) {
                if (folds[i] == f) {
                    test[b++] = i;
                } else {
                    trainY[a] = y[i];
                    train[a++] = i;
                }
            }
            double[] s = learner.fitAndScore(rows.select(train), trainY, rows.select(test));
            check.check(f, test, s);
            for (int t = 0; t < test.length; t++) {
                oof[test[t]] = s[t];
            }
        }
        return oof;
    }
}
