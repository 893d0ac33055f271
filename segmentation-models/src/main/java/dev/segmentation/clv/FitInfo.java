package dev.segmentation.clv;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * What a maximum-likelihood fit produced, shared by the fitted models. Immutable: the standard errors of a fit are
 * computed on first use ({@link #standardErrors()}), a pure function of the fit's data and parameters.
 */
final class FitInfo {
    final double[] params;
    final double logLikelihood;
    final int iterations;
    final boolean converged;
    final double gradientNorm;
    final double customers;
    final int entries;
    final String trainer;
    /** Why the fit stopped: "converged", or what went wrong (see {@code BtydModel#convergenceReason()}). */
    final String reason;
    /** The standard errors once known (given, or computed by {@link #pendingErrors}), else null. */
    private volatile double[] standardErrors;
    /**
     * Computes the standard errors (the Hessian of the log-likelihood: nine evaluations of a fit over the data) when
     * first asked, then dropped with the data it holds; null once they are known.
     */
    private volatile Supplier<double[]> pendingErrors;
    /**
     * The curvature of the fit's objective at its optimum without the dropout prior's term: the inverse of the BFGS
     * inverse-Hessian approximation over the log-parameters (of the mean negative log-likelihood plus the L2
     * penalty), or null; a warm start's initial curvature (issue 19). Not to be modified.
     */
    final double[][] curvature;

    FitInfo(double[] params, double logLikelihood, double[] standardErrors, int iterations, boolean converged,
            double gradientNorm, double customers, int entries, String trainer) {
        this(params, logLikelihood, standardErrors, iterations, converged, gradientNorm, customers, entries, trainer,
                converged ? "converged" : "not converged");
    }

    FitInfo(double[] params, double logLikelihood, double[] standardErrors, int iterations, boolean converged,
            double gradientNorm, double customers, int entries, String trainer, String reason) {
        this(params, logLikelihood, iterations, converged, gradientNorm, customers, entries, trainer, reason,
                standardErrors.clone(), null);
    }

    /**
     * A fit record whose standard errors {@code errors} computes on first use: a pure function, so that the
     * computation may run on any thread, more than once in a race, and always give the same values (issue 19: the
     * lifetime-value stage's holdout choice fits about nine models and reports the errors of none of them).
     */
    FitInfo(double[] params, double logLikelihood, Supplier<double[]> errors, int iterations, boolean converged,
            double gradientNorm, double customers, int entries, String trainer, String reason) {
        this(params, logLikelihood, iterations, converged, gradientNorm, customers, entries, trainer, reason, null,
                java.util.Objects.requireNonNull(errors, "errors"));
    }

    private FitInfo(double[] params, double logLikelihood, int iterations, boolean converged, double gradientNorm,
            double customers, int entries, String trainer, String reason, double[] standardErrors,
            Supplier<double[]> pendingErrors) {
        this(params, logLikelihood, iterations, converged, gradientNorm, customers, entries, trainer, reason,
                standardErrors, pendingErrors, null);
    }

    private FitInfo(double[] params, double logLikelihood, int iterations, boolean converged, double gradientNorm,
            double customers, int entries, String trainer, String reason, double[] standardErrors,
            Supplier<double[]> pendingErrors, double[][] curvature) {
        this.curvature = curvature;
        this.params = params.clone();
        this.logLikelihood = logLikelihood;
        this.iterations = iterations;
        this.converged = converged;
        this.gradientNorm = gradientNorm;
        this.customers = customers;
        this.entries = entries;
        this.trainer = trainer;
        this.reason = reason;
        this.standardErrors = standardErrors;
        this.pendingErrors = pendingErrors;
    }

    /** This record with {@link #curvature} (for a record not yet shared: its lazy errors move to the copy). */
    FitInfo withCurvature(double[][] c) {
        return new FitInfo(params, logLikelihood, iterations, converged, gradientNorm, customers, entries, trainer,
                reason, standardErrors, pendingErrors, c);
    }

    /** The standard errors (NaN where not computable), computed on first use; shared, not to be modified. */
    double[] standardErrors() {
        double[] se = standardErrors;
        if (se != null) {
            return se;
        }
        Supplier<double[]> pending = pendingErrors;
        if (pending == null) {
            return standardErrors; // another thread published them, then dropped the supplier
        }
        se = pending.get().clone();
        standardErrors = se;
        pendingErrors = null;
        return se;
    }

    /** The standard errors when every one of them could be computed, else empty (never NaN). */
    java.util.Optional<double[]> standardErrorEstimates() {
        double[] se = standardErrors();
        for (double v : se) {
            if (!Double.isFinite(v)) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(se.clone());
    }

    /** For a model made from given parameters: nothing was fitted. */
    static FitInfo given(double[] params) {
        double[] nan = new double[params.length];
        Arrays.fill(nan, Double.NaN);
        return new FitInfo(params, Double.NaN, nan, 0, false, Double.NaN, 0, 0, "given parameters",
                "not fitted: made from given parameters");
    }
}
