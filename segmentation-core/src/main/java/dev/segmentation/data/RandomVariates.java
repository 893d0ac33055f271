package dev.segmentation.data;

import java.util.SplittableRandom;

/**
 * Random variates drawn from a {@link SplittableRandom}, for the simulator.
 *
 * <p>Written out here rather than taken from {@code SplittableRandom.nextGaussian()} or
 * {@code nextExponential()} because the JDK does not promise those algorithms across releases, while the
 * simulator promises the same log for the same seed. {@code nextLong()} (SplitMix64) is specified, and every
 * variate below is a fixed function of it. Stateless: all state lives in the generator passed in.
 */
final class RandomVariates {
    private static final double TWO_POW_MINUS_53 = 0x1.0p-53;

    private RandomVariates() {
    }

    /** Uniform on the open interval (0, 1): never 0, never 1. */
    static double uniformOpen(SplittableRandom rng) {
        return ((rng.nextLong() >>> 11) + 0.5) * TWO_POW_MINUS_53;
    }

    /** Standard exponential by inversion, strictly positive and finite. */
    static double exponential(SplittableRandom rng) {
        return -Math.log(uniformOpen(rng));
    }

    /** Standard normal by Marsaglia's polar method (the second variate of each pair is discarded). */
    static double normal(SplittableRandom rng) {
        double u;
        double v;
        double s;
        do {
            u = 2.0 * uniformOpen(rng) - 1.0;
            v = 2.0 * uniformOpen(rng) - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        return u * Math.sqrt(-2.0 * Math.log(s) / s);
    }

    /**
     * Gamma(shape, rate 1) by Marsaglia and Tsang (2000), "A simple method for generating gamma variables",
     * ACM TOMS 26(3); for shape &lt; 1 the boost {@code Gamma(shape) = Gamma(shape + 1) * U^(1/shape)}. May
     * underflow to 0 for shapes far below 1; use {@link #logGamma} where that matters.
     */
    static double gamma(SplittableRandom rng, double shape) {
        if (shape < 1.0) {
            return gamma(rng, shape + 1.0) * Math.pow(uniformOpen(rng), 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x = normal(rng);
            double v = 1.0 + c * x;
            if (v <= 0.0) {
                continue;
            }
            v = v * v * v;
            double u = uniformOpen(rng);
            double x2 = x * x;
            if (u < 1.0 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1.0 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /** The logarithm of a Gamma(shape, rate 1) variate, finite for every shape &gt; 0 (no underflow). */
    static double logGamma(SplittableRandom rng, double shape) {
        if (shape < 1.0) {
            return Math.log(gamma(rng, shape + 1.0)) + Math.log(uniformOpen(rng)) / shape;
        }
        return Math.log(gamma(rng, shape));
    }

    /**
     * Beta(a, b) as {@code X / (X + Y)} with {@code X ~ Gamma(a)}, {@code Y ~ Gamma(b)}, computed from their
     * logarithms so that small shapes give 0 or 1 only through rounding, never NaN.
     */
    static double beta(SplittableRandom rng, double a, double b) {
        double logX = logGamma(rng, a);
        double logY = logGamma(rng, b);
        return 1.0 / (1.0 + Math.exp(logY - logX));
    }

    /** Poisson(mean) by Knuth's product of uniforms; for the small means the simulator uses (at most 50). */
    static int poisson(SplittableRandom rng, double mean) {
        if (mean <= 0.0) {
            return 0;
        }
        double limit = Math.exp(-mean);
        int k = 0;
        double prod = uniformOpen(rng);
        while (prod > limit) {
            k++;
            prod *= uniformOpen(rng);
        }
        return k;
    }

    /**
     * Walker's alias table for O(1) draws from a fixed discrete distribution (Vose's construction, which is
     * numerically stable). Immutable after construction.
     */
    static final class AliasTable {
        private final double[] prob;
        private final int[] alias;

        /** Builds the table from non-negative weights with a positive sum. Not modified. */
        AliasTable(double[] weights) {
            int n = weights.length;
            prob = new double[n];
            alias = new int[n];
            double sum = 0.0;
            for (double w : weights) {
                sum += w;
            }
            double[] scaled = new double[n];
            int[] small = new int[n];
            int[] large = new int[n];
            int ns = 0;
            int nl = 0;
            for (int i = 0; i < n; i++) {
                scaled[i] = weights[i] * n / sum;
                if (scaled[i] < 1.0) {
                    small[ns++] = i;
                } else {
                    large[nl++] = i;
                }
            }
            while (ns > 0 && nl > 0) {
                int s = small[--ns];
                int l = large[--nl];
                prob[s] = scaled[s];
                alias[s] = l;
                scaled[l] = (scaled[l] + scaled[s]) - 1.0;
                if (scaled[l] < 1.0) {
                    small[ns++] = l;
                } else {
                    large[nl++] = l;
                }
            }
            while (nl > 0) {
                int l = large[--nl];
                prob[l] = 1.0;
                alias[l] = l;
            }
            while (ns > 0) {
                int s = small[--ns];
                prob[s] = 1.0;
                alias[s] = s;
            }
        }

        /** Draws an index with probability proportional to its weight, using one {@code nextLong()}. */
        int sample(SplittableRandom rng) {
            double u = rng.nextDouble() * prob.length;
            int i = (int) u;
            if (i >= prob.length) {
                i = prob.length - 1;
            }
            return (u - i) < prob[i] ? i : alias[i];
        }
    }
}
