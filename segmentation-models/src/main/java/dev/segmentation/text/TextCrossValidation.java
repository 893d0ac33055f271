package dev.segmentation.text;

import dev.segmentation.features.SparseMatrix;
import dev.segmentation.InvalidDataException;
import dev.segmentation.eval.BinaryMetrics;
import dev.segmentation.eval.CrossValidation;
import dev.segmentation.eval.StratifiedKFold;
import dev.segmentation.internal.ParamChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * k-fold cross-validation of a binary text classifier on sparse rows: for each fold, fit on the other folds,
 * score the held-out rows with log-odds, and pool the out-of-fold scores. Folds come either from a
 * deterministic key ({@link #foldsByKey}: fold = key mod k, e.g. a row id or a line number, so results do
 * not depend on row order or a random generator) or from a seed ({@link #foldsStratified}, via
 * {@link StratifiedKFold}).
 *
 * <p>A row is predicted 1 when its log-odds are {@code > 0} (so a tie goes to label 0, the first class, as
 * scikit-learn's {@code argmax}). Accuracy, per-class F1 and macro-F1 are computed from the pooled predictions
 * and the ROC AUC from the pooled log-odds ({@link BinaryMetrics#rocAuc}, never from saturated
 * probabilities).
 *
 * <p>The fold loop is {@link CrossValidation#outOfFold}, the library's one k-fold loop, and both learner
 * interfaces are its {@link dev.segmentation.eval.Learner} seam for sparse rows and for raw texts. Runs the
 * folds one after the other on the calling thread; the result depends only on the data, the
 * folds and the learner. Null is never accepted or returned.
 */
public final class TextCrossValidation {
    private TextCrossValidation() {
    }

    /**
     * A text classifier under evaluation: fits on training rows and returns the log-odds of label 1 for each
     * test row. For example
     * {@code (x, y, test) -> MultinomialNaiveBayes.builder().build().fit(x, y).predictLogOdds(test)}.
     */
    @FunctionalInterface
    public interface Learner extends dev.segmentation.eval.Learner<SparseMatrix> {
        /**
         * Fits and scores.
         *
         * @param x the training rows. Not modified.
         * @param y their labels, 0 or 1. Not modified.
         * @param test the rows to score, same columns. Not modified.
         * @return the log-odds of label 1, one per test row, finite
         */
        @Override
        double[] fitAndScore(SparseMatrix x, int[] y, SparseMatrix test);
    }

    /**
     * A text classifier with its own vectorizer, for vectorizers that learn from the training texts (a
     * {@link CountVectorizer}'s vocabulary): fits on training texts and returns the log-odds of label 1 for each
     * test text.
     */
    @FunctionalInterface
    public interface TextLearner extends dev.segmentation.eval.Learner<List<String>> {
        /**
         * Fits and scores.
         *
         * @param texts the training texts. Not modified.
         * @param y their labels, 0 or 1. Not modified.
         * @param test the texts to score. Not modified.
         * @return the log-odds of label 1, one per test text, finite
         */
        @Override
        double[] fitAndScore(List<String> texts, int[] y, List<String> test);
    }

    /**
     * Assigns folds by a key: fold {@code = floorMod(key, k)}.
     *
     * @param keys one integer key per row, e.g. a row id or line number. Not modified.
     * @param k the number of folds, {@code >= 2}
     * @return a new array of folds in [0, k)
     * @throws IllegalArgumentException if k is below 2
     */
    public static int[] foldsByKey(long[] keys, int k) {
        Objects.requireNonNull(keys, "keys");
        ParamChecks.atLeast("folds", k, 2);
        int[] out = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            out[i] = (int) Math.floorMod(keys[i], (long) k);
        }
        return out;
    }

    /**
     * Assigns seeded stratified folds ({@link StratifiedKFold#assign}).
     *
     * @param labels 0 or 1, each class with at least k rows. Not modified.
     * @param k the number of folds, {@code >= 2}
     * @param seed the shuffle seed
     * @return a new array of folds in [0, k)
     * @throws IllegalArgumentException if k is below 2
     * @throws InvalidDataException if a label is not 0 or 1 or a class has fewer than k rows
     */
    public static int[] foldsStratified(int[] labels, int k, long seed) {
        return StratifiedKFold.assign(labels, k, seed);
    }

    /**
     * Cross-validates a learner over the given folds.
     *
     * @param x the rows, n of them. Not modified.
     * @param y the labels, 0 or 1, length n. Not modified.
     * @param folds the fold of each row in [0, k), length n. Not modified.
     * @param k the number of folds, {@code >= 2}; every fold must hold a row and leave both classes to train on
     * @param learner the learner
     * @return the pooled and per-fold results
     * @throws IllegalArgumentException if k is below 2
     * @throws InvalidDataException if the lengths disagree, a label is not 0 or 1, a fold is out of range or
     *     empty, the labels hold one class, or the learner returns a wrong number of scores or a non-finite
     *     score
     */
    public static TextCrossValidationResult crossValidate(SparseMatrix x, int[] y, int[] folds, int k,
            Learner learner) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(learner, "learner");
        return run(x.rows(), y, folds, k, x::selectRows, learner);
    }

    /**
     * Cross-validates a learner that vectorizes the texts itself (so a vocabulary is learned on each training
     * fold only, as scikit-learn's {@code cross_val_score} on a pipeline).
     *
     * @param texts the texts, n of them. Not modified.
     * @param y the labels, 0 or 1, length n. Not modified.
     * @param folds the fold of each text in [0, k), length n. Not modified.
     * @param k the number of folds, {@code >= 2}
     * @param learner the learner
     * @return the pooled and per-fold results
     * @throws IllegalArgumentException if k is below 2
     * @throws InvalidDataException as {@link #crossValidate(SparseMatrix, int[], int[], int, Learner)}
     */
    public static TextCrossValidationResult crossValidateTexts(List<String> texts, int[] y, int[] folds, int k,
            TextLearner learner) {
        Objects.requireNonNull(texts, "texts");
        Objects.requireNonNull(learner, "learner");
        return run(texts.size(), y, folds, k, rows -> pick(texts, rows), learner);
    }

    private static List<String> pick(List<String> texts, int[] rows) {
        List<String> out = new ArrayList<>(rows.length);
        for (int r : rows) {
            out.add(texts.get(r));
        }
        return out;
    }

    private static <D> TextCrossValidationResult run(int n, int[] y, int[] folds, int k, CrossValidation.Rows<D> rows,
            dev.segmentation.eval.Learner<D> learner) {
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(folds, "folds");
        ParamChecks.atLeast("folds", k, 2);
        if (y.length != n || folds.length != n) {
            throw new InvalidDataException("y and folds: length must be the row count " + n + ", found " + y.length
                    + " and " + folds.length);
        }
        int[] size = new int[k];
        for (int i = 0; i < n; i++) {
            if (y[i] != 0 && y[i] != 1) {
                throw new InvalidDataException("row " + i + ": label must be 0 or 1, found " + y[i], i, "label",
                        null);
            }
            if (folds[i] < 0 || folds[i] >= k) {
                throw new InvalidDataException("row " + i + ": fold must be in [0, " + k + "), found " + folds[i], i,
                        "fold", null);
            }
            size[folds[i]]++;
        }
        for (int f = 0; f < k; f++) {
            if (size[f] == 0) {
                throw new InvalidDataException("fold " + f + ": must hold at least one row, found 0 of " + n);
            }
        }
        int[] correct = new int[k];
        double[] scores = CrossValidation.outOfFold(y, folds, k, rows, learner, (f, test, s) -> {
            if (s == null || s.length != test.length) {
                throw new InvalidDataException("learner must return " + test.length + " scores for fold " + f
                        + ", found " + (s == null ? "null" : s.length));
            }
            for (int t = 0; t < test.length; t++) {
                if (!Double.isFinite(s[t])) {
                    throw new InvalidDataException("row " + test[t] + ": score must be finite, found " + s[t], test[t],
                            "score", null);
                }
                correct[f] += (s[t] > 0 ? 1 : 0) == y[test[t]] ? 1 : 0;
            }
        });
        return new TextCrossValidationResult(scores, y, folds, correct, size);
    }
}
