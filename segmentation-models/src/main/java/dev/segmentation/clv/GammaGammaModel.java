package dev.segmentation.clv;

import dev.segmentation.FittedModel;
import dev.segmentation.Provenance;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.internal.ParamChecks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A fitted Gamma-Gamma spend model with parameters p (shape of each transaction's value), q and v (shape and
 * rate of the Gamma distribution of the per-customer rate nu).
 *
 * <p>The conditional expected average spend of a customer with x repeat transactions of mean zbar is
 * {@code E[Z | x, zbar] = p (v + x zbar) / (p x + q - 1)} (Fader, Hardie and Lee 2005, JMR, eq. 5), a weighted
 * mean of the population mean {@code p v / (q - 1)} and zbar. Both need {@code q > 1} (for x = 0) or
 * {@code p x + q > 1}: otherwise the expectation is infinite, and the methods refuse with an
 * {@link IllegalStateException} rather than return a negative or infinite value.
 *
 * <p>Instances are immutable and safe for concurrent use. Made by {@link GammaGamma#fit} or {@link #of}.
 */
public final class GammaGammaModel implements FittedModel {
    private final double p;
    private final double q;
    private final double v;
    /** The trainer's record, or {@link FitInfo#given}; {@code info} is what {@link #provenance()} restores. */
    private final FitInfo made;
    private final FitInfo info;
    private final Provenance provenance;

    GammaGammaModel(double[] par, FitInfo info) {
        this.p = par[0];
        this.q = par[1];
        this.v = par[2];
        this.made = info;
        this.info = info;
        this.provenance = FittedBtydModel.provenance(info, java.util.List.of("frequency", "monetary"));
    }

    /** The copy made by {@link #withProvenance}: the same parameters, another provenance. */
    private GammaGammaModel(GammaGammaModel source, Provenance provenance) {
        this.p = source.p;
        this.q = source.q;
        this.v = source.v;
        this.made = source.made;
        this.info = FittedBtydModel.restore(made, provenance);
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Makes a model from known parameters (no fit: {@link #logLikelihood()} is NaN).
     *
     * @param p the shape of transaction values, finite, in {@code [1e-12, 1e12]}
     * @param q the shape of the rate distribution, finite, in {@code [1e-12, 1e12]}
     * @param v the rate of the rate distribution (in money), finite, in {@code [1e-12, 1e12]}
     * @return the model
     * @throws IllegalArgumentException if a parameter is not positive and finite, or outside
     *     {@code [1e-12, 1e12]}
     */
    public static GammaGammaModel of(double p, double q, double v) {
        double[] par = {Checks.parameter("p", p), Checks.parameter("q", q), Checks.parameter("v", v)};
        return new GammaGammaModel(par, FitInfo.given(par));
    }

    /**
     * Returns p.
     *
     * @return the shape of each transaction's value
     */
    public double p() {
        return p;
    }

    /**
     * Returns q.
     *
     * @return the shape of the distribution of nu
     */
    public double q() {
        return q;
    }

    /**
     * Returns v.
     *
     * @return the rate of the distribution of nu
     */
    public double v() {
        return v;
    }

    /**
     * Returns the parameters by name: p, q, v.
     *
     * @return an unmodifiable ordered map
     */
    public Map<String, Double> params() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("p", p);
        m.put("q", q);
        m.put("v", v);
        return Collections.unmodifiableMap(m);
    }

    /**
     * Returns the standard errors of p, q, v from the inverse observed information; NaN where it is not
     * positive definite or for given parameters.
     *
     * @return a copy
     */
    public double[] standardErrors() {
        return info.standardErrors().clone();
    }

    /**
     * Returns the log-likelihood of the repeat customers' mean spends at the fit (without the penalty).
     *
     * @return the log-likelihood, NaN for given parameters
     */
    public double logLikelihood() {
        return info.logLikelihood;
    }

    /**
     * Tells whether the fit met its gradient tolerance.
     *
     * @return true if converged
     */
    public boolean converged() {
        return info.converged;
    }

    /**
     * Says why the fit stopped, as {@link BtydModel#convergenceReason()}.
     *
     * @return the reason, never null
     */
    public String convergenceReason() {
        return info.reason;
    }

    /**
     * Returns the standard errors when all of them could be computed, never NaN.
     *
     * @return the standard errors of (p, q, v), or empty
     */
    public java.util.Optional<double[]> standardErrorEstimates() {
        return info.standardErrorEstimates();
    }

    /**
     * Returns the number of optimizer iterations.
     *
     * @return the count
     */
    public int iterations() {
        return info.iterations;
    }

    /**
     * Returns the number of repeat customers fitted on.
     *
     * @return the count, 0 for given parameters
     */
    public double customers() {
        return info.customers;
    }

    /**
     * Returns the population mean spend per transaction {@code p v / (q - 1)}.
     *
     * @return the mean
     * @throws IllegalStateException if {@code q <= 1} (the mean is infinite)
     */
    public double populationMeanSpend() {
        if (!(q > 1)) {
            throw new IllegalStateException("q must be > 1 for the population mean spend p*v/(q-1), found " + q);
        }
        return p * v / (q - 1);
    }

    /**
     * Returns E[Z | x, zbar], the expected spend per transaction of a customer with x repeat transactions of
     * mean zbar (for x = 0, zbar is ignored and the population mean is returned).
     *
     * @param frequency x, a non-negative integer
     * @param monetary zbar, finite and {@code >= 0} ({@code > 0} when x > 0)
     * @return the expected spend
     * @throws IllegalArgumentException if an argument is invalid
     * @throws IllegalStateException if {@code p x + q <= 1}
     */
    public double conditionalExpectedAverageSpend(double frequency, double monetary) {
        if (!(frequency >= 0) || Double.isInfinite(frequency) || frequency != Math.rint(frequency)) {
            throw new IllegalArgumentException("frequency must be a non-negative integer, found " + frequency);
        }
        ParamChecks.nonNegative("monetary", monetary);
        // q - 1 first (exact near q = 1), so p x does not swallow its digits (issue 17)
        double denom = p * frequency + (q - 1);
        if (!(denom > 0)) {
            throw new IllegalStateException("p*frequency + q must be > 1 for a finite expected spend, found "
                    + (p * frequency + q) + " (p=" + p + ", q=" + q + ", frequency=" + frequency + ")");
        }
        double m = frequency > 0 ? monetary : 0;
        double e = p * (v + frequency * m) / denom;
        if (frequency == 0 || !(q > 1)) {
            return e;
        }
        // E = w pop + (1 - w) zbar with w = (q - 1) / (p x + q - 1): a weighted mean of the population mean
        // and the customer's mean, kept between them against rounding (issue 17).
        double pop = p * v / (q - 1);
        return Checks.clamp(e, Math.min(pop, m), Math.max(pop, m), "expected spend");
    }

    /**
     * Writes E[Z | x, zbar] for every customer of a summary.
     *
     * @param summary the customers; not null. Not modified.
     * @param out receives the expected spend per customer, length {@code summary.size()}. Modified.
     * @throws IllegalArgumentException if {@code out} has the wrong length
     * @throws IllegalStateException if {@code q <= 1}
     */
    public void conditionalExpectedAverageSpend(BtydSummary summary, double[] out) {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(out, "out");
        Checks.length("out", out, summary.size());
        populationMeanSpend(); // refuses q <= 1 once, before any work
        for (int i = 0; i < out.length; i++) {
            out[i] = conditionalExpectedAverageSpend(summary.frequency(i), summary.monetary(i));
        }
    }

    @Override
    public String toString() {
        return "GammaGammaModel{p=" + p + ", q=" + q + ", v=" + v + ", logLikelihood=" + info.logLikelihood
                + ", converged=" + info.converged + "}";
    }

    /**
     * Returns how this model was fitted: for a fit, the trainer, customers, iterations, convergence and the final
     * log-likelihood as a one-entry objective history; {@link Provenance#notRecorded()} for given parameters.
     *
     * @return the provenance
     */
    @Override
    public Provenance provenance() {
        return provenance;
    }

    /**
     * Returns a copy carrying the given provenance. For a model made from given parameters (as every loaded model
     * is), a recorded provenance also restores {@link #converged()}, {@link #iterations()},
     * {@link #convergenceReason()} and {@link #logLikelihood()}, so a model read from a version-2 file reports what
     * its fit reported.
     *
     * @param provenance the record
     * @return a new model
     */
    @Override
    public GammaGammaModel withProvenance(Provenance provenance) {
        return new GammaGammaModel(this, provenance);
    }
}
