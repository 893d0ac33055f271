package dev.segmentation.churn;

import dev.segmentation.features.FeatureMatrix;

/**
 * The churn seam's trainer: anything that fits a {@link ChurnModel} on labelled rows (1 = churned).
 * {@link LogisticRegression} implements it, and {@code dev.segmentation.pipeline.Segmentation#churn(int,
 * ChurnTrainer)} takes any implementation, e.g. {@code LogisticRegression.builder().l2(1.0).build()}.
 *
 * <p>To add a churn model: write its trainer (implementing this interface) and its fitted model (implementing
 * {@link ChurnModel}) in their own package; to have it saved in a {@code ModelBundle}, register the model type
 * once in {@code dev.segmentation.persist}.
 */
@FunctionalInterface
public interface ChurnTrainer {
    /**
     * Fits a model. Must be pure: the same trainer and data give the same model.
     *
     * @param x the rows, with named columns. Not modified.
     * @param labels one label per row, 0 or 1. Not modified.
     * @return the fitted model, immutable and safe for concurrent use
     * @throws dev.segmentation.InvalidDataException if the data cannot be fitted (e.g. one class only)
     */
    ChurnModel fit(FeatureMatrix x, int[] labels);
}
