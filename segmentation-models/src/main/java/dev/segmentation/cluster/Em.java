package dev.segmentation.cluster;

import dev.segmentation.internal.ChunkRunner;
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
    /** Mean per-column variance of the data, the scale of the jitter that keeps covariances invertible. */
    private final double dataScale;
    /** Column means: the reference point of the full-covariance statistics. */
    private final double[] columnMean;
    /** columnMean repeated k times (the per-component reference the M-step expects). */
    private final double[] meanRef;
    /** Rows per block of the full-covariance kernel. */
    static final int BLOCK = 64;
    private final Block[] blocks;

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
        double scale = 0;
        for (double v : columnVariance) {
            scale += v / d;
        }
        this.dataScale = scale > 0 ? scale : 1.0;
        this.columnMean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                columnMean[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            columnMean[j] /= n;
        }
        this.meanRef = new double[k * d];
        for (int c = 0; c < k; c++) {
            System.arraycopy(columnMean, 0, meanRef, c * d, d);
        }
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
            mix = mStep(stats, type == CovarianceType.FULL ? meanRef : mix.means, it, degenerate);
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
                s.offerWorst(i0 + p, logP);
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
            // a variance computed from sums can come out as -1e-16 where the truth is 0 (a collapsed component)
            a[j * d + j] = Math.max(0, a[j * d + j]);
            maxDiag = Math.max(maxDiag, a[j * d + j]);
        }
        switch (type) {
            case FULL: {
                double pivot = Mixture.minPivot(a, d);
                if (!(pivot > 1e-12 * maxDiag)) {
                    report(degenerate, iteration, c, DegenerateComponent.Kind.COLLAPSED);
                }
                double jitter = regularization;
                double step = Math.max(regularization, 1e-10 * Math.max(maxDiag, dataScale));
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
                    if (attempt > 30) {
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
