package dev.segmentation.cluster;

/**
 * The shape of each Gaussian mixture component's covariance matrix.
 */
public enum CovarianceType {
    /** Each component has its own full d x d covariance: d(d + 1)/2 parameters per component. */
    FULL,
    /** Each component has its own diagonal covariance (independent features): d parameters per component. */
    DIAGONAL,
    /** Each component has one variance shared by all features: 1 parameter per component. */
    SPHERICAL
}
