package dev.segmentation.churn;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The mergeable statistics of one data pass of a dense {@link LogisticRegression} fit: the partition seam of the
 * logistic trainer. Over the rows of a chunk, at the point of a {@link LogisticPass}, it holds the weighted loss
 * {@code sum_i w_i [log(1 + exp(eta_i)) - y_i eta_i]}, the raw gradient sums {@code sum_i r_i} and
 * {@code sum_i r_i x_ij} with {@code r_i = w_i (p_i - y_i)}, and (when the pass asks for it) the Hessian
 * {@code sum_i w_i p_i (1 - p_i) z_i z_i^T} on standardized columns {@code z_i} with a leading 1 (McCullagh and
 * Nelder 1989, section 4.4), plus the counters of the separation diagnostic. The solver centres and scales the
 * merged gradient and applies the penalty on the driver.
 *
 * <h2>How to use it on partitions</h2>
 * <pre>{@code
 * // every chunk of rows [firstRow, firstRow + rows), with the solver's pass:
 * LogisticStats part = LogisticStats.accumulate(pass, x, y, pass.rowWeights(y, sampleWeights), 0, firstRow, rows);
 * // the driver, in a fixed order (by chunk):
 * LogisticStats total = LogisticStats.empty(pass);
 * for (LogisticStats s : parts) total.merge(s);
 * }</pre>
 * A source of such chunks is a {@link LogisticChunks}; {@link LogisticRegression#fit(LogisticChunks, String)} runs the
 * ordinary solvers on it. The single-JVM {@link LogisticRegression#fit(dev.segmentation.features.FeatureMatrix,
 * int[], double[]) fit} runs this same seam over fixed chunks of {@value #CHUNK_ROWS} rows merged in chunk order.
 * A chunk must start at a multiple of {@value #BLOCK} rows (the sub-sampling unit); its size is otherwise free.
 *
 * <p>{@link #merge} is associative and commutative up to floating-point rounding of the sums (the extreme-row
 * count exactly; the largest shift is a maximum, exact); merged in a fixed order the result is reproducible bit
 * for bit, and {@link #empty} is the identity. Mutable and not thread-safe: one instance per chunk; merge
 * modifies this instance. Serializable as a transport between JVMs of the same library version, not a storage
 * format.
 */
public final class LogisticStats implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Rows per chunk of the single-JVM fit: the unit of its work and of its deterministic reduction. */
    public static final int CHUNK_ROWS = 8192;
    /** Rows per sub-sampling and standardization block; chunks start at multiples of it. */
    public static final int BLOCK = 64;
    /** A fitted probability this close to its label marks a row as perfectly fitted (separation check). */
    static final double EXTREME = 1e-4;

    /** The weighted loss. */
    double loss;
    /** The raw gradient sums. */
    final double[] grad;
    /** The Hessian's lower 4 x 4 tiles, qp x qp row-major (qp = q rounded up to 4), or null. */
    final double[] hess;
    /** The Hessian tile stride. */
    final int qp;
    /** Rows fitted within 1e-4 of their label. */
    long extremeRows;
    /** The largest predictor shift of such a row. */
    double maxExtremeShift;

    LogisticStats(int q, boolean hessian) {
        this.qp = (q + 3) & ~3;
        this.grad = new double[q];
        this.hess = hessian ? new double[qp * qp] : null;
    }

    /**
     * Returns the identity of {@link #merge} for a pass.
     *
     * @param pass the pass; not null
     * @return zero statistics of the pass's shape
     */
    public static LogisticStats empty(LogisticPass pass) {
        return new LogisticStats(pass.columns() + 1, pass.hessian());
    }

    /**
     * Merges another chunk's statistics into this one (the sums add, the largest shift is kept).
     *
     * @param other statistics of the same pass; not null, not modified
     * @return this instance
     * @throws IllegalArgumentException if the shapes differ
     */
    public LogisticStats merge(LogisticStats other) {
        if (other.grad.length != grad.length || (other.hess == null) != (hess == null)) {
            throw new IllegalArgumentException("other must have " + grad.length + " coefficients and "
                    + (hess == null ? "no Hessian" : "a Hessian") + ", found " + other.grad.length + " and "
                    + (other.hess == null ? "no Hessian" : "a Hessian"));
        }
        loss += other.loss;
        for (int j = 0; j < grad.length; j++) {
            grad[j] += other.grad[j];
        }
        if (hess != null) {
            for (int j = 0; j < hess.length; j++) {
                hess[j] += other.hess[j];
            }
        }
        extremeRows += other.extremeRows;
        maxExtremeShift = Math.max(maxExtremeShift, other.maxExtremeShift);
        return this;
    }

    /**
     * Returns the weighted loss of the rows (not scaled by the pass's stride).
     *
     * @return the loss
     */
    public double loss() {
        return loss;
    }

    /**
     * Returns the raw gradient sums: {@code sum_i r_i}, then {@code sum_i r_i x_ij} per column.
     *
     * @return a copy, length columns + 1
     */
    public double[] gradientSums() {
        return grad.clone();
    }

    /**
     * Returns the Hessian on standardized columns (intercept first), full symmetric, row-major.
     *
     * @return a new (columns + 1) x (columns + 1) array, or null if the pass formed no Hessian
     */
    public double[] hessian() {
        if (hess == null) {
            return null;
        }
        int q = grad.length;
        double[] h = new double[q * q];
        for (int j = 0; j < q; j++) {
            for (int k = 0; k <= j; k++) {
                h[j * q + k] = hess[j * qp + k];
                h[k * q + j] = hess[j * qp + k];
            }
        }
        return h;
    }

    /**
     * Returns the number of rows fitted within 1e-4 of their label (separation diagnostic; only when the pass
     * carries a step).
     *
     * @return the count
     */
    public long extremeRows() {
        return extremeRows;
    }

    /**
     * Returns the largest change of the linear predictor of such a row under the pass's step.
     *
     * @return the shift, {@code >= 0}
     */
    public double maxExtremeShift() {
        return maxExtremeShift;
    }

    /**
     * Accumulates the rows of one chunk at the point of a pass. Row {@code r} of the chunk (global row
     * {@code firstRow + r}) is {@code x[(offset + r) * p ..]}, its label {@code y[offset + r]} and its weight
     * {@code w[offset + r]}. The loss and the gradient read the rows in place, with the coefficients mapped to
     * the original scale ({@code eta = b + sum_j beta_j x_ij}); rows that enter the Hessian are standardized into
     * a small block first, so the Hessian is formed on centred columns.
     *
     * @param pass the pass; not null
     * @param x the rows, row-major with {@code p = pass.columns()} values per row, finite; not modified
     * @param y the labels, 0 or 1; not modified
     * @param w the row weights ({@link LogisticPass#rowWeights}), or null for 1; not modified
     * @param offset the array index of the chunk's first row
     * @param firstRow the global row number of the chunk's first row, a multiple of {@value #BLOCK}
     * @param rows the chunk's rows, {@code >= 0}
     * @return the chunk's statistics
     * @throws IllegalArgumentException if firstRow is not a multiple of {@value #BLOCK} or is negative
     */
    public static LogisticStats accumulate(LogisticPass pass, double[] x, byte[] y, double[] w, int offset,
            long firstRow, int rows) {
        if (firstRow < 0 || firstRow % BLOCK != 0) {
            throw new IllegalArgumentException("firstRow must be a non-negative multiple of " + BLOCK + ", found "
                    + firstRow);
        }
        int p = pass.columns();
        int q = p + 1;
        boolean hessian = pass.hessStride > 0;
        LogisticStats st = new LogisticStats(q, hessian);
        int qp = st.qp;
        double[] mu = pass.mean;
        double[] invSd = pass.invSd;
        double[] theta = pass.theta;
        double[] beta = new double[p];
        double b0 = theta[0];
        for (int j = 0; j < p; j++) {
            beta[j] = theta[j + 1] * invSd[j];
            b0 -= beta[j] * mu[j];
        }
        double[] shiftBeta = null;
        double shift0 = 0;
        if (pass.shift != null) {
            shiftBeta = new double[p];
            shift0 = pass.shift[0];
            for (int j = 0; j < p; j++) {
                shiftBeta[j] = pass.shift[j + 1] * invSd[j];
                shift0 -= shiftBeta[j] * mu[j];
            }
        }
        double[] ah = hessian ? new double[BLOCK * qp] : null;
        double[] sh = hessian ? new double[BLOCK * qp] : null;
        double[] eta = new double[BLOCK];
        double[] res = new double[BLOCK];
        double[] hw = new double[BLOCK];
        double[] g = st.grad;
        int stride = pass.lossStride;
        for (int local = 0; local < rows; local += BLOCK) {
            long block = (firstRow + local) / BLOCK;
            if (block % stride != 0) {
                continue;
            }
            int start = offset + local;
            int n = Math.min(BLOCK, rows - local);
            linearPredictor(x, p, start * p, n, b0, beta, eta);
            for (int r = 0; r < n; r++) {
                int i = start + r;
                double wi = w == null ? 1.0 : w[i];
                double e = eta[r];
                double ex = Math.exp(-Math.abs(e));
                double l1p = ex < 1e-5 ? ex * (1 - ex * (0.5 - ex / 3)) : Math.log(1 + ex);
                double yi = y[i];
                double inv = 1 / (1 + ex);
                double prob = (e >= 0 ? 1 : ex) * inv;
                // softplus(e) - y e, written so that neither branch overflows
                st.loss += wi * (Math.max(e, 0) + l1p - yi * e);
                res[r] = wi * (prob - yi);
                hw[r] = wi * ex * inv * inv;
                if (shiftBeta != null && wi > 0 && Math.abs(prob - yi) < EXTREME) {
                    st.extremeRows++;
                    double moved = Math.abs(shift0 + dot(x, i * p, shiftBeta, p));
                    st.maxExtremeShift = Math.max(st.maxExtremeShift, moved);
                }
            }
            gradient(x, p, start * p, n, res, g);
            if (hessian && block % pass.hessStride == 0) {
                for (int r = 0; r < n; r++) {
                    int xo = (start + r) * p;
                    int oh = r * qp;
                    double hr = hw[r];
                    ah[oh] = 1.0;
                    sh[oh] = hr;
                    for (int j = 0; j < p; j++) {
                        double v = (x[xo + j] - mu[j]) * invSd[j];
                        ah[oh + 1 + j] = v;
                        sh[oh + 1 + j] = v * hr;
                    }
                }
                symmetricUpdate(ah, sh, n, qp, st.hess);
            }
        }
        return st;
    }

    /** {@code eta[r] = b0 + x_r . beta} for rows at {@code base + r * p}, four rows at a time. */
    private static void linearPredictor(double[] x, int p, int base, int rows, double b0, double[] beta,
            double[] eta) {
        int step = p;
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int o0 = base + r * step;
            int o1 = o0 + step;
            int o2 = o1 + step;
            int o3 = o2 + step;
            double e0 = b0;
            double e1 = b0;
            double e2 = b0;
            double e3 = b0;
            for (int j = 0; j < p; j++) {
                double bj = beta[j];
                e0 += x[o0 + j] * bj;
                e1 += x[o1 + j] * bj;
                e2 += x[o2 + j] * bj;
                e3 += x[o3 + j] * bj;
            }
            eta[r] = e0;
            eta[r + 1] = e1;
            eta[r + 2] = e2;
            eta[r + 3] = e3;
        }
        for (; r < rows; r++) {
            eta[r] = b0 + dot(x, base + r * step, beta, p);
        }
    }

    /** Adds {@code sum_r res[r]} and {@code sum_r res[r] x_rj} to {@code g}, four columns at a time. */
    private static void gradient(double[] x, int p, int base, int rows, double[] res, double[] g) {
        int step = p;
        double s = 0;
        for (int r = 0; r < rows; r++) {
            s += res[r];
        }
        g[0] += s;
        int j = 0;
        for (; j + 4 <= p; j += 4) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int r = 0, o = base + j; r < rows; r++, o += step) {
                double rr = res[r];
                s0 += rr * x[o];
                s1 += rr * x[o + 1];
                s2 += rr * x[o + 2];
                s3 += rr * x[o + 3];
            }
            g[j + 1] += s0;
            g[j + 2] += s1;
            g[j + 3] += s2;
            g[j + 4] += s3;
        }
        for (; j < p; j++) {
            double s0 = 0;
            for (int r = 0, o = base + j; r < rows; r++, o += step) {
                s0 += res[r] * x[o];
            }
            g[j + 1] += s0;
        }
    }

    /** {@code sum_j a[offset + j] * b[j]} over {@code j < len}, with two accumulators. */
    static double dot(double[] a, int offset, double[] b, int len) {
        double s0 = 0;
        double s1 = 0;
        int j = 0;
        for (; j + 1 < len; j += 2) {
            s0 += a[offset + j] * b[j];
            s1 += a[offset + j + 1] * b[j + 1];
        }
        if (j < len) {
            s0 += a[offset + j] * b[j];
        }
        return s0 + s1;
    }

    /**
     * Adds {@code S^T A} over a block to the lower-triangular 4 x 4 tiles of {@code h} (qp x qp, row-major),
     * with sixteen independent fused multiply-add chains per tile so that the loop is throughput-bound.
     */
    private static void symmetricUpdate(double[] a, double[] s, int rows, int qp, double[] h) {
        for (int j = 0; j < qp; j += 4) {
            for (int k = 0; k <= j; k += 4) {
                double c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
                double c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
                for (int r = 0, o = 0; r < rows; r++, o += qp) {
                    double x0 = s[o + j], x1 = s[o + j + 1], x2 = s[o + j + 2], x3 = s[o + j + 3];
                    double y0 = a[o + k], y1 = a[o + k + 1], y2 = a[o + k + 2], y3 = a[o + k + 3];
                    c00 = Math.fma(x0, y0, c00);
                    c01 = Math.fma(x0, y1, c01);
                    c02 = Math.fma(x0, y2, c02);
                    c03 = Math.fma(x0, y3, c03);
                    c10 = Math.fma(x1, y0, c10);
                    c11 = Math.fma(x1, y1, c11);
                    c12 = Math.fma(x1, y2, c12);
                    c13 = Math.fma(x1, y3, c13);
                    c20 = Math.fma(x2, y0, c20);
                    c21 = Math.fma(x2, y1, c21);
                    c22 = Math.fma(x2, y2, c22);
                    c23 = Math.fma(x2, y3, c23);
                    c30 = Math.fma(x3, y0, c30);
                    c31 = Math.fma(x3, y1, c31);
                    c32 = Math.fma(x3, y2, c32);
                    c33 = Math.fma(x3, y3, c33);
                }
                int o = j * qp + k;
                h[o] += c00;
                h[o + 1] += c01;
                h[o + 2] += c02;
                h[o + 3] += c03;
                o += qp;
                h[o] += c10;
                h[o + 1] += c11;
                h[o + 2] += c12;
                h[o + 3] += c13;
                o += qp;
                h[o] += c20;
                h[o + 1] += c21;
                h[o + 2] += c22;
                h[o + 3] += c23;
                o += qp;
                h[o] += c30;
                h[o + 1] += c31;
                h[o + 2] += c32;
                h[o + 3] += c33;
            }
        }
    }

    /**
     * Compares the sums bit for bit (for tests of reproducibility).
     *
     * @param o the other object
     * @return true if every sum and counter has the same bits
     */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LogisticStats s)) {
            return false;
        }
        return Double.doubleToLongBits(loss) == Double.doubleToLongBits(s.loss) && Arrays.equals(grad, s.grad)
                && Arrays.equals(hess, s.hess) && extremeRows == s.extremeRows
                && Double.doubleToLongBits(maxExtremeShift) == Double.doubleToLongBits(s.maxExtremeShift);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(loss) * 31 + Arrays.hashCode(grad);
    }
}
