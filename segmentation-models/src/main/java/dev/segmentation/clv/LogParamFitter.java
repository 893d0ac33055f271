package dev.segmentation.clv;

import dev.segmentation.InvalidDataException;
import dev.segmentation.math.Bfgs;
import org.slf4j.Logger;

/**
 * Maximum likelihood over positive parameters, optimized in log space: minimizes
 * {@code -LL(exp(theta)) / W + penalty * sum(exp(theta)^2)} (W the total weight; the penalty is the L2 term of
 * lifetimes' {@code penalizer_coef} on the natural-scale parameters) by {@link Bfgs}, then computes standard
 * errors from the finite-difference Hessian (central differences of the analytic gradient) of the
 * unpenalized total log-likelihood in the natural parameters: {@code SE = sqrt(diag((-H)^-1))}.
 */
final class LogParamFitter {
    /** A weighted log-likelihood over natural (positive) parameters. */
    interface Likelihood {
        /**
         * Returns the total weighted log-likelihood and writes its gradient in the natural parameters.
         *
         * @param p the parameters, all positive. Not modified.
         * @param grad the gradient dLL/dp, or null. Modified.
         * @return the log-likelihood; may be NaN or -Infinity where undefined
         */
        double logLikelihood(double[] p, double[] grad);
    }

    private LogParamFitter() {
    }

    static FitInfo fit(Likelihood ll, double[] initial, double totalWeight, int entries, double penalty,
            double tolerance, int maxIterations, Logger log, String trainer) {
        return fit(ll, initial, null, totalWeight, entries, penalty, tolerance, maxIterations, log, trainer);
    }

    /**
     * The fit; with {@code names}, a parameter that ends outside {@code [1e-12, 1e12]} (the data do not
     * identify the model: the likelihood keeps rising towards a boundary) is put back at the edge of that range,
     * the fit is reported as not converged with the reason, the log-likelihood is the one at the returned
     * parameters and the standard errors are absent (issue 17: such fits reported parameters near 1e24-1e55
     * with a log-likelihood of 0.0 and NaN errors).
     */
    static FitInfo fit(Likelihood ll, double[] initial, String[] names, double totalWeight, int entries,
            double penalty, double tolerance, int maxIterations, Logger log, String trainer) {
        if (!(totalWeight > 0)) {
            throw new InvalidDataException("summary must have at least one customer, found 0");
        }
        int d = initial.length;
        double[] theta0 = new double[d];
        for (int j = 0; j < d; j++) {
            theta0[j] = Math.log(initial[j]);
        }
        double[] p = new double[d];
        double[] gp = new double[d];
        Bfgs.Objective objective = (theta, grad) -> {
            for (int j = 0; j < d; j++) {
                p[j] = Math.exp(theta[j]);
                if (!(p[j] > 0) || Double.isInfinite(p[j])) {
                    return Double.NaN;
                }
            }
            double value = ll.logLikelihood(p, gp);
            if (!Double.isFinite(value)) {
                return Double.NaN;
            }
            double f = -value / totalWeight;
            for (int j = 0; j < d; j++) {
                f += penalty * p[j] * p[j];
                grad[j] = -gp[j] * p[j] / totalWeight + 2 * penalty * p[j] * p[j];
            }
            return f;
        };
        Bfgs.Result r = Bfgs.minimize(objective, theta0, tolerance, maxIterations, log, Linear::solveSpd);
        double[] params = new double[d];
        for (int j = 0; j < d; j++) {
            params[j] = Math.exp(r.x[j]);
        }
        String escaped = null;
        for (int j = 0; j < d && names != null; j++) {
            if (!(params[j] >= Checks.MIN_PARAM && params[j] <= Checks.MAX_PARAM)) {
                if (escaped == null) {
                    escaped = names[j] + " = " + params[j];
                }
                params[j] = params[j] > Checks.MAX_PARAM ? Checks.MAX_PARAM : Checks.MIN_PARAM;
            }
        }
        double value = ll.logLikelihood(params, null);
        if (escaped != null) {
            double[] none = new double[d];
            java.util.Arrays.fill(none, Double.NaN);
            String reason = "the data do not identify the model: " + escaped + " left [1e-12, 1e12] during the"
                    + " fit, so the parameters were put back at the edge of that range";
            log.warn("{}", reason);
            return new FitInfo(params, value, none, r.iterations, false, r.gradientNorm, totalWeight, entries,
                    trainer, reason);
        }
        double[] se = standardErrors(ll, params);
        String reason = r.converged ? "converged" : "stopped after " + r.iterations + " iterations with gradient"
                + " norm " + r.gradientNorm + " above the tolerance " + tolerance;
        return new FitInfo(params, value, se, r.iterations, r.converged, r.gradientNorm, totalWeight, entries,
                trainer, reason);
    }

    /** sqrt(diag((-H)^-1)) with H the Hessian of the total log-likelihood; NaN where -H is not positive definite. */
    static double[] standardErrors(Likelihood ll, double[] params) {
        int d = params.length;
        double[][] h = new double[d][d];
        double[] pp = params.clone();
        double[] gPlus = new double[d];
        double[] gMinus = new double[d];
        for (int j = 0; j < d; j++) {
            double step = 1e-5 * params[j];
            pp[j] = params[j] + step;
            ll.logLikelihood(pp, gPlus);
            pp[j] = params[j] - step;
            ll.logLikelihood(pp, gMinus);
            pp[j] = params[j];
            for (int i = 0; i < d; i++) {
                h[i][j] = -(gPlus[i] - gMinus[i]) / (2 * step);
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double m = 0.5 * (h[i][j] + h[j][i]);
                h[i][j] = m;
                h[j][i] = m;
            }
        }
        double[][] cov = Linear.inverseSpd(h);
        double[] se = new double[d];
        for (int j = 0; j < d; j++) {
            se[j] = cov == null ? Double.NaN : Math.sqrt(cov[j][j]);
        }
        return se;
    }
}
