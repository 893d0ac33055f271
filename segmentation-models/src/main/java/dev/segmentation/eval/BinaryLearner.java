package dev.segmentation.eval;

import dev.segmentation.features.FeatureMatrix;

/**
 * Something that learns from labelled rows and scores new rows: the unit {@link CrossValidation} evaluates, the
 * {@link Learner} seam on dense rows with probabilities as scores.
 * For example {@code (x, y, test) -> trainer.fit(x, y).predictProbabilities(test)}.
 */
@FunctionalInterface
public interface BinaryLearner extends Learner<FeatureMatrix> {
    /**
     * Fits on the training rows and returns the predicted probability of label 1 for each test row.
     *
     * @param x the training features. Not modified.
     * @param y the training labels, 0 or 1. Not modified.
     * @param test the rows to score, with the same columns. Not modified.
     * @return the probabilities, length {@code test.rows()}, each in [0, 1]
     */
    double[] fitAndPredict(FeatureMatrix x, int[] y, FeatureMatrix test);

    /**
     * The {@link Learner} view: {@link #fitAndPredict(FeatureMatrix, int[], FeatureMatrix)}.
     *
     * @param x the training features. Not modified.
     * @param y the training labels, 0 or 1. Not modified.
     * @param test the rows to score. Not modified.
     * @return the probabilities
     */
    @Override
    default double[] fitAndScore(FeatureMatrix x, int[] y, FeatureMatrix test) {
        return fitAndPredict(x, y, test);
    }
}
