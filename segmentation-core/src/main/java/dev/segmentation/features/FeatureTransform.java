package dev.segmentation.features;

/**
 * A fitted encoding of feature matrices, with its inverse where one exists (standardize and log1p have one;
 * quantile bins do not).
 *
 * <p>Implementations are immutable and safe for concurrent use.
 */
public interface FeatureTransform {
    /**
     * Encodes a matrix that has the columns the transform was fitted on.
     *
     * @param x the features. Not modified.
     * @return a new, encoded matrix
     * @throws dev.segmentation.InvalidDataException if a fitted column is missing or a value cannot be encoded
     */
    FeatureMatrix transform(FeatureMatrix x);

    /**
     * Tells whether {@link #inverseTransform} is supported.
     *
     * @return true if the encoding can be undone
     */
    boolean invertible();

    /**
     * Maps encoded values back to original units (for example cluster centres).
     *
     * @param y encoded features, as returned by {@link #transform}. Not modified.
     * @return a new matrix in original units
     * @throws UnsupportedOperationException if {@link #invertible()} is false
     */
    FeatureMatrix inverseTransform(FeatureMatrix y);
}
