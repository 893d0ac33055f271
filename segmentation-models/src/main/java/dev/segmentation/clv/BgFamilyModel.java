package dev.segmentation.clv;

import dev.segmentation.Provenance;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.internal.ParamChecks;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * BG/NBD (Fader, Hardie and Lee 2005) and MBG/NBD (Batislam, Denizel and Filiztekin 2007) share their
 * parameters (r, alpha, a, b) and formulas, which differ only in whether a customer can drop out right after
 * the first purchase; {@link BgFamily} takes that as its variant {@code m} (0 or 1). Package-private.
 */
abstract class BgFamilyModel extends FittedBtydModel {
    private static final List<String> NAMES = List.of("r", "alpha", "a", "b");

    /** 0 for BG/NBD, 1 for MBG/NBD. */
    private final int variant;
    final double r;
    final double alpha;
    final double a;
    final double b;

    BgFamilyModel(int variant, double[] p, Duration unit, FitInfo info) {
        super(unit, info);
        this.variant = variant;
        this.r = p[0];
        this.alpha = p[1];
        this.a = p[2];
        this.b = p[3];
    }

    /** The copy made by {@code withProvenance}: the same parameters, another provenance. */
    BgFamilyModel(BgFamilyModel source, Provenance provenance) {
        super(source, provenance);
        this.variant = source.variant;
        this.r = source.r;
        this.alpha = source.alpha;
        this.a = source.a;
        this.b = source.b;
    }

    /**
     * Returns the Gamma shape r of the purchase rate.
     *
     * @return r
     */
    public final double r() {
        return r;
    }

    /**
     * Returns the Gamma scale alpha of the purchase rate, in {@link #unit()}.
     *
     * @return alpha
     */
    public final double alpha() {
        return alpha;
    }

    /**
     * Returns the Beta parameter a of the dropout probability.
     *
     * @return a
     */
    public final double a() {
        return a;
    }

    /**
     * Returns the Beta parameter b of the dropout probability.
     *
     * @return b
     */
    public final double b() {
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
    void logLikelihoods(double[] x, double[] tx, double[] T, ValueIndex[] indexes, double[] out) {
        double[] w = new double[x.length];
        java.util.Arrays.fill(w, 1.0);
        ValueIndex[] ix = indexes != null ? indexes : ValueIndex.of(x, tx, T);
        BgFamily.logLikelihood(variant, ix[0], ix[1], ix[2], w, new double[] {r, alpha, a, b}, null, out);
    }

    @Override
    public double logLikelihood(double frequency, double recency, double T) {
        Checks.customer(frequency, recency, T);
        return BgFamily.logLikelihood(variant, r, alpha, a, b, frequency, recency, T);
    }

    @Override
    public double probabilityAlive(double frequency, double recency, double T) {
        Checks.customer(frequency, recency, T);
        return BgFamily.probabilityAlive(variant, r, alpha, a, b, frequency, recency, T);
    }

    @Override
    public double expectedPurchases(double t) {
        ParamChecks.nonNegative("t", t);
        // P(alive) of a new customer (x = 0): exactly 1 under BG/NBD, below 1 under MBG/NBD.
        double pa = BgFamily.probabilityAlive(variant, r, alpha, a, b, 0, 0, 0);
        return BgFamily.conditionalExpected(variant, r, alpha, a, b, t, 0, 0, 0, pa);
    }

    @Override
    public double conditionalExpectedPurchases(double t, double frequency, double recency, double T) {
        ParamChecks.nonNegative("t", t);
        Checks.customer(frequency, recency, T);
        double pa = BgFamily.probabilityAlive(variant, r, alpha, a, b, frequency, recency, T);
        return BgFamily.conditionalExpected(variant, r, alpha, a, b, t, frequency, recency, T, pa);
    }

    @Override
    public void conditionalExpectedPurchases(double[] t, double frequency, double recency, double T, double[] out) {
        Checks.horizons(t, out);
        Checks.customer(frequency, recency, T);
        double pa = BgFamily.probabilityAlive(variant, r, alpha, a, b, frequency, recency, T);
        for (int k = 0; k < t.length; k++) {
            out[k] = BgFamily.conditionalExpected(variant, r, alpha, a, b, t[k], frequency, recency, T, pa);
        }
    }

    @Override
    public double probabilityOfPurchases(int n, double t) {
        ParamChecks.atLeast("n", n, 0);
        ParamChecks.nonNegative("t", t);
        return BgFamily.probabilityOfPurchases(variant, r, alpha, a, b, n, t);
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
        Objects.requireNonNull(summary, "summary");
        Scoring.score(summary, unit, t, pAlive, expected, scorer(t));
    }

    /** The per-triple scorer of {@link #score(BtydSummary, double, double[], double[])}. */
    Scoring.EntryScorer scorer(double t) {
        return (x, tx, age, out) -> {
            double pa = BgFamily.probabilityAlive(variant, r, alpha, a, b, x, tx, age);
            out[0] = pa;
            out[1] = BgFamily.conditionalExpected(variant, r, alpha, a, b, t, x, tx, age, pa);
        };
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{r=" + r + ", alpha=" + alpha + ", a=" + a + ", b=" + b + ", unit="
                + unit + ", logLikelihood=" + info.logLikelihood + ", converged=" + info.converged + "}";
    }
}
