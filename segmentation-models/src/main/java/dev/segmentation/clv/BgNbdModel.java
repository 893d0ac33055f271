package dev.segmentation.clv;

import dev.segmentation.Provenance;
import dev.segmentation.internal.ParamChecks;
import java.time.Duration;

/**
 * A fitted BG/NBD model (Fader, Hardie and Lee 2005) with parameters r, alpha (purchase rate ~
 * Gamma(r, alpha), alpha in {@link #unit()}) and a, b (dropout probability ~ Beta(a, b)).
 *
 * <p>Predictions: P(alive) (FHL 2005 eq. 11; exactly 1 for x = 0; 0, not NaN, for x = 1000, t_x = 10,
 * T = 100), E[X(t)] (eq. 9), E[Y(t) | x, t_x, T] (eq. 10, through an Euler-transformed hypergeometric
 * series that stays finite for x in the thousands) and P(X(t) = n) (eq. 8). Each costs O(1) apart from the
 * hypergeometric series, which needs a few dozen terms in typical use.
 *
 * <p>Accuracy region (issue 17): every score matches a 90-digit mpmath reference to 1e-9 relative (1e-13
 * absolute) for all parameters in {@code [1e-12, 1e12]}, except that an expectation with
 * {@code t / (alpha + T) > 100} (T = 0 for E[X(t)]) is computed only by an exact sum of positive terms, and is
 * refused with an {@link IllegalStateException} ("... is outside the accuracy region ...; use a shorter
 * horizon") where that sum would need more than 4,000,000 terms (for example {@code r = 1e12, alpha = 1e-12}).
 * With {@code t / (alpha + T) <= 100} an expectation is refused the same way only where
 * {@code (r + x) t / (alpha + T) > 3e6} and both series forms fail (for example {@code r = 4.8e5, alpha = 1,
 * t / (alpha + T) = 8}); below that it is always computed.
 *
 * <p>Instances are immutable and safe for concurrent use. Made by {@link BgNbd#fit} or, from known
 * parameters, {@link #of}.
 */
public final class BgNbdModel extends BgFamilyModel {
    BgNbdModel(double[] p, Duration unit, FitInfo info) {
        super(0, p, unit, info);
    }

    private BgNbdModel(BgNbdModel source, Provenance provenance) {
        super(source, provenance);
    }

    /**
     * Makes a model from known parameters (no fit: {@link #logLikelihood()} is NaN, {@link #converged()}
     * false).
     *
     * @param r the Gamma shape of the purchase rate, finite, in {@code [1e-12, 1e12]}
     * @param alpha the Gamma scale of the purchase rate in {@code unit}, finite, in {@code [1e-12, 1e12]}
     * @param a the first Beta parameter of the dropout probability, finite, in {@code [1e-12, 1e12]}
     * @param b the second Beta parameter, finite, in {@code [1e-12, 1e12]}
     * @param unit the time unit; positive, not null
     * @return the model
     * @throws IllegalArgumentException if a parameter is not positive and finite, or outside
     *     {@code [1e-12, 1e12]} ("b must be in [1e-12, 1e12], the range where the scores are accurate, found
     *     1.0E17"), where the scores are not verified
     */
    public static BgNbdModel of(double r, double alpha, double a, double b, Duration unit) {
        double[] p = {Checks.parameter("r", r), Checks.parameter("alpha", alpha), Checks.parameter("a", a),
            Checks.parameter("b", b)};
        return new BgNbdModel(p, checkUnit(unit), FitInfo.given(p));
    }

    static Duration checkUnit(Duration unit) {
        return ParamChecks.positive("unit", unit);
    }

    @Override
    public String name() {
        return "bgnbd";
    }

    /**
     * Returns a copy carrying the given provenance (see {@link BtydModel#withProvenance}).
     *
     * @param provenance the record
     * @return a new model
     */
    @Override
    public BgNbdModel withProvenance(Provenance provenance) {
        return new BgNbdModel(this, provenance);
    }
}
