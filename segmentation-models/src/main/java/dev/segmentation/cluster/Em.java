package dev.segmentation.cluster;

import dev.segmentation.internal.ChunkRunner;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expectation-maximization for Gaussian mixtures (Dempster, Laird and Rubin 1977; the updates of Bishop 2006,
 * section 9.2.2), in log space: responsibilities are {@code r_ic = exp(log pi_c + log N(x_i | mu_c, Sigma_c) -
 * log p(x_i))} with {@code log p(x_i)} by log-sum-exp. One data pass ({@link Data#pass}) computes the
 * log-likelihood of the current parameters and the sufficient statistics of the next ({@link EmStats}); the
 * M-step (this class, on one machine) uses only the merged statistics, the column moments and, to re-seed an
 * empty component, one row. The data passes run over in-memory chunks ({@link InMemory}) or elsewhere
 * ({@link EmPasses}, e.g. Spark partitions); both run the kernels of {@link EmKernel} on the same fixed chunks.
 */
final class Em {
    private static final Logger LOG = LoggerFactory.getLogger(GaussianMixture.class);
    /** A component whose responsibilities sum to less than this (in rows) is empty and is re-seeded. */
    static final double EMPTY = 1e-6;

    /** The data side of EM: merged statistics of one pass, and single rows for re-seeding. */
    interface Data {
        /** The statistics of every row under the given parameters, merged in a fixed order. */
        EmStats pass(EmParameters parameters);

        /** The row with the given 0-based index. */
        double[] row(long index);
    }

    private final Data data;
    private final long n;
    private final int d;
    private final int k;
    private final CovarianceType type;
    private final double regularization;
    private final double[] columnVariance;
    /** Mean per-column variance of the data, the scale of the jitter that keeps covariances invertible. */
    private final double dataScale;
    /** Column means: the reference point of the full-covariance statistics. */
    private final double[] columnMean;
    /** columnMean repeated k times (the per-component reference the M-step expects). */
    private final double[] meanRef;

    Em(Data data, long n, int d, int k, CovarianceType type, double regularization, double[] columnMean,
            double[] columnVariance) {
        this.data = data;
        this.n = n;
        this.d = d;
        this.k = k;
        this.type = type;
        this.regularization = regularization;
        this.columnVariance = columnVariance.clone();
        double scale = 0;
        for (double v : columnVariance) {
            scale += v / d;
        }
        this.dataScale = scale > 0 ? scale : 1.0;
        this.columnMean = columnMean.clone();
        this.meanRef = new double[k * d];
        for (int c = 0; c < k; c++) {
            System.arraycopy(columnMean, 0, meanRef, c * d, d);
        }
    }

    /** Column means, summed row by row. */
    static double[] columnMean(double[] x, int n, int d) {
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        return mean;
    }

    /** Population column variances about the column means, summed row by row. */
    static double[] columnVariance(double[] x, int n, int d) {
        double[] mean = columnMean(x, n, d);
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

    /** The statistics of hard assignments (labels) about the per-cluster reference means ref, row by row. */
    static EmStats hardStats(double[] x, int n, int d, int k, CovarianceType type, int[] labels, double[] ref) {
        EmStats s = new EmStats(k, d, type);
        for (int i = 0; i < n; i++) {
            s.addHard(x, i * d, labels[i], ref);
        }
        return s;
    }

    /** In-memory data: fixed chunks of a row-major matrix, run by a ChunkRunner and merged in chunk order. */
    static final class InMemory implements Data {
        private final double[] x;
        private final int n;
        private final int d;
        private final int k;
        private final CovarianceType type;
        private final ChunkRunner runner;
        private final EmStats[] partial;
        private final EmKernel[] kernels;

        InMemory(double[] x, int n, int d, int k, CovarianceType type, ChunkRunner runner) {
            this.x = x;
            this.n = n;
            this.d = d;
            this.k = k;
            this.type = type;
            this.runner = runner;
            this.partial = new EmStats[ChunkRunner.chunks(n)];
            for (int c = 0; c < partial.length; c++) {
                partial[c] = new EmStats(k, d, type);
            }
            this.kernels = new EmKernel[runner.workers()];
            for (int w = 0; w < kernels.length; w++) {
                kernels[w] = new EmKernel(d, k, type);
            }
        }

        @Override
        public EmStats pass(EmParameters p) {
            runner.run(partial.length, (c, worker) -> kernels[worker].run(x, ChunkRunner.from(c),
                    ChunkRunner.to(c, n), 0, p.mixture, p.columnMean, p.statistics(), partial[c]));
            EmStats total = new EmStats(k, d, type);
            for (EmStats s : partial) {
                total.merge(s);
            }
            return total;
        }

        @Override
        public double[] row(long index) {
            int o = (int) index * d;
            return java.util.Arrays.copyOfRange(x, o, o + d);
        }
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
     * Runs EM from the statistics of hard initial assignments (init, about the reference means ref, k x d): the
     * initial parameters are the per-cluster weights, means and covariances. Stops when the mean log-likelihood
     * per row changes by less than {@code tolerance} between iterations (scikit-learn's rule) or after
     * maxIterations.
     */
    Result run(EmStats init, double[] ref, int maxIterations, double tolerance) {
        List<DegenerateComponent> degenerate = new ArrayList<>();
        Mixture mix = mStep(init, ref, 0, degenerate);
        List<Double> history = new ArrayList<>();
        double previous = Double.NEGATIVE_INFINITY;
        boolean converged = false;
        int it = 0;
        while (it < maxIterations) {
            it++;
            EmStats stats = data.pass(new EmParameters(mix, columnMean, it, true));
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
        EmStats last = data.pass(new EmParameters(mix, columnMean, it, false));
        history.add(last.logLikelihood);
        double[] lls = new double[history.size()];
        for (int i = 0; i < lls.length; i++) {
            lls[i] = history.get(i);
        }
        return new Result(mix, lls, it, converged, List.copyOf(degenerate));
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
                long row = -1;
                while (nextWorst < k && row < 0) {
                    row = s.worstRow[nextWorst++];
                }
                if (row < 0) {
                    row = 0;
                }
                System.arraycopy(data.row(row), 0, means, mb, d);
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
