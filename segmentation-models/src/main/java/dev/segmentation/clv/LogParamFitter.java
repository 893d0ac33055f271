package dev.segmentation.clv;

import dev.segmentation.InvalidDataException;
import dev.segmentation.math.Bfgs;
import dev.segmentation.math.Cholesky;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Maximum likelihood over positive parameters, optimized in log space: minimizes
 * {@code -LL(exp(theta)) / W + penalty * sum(exp(theta)^2)} (W the total weight; the penalty is the L2 term of
 * lifetimes' {@code penalizer_coef} on the natural-scale parameters) by {@link Bfgs}, then computes standard
 * errors from the finite-difference Hessian (central differences of the analytic gradient) of the
 * unpenalized total log-likelihood in the natural parameters: {@code SE = sqrt(diag((-H)^-1))}.
 *
 * <p>With a {@link DropoutPrior} of weight {@code lambda > 0} the objective gains
 * {@code lambda * sum_k (theta_{i_k} - theta_{c_k})^2} ({@code theta_{c_k} = 0} where no reference is given): a
 * normal prior on the log of the dropout parameters, so the minimum is the MAP estimate under that prior
 * (the prior's variance is {@code 1 / (2 lambda W)}, since the objective is the mean over the total weight).
 * With weight 0 (or none) no term is added and the fit is the same computation as without the option.
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

    /**
     * From this many distinct rows (entries) on, a fit's line searches stop zooming once f cannot change by more
     * than {@link #ZOOM_NOISE_ULPS} ulps over the bracket ({@link Bfgs#minimize(Bfgs.Objective, double[], double,
     * int, Logger, Bfgs.SpdSolver, double)}): at 512k rows f moves by about 300 ulps of rounding near the optimum.
     */
    static final int NOISY_ENTRIES = 1 << 16;
    /** The rounding noise of f, in ulps, assumed from {@link #NOISY_ENTRIES} rows on. */
    static final double ZOOM_NOISE_ULPS = 16;

    private LogParamFitter() {
    }

    /**
     * The weak prior on the dropout parameters: {@code weight * sum_k (theta[index[k]] - theta[reference[k]])^2}
     * with {@code theta = log p} and {@code theta[-1] = 0}.
     */
    static final class DropoutPrior {
        final double weight;
        final int[] index;
        final int[] reference;

        DropoutPrior(double weight, int[] index, int[] reference) {
            this.weight = weight;
            this.index = index.clone();
            this.reference = reference.clone();
        }

        /** Adds {@code sign} times the term's Hessian (in theta, constant) to {@code h}. */
        void addHessian(double[][] h, double sign) {
            double c = 2 * weight * sign;
            for (int k = 0; k < index.length; k++) {
                int i = index[k];
                h[i][i] += c;
                if (reference[k] >= 0) {
                    int r = reference[k];
                    h[r][r] += c;
                    h[i][r] -= c;
                    h[r][i] -= c;
                }
            }
        }

        /** Adds the term's gradient (in theta) to {@code grad} and returns the term's value. */
        double addTo(double[] theta, double[] grad) {
            double value = 0;
            for (int k = 0; k < index.length; k++) {
                double centre = reference[k] < 0 ? 0 : theta[reference[k]];
                double diff = theta[index[k]] - centre;
                value += weight * diff * diff;
                grad[index[k]] += 2 * weight * diff;
                if (reference[k] >= 0) {
                    grad[reference[k]] -= 2 * weight * diff;
                }
            }
            return value;
        }
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
        return fit(ll, initial, names, totalWeight, entries, penalty, null, tolerance, maxIterations, log, trainer);
    }

    /**
     * The fit with a {@link DropoutPrior} (null, or weight 0, for none: then the same computation as without).
     */
    static FitInfo fit(Likelihood ll, double[] initial, String[] names, double totalWeight, int entries,
            double penalty, DropoutPrior prior, double tolerance, int maxIterations, Logger log, String trainer) {
        return fit(ll, null, initial, names, totalWeight, entries, penalty, prior, tolerance, maxIterations, log,
                trainer);
    }

    /**
     * The fit, with its standard errors computed when first asked for ({@link FitInfo#standardErrors()}) when
     * {@code errors} is not null: it makes the likelihood they are computed from, the same function as {@code ll}
     * (bit for bit), used by one thread and free of resources that live only for the fit (a fit's thread pool).
     * Each call must give a likelihood that no other call shares mutable state with. The errors are then the values
     * an immediate computation gives (issue 19: a fit's errors cost nine evaluations of its likelihood, and the
     * lifetime-value stage reads none of the errors of its nine or so fits). With {@code errors} null they are
     * computed from {@code ll} before returning, as always.
     */
    static FitInfo fit(Likelihood ll, Supplier<Likelihood> errors, double[] initial, String[] names,
            double totalWeight, int entries, double penalty, DropoutPrior prior, double tolerance, int maxIterations,
            Logger log, String trainer) {
        return fit(ll, errors, initial, null, names, totalWeight, entries, penalty, prior, tolerance, maxIterations,
                log, trainer);
    }

    /**
     * The fit from {@code initial} with a known curvature (issue 19): {@code curvature} is a previous fit's
     * {@link FitInfo#curvature} (null for none), to which this fit's dropout prior term is added (its Hessian in the
     * log-parameters is constant) before BFGS starts from its inverse ({@link Bfgs#minimize(Bfgs.Objective,
     * double[], double, int, Logger, Bfgs.SpdSolver, double, double[][])}); the stopping rule and the polish are the
     * same. With null, the same computation as without. The result carries its own curvature.
     */
    static FitInfo fit(Likelihood ll, Supplier<Likelihood> errors, double[] initial, double[][] curvature,
            String[] names, double totalWeight, int entries, double penalty, DropoutPrior prior, double tolerance,
            int maxIterations, Logger log, String trainer) {
        DropoutPrior map = prior == null || prior.weight == 0 ? null : prior;
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
            if (map != null) {
                f += map.addTo(theta, grad);
            }
            return f;
        };
        // a fit over many rows has an f whose rounding noise stalls the line search near the optimum (issue 19);
        // smaller fits keep the plain computation, and with it every result they gave before
        double[][] inverse0 = null;
        if (curvature != null && curvature.length == d) {
            double[][] h0 = new double[d][];
            for (int i = 0; i < d; i++) {
                h0[i] = curvature[i].clone();
            }
            if (map != null) {
                map.addHessian(h0, 1);
            }
            inverse0 = Cholesky.inverseSpd(h0); // null when not positive definite: then the identity
        }
        Bfgs.Result bfgs = Bfgs.minimize(objective, theta0, tolerance, maxIterations, log, Cholesky::solveSpd,
                entries >= NOISY_ENTRIES ? ZOOM_NOISE_ULPS : 0, inverse0);
        double[][] reached = bfgs.inverseHessian == null ? null : Cholesky.inverseSpd(bfgs.inverseHessian);
        if (reached != null && map != null) {
            map.addHessian(reached, -1);
        }
        Polished r = new Polished(bfgs.x, bfgs.gradientNorm, bfgs.iterations, bfgs.converged, null);
        if (!bfgs.converged && Double.isFinite(bfgs.value)) {
            Polished polished = polishIdentified(objective, bfgs, tolerance, maxIterations, names);
            if (polished != null) {
                r = polished;
            }
        }
        String flat = r.flat;
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
        String reason = r.converged && flat != null ? "converged at a boundary: the likelihood is flat (to the"
                + " tolerance) along " + flat + ", which the data do not identify (for a dropout parameter: dropout"
                + " about 0); the other parameters converged"
                : r.converged ? "converged" : "stopped after " + r.iterations + " iterations with gradient"
                + " norm " + r.gradientNorm + " above the tolerance " + tolerance;
        if (errors != null) {
            double[] at = params.clone();
            return new FitInfo(params, value, () -> standardErrors(errors.get(), at), r.iterations, r.converged,
                    r.gradientNorm, totalWeight, entries, trainer, reason).withCurvature(reached);
        }
        double[] se = standardErrors(ll, params);
        return new FitInfo(params, value, se, r.iterations, r.converged, r.gradientNorm, totalWeight, entries,
                trainer, reason).withCurvature(reached);
    }

    /** A polished optimum and the parameters held fixed because the objective is flat along them. */
    private static final class Polished {
        final double[] x;
        final double gradientNorm;
        final int iterations;
        final boolean converged;
        /** The parameters held fixed, or null. */
        final String flat;

        Polished(double[] x, double gradientNorm, int iterations, boolean converged, String flat) {
            this.x = x;
            this.gradientNorm = gradientNorm;
            this.iterations = iterations;
            this.converged = converged;
            this.flat = flat;
        }
    }

    /**
     * Newton steps on the identified parameters only, for a BFGS run that stopped above the tolerance at a
     * boundary optimum (issue 15: BG/NBD and MBG/NBD on Online Retail, a -> 0). There the objective is flat to
     * its rounding along the unidentified directions (a and b once dropout is about 0), so the line search
     * fails on rounding noise and the full Hessian is not positive definite, and r and alpha were left with a
     * gradient of about 5e-7. The coordinates whose Hessian diagonal is negligible against the largest (or that
     * break positive definiteness) are held fixed; the others take Newton steps while the gradient norm falls.
     * Each step counts as an iteration, within {@code maxIterations}. Returns null when nothing is flat or nothing
     * improves; the result counts as converged only by the usual
     * test, the max-norm of the whole gradient at or below the tolerance.
     */
    private static Polished polishIdentified(Bfgs.Objective objective, Bfgs.Result r, double tolerance,
            int maxIterations, String[] names) {
        int d = r.x.length;
        double[] x = r.x.clone();
        double[] g = new double[d];
        if (!Double.isFinite(objective.evaluate(x, g))) {
            return null;
        }
        boolean[] fixed = null;
        int steps = 0;
        for (int k = 0; k < 8 && r.iterations + steps < maxIterations && Bfgs.normInf(g) > tolerance; k++) {
            double[][] h = new double[d][d];
            double[] gp = new double[d];
            double[] gm = new double[d];
            for (int j = 0; j < d; j++) {
                double step = 1e-5 * Math.max(1, Math.abs(x[j]));
                double[] xp = x.clone();
                xp[j] += step;
                double[] xm = x.clone();
                xm[j] -= step;
                if (!Double.isFinite(objective.evaluate(xp, gp)) || !Double.isFinite(objective.evaluate(xm, gm))) {
                    return null;
                }
                for (int i = 0; i < d; i++) {
                    h[i][j] = (gp[i] - gm[i]) / (2 * step);
                }
            }
            if (fixed == null) {
                fixed = flatCoordinates(h);
                if (fixed == null) {
                    return null;
                }
            }
            int[] free = new int[d];
            int nf = 0;
            for (int j = 0; j < d; j++) {
                if (!fixed[j]) {
                    free[nf++] = j;
                }
            }
            double[][] hf = new double[nf][nf];
            double[] gf = new double[nf];
            for (int i = 0; i < nf; i++) {
                gf[i] = g[free[i]];
                for (int j = 0; j < nf; j++) {
                    hf[i][j] = 0.5 * (h[free[i]][free[j]] + h[free[j]][free[i]]);
                }
            }
            double[] delta = Cholesky.solveSpd(hf, gf);
            if (delta == null) {
                break;
            }
            double[] xs = x.clone();
            for (int i = 0; i < nf; i++) {
                xs[free[i]] -= delta[i];
            }
            double[] gs = new double[d];
            double fs = objective.evaluate(xs, gs);
            steps++;
            if (!Double.isFinite(fs) || !(Bfgs.normInf(gs) < Bfgs.normInf(g))) {
                break;
            }
            x = xs;
            g = gs;
        }
        if (fixed == null || steps == 0) {
            return null;
        }
        StringBuilder flat = new StringBuilder();
        for (int j = 0; j < d; j++) {
            if (fixed[j]) {
                flat.append(flat.length() == 0 ? "" : ", ").append(names == null ? "parameter " + j : names[j]);
            }
        }
        double gn = Bfgs.normInf(g);
        return new Polished(x, gn, r.iterations + steps, gn <= tolerance, flat.toString());
    }

    /**
     * The coordinates along which a (finite-difference) Hessian is flat: diagonal below 1e-6 of the largest, or
     * not positive; null when there is none or nothing else is left.
     */
    private static boolean[] flatCoordinates(double[][] h) {
        int d = h.length;
        double max = 0;
        for (int j = 0; j < d; j++) {
            max = Math.max(max, h[j][j]);
        }
        boolean[] fixed = new boolean[d];
        int count = 0;
        for (int j = 0; j < d; j++) {
            if (!(h[j][j] > 1e-6 * max)) {
                fixed[j] = true;
                count++;
            }
        }
        return count == 0 || count == d ? null : fixed;
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
        double[][] cov = Cholesky.inverseSpd(h);
        double[] se = new double[d];
        for (int j = 0; j < d; j++) {
            se[j] = cov == null ? Double.NaN : Math.sqrt(cov[j][j]);
        }
        return se;
    }
}
