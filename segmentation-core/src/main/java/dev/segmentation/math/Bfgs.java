package dev.segmentation.math;

import java.util.Arrays;
import org.slf4j.Logger;

/**
 * Unconstrained minimization by BFGS with a strong-Wolfe line search (Nocedal and Wright, Numerical
 * Optimization, 2nd ed., 2006: Algorithm 6.1 with 3.5/3.6), followed by Newton steps on a finite-difference
 * Hessian of the analytic gradient to polish the optimum below the rounding level of the objective.
 * Non-finite objective values are treated as "step too long". Deterministic; allocates per call only.
 */
public final class Bfgs {
    /** A smooth objective with its gradient. */
    @FunctionalInterface
    public interface Objective {
        /**
         * Returns f(x) and writes the gradient; may return NaN or +Infinity where f is undefined.
         *
         * @param x the point. Not modified.
         * @param grad the gradient. Modified.
         * @return the value
         */
        double evaluate(double[] x, double[] grad);
    }

    /**
     * Solves {@code H d = g} for a symmetric positive definite H (the Newton polish's step), for example by
     * Cholesky; supplied by the caller so that the optimizer does not fix the linear algebra.
     */
    @FunctionalInterface
    public interface SpdSolver {
        /**
         * Solves the system.
         *
         * @param h the matrix, symmetric. Not modified.
         * @param g the right-hand side. Not modified.
         * @return the solution, or null when h is not positive definite
         */
        double[] solve(double[][] h, double[] g);
    }

    /** The outcome of a minimization. Its arrays must not be modified. */
    public static final class Result {
        /** The final point. */
        public final double[] x;
        /** The objective at {@link #x}. */
        public final double value;
        /** The max-norm of the gradient at {@link #x}. */
        public final double gradientNorm;
        /** The number of BFGS iterations. */
        public final int iterations;
        /** Whether the gradient norm reached the tolerance. */
        public final boolean converged;
        /**
         * The last BFGS approximation of the inverse Hessian built by updates (before the Newton polish; kept through
         * a reset to the identity after a failed line search), or null when no iteration updated it: a start for a
         * later minimization of a nearby objective.
         */
        public final double[][] inverseHessian;

        Result(double[] x, double value, double gradientNorm, int iterations, boolean converged) {
            this(x, value, gradientNorm, iterations, converged, null);
        }

        Result(double[] x, double value, double gradientNorm, int iterations, boolean converged,
                double[][] inverseHessian) {
            this.x = x;
            this.value = value;
            this.gradientNorm = gradientNorm;
            this.iterations = iterations;
            this.converged = converged;
            this.inverseHessian = inverseHessian;
        }
    }

    private static final double C1 = 1e-4;
    private static final double C2 = 0.9;
    private static final int POLISH_STEPS = 6;

    private Bfgs() {
    }

    /**
     * The max-norm of a vector, +Infinity when it has a NaN.
     *
     * @param g the vector. Not modified.
     * @return max |g_i|
     */
    public static double normInf(double[] g) {
        double m = 0;
        for (double v : g) {
            m = Math.max(m, Math.abs(v));
        }
        return Double.isNaN(m) ? Double.POSITIVE_INFINITY : m;
    }

    /**
     * Minimizes {@code fn} from {@code x0}: BFGS iterations until the gradient's max-norm is at most
     * {@code gtol} or {@code maxIterations} are done, then Newton polish steps solved with {@code solver}.
     *
     * @param fn the objective
     * @param x0 the starting point. Not modified.
     * @param gtol the gradient tolerance (max-norm)
     * @param maxIterations the iteration cap
     * @param log the logger for progress at debug level
     * @param solver solves the polish steps' symmetric positive definite systems
     * @return the outcome
     */
    public static Result minimize(Objective fn, double[] x0, double gtol, int maxIterations, Logger log,
            SpdSolver solver) {
        return minimize(fn, x0, gtol, maxIterations, log, solver, 0);
    }

    /**
     * {@link #minimize(Objective, double[], double, int, Logger, SpdSolver)} for an objective whose value carries
     * rounding noise (a sum over many terms, issue 19): a line search's zoom stops once the change of f predicted
     * over its bracket, {@code |hi - lo| |slope|}, is at most {@code zoomNoiseUlps} ulps of f at its start, since no
     * point of that bracket can then show a sufficient decrease that is not rounding; without it, each failed line
     * search near the optimum spends about 40 evaluations halving the bracket to 1e-16. With 0 this is the
     * computation of the six-argument form, bit for bit.
     *
     * @param fn the objective
     * @param x0 the starting point. Not modified.
     * @param gtol the gradient tolerance (max-norm)
     * @param maxIterations the iteration cap
     * @param log the logger for progress at debug level
     * @param solver solves the polish steps' symmetric positive definite systems
     * @param zoomNoiseUlps the rounding noise of f in ulps, {@code >= 0}; 0 for none
     * @return the outcome
     */
    public static Result minimize(Objective fn, double[] x0, double gtol, int maxIterations, Logger log,
            SpdSolver solver, double zoomNoiseUlps) {
        return minimize(fn, x0, gtol, maxIterations, log, solver, zoomNoiseUlps, null);
    }

    /**
     * {@link #minimize(Objective, double[], double, int, Logger, SpdSolver, double)} from a known curvature: the
     * iterations start with {@code inverseHessian0} as the inverse-Hessian approximation and a unit first step, as
     * after a first update, instead of the identity and a first step of length at most 1 (Nocedal and Wright 6.1:
     * any symmetric positive definite {@code H_0}). For a warm start of a nearby objective, e.g. the previous
     * optimum's {@link Result#inverseHessian}. The stopping rule and the polish are the same. With null this is the
     * seven-argument form, bit for bit.
     *
     * @param fn the objective
     * @param x0 the starting point. Not modified.
     * @param gtol the gradient tolerance (max-norm)
     * @param maxIterations the iteration cap
     * @param log the logger for progress at debug level
     * @param solver solves the polish steps' symmetric positive definite systems
     * @param zoomNoiseUlps the rounding noise of f in ulps, {@code >= 0}; 0 for none
     * @param inverseHessian0 the starting inverse-Hessian approximation, symmetric positive definite, d x d, or
     *     null for the identity. Not modified.
     * @return the outcome
     */
    public static Result minimize(Objective fn, double[] x0, double gtol, int maxIterations, Logger log,
            SpdSolver solver, double zoomNoiseUlps, double[][] inverseHessian0) {
        int d = x0.length;
        double[] x = x0.clone();
        double[] g = new double[d];
        double f = fn.evaluate(x, g);
        if (!Double.isFinite(f) || !Double.isFinite(normInf(g))) {
            return new Result(x, f, Double.POSITIVE_INFINITY, 0, false);
        }
        double[][] h = inverseHessian0 == null ? identity(d) : copy(inverseHessian0);
        // the last approximation built by updates (a reset to the identity makes a new array and leaves it intact)
        double[][] updated = null;
        double[] p = new double[d];
        double[] xNew = new double[d];
        double[] gNew = new double[d];
        double[] s = new double[d];
        double[] y = new double[d];
        int iter = 0;
        boolean firstStep = inverseHessian0 == null;
        int failures = 0;
        while (normInf(g) > gtol && iter < maxIterations) {
            for (int i = 0; i < d; i++) {
                double v = 0;
                for (int j = 0; j < d; j++) {
                    v -= h[i][j] * g[j];
                }
                p[i] = v;
            }
            double slope = dot(p, g);
            if (!(slope < 0)) {
                h = identity(d);
                firstStep = true;
                for (int i = 0; i < d; i++) {
                    p[i] = -g[i];
                }
                slope = dot(p, g);
            }
            double alpha0 = firstStep ? Math.min(1, 1 / normInf(p)) : 1;
            double fNew = lineSearch(fn, x, f, g, p, slope, alpha0, xNew, gNew, zoomNoiseUlps);
            iter++;
            if (Double.isNaN(fNew)) {
                failures++;
                if (failures >= 2 || firstStep) {
                    break;
                }
                h = identity(d);
                firstStep = true;
                continue;
            }
            failures = 0;
            for (int i = 0; i < d; i++) {
                s[i] = xNew[i] - x[i];
                y[i] = gNew[i] - g[i];
            }
            double sy = dot(s, y);
            if (sy > 1e-300) {
                if (firstStep) {
                    double yy = dot(y, y);
                    double scale = sy / yy;
                    h = identity(d);
                    for (int i = 0; i < d; i++) {
                        h[i][i] = scale;
                    }
                }
                bfgsUpdate(h, s, y, sy);
                firstStep = false;
                updated = h;
            }
            System.arraycopy(xNew, 0, x, 0, d);
            System.arraycopy(gNew, 0, g, 0, d);
            f = fNew;
            if (log.isDebugEnabled()) {
                log.debug("BFGS iteration {}: f = {}, |g| = {}", iter, f, normInf(g));
            }
        }
        double[][] inverseHessian = updated == null ? null : copy(updated);
        // Newton polish: cheap for a handful of parameters and immune to rounding in f.
        for (int k = 0; k < POLISH_STEPS && iter < maxIterations && normInf(g) > gtol * 1e-3; k++) {
            double[][] hess = hessian(fn, x, g);
            double[] step = solver.solve(hess, g);
            if (step == null) {
                break;
            }
            double[] xs = new double[d];
            for (int i = 0; i < d; i++) {
                xs[i] = x[i] - step[i];
            }
            double[] gs = new double[d];
            double fs = fn.evaluate(xs, gs);
            iter++;
            if (!Double.isFinite(fs) || !(normInf(gs) < normInf(g))) {
                break;
            }
            x = xs;
            g = gs;
            f = fs;
            if (log.isDebugEnabled()) {
                log.debug("Newton polish {}: f = {}, |g| = {}", iter, f, normInf(g));
            }
        }
        double gn = normInf(g);
        return new Result(x, f, gn, iter, gn <= gtol, inverseHessian);
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    /** Central-difference Hessian of the analytic gradient, symmetrized. */
    static double[][] hessian(Objective fn, double[] x, double[] g0) {
        int d = x.length;
        double[][] hess = new double[d][d];
        double[] xp = x.clone();
        double[] gp = new double[d];
        double[] gm = new double[d];
        for (int j = 0; j < d; j++) {
            double step = 1e-5 * Math.max(1, Math.abs(x[j]));
            xp[j] = x[j] + step;
            fn.evaluate(xp, gp);
            xp[j] = x[j] - step;
            fn.evaluate(xp, gm);
            xp[j] = x[j];
            for (int i = 0; i < d; i++) {
                hess[i][j] = (gp[i] - gm[i]) / (2 * step);
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double m = 0.5 * (hess[i][j] + hess[j][i]);
                hess[i][j] = m;
                hess[j][i] = m;
            }
        }
        return hess;
    }

    private static void bfgsUpdate(double[][] h, double[] s, double[] y, double sy) {
        int d = s.length;
        double rho = 1 / sy;
        double[] hy = new double[d];
        for (int i = 0; i < d; i++) {
            double v = 0;
            for (int j = 0; j < d; j++) {
                v += h[i][j] * y[j];
            }
            hy[i] = v;
        }
        double yhy = dot(y, hy);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                h[i][j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
            }
        }
    }

    /**
     * Strong-Wolfe line search; writes the accepted point and gradient, returns f there or NaN on failure.
     *
     * <p>Not shared with logistic regression's line search ({@code churn.LogisticSolvers.LineSearch}, issue 18): the
     * conditions differ, so one cannot stand in for the other without changing results. This one expands the step
     * (doubling from {@code alpha1}) and zooms on a bracket by cubic interpolation until both the sufficient
     * decrease ({@code C1}) and the curvature condition ({@code C2}) hold, reading the gradient at every probe, as
     * BFGS needs {@code s^T y > 0} for its update; the logistic one only halves a unit step until the Armijo
     * condition holds (or, on its last step, until f does not increase), never expands, and needs no curvature
     * test (its L-BFGS skips an update whose {@code s^T y} is too small), each probe being one pass over the data.
     */
    private static double lineSearch(Objective fn, double[] x, double f0, double[] g0, double[] p, double slope0,
            double alpha1, double[] xOut, double[] gOut, double zoomNoiseUlps) {
        double alphaPrev = 0;
        double fPrev = f0;
        double slopePrev = slope0;
        double alpha = alpha1;
        for (int i = 0; i < 40; i++) {
            double fa = probe(fn, x, p, alpha, xOut, gOut);
            double slope = dot(gOut, p);
            if (!Double.isFinite(fa) || fa > f0 + C1 * alpha * slope0 || (i > 0 && fa >= fPrev)) {
                return zoom(fn, x, f0, slope0, p, alphaPrev, fPrev, slopePrev, alpha, fa, slope, xOut, gOut,
                        zoomNoiseUlps);
            }
            if (Math.abs(slope) <= -C2 * slope0) {
                return fa;
            }
            if (slope >= 0) {
                return zoom(fn, x, f0, slope0, p, alpha, fa, slope, alphaPrev, fPrev, slopePrev, xOut, gOut,
                        zoomNoiseUlps);
            }
            alphaPrev = alpha;
            fPrev = fa;
            slopePrev = slope;
            alpha *= 2;
        }
        return Double.NaN;
    }

    private static double zoom(Objective fn, double[] x, double f0, double slope0, double[] p, double lo,
            double fLo, double slopeLo, double hi, double fHi, double slopeHi, double[] xOut, double[] gOut, double zoomNoiseUlps) {
        for (int i = 0; i < 60; i++) {
            if (zoomNoiseUlps > 0 && Math.abs(hi - lo) * -slope0 <= zoomNoiseUlps * Math.ulp(f0)) {
                // f cannot change by more than its rounding over the bracket: no point of it can show a
                // sufficient decrease that is not rounding noise, so halving further only spends evaluations
                break;
            }
            double alpha;
            if (Double.isFinite(fHi) && Double.isFinite(slopeHi)) {
                alpha = cubicMin(lo, fLo, slopeLo, hi, fHi, slopeHi);
            } else {
                alpha = Double.NaN;
            }
            double left = Math.min(lo, hi);
            double width = Math.abs(hi - lo);
            if (!(alpha > left + 0.1 * width && alpha < left + 0.9 * width)) {
                alpha = 0.5 * (lo + hi);
            }
            double fa = probe(fn, x, p, alpha, xOut, gOut);
            double slope = dot(gOut, p);
            if (!Double.isFinite(fa) || fa > f0 + C1 * alpha * slope0 || fa >= fLo) {
                hi = alpha;
                fHi = fa;
                slopeHi = slope;
            } else {
                if (Math.abs(slope) <= -C2 * slope0) {
                    return fa;
                }
                if (slope * (hi - lo) >= 0) {
                    hi = lo;
                    fHi = fLo;
                    slopeHi = slopeLo;
                }
                lo = alpha;
                fLo = fa;
                slopeLo = slope;
            }
            if (Math.abs(hi - lo) < 1e-16 * Math.max(1, Math.abs(lo))) {
                break;
            }
        }
        if (lo > 0 && fLo < f0) {
            // Accept the best sufficient-decrease point found (the curvature test failed only by rounding).
            double fa = probe(fn, x, p, lo, xOut, gOut);
            return Double.isFinite(fa) ? fa : Double.NaN;
        }
        return Double.NaN;
    }

    private static double cubicMin(double a, double fa, double da, double b, double fb, double db) {
        double d1 = da + db - 3 * (fa - fb) / (a - b);
        double disc = d1 * d1 - da * db;
        if (disc < 0) {
            return Double.NaN;
        }
        double d2 = Math.signum(b - a) * Math.sqrt(disc);
        return b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
    }

    private static double probe(Objective fn, double[] x, double[] p, double alpha, double[] xOut,
            double[] gOut) {
        for (int i = 0; i < x.length; i++) {
            xOut[i] = x[i] + alpha * p[i];
        }
        Arrays.fill(gOut, 0);
        return fn.evaluate(xOut, gOut);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[][] identity(int d) {
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            m[i][i] = 1;
        }
        return m;
    }
}
