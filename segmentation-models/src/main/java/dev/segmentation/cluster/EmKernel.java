package dev.segmentation.cluster;

/**
 * The E-step kernels of {@link Em} over one chunk of rows: per row the log-density of the current mixture by
 * log-sum-exp and, when asked, the responsibility-weighted sufficient statistics ({@link EmStats}). The
 * single-JVM fit and {@link EmStats#accumulate} run this same code on the same fixed chunks, so their per-chunk
 * statistics are bit-identical for the same parameters. Terms more than 50 nats below a row's largest are left
 * out: {@code e^-50 ~ 2e-22} is below double precision relative to the largest term, so the log-sum-exp is
 * unchanged and such responsibilities are zero.
 *
 * <p>Holds scratch space: one instance per worker thread, not thread-safe.
 */
final class EmKernel {
    private static final double CUTOFF = -50;
    /** Rows per block of the full-covariance kernel. */
    static final int BLOCK = 64;

    private final int d;
    private final int k;
    private final CovarianceType type;
    private final double[] diff;
    private final double[] lp;
    private final Block block;
    /** The rows and column means of the current run (set for one call of run). */
    private double[] x;
    private double[] columnMean;


    /**
     * Per-worker scratch of the full-covariance kernel: a transposed block of rows centred on the column means, and
     * per-component terms.
     */
    private static final class Block {
        final double[][] dc;
        final double[] y;
        final double[] maha;
        final double[][] lp;
        final double[] rd;
        final double[] max;
        final double[] sum;
        final double[] u;
        final double[] prod;
        final double[][] s1;
        final double[][] s2;
        final double[] n;
        final double[] pm;

        Block(int d, int k) {
            dc = new double[d][BLOCK];
            y = new double[BLOCK];
            maha = new double[BLOCK];
            lp = new double[k][BLOCK];
            rd = new double[BLOCK];
            max = new double[BLOCK];
            sum = new double[BLOCK];
            u = new double[d];
            prod = new double[d * (d + 1) / 2];
            s1 = new double[k][d];
            s2 = new double[k][d * (d + 1) / 2];
            n = new double[k];
            pm = new double[k * d];
        }
    }

    EmKernel(int d, int k, CovarianceType type) {
        this.d = d;
        this.k = k;
        this.type = type;
        this.diff = new double[k * d];
        this.lp = new double[k];
        this.block = type == CovarianceType.FULL ? new Block(d, k) : null;
    }

    /**
     * Clears s and fills it with the statistics of rows [from, to) of rows (row-major, d columns), whose global
     * indices start at rowBase + from: the log-likelihood and worst rows always, the sums if accumulate. For
     * full covariances the sums are about columnMean, otherwise about the mixture's means.
     */
    void run(double[] rows, int from, int to, long rowBase, Mixture mix, double[] columnMean, boolean accumulate,
            EmStats s) {
        this.x = rows;
        this.columnMean = columnMean;
        s.clear();
        s.rows = to - from;
        try {
            if (type == CovarianceType.FULL) {
                fullChunk(from, to, rowBase, mix, accumulate, s);
            } else {
                chunk(from, to, rowBase, mix, accumulate, s);
            }
        } finally {
            this.x = null;
            this.columnMean = null;
        }
    }

    private void chunk(int from, int to, long rowBase, Mixture mix, boolean accumulate, EmStats s) {
        double[] df = diff;
        double[] l = lp;
        double[] mu = mix.means;
        double[] prec = mix.prec;
        int tri = mix.tri;
        int s2len = s.s2len;
        boolean full = type == CovarianceType.FULL;
        boolean diag = type == CovarianceType.DIAGONAL;
        for (int i = from; i < to; i++) {
            int o = i * d;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                int mb = c * d;
                for (int j = 0; j < d; j++) {
                    df[mb + j] = x[o + j] - mu[mb + j];
                }
                double maha = 0;
                if (full) {
                    int r = c * tri;
                    for (int a = 0; a < d; a++) {
                        double y = 0;
                        for (int b = 0; b <= a; b++) {
                            y += prec[r + b] * df[mb + b];
                        }
                        r += a + 1;
                        maha += y * y;
                    }
                } else if (diag) {
                    for (int j = 0; j < d; j++) {
                        double t = df[mb + j];
                        maha += t * t * prec[mb + j];
                    }
                } else {
                    for (int j = 0; j < d; j++) {
                        double t = df[mb + j];
                        maha += t * t;
                    }
                    maha *= prec[c];
                }
                double v = mix.logWeights[c] + mix.logNorm[c] - 0.5 * maha;
                l[c] = v;
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                double t = l[c] - max;
                double e = t > CUTOFF ? Math.exp(t) : 0;
                l[c] = e;
                sum += e;
            }
            double logP = max + Math.log(sum);
            s.logLikelihood += logP;
            s.offerWorst(rowBase + i, logP);
            if (!accumulate) {
                continue;
            }
            double inv = 1 / sum;
            for (int c = 0; c < k; c++) {
                if (l[c] == 0) {
                    continue;
                }
                double r = l[c] * inv;
                int mb = c * d;
                s.n[c] += r;
                if (full) {
                    int q = c * s2len;
                    for (int a = 0; a < d; a++) {
                        double ra = r * df[mb + a];
                        s.s1[mb + a] += ra;
                        for (int b = 0; b <= a; b++) {
                            s.s2[q + b] += ra * df[mb + b];
                        }
                        q += a + 1;
                    }
                } else {
                    int q = c * s2len;
                    for (int a = 0; a < d; a++) {
                        double ra = r * df[mb + a];
                        s.s1[mb + a] += ra;
                        s.s2[q + a] += ra * df[mb + a];
                    }
                }
            }
        }
    }

    /**
     * The full-covariance pass, by blocks of rows: the rows are transposed so that the triangular product
     * {@code y = P (x - mu)} and the scatter sums run as loops over rows, which the JIT vectorizes.
     */
    private void fullChunk(int from, int to, long rowBase, Mixture mix, boolean accumulate, EmStats s) {
        Block b = block;
        if (accumulate) {
            java.util.Arrays.fill(b.n, 0.0);
            for (int c = 0; c < k; c++) {
                java.util.Arrays.fill(b.s1[c], 0.0);
                java.util.Arrays.fill(b.s2[c], 0.0);
            }
        }
        // pm_c = P_c (mu_c - column means): the rows are centred on the column means once per block, and
        // y = P_c (x - mean) - pm_c
        double[] pm = b.pm;
        for (int c = 0; c < k; c++) {
            int r = c * mix.tri;
            for (int a = 0; a < d; a++) {
                double v = 0;
                for (int bb = 0; bb <= a; bb++) {
                    v += mix.prec[r + bb] * (mix.means[c * d + bb] - columnMean[bb]);
                }
                pm[c * d + a] = v;
                r += a + 1;
            }
        }
        for (int i0 = from; i0 < to; i0 += BLOCK) {
            int m = Math.min(BLOCK, to - i0);
            for (int j = 0; j < d; j++) {
                double[] t = b.dc[j];
                double g = columnMean[j];
                for (int p = 0; p < m; p++) {
                    t[p] = x[(i0 + p) * d + j] - g;
                }
            }
            for (int c = 0; c < k; c++) {
                mahalanobis(b, mix.prec, c * mix.tri, m, pm, c * d);
                double base = mix.logWeights[c] + mix.logNorm[c];
                double[] l = b.lp[c];
                double[] q = b.maha;
                for (int p = 0; p < m; p++) {
                    l[p] = base - 0.5 * q[p];
                }
            }
            double[] mx = b.max;
            double[] sum = b.sum;
            System.arraycopy(b.lp[0], 0, mx, 0, m);
            for (int c = 1; c < k; c++) {
                double[] l = b.lp[c];
                for (int p = 0; p < m; p++) {
                    mx[p] = Math.max(mx[p], l[p]);
                }
            }
            java.util.Arrays.fill(sum, 0, m, 0.0);
            for (int c = 0; c < k; c++) {
                double[] l = b.lp[c];
                for (int p = 0; p < m; p++) {
                    double t = l[p] - mx[p];
                    double e = t > CUTOFF ? Math.exp(t) : 0;
                    l[p] = e;
                    sum[p] += e;
                }
            }
            for (int p = 0; p < m; p++) {
                double logP = mx[p] + Math.log(sum[p]);
                s.logLikelihood += logP;
                s.offerWorst(rowBase + i0 + p, logP);
                sum[p] = 1 / sum[p];
            }
            if (accumulate) {
                for (int c = 0; c < k; c++) {
                    double[] l = b.lp[c];
                    for (int p = 0; p < m; p++) {
                        l[p] *= sum[p];
                    }
                }
                scatter(b, i0, m);
            }
        }
        if (accumulate) {
            for (int c = 0; c < k; c++) {
                s.n[c] = b.n[c];
                System.arraycopy(b.s1[c], 0, s.s1, c * d, d);
                System.arraycopy(b.s2[c], 0, s.s2, c * s.s2len, s.s2len);
            }
        }
    }

    /**
     * Adds the block's responsibilities (lp[c][p]) to the worker's accumulators, about the column means: each
     * row's centred vector u and packed outer product {@code u u^T} are formed once and added to every component
     * with a non-zero responsibility, by loops the JIT vectorizes.
     */
    private void scatter(Block b, int i0, int m) {
        double[] u = b.u;
        double[] prod = b.prod;
        int tri = prod.length;
        for (int p = 0; p < m; p++) {
            int o = (i0 + p) * d;
            for (int j = 0; j < d; j++) {
                u[j] = x[o + j] - columnMean[j];
            }
            int q = 0;
            for (int a = 0; a < d; a++) {
                double ua = u[a];
                for (int bb = 0; bb <= a; bb++) {
                    prod[q++] = ua * u[bb];
                }
            }
            for (int c = 0; c < k; c++) {
                double r = b.lp[c][p];
                if (r == 0) {
                    continue;
                }
                b.n[c] += r;
                double[] s1 = b.s1[c];
                for (int j = 0; j < d; j++) {
                    s1[j] += r * u[j];
                }
                double[] s2 = b.s2[c];
                for (int t = 0; t < tri; t++) {
                    s2[t] += r * prod[t];
                }
            }
        }
    }

    /**
     * maha[p] = ||P dc[.][p] - pm||^2 with P packed lower-triangular at prec[pb..] and dc the rows centred on the
     * column means: row a of P is applied in passes of up to four terms over the block, so each pass does several
     * multiply-adds per load and store of y.
     */
    private void mahalanobis(Block b, double[] prec, int pb, int m, double[] pm, int pmb) {
        double[] q = b.maha;
        double[] y = b.y;
        double[][] dc = b.dc;
        java.util.Arrays.fill(q, 0, m, 0.0);
        int r = pb;
        for (int a = 0; a < d; a++) {
            int terms = a + 1;
            double shift = pm[pmb + a];
            for (int bb = 0; bb < terms; bb += 4) {
                int cnt = Math.min(4, terms - bb);
                boolean first = bb == 0;
                boolean last = bb + cnt == terms;
                double p0 = prec[r + bb];
                double[] d0 = dc[bb];
                switch (cnt) {
                    case 1:
                        if (first) {
                            for (int p = 0; p < m; p++) {
                                y[p] = p0 * d0[p];
                            }
                        } else {
                            for (int p = 0; p < m; p++) {
                                y[p] += p0 * d0[p];
                            }
                        }
                        break;
                    case 2: {
                        double p1 = prec[r + bb + 1];
                        double[] d1 = dc[bb + 1];
                        if (first) {
                            for (int p = 0; p < m; p++) {
                                y[p] = p0 * d0[p] + p1 * d1[p];
                            }
                        } else {
                            for (int p = 0; p < m; p++) {
                                y[p] += p0 * d0[p] + p1 * d1[p];
                            }
                        }
                        break;
                    }
                    case 3: {
                        double p1 = prec[r + bb + 1];
                        double p2 = prec[r + bb + 2];
                        double[] d1 = dc[bb + 1];
                        double[] d2 = dc[bb + 2];
                        if (first) {
                            for (int p = 0; p < m; p++) {
                                y[p] = p0 * d0[p] + p1 * d1[p] + p2 * d2[p];
                            }
                        } else {
                            for (int p = 0; p < m; p++) {
                                y[p] += p0 * d0[p] + p1 * d1[p] + p2 * d2[p];
                            }
                        }
                        break;
                    }
                    default: {
                        double p1 = prec[r + bb + 1];
                        double p2 = prec[r + bb + 2];
                        double p3 = prec[r + bb + 3];
                        double[] d1 = dc[bb + 1];
                        double[] d2 = dc[bb + 2];
                        double[] d3 = dc[bb + 3];
                        if (first) {
                            for (int p = 0; p < m; p++) {
                                y[p] = (p0 * d0[p] + p1 * d1[p]) + (p2 * d2[p] + p3 * d3[p]);
                            }
                        } else {
                            for (int p = 0; p < m; p++) {
                                y[p] += (p0 * d0[p] + p1 * d1[p]) + (p2 * d2[p] + p3 * d3[p]);
                            }
                        }
                        break;
                    }
                }
                if (last) {
                    for (int p = 0; p < m; p++) {
                        double v = y[p] - shift;
                        q[p] += v * v;
                    }
                }
            }
            r += terms;
        }
    }
}
