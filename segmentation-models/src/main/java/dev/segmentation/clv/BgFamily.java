package dev.segmentation.clv;

import dev.segmentation.internal.ChunkRunner;
import dev.segmentation.internal.math.FdLibm;
import dev.segmentation.math.Hypergeometric;
import dev.segmentation.math.Special;
import org.apache.commons.math3.special.Beta;

/**
 * Formulas shared by BG/NBD (Fader, Hardie and Lee 2005, "Counting your customers the easy way", Marketing
 * Science 24(2)) and MBG/NBD (Batislam, Denizel and Filiztekin 2007, IJRM 24(3)), which differ only in
 * whether a customer can drop out right after the first purchase: {@code m = 0} for BG/NBD, {@code m = 1}
 * for MBG/NBD. Parameters are {@code r, alpha} (Gamma purchase rate) and {@code a, b} (Beta dropout
 * probability). Static and pure.
 */
final class BgFamily {
    private BgFamily() {
    }

    /**
     * The weighted log-likelihood over a histogram (FHL 2005 eq. 6; BDF 2007 eq. 5) in the log-sum-exp form
     * {@code A1 + A2 + log(exp(A3) + exp(A4))}, with
     * {@code A1 = lnG(r+x) - lnG(r) + r ln(alpha)},
     * {@code A2 = lnG(a+b) + lnG(b+x+m) - lnG(b) - lnG(a+b+x+m)},
     * {@code A3 = -(r+x) ln(alpha+T)},
     * {@code A4 = ln(a) - ln(b+x-1+m) - (r+x) ln(alpha+t_x)} (present when x > 0 or m = 1).
     * Terms depending on x alone are computed once per run of equal x. Writes dLL/d(r, alpha, a, b).
     */
    static double logLikelihood(int m, double[] f, double[] rec, double[] age, double[] w, double[] p,
            double[] grad) {
        return logLikelihood(m, ValueIndex.of(f), ValueIndex.of(rec), ValueIndex.of(age), w, p, grad);
    }

    /**
     * The same, with the terms that depend on x alone tabulated over the distinct frequencies (log-gamma and
     * digamma are costly for small arguments) and log(alpha + t) over the distinct recencies and ages, so the
     * per-row work is a few multiplications, one exp and one log1p whatever the row order.
     */
    static double logLikelihood(int m, ValueIndex xIdx, ValueIndex recIdx, ValueIndex ageIdx, double[] w,
            double[] p, double[] grad) {
        return logLikelihood(m, xIdx, recIdx, ageIdx, w, p, grad, null);
    }

    /**
     * The same, also writing each row's weighted term {@code 0 + w_i ll_i} to {@code perRow} when it is not
     * null: with unit weights, bit for bit what {@link #logLikelihood(int, double, double, double, double,
     * double, double, double)} returns for that row alone (the same terms of the same arguments).
     */
    static double logLikelihood(int m, ValueIndex xIdx, ValueIndex recIdx, ValueIndex ageIdx, double[] w,
            double[] p, double[] grad, double[] perRow) {
        return logLikelihood(m, xIdx, recIdx, ageIdx, w, p, grad, perRow, null);
    }

    /**
     * The scratch of a parallel evaluation: each row's log-likelihood term and gradient terms, computed by the
     * runner's threads over fixed chunks of rows and then summed in row order by the calling thread, so the
     * result is bit for bit the sequential loop's (the same terms added in the same order) whatever the thread
     * count (issue 19). One per fit; not for concurrent evaluations.
     */
    static final class RowTerms {
        final ChunkRunner runner;
        final double[] ll;
        /** Four gradient terms per row, row-major. */
        final double[] grad;

        RowTerms(ChunkRunner runner, int rows) {
            this.runner = runner;
            this.ll = new double[rows];
            this.grad = new double[4 * rows];
        }
    }

    /** The same, the row terms computed in parallel when {@code terms} is not null (see {@link RowTerms}). */
    static double logLikelihood(int m, ValueIndex xIdx, ValueIndex recIdx, ValueIndex ageIdx, double[] w,
            double[] p, double[] grad, double[] perRow, RowTerms terms) {
        double r = p[0];
        double alpha = p[1];
        double a = p[2];
        double b = p[3];
        double lnAlpha = Math.log(alpha);
        double lnA = Math.log(a);
        double lgR = Special.logGamma(r);
        double lgB = Special.logGamma(b);
        double lgAB = Special.logGamma(a + b);
        boolean g = grad != null;
        double dgR = g ? Special.digamma(r) : 0;
        double dgB = g ? Special.digamma(b) : 0;
        double dgAB = g ? Special.digamma(a + b) : 0;
        double[] xv = xIdx.values;
        int nx = xv.length;
        double[] a12 = new double[nx];
        double[] dA1dr = new double[nx];
        double[] dA2da = new double[nx];
        double[] dA2db = new double[nx];
        double[] lnB4 = new double[nx];
        double[] inv4 = new double[nx];
        for (int k = 0; k < nx; k++) {
            double x = xv[k];
            a12[k] = Special.logGamma(r + x) - lgR + r * lnAlpha + lgAB + Special.logGamma(b + x + m) - lgB
                    - Special.logGamma(a + b + x + m);
            boolean has4 = x > 0 || m == 1;
            lnB4[k] = has4 ? Math.log(b + x - 1 + m) : 0;
            inv4[k] = has4 ? 1 / (b + x - 1 + m) : 0;
            if (g) {
                dA1dr[k] = Special.digamma(r + x) - dgR + lnAlpha;
                double dgABX = Special.digamma(a + b + x + m);
                dA2da[k] = dgAB - dgABX;
                dA2db[k] = dgAB + Special.digamma(b + x + m) - dgB - dgABX;
            }
        }
        double[] rv = recIdx.values;
        double[] av = ageIdx.values;
        double[] lnRec = new double[rv.length];
        double[] invRec = new double[rv.length];
        double[] lnAge = new double[av.length];
        double[] invAge = new double[av.length];
        for (int k = 0; k < rv.length; k++) {
            lnRec[k] = Math.log(alpha + rv[k]);
            invRec[k] = 1 / (alpha + rv[k]);
        }
        for (int k = 0; k < av.length; k++) {
            lnAge[k] = Math.log(alpha + av[k]);
            invAge[k] = 1 / (alpha + av[k]);
        }
        Kernel k = new Kernel(m, r, alpha, a, lnA, xv, xIdx.index, recIdx.index, ageIdx.index, w, a12, dA1dr, dA2da,
                dA2db, lnB4, inv4, lnRec, invRec, lnAge, invAge);
        int n = xIdx.index.length;
        if (terms != null) {
            double[] tl = terms.ll;
            double[] tg = g ? terms.grad : null;
            terms.runner.run(ChunkRunner.chunks(n), (c, worker) -> {
                int to = ChunkRunner.to(c, n);
                for (int i = ChunkRunner.from(c); i < to; i++) {
                    tl[i] = k.row(i, tg, 4 * i);
                }
            });
            // summed in row order, as the loop below does
            RowSums sums = new RowSums(perRow, g);
            sums.addAll(n, tl, tg);
            return sums.finish(grad);
        }
        double[] gi = g ? new double[4] : null;
        RowSums sums = new RowSums(perRow, g);
        for (int i = 0; i < n; i++) {
            sums.add(i, k.row(i, gi, 0), gi, 0);
        }
        return sums.finish(grad);
    }

    /**
     * The per-row kernel of {@link #logLikelihood(int, ValueIndex, ValueIndex, ValueIndex, double[], double[],
     * double[], double[], RowTerms)}, one for its sequential and its parallel loops: a row's weighted
     * log-likelihood term from the tabulated terms of its x, t_x and T. Read-only after construction.
     */
    private static final class Kernel {
        private final int m;
        private final double r;
        private final double alpha;
        private final double a;
        private final double lnA;
        private final double[] xv;
        private final int[] xi;
        private final int[] ri;
        private final int[] ai;
        private final double[] w;
        private final double[] a12;
        private final double[] dA1dr;
        private final double[] dA2da;
        private final double[] dA2db;
        private final double[] lnB4;
        private final double[] inv4;
        private final double[] lnRec;
        private final double[] invRec;
        private final double[] lnAge;
        private final double[] invAge;

        Kernel(int m, double r, double alpha, double a, double lnA, double[] xv, int[] xi, int[] ri, int[] ai,
                double[] w, double[] a12, double[] dA1dr, double[] dA2da, double[] dA2db, double[] lnB4,
                double[] inv4, double[] lnRec, double[] invRec, double[] lnAge, double[] invAge) {
            this.m = m;
            this.r = r;
            this.alpha = alpha;
            this.a = a;
            this.lnA = lnA;
            this.xv = xv;
            this.xi = xi;
            this.ri = ri;
            this.ai = ai;
            this.w = w;
            this.a12 = a12;
            this.dA1dr = dA1dr;
            this.dA2da = dA2da;
            this.dA2db = dA2db;
            this.lnB4 = lnB4;
            this.inv4 = inv4;
            this.lnRec = lnRec;
            this.invRec = invRec;
            this.lnAge = lnAge;
            this.invAge = invAge;
        }

        /**
         * Row i's weighted term {@code w_i (A1 + A2 + log(exp(A3) + exp(A4)))}; when {@code gi} is not null, its
         * four weighted gradient terms go to {@code gi[o..o+3]}.
         */
        double row(int i, double[] gi, int o) {
            int kx = xi[i];
            double x = xv[kx];
            double wi = w[i];
            double rx = r + x;
            int ka = ai[i];
            double lnAT = lnAge[ka];
            double a3 = -rx * lnAT;
            if (x > 0 || m == 1) {
                int kr = ri[i];
                double lnAR = lnRec[kr];
                double a4 = lnA - lnB4[kx] - rx * lnAR;
                double w3;
                double w4;
                double l34;
                if (a3 >= a4) {
                    double e = Math.exp(a4 - a3);
                    l34 = a3 + FdLibm.log1p(e);
                    w4 = e / (1 + e);
                    w3 = 1 - w4;
                } else {
                    double e = Math.exp(a3 - a4);
                    l34 = a4 + FdLibm.log1p(e);
                    w3 = e / (1 + e);
                    w4 = 1 - w3;
                }
                if (gi != null) {
                    gi[o] = wi * (dA1dr[kx] - w3 * lnAT - w4 * lnAR);
                    gi[o + 1] = wi * (r / alpha - rx * (w3 * invAge[ka] + w4 * invRec[kr]));
                    gi[o + 2] = wi * (dA2da[kx] + w4 / a);
                    gi[o + 3] = wi * (dA2db[kx] - w4 * inv4[kx]);
                }
                return wi * (a12[kx] + l34);
            }
            if (gi != null) {
                gi[o] = wi * (dA1dr[kx] - lnAT);
                gi[o + 1] = wi * (r / alpha - rx * invAge[ka]);
                gi[o + 2] = wi * dA2da[kx];
                gi[o + 3] = wi * dA2db[kx];
            }
            return wi * (a12[kx] + a3);
        }
    }

    /** One customer's log-likelihood. */
    static double logLikelihood(int m, double r, double alpha, double a, double b, double x, double tx,
            double age) {
        return logLikelihood(m, new double[] {x}, new double[] {tx}, new double[] {age}, new double[] {1},
                new double[] {r, alpha, a, b}, null);
    }

    /**
     * log of the odds "dropped out after the last purchase" against "alive":
     * {@code ln(a/(b+x-1+m)) + (r+x) ln((alpha+T)/(alpha+t_x))}; -Infinity for BG/NBD with x = 0.
     */
    static double logOddsDead(int m, double r, double alpha, double a, double b, double x, double tx,
            double age) {
        if (x == 0 && m == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        // b + (x - 1 + m): the integer part first, so a tiny b is not lost against 1 - 1; and
        // ln((alpha+T)/(alpha+t_x)) as log1p, which keeps its digits when alpha is huge against T (issue 17)
        return Math.log(a / (b + (x - 1 + m))) + (r + x) * FdLibm.log1p((age - tx) / (alpha + tx));
    }

    /** P(alive) = 1 / (1 + odds) (FHL 2005 eq. 11), as exp(-log1p(exp(logOdds))): 0, not NaN, for huge odds. */
    static double probabilityAlive(int m, double r, double alpha, double a, double b, double x, double tx,
            double age) {
        double lo = logOddsDead(m, r, alpha, a, b, x, tx, age);
        return lo == Double.NEGATIVE_INFINITY ? 1.0 : Math.exp(-Special.log1pExp(lo));
    }

    /**
     * E[Y(t) | x, t_x, T] (FHL 2005 eq. 10; BDF 2007 eq. 8) =
     * {@code (a+b+x-1+m) G(z) P(alive)} with {@code z = t/(alpha+T+t)} and G the Euler-transformed kernel of
     * {@link Hypergeometric#bgKernel}.
     */
    static double conditionalExpected(int m, double r, double alpha, double a, double b, double t, double x,
            double tx, double age, double pAlive) {
        if (t == 0 || pAlive == 0) {
            return 0;
        }
        double s = t / (alpha + age);
        double k = r + x;
        double bigB = b + (x + m);
        double bound = k * t / (alpha + age);
        if (s > SERIES_LIMIT) {
            // Both series forms can be wrong here without noticing (issue 17): only the positive-term sum is
            // trusted, and where it would need too many terms the value is refused.
            double direct = purchaseSum(k, s, a, bigB, DIRECT_TERMS);
            if (Double.isNaN(direct)) {
                throw outsideRegion(s, k);
            }
            return Checks.clamp(direct, 0, bound, "expected purchases") * pAlive;
        }
        double z = t / (alpha + age + t);
        double c = a + (b + (x - 1 + m));
        double[] scale = new double[1];
        double g = c * Hypergeometric.bgKernel(a, a + b - 1 + m - r, c, k, bigB, z, scale);
        // The expectation per alive customer is E_p[(1 - (1 + p s)^-k) / p] <= k s, k = r + x,
        // s = t / (alpha + T): the bound of FHL 2005's model without dropout (issue 17).
        double loss = scale[0] * c / Math.abs(g);
        if (!(g >= 0 && g <= bound) || !(loss <= TRUSTED_LOSS)) {
            // The Euler form lost too many digits to cancellation (b large against k s): the Pfaff series
            // (see Hypergeometric.bgPfaff) is the better of the two where it converges with less loss.
            double[] pscale = new double[1];
            double p = Hypergeometric.bgPfaff(k, a, c + 1, s, PFAFF_TERMS, pscale);
            if (!Double.isNaN(p) && pscale[0] / Math.abs(p) < loss) {
                g = p;
            } else if (!(g >= 0 && g <= bound) || !(loss <= TRUSTED_LOSS)) {
                double direct = purchaseSum(k, s, a, b + x + m, DIRECT_TERMS);
                if (!Double.isNaN(direct)) {
                    g = direct;
                } else if (Double.isNaN(g)) {
                    // every form failed: only where (r + x) s is beyond KS_LIMIT, as the exact sum is always
                    // available below it (a jqwik seed found r = 4.8e5, s = 8)
                    throw outsideRegion(s, k);
                }
            }
        }
        // Rounding can still leave the range by a few ulps (or more where both forms cancel): the result is
        // kept in [0, (r + x) t / (alpha + T)] P(alive), its mathematical range.
        return Checks.clamp(g, 0, bound, "expected purchases") * pAlive;
    }

    /**
     * The expectation per alive customer as a sum of positive terms, for where both series forms fail (a &lt; 1
     * with {@code k s} in the hundreds or more and extreme parameters): with N ~ NBD(k, s/(1+s)) the purchases
     * of a customer who never drops out, and {@code G(n) = sum_(j<n) (B)_j / (a+B)_j} the expected purchases
     * among the first n when the dropout probability is Beta(a, B), the value is {@code sum_(n>=1) P(N = n)
     * G(n)}. Every term is positive, so nothing cancels. NaN when more than {@code maxTerms} terms would be
     * needed.
     */
    static double purchaseSum(double k, double s, double a, double bigB, int maxTerms) {
        double mean = k * s;
        double sd = Math.sqrt(k * s * (1 + s));
        // past the mean and 40 standard deviations, and past 40 decay lengths 1 + s of the NBD's geometric
        // tail (which carries the mean when k is tiny: P(N = n) ~ k q^n / n, issue 17)
        double last = Math.ceil(mean + 40 * sd + 40 * (1 + s) + 100);
        if (!(last <= maxTerms)) {
            return Double.NaN;
        }
        double log1ms = -FdLibm.log1p(s); // log P(N = 0) / k
        double logQ = Math.log(s) + log1ms;
        double lgK = Special.logGamma(k);
        double sum = 0;
        double g = 1; // G(1)
        double c = 1; // (B)_0 / (a+B)_0
        double logPmf = 0;
        for (int n = 1; n <= last; n++) {
            if (n % 256 == 1) {
                logPmf = Special.logGamma(k + n) - lgK - Special.logGamma(n + 1.0) + k * log1ms + n * logQ;
            } else {
                logPmf += Math.log((k + n - 1) / n) + logQ;
            }
            sum += Math.exp(logPmf) * g;
            c *= (bigB + n - 1) / (a + bigB + n - 1);
            g += c;
        }
        return sum;
    }

    /**
     * Above this {@code s = t / (alpha + T)} the expectation comes from {@link #purchaseSum} only (or is refused
     * when that needs more than {@link #DIRECT_TERMS} terms): the accuracy region of the series forms, checked
     * against mpmath in {@code BtydRangeGoldenTest}.
     */
    static final double SERIES_LIMIT = 100;

    /**
     * Below this {@code (r + x) t / (alpha + T)} (with {@code t / (alpha + T) <= }{@link #SERIES_LIMIT})
     * {@link #purchaseSum} needs fewer than {@link #DIRECT_TERMS} terms, so an expectation is never refused there:
     * mean + 40 sd + 40 (1 + s) + 100 = 3e6 + 40 sqrt(3e6 * 101) + 4,140 < 3.71e6. Above it, an expectation whose
     * series forms both fail is refused.
     */
    static final double KS_LIMIT = 3e6;

    /** The refusal of an expectation outside the accuracy region. */
    private static IllegalStateException outsideRegion(double s, double k) {
        return new IllegalStateException("expected purchases: t / (alpha + T) = " + s + " with r + x = " + k
                + " is outside the accuracy region (t / (alpha + T) <= " + SERIES_LIMIT + " with (r + x) t / (alpha + T)"
                + " <= " + KS_LIMIT + ", or an exact sum of at most " + DIRECT_TERMS + " terms); use a shorter horizon");
    }

    /** Terms of {@link #purchaseSum} tried before giving up. */
    static final int DIRECT_TERMS = 4_000_000;

    /** Error amplification of the Euler form accepted without trying the Pfaff series (1e4: 12 digits left). */
    static final double TRUSTED_LOSS = 1e4;
    /** Terms of the Pfaff series tried before giving up. */
    static final int PFAFF_TERMS = 100_000;

    /**
     * P(X(t) = n) for a new customer (FHL 2005 eq. 8; the MBG/NBD analogue):
     * {@code B(a, b+n+m)/B(a, b) NBD_n(t) + B(a+1, b+n-1+m)/B(a, b) P(N(t) >= n)} (the second term when
     * n &gt; 0 or m = 1). The Beta ratios are products over the n terms they differ by, the NBD terms use
     * log1p, and the NBD tail is 1 minus the head where that keeps its digits and the sum of the terms from n
     * on otherwise (the regularized incomplete beta {@code I_z(n, r)} as a last resort), so nothing loses its
     * digits to differences of log-gamma values of huge parameters (issue 17).
     */
    static double probabilityOfPurchases(int m, double r, double alpha, double a, double b, int n, double t) {
        double logNbd;
        if (t == 0) {
            logNbd = n == 0 ? 0 : Double.NEGATIVE_INFINITY;
        } else {
            logNbd = logNbd(r, alpha, n, t);
        }
        double p = Math.exp(logBetaRatio(a, b, 0, n + m) + logNbd);
        if (n > 0 || m == 1) {
            double tail = n == 0 ? 1.0 : (t == 0 ? 0.0 : nbdTail(r, alpha, n, t));
            p += Math.exp(Math.log(a / (a + b)) + logBetaRatio(a, b, 1, n - 1 + m)) * tail;
        }
        return Checks.clamp(p, 0, 1, "P(X(t) = n)");
    }

    /** Terms beyond which ratios of gamma functions come from log-gamma differences instead of products. */
    private static final int PRODUCT_TERMS = 100_000;

    /**
     * {@code ln[B(a + d, b + j) / B(a + d, b)]} for d = 0 or 1: {@code -sum_(i<j) log1p((a + d)/(b + i))} for
     * up to {@link #PRODUCT_TERMS} terms (full relative precision however large a and b), log-gamma differences
     * beyond.
     */
    static double logBetaRatio(double a, double b, int d, int j) {
        double ad = a + d;
        if (j > PRODUCT_TERMS) {
            return Beta.logBeta(ad, b + j) - Beta.logBeta(ad, b);
        }
        double sum = 0;
        for (int i = 0; i < j; i++) {
            sum -= FdLibm.log1p(ad / (b + i));
        }
        return sum;
    }

    /** ln NBD_n(t) = ln C(r+n-1, n) - r log1p(t/alpha) - n log1p(alpha/t), for t &gt; 0. */
    static double logNbd(double r, double alpha, int n, double t) {
        return logBinomial(r, n) - r * FdLibm.log1p(t / alpha) - (n == 0 ? 0 : n * FdLibm.log1p(alpha / t));
    }

    /** ln[G(r+n) / (G(r) n!)]: a sum of logs of the n ratios (r+i-1)/i up to {@link #PRODUCT_TERMS} terms. */
    private static double logBinomial(double r, int n) {
        if (n > PRODUCT_TERMS) {
            return Special.logGamma(r + n) - Special.logGamma(r) - Special.logGamma(n + 1.0);
        }
        double sum = 0;
        for (int i = 1; i <= n; i++) {
            sum += Math.log((r + i - 1) / i);
        }
        return sum;
    }

    /** Terms of the NBD upper tail summed before the incomplete beta takes over. */
    private static final int TAIL_TERMS = 1_000_000;

    /** P(N(t) &gt;= n) for N(t) ~ NBD(r, alpha), n &gt;= 1, t &gt; 0, to full relative precision. */
    static double nbdTail(double r, double alpha, int n, double t) {
        double logQ = -FdLibm.log1p(alpha / t); // ln(t / (alpha + t))
        double logP0 = -r * FdLibm.log1p(t / alpha);
        double oneMinusP0 = -Math.expm1(logP0);
        if (n <= PRODUCT_TERMS) {
            double lp = logP0;
            double head = 0;
            for (int j = 1; j < n; j++) {
                lp += Math.log((r + j - 1) / j) + logQ;
                head += Math.exp(lp);
            }
            if (head <= 0.5 * oneMinusP0) {
                return oneMinusP0 - head;
            }
            // the head is most of the mass: the terms from n on, each positive, decreasing past the mode
            lp += Math.log((r + n - 1) / n) + logQ;
            double sum = 0;
            for (int j = n; j < n + TAIL_TERMS; j++) {
                double term = Math.exp(lp);
                sum += term;
                if (term <= 1e-17 * sum && j > (r - 1) * Math.exp(logQ) / -Math.expm1(logQ)) {
                    return sum;
                }
                lp += Math.log((r + j) / (j + 1)) + logQ;
            }
        }
        return Beta.regularizedBeta(t / (alpha + t), n, r, 1e-15, 100_000);
    }
}
