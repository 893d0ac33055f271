package dev.segmentation.math;

import dev.segmentation.internal.math.FdLibm;

/**
 * The Gauss hypergeometric function 2F1 in the forms the BTYD models need, evaluated so that it stays finite
 * where a direct evaluation overflows (frequencies in the hundreds) and falls back to the {@code 1 - z}
 * transformation where the series would converge slowly (z close to 1).
 *
 * <p>References: Abramowitz and Stegun (1964) 15.1.1 (the series), 15.3.3 (Euler's transformation),
 * 15.3.6 (the linear transformation to {@code 1 - z}).
 */
public final class Hypergeometric {
    /** Relative size of the last term at which a series stops. */
    public static final double EPS = 1e-17;
    /** Terms summed before the transformation is tried. */
    private static final int SERIES_FIRST_TRY = 2_000;
    /** Hard cap on the number of series terms. */
    public static final int MAX_TERMS = 10_000_000;

    private Hypergeometric() {
    }

    /**
     * 2F1(a, b; c; z) by the Gauss series for {@code 0 <= z < 1} (A&amp;S 15.1.1), with no transformation.
     * Used as the reference in tests and for the inner series of the transformation.
     *
     * @param a the first parameter
     * @param b the second parameter
     * @param c the third parameter
     * @param z the argument
     * @return the value
     */
    public static double series(double a, double b, double c, double z) {
        double term = 1;
        double sum = 1;
        for (int n = 0; n < MAX_TERMS; n++) {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (Math.abs(term) <= EPS * Math.abs(sum)) {
                break;
            }
            if (term == 0) {
                break;
            }
        }
        return sum;
    }

    /**
     * The BG/NBD-family kernel {@code G = [1 - (1 - z)^(a-1) 2F1(A, a - 1; C; z)] / (a - 1)}, continuous at
     * {@code a = 1}, for {@code 0 <= z < 1}.
     *
     * <p>It is what is left of {@code 1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; z)} (FHL 2005,
     * eq. 10) after Euler's transformation (A&amp;S 15.3.3): the parameters of the remaining series no longer grow
     * with x, so nothing overflows. Written as {@code -L exprel((a-1)L) - u S1} with {@code L = log(1 - z)},
     * {@code u = (1 - z)^(a-1)} and {@code S1 = (2F1 - 1)/(a - 1)} summed term by term, it also keeps full
     * relative precision for small z.
     *
     * @param a the BG/NBD a
     * @param bigA the first series parameter ({@code a + b - 1 - r} for BG/NBD)
     * @param c the third series parameter ({@code a + b + x - 1} for BG/NBD)
     * @param z the argument, {@code t / (alpha + T + t)}
     * @return the value
     */
    public static double bgKernel(double a, double bigA, double c, double z) {
        return bgKernel(a, bigA, c, z, null);
    }

    /**
     * {@link #bgKernel(double, double, double, double)}, also writing to {@code scale[0]} the magnitude of the
     * largest of the terms whose difference it returns: {@code scale[0] / |G|} is the factor by which rounding
     * errors are amplified (about 1 when nothing cancels, 1e16 when every digit cancelled).
     *
     * @param a the first parameter
     * @param bigA the first series parameter
     * @param c the third parameter
     * @param z the argument
     * @param scale if not null, receives the magnitude described above. Modified.
     * @return the value
     */
    public static double bgKernel(double a, double bigA, double c, double z, double[] scale) {
        return bgKernel(a, bigA, c, c - bigA, c - a + 1, z, scale);
    }

    /**
     * {@link #bgKernel(double, double, double, double, double[])} with {@code k = c - A} and
     * {@code B = c - a + 1} given exactly by the caller: where {@code a} is huge (the direct form serves) those
     * differences of near-equal numbers would lose up to all their digits (issue 17).
     *
     * @param a the first parameter
     * @param bigA the first series parameter
     * @param c the third parameter
     * @param k the value of {@code c - bigA} ({@code r + x} for BG/NBD)
     * @param bigB the value of {@code c - a + 1} ({@code b + x + m} for BG/NBD)
     * @param z the argument
     * @param scale if not null, receives the magnitude of the largest cancelling term. Modified.
     * @return the value
     */
    public static double bgKernel(double a, double bigA, double c, double k, double bigB, double z,
            double[] scale) {
        if (scale != null) {
            scale[0] = 0;
        }
        if (z == 0) {
            return 0;
        }
        double lg = FdLibm.log1p(-z);
        double y = (a - 1) * lg;
        double u = Math.exp(y);
        double first = -lg * Special.exprel(y);
        // S1 = sum_{n>=1} (A)_n (a)_{n-1} / ((c)_n n!) z^n
        double term = bigA / c * z;
        double s1 = term;
        int n = 1;
        int limit = SERIES_FIRST_TRY;
        while (true) {
            for (; n < limit; n++) {
                term *= (bigA + n) * (a - 1 + n) / ((c + n) * (n + 1)) * z;
                s1 += term;
                if (!Double.isFinite(s1)) {
                    // a - 1 so large that the terms overflow while u underflows to 0 (dropout near certain)
                    double g = bgKernelDirect(a, k, bigB, c, z);
                    if (scale != null) {
                        scale[0] = Math.abs(g);
                    }
                    return g;
                }
                if (Math.abs(term) <= EPS * Math.abs(s1) || term == 0) {
                    if (scale != null) {
                        scale[0] = Math.max(Math.abs(first), Math.abs(u * s1));
                    }
                    return first - u * s1;
                }
            }
            if (limit == SERIES_FIRST_TRY) {
                double viaTransform = bgKernelTransformed(a, bigA, c, z);
                if (!Double.isNaN(viaTransform)) {
                    if (scale != null) {
                        scale[0] = Math.max(Math.abs(viaTransform), 1 / Math.abs(a - 1));
                    }
                    return viaTransform;
                }
            }
            if (limit >= MAX_TERMS) {
                if (scale != null) {
                    scale[0] = Double.POSITIVE_INFINITY; // not converged: no precision claimed
                }
                return first - u * s1;
            }
            limit = MAX_TERMS;
        }
    }

    /**
     * The kernel from the untransformed form {@code [1 - (1 - z)^(c-A) 2F1(c - A, c - a + 1; c; z)] / (a - 1)}
     * (FHL 2005 eq. 10 before Euler's transformation). Its series converges geometrically with ratio about
     * {@code z (c - a) / c}, so it serves where {@code a} is so large (a Beta dropout prior concentrated at one
     * point) that the transformed series overflows; there the difference from 1 is not small, so nothing
     * cancels.
     *
     * @param a the first parameter
     * @param bigA the first series parameter
     * @param c the third parameter
     * @param z the argument
     * @return the value
     */
    public static double bgKernelDirect(double a, double bigA, double c, double z) {
        return bgKernelDirect(a, c - bigA, c - a + 1, c, z);
    }

    private static double bgKernelDirect(double a, double k, double bigB, double c, double z) {
        double logPart = k * FdLibm.log1p(-z) + Math.log(series(k, bigB, c, z));
        return -Math.expm1(logPart) / (a - 1);
    }

    /**
     * The kernel through the linear transformation to {@code 1 - z} (A&amp;S 15.3.6); NaN where that is
     * ill-conditioned ({@code c - A - B} near an integer, or {@code a} near 1), so the caller keeps summing.
     *
     * @param a the first parameter
     * @param bigA the first series parameter
     * @param c the third parameter
     * @param z the argument
     * @return the value
     */
    public static double bgKernelTransformed(double a, double bigA, double c, double z) {
        double bigB = a - 1;
        double d = c - bigA - bigB;
        if (Math.abs(bigB) < 1e-3 || Math.abs(d - Math.rint(d)) < 1e-6) {
            return Double.NaN;
        }
        double f = transformed(bigA, bigB, c, z);
        if (Double.isNaN(f) || Double.isInfinite(f)) {
            return Double.NaN;
        }
        double u = Math.exp(bigB * FdLibm.log1p(-z));
        return (1 - u * f) / bigB;
    }

    /**
     * 2F1(a, b; c; z) by A&amp;S 15.3.6, for c - a - b not an integer; NaN when a gamma factor is a pole.
     *
     * @param a the first parameter
     * @param b the second parameter
     * @param c the third parameter
     * @param z the argument
     * @return the value
     */
    public static double transformed(double a, double b, double c, double z) {
        double d = c - a - b;
        double w = 1 - z;
        double lgc = Special.logAbsGamma(c);
        double sgc = Special.signGamma(c);
        double t1 = 0;
        double s1 = sgc * Special.signGamma(d) * Special.signGamma(c - a) * Special.signGamma(c - b);
        if (Special.signGamma(c - a) != 0 && Special.signGamma(c - b) != 0) {
            double lg1 = lgc + Special.logAbsGamma(d) - Special.logAbsGamma(c - a) - Special.logAbsGamma(c - b);
            t1 = s1 * Math.exp(lg1) * series(a, b, 1 - d, w);
        }
        double t2 = 0;
        if (Special.signGamma(a) != 0 && Special.signGamma(b) != 0) {
            double s2 = sgc * Special.signGamma(-d) * Special.signGamma(a) * Special.signGamma(b);
            double lg2 = d * Math.log(w) + lgc + Special.logAbsGamma(-d) - Special.logAbsGamma(a)
                    - Special.logAbsGamma(b);
            t2 = s2 * Math.exp(lg2) * series(c - a, c - b, d + 1, w);
        }
        return t1 + t2;
    }

    /**
     * The BG/NBD-family expectation per alive customer after Pfaff's transformation (A&amp;S 15.3.4) of FHL 2005
     * eq. 10: {@code C/(a-1) [1 - 2F1(k, a-1; C; -s)] = sum_(n>=1) (-1)^(n+1) (k)_n (a)_(n-1) s^n /
     * ((C+1)_(n-1) n!)}, with {@code k = r + x}, {@code s = t/(alpha+T)} and {@code C = a+b+x-1+m}; the same
     * sum is {@code E_p[(1 - (1 + p s)^-k) / p]} over the posterior Beta(a, b+x+m) of the dropout probability
     * expanded in its moments. Its terms shrink fast exactly where the Euler form cancels (b large against
     * {@code k s}), so it serves there. Writes to {@code scale[0]} the largest term's magnitude; returns NaN
     * if the series has not converged within {@code maxTerms} terms or its terms overflow.
     *
     * @param k the parameter k
     * @param a the first parameter
     * @param cPlusOne the parameter C + 1
     * @param s the argument s
     * @param maxTerms the largest number of terms to sum
     * @param scale receives the largest term's magnitude; not null. Modified.
     * @return the sum, or NaN
     */
    public static double bgPfaff(double k, double a, double cPlusOne, double s, int maxTerms, double[] scale) {
        double term = k * s;
        double sum = term;
        double largest = Math.abs(term);
        for (int n = 1; n < maxTerms; n++) {
            term *= -(k + n) * (a + n - 1) / ((cPlusOne + n - 1) * (n + 1)) * s;
            sum += term;
            largest = Math.max(largest, Math.abs(term));
            if (!Double.isFinite(sum) || !Double.isFinite(largest)) {
                return Double.NaN;
            }
            if (Math.abs(term) <= EPS * Math.abs(sum) || term == 0) {
                scale[0] = largest;
                return sum;
            }
        }
        return Double.NaN;
    }

    /** Terms of {@link #series1} summed before the 1 - z transformation takes over. */
    public static final int SERIES1_TERMS = 2_000;

    /**
     * Writes {@code out = {log S, dlogS/dB, dlogS/dC, dlogS/dz}} for {@code S = 2F1(1, B; C; z) =
     * sum_n (B)_n / (C)_n z^n}, {@code 0 <= z < 1}, {@code C > B > 0}. The series (positive terms, exact
     * derivatives) is used while it converges within {@link #SERIES1_TERMS} terms; beyond that (z close to 1)
     * the value comes from the 1 - z transformation (A&amp;S 15.3.6) and the derivatives from central
     * differences of it. Where the transformation is ill-conditioned, {@code exact} keeps summing the series
     * (up to {@link #MAX_TERMS} terms), otherwise NaN is written (an optimizer then treats the point as
     * infeasible and steps back).
     *
     * @param bigB the series parameter B
     * @param c the third parameter
     * @param z the argument
     * @param out the output array, written. Modified.
     * @param exact whether to keep summing the series where the transformation is ill-conditioned
     */
    public static void series1(double bigB, double c, double z, double[] out, boolean exact) {
        if (!series1CannotConverge(bigB, c, z, SERIES1_TERMS) && series1Direct(bigB, c, z, out, SERIES1_TERMS)) {
            return;
        }
        double[] gammas = new double[GAMMA_TERMS];
        double f = logOneMinusZ(bigB, c, z, gammaTerms(bigB, c, gammas));
        if (Double.isNaN(f)) {
            if (exact) {
                series1Direct(bigB, c, z, out, MAX_TERMS);
            } else {
                java.util.Arrays.fill(out, Double.NaN);
            }
            return;
        }
        out[0] = f;
        double hb = 1e-6 * bigB;
        double hc = 1e-6 * c;
        double hz = 1e-6 * (1 - z);
        out[1] = (logOneMinusZ(bigB + hb, c, z) - logOneMinusZ(bigB - hb, c, z)) / (2 * hb);
        out[2] = (logOneMinusZ(bigB, c + hc, z) - logOneMinusZ(bigB, c - hc, z)) / (2 * hc);
        // the z steps keep B and C, hence every gamma factor: computed once above
        out[3] = (logOneMinusZ(bigB, c, z + hz, gammas) - logOneMinusZ(bigB, c, z - hz, gammas)) / (2 * hz);
    }

    /**
     * True when the series of {@link #series1Direct} provably does not meet its stopping rule within
     * {@code maxTerms} terms, so trying it would only cost time (the result is then the same as trying). Term n
     * (n = 0, 1, ...) is {@code z^(n+1) prod_(k<=n) (B+k)/(C+k) >= L = exp((n+1) ln z - D (1/B + ln(1 + n/B)))}
     * with {@code D = C - B} (from {@code ln(1 + u) <= u} and {@code sum_(k<=n) 1/(B+k) <= 1/B + ln(1 + n/B)}),
     * L decreasing in n; every partial sum is at most {@code 1/(1 - z)} since each ratio is below 1. The rule
     * {@code term (n+2) <= EPS sum} therefore fails for every {@code n < maxTerms} when
     * {@code 2 L(maxTerms - 1) > EPS / (1 - z)}; a factor 1e3 of margin covers rounding.
     *
     * @param bigB the series parameter B
     * @param c the third parameter
     * @param z the argument
     * @param maxTerms the largest number of terms to sum
     * @return whether it holds
     */
    public static boolean series1CannotConverge(double bigB, double c, double z, int maxTerms) {
        if (!(z > 0 && z < 1 && bigB > 0 && c > bigB)) {
            return false;
        }
        double n = maxTerms - 1;
        double logL = (n + 1) * Math.log(z) - (c - bigB) * (1 / bigB + FdLibm.log1p(n / bigB));
        return Math.log(2) + logL > Math.log(1e3 * EPS) - FdLibm.log1p(-z);
    }

    /**
     * The series with exact derivatives; false if it did not converge within maxTerms.
     *
     * @param bigB the series parameter B
     * @param c the third parameter
     * @param z the argument
     * @param out the output array, written. Modified.
     * @param maxTerms the largest number of terms to sum
     * @return whether it holds
     */
    public static boolean series1Direct(double bigB, double c, double z, double[] out, int maxTerms) {
        double term = 1;
        double sum = 1;
        double sB = 0;
        double sC = 0;
        double sZ = 0;
        double hB = 0;
        double hC = 0;
        boolean done = z == 0;
        for (int n = 0; n < maxTerms && !done; n++) {
            double bn = bigB + n;
            double cn = c + n;
            double inv = 1 / (bn * cn); // one division gives 1/(B+n), 1/(C+n) and the term ratio
            hB += cn * inv;
            hC += bn * inv;
            term *= bn * bn * inv * z;
            sum += term;
            sB += term * hB;
            sC -= term * hC;
            sZ += term * (n + 1);
            done = Math.abs(term) * (n + 2) <= EPS * sum || term == 0;
        }
        out[0] = Math.log(sum);
        out[1] = sB / sum;
        out[2] = sC / sum;
        out[3] = z > 0 ? sZ / (sum * z) : bigB / c;
        return done;
    }

    /**
     * log 2F1(1, B; C; z) by A&amp;S 15.3.6 with {@code d = C - 1 - B}:
     * {@code (C-1) G(d)/G(C-B) 2F1(1, B; 1-d; w) + w^d G(C) G(-d)/G(B) 2F1(C-1, C-B; 1+d; w)}, {@code w = 1-z};
     * NaN when d is near an integer or the result is not a positive finite number.
     *
     * @param bigB the series parameter B
     * @param c the third parameter
     * @param z the argument
     * @return the value
     */
    public static double logOneMinusZ(double bigB, double c, double z) {
        return logOneMinusZ(bigB, c, z, gammaTerms(bigB, c, new double[GAMMA_TERMS]));
    }

    /** The number of values {@link #gammaTerms} writes. */
    private static final int GAMMA_TERMS = 6;

    /**
     * The factors of {@link #logOneMinusZ} that depend on B and C only: {@code {ln(C-1) + lnG(d) - lnG(C-B),
     * sign G(d), lnG(C), lnG(-d), lnG(B), sign G(-d)}} with {@code d = C - 1 - B} (kept apart so that the sums
     * round exactly as before); null where that function returns NaN whatever z.
     */
    private static double[] gammaTerms(double bigB, double c, double[] out) {
        double d = c - 1 - bigB;
        if (Math.abs(d - Math.rint(d)) < 1e-4 || !(bigB > 0) || !(c - bigB > 0)) {
            return null;
        }
        out[0] = Math.log(c - 1) + Special.logAbsGamma(d) - Special.logAbsGamma(c - bigB);
        out[1] = Special.signGamma(d);
        out[2] = Special.logAbsGamma(c);
        out[3] = Special.logAbsGamma(-d);
        out[4] = Special.logAbsGamma(bigB);
        out[5] = Special.signGamma(-d);
        return out;
    }

    /** {@link #logOneMinusZ(double, double, double)} with its gamma factors given ({@link #gammaTerms}). */
    private static double logOneMinusZ(double bigB, double c, double z, double[] gammas) {
        if (gammas == null) {
            return Double.NaN;
        }
        double d = c - 1 - bigB;
        double w = 1 - z;
        double l1 = gammas[0];
        double s1 = gammas[1] * seriesCapped(1, bigB, 1 - d, w);
        double l2 = d * Math.log(w) + gammas[2] + gammas[3] - gammas[4];
        double s2 = gammas[5] * seriesCapped(c - 1, c - bigB, 1 + d, w);
        double m = Math.max(l1, l2);
        double v = Math.exp(l1 - m) * s1 + Math.exp(l2 - m) * s2;
        if (!(v > 0) || Double.isInfinite(v)) {
            return Double.NaN;
        }
        return m + Math.log(v);
    }

    private static double seriesCapped(double a, double b, double c, double z) {
        double term = 1;
        double sum = 1;
        for (int n = 0; n < SERIES1_TERMS; n++) {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (Math.abs(term) <= EPS * Math.abs(sum) || term == 0) {
                return sum;
            }
        }
        return Double.NaN;
    }
}
