package dev.segmentation.data;

import java.util.SplittableRandom;

/**
 * Random variates drawn from one {@link SplittableRandom}, for the simulator.
 *
 * <p>Written out here rather than taken from {@code SplittableRandom.nextGaussian()} or
 * {@code nextExponential()} because the JDK does not promise those algorithms across releases, while the
 * simulator promises the same log for the same seed. {@code nextLong()} (SplitMix64) is specified, and every
 * variate below is a fixed function of its draws. Besides the generator, the only state is the second normal
 * variate of each polar pair, kept for the next call.
 *
 * <p>Mutable and not thread-safe: one instance per chunk of work.
 */
final class RandomVariates {
    private static final double TWO_POW_MINUS_53 = 0x1.0p-53;

    private final SplittableRandom rng;
    private double spareNormal;
    private boolean hasSpareNormal;

    RandomVariates(SplittableRandom rng) {
        this.rng = rng;
    }

    /** Uniform on [0, 1), as {@link SplittableRandom#nextDouble()}. */
    double nextDouble() {
        return rng.nextDouble();
    }

    /** Uniform on the open interval (0, 1): never 0, never 1. */
    double uniformOpen() {
        return ((rng.nextLong() >>> 11) + 0.5) * TWO_POW_MINUS_53;
    }

    /** Standard exponential by inversion, strictly positive and finite. */
    double exponential() {
        return -Math.log(uniformOpen());
    }

    /** Standard normal by Marsaglia's polar method; the pair's second variate serves the next call. */
    double normal() {
        if (hasSpareNormal) {
            hasSpareNormal = false;
            return spareNormal;
        }
        double u;
        double v;
        double s;
        do {
            u = 2.0 * uniformOpen() - 1.0;
            v = 2.0 * uniformOpen() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        double m = Math.sqrt(-2.0 * Math.log(s) / s);
        spareNormal = v * m;
        hasSpareNormal = true;
        return u * m;
    }

    /**
     * Gamma(shape, rate 1) by Marsaglia and Tsang (2000), "A simple method for generating gamma variables",
     * ACM TOMS 26(3); for shape &lt; 1 the boost {@code Gamma(shape) = Gamma(shape + 1) * U^(1/shape)}. May
     * underflow to 0 for shapes far below 1; use {@link #logGamma} where that matters.
     */
    double gamma(double shape) {
        if (shape < 1.0) {
            return gamma(shape + 1.0) * Math.pow(uniformOpen(), 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x = normal();
            double v = 1.0 + c * x;
            if (v <= 0.0) {
                continue;
            }
            v = v * v * v;
            double u = uniformOpen();
            double x2 = x * x;
            if (u < 1.0 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1.0 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /** The logarithm of a Gamma(shape, rate 1) variate, finite for every shape &gt; 0 (no underflow). */
    double logGamma(double shape) {
        if (shape < 1.0) {
            return Math.log(gamma(shape + 1.0)) + Math.log(uniformOpen()) / shape;
        }
        return Math.log(gamma(shape));
    }

    /**
     * Beta(a, b) as {@code X / (X + Y)} with {@code X ~ Gamma(a)}, {@code Y ~ Gamma(b)}, computed from their
     * logarithms so that small shapes give 0 or 1 only through rounding, never NaN.
     */
    double beta(double a, double b) {
        double logX = logGamma(a);
        double logY = logGamma(b);
        return 1.0 / (1.0 + Math.exp(logY - logX));
    }

    /**
     * Poisson(mean) by inversion (sequential search from 0) with one uniform; {@code p0 = exp(-mean)} is passed
     * in so that callers with a fixed mean compute it once. For the small means the simulator uses (at most
     * 49); stops where the probabilities underflow, so it always terminates.
     */
    int poisson(double mean, double p0) {
        double u = uniformOpen();
        int k = 0;
        double p = p0;
        double cdf = p0;
        while (u > cdf && p > 0.0) {
            k++;
            p *= mean / k;
            cdf += p;
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
        int sample(RandomVariates rv) {
            double u = rv.nextDouble() * prob.length;
            int i = (int) u;
            if (i >= prob.length) {
                i = prob.length - 1;
            }
            return (u - i) < prob[i] ? i : alias[i];
        }
    }
}
