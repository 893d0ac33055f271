package dev.segmentation.internal.cli;

import dev.segmentation.cluster.CovarianceType;

/**
 * The segments' algorithm of {@code cluster} and {@code run}: {@code --algorithm kmeans|gmm} and, for gmm only,
 * {@code --covariance full|diag|spherical}. Not API.
 *
 * @param kMeans true for kmeans, false for gmm
 * @param covariance the gmm covariance type (FULL, the default, with kmeans)
 */
public record SegmentAlgorithm(boolean kMeans, CovarianceType covariance) {
    /**
     * Parses the two options; bad usage is an {@link IllegalArgumentException} (exit 2) naming the option.
     *
     * @param algorithm the {@code --algorithm} value
     * @param covariance the {@code --covariance} value (its default when not given)
     * @param covarianceGiven whether the user typed {@code --covariance}
     * @return the parsed options
     * @throws IllegalArgumentException "--algorithm must be kmeans or gmm, found \"dbscan\"", "--covariance must be
     *     full, diag or spherical, found \"tied\"", "--covariance applies only with --algorithm gmm, found
     *     --algorithm kmeans"
     */
    public static SegmentAlgorithm parse(String algorithm, String covariance, boolean covarianceGiven) {
        boolean kMeans = switch (algorithm) {
            case "kmeans" -> true;
            case "gmm" -> false;
            default -> throw new IllegalArgumentException("--algorithm must be kmeans or gmm, found \"" + algorithm
                    + "\"");
        };
        CovarianceType type = switch (covariance) {
            case "full" -> CovarianceType.FULL;
            case "diag" -> CovarianceType.DIAGONAL;
            case "spherical" -> CovarianceType.SPHERICAL;
            default -> throw new IllegalArgumentException("--covariance must be full, diag or spherical, found \""
                    + covariance + "\"");
        };
        if (kMeans && covarianceGiven) {
            throw new IllegalArgumentException("--covariance applies only with --algorithm gmm, found --algorithm "
                    + algorithm);
        }
        return new SegmentAlgorithm(kMeans, type);
    }
}
