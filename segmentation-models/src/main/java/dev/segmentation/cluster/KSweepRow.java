package dev.segmentation.cluster;

/**
 * The measures of one k in a {@link KSweep}.
 *
 * @param k the number of clusters or components
 * @param inertia the k-means inertia (NaN for mixtures)
 * @param silhouette the mean silhouette (exact or sampled; NaN when undefined, as at k = 1); higher is better
 * @param calinskiHarabasz the Calinski-Harabasz index (NaN when undefined); higher is better
 * @param daviesBouldin the Davies-Bouldin index (NaN when undefined); lower is better
 * @param logLikelihood the mixture's total training log-likelihood (NaN for k-means)
 * @param bic the mixture's BIC (NaN for k-means); lower is better
 * @param aic the mixture's AIC (NaN for k-means); lower is better
 * @param iterations the fit's iterations
 * @param converged whether the fit converged
 */
public record KSweepRow(int k, double inertia, double silhouette, double calinskiHarabasz, double daviesBouldin,
        double logLikelihood, double bic, double aic, int iterations, boolean converged) {
}
