package dev.segmentation.clv;

import dev.segmentation.FittedModel;
import dev.segmentation.Provenance;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.internal.ParamChecks;
import java.time.Duration;
import java.time.Period;
import java.util.Map;
import java.util.Objects;

/**
 * A fitted "buy till you die" transaction model: how many purchases a customer makes and whether they are
 * still active. Implemented by {@link BgNbdModel}, {@link ModifiedBgNbdModel} and {@link ParetoNbdModel},
 * so pipelines can swap them.
 *
 * <p>Every time argument ({@code t}, {@code recency}, {@code T}) is in the model's {@link #unit()}, the unit
 * of the summary it was fitted on; {@link TimeUnits} converts calendar spans, and {@link #score(BtydSummary,
 * Period, double[], double[])} converts both the horizon and a summary recorded in another unit.
 *
 * <p>A customer is described by {@code frequency} x (repeat purchases, a non-negative integer),
 * {@code recency} t_x (time from the first to the last purchase) and {@code T} (time from the first
 * purchase to the end of observation), with {@code 0 <= t_x <= T}. Single-customer methods check these and
 * throw {@link IllegalArgumentException} naming the argument.
 *
 * <p>Implementations are immutable and safe for concurrent use.
 */
public interface BtydModel extends FittedModel {
    /**
     * Returns a copy carrying the given provenance. For a model made from given parameters (as every loaded model
     * is), a recorded provenance also restores {@link #converged()}, {@link #iterations()},
     * {@link #convergenceReason()} and {@link #logLikelihood()} (the last entry of its objective history), so a
     * model read from a version-2 file reports what its fit reported.
     *
     * @param provenance the record
     * @return a new model of the same class
     */
    @Override
    BtydModel withProvenance(Provenance provenance);

    /**
     * Returns the model's short name as used on the command line.
     *
     * @return {@code "bgnbd"}, {@code "mbgnbd"} or {@code "paretonbd"}
     */
    String name();

    /**
     * Returns the time unit of the model's parameters and of every time argument.
     *
     * @return the unit, for example seven days
     */
    Duration unit();

    /**
     * Returns the parameters by name in their canonical order (e.g. r, alpha, a, b).
     *
     * @return an unmodifiable ordered map
     */
    Map<String, Double> params();

    /**
     * Returns the standard errors of the parameters, in the order of {@link #params()}, from the inverse of
     * the observed information (the negative Hessian of the unpenalized log-likelihood) at the fitted
     * values; NaN where that matrix is not positive definite or the model was made from given parameters.
     *
     * @return a copy
     */
    double[] standardErrors();

    /**
     * Returns the total log-likelihood of the data at the fitted parameters (without the penalty).
     *
     * @return the log-likelihood, or NaN for a model made from given parameters
     */
    double logLikelihood();

    /**
     * Tells whether the fit met its gradient tolerance.
     *
     * @return true if converged; false for a model made from given parameters
     */
    boolean converged();

    /**
     * Says why the fit stopped: {@code "converged"}; {@code "stopped after N iterations with gradient norm G
     * above the tolerance T"}; {@code "the data do not identify the model: b = 3.2E15 left [1e-12, 1e12] ..."}
     * (the parameters were put back at the edge of the accurate range and {@link #converged()} is false); or
     * {@code "not fitted: made from given parameters"}. Saved in model files; not read back (a loaded model
     * is made from its parameters).
     *
     * @return the reason, never null
     */
    default String convergenceReason() {
        return converged() ? "converged" : "not converged";
    }

    /**
     * Returns the standard errors when all of them could be computed (the fit converged inside the accurate
     * range and the Hessian of the log-likelihood is negative definite there), never NaN.
     *
     * @return the standard errors in the order of {@link #params()}, or empty
     */
    default java.util.Optional<double[]> standardErrorEstimates() {
        double[] se = standardErrors();
        for (double v : se) {
            if (!Double.isFinite(v)) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(se);
    }

    /**
     * Returns the number of optimizer iterations of the fit.
     *
     * @return the iteration count, 0 for given parameters
     */
    int iterations();

    /**
     * Returns the max-norm of the gradient of the mean penalized negative log-likelihood with respect to
     * the log-parameters at the end of the fit.
     *
     * @return the gradient norm, NaN for given parameters
     */
    double gradientNorm();

    /**
     * Returns one customer's log-likelihood (the log of the joint density of x and t_x given T).
     *
     * @param frequency x
     * @param recency t_x
     * @param T the age
     * @return the log-likelihood, finite for every valid input
     * @throws IllegalArgumentException if the customer is not valid
     */
    double logLikelihood(double frequency, double recency, double T);

    /**
     * Returns P(alive at T | x, t_x, T).
     *
     * @param frequency x
     * @param recency t_x
     * @param T the age
     * @return a probability in [0, 1], never NaN
     * @throws IllegalArgumentException if the customer is not valid
     */
    double probabilityAlive(double frequency, double recency, double T);

    /**
     * Returns E[X(t)], the expected number of repeat purchases of a new customer in {@code (0, t]}.
     *
     * @param t the span, {@code >= 0}
     * @return the expectation
     * @throws IllegalArgumentException if t is negative or not finite
     */
    double expectedPurchases(double t);

    /**
     * Returns E[Y(t) | x, t_x, T], the expected number of purchases in {@code (T, T + t]} of a customer with
     * the given history.
     *
     * @param t the horizon, {@code >= 0}
     * @param frequency x
     * @param recency t_x
     * @param T the age
     * @return the expectation, finite also for x in the thousands
     * @throws IllegalArgumentException if an argument is not valid
     */
    double conditionalExpectedPurchases(double t, double frequency, double recency, double T);

    /**
     * Writes E[Y(t_k) | x, t_x, T] for several horizons of one customer, as
     * {@link #conditionalExpectedPurchases(double, double, double, double)} would one by one; the models of this
     * package compute P(alive), which all horizons share, once.
     *
     * @param t the horizons, each {@code >= 0}; not null. Not modified.
     * @param frequency x
     * @param recency t_x
     * @param T the age
     * @param out receives the expectations, length at least {@code t.length}; not null. Modified.
     * @throws IllegalArgumentException if an argument is not valid or {@code out} is too short
     */
    default void conditionalExpectedPurchases(double[] t, double frequency, double recency, double T, double[] out) {
        Checks.horizons(t, out);
        for (int k = 0; k < t.length; k++) {
            out[k] = conditionalExpectedPurchases(t[k], frequency, recency, T);
        }
    }

    /**
     * Returns P(X(t) = n), the probability that a new customer makes exactly n repeat purchases in
     * {@code (0, t]}.
     *
     * @param n the count, {@code >= 0}
     * @param t the span, {@code >= 0}
     * @return the probability
     * @throws IllegalArgumentException if n or t is negative
     */
    double probabilityOfPurchases(int n, double t);

    /**
     * Returns the P(alive) matrix for plotting: entry {@code [x][k]} is P(alive | x, t_x = k, T = maxRecency)
     * for {@code x = 0..maxFrequency} and {@code k = 0..maxRecency} (lifetimes'
     * {@code plot_probability_alive_matrix}).
     *
     * @param maxFrequency the largest frequency, {@code >= 0}
     * @param maxRecency the largest recency and the age T, {@code >= 0}
     * @return a new {@code (maxFrequency + 1) x (maxRecency + 1)} array
     * @throws IllegalArgumentException if a bound is negative
     */
    default double[][] probabilityAliveMatrix(int maxFrequency, int maxRecency) {
        ParamChecks.atLeast("maxFrequency", maxFrequency, 0);
        ParamChecks.atLeast("maxRecency", maxRecency, 0);
        double[][] m = new double[maxFrequency + 1][maxRecency + 1];
        for (int x = 0; x <= maxFrequency; x++) {
            for (int k = 0; k <= maxRecency; k++) {
                m[x][k] = probabilityAlive(x, k, maxRecency);
            }
        }
        return m;
    }

    /**
     * Scores every customer of a summary: P(alive) and the expected purchases over the next {@code t} model
     * units. A summary recorded in another unit is converted to the model's unit first. Customers with equal
     * (frequency, recency, T) are scored once: O(n) hashing plus one evaluation per distinct triple.
     *
     * @param summary the customers; not null. Not modified.
     * @param t the horizon in {@link #unit()}, {@code >= 0}
     * @param pAlive receives P(alive) per customer, length {@code summary.size()}, or null to skip. Modified.
     * @param expected receives E[Y(t) | x, t_x, T] per customer, or null to skip. Modified.
     * @throws IllegalArgumentException if t is negative or an array has the wrong length
     */
    default void score(BtydSummary summary, double t, double[] pAlive, double[] expected) {
        Objects.requireNonNull(summary, "summary");
        Scoring.score(summary, unit(), t, pAlive, expected, Scoring.defaultScorer(this, t));
    }

    /**
     * Scores every customer over a calendar horizon, e.g. {@code Period.ofMonths(6)}, converted with
     * {@link TimeUnits#inUnits(Period, Duration)}.
     *
     * @param summary the customers; not null. Not modified.
     * @param horizon the horizon; not null
     * @param pAlive receives P(alive), or null. Modified.
     * @param expected receives the expected purchases over the horizon, or null. Modified.
     * @throws IllegalArgumentException if the horizon is negative or an array has the wrong length
     */
    default void score(BtydSummary summary, Period horizon, double[] pAlive, double[] expected) {
        score(summary, TimeUnits.inUnits(horizon, unit()), pAlive, expected);
    }
}
