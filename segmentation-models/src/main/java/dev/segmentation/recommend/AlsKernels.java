package dev.segmentation.recommend;

import dev.segmentation.math.Cholesky;
import dev.segmentation.math.Dot;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The arithmetic kernels of {@link ImplicitAls}, as static methods so that the benchmarks time these very methods
 * (the {@code benchmarks} module's {@code AlsKernelBenchmark} is in this package for that) rather than a copy of
 * them. Not public API; not thread-confined (they touch only their arguments).
 */
final class AlsKernels {
    private AlsKernels() {
    }

    /**
     * out[b] = reg[b] v[b] + G v[b] for the n rows of the block v (row-major, k columns), G symmetric k x k: a
     * block x G matrix product, four rows per pass over G. Each output element adds {@code v[b][j] G[j][i]} in
     * increasing j after {@code reg[b] v[b][i]}, whatever the grouping of the rows, so a row's result does not
     * depend on its neighbours. The four rows accumulate in separate arrays {@code t0..t3} (k each) so that the
     * JIT vectorizes the inner loop.
     */
    static void multiply(double[] g, double[] v, double[] reg, int n, int k, double[] out, double[] t0,
            double[] t1, double[] t2, double[] t3) {
        int b = 0;
        for (; b + 4 <= n; b += 4) {
            int o0 = b * k;
            int o1 = o0 + k;
            int o2 = o1 + k;
            int o3 = o2 + k;
            double r0 = reg[b];
            double r1 = reg[b + 1];
            double r2 = reg[b + 2];
            double r3 = reg[b + 3];
            for (int i = 0; i < k; i++) {
                t0[i] = r0 * v[o0 + i];
                t1[i] = r1 * v[o1 + i];
                t2[i] = r2 * v[o2 + i];
                t3[i] = r3 * v[o3 + i];
            }
            for (int j = 0; j < k; j++) {
                double v0 = v[o0 + j];
                double v1 = v[o1 + j];
                double v2 = v[o2 + j];
                double v3 = v[o3 + j];
                int gj = j * k;
                for (int i = 0; i < k; i++) {
                    double gv = g[gj + i];
                    t0[i] += v0 * gv;
                    t1[i] += v1 * gv;
                    t2[i] += v2 * gv;
                    t3[i] += v3 * gv;
                }
            }
            System.arraycopy(t0, 0, out, o0, k);
            System.arraycopy(t1, 0, out, o1, k);
            System.arraycopy(t2, 0, out, o2, k);
            System.arraycopy(t3, 0, out, o3, k);
        }
        for (; b < n; b++) {
            int o = b * k;
            double rb = reg[b];
            for (int i = 0; i < k; i++) {
                t0[i] = rb * v[o + i];
            }
            for (int j = 0; j < k; j++) {
                double vj = v[o + j];
                int gj = j * k;
                for (int i = 0; i < k; i++) {
                    t0[i] += vj * g[gj + i];
                }
            }
            System.arraycopy(t0, 0, out, o, k);
        }
    }

    /**
     * The entries of the compressed rows {@code [from, to)} ({@code ptr}, {@code idx}, {@code val}) against the
     * rows of {@code v}: for each entry (o, u) with weight r, s = f_o . v_u and coef = c - (c - 1) s with
     * c = 1 + alpha r ({@code residual} true: the part of a conjugate-gradient residual that the entries make)
     * or alpha r s (the entries' part of a product with the row's matrix); acc_u += coef f_o. Each row f_o is
     * read once for all its entries; the acc rows are added to in entry order.
     */
    static void entries(int[] ptr, int[] idx, double[] val, int from, int to, double[] f, double[] v, int k,
            double alpha, boolean residual, double[] acc) {
        for (int o = from; o < to; o++) {
            int fo = o * k;
            for (int q = ptr[o]; q < ptr[o + 1]; q++) {
                int vo = idx[q] * k;
                double s = Dot.product(f, fo, v, vo, k);
                double coef;
                if (residual) {
                    double c = 1.0 + alpha * val[q];
                    coef = c - (c - 1.0) * s;
                } else {
                    coef = alpha * val[q] * s;
                }
                for (int i = 0; i < k; i++) {
                    acc[vo + i] += coef * f[fo + i];
                }
            }
        }
    }

    /**
     * The eigen-decomposition of the symmetric k x k matrix g (row-major), G = Q diag(lambda) Q^T, by EJML's
     * symmetric QR algorithm (deterministic: the same g gives the same Q and lambda). Returns {Q, lambda}, Q
     * row-major with the orthonormal eigenvectors as columns, or null when the decomposition fails (g not finite).
     */
    static double[][] eigen(double[] g, int k) {
        for (double v : g) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> e = DecompositionFactory_DDRM.eig(k, true, true);
        if (!e.decompose(new DMatrixRMaj(k, k, true, g.clone()))) {
            return null;
        }
        double[] q = new double[k * k];
        double[] lambda = new double[k];
        for (int j = 0; j < k; j++) {
            DMatrixRMaj v = e.getEigenVector(j);
            if (v == null) {
                return null;
            }
            lambda[j] = e.getEigenvalue(j).real;
            for (int i = 0; i < k; i++) {
                q[i * k + j] = v.get(i, 0);
            }
        }
        return new double[][] {q, lambda};
    }
    /**
     * yq = y Q for the rows {@code [from, to)} of y (yq zero there on entry) (row-major, k columns), Q k x k row-major: the rows of y in the
     * eigenvector basis of {@link #eigen}.
     */
    static void turned(double[] y, int from, int to, double[] q, int k, double[] yq) {
        for (int j = from; j < to; j++) {
            int o = j * k;
            for (int a = 0; a < k; a++) {
                double ya = y[o + a];
                int qa = a * k;
                for (int i = 0; i < k; i++) {
                    yq[o + i] += ya * q[qa + i];
                }
            }
        }
    }

    /**
     * w_j = B y_j for the rows {@code [from, to)}, B = (G + reg I)^-1 = Q diag(1 / (lambda + reg)) Q^T, from yq = y Q
     * ({@link #turned}): w_j = (yq_j / (lambda + reg)) Q^T. 2 k^2 flops per row.
     */
    static void inverseRows(double[] yq, int from, int to, double[] q, double[] lambda, double reg, int k,
            double[] w) {
        double[] t = new double[k];
        for (int j = from; j < to; j++) {
            int o = j * k;
            for (int i = 0; i < k; i++) {
                t[i] = yq[o + i] / (lambda[i] + reg);
            }
            for (int a = 0; a < k; a++) {
                int qa = a * k;
                double sum = 0.0;
                for (int i = 0; i < k; i++) {
                    sum += q[qa + i] * t[i];
                }
                w[o + a] = sum;
            }
        }
    }

    /**
     * The exact solution of one row's normal equations {@code (G + reg I + Y^T D Y) x = Y^T c} by the Woodbury
     * identity, for a row of n entries (columns {@code idx[s..e)}, weights {@code val}, {@code D = diag(alpha r)},
     * {@code c = 1 + alpha r}): with {@code B = (G + reg I)^-1}, {@code x = B Y^T z} where
     * {@code (D^-1 + Y B Y^T) z = D^-1 c}, an n x n system ({@link Cholesky#decomposeByRows}, in place in
     * {@code m}) instead of a k x k one. {@code w} holds the rows {@code B y_j} ({@link #inverseRows});
     * {@code Y B Y^T} is read from {@code table} ({@code others x others}, row-major) when it is not null, else
     * computed as {@code y_a . w_b}.
     * x = sum_a z_a w_(idx a) is written to {@code out[off..off+k)}. Returns false, writing nothing, when a
     * pivot is not positive or z not finite (rounding on an ill-conditioned row, a weight so small that
     * 1 / (alpha r) overflows): the caller then solves the row another way.
     */
    static boolean woodbury(int[] idx, double[] val, int s, int e, double[] y, double[] w, double[] table,
            int others, int k, double alpha, double[] m, double[] z, double[] out, int off) {
        int n = e - s;
        for (int a = 0; a < n; a++) {
            int ja = idx[s + a];
            int ma = a * n;
            for (int b = 0; b <= a; b++) {
                int jb = idx[s + b];
                m[ma + b] = table != null ? table[ja * others + jb] : Dot.product(y, ja * k, w, jb * k, k);
            }
            double d = alpha * val[s + a];
            m[ma + a] += 1.0 / d;
            z[a] = (1.0 + d) / d;
        }
        // Cholesky-Banachiewicz in place, the inner products with four partial sums (so that the adds do not wait
        // on each other: the single-sum form was a third of this method's time); math.Cholesky#decompose's
        // one-by-one subtraction order would change the default (Woodbury) fits, by up to 2.6e-9 of the factors'
        // scale after 5 iterations on the test matrices (measured for issue 18).
        if (!Cholesky.decomposeByRows(m, n) || !Cholesky.solveByRows(m, n, z)) {
            return false;
        }
        Arrays.fill(out, off, off + k, 0.0);
        for (int a = 0; a < n; a++) {
            double za = z[a];
            int wa = idx[s + a] * k;
            for (int i = 0; i < k; i++) {
                out[off + i] += za * w[wa + i];
            }
        }
        return true;
    }
}
