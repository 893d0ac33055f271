package dev.segmentation.targeting;

import dev.segmentation.InvalidDataException;
import dev.segmentation.internal.ParamChecks;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.StatisticalSummaryValues;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * A/B test analysis: conversion (two-proportion z-test), revenue per customer (Welch's t-test), sample size and
 * power for two proportions, and a warning against peeking.
 *
 * <ul>
 *   <li>{@link #twoProportionTest}: pooled z statistic and Wald interval, as in Montgomery and Runger, <i>Applied
 *       Statistics and Probability for Engineers</i>, section 10-6 (inference on two population proportions).</li>
 *   <li>{@link #welchTTest}: Welch (1947) statistic and Welch-Satterthwaite degrees of freedom, as in the
 *       NIST/SEMATECH e-Handbook of Statistical Methods, section 1.3.5.3; t and p from commons-math
 *       {@link TTest}.</li>
 *   <li>{@link #sampleSizePerGroup} and {@link #power}: the normal approximation without continuity correction
 *       (Fleiss, Levin and Paik 2003, <i>Statistical Methods for Rates and Proportions</i>, chapter 4):
 *       {@code n = (z_{1-alpha/2} sqrt(2 pbar qbar) + z_{power} sqrt(p1 q1 + p2 q2))^2 / (p1 - p2)^2}.</li>
 *   <li>{@link #peekingWarning}: the rule is to decide once, at the planned sample size. Testing repeatedly as
 *       data arrive and stopping at the first significant result inflates the false-positive rate (five looks at
 *       nominal 5% give about 14%: Armitage, McPherson and Rowe 1969, JRSS A 132(2)); so any analysis before
 *       both groups reach the planned size is flagged.</li>
 * </ul>
 * All methods are pure and thread-safe. Null is never accepted or returned.
 */
public final class Experiments {
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private Experiments() {
    }

    /**
     * Two-proportion z-test and confidence interval of the difference in conversion rates.
     *
     * @param conversionsA conversions in A, in [0, nA]
     * @param nA customers in A, at least 1
     * @param conversionsB conversions in B, in [0, nB]
     * @param nB customers in B, at least 1
     * @param confidence the interval's confidence level in (0, 1), e.g. 0.95
     * @return the test; z and the p-value are NaN when both groups convert all or none
     * @throws IllegalArgumentException for counts out of range ({@code "conversionsA must be in [0, 100], found
     *     120"}, {@code "nA must be >= 1, found 0"}) or a confidence outside (0, 1)
     *     ({@code "confidence must be in (0, 1), found 1.0"})
     */
    public static ProportionTest twoProportionTest(long conversionsA, long nA, long conversionsB, long nB,
            double confidence) {
        counts("A", conversionsA, nA);
        counts("B", conversionsB, nB);
        confidence(confidence);
        double pa = (double) conversionsA / nA;
        double pb = (double) conversionsB / nB;
        double pooled = (double) (conversionsA + conversionsB) / (nA + nB);
        double d = pa - pb;
        double z = d / Math.sqrt(pooled * (1 - pooled) * (1.0 / nA + 1.0 / nB));
        double p = 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z));
        double se = Math.sqrt(pa * (1 - pa) / nA + pb * (1 - pb) / nB);
        double q = STANDARD_NORMAL.inverseCumulativeProbability(0.5 + confidence / 2);
        return new ProportionTest(pa, pb, d, z, p, d - q * se, d + q * se, confidence);
    }

    /**
     * Welch's t-test on two samples (for example revenue per customer).
     *
     * @param a the values of A, at least 2, finite. Not modified.
     * @param b the values of B, at least 2, finite. Not modified.
     * @param confidence the interval's confidence level in (0, 1)
     * @return the test
     * @throws InvalidDataException if a value is not finite: {@code "a row 3: value must be finite, found NaN"}
     * @throws IllegalArgumentException if a sample has fewer than 2 values ({@code "a must have >= 2 values,
     *     found 1"}) or both have zero variance ({@code "a and b must not both have zero variance, found 0.0 and
     *     0.0"})
     */
    public static MeanTest welchTTest(double[] a, double[] b, double confidence) {
        SummaryStatistics sa = summary("a", a);
        SummaryStatistics sb = summary("b", b);
        return welch(sa, sb, confidence);
    }

    /**
     * Welch's t-test from summary statistics (as printed in a report).
     *
     * @param meanA the mean of A, finite
     * @param sdA the sample standard deviation of A (divisor n - 1), at least 0
     * @param nA the size of A, at least 2
     * @param meanB the mean of B, finite
     * @param sdB the sample standard deviation of B, at least 0
     * @param nB the size of B, at least 2
     * @param confidence the interval's confidence level in (0, 1)
     * @return the test
     * @throws IllegalArgumentException for an argument out of range, e.g. {@code "nA must be >= 2, found 1"}
     */
    public static MeanTest welchTTest(double meanA, double sdA, long nA, double meanB, double sdB, long nB,
            double confidence) {
        ParamChecks.finite("meanA", meanA);
        ParamChecks.finite("meanB", meanB);
        ParamChecks.nonNegative("sdA", sdA);
        ParamChecks.nonNegative("sdB", sdB);
        ParamChecks.atLeast("nA", nA, 2);
        ParamChecks.atLeast("nB", nB, 2);
        return welch(new StatisticalSummaryValues(meanA, sdA * sdA, nA, Double.NaN, Double.NaN, meanA * nA),
                new StatisticalSummaryValues(meanB, sdB * sdB, nB, Double.NaN, Double.NaN, meanB * nB), confidence);
    }

    private static MeanTest welch(org.apache.commons.math3.stat.descriptive.StatisticalSummary sa,
            org.apache.commons.math3.stat.descriptive.StatisticalSummary sb, double confidence) {
        confidence(confidence);
        double va = sa.getVariance() / sa.getN();
        double vb = sb.getVariance() / sb.getN();
        if (va == 0 && vb == 0) {
            throw new IllegalArgumentException("a and b must not both have zero variance, found 0.0 and 0.0");
        }
        TTest test = new TTest();
        double t = test.t(sa, sb);
        double p = test.tTest(sa, sb);
        double df = (va + vb) * (va + vb) / (va * va / (sa.getN() - 1) + vb * vb / (sb.getN() - 1));
        double d = sa.getMean() - sb.getMean();
        double q = new TDistribution(null, df).inverseCumulativeProbability(0.5 + confidence / 2);
        double se = Math.sqrt(va + vb);
        return new MeanTest(sa.getMean(), sb.getMean(), d, t, df, p, d - q * se, d + q * se, confidence);
    }

    /**
     * Customers needed per group to detect conversion rates {@code p1} against {@code p2} with a two-sided test.
     *
     * @param p1 one rate in [0, 1]
     * @param p2 the other rate in [0, 1], different from {@code p1}
     * @param alpha the two-sided significance level in (0, 1)
     * @param power the power in (0, 1)
     * @return the size per group, rounded up
     * @throws IllegalArgumentException if an argument is out of range, e.g. {@code "p2 must differ from p1, found
     *     0.1 and 0.1"}
     */
    public static long sampleSizePerGroup(double p1, double p2, double alpha, double power) {
        rates(p1, p2);
        ParamChecks.inOpenRange("alpha", alpha, 0, 1);
        ParamChecks.inOpenRange("power", power, 0, 1);
        double pbar = (p1 + p2) / 2;
        double za = STANDARD_NORMAL.inverseCumulativeProbability(1 - alpha / 2);
        double zb = STANDARD_NORMAL.inverseCumulativeProbability(power);
        double s = za * Math.sqrt(2 * pbar * (1 - pbar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
        return (long) Math.ceil(s * s / ((p1 - p2) * (p1 - p2)));
    }

    /**
     * The power of the two-sided two-proportion test with {@code n} customers per group (the inverse of
     * {@link #sampleSizePerGroup}, neglecting the far tail).
     *
     * @param p1 one rate in [0, 1]
     * @param p2 the other rate in [0, 1], different from {@code p1}
     * @param nPerGroup customers per group, at least 1
     * @param alpha the two-sided significance level in (0, 1)
     * @return the power in [0, 1]
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static double power(double p1, double p2, long nPerGroup, double alpha) {
        rates(p1, p2);
        ParamChecks.inOpenRange("alpha", alpha, 0, 1);
        ParamChecks.atLeast("nPerGroup", nPerGroup, 1);
        double pbar = (p1 + p2) / 2;
        double za = STANDARD_NORMAL.inverseCumulativeProbability(1 - alpha / 2);
        double x = (Math.abs(p1 - p2) * Math.sqrt(nPerGroup) - za * Math.sqrt(2 * pbar * (1 - pbar)))
                / Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
        return STANDARD_NORMAL.cumulativeProbability(x);
    }

    /**
     * Returns a warning when an experiment is analyzed before both groups reached the planned size.
     *
     * @param nA customers so far in A, at least 0
     * @param nB customers so far in B, at least 0
     * @param plannedPerGroup the planned size per group (e.g. from {@link #sampleSizePerGroup}), at least 1
     * @return the warning, e.g. {@code "peeking: analyzed at n = 120 and 130 of 686 planned per group; repeated
     *     looks inflate the false-positive rate, so decide only at the planned size"}, or empty
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static Optional<String> peekingWarning(long nA, long nB, long plannedPerGroup) {
        ParamChecks.atLeast("nA", nA, 0);
        ParamChecks.atLeast("nB", nB, 0);
        ParamChecks.atLeast("plannedPerGroup", plannedPerGroup, 1);
        if (Math.min(nA, nB) >= plannedPerGroup) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "peeking: analyzed at n = %d and %d of %d planned per group;"
                + " repeated looks inflate the false-positive rate, so decide only at the planned size", nA, nB,
                plannedPerGroup));
    }

    private static void counts(String g, long x, long n) {
        ParamChecks.atLeast("n" + g, n, 1);
        ParamChecks.inRange("conversions" + g, x, 0, n);
    }

    private static void confidence(double c) {
        ParamChecks.inOpenRange("confidence", c, 0, 1);
    }

    private static void rates(double p1, double p2) {
        ParamChecks.inRange("p1", p1, 0, 1);
        ParamChecks.inRange("p2", p2, 0, 1);
        if (p1 == p2) {
            throw new IllegalArgumentException("p2 must differ from p1, found " + p1 + " and " + p2);
        }
    }

    private static SummaryStatistics summary(String name, double[] x) {
        Objects.requireNonNull(x, name);
        if (x.length < 2) {
            throw new IllegalArgumentException(name + " must have >= 2 values, found " + x.length);
        }
        SummaryStatistics s = new SummaryStatistics();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new InvalidDataException(name + " row " + i + ": value must be finite, found " + x[i], i, name,
                        null);
            }
            s.addValue(x[i]);
        }
        return s;
    }
}
