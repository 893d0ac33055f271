package dev.segmentation.math;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The Cholesky factorization {@code A = L L^T} of a symmetric positive-definite matrix, the library's one
 * Cholesky: logistic regression's Newton steps and covariance, and the Gaussian mixtures' precisions use it.
 *
 * <p>Matrices are dense, row-major {@code double[n * n]}; only the lower triangle of {@code A} is read. The
 * factorization runs through EJML ({@code DecompositionFactory_DDRM.chol} for the factor,
 * {@code LinearSolverFactory_DDRM.chol} for solves and the inverse), so results match EJML's own to the bit. Cost: {@code n^3 / 3} multiply-adds to factor, {@code n^2} per solve.
 *
 * <p>Instances are immutable after {@link #factor} and safe for concurrent use.
 */
public final class Cholesky {
    private final int n;
    /** A copy of the factored matrix, for EJML's solver. */
    private final double[] a;
    private final double[] lower;

    private Cholesky(int n, double[] a, double[] lower) {
        this.n = n;
        this.a = a;
        this.lower = lower;
    }

    /**
     * Factors a symmetric positive-definite matrix.
     *
     * @param a the {@code n x n} matrix, row-major. Not modified.
     * @param n the order, {@code >= 1}
     * @return the factorization, or null if {@code a} is not positive definite (a pivot is not finite and
     *     {@code > 0})
     * @throws IllegalArgumentException if {@code a.length != n * n}
     */
    public static Cholesky factor(double[] a, int n) {
        if (n < 1 || a.length != (long) n * n) {
            throw new IllegalArgumentException("a must have length n * n = " + (long) n * n + ", found " + a.length);
        }
        CholeskyDecomposition_F64<DMatrixRMaj> dec = DecompositionFactory_DDRM.chol(n, true);
        if (!dec.decompose(new DMatrixRMaj(n, n, true, a))) {
            return null;
        }
        double[] l = dec.getT(null).data;
        for (int j = 0; j < n; j++) {
            double v = l[j * n + j];
            if (!(v > 0) || !Double.isFinite(v)) {
                return null;
            }
        }
        return new Cholesky(n, a.clone(), l);
    }

    /**
     * Returns the order n.
     *
     * @return n
     */
    public int size() {
        return n;
    }

    /**
     * Returns the lower-triangular factor L (zeros above the diagonal).
     *
     * @return a new row-major {@code n x n} array
     */
    public double[] lower() {
        return lower.clone();
    }

    /**
     * Returns {@code L^-1}, lower-triangular (for a Gaussian density: {@code ||L^-1 (x - mu)||^2} is the squared
     * Mahalanobis distance).
     *
     * @return a new row-major {@code n x n} array
     */
    public double[] lowerInverse() {
        double[] inv = lower.clone();
        TriangularSolver_DDRM.invertLower(inv, n);
        return inv;
    }

    /**
     * Returns {@code log det A = 2 sum log L_jj}.
     *
     * @return the log-determinant
     */
    public double logDeterminant() {
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += Math.log(lower[j * n + j]);
        }
        return 2 * s;
    }

    /**
     * Returns the smallest squared pivot {@code min L_jj^2}: the smallest conditional variance of a covariance.
     *
     * @return the smallest squared pivot, {@code > 0}
     */
    public double minPivotSquared() {
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            double v = lower[j * n + j];
            min = Math.min(min, v * v);
        }
        return min;
    }

    /**
     * Solves {@code A x = b}.
     *
     * @param b the right-hand side, length n. Not modified.
     * @return a new array x
     * @throws IllegalArgumentException if {@code b.length != n}
     */
    public double[] solve(double[] b) {
        if (b.length != n) {
            throw new IllegalArgumentException("b must have length " + n + ", found " + b.length);
        }
        DMatrixRMaj out = new DMatrixRMaj(n, 1);
        solver().solve(new DMatrixRMaj(n, 1, true, b), out);
        return out.data;
    }

    /**
     * Returns {@code A^-1}.
     *
     * @return a new row-major {@code n x n} array
     */
    public double[] inverse() {
        DMatrixRMaj inv = new DMatrixRMaj(n, n);
        solver().invert(inv);
        return inv.data;
    }

    /** A new EJML solver on the factored matrix (EJML's solvers keep scratch, so each call has its own). */
    private LinearSolverDense<DMatrixRMaj> solver() {
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(n);
        if (!solver.setA(new DMatrixRMaj(n, n, true, a))) {
            throw new IllegalStateException("matrix must be positive definite, found a failed Cholesky solve");
        }
        return solver;
    }

    /**
     * Returns the first index j whose pivot {@code L_jj^2} is not above {@code relative * A_jj}, or -1: column j
     * is (numerically) a linear combination of the columns before it. Factors by the textbook recurrence, so it
     * also answers for matrices that are not positive definite.
     *
     * @param a the {@code n x n} matrix, row-major. Not modified.
     * @param n the order
     * @param relative the relative pivot threshold, e.g. {@code 1e-10}
     * @return the first weak pivot's index, or -1 if there is none
     */
    public static int firstWeakPivot(double[] a, int n, double relative) {
        double[] l = new double[n * n];
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) {
                d -= l[j * n + k] * l[j * n + k];
            }
            if (!(d > relative * a[j * n + j])) {
                return j;
            }
            double ljj = Math.sqrt(d);
            l[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * n + k] * l[j * n + k];
                }
                l[i * n + j] = s / ljj;
            }
        }
        return -1;
    }
}
