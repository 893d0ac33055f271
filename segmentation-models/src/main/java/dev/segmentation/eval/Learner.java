package dev.segmentation.eval;

/**
 * The learner seam of every cross-validation in the library ({@link CrossValidation#outOfFold}): fit on the
 * training rows of a data set of type {@code D} and score the test rows. {@link BinaryLearner} (dense
 * {@code FeatureMatrix} rows, probabilities) and the text learners of {@code dev.segmentation.text}
 * ({@code SparseMatrix} rows or raw texts, log-odds) are this interface for their data type.
 *
 * @param <D> the data set type, e.g. {@code FeatureMatrix}, {@code SparseMatrix} or {@code List<String>}
 */
@FunctionalInterface
public interface Learner<D> {
    /**
     * Fits on the training rows and scores the test rows.
     *
     * @param train the training rows. Not modified.
     * @param labels their labels, 0 or 1. Not modified.
     * @param test the rows to score, with the same columns. Not modified.
     * @return one score per test row (a probability or log-odds of label 1, as the caller documents)
     */
    double[] fitAndScore(D train, int[] labels, D test);
}
