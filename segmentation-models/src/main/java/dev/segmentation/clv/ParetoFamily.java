package dev.segmentation.clv;

import dev.segmentation.math.Hypergeometric;
import dev.segmentation.math.Special;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;

/**
 * Pareto/NBD formulas (Schmittlein, Morrison and Colombo 1987; the likelihood as in Fader and Hardie 2005,
 * "A Note on Deriving the Pareto/NBD Model and Related Expressions"): purchases are Poisson with a
 * Gamma(r, alpha) rate, lifetimes exponential with a Gamma(s, beta) rate. Static and pure.
 */
final class ParetoFamily {
    private ParetoFamily() {
    }

    /**
     * The weighted log-likelihood over a histogram and its gradient dLL/d(r, alpha, s, beta):
     * {@code LL = A1 + log(exp(u1) + exp(u2) - exp(u3))} with
     * {@code A1 = lnG(r+x) - lnG(r) + r ln(alpha) + s ln(beta)},
     * {@code u1 = -(r+x) ln(alpha+T) - s ln(beta+T)} (alive at T) and
     * {@code u2 - u3 = ln(s/(r+s+x)) + ln(I(t_x)) - ln(I(T))} (died between t_x and T), where
     * {@code I(tau) = 2F1(r+s+x, s+1; r+s+x+1; (alpha-beta)/(alpha+tau)) / (alpha+tau)^(r+s+x)} for
     * alpha >= beta and the mirrored form for alpha < beta (FH 2005 eq. 22-24). I is evaluated after Euler's
     * transformation as a series of positive terms whose parameters do not grow with x, with exact
     * derivatives of the series, so the likelihood is finite for x in the hundreds and the gradient is
     * analytic.
     */
    static double logLikelihood(double[] f, double[] rec, double[] age, double[] w, double[] p, double[] grad) {
        return logLikelihood(f, rec, age, w, p, grad, null, null, null);
    }

    /**
     * The same; with value indexes of x, t_x and T, {@code ln I(tau)} and its gradient are memoized per
     * distinct (x, tau) pair, which a cohort has far fewer of than histogram entries.
     */
    static double logLikelihood(double[] f, double[] rec, double[] age, double[] w, double[] p, double[] grad,
            ValueIndex xIdx, ValueIndex recIdx, ValueIndex ageIdx) {
        return logLikelihood(f, rec, age, w, p, grad, xIdx == null ? null : Pairs.of(xIdx, recIdx, ageIdx));
    }

    /**
     * Per histogram entry, the id of its distinct (x, t_x) pair and of its distinct (x, T) pair, so that the
     * likelihood evaluates {@code ln I} once per pair (the same arguments give the same value, so the result
     * does not change). Built once per fit. Immutable.
     */
    static final class Pairs {
        final ValueIndex x;
        final int[] recPair;
        final int recPairs;
        final int[] agePair;
        final int agePairs;

        private Pairs(ValueIndex x, int[] recPair, int recPairs, int[] agePair, int agePairs) {
            this.x = x;
            this.recPair = recPair;
            this.recPairs = recPairs;
            this.agePair = agePair;
            this.agePairs = agePairs;
        }

        static Pairs of(ValueIndex x, ValueIndex rec, ValueIndex age) {
            int[] recPair = new int[x.index.length];
            int[] agePair = new int[x.index.length];
            int nr = ids(x, rec, recPair);
            int na = ids(x, age, agePair);
            return new Pairs(x, recPair, nr, agePair, na);
        }

        /** Dense ids of the distinct (x index, other index) pairs, in key order; returns their count. */
        private static int ids(ValueIndex x, ValueIndex other, int[] out) {
            int n = out.length;
            long width = other.values.length;
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                keys[i] = x.index[i] * width + other.index[i];
            }
            long[] sorted = keys.clone();
            java.util.Arrays.sort(sorted);
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (k == 0 || sorted[i] != sorted[k - 1]) {
                    sorted[k++] = sorted[i];
                }
            }
            for (int i = 0; i < n; i++) {
                out[i] = java.util.Arrays.binarySearch(sorted, 0, k, keys[i]);
            }
            return k;
        }
    }

    /** The likelihood with memoized pairs, or without memo when {@code pairs} is null. */
    static double logLikelihood(double[] f, double[] rec, double[] age, double[] w, double[] p, double[] grad,
            Pairs pairs) {
        return logLikelihood(f, rec, age, w, p, grad, pairs, null);
    }

    /**
     * The same, also writing each row's weighted term {@code 0 + w_i ll_i} to {@code perRow} when it is not
     * null: with unit weights, bit for bit what {@link #logLikelihood(double, double, double, double, double,
     * double, double)} returns for that row alone (memoized {@code ln I} values are the same function of the
     * same arguments).
     */
    static double logLikelihood(double[] f, double[] rec, double[] age, double[] w, double[] p, double[] grad,
            Pairs pairs, double[] perRow) {
        boolean memo = pairs != null;
        ValueIndex xIdx = memo ? pairs.x : null;
        double[] memoRec = memo ? new double[pairs.recPairs * 5] : null;
        double[] memoAge = memo ? new double[pairs.agePairs * 5] : null;
        boolean[] doneRec = memo ? new boolean[pairs.recPairs] : null;
        boolean[] doneAge = memo ? new boolean[pairs.agePairs] : null;
        double r = p[0];
        double alpha = p[1];
        double s = p[2];
        double beta = p[3];
        double lgR = Special.logGamma(r);
        double lnAlpha = Math.log(alpha);
        double lnBeta = Math.log(beta);
        boolean g = grad != null;
        double dgR = g ? Special.digamma(r) : 0;
        double[] i2 = new double[5];
        double[] i3 = new double[5];
        double[] ser = new double[4];
        double ll = 0;
        double gr = 0;
        double galpha = 0;
        double gs = 0;
        double gbeta = 0;
        ValueIndex xs = xIdx != null ? xIdx : ValueIndex.of(f);
        double[] a1s = new double[xs.values.length];
        double[] dA1drs = new double[xs.values.length];
        for (int k = 0; k < a1s.length; k++) {
            double x = xs.values[k];
            a1s[k] = Special.logGamma(r + x) - lgR + r * lnAlpha + s * lnBeta;
            if (g) {
                dA1drs[k] = Special.digamma(r + x) - dgR + lnAlpha;
            }
        }
        for (int i = 0; i < f.length; i++) {
            double x = f[i];
            double a1 = a1s[xs.index[i]];
            double dA1dr = dA1drs[xs.index[i]];
            double rsf = r + s + x;
            double lnAT = Math.log(alpha + age[i]);
            double lnBT = Math.log(beta + age[i]);
            double u1 = -(r + x) * lnAT - s * lnBT;
            double c = Math.log(s / rsf);
            if (memo) {
                int kr = pairs.recPair[i];
                if (!doneRec[kr]) {
                    logI(r, alpha, s, beta, x, rec[i], i2, ser, false);
                    System.arraycopy(i2, 0, memoRec, kr * 5, 5);
                    doneRec[kr] = true;
                } else {
                    System.arraycopy(memoRec, kr * 5, i2, 0, 5);
                }
                int ka = pairs.agePair[i];
                if (!doneAge[ka]) {
                    logI(r, alpha, s, beta, x, age[i], i3, ser, false);
                    System.arraycopy(i3, 0, memoAge, ka * 5, 5);
                    doneAge[ka] = true;
                } else {
                    System.arraycopy(memoAge, ka * 5, i3, 0, 5);
                }
            } else {
                logI(r, alpha, s, beta, x, rec[i], i2, ser, false);
                logI(r, alpha, s, beta, x, age[i], i3, ser, false);
            }
            double u2 = c + i2[0];
            double u3 = c + i3[0];
            double m = Math.max(u1, u2);
            double e1 = Math.exp(u1 - m);
            double e23 = Math.exp(u2 - m) - Math.exp(u3 - m);
            if (e23 < 0) {
                e23 = 0;
            }
            double sum = e1 + e23;
            double wi = w[i];
            double li = wi * (a1 + m + Math.log(sum));
            ll += li;
            if (perRow != null) {
                perRow[i] = 0.0 + li;
            }
            if (g) {
                double w1 = e1 / sum;
                double w2 = Math.exp(u2 - m) / sum;
                double w3 = Math.exp(u3 - m) / sum;
                // d(u2) = dc + dI2, d(u3) = dc + dI3; w2 - w3 multiplies dc.
                double wc = w2 - w3;
                gr += wi * (dA1dr + w1 * (-lnAT) + wc * (-1 / rsf) + w2 * i2[1] - w3 * i3[1]);
                galpha += wi * (r / alpha + w1 * (-(r + x) / (alpha + age[i])) + w2 * i2[2] - w3 * i3[2]);
                gs += wi * (lnBeta + w1 * (-lnBT) + wc * (1 / s - 1 / rsf) + w2 * i2[3] - w3 * i3[3]);
                gbeta += wi * (s / beta + w1 * (-s / (beta + age[i])) + w2 * i2[4] - w3 * i3[4]);
            }
        }
        if (g) {
            grad[0] = gr;
            grad[1] = galpha;
            grad[2] = gs;
            grad[3] = gbeta;
        }
        return ll;
    }

    /** out = {ln I(tau), d/dr, d/dalpha, d/ds, d/dbeta}; ser is scratch of length 4. */
    static void logI(double r, double alpha, double s, double beta, double x, double tau, double[] out,
            double[] ser, boolean exact) {
        double at = alpha + tau;
        double bt = beta + tau;
        double c = r + s + x + 1;
        if (alpha >= beta) {
            double z = (alpha - beta) / at;
            Hypergeometric.series1(r + x, c, z, ser, exact);
            out[0] = -(r + x) * Math.log(at) - s * Math.log(bt) + ser[0];
            out[1] = -Math.log(at) + ser[1] + ser[2];
            out[2] = -(r + x) / at + ser[3] * bt / (at * at);
            out[3] = -Math.log(bt) + ser[2];
            out[4] = -s / bt - ser[3] / at;
        } else {
            double z = (beta - alpha) / bt;
            Hypergeometric.series1(s + 1, c, z, ser, exact);
            out[0] = (1 - r - x) * Math.log(at) - (s + 1) * Math.log(bt) + ser[0];
            out[1] = -Math.log(at) + ser[2];
            out[2] = (1 - r - x) / at - ser[3] / bt;
            out[3] = -Math.log(bt) + ser[1] + ser[2];
            out[4] = -(s + 1) / bt + ser[3] * at / (bt * bt);
        }
    }

    /** One customer's log-likelihood. */
    static double logLikelihood(double r, double alpha, double s, double beta, double x, double tx,
            double age) {
        return logLikelihood(new double[] {x}, new double[] {tx}, new double[] {age}, new double[] {1},
                new double[] {r, alpha, s, beta}, null);
    }

    /**
     * P(alive | x, t_x, T) = 1 / (1 + odds) with the odds "died between t_x and T" against "alive at T" taken
     * as the integral they are (FH 2005 eqs. 19-25 before the hypergeometric closed form):
     * {@code odds = int_(t_x)^T s ((alpha+T)/(alpha+tau))^(r+x) ((beta+T)/(beta+tau))^s / (beta+tau) dtau}.
     * The closed form {@code exp(u2) - exp(u3)} cancels where beta or alpha is large against T (issue 17: relative
     * errors up to 1e-3 at beta = 1e10..1e12 and at r = alpha = s = beta = 1e12); the integrand here is positive,
     * log-convex and largest at t_x, and is integrated in log space by Gauss-Kronrod panels growing from t_x, so
     * nothing cancels.
     */
    static double probabilityAlive(double r, double alpha, double s, double beta, double x, double tx,
            double age) {
        if (!(age > tx)) {
            return 1.0;
        }
        double lo = logOddsDead(r, alpha, s, beta, x, tx, age);
        return Math.exp(-Special.log1pExp(lo));
    }

    /** Abscissae of the non-negative half of the 15-point rule. */
    private static final int GK_POINTS = 8;

    /** Gauss-Kronrod 7-15 abscissae on [-1, 1], non-negative half, 0 last (a method: no mutable static array). */
    private static double gkX(int i) {
        switch (i) {
            case 0:
                return 0.991455371120812639206854697526329;
            case 1:
                return 0.949107912342758524526189684047851;
            case 2:
                return 0.864864423359769072789712788640926;
            case 3:
                return 0.741531185599394439863864773280788;
            case 4:
                return 0.586087235467691130294144845693013;
            case 5:
                return 0.405845151377397166906606412076961;
            case 6:
                return 0.207784955007898467600689403773245;
            default:
                return 0.0;
        }
    }

    /** Kronrod weights for {@link #gkX}. */
    private static double gkWk(int i) {
        switch (i) {
            case 0:
                return 0.022935322010529224963732008058970;
            case 1:
                return 0.063092092629978553290700663189204;
            case 2:
                return 0.104790010322250183839876322541518;
            case 3:
                return 0.140653259715525918745189590510238;
            case 4:
                return 0.169004726639267902826583426598550;
            case 5:
                return 0.190350578064785409913256402421014;
            case 6:
                return 0.204432940075298892414161999234649;
            default:
                return 0.209482141084727828012999174891714;
        }
    }

    /** Gauss weights for the odd-indexed {@link #gkX} (and 0), 0 elsewhere. */
    private static double gkWg(int i) {
        switch (i) {
            case 0:
                return 0;
            case 1:
                return 0.129484966168869693270611432679082;
            case 2:
                return 0;
            case 3:
                return 0.279705391489276667901467771423780;
            case 4:
                return 0;
            case 5:
                return 0.381830050505118944950369775488975;
            case 6:
                return 0;
            default:
                return 0.417959183673469387755102040816327;
        }
    }

    /** ln of the odds integrand at tau, shifted by {@code -shift}. */
    private static double logOddsIntegrand(double r, double alpha, double s, double beta, double x, double age,
            double tau, double shift) {
        return (r + x) * Math.log1p((age - tau) / (alpha + tau)) + s * Math.log1p((age - tau) / (beta + tau))
                - Math.log(beta + tau) - shift;
    }

    /** ln of the Pareto/NBD odds dead : alive (see {@link #probabilityAlive}); tx < age. */
    static double logOddsDead(double r, double alpha, double s, double beta, double x, double tx, double age) {
        double top = logOddsIntegrand(r, alpha, s, beta, x, age, tx, 0);
        // the integrand falls at rate (r+x)/(alpha+tau) + (s+1)/(beta+tau), largest at tau = t_x
        double rate = (r + x) / (alpha + tx) + (s + 1) / (beta + tx);
        double width = age - tx;
        double h = Math.min(width, 1 / rate);
        double sum = 0;
        double lo = tx;
        while (lo < age) {
            double hi = Math.min(age, lo + h);
            if (age - hi < 1e-3 * h) {
                hi = age;
            }
            double startValue = Math.exp(logOddsIntegrand(r, alpha, s, beta, x, age, lo, top));
            if (sum > 0 && (age - lo) * startValue < 1e-18 * sum) {
                break; // the rest (a falling integrand) cannot change the sum
            }
            sum += panel(r, alpha, s, beta, x, age, top, lo, hi, 0);
            lo = hi;
            h *= 2;
        }
        return top + Math.log(s) + Math.log(sum);
    }

    /** Bisection depth of {@link #panel}. */
    private static final int MAX_DEPTH = 12;

    /** Adaptive Gauss-Kronrod 7-15 on [lo, hi] of exp(logOddsIntegrand - top), local relative tolerance. */
    private static double panel(double r, double alpha, double s, double beta, double x, double age, double top,
            double lo, double hi, int depth) {
        double c = 0.5 * (lo + hi);
        double hw = 0.5 * (hi - lo);
        double k = 0;
        double g = 0;
        for (int i = 0; i < GK_POINTS; i++) {
            double f = Math.exp(logOddsIntegrand(r, alpha, s, beta, x, age, c - hw * gkX(i), top));
            if (gkX(i) != 0) {
                f += Math.exp(logOddsIntegrand(r, alpha, s, beta, x, age, c + hw * gkX(i), top));
            }
            k += gkWk(i) * f;
            g += gkWg(i) * f;
        }
        k *= hw;
        g *= hw;
        // depth 12 bounds the work of one panel to 2^12 evaluations of the rule (an unbounded bisection ran for
        // 40 minutes on one golden row); the panels' sizes already follow the integrand's decay
        if (depth >= MAX_DEPTH || Math.abs(k - g) <= 1e-14 * k || k == 0) {
            return k;
        }
        return panel(r, alpha, s, beta, x, age, top, lo, c, depth + 1)
                + panel(r, alpha, s, beta, x, age, top, c, hi, depth + 1);
    }

    /** E[X(t)] = r beta / (alpha (s - 1)) [1 - (beta/(beta+t))^(s-1)] (FH 2005 eq. 27), continuous at s = 1. */
    static double expected(double r, double alpha, double s, double beta, double t) {
        double l = Math.log1p(t / beta);
        // at most r t / alpha, the expectation without dropout (log1p(u) <= u, exprel(-y) <= 1 for y >= 0)
        return Checks.clamp(r * beta / alpha * l * Special.exprel(-(s - 1) * l), 0, r * t / alpha,
                "expected purchases");
    }

    /**
     * E[Y(t) | x, t_x, T] = (r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)] P(alive)
     * (FH 2005 eq. 28), continuous at s = 1.
     */
    static double conditionalExpected(double r, double alpha, double s, double beta, double t, double x,
            double age, double pAlive) {
        double l = Math.log1p(t / (beta + age));
        double perAlive = (r + x) * (beta + age) / (alpha + age) * l * Special.exprel(-(s - 1) * l);
        return Checks.clamp(perAlive, 0, (r + x) * t / (alpha + age), "expected purchases") * pAlive;
    }

    /**
     * P(X(t) = n) for a new customer: alive through t with NBD counts, plus death at tau in (0, t) with NBD
     * counts up to tau, {@code NBD_n(t) (beta/(beta+t))^s + int_0^t NBD_n(tau) s beta^s (beta+tau)^(-s-1) dtau}
     * (equivalent to Fader and Hardie's 2006 closed form, which needs differences of hypergeometric terms).
     * The integral is taken over {@code u = ln(1 + tau/beta)}, where the lifetime density is
     * {@code s exp(-s u)}, by iterated Gauss-Legendre quadrature to 1e-12.
     */
    static double probabilityOfPurchases(double r, double alpha, double s, double beta, int n, double t) {
        if (t == 0) {
            return n == 0 ? 1 : 0;
        }
        double lgc = Special.logGamma(r + n) - Special.logGamma(r) - Special.logGamma(n + 1.0);
        double alive = Math.exp(lgc + logNbdKernel(r, alpha, n, t) - s * Math.log1p(t / beta));
        double upper = Math.log1p(t / beta);
        // A probability needs no more than 1e-17 absolute accuracy; asking 1e-300 made the integrator run out
        // of evaluations for extreme parameters (issue 17). Typical values stop on the relative 1e-12 as before.
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(16, 1e-12, 1e-17);
        double dead;
        try {
            dead = integrator.integrate(1_000_000, u -> deadIntegrand(r, alpha, s, beta, n, lgc, u), 0, upper);
        } catch (org.apache.commons.math3.exception.TooManyEvaluationsException e) {
            // an integrand with a narrow peak: Simpson's rule on a fine fixed grid bounds the work
            dead = simpson(u -> deadIntegrand(r, alpha, s, beta, n, lgc, u), upper, 1 << 16);
        }
        return Checks.clamp(alive + dead, 0, 1, "P(X(t) = n)");
    }

    private static double deadIntegrand(double r, double alpha, double s, double beta, int n, double lgc,
            double u) {
        double tau = beta * Math.expm1(u);
        double k = tau == 0 ? (n == 0 ? 0 : Double.NEGATIVE_INFINITY) : logNbdKernel(r, alpha, n, tau);
        return s * Math.exp(lgc + k - s * u);
    }

    /** Composite Simpson's rule of f over [0, upper] with an even number of intervals. */
    private static double simpson(java.util.function.DoubleUnaryOperator f, double upper, int intervals) {
        double h = upper / intervals;
        double sum = f.applyAsDouble(0) + f.applyAsDouble(upper);
        for (int i = 1; i < intervals; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(i * h);
        }
        return sum * h / 3;
    }

    /** r ln(alpha/(alpha+t)) + n ln(t/(alpha+t)). */
    private static double logNbdKernel(double r, double alpha, int n, double t) {
        double l = Math.log(alpha + t);
        return r * (Math.log(alpha) - l) + (n == 0 ? 0 : n * (Math.log(t) - l));
    }
}
