package dev.segmentation.churn;

import dev.segmentation.InvalidDataException;
import dev.segmentation.churn.LogisticRegression.Solver;
import dev.segmentation.internal.ChunkRunner;
import dev.segmentation.math.Cholesky;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The solvers of {@link LogisticRegression}, split from the trainer's configuration and entry points: Newton-Raphson
 * with step halving and Cholesky solves (dense), Newton-CG with Hessian-vector products (sparse), L-BFGS with a
 * backtracking line search, the warm start on a block subsample and the separation diagnostic. One instance holds
 * one fit's mutable state and is confined to the calling thread. Not API.
 *
 * <p>Engine detail: every column is centred and scaled internally (conditioning only, never the optimum). The
 * Hessian subsample takes every k-th block of {@value LogisticObjective#BLOCK} consecutive rows, scaled by k
 * (blocks keep the passes sequential in memory), and a dense Newton fit on more than {@code hessianRows} rows is
 * first warm-started by Newton on a sparser block subsample of about 8,192 to 32,768 rows. The loss, gradient
 * and Hessian are sums over fixed chunks of {@value LogisticObjective#CHUNK_ROWS} rows (the library's
 * {@link ChunkRunner}) merged in chunk order, so the thread count never changes a bit of the result.
 */
final class LogisticSolvers {
    /** The trainer's logger, so that the fit's log lines keep their name. */
    private static final Logger LOG = LoggerFactory.getLogger(LogisticRegression.class);
    private static final double ARMIJO = 1e-4;
    private static final int MAX_HALVINGS = 50;
    /** A Cholesky pivot below this fraction of its diagonal means linearly dependent columns. */
    private static final double COLLINEAR = 1e-10;
    private static final double SEPARATION_SHIFT = 0.1;
    private static final int LBFGS_MEMORY = 10;

    private final double l2;
    private final boolean standardize;
    private final Solver solver;
    private final int maxIterations;
    private final double tolerance;
    private final int hessianRows;

    /** The design the solvers run on: dense ({@link #obj}) or sparse. */
    final LogisticLoss loss;
    /** The dense objective, or null for sparse rows. */
    final LogisticObjective obj;
    final String[] names;
    final ChunkRunner runner;
    final int q;
    final double[] penalty;
    final boolean newton;
    final double[] objectiveHistory;
    int historySize;
    int iterations;
    boolean converged;
    boolean separation;
    LogisticObjective.Result last;
    /** What the next data pass is for: its description (logs; job descriptions of a remote source). */
    String phase = "iteration 0";
    boolean lastHessExact;
    double lastF;

    LogisticSolvers(LogisticRegression config, LogisticObjective obj, String[] names, ChunkRunner runner) {
        this(config, obj, obj, names, runner, obj.q, config.solver() == Solver.NEWTON
                || (config.solver() == Solver.AUTO && obj.p <= LogisticRegression.AUTO_NEWTON_MAX_COLUMNS));
        for (int j = 1; j < q; j++) {
            double s = obj.invSd[j - 1];
            penalty[j] = obj.constant[j - 1] || standardize ? l2 : l2 * s * s;
        }
    }

    /** A fit on sparse rows: the penalty is {@code l2} on every coefficient but the intercept. */
    LogisticSolvers(LogisticRegression config, SparseLogisticObjective sparse, ChunkRunner runner) {
        this(config, sparse, null, null, runner, sparse.q, config.solver() != Solver.LBFGS);
        Arrays.fill(penalty, 1, q, l2);
    }

    /** The settings both designs read from the trainer; the penalty is filled in by the caller. */
    private LogisticSolvers(LogisticRegression config, LogisticLoss loss, LogisticObjective obj, String[] names,
            ChunkRunner runner, int q, boolean newton) {
        this.l2 = config.l2();
        this.standardize = config.standardize();
        this.solver = config.solver();
        this.maxIterations = config.maxIterations();
        this.tolerance = config.tolerance();
        this.hessianRows = config.hessianRows();
        this.objectiveHistory = new double[maxIterations + 1];
        this.loss = loss;
        this.obj = obj;
        this.names = names;
        this.runner = runner;
        this.q = q;
        this.penalty = new double[q];
        this.newton = newton;
    }

    /** Runs the sparse solver from the intercept-only start and returns the coefficients. */
    double[] runSparse() {
        double[] theta = new double[q];
        double ybar = loss.positiveWeight / loss.weightSum;
        theta[0] = Math.log(ybar / (1 - ybar));
        return newton ? newtonCg(theta) : lbfgs(theta);
    }

    /**
     * Truncated Newton with a line search (Newton-CG; Nocedal and Wright 2006, algorithm 7.1): the Newton
     * system {@code (H + diag(penalty)) d = -g} is solved approximately by conjugate gradients with a
     * Jacobi preconditioner, from Hessian-vector products only, to the relative residual
     * {@code min(0.5, sqrt(|g|))} (superlinear convergence), then step halving (Armijo) as in
     * {@link #newton}. Stops on the same criterion: half the decrement {@code -g . d / 2} at most
     * {@code tolerance * (1 + |F|)}.
     */
    double[] newtonCg(double[] theta0) {
        LogisticLoss.CurvatureLoss cl = (LogisticLoss.CurvatureLoss) loss;
        double[] theta = theta0.clone();
        phase = "Newton-CG iteration 0";
        LogisticObjective.Result cur = eval(theta, 1, 0, null);
        double f = penalized(cur, theta);
        objectiveHistory[historySize++] = f;
        int cgTotal = 0;
        for (int it = 0; it < maxIterations; it++) {
            double[] c = cl.curvature(theta, runner);
            double[] diag = cl.hessianDiagonal(c, runner);
            for (int j = 0; j < q; j++) {
                diag[j] += penalty[j];
            }
            double[] g = cur.grad;
            double gnorm = Math.sqrt(dot(g, g));
            double[] d = new double[q];
            double[] r = new double[q];
            double[] z = new double[q];
            for (int j = 0; j < q; j++) {
                r[j] = -g[j];
                z[j] = r[j] / diag[j];
            }
            double[] dir = z.clone();
            double rz = dot(r, z);
            double target = Math.min(0.5, Math.sqrt(gnorm)) * gnorm;
            for (int k = 0; k < Math.max(10, q) && Math.sqrt(dot(r, r)) > target; k++) {
                double[] hp = cl.hessianTimes(c, dir, runner);
                for (int j = 0; j < q; j++) {
                    hp[j] += penalty[j] * dir[j];
                }
                double curv = dot(dir, hp);
                cgTotal++;
                if (!(curv > 0)) {
                    break;
                }
                double a = rz / curv;
                axpy(a, dir, d);
                axpy(-a, hp, r);
                for (int j = 0; j < q; j++) {
                    z[j] = r[j] / diag[j];
                }
                double rzNext = dot(r, z);
                double beta = rzNext / rz;
                rz = rzNext;
                for (int j = 0; j < q; j++) {
                    dir[j] = z[j] + beta * dir[j];
                }
            }
            double slope = dot(g, d);
            if (!(slope < 0)) {
                // the first CG direction is the preconditioned steepest descent, so this is rounding level
                converged = true;
                break;
            }
            boolean lastStep = -slope / 2 <= tolerance * (1 + Math.abs(f));
            phase = "Newton-CG iteration " + (it + 1);
            LineSearch ls = new LineSearch(theta, d, f, slope, lastStep);
            iterations = it + 1;
            LOG.debug("newton-cg iteration {}: objective {}, decrement {}, step {}, cg steps {}", iterations, ls.fn,
                    -slope, ls.t, cgTotal);
            if (!ls.accepted) {
                converged = lastStep;
                break;
            }
            theta = ls.trial;
            cur = ls.next;
            f = ls.fn;
            objectiveHistory[historySize++] = f;
            if (lastStep) {
                converged = true;
                break;
            }
        }
        last = cur;
        lastHessExact = false;
        lastF = f;
        return theta;
    }

    LogisticRegressionModel run() {
        double[] theta = new double[q];
        double ybar = obj.positiveWeight / obj.weightSum;
        theta[0] = Math.log(ybar / (1 - ybar));
        int stride = hessianRows == 0 ? 1 : Math.max(1, (int) ((obj.rows + hessianRows - 1) / hessianRows));
        if (newton) {
            if (stride > 1) {
                // Warm start: solve the problem on a sparser block subsample (4^k times sparser than the
                // Hessian's, down to about 8,192 rows; scaled to n rows) until its gap is a tenth of that
                // subsample's own statistical error, about q (s - 1) / 2 (Wilks). A closer start would not
                // save a full pass: each full step shrinks the gap by a factor of about q / hessianRows.
                int s = stride;
                while (obj.rows / (4L * s) >= 8192) {
                    s *= 4;
                }
                theta = newton(theta, s, s, -0.05 * q * (s - 1), false);
                if (separation) {
                    // the subsample was separable (or lacked a class or a column's spread): start cold
                    theta = new double[q];
                    theta[0] = Math.log(ybar / (1 - ybar));
                }
                iterations = 0;
                historySize = 0;
                converged = false;
                separation = false;
            }
            theta = newton(theta, 1, stride, tolerance, true);
        } else {
            theta = lbfgs(theta);
        }
        if (l2 == 0 && !separation && last.extremeRows > 0 && last.maxExtremeShift > SEPARATION_SHIFT) {
            separation = true;
        }
        double[] hessian = lastHessExact ? last.hess : null;
        if (l2 == 0 && !separation && hessian == null) {
            phase = (newton ? "Newton" : "L-BFGS") + " final Hessian";
            hessian = eval(theta, 1, 1, null).hess;
        }
        if (separation) {
            converged = false;
            LOG.warn("logistic regression: the classes are (quasi-)separated; the maximum-likelihood estimate"
                    + " does not exist and the coefficients grow without bound; use l2 > 0");
        }
        double unpenalized = last.loss;
        double f = lastF;
        double[] covariance = null;
        if (l2 == 0 && !separation && hessian != null) {
            covariance = invert(hessian);
        }
        LOG.info("logistic regression fit: n={}, d={}, solver={}, iterations={}, converged={}, objective={}",
                obj.rows, obj.p, newton ? "newton" : "lbfgs", iterations, converged, f);
        return LogisticRegressionModel.create(names, obj.mu, obj.invSd,
                theta, covariance, -unpenalized, nullLogLikelihood(), f, iterations, converged, separation,
                Arrays.copyOf(objectiveHistory, historySize), obj.n);
    }

    private double nullLogLikelihood() {
        double pbar = obj.positiveWeight / obj.weightSum;
        return obj.positiveWeight * Math.log(pbar) + (obj.weightSum - obj.positiveWeight) * Math.log1p(-pbar);
    }

    private double penalized(LogisticObjective.Result r, double[] theta) {
        double f = r.loss;
        for (int j = 1; j < q; j++) {
            f += 0.5 * penalty[j] * theta[j] * theta[j];
            r.grad[j] += penalty[j] * theta[j];
            if (r.hess != null) {
                r.hess[j * q + j] += penalty[j];
            }
        }
        return f;
    }

    private LogisticObjective.Result eval(double[] theta, int lossStride, int hessStride, double[] shift) {
        // the separation diagnostic (shift) belongs to the dense, possibly unpenalized fit
        return loss.evaluate(new LogisticObjective.Pass(theta, lossStride, hessStride, obj == null ? null : shift,
                phase),
                runner);
    }

    /** Newton-Raphson with step halving; records history and the final state when {@code full}. */
    double[] newton(double[] theta0, int lossStride, int hessStride, double tol, boolean full) {
        double[] theta = theta0.clone();
        String name = full ? "Newton iteration " : "Newton warm start iteration ";
        phase = name + 0;
        LogisticObjective.Result cur = eval(theta, lossStride, hessStride, null);
        boolean curExact = lossStride == 1 && hessStride == 1;
        double f = penalized(cur, theta);
        if (full) {
            objectiveHistory[historySize++] = f;
        }
        double[] hess = cur.hess;
        double[] step = new double[q];
        int it = 0;
        while (it < maxIterations) {
            double[] delta = solve(hess, cur.grad, it == 0 && full && l2 == 0);
            if (delta == null) {
                // Singular Hessian after progress: weights collapsed towards 0 (separation).
                separation = l2 == 0;
                break;
            }
            double slope = 0;
            for (int j = 0; j < q; j++) {
                slope += cur.grad[j] * delta[j];
            }
            // tol < 0 encodes an absolute tolerance on the decrement (warm start)
            boolean last = -slope / 2 <= (tol < 0 ? -tol : tol * (1 + Math.abs(f)));
            // The last evaluation needs a Hessian only for standard errors, and then an exact one.
            int hs = last ? (full && l2 == 0 ? 1 : 0) : hessStride;
            double t = 1;
            boolean accepted = false;
            for (int h = 0; h < MAX_HALVINGS; h++) {
                double[] trial = new double[q];
                for (int j = 0; j < q; j++) {
                    step[j] = t * delta[j];
                    trial[j] = theta[j] + step[j];
                }
                phase = name + (it + 1) + (h == 0 ? "" : ", step 1/" + (1L << h));
                LogisticObjective.Result next = eval(trial, lossStride, hs, full ? step.clone() : null);
                double fn = penalized(next, trial);
                if (fn <= f + ARMIJO * t * slope || (last && fn <= f)) {
                    theta = trial;
                    cur = next;
                    curExact = lossStride == 1 && hs == 1;
                    if (next.hess != null) {
                        hess = next.hess;
                    }
                    f = fn;
                    accepted = true;
                    break;
                }
                if (last) {
                    break; // at rounding level: keep the current point
                }
                t *= 0.5;
            }
            it++;
            if (full) {
                iterations = it;
                LOG.debug("newton iteration {}: objective {}, decrement {}, step {}", it, f, -slope, t);
            }
            if (!accepted) {
                converged = last;
                break;
            }
            if (full) {
                objectiveHistory[historySize++] = f;
            }
            if (last) {
                converged = true;
                break;
            }
        }
        if (full) {
            last = cur;
            lastHessExact = curExact;
            lastF = f;
        }
        return theta;
    }

    /**
     * Backtracking (Armijo) along {@code d} from {@code theta} on the full data: step halving until
     * {@code F(theta + t d) <= F + 1e-4 t slope}; on the last step (decrement at tolerance) any
     * non-increase is accepted and no halving is tried. Shared by {@link #lbfgs} and {@link #newtonCg}.
     *
     * <p>Not {@code math.Bfgs}'s line search (issue 18), whose conditions differ: that one enforces the strong Wolfe
     * conditions (sufficient decrease and curvature), expanding the step and zooming on a bracket by cubic
     * interpolation with a gradient at every probe; this one only backtracks from the unit step, which a Newton or
     * Newton-CG direction makes the natural trial, on the Armijo condition alone, accepting a mere non-increase on
     * the last step. Each probe here is a pass over the data (with the phase named for logs and remote jobs and the
     * separation diagnostic's shift), so fewer probes matter more than the curvature test; sharing either would
     * change the logistic golden results.
     */
    private final class LineSearch {
        double t = 1;
        boolean accepted;
        double[] trial;
        final double[] step = new double[q];
        LogisticObjective.Result next;
        double fn;

        LineSearch(double[] theta, double[] d, double f, double slope, boolean lastStep) {
            fn = f;
            String lineSearchName = phase;
            for (int h = 0; h < MAX_HALVINGS; h++) {
                trial = new double[q];
                for (int j = 0; j < q; j++) {
                    step[j] = t * d[j];
                    trial[j] = theta[j] + step[j];
                }
                phase = lineSearchName + (h == 0 ? "" : ", step 1/" + (1L << h));
                next = eval(trial, 1, 0, step.clone());
                fn = penalized(next, trial);
                if (fn <= f + ARMIJO * t * slope || (lastStep && fn <= f)) {
                    accepted = true;
                    return;
                }
                if (lastStep) {
                    return;
                }
                t *= 0.5;
            }
        }
    }

    /** Limited-memory BFGS with backtracking (Armijo) line search. */
    double[] lbfgs(double[] theta0) {
        double[] theta = theta0.clone();
        phase = "L-BFGS iteration 0";
        LogisticObjective.Result cur = eval(theta, 1, 0, null);
        double f = penalized(cur, theta);
        objectiveHistory[historySize++] = f;
        double[][] sMem = new double[LBFGS_MEMORY][];
        double[][] yMem = new double[LBFGS_MEMORY][];
        double[] rho = new double[LBFGS_MEMORY];
        int stored = 0;
        int head = 0;
        double[] h0 = new double[q];
        for (int j = 0; j < q; j++) {
            h0[j] = 1.0 / (0.25 * loss.weightSum + penalty[j]);
        }
        double gamma = 1;
        for (int it = 0; it < maxIterations; it++) {
            double[] d = cur.grad.clone();
            double[] alpha = new double[LBFGS_MEMORY];
            for (int m = 0; m < stored; m++) {
                int k = Math.floorMod(head - 1 - m, LBFGS_MEMORY);
                double a = rho[k] * dot(sMem[k], d);
                alpha[k] = a;
                axpy(-a, yMem[k], d);
            }
            for (int j = 0; j < q; j++) {
                d[j] *= stored == 0 ? h0[j] : gamma;
            }
            for (int m = stored - 1; m >= 0; m--) {
                int k = Math.floorMod(head - 1 - m, LBFGS_MEMORY);
                double b = rho[k] * dot(yMem[k], d);
                axpy(alpha[k] - b, sMem[k], d);
            }
            for (int j = 0; j < q; j++) {
                d[j] = -d[j];
            }
            double slope = dot(cur.grad, d);
            if (!(slope < 0)) {
                stored = 0;
                for (int j = 0; j < q; j++) {
                    d[j] = -h0[j] * cur.grad[j];
                }
                slope = dot(cur.grad, d);
            }
            boolean lastStep = -slope / 2 <= tolerance * (1 + Math.abs(f));
            phase = "L-BFGS iteration " + (it + 1);
            LineSearch ls = new LineSearch(theta, d, f, slope, lastStep);
            iterations = it + 1;
            LOG.debug("lbfgs iteration {}: objective {}, decrement {}, step {}", iterations, ls.fn, -slope, ls.t);
            if (!ls.accepted) {
                converged = lastStep;
                break;
            }
            double[] step = ls.step;
            double[] trial = ls.trial;
            LogisticObjective.Result next = ls.next;
            double fn = ls.fn;
            double[] yv = new double[q];
            for (int j = 0; j < q; j++) {
                yv[j] = next.grad[j] - cur.grad[j];
            }
            double sy = dot(step, yv);
            if (sy > 1e-12 * Math.sqrt(dot(step, step) * dot(yv, yv))) {
                sMem[head] = step.clone();
                yMem[head] = yv;
                rho[head] = 1 / sy;
                head = (head + 1) % LBFGS_MEMORY;
                stored = Math.min(stored + 1, LBFGS_MEMORY);
                gamma = sy / dot(yv, yv);
            }
            theta = trial;
            cur = next;
            f = fn;
            objectiveHistory[historySize++] = f;
            if (lastStep) {
                converged = true;
                break;
            }
        }
        last = cur;
        lastHessExact = false;
        lastF = f;
        return theta;
    }

    /**
     * Solves {@code H delta = -g} by Cholesky (EJML). On the first unpenalized iteration a small pivot means
     * linearly dependent columns and is reported by name; later it means separation (null).
     */
    private double[] solve(double[] hess, double[] grad, boolean firstUnpenalized) {
        Cholesky chol = Cholesky.factor(hess, q);
        boolean ok = chol != null;
        int bad = Cholesky.firstWeakPivot(hess, q, COLLINEAR);
        if (!ok || bad >= 0) {
            if (firstUnpenalized) {
                int column = Math.max(bad, 1) - 1;
                throw new InvalidDataException("column " + names[column]
                        + ": columns must be linearly independent when l2 = 0, found " + names[column]
                        + " a linear combination of the intercept and the columns before it", -1, names[column],
                        null);
            }
            if (l2 == 0) {
                return null;
            }
            if (!ok) {
                throw new IllegalStateException("penalized Hessian is not positive definite");
            }
        }
        double[] b = new double[q];
        for (int j = 0; j < q; j++) {
            b[j] = -grad[j];
        }
        return chol.solve(b);
    }

    private double[] invert(double[] hess) {
        Cholesky chol = Cholesky.factor(hess, q);
        return chol == null ? null : chol.inverse();
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }
}
