package dev.segmentation.clv;

import dev.segmentation.internal.ChunkRunner;
import dev.segmentation.internal.math.FdLibm;
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
        return logLikelihood(f, rec, age, w, p, grad, (Pairs) null);
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
     * Per histogram entry, the id of its distinct (x, t_x) pair and of its distinct (x, T) pair, with the first
     * entry of each pair, so that the likelihood evaluates {@code ln I} once per pair (the same arguments give the
     * same value, so the result does not change). Built once per fit. Immutable.
     */
    static final class Pairs {
        final ValueIndex x;
        final int[] recPair;
        final int recPairs;
        /** The first entry of each (x, t_x) pair, by pair id. */
        final int[] recFirst;
        final int[] agePair;
        final int agePairs;
        /** The first entry of each (x, T) pair, by pair id. */
        final int[] ageFirst;

        private Pairs(ValueIndex x, int[] recPair, int[] recFirst, int[] agePair, int[] ageFirst) {
            this.x = x;
            this.recPair = recPair;
            this.recPairs = recFirst.length;
            this.recFirst = recFirst;
            this.agePair = agePair;
            this.agePairs = ageFirst.length;
            this.ageFirst = ageFirst;
        }

        static Pairs of(ValueIndex x, ValueIndex rec, ValueIndex age) {
            int[] recPair = new int[x.index.length];
            int[] agePair = new int[x.index.length];
            int[] recFirst = ids(x, rec, recPair);
            int[] ageFirst = ids(x, age, agePair);
            return new Pairs(x, recPair, recFirst, agePair, ageFirst);
        }

        /**
         * Dense ids of the distinct (x index, other index) pairs, in order of first appearance (hashed, O(n)); returns
         * the first entry of each.
         */
        private static int[] ids(ValueIndex x, ValueIndex other, int[] out) {
            int n = out.length;
            long width = other.values.length;
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                keys[i] = x.index[i] * width + other.index[i];
            }
            int k = ValueIndex.Ids.of(keys, out).length;
            int[] first = new int[k];
            java.util.Arrays.fill(first, -1);
            for (int i = 0; i < n; i++) {
                if (first[out[i]] < 0) {
                    first[out[i]] = i;
                }
            }
            return first;
        }
    }

    /**
     * The scratch of a parallel evaluation (issue 19): the {@code ln I} values of every pair, computed over fixed
     * chunks of pairs on the runner's threads and only read afterwards, and each row's log-likelihood and gradient
     * terms, computed over fixed chunks of rows and then summed in row order by the calling thread, so the result is
     * bit for bit the sequential loop's (the same terms added in the same order) whatever the thread count. One per
     * fit; not for concurrent evaluations.
     */
    static final class RowTerms {
        final ChunkRunner runner;
        final double[] ll;
        /** Four gradient terms per row, row-major. */
        final double[] grad;
        final double[] memoRec;
        final double[] memoAge;

        RowTerms(ChunkRunner runner, int rows, Pairs pairs) {
            this.runner = runner;
            this.ll = new double[rows];
            this.grad = new double[4 * rows];
            this.memoRec = new double[pairs.recPairs * 5];
            this.memoAge = new double[pairs.agePairs * 5];
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
        return logLikelihood(f, rec, age, w, p, grad, pairs, perRow, null);
    }

    /**
     * The same, the pairs' {@code ln I} and the rows' terms computed in parallel when {@code terms} is not null (see
     * {@link RowTerms}; {@code pairs} must then be given).
     */
    static double logLikelihood(double[] f, double[] rec, double[] age, double[] w, double[] p, double[] grad,
            Pairs pairs, double[] perRow, RowTerms terms) {
        boolean memo = pairs != null;
        double r = p[0];
        double alpha = p[1];
        double s = p[2];
        double beta = p[3];
        double lgR = Special.logGamma(r);
        double lnAlpha = Math.log(alpha);
        double lnBeta = Math.log(beta);
        boolean g = grad != null;
        double dgR = g ? Special.digamma(r) : 0;
        ValueIndex xs = memo ? pairs.x : ValueIndex.of(f);
        double[] a1s = new double[xs.values.length];
        double[] dA1drs = new double[xs.values.length];
        for (int k = 0; k < a1s.length; k++) {
            double x = xs.values[k];
            a1s[k] = Special.logGamma(r + x) - lgR + r * lnAlpha + s * lnBeta;
            if (g) {
                dA1drs[k] = Special.digamma(r + x) - dgR + lnAlpha;
            }
        }
        int n = f.length;
        if (terms == null) {
            double[] memoRec = null;
            double[] memoAge = null;
            if (memo) {
                // ln I of every pair first (each pair is met by some row: the work the rows would do)
                memoRec = new double[pairs.recPairs * 5];
                memoAge = new double[pairs.agePairs * 5];
                fillLogI(r, alpha, s, beta, f, rec, pairs.recFirst, memoRec, 0, pairs.recPairs);
                fillLogI(r, alpha, s, beta, f, age, pairs.ageFirst, memoAge, 0, pairs.agePairs);
            }
            double[] i2 = new double[5];
            double[] i3 = new double[5];
            double[] ser = new double[4];
            double[] gi = g ? new double[4] : null;
            RowSums sums = new RowSums(perRow, g);
            for (int i = 0; i < n; i++) {
                int kx = xs.index[i];
                double li;
                if (memo) {
                    li = row(r, alpha, s, beta, lnBeta, f[i], age[i], w[i], a1s[kx], dA1drs[kx], memoRec,
                            pairs.recPair[i] * 5, memoAge, pairs.agePair[i] * 5, gi, 0);
                } else {
                    logI(r, alpha, s, beta, f[i], rec[i], i2, ser, false);
                    logI(r, alpha, s, beta, f[i], age[i], i3, ser, false);
                    li = row(r, alpha, s, beta, lnBeta, f[i], age[i], w[i], a1s[kx], dA1drs[kx], i2, 0, i3, 0, gi, 0);
                }
                sums.add(i, li, gi, 0);
            }
            return sums.finish(grad);
        }
        // in parallel: ln I of every pair by chunks of pairs, then the rows' terms by chunks of rows, each reading
        // its pairs' values, then the sums in row order on this thread
        double[] memoRec = terms.memoRec;
        double[] memoAge = terms.memoAge;
        double[] ll1 = terms.ll;
        double[] g1 = g ? terms.grad : null;
        terms.runner.run(ChunkRunner.chunks(pairs.recPairs), (c, worker) -> fillLogI(r, alpha, s, beta, f, rec,
                pairs.recFirst, memoRec, ChunkRunner.from(c), ChunkRunner.to(c, pairs.recPairs)));
        terms.runner.run(ChunkRunner.chunks(pairs.agePairs), (c, worker) -> fillLogI(r, alpha, s, beta, f, age,
                pairs.ageFirst, memoAge, ChunkRunner.from(c), ChunkRunner.to(c, pairs.agePairs)));
        terms.runner.run(ChunkRunner.chunks(n), (c, worker) -> {
            int to = ChunkRunner.to(c, n);
            int[] xi = xs.index;
            int[] rp = pairs.recPair;
            int[] ap = pairs.agePair;
            for (int i = ChunkRunner.from(c); i < to; i++) {
                ll1[i] = row(r, alpha, s, beta, lnBeta, f[i], age[i], w[i], a1s[xi[i]], dA1drs[xi[i]], memoRec,
                        rp[i] * 5, memoAge, ap[i] * 5, g1, 4 * i);
            }
        });
        RowSums sums = new RowSums(perRow, g);
        sums.addAll(n, ll1, g1);
        return sums.finish(grad);
    }

    /** {@code ln I} and its gradient of the pairs {@code [from, to)}, each at its first row, into {@code memo}. */
    private static void fillLogI(double r, double alpha, double s, double beta, double[] f, double[] tau,
            int[] first, double[] memo, int from, int to) {
        double[] out = new double[5];
        double[] ser = new double[4];
        for (int k = from; k < to; k++) {
            int i = first[k];
            logI(r, alpha, s, beta, f[i], tau[i], out, ser, false);
            System.arraycopy(out, 0, memo, k * 5, 5);
        }
    }

    /**
     * One row's weighted log-likelihood term {@code w (A1 + log(exp(u1) + exp(u2) - exp(u3)))}, and, when
     * {@code gi} is not null, its four weighted gradient terms into {@code gi[o..o+3]}: the one per-row kernel of
     * every path. {@code i2[o2..]} and {@code i3[o3..]} are {@link #logI} at t_x and at T.
     */
    private static double row(double r, double alpha, double s, double beta, double lnBeta, double x, double age,
            double wi, double a1, double dA1dr, double[] i2, int o2, double[] i3, int o3, double[] gi, int o) {
        double rsf = r + s + x;
        double lnAT = Math.log(alpha + age);
        double lnBT = Math.log(beta + age);
        double u1 = -(r + x) * lnAT - s * lnBT;
        double c = Math.log(s / rsf);
        double u2 = c + i2[o2];
        double u3 = c + i3[o3];
        double m = Math.max(u1, u2);
        double e1 = Math.exp(u1 - m);
        double e23 = Math.exp(u2 - m) - Math.exp(u3 - m);
        if (e23 < 0) {
            e23 = 0;
        }
        double sum = e1 + e23;
        double li = wi * (a1 + m + Math.log(sum));
        if (gi != null) {
            double w1 = e1 / sum;
            double w2 = Math.exp(u2 - m) / sum;
            double w3 = Math.exp(u3 - m) / sum;
            // d(u2) = dc + dI2, d(u3) = dc + dI3; w2 - w3 multiplies dc.
            double wc = w2 - w3;
            gi[o] = wi * (dA1dr + w1 * (-lnAT) + wc * (-1 / rsf) + w2 * i2[o2 + 1] - w3 * i3[o3 + 1]);
            gi[o + 1] = wi * (r / alpha + w1 * (-(r + x) / (alpha + age)) + w2 * i2[o2 + 2] - w3 * i3[o3 + 2]);
            gi[o + 2] = wi * (lnBeta + w1 * (-lnBT) + wc * (1 / s - 1 / rsf) + w2 * i2[o2 + 3] - w3 * i3[o3 + 3]);
            gi[o + 3] = wi * (s / beta + w1 * (-s / (beta + age)) + w2 * i2[o2 + 4] - w3 * i3[o3 + 4]);
        }
        return li;
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
        return (r + x) * FdLibm.log1p((age - tau) / (alpha + tau)) + s * FdLibm.log1p((age - tau) / (beta + tau))
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
        double l = FdLibm.log1p(t / beta);
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
        double l = FdLibm.log1p(t / (beta + age));
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
        double alive = Math.exp(lgc + logNbdKernel(r, alpha, n, t) - s * FdLibm.log1p(t / beta));
        double upper = FdLibm.log1p(t / beta);
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
