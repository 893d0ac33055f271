package dev.segmentation.math;

/**
 * Numerically stable arithmetic on logarithms: sums of exponentials without overflow or underflow.
 *
 * <p>All methods are static, pure and thread-safe, and allocate nothing.
 */
public final class LogSpace {
    private LogSpace() {
    }

    /**
     * Returns {@code log(exp(a) + exp(b))} without overflow.
     *
     * @param a a log value, may be {@code -Infinity}
     * @param b a log value, may be {@code -Infinity}
     * @return the log of the sum; {@code -Infinity} if both are
     */
    public static double logAddExp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double max = Math.max(a, b);
        return max + Math.log1p(Math.exp(-Math.abs(a - b)));
    }

    /**
     * Returns {@code log(exp(a) - exp(b))} for {@code a >= b}, accurately also when the two are close.
     *
     * @param a the larger log value
     * @param b the smaller log value
     * @return the log of the difference; {@code -Infinity} when {@code a == b}; NaN when {@code a < b}
     */
    public static double logSubExp(double a, double b) {
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        if (a < b) {
            return Double.NaN;
        }
        return a + log1mExp(a - b);
    }

    /**
     * Returns {@code log(1 - exp(-x))} for {@code x >= 0}, choosing between {@code log(-expm1(-x))} and
     * {@code log1p(-exp(-x))} as Maechler (2012) recommends.
     *
     * @param x a non-negative number
     * @return the log of {@code 1 - exp(-x)}; {@code -Infinity} at 0
     */
    public static double log1mExp(double x) {
        return x <= Math.log(2) ? Math.log(-Math.expm1(-x)) : Math.log1p(-Math.exp(-x));
    }

    /**
     * Returns {@code log(sum_i exp(v[from + i]))} over {@code [from, to)}, with the maximum factored out.
     *
     * @param v the log values. Not modified.
     * @param from the first index, inclusive
     * @param to the last index, exclusive
     * @return the log of the sum; {@code -Infinity} for an empty range or when all are {@code -Infinity}
     */
    public static double logSumExp(double[] v, int from, int to) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            if (v[i] > max) {
                max = v[i];
            }
        }
        if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
            return max;
        }
        if (max == Double.POSITIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (int i = from; i < to; i++) {
            s += Math.exp(v[i] - max);
        }
        return max + Math.log(s);
    }

    /**
     * Returns {@code log(sum_i exp(v[i]))} over the whole array.
     *
     * @param v the log values. Not modified.
     * @return the log of the sum
     */
    public static double logSumExp(double[] v) {
        return logSumExp(v, 0, v.length);
    }
}
