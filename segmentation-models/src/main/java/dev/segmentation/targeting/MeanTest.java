package dev.segmentation.targeting;

/**
 * The result of {@link Experiments#welchTTest}: mean revenue per customer of group A against group B.
 *
 * @param meanA the mean of A
 * @param meanB the mean of B
 * @param difference {@code meanA - meanB}
 * @param t Welch's statistic {@code difference / sqrt(s_A^2/n_A + s_B^2/n_B)}
 * @param degreesOfFreedom the Welch-Satterthwaite degrees of freedom
 * @param pValue the two-sided p-value from Student's t with those degrees of freedom
 * @param lower the lower end of the confidence interval of the difference
 * @param upper the upper end of that interval
 * @param confidence the interval's confidence level
 */
public record MeanTest(double meanA, double meanB, double difference, double t, double degreesOfFreedom,
        double pValue, double lower, double upper, double confidence) {
}
