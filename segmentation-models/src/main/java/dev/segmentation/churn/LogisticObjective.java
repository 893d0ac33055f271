package dev.segmentation.churn;

import dev.segmentation.InvalidDataException;
import dev.segmentation.internal.ChunkRunner;

/**
 * The weighted logistic loss, its gradient and (optionally) its Hessian, as sums over fixed chunks of rows:
 * the accumulate/merge seam of the design notes. Works in internally standardized coordinates
 * {@code z_ij = (x_ij - mu_j) / sd_j} (with a leading 1 for the intercept) without copying the data: rows
 * that enter the Hessian are standardized in blocks of {@value #BLOCK} into a small cache-resident buffer.
 *
 * <p>For coefficients {@code theta} (standardized coordinates, intercept first) and row weights
 * {@code w_i}, with {@code eta_i = theta . z_i} and {@code p_i = 1 / (1 + exp(-eta_i))}:
 * loss {@code = sum_i w_i [log(1 + exp(eta_i)) - y_i eta_i]}, gradient {@code = sum_i w_i (p_i - y_i) z_i},
 * Hessian {@code = sum_i w_i p_i (1 - p_i) z_i z_i^T} (McCullagh and Nelder 1989, section 4.4).
 *
 * <p>Chunk boundaries depend only on the row count, and chunk results are merged in chunk order, so a pass
 * gives bit-identical sums with any number of threads.
 */
final class LogisticObjective extends LogisticLoss {
    /** Rows per chunk: the unit of work and of deterministic reduction. */
    static final int CHUNK_ROWS = 8192;
    /** Rows per standardized scratch block (fits in L1 with its scaled copy for d up to about 40). */
    static final int BLOCK = 64;
    /** A fitted probability this close to its label marks a row as perfectly fitted (separation check). */
    static final double EXTREME = 1e-4;

    final int n;
    final int p;
    private final int qp;
    private final double[] x;
    private final byte[] y;
    private final double[] w;
    final double[] mu;
    final double[] invSd;
    final boolean[] constant;
    private final int chunks;

    /** Sufficient statistics of one chunk (or of several, merged). */
    static final class Stats {
        double loss;
        final double[] grad;
        final double[] hess;
        int extremeRows;
        double maxExtremeShift;

        Stats(int q, int qp, boolean hessian) {
            grad = new double[q];
            hess = hessian ? new double[qp * qp] : null;
        }

        void merge(Stats o) {
            loss += o.loss;
            for (int j = 0; j < grad.length; j++) {
                grad[j] += o.grad[j];
            }
            if (hess != null) {
                for (int j = 0; j < hess.length; j++) {
                    hess[j] += o.hess[j];
                }
            }
            extremeRows += o.extremeRows;
            maxExtremeShift = Math.max(maxExtremeShift, o.maxExtremeShift);
        }
    }

    /** What one pass computes. */
    static final class Pass {
        final double[] theta;
        final int lossStride;
        final int hessStride;
        final double[] shift;

        /**
         * @param theta coefficients in standardized coordinates, length q
         * @param lossStride loss and gradient use the blocks of {@value #BLOCK} rows whose index
         *     {@code i / BLOCK} is a multiple of lossStride, scaled by the stride
         * @param hessStride 0 for no Hessian, else the blocks whose index is a multiple of hessStride (itself a
         *     multiple of lossStride), scaled by the stride
         * @param shift a coefficient step for the separation diagnostic, or null
         */
        Pass(double[] theta, int lossStride, int hessStride, double[] shift) {
            this.theta = theta;
            this.lossStride = lossStride;
            this.hessStride = hessStride;
            this.shift = shift;
        }
    }

    /** The result of a pass: loss, gradient and Hessian (full symmetric q x q, row-major) or null. */
    static final class Result {
        final double loss;
        final double[] grad;
        final double[] hess;
        final int extremeRows;
        final double maxExtremeShift;

        Result(double loss, double[] grad, double[] hess, int extremeRows, double maxExtremeShift) {
            this.loss = loss;
            this.grad = grad;
            this.hess = hess;
            this.extremeRows = extremeRows;
            this.maxExtremeShift = maxExtremeShift;
        }
    }

    /**
     * Computes the standardization statistics (weighted by the sample weights) in one chunked pass and checks
     * that every value is finite.
     */
    LogisticObjective(double[] x, int n, int p, byte[] y, double[] rowWeights, double[] sampleWeights,
            String[] names, ChunkRunner runner) {
        super(p + 1, n, y, rowWeights);
        this.x = x;
        this.n = n;
        this.p = p;
        this.qp = (q + 3) & ~3;
        this.y = y;
        this.w = rowWeights;
        this.chunks = (int) (((long) n + CHUNK_ROWS - 1) / CHUNK_ROWS);
        this.mu = new double[p];
        this.invSd = new double[p];
        this.constant = new boolean[p];
        // Per chunk: weight, mean, M2 per column (Chan, Golub and LeVeque 1979 pairwise update).
        double[][] parts = run(runner, c -> moments(c, sampleWeights, names));
        double wsum = 0;
        double[] m2 = new double[p];
        for (double[] part : parts) {
            double wc = part[0];
            if (wc == 0) {
                continue;
            }
            double total = wsum + wc;
            for (int j = 0; j < p; j++) {
                double delta = part[1 + j] - mu[j];
                mu[j] += delta * wc / total;
                m2[j] += part[1 + p + j] + delta * delta * wsum * wc / total;
            }
            wsum = total;
        }
        for (int j = 0; j < p; j++) {
            double var = m2[j] / wsum;
            double sd = Math.sqrt(var);
            // A column is constant when its spread is at rounding level relative to its magnitude.
            constant[j] = !(sd > 1e-13 * Math.max(1.0, Math.abs(mu[j])));
            invSd[j] = constant[j] ? 1.0 : 1.0 / sd;
        }
    }

    /**
     * One chunk's weight, means and centred sums of squares per column: two passes over each block of
     * {@value #BLOCK} rows (in cache), blocks merged with the pairwise update of Chan, Golub and LeVeque.
     */
    private double[] moments(int c, double[] sw, String[] names) {
        int from = c * CHUNK_ROWS;
        int to = (int) Math.min(n, (long) from + CHUNK_ROWS);
        double[] out = new double[1 + 2 * p];
        double[] bMean = new double[p];
        double[] bM2 = new double[p];
        double[] wBlock = new double[BLOCK];
        double wc = 0;
        for (int start = from; start < to; start += BLOCK) {
            int rows = Math.min(BLOCK, to - start);
            double wb = 0;
            for (int r = 0; r < rows; r++) {
                wb += sw == null ? 1.0 : sw[start + r];
            }
            for (int r = 0; r < rows; r++) {
                wBlock[r] = sw == null ? 1.0 : sw[start + r];
            }
            blockMoments(start * p, rows, sw == null, wBlock, wb, bMean, bM2);
            for (int j = 0; j < p; j++) {
                if (!Double.isFinite(bMean[j]) || !Double.isFinite(bM2[j])) {
                    throwNonFinite(start, start + rows, j, names);
                }
            }
            if (wb == 0) {
                continue;
            }
            double total = wc + wb;
            for (int j = 0; j < p; j++) {
                double delta = bMean[j] - out[1 + j];
                out[1 + j] += delta * wb / total;
                out[1 + p + j] += bM2[j] + delta * delta * wc * wb / total;
            }
            wc = total;
        }
        out[0] = wc;
        return out;
    }

    /**
     * Weighted mean and centred sum of squares of each column over one block of rows (two passes over data in
     * cache), four columns at a time so that the sums form independent chains.
     */
    private void blockMoments(int base, int rows, boolean unit, double[] wr, double wb, double[] mean,
            double[] m2) {
        int j = unit ? unitBlockMoments(base, rows, mean, m2) : 0;
        for (; j + 4 <= p; j += 4) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int r = 0, o = base + j; r < rows; r++, o += p) {
                double wi = wr[r];
                s0 += wi * x[o];
                s1 += wi * x[o + 1];
                s2 += wi * x[o + 2];
                s3 += wi * x[o + 3];
            }
            double m0 = wb == 0 ? 0 : s0 / wb;
            double m1 = wb == 0 ? 0 : s1 / wb;
            double mm2 = wb == 0 ? 0 : s2 / wb;
            double m3 = wb == 0 ? 0 : s3 / wb;
            double q0 = 0;
            double q1 = 0;
            double q2 = 0;
            double q3 = 0;
            for (int r = 0, o = base + j; r < rows; r++, o += p) {
                double wi = wr[r];
                double d0 = x[o] - m0;
                double d1 = x[o + 1] - m1;
                double d2 = x[o + 2] - mm2;
                double d3 = x[o + 3] - m3;
                q0 += wi * d0 * d0;
                q1 += wi * d1 * d1;
                q2 += wi * d2 * d2;
                q3 += wi * d3 * d3;
            }
            mean[j] = m0;
            mean[j + 1] = m1;
            mean[j + 2] = mm2;
            mean[j + 3] = m3;
            m2[j] = q0;
            m2[j + 1] = q1;
            m2[j + 2] = q2;
            m2[j + 3] = q3;
        }
        for (; j < p; j++) {
            double s0 = 0;
            for (int r = 0, o = base + j; r < rows; r++, o += p) {
                s0 += wr[r] * x[o];
            }
            double m0 = wb == 0 ? 0 : s0 / wb;
            double q0 = 0;
            for (int r = 0, o = base + j; r < rows; r++, o += p) {
                double d0 = x[o] - m0;
                q0 += wr[r] * d0 * d0;
            }
            mean[j] = m0;
            m2[j] = q0;
        }
    }

    /** {@link #blockMoments} for unit weights, eight independent sums at a time; returns the columns done. */
    private int unitBlockMoments(int base, int rows, double[] mean, double[] m2) {
        int j = 0;
        for (; j + 4 <= p; j += 4) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            double t0 = 0;
            double t1 = 0;
            double t2 = 0;
            double t3 = 0;
            int r = 0;
            int o = base + j;
            for (; r + 1 < rows; r += 2, o += 2 * p) {
                s0 += x[o];
                s1 += x[o + 1];
                s2 += x[o + 2];
                s3 += x[o + 3];
                t0 += x[o + p];
                t1 += x[o + p + 1];
                t2 += x[o + p + 2];
                t3 += x[o + p + 3];
            }
            if (r < rows) {
                s0 += x[o];
                s1 += x[o + 1];
                s2 += x[o + 2];
                s3 += x[o + 3];
            }
            double m0 = (s0 + t0) / rows;
            double m1 = (s1 + t1) / rows;
            double mm2 = (s2 + t2) / rows;
            double m3 = (s3 + t3) / rows;
            s0 = 0;
            s1 = 0;
            s2 = 0;
            s3 = 0;
            t0 = 0;
            t1 = 0;
            t2 = 0;
            t3 = 0;
            r = 0;
            o = base + j;
            for (; r + 1 < rows; r += 2, o += 2 * p) {
                double d0 = x[o] - m0;
                double d1 = x[o + 1] - m1;
                double d2 = x[o + 2] - mm2;
                double d3 = x[o + 3] - m3;
                double e0 = x[o + p] - m0;
                double e1 = x[o + p + 1] - m1;
                double e2 = x[o + p + 2] - mm2;
                double e3 = x[o + p + 3] - m3;
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
                t0 += e0 * e0;
                t1 += e1 * e1;
                t2 += e2 * e2;
                t3 += e3 * e3;
            }
            if (r < rows) {
                double d0 = x[o] - m0;
                double d1 = x[o + 1] - m1;
                double d2 = x[o + 2] - mm2;
                double d3 = x[o + 3] - m3;
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
            }
            mean[j] = m0;
            mean[j + 1] = m1;
            mean[j + 2] = mm2;
            mean[j + 3] = m3;
            m2[j] = s0 + t0;
            m2[j + 1] = s1 + t1;
            m2[j + 2] = s2 + t2;
            m2[j + 3] = s3 + t3;
        }
        return j;
    }

    private void throwNonFinite(int from, int to, int column, String[] names) {
        for (int i = from; i < to; i++) {
            for (int j = 0; j < p; j++) {
                double v = x[i * p + j];
                if (!Double.isFinite(v)) {
                    throw new InvalidDataException("row " + i + ", column " + names[j] + ": value must be finite, found "
                            + v, i, names[j], null);
                }
            }
        }
        throw new InvalidDataException("column " + names[column]
                + ": values must be small enough to sum without overflow, found an infinite sum", -1,
                names[column], null);
    }

    /** Runs one pass over all chunks and merges the chunk statistics in chunk order. */
    @Override
    Result evaluate(Pass pass, ChunkRunner runner) {
        boolean hessian = pass.hessStride > 0;
        Stats[] parts = run(runner, c -> accumulate(c, pass), Stats[]::new);
        Stats total = new Stats(q, qp, hessian);
        for (Stats s : parts) {
            total.merge(s);
        }
        double loss = total.loss * pass.lossStride;
        double[] raw = total.grad;
        double[] grad = new double[q];
        grad[0] = raw[0] * pass.lossStride;
        for (int j = 0; j < p; j++) {
            // a constant column is all zeros once centred
            grad[j + 1] = constant[j] ? 0 : (raw[j + 1] - mu[j] * raw[0]) * invSd[j] * pass.lossStride;
        }
        double[] h = null;
        if (hessian) {
            h = new double[q * q];
            for (int j = 0; j < q; j++) {
                for (int k = 0; k <= j; k++) {
                    double v = total.hess[j * qp + k] * pass.hessStride;
                    h[j * q + k] = v;
                    h[k * q + j] = v;
                }
            }
        }
        return new Result(loss, grad, h, total.extremeRows, total.maxExtremeShift);
    }

    /**
     * Accumulates one chunk: the data pass of the design's accumulate/merge seam. The loss and the gradient
     * read the rows in place, with the coefficients mapped to the original scale
     * ({@code eta = b + sum_j beta_j x_ij}); the gradient is summed as {@code sum r_i} and {@code sum r_i x_ij}
     * and centred and scaled after the merge ({@link #evaluate}), which loses nothing that matters: its rounding
     * error relative to the data's spread is about {@code n eps |mu_j| / sd_j}. Rows that enter the Hessian are
     * standardized into a small block first, so the Hessian is formed on centred columns.
     */
    Stats accumulate(int chunk, Pass pass) {
        boolean hessian = pass.hessStride > 0;
        Stats st = new Stats(q, qp, hessian);
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
        int from = chunk * CHUNK_ROWS;
        int to = (int) Math.min(n, (long) from + CHUNK_ROWS);
        int stride = pass.lossStride;
        for (int start = from; start < to; start += BLOCK) {
            int block = start / BLOCK;
            if (block % stride != 0) {
                continue;
            }
            int rows = Math.min(BLOCK, to - start);
            linearPredictor(start * p, p, rows, b0, beta, eta);
            for (int r = 0; r < rows; r++) {
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
            gradient(start * p, p, rows, res, g);
            if (hessian && block % pass.hessStride == 0) {
                for (int r = 0; r < rows; r++) {
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
                symmetricUpdate(ah, sh, rows, st.hess);
            }
        }
        return st;
    }

    /** {@code eta[r] = b0 + x_r . beta} for rows at {@code base + r * step}, four rows at a time. */
    private void linearPredictor(int base, int step, int rows, double b0, double[] beta, double[] eta) {
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
    private void gradient(int base, int step, int rows, double[] res, double[] g) {
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
    private static double dot(double[] a, int offset, double[] b, int len) {
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
    private void symmetricUpdate(double[] a, double[] s, int rows, double[] h) {
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

    /** A chunk task. */
    interface ChunkTask<T> {
        T apply(int chunk);
    }

    private double[][] run(ChunkRunner runner, ChunkTask<double[]> task) {
        return run(runner, task, double[][]::new);
    }

    /** Runs a task on every chunk of this objective ({@link #runChunks}). */
    private <T> T[] run(ChunkRunner runner, ChunkTask<T> task,
            java.util.function.IntFunction<T[]> array) {
        return runChunks(chunks, runner, task, array);
    }

    /**
     * Runs a task on chunks {@code 0 .. chunks - 1} through the library's one chunk runner; results are stored by
     * chunk index, so their order never depends on scheduling. Shared by every {@link LogisticLoss}.
     */
    static <T> T[] runChunks(int chunks, ChunkRunner runner, ChunkTask<T> task,
            java.util.function.IntFunction<T[]> array) {
        T[] out = array.apply(chunks);
        runner.run(chunks, (c, w) -> out[c] = task.apply(c));
        return out;
    }
}
