package dev.segmentation.targeting;

/**
 * The result of {@link Experiments#twoProportionTest}: conversion of group A against group B.
 *
 * @param rateA the conversion rate of A, {@code x_A / n_A}
 * @param rateB the conversion rate of B, {@code x_B / n_B}
 * @param difference {@code rateA - rateB}
 * @param z the pooled z statistic {@code difference / sqrt(p (1 - p) (1/n_A + 1/n_B))}, {@code p} the pooled rate
 * @param pValue the two-sided p-value {@code 2 (1 - Phi(|z|))}
 * @param lower the lower end of the Wald confidence interval of the difference (unpooled standard error)
 * @param upper the upper end of that interval
 * @param confidence the interval's confidence level
 */
public record ProportionTest(double rateA, double rateB, double difference, double z, double pValue, double lower,
        double upper, double confidence) {
}
