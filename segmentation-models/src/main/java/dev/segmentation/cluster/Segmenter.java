package dev.segmentation.cluster;

import dev.segmentation.features.FeatureMatrix;

/**
 * The segmentation seam's trainer: anything that fits a {@link ClusterModel} on an encoded feature matrix.
 * {@link KMeans}, {@link GaussianMixture} and {@link MiniBatchKMeans} implement it, and
 * {@code dev.segmentation.pipeline.Segmentation#segments(Segmenter)} takes any implementation.
 *
 * <p>To add a clustering model: write its trainer (implementing this interface) and its fitted model
 * (implementing {@link ClusterModel}) in their own package; the pipeline needs nothing else. To have it saved in
 * a {@code ModelBundle}, register the model type once in {@code dev.segmentation.persist}.
 */
public interface Segmenter {
    /**
     * Returns the number of segments the fit will produce, or the largest it may produce; the pipeline checks it
     * against the number of customers before fitting anything.
     *
     * @return k, {@code >= 1}
     */
    int k();

    /**
     * Fits a model. Must be pure: the same trainer and data give the same model.
     *
     * @param x the encoded rows, finite, with named columns. Not modified.
     * @return the fitted model, immutable and safe for concurrent use
     * @throws dev.segmentation.InvalidDataException if the data cannot be clustered
     */
    ClusterModel fit(FeatureMatrix x);
}
