package dev.segmentation.math;

import dev.segmentation.internal.math.FdLibm;
import org.apache.commons.math3.special.Gamma;

/**
 * Special functions the BTYD models need beyond commons-math: log-gamma with sign for negative arguments,
 * {@code expm1(y)/y}, and {@code log(1 + exp(y))}. Static and pure.
 */
public final class Special {
    private Special() {
    }

    /**
     * log|Gamma(x)|, by reflection for x &lt;= 0; +Infinity at the poles (0, -1, -2, ...).
     *
     * @param x the argument
     * @return the value
     */
    public static double logAbsGamma(double x) {
        if (x > 0) {
            return Gamma.logGamma(x);
        }
        if (x == Math.rint(x)) {
            return Double.POSITIVE_INFINITY;
        }
        // Gamma(x) Gamma(1 - x) = pi / sin(pi x)
        return Math.log(Math.PI) - Math.log(Math.abs(sinPi(x))) - Gamma.logGamma(1 - x);
    }

    /**
     * The sign of Gamma(x): +1 for x &gt; 0, the sign of sin(pi x) for negative non-integers, 0 at the poles.
     *
     * @param x the argument
     * @return the value
     */
    public static double signGamma(double x) {
        if (x > 0) {
            return 1;
        }
        if (x == Math.rint(x)) {
            return 0;
        }
        return Math.signum(sinPi(x));
    }

    /**
     * sin(pi x), exact at integers.
     *
     * @param x the argument
     * @return the value
     */
    public static double sinPi(double x) {
        double r = x - 2 * Math.floor(x / 2); // in [0, 2)
        if (r == 0 || r == 1) {
            return 0;
        }
        return Math.sin(Math.PI * r);
    }

    /**
     * expm1(y) / y, continuous at 0 (the "exprel" function).
     *
     * @param y the argument
     * @return the value
     */
    public static double exprel(double y) {
        if (Math.abs(y) < 1e-5) {
            return 1 + y / 2 + y * y / 6;
        }
        return Math.expm1(y) / y;
    }

    /**
     * log(1 + exp(y)) without overflow.
     *
     * @param y the argument
     * @return the value
     */
    public static double log1pExp(double y) {
        if (y > 36) {
            return y + Math.exp(-y);
        }
        return FdLibm.log1p(Math.exp(y));
    }

    /**
     * Digamma psi(x) for x &gt; 0.
     *
     * @param x the argument
     * @return the value
     */
    public static double digamma(double x) {
        return Gamma.digamma(x);
    }

    /**
     * log Gamma(x) for x &gt; 0.
     *
     * @param x the argument
     * @return the value
     */
    public static double logGamma(double x) {
        return Gamma.logGamma(x);
    }
}
