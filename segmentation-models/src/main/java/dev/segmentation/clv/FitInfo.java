package dev.segmentation.clv;

import java.util.Arrays;

/** What a maximum-likelihood fit produced, shared by the fitted models. Immutable. */
final class FitInfo {
    final double[] params;
    final double logLikelihood;
    final double[] standardErrors;
    final int iterations;
    final boolean converged;
    final double gradientNorm;
    final double customers;
    final int entries;
    final String trainer;
    /** Why the fit stopped: "converged", or what went wrong (see {@code BtydModel#convergenceReason()}). */
    final String reason;

    FitInfo(double[] params, double logLikelihood, double[] standardErrors, int iterations, boolean converged,
            double gradientNorm, double customers, int entries, String trainer) {
        this(params, logLikelihood, standardErrors, iterations, converged, gradientNorm, customers, entries, trainer,
                converged ? "converged" : "not converged");
    }

    FitInfo(double[] params, double logLikelihood, double[] standardErrors, int iterations, boolean converged,
            double gradientNorm, double customers, int entries, String trainer, String reason) {
        this.params = params.clone();
        this.logLikelihood = logLikelihood;
        this.standardErrors = standardErrors.clone();
        this.iterations = iterations;
        this.converged = converged;
        this.gradientNorm = gradientNorm;
        this.customers = customers;
        this.entries = entries;
        this.trainer = trainer;
        this.reason = reason;
    }

    /** The standard errors when every one of them could be computed, else empty (never NaN). */
    java.util.Optional<double[]> standardErrorEstimates() {
        for (double v : standardErrors) {
            if (!Double.isFinite(v)) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(standardErrors.clone());
    }

    /** For a model made from given parameters: nothing was fitted. */
    static FitInfo given(double[] params) {
        double[] nan = new double[params.length];
        Arrays.fill(nan, Double.NaN);
        return new FitInfo(params, Double.NaN, nan, 0, false, Double.NaN, 0, 0, "given parameters",
                "not fitted: made from given parameters");
    }
}
