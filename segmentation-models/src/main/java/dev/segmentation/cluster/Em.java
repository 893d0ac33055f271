package dev.segmentation.cluster;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expectation-maximization for Gaussian mixtures (Dempster, Laird and Rubin 1977; the updates of Bishop 2006,
 * section 9.2.2), in log space: responsibilities are {@code r_ic = exp(log pi_c + log N(x_i | mu_c, Sigma_c) -
 * log p(x_i))} with {@code log p(x_i)} by log-sum-exp. One data pass computes the log-likelihood of the current
 * parameters and the sufficient statistics of the next ({@link EmStats}); the M-step uses only the merged
 * statistics. Terms more than 50 nats below a row's largest are left out: {@code e^-50 ~ 2e-22} is below double
 * precision relative to the largest term, so the log-sum-exp is unchanged and such responsibilities are zero.
 */
final class Em {
    private static final Logger LOG = LoggerFactory.getLogger(GaussianMixture.class);
    private static final double CUTOFF = -50;
    /** A component whose responsibilities sum to less than this (in rows) is empty and is re-seeded. */
    static final double EMPTY = 1e-6;

    private final double[] x;
    private final int n;
    private final int d;
    private final int k;
    private final CovarianceType type;
    private final double regularization;
    private final ChunkRunner runner;
    private final int chunks;
    private final EmStats[] partial;
    private final double[][] diff;
    private final double[][] lp;
    private final double[] columnVariance;
    /** Rows per block of the full-covariance kernel. */
    static final int BLOCK = 64;
    private final Block[] blocks;

    /** Per-worker scratch of the full-covariance kernel: a transposed block of rows and per-component terms. */
    private static final class Block {
        final double[][] xt;
        final double[][] dc;
        final double[] y;
        final double[] maha;
        final double[][] lp;
        final double[] rd;

        Block(int d, int k) {
            xt = new double[d][BLOCK];
            dc = new double[d][BLOCK];
            y = new double[BLOCK];
            maha = new double[BLOCK];
            lp = new double[k][BLOCK];
            rd = new double[BLOCK];
        }
    }

    Em(double[] x, int n, int d, int k, CovarianceType type, double regularization, ChunkRunner runner) {
        this.x = x;
        this.n = n;
        this.d = d;
        this.k = k;
        this.type = type;
        this.regularization = regularization;
        this.runner = runner;
        this.chunks = ChunkRunner.chunks(n);
        this.partial = new EmStats[chunks];
        for (int c = 0; c < chunks; c++) {
            partial[c] = new EmStats(k, d, type);
        }
        this.diff = new double[runner.workers()][k * d];
        this.lp = new double[runner.workers()][k];
        this.columnVariance = columnVariance(x, n, d);
        this.blocks = new Block[runner.workers()];
        for (int w = 0; w < blocks.length; w++) {
            blocks[w] = new Block(d, k);
        }
    }

    private static double[] columnVariance(double[] x, int n, int d) {
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] var = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double t = x[i * d + j] - mean[j];
                var[j] += t * t;
            }
        }
        for (int j = 0; j < d; j++) {
            var[j] /= n;
        }
        return var;
    }

    /** The outcome of one EM run. */
    static final class Result {
        final Mixture mixture;
        final double[] logLikelihoods;
        final int iterations;
        final boolean converged;
        final List<DegenerateComponent> degenerate;

        Result(Mixture mixture, double[] logLikelihoods, int iterations, boolean converged,
                List<DegenerateComponent> degenerate) {
            this.mixture = mixture;
            this.logLikelihoods = logLikelihoods;
            this.iterations = iterations;
            this.converged = converged;
            this.degenerate = degenerate;
        }

        double logLikelihood() {
            return logLikelihoods[logLikelihoods.length - 1];
        }
    }

    /**
     * Runs EM from hard initial assignments (labels; reference means ref, k x d): the initial parameters are the
     * per-cluster weights, means and covariances. Stops when the mean log-likelihood per row changes by less
     * than {@code tolerance} between iterations (scikit-learn's rule) or after maxIterations.
     */
    Result run(int[] labels, double[] ref, int maxIterations, double tolerance) {
        List<DegenerateComponent> degenerate = new ArrayList<>();
        EmStats init = new EmStats(k, d, type);
        hardStats(labels, ref, init);
        Mixture mix = mStep(init, ref, 0, degenerate);
        List<Double> history = new ArrayList<>();
        double previous = Double.NEGATIVE_INFINITY;
        boolean converged = false;
        int it = 0;
        while (it < maxIterations) {
            it++;
            EmStats stats = pass(mix, true);
            history.add(stats.logLikelihood);
            LOG.debug("EM iteration {}: log-likelihood {}", it, stats.logLikelihood);
            mix = mStep(stats, mix.means, it, degenerate);
            double change = (stats.logLikelihood - previous) / n;
            previous = stats.logLikelihood;
            if (Math.abs(change) < tolerance) {
                converged = true;
                break;
            }
        }
        EmStats last = pass(mix, false);
        history.add(last.logLikelihood);
        double[] lls = new double[history.size()];
        for (int i = 0; i < lls.length; i++) {
            lls[i] = history.get(i);
        }
        return new Result(mix, lls, it, converged, List.copyOf(degenerate));
    }

    private void hardStats(int[] labels, double[] ref, EmStats s) {
        int s2len = s.s2len;
        for (int i = 0; i < n; i++) {
            int c = labels[i];
            int o = i * d;
            s.n[c] += 1;
            for (int a = 0; a < d; a++) {
                double da = x[o + a] - ref[c * d + a];
                s.s1[c * d + a] += da;
                if (type == CovarianceType.FULL) {
                    int r = c * s2len + a * (a + 1) / 2;
                    for (int b = 0; b <= a; b++) {
                        s.s2[r + b] += da * (x[o + b] - ref[c * d + b]);
                    }
                } else {
                    s.s2[c * s2len + a] += da * da;
                }
            }
        }
    }

    /** One data pass with the given parameters: log-likelihood and, if accumulate, the statistics. */
    EmStats pass(Mixture mix, boolean accumulate) {
        runner.run(chunks, (c, worker) -> chunk(c, worker, mix, accumulate));
        EmStats total = new EmStats(k, d, type);
        for (EmStats s : partial) {
            total.merge(s);
        }
        return total;
    }

    private void chunk(int chunk, int worker, Mixture mix, boolean accumulate) {
        if (type == CovarianceType.FULL) {
            fullChunk(chunk, worker, mix, accumulate);
            return;
        }
        EmStats s = partial[chunk];
        s.clear();
        int from = ChunkRunner.from(chunk);
        int to = ChunkRunner.to(chunk, n);
        double[] df = diff[worker];
        double[] l = lp[worker];
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
            s.offerWorst(i, logP);
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
    private void fullChunk(int chunk, int worker, Mixture mix, boolean accumulate) {
        EmStats s = partial[chunk];
        s.clear();
        Block b = blocks[worker];
        int from = ChunkRunner.from(chunk);
        int to = ChunkRunner.to(chunk, n);
        for (int i0 = from; i0 < to; i0 += BLOCK) {
            int m = Math.min(BLOCK, to - i0);
            for (int j = 0; j < d; j++) {
                double[] t = b.xt[j];
                for (int p = 0; p < m; p++) {
                    t[p] = x[(i0 + p) * d + j];
                }
            }
            for (int c = 0; c < k; c++) {
                centre(b, mix.means, c, m);
                mahalanobis(b, mix.prec, c * mix.tri, m);
                double base = mix.logWeights[c] + mix.logNorm[c];
                double[] l = b.lp[c];
                double[] q = b.maha;
                for (int p = 0; p < m; p++) {
                    l[p] = base - 0.5 * q[p];
                }
            }
            for (int p = 0; p < m; p++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    max = Math.max(max, b.lp[c][p]);
                }
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    double t = b.lp[c][p] - max;
                    double e = t > CUTOFF ? Math.exp(t) : 0;
                    b.lp[c][p] = e;
                    sum += e;
                }
                double logP = max + Math.log(sum);
                s.logLikelihood += logP;
                s.offerWorst(i0 + p, logP);
                double inv = 1 / sum;
                for (int c = 0; c < k; c++) {
                    b.lp[c][p] *= inv;
                }
            }
            if (accumulate) {
                for (int c = 0; c < k; c++) {
                    scatter(b, mix.means, c, m, s);
                }
            }
        }
    }

    /** dc[j][p] = xt[j][p] - mu_cj. */
    private void centre(Block b, double[] mu, int c, int m) {
        for (int j = 0; j < d; j++) {
            double[] t = b.xt[j];
            double[] out = b.dc[j];
            double mj = mu[c * d + j];
            for (int p = 0; p < m; p++) {
                out[p] = t[p] - mj;
            }
        }
    }

    /** maha[p] = ||P dc[.][p]||^2 with P packed lower-triangular at prec[pb..]. */
    private void mahalanobis(Block b, double[] prec, int pb, int m) {
        double[] q = b.maha;
        double[] y = b.y;
        java.util.Arrays.fill(q, 0, m, 0.0);
        int r = pb;
        for (int a = 0; a < d; a++) {
            double p0 = prec[r];
            double[] d0 = b.dc[0];
            int bb = 1;
            if (a >= 1) {
                double p1 = prec[r + 1];
                double[] d1 = b.dc[1];
                for (int p = 0; p < m; p++) {
                    y[p] = p0 * d0[p] + p1 * d1[p];
                }
                bb = 2;
            } else {
                for (int p = 0; p < m; p++) {
                    y[p] = p0 * d0[p];
                }
            }
            for (; bb + 1 <= a; bb += 2) {
                double pa = prec[r + bb];
                double pc = prec[r + bb + 1];
                double[] da = b.dc[bb];
                double[] dd = b.dc[bb + 1];
                for (int p = 0; p < m; p++) {
                    y[p] += pa * da[p] + pc * dd[p];
                }
            }
            if (bb <= a) {
                double pa = prec[r + bb];
                double[] da = b.dc[bb];
                for (int p = 0; p < m; p++) {
                    y[p] += pa * da[p];
                }
            }
            for (int p = 0; p < m; p++) {
                q[p] += y[p] * y[p];
            }
            r += a + 1;
        }
    }

    /** Adds component c's responsibilities (in lp[c]) of the block to N, S1 and S2. */
    private void scatter(Block b, double[] mu, int c, int m, EmStats s) {
        double[] r = b.lp[c];
        double total = 0;
        for (int p = 0; p < m; p++) {
            total += r[p];
        }
        if (total == 0) {
            return;
        }
        s.n[c] += total;
        centre(b, mu, c, m);
        int q = c * s.s2len;
        double[] rd = b.rd;
        for (int a = 0; a < d; a++) {
            double[] da = b.dc[a];
            for (int p = 0; p < m; p++) {
                rd[p] = r[p] * da[p];
            }
            double s1 = 0;
            for (int p = 0; p < m; p++) {
                s1 += rd[p];
            }
            s.s1[c * d + a] += s1;
            int bb = 0;
            for (; bb + 4 <= a + 1; bb += 4) {
                dot4(rd, b.dc, bb, m, s.s2, q + bb);
            }
            for (; bb <= a; bb++) {
                s.s2[q + bb] += dot(rd, b.dc[bb], m);
            }
            q += a + 1;
        }
    }

    /**
     * out[o + i] += dot(u, v[b + i]) for i = 0..3, two rows per step and eight accumulators (a fixed order).
     */
    private static void dot4(double[] u, double[][] v, int b, int m, double[] out, int o) {
        double[] v0 = v[b];
        double[] v1 = v[b + 1];
        double[] v2 = v[b + 2];
        double[] v3 = v[b + 3];
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double t0 = 0;
        double t1 = 0;
        double t2 = 0;
        double t3 = 0;
        int p = 0;
        for (; p + 2 <= m; p += 2) {
            double u0 = u[p];
            double u1 = u[p + 1];
            s0 += u0 * v0[p];
            s1 += u0 * v1[p];
            s2 += u0 * v2[p];
            s3 += u0 * v3[p];
            t0 += u1 * v0[p + 1];
            t1 += u1 * v1[p + 1];
            t2 += u1 * v2[p + 1];
            t3 += u1 * v3[p + 1];
        }
        if (p < m) {
            double u0 = u[p];
            s0 += u0 * v0[p];
            s1 += u0 * v1[p];
            s2 += u0 * v2[p];
            s3 += u0 * v3[p];
        }
        out[o] += s0 + t0;
        out[o + 1] += s1 + t1;
        out[o + 2] += s2 + t2;
        out[o + 3] += s3 + t3;
    }

    /** Dot product of u[0..m) and v[0..m) with four accumulators (a fixed order). */
    private static double dot(double[] u, double[] v, int m) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int p = 0;
        for (; p + 4 <= m; p += 4) {
            s0 += u[p] * v[p];
            s1 += u[p + 1] * v[p + 1];
            s2 += u[p + 2] * v[p + 2];
            s3 += u[p + 3] * v[p + 3];
        }
        for (; p < m; p++) {
            s0 += u[p] * v[p];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * The M-step: weights {@code N_c / sum N}, means {@code m0_c + S1_c / N_c}, covariances
     * {@code S2_c / N_c - (S1_c / N_c)(S1_c / N_c)^T + regularization I} (the diagonal of it, or its mean for
     * spherical, as scikit-learn). Empty components are re-seeded; singular covariances are reported and, if the
     * regularizer is not enough, raised until positive definite.
     */
    Mixture mStep(EmStats s, double[] ref, int iteration, List<DegenerateComponent> degenerate) {
        double[] weights = new double[k];
        double[] means = new double[k * d];
        int covLen = type == CovarianceType.FULL ? k * d * d : type == CovarianceType.DIAGONAL ? k * d : k;
        double[] cov = new double[covLen];
        double[] prec = new double[type == CovarianceType.FULL ? k * d * (d + 1) / 2 : covLen];
        double[] logNorm = new double[k];
        double[] n = s.n.clone();
        int nextWorst = 0;
        double[] a = new double[d * d];
        for (int c = 0; c < k; c++) {
            int mb = c * d;
            if (!(n[c] >= EMPTY)) {
                int row = -1;
                while (nextWorst < k && row < 0) {
                    row = s.worstRow[nextWorst++];
                }
                if (row < 0) {
                    row = 0;
                }
                System.arraycopy(x, row * d, means, mb, d);
                n[c] = 1;
                java.util.Arrays.fill(a, 0.0);
                for (int j = 0; j < d; j++) {
                    a[j * d + j] = columnVariance[j];
                }
                report(degenerate, iteration, c, DegenerateComponent.Kind.RESEEDED);
                LOG.debug("EM: component {} empty at iteration {}; re-seeded at row {}", c, iteration, row);
            } else {
                double inv = 1 / n[c];
                for (int j = 0; j < d; j++) {
                    means[mb + j] = ref[mb + j] + s.s1[mb + j] * inv;
                }
                java.util.Arrays.fill(a, 0.0);
                if (type == CovarianceType.FULL) {
                    int q = c * s.s2len;
                    for (int i = 0; i < d; i++) {
                        double mi = s.s1[mb + i] * inv;
                        for (int j = 0; j <= i; j++) {
                            double v = s.s2[q + j] * inv - mi * (s.s1[mb + j] * inv);
                            a[i * d + j] = v;
                            a[j * d + i] = v;
                        }
                        q += i + 1;
                    }
                } else {
                    for (int j = 0; j < d; j++) {
                        double mj = s.s1[mb + j] * inv;
                        a[j * d + j] = Math.max(0, s.s2[c * s.s2len + j] * inv - mj * mj);
                    }
                }
            }
            logNorm[c] = setCovariance(c, a, cov, prec, iteration, degenerate);
        }
        double total = 0;
        for (int c = 0; c < k; c++) {
            total += n[c];
        }
        for (int c = 0; c < k; c++) {
            weights[c] = n[c] / total;
        }
        return new Mixture(k, d, type, weights, means, cov, prec, logNorm);
    }

    /**
     * Regularizes the empirical covariance a (d x d; modified), stores it and its precision, and returns the
     * component's log normalizing constant.
     */
    private double setCovariance(int c, double[] a, double[] cov, double[] prec, int iteration,
            List<DegenerateComponent> degenerate) {
        double maxDiag = 0;
        for (int j = 0; j < d; j++) {
            maxDiag = Math.max(maxDiag, a[j * d + j]);
        }
        switch (type) {
            case FULL: {
                double pivot = Mixture.minPivot(a, d);
                if (!(pivot > 1e-12 * maxDiag)) {
                    report(degenerate, iteration, c, DegenerateComponent.Kind.COLLAPSED);
                }
                double jitter = regularization;
                double step = Math.max(regularization, 1e-10 * Math.max(maxDiag, Double.MIN_NORMAL));
                for (int attempt = 0; ; attempt++) {
                    double[] b = a.clone();
                    for (int j = 0; j < d; j++) {
                        b[j * d + j] += jitter;
                    }
                    double logDetP = Mixture.precisionCholesky(b, d, prec, c * d * (d + 1) / 2);
                    if (!Double.isNaN(logDetP)) {
                        System.arraycopy(b, 0, cov, c * d * d, d * d);
                        return -0.5 * d * Mixture.LOG_2PI + logDetP;
                    }
                    if (attempt == 0) {
                        report(degenerate, iteration, c, DegenerateComponent.Kind.COLLAPSED);
                    }
                    jitter = step * Math.pow(10, attempt);
                    if (attempt > 40) {
                        throw new IllegalStateException("covariance of component " + c + " cannot be regularized");
                    }
                }
            }
            case DIAGONAL: {
                double logDet = 0;
                boolean collapsed = false;
                for (int j = 0; j < d; j++) {
                    double v = a[j * d + j];
                    collapsed |= !(v > 1e-12 * maxDiag);
                    v += regularization;
                    if (!(v > 0)) {
                        v = Math.max(1e-10 * maxDiag, Double.MIN_NORMAL);
                    }
                    cov[c * d + j] = v;
                    prec[c * d + j] = 1 / v;
                    logDet += Math.log(v);
                }
                if (collapsed) {
                    report(degenerate, iteration, c, DegenerateComponent.Kind.COLLAPSED);
                }
                return -0.5 * d * Mixture.LOG_2PI - 0.5 * logDet;
            }
            default: {
                double mean = 0;
                for (int j = 0; j < d; j++) {
                    mean += a[j * d + j];
                }
                mean /= d;
                if (!(mean > 0)) {
                    report(degenerate, iteration, c, DegenerateComponent.Kind.COLLAPSED);
                }
                double v = mean + regularization;
                if (!(v > 0)) {
                    v = Double.MIN_NORMAL;
                }
                cov[c] = v;
                prec[c] = 1 / v;
                return -0.5 * d * Mixture.LOG_2PI - 0.5 * d * Math.log(v);
            }
        }
    }

    private static void report(List<DegenerateComponent> list, int iteration, int c, DegenerateComponent.Kind kind) {
        for (DegenerateComponent e : list) {
            if (e.component() == c && e.kind() == kind) {
                return;
            }
        }
        list.add(new DegenerateComponent(iteration, c, kind));
    }
}
