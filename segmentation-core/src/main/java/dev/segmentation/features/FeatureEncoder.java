package dev.segmentation.features;

/**
 * A feature encoder's trainer: learns what it needs from a matrix (means, quantiles, categories) and returns
 * the fitted {@link FeatureTransform}. Implementations are immutable; {@code fit} is pure.
 */
public interface FeatureEncoder {
    /**
     * Learns the encoding from {@code x}.
     *
     * @param x the training features. Not modified.
     * @return the fitted transform
     * @throws dev.segmentation.InvalidDataException if {@code x} cannot be encoded (non-finite values where
     *     they are not allowed, a named column missing), naming the row, column and value
     */
    FeatureTransform fit(FeatureMatrix x);
}
