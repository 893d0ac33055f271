package dev.segmentation.clv;

import dev.segmentation.Provenance;
import dev.segmentation.internal.ParamChecks;
import java.time.Duration;
import java.util.List;

/**
 * A fitted Pareto/NBD model (Schmittlein, Morrison and Colombo 1987) with parameters r, alpha (purchase rate
 * ~ Gamma(r, alpha)) and s, beta (dropout rate ~ Gamma(s, beta)); alpha and beta are in {@link #unit()}.
 *
 * <p>Predictions follow Fader and Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related
 * Expressions": P(alive) (eq. 25, in log space: 0, not NaN, for extreme histories), E[X(t)] (eq. 27),
 * E[Y(t) | x, t_x, T] (eq. 28), both continuous at s = 1, and P(X(t) = n) by one-dimensional quadrature over
 * the lifetime.
 *
 * <p>Instances are immutable and safe for concurrent use. Made by {@link ParetoNbd#fit} or {@link #of}.
 */
public final class ParetoNbdModel extends FittedBtydModel {
    private static final List<String> NAMES = List.of("r", "alpha", "s", "beta");

    private final double r;
    private final double alpha;
    private final double s;
    private final double beta;

    ParetoNbdModel(double[] p, Duration unit, FitInfo info) {
        super(unit, info);
        this.r = p[0];
        this.alpha = p[1];
        this.s = p[2];
        this.beta = p[3];
    }

    private ParetoNbdModel(ParetoNbdModel source, Provenance provenance) {
        super(source, provenance);
        this.r = source.r;
        this.alpha = source.alpha;
        this.s = source.s;
        this.beta = source.beta;
    }

    /**
     * Makes a model from known parameters (no fit: {@link #logLikelihood()} is NaN, {@link #converged()}
     * false).
     *
     * @param r the Gamma shape of the purchase rate, finite, in {@code [1e-12, 1e12]}
     * @param alpha the Gamma scale of the purchase rate in {@code unit}, finite, in {@code [1e-12, 1e12]}
     * @param s the Gamma shape of the dropout rate, finite, in {@code [1e-12, 1e12]}
     * @param beta the Gamma scale of the dropout rate in {@code unit}, finite, in {@code [1e-12, 1e12]}
     * @param unit the time unit; positive, not null
     * @return the model
     * @throws IllegalArgumentException if a parameter is not positive and finite, or outside
     *     {@code [1e-12, 1e12]} ("b must be in [1e-12, 1e12], the range where the scores are accurate, found
     *     1.0E17"), where the scores are not verified
     */
    public static ParetoNbdModel of(double r, double alpha, double s, double beta, Duration unit) {
        double[] p = {Checks.parameter("r", r), Checks.parameter("alpha", alpha), Checks.parameter("s", s),
            Checks.parameter("beta", beta)};
        return new ParetoNbdModel(p, BgNbdModel.checkUnit(unit), FitInfo.given(p));
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
     * Returns the Gamma shape s of the dropout rate.
     *
     * @return s
     */
    public double s() {
        return s;
    }

    /**
     * Returns the Gamma scale beta of the dropout rate, in {@link #unit()}.
     *
     * @return beta
     */
    public double beta() {
        return beta;
    }

    @Override
    public String name() {
        return "paretonbd";
    }

    @Override
    List<String> paramNames() {
        return NAMES;
    }

    @Override
    double[] paramValues() {
        return new double[] {r, alpha, s, beta};
    }

    @Override
    void logLikelihoods(double[] x, double[] tx, double[] T, ValueIndex[] indexes, double[] out) {
        double[] w = new double[x.length];
        java.util.Arrays.fill(w, 1.0);
        ValueIndex[] ix = indexes != null ? indexes : ValueIndex.of(x, tx, T);
        ParetoFamily.logLikelihood(x, tx, T, w, new double[] {r, alpha, s, beta}, null,
                ParetoFamily.Pairs.of(ix[0], ix[1], ix[2]), out);
    }

    @Override
    public double logLikelihood(double frequency, double recency, double T) {
        Checks.customer(frequency, recency, T);
        return ParetoFamily.logLikelihood(r, alpha, s, beta, frequency, recency, T);
    }

    @Override
    public double probabilityAlive(double frequency, double recency, double T) {
        Checks.customer(frequency, recency, T);
        return ParetoFamily.probabilityAlive(r, alpha, s, beta, frequency, recency, T);
    }

    @Override
    public double expectedPurchases(double t) {
        ParamChecks.nonNegative("t", t);
        return ParetoFamily.expected(r, alpha, s, beta, t);
    }

    @Override
    public double conditionalExpectedPurchases(double t, double frequency, double recency, double T) {
        ParamChecks.nonNegative("t", t);
        Checks.customer(frequency, recency, T);
        double pa = ParetoFamily.probabilityAlive(r, alpha, s, beta, frequency, recency, T);
        return ParetoFamily.conditionalExpected(r, alpha, s, beta, t, frequency, T, pa);
    }

    @Override
    public void conditionalExpectedPurchases(double[] t, double frequency, double recency, double T, double[] out) {
        Checks.horizons(t, out);
        Checks.customer(frequency, recency, T);
        double pa = ParetoFamily.probabilityAlive(r, alpha, s, beta, frequency, recency, T);
        for (int k = 0; k < t.length; k++) {
            out[k] = ParetoFamily.conditionalExpected(r, alpha, s, beta, t[k], frequency, T, pa);
        }
    }

    @Override
    public double probabilityOfPurchases(int n, double t) {
        ParamChecks.atLeast("n", n, 0);
        ParamChecks.nonNegative("t", t);
        return ParetoFamily.probabilityOfPurchases(r, alpha, s, beta, n, t);
    }

    @Override
    public String toString() {
        return "ParetoNbdModel{r=" + r + ", alpha=" + alpha + ", s=" + s + ", beta=" + beta + ", unit=" + unit
                + ", logLikelihood=" + info.logLikelihood + ", converged=" + info.converged + "}";
    }

    /**
     * Returns a copy carrying the given provenance (see {@link BtydModel#withProvenance}).
     *
     * @param provenance the record
     * @return a new model
     */
    @Override
    public ParetoNbdModel withProvenance(Provenance provenance) {
        return new ParetoNbdModel(this, provenance);
    }
}
