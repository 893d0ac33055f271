package dev.segmentation.math;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The Cholesky factorization {@code A = L L^T} of a symmetric positive-definite matrix, the library's one
 * Cholesky, in two forms. The instance form ({@link #factor}, through EJML) serves logistic regression's Newton
 * steps and covariance and the Gaussian mixtures' precisions. The static in-place kernels ({@link #decompose},
 * {@link #forward}, {@link #backward}; {@link #lower} with checked input) are the library's own textbook
 * recurrence, bit-identical to the hand-written factorizations they replaced in the CLV fitters' Newton
 * polish and standard errors and in implicit ALS's exact solves; EJML's would differ there in the last bits. A
 * second in-place kernel ({@link #decomposeByRows}, {@link #solveByRows}) takes each entry's inner product with
 * four partial sums: implicit ALS's Woodbury solve, whose results it keeps bit for bit.
 *
 * <p>Matrices are dense, row-major {@code double[n * n]}; only the lower triangle of {@code A} is read. The
 * instance form runs through EJML ({@code DecompositionFactory_DDRM.chol} for the factor,
 * {@code LinearSolverFactory_DDRM.chol} for solves and the inverse), so its results match EJML's own to the bit;
 * the static kernels do not call EJML. Cost: {@code n^3 / 3} multiply-adds to factor, {@code n^2} per solve.
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
     * Factors a square symmetric positive-definite matrix by the textbook recurrence
     * ({@link #decompose}), with checked input: the allocating form of the in-place kernel.
     *
     * @param a the {@code n x n} matrix as {@code n} rows of length n; only the lower triangle is read. Not
     *     modified.
     * @return L, lower-triangular, row-major {@code n x n} (zeros above the diagonal)
     * @throws IllegalArgumentException if {@code a} is empty or not square
     *     ({@code "a must be square, found 3 rows and row 2 of length 2"}), or not positive definite
     *     ({@code "a must be positive definite, found pivot -3.0 at row 2"}, 1-based)
     */
    public static double[] lower(double[][] a) {
        int n = a.length;
        if (n == 0) {
            throw new IllegalArgumentException("a must be square with at least one row, found 0 rows");
        }
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException(
                        "a must be square, found " + n + " rows and row " + (i + 1) + " of length " + a[i].length);
            }
            System.arraycopy(a[i], 0, l, i * n, i + 1);
        }
        double[] column = new double[n];
        int bad = decompose(l, n, column);
        if (bad >= 0) {
            throw new IllegalArgumentException(
                    "a must be positive definite, found pivot " + column[0] + " at row " + (bad + 1));
        }
        return l;
    }

    /**
     * Solves {@code A x = b} for a small symmetric positive-definite A by {@link #decompose}, {@link #forward} and
     * {@link #backward} (the Newton steps of the CLV fitters, a {@link Bfgs.SpdSolver}).
     *
     * @param a the {@code n x n} matrix as n rows of length {@code >= n}; only the lower triangle is read. Not
     *     modified.
     * @param b the right-hand side, length n. Not modified.
     * @return a new array x, or null if {@code a} is not positive definite
     */
    public static double[] solveSpd(double[][] a, double[] b) {
        int n = b.length;
        double[] l = copyLower(a, n);
        if (decompose(l, n, new double[Math.max(n, 1)]) >= 0) {
            return null;
        }
        double[] x = new double[n];
        forward(l, n, b, x);
        backward(l, n, x, x, 0);
        return x;
    }

    /**
     * Returns {@code A^-1} for a small symmetric positive-definite A, column by column from one factorization
     * ({@link #decompose}).
     *
     * @param a the {@code n x n} matrix as n rows of length {@code >= n}; only the lower triangle is read. Not
     *     modified.
     * @return a new {@code n x n} array, or null if {@code a} is not positive definite
     */
    public static double[][] inverseSpd(double[][] a) {
        int n = a.length;
        double[] l = copyLower(a, n);
        if (decompose(l, n, new double[Math.max(n, 1)]) >= 0) {
            return null;
        }
        double[][] inv = new double[n][n];
        double[] col = new double[n];
        for (int j = 0; j < n; j++) {
            java.util.Arrays.fill(col, 0.0);
            col[j] = 1;
            forward(l, n, col, col);
            backward(l, n, col, col, 0);
            for (int i = 0; i < n; i++) {
                inv[i][j] = col[i];
            }
        }
        return inv;
    }

    private static double[] copyLower(double[][] a, int n) {
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, l, i * n, i + 1);
        }
        return l;
    }

    /**
     * Expert tier, allocation-free: factors {@code A = L L^T} in place by the textbook recurrence, the
     * right-looking (outer-product) form of Golub and Van Loan, algorithm 4.2.2. Each entry is reduced as
     * {@code l_ij = (a_ij - l_i0 l_j0 - l_i1 l_j1 - ... ) / l_jj}, the products subtracted one by one in column
     * order, which is bit for bit the row-by-row (Cholesky-Banachiewicz) order; it differs from EJML in the last
     * bits (EJML multiplies by {@code 1 / l_jj} and switches to a blocked form for large n), which is why the
     * small fixed-size solves of the CLV fitters and implicit ALS use this kernel and not {@link #factor}. The
     * trailing updates are contiguous axpy loops that the JIT vectorizes. Cost: {@code n^3 / 3} multiply-adds.
     *
     * @param a the {@code n x n} matrix, row-major; its lower triangle is read and overwritten by L. The upper
     *     triangle is neither read nor written. Modified.
     * @param n the order, {@code >= 1}
     * @param column scratch of length {@code >= n}; on failure {@code column[0]} holds the failed pivot.
     *     Modified.
     * @return -1 on success, else the 0-based index of the first pivot that is not finite and {@code > 0}
     *     ({@code a} is then partly overwritten)
     */
    public static int decompose(double[] a, int n, double[] column) {
        for (int j = 0; j < n; j++) {
            double p = a[j * n + j];
            if (!(p > 0) || !Double.isFinite(p)) {
                column[0] = p;
                return j;
            }
            double d = Math.sqrt(p);
            a[j * n + j] = d;
            for (int i = j + 1; i < n; i++) {
                double l = a[i * n + j] / d;
                a[i * n + j] = l;
                column[i] = l;
            }
            for (int i = j + 1; i < n; i++) {
                double l = column[i];
                int ai = i * n;
                for (int t = j + 1; t <= i; t++) {
                    a[ai + t] -= l * column[t];
                }
            }
        }
        return -1;
    }

    /**
     * Expert tier, allocation-free: factors {@code A = L L^T} in place row by row (Cholesky-Banachiewicz),
     * {@code l_ij = (a_ij - sum_{t<j} l_it l_jt) / l_jj}, each inner product taken with four partial sums (terms
     * {@code t = 0, 1, 2, 3 mod 4} summed apart, then added as {@code (s0 + s1) + (s2 + s3)}) so that its adds do not
     * wait on each other. This summation order differs from {@link #decompose}'s one-by-one subtractions, so the
     * two factors differ in the last bits; this kernel is the one of implicit ALS's Woodbury solve (each row's
     * small {@code n x n} system, {@code n <= factors}), whose fits it keeps bit for bit, and its partial sums were
     * worth a third of that solve's time over a single sum. Cost: {@code n^3 / 3} multiply-adds.
     *
     * @param a the {@code n x n} matrix, row-major; its lower triangle is read and overwritten by L. The upper
     *     triangle is neither read nor written. Modified.
     * @param n the order, {@code >= 0}
     * @return true on success; false, {@code a} then partly overwritten, when a pivot is not {@code > 0} (NaN
     *     included; unlike {@link #decompose}, an infinite pivot is not refused here)
     */
    public static boolean decomposeByRows(double[] a, int n) {
        for (int i = 0; i < n; i++) {
            int mi = i * n;
            for (int j = 0; j <= i; j++) {
                int mj = j * n;
                double sum = a[mi + j] - Dot.product(a, mi, a, mj, j);
                if (i == j) {
                    if (!(sum > 0)) {
                        return false;
                    }
                    a[mi + i] = Math.sqrt(sum);
                } else {
                    a[mi + j] = sum / a[mj + j];
                }
            }
        }
        return true;
    }

    /**
     * Expert tier, allocation-free: solves {@code A x = b} in place from {@link #decomposeByRows}'s factor: forward
     * substitution {@code L y = b} with the same four-partial-sum inner products, then back substitution
     * {@code L^T x = y} with one-by-one subtractions.
     *
     * @param l the factor, row-major {@code n x n}; only the lower triangle is read. Not modified.
     * @param n the order
     * @param z on entry the right-hand side b, on return x, length {@code >= n}. Modified.
     * @return true on success; false as soon as an entry of x is not finite (z then partly overwritten)
     */
    public static boolean solveByRows(double[] l, int n, double[] z) {
        for (int i = 0; i < n; i++) {
            int mi = i * n;
            z[i] = (z[i] - Dot.product(l, mi, z, 0, i)) / l[mi + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double sum = z[i];
            for (int t = i + 1; t < n; t++) {
                sum -= l[t * n + i] * z[t];
            }
            z[i] = sum / l[i * n + i];
            if (!Double.isFinite(z[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Expert tier, allocation-free: solves {@code L y = b} by forward substitution, L from {@link #decompose}.
     *
     * @param l the factor, row-major {@code n x n}; only the lower triangle is read. Not modified.
     * @param n the order
     * @param b the right-hand side, length {@code >= n}. Not modified unless it is {@code y}.
     * @param y the solution, length {@code >= n}; may be {@code b} itself. Modified.
     */
    public static void forward(double[] l, int n, double[] b, double[] y) {
        for (int i = 0; i < n; i++) {
            int li = i * n;
            double sum = b[i];
            for (int t = 0; t < i; t++) {
                sum -= l[li + t] * y[t];
            }
            y[i] = sum / l[li + i];
        }
    }

    /**
     * Expert tier, allocation-free: solves {@code L^T x = y} by back substitution, L from {@link #decompose};
     * after {@link #forward} this solves {@code A x = b}.
     *
     * @param l the factor, row-major {@code n x n}; only the lower triangle is read. Not modified.
     * @param n the order
     * @param y the right-hand side, length {@code >= n}. Not modified unless it is {@code x} with
     *     {@code off == 0}.
     * @param x receives the solution in {@code x[off .. off + n)}. Modified.
     * @param off the offset of the solution in {@code x}
     */
    public static void backward(double[] l, int n, double[] y, double[] x, int off) {
        for (int i = n - 1; i >= 0; i--) {
            double sum = y[i];
            for (int t = i + 1; t < n; t++) {
                sum -= l[t * n + i] * x[off + t];
            }
            x[off + i] = sum / l[i * n + i];
        }
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
