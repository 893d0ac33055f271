package dev.segmentation.clv;

import dev.segmentation.features.BtydSummary;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A fitted BG/NBD model (Fader, Hardie and Lee 2005) with parameters r, alpha (purchase rate ~
 * Gamma(r, alpha), alpha in {@link #unit()}) and a, b (dropout probability ~ Beta(a, b)).
 *
 * <p>Predictions: P(alive) (FHL 2005 eq. 11; exactly 1 for x = 0; 0, not NaN, for x = 1000, t_x = 10,
 * T = 100), E[X(t)] (eq. 9), E[Y(t) | x, t_x, T] (eq. 10, through an Euler-transformed hypergeometric
 * series that stays finite for x in the thousands) and P(X(t) = n) (eq. 8). Each costs O(1) apart from the
 * hypergeometric series, which needs a few dozen terms in typical use.
 *
 * <p>Instances are immutable and safe for concurrent use. Made by {@link BgNbd#fit} or, from known
 * parameters, {@link #of}.
 */
public final class BgNbdModel extends FittedBtydModel {
    private static final List<String> NAMES = List.of("r", "alpha", "a", "b");

    private final double r;
    private final double alpha;
    private final double a;
    private final double b;

    BgNbdModel(double[] p, Duration unit, FitInfo info) {
        super(unit, info);
        this.r = p[0];
        this.alpha = p[1];
        this.a = p[2];
        this.b = p[3];
    }

    /**
     * Makes a model from known parameters (no fit: {@link #logLikelihood()} is NaN, {@link #converged()}
     * false).
     *
     * @param r the Gamma shape of the purchase rate, finite and {@code > 0}
     * @param alpha the Gamma scale of the purchase rate in {@code unit}, finite and {@code > 0}
     * @param a the first Beta parameter of the dropout probability, finite and {@code > 0}
     * @param b the second Beta parameter, finite and {@code > 0}
     * @param unit the time unit; positive, not null
     * @return the model
     * @throws IllegalArgumentException if a parameter is not positive and finite
     */
    public static BgNbdModel of(double r, double alpha, double a, double b, Duration unit) {
        double[] p = {Checks.positive("r", r), Checks.positive("alpha", alpha), Checks.positive("a", a),
            Checks.positive("b", b)};
        return new BgNbdModel(p, checkUnit(unit), FitInfo.given(p));
    }

    static Duration checkUnit(Duration unit) {
        Objects.requireNonNull(unit, "unit");
        if (unit.isNegative() || unit.isZero()) {
            throw new IllegalArgumentException("unit must be positive, found " + unit);
        }
        return unit;
    }

    /**
     * Returns the Gamma shape r of the purchase rate.
     *
     * @return r
     */
    public double r() {
        return r;
    }

    /**
     * Returns the Gamma scale alpha of the purchase rate, in {@link #unit()}.
     *
     * @return alpha
     */
    public double alpha() {
        return alpha;
    }

    /**
     * Returns the Beta parameter a of the dropout probability.
     *
     * @return a
     */
    public double a() {
        return a;
    }

    /**
     * Returns the Beta parameter b of the dropout probability.
     *
     * @return b
     */
    public double b() {
        return b;
    }

    @Override
    public String name() {
        return "bgnbd";
    }

    @Override
    List<String> paramNames() {
        return NAMES;
    }

    @Override
    double[] paramValues() {
        return new double[] {r, alpha, a, b};
    }

    @Override
    public double logLikelihood(double frequency, double recency, double T) {
        Checks.customer(frequency, recency, T);
        return BgFamily.logLikelihood(0, r, alpha, a, b, frequency, recency, T);
    }

    @Override
    public double probabilityAlive(double frequency, double recency, double T) {
        Checks.customer(frequency, recency, T);
        return BgFamily.probabilityAlive(0, r, alpha, a, b, frequency, recency, T);
    }

    @Override
    public double expectedPurchases(double t) {
        Checks.horizon(t);
        return BgFamily.conditionalExpected(0, r, alpha, a, b, t, 0, 0, 0, 1);
    }

    @Override
    public double conditionalExpectedPurchases(double t, double frequency, double recency, double T) {
        Checks.horizon(t);
        Checks.customer(frequency, recency, T);
        double pa = BgFamily.probabilityAlive(0, r, alpha, a, b, frequency, recency, T);
        return BgFamily.conditionalExpected(0, r, alpha, a, b, t, frequency, recency, T, pa);
    }

    @Override
    public double probabilityOfPurchases(int n, double t) {
        Checks.count(n);
        Checks.horizon(t);
        return BgFamily.probabilityOfPurchases(0, r, alpha, a, b, n, t);
    }

    /**
     * Scores every distinct (frequency, recency, T) once, with P(alive) computed once and reused by the
     * expectation; the summary was validated when it was made, and is converted to the model's unit.
     *
     * @param summary the customers; not null. Not modified.
     * @param t the horizon in {@link #unit()}, {@code >= 0}
     * @param pAlive receives P(alive), or null. Modified.
     * @param expected receives E[Y(t) | x, t_x, T], or null. Modified.
     * @throws IllegalArgumentException if t is negative or an array has the wrong length
     */
    @Override
    public void score(BtydSummary summary, double t, double[] pAlive, double[] expected) {
        java.util.Objects.requireNonNull(summary, "summary");
        Scoring.score(summary, unit, t, pAlive, expected, (x, tx, age, out) -> {
            double pa = BgFamily.probabilityAlive(0, r, alpha, a, b, x, tx, age);
            out[0] = pa;
            out[1] = BgFamily.conditionalExpected(0, r, alpha, a, b, t, x, tx, age, pa);
        });
    }

    @Override
    public String toString() {
        return "BgNbdModel{r=" + r + ", alpha=" + alpha + ", a=" + a + ", b=" + b + ", unit=" + unit
                + ", logLikelihood=" + info.logLikelihood + ", converged=" + info.converged + "}";
    }
}
