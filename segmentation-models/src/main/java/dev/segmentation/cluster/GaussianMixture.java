package dev.segmentation.cluster;

import dev.segmentation.Provenance;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.internal.ChunkRunner;
import dev.segmentation.internal.Internals;
import dev.segmentation.internal.ParamChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gaussian mixture model fitted by expectation-maximization: {@code p(x) = sum_c pi_c N(x | mu_c, Sigma_c)}.
 *
 * <p><b>Algorithm.</b> Each of {@code nInit} runs starts from a k-means fit (one k-means++ run with
 * scikit-learn's k-means tolerance 1e-4, as its {@code init_params="kmeans"}) or from given initial means: the
 * rows' hard assignments give the initial weights, means and covariances. EM then alternates, in one data pass
 * per iteration, the E-step in log space (responsibilities
 * {@code r_ic = exp(log pi_c + log N(x_i | mu_c, Sigma_c) - log p(x_i))}, log-sum-exp) with the M-step
 * {@code pi_c = N_c / n}, {@code mu_c = sum_i r_ic x_i / N_c},
 * {@code Sigma_c = sum_i r_ic (x_i - mu_c)(x_i - mu_c)^T / N_c + regularization I} (Bishop 2006, eq. 9.24-9.27;
 * the diagonal of it for {@link CovarianceType#DIAGONAL}, the mean of that diagonal for
 * {@link CovarianceType#SPHERICAL}). A run stops when the mean log-likelihood per row changes by less than
 * {@code tolerance} (scikit-learn's {@code tol}) or after {@code maxIterations}; the run with the highest final
 * log-likelihood is kept. Full covariances are factorized with EJML's Cholesky; the per-row work is a d x d
 * triangular product per component, O(n k d^2) per iteration.
 *
 * <p><b>Monotonicity and degeneracy.</b> Without regularization, every EM iteration keeps or raises the
 * log-likelihood (Dempster, Laird and Rubin 1977); the regularizer (default 1e-6, as scikit-learn) turns the
 * M-step into a penalized one, so the log-likelihood may then move by about {@code regularization * n}. A
 * component that collapses onto a point or a subspace is kept invertible by the regularizer (raised if needed)
 * and reported; a component that loses all responsibility is re-seeded at the worst-explained row and reported
 * ({@link GaussianMixtureModel#degenerateComponents()}). No NaN is ever produced.
 *
 * <p><b>Determinism and threads.</b> {@link #fit} starts a new {@link SplittableRandom} from the seed on every
 * call; rows are processed in fixed chunks whose statistics are merged in chunk order, so the model is
 * bit-identical with any number of threads.
 *
 * <p>Example:
 * <pre>{@code
 * GaussianMixtureModel gmm = GaussianMixture.builder().k(4).covariance(CovarianceType.DIAGONAL).seed(7)
 *         .build().fit(features);
 * double bic = gmm.bic();
 * }</pre>
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
public final class GaussianMixture implements Segmenter {
    private static final Logger LOG = LoggerFactory.getLogger(GaussianMixture.class);

    private final int k;
    private final CovarianceType covariance;
    private final double regularization;
    private final int maxIterations;
    private final double tolerance;
    private final int nInit;
    private final long seed;
    private final int threads;
    private final double[][] initialMeans;

    private GaussianMixture(Builder b) {
        this.k = b.k;
        this.covariance = b.covariance;
        this.regularization = b.regularization;
        this.maxIterations = b.maxIterations;
        this.tolerance = b.tolerance;
        this.nInit = b.nInit;
        this.seed = b.seed;
        this.threads = b.threads;
        this.initialMeans = copy(b.initialMeans);
    }

    /**
     * Returns a builder with scikit-learn's defaults: {@code k = 1}, {@code covariance = FULL},
     * {@code regularization = 1e-6}, {@code maxIterations = 100}, {@code tolerance = 1e-3}, {@code nInit = 1},
     * {@code seed = 0}, {@code threads = 1}, k-means initialization.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding this trainer's settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.k = k;
        b.covariance = covariance;
        b.regularization = regularization;
        b.maxIterations = maxIterations;
        b.tolerance = tolerance;
        b.nInit = nInit;
        b.seed = seed;
        b.threads = threads;
        b.initialMeans = copy(initialMeans);
        return b;
    }

    /**
     * Returns the number of components.
     *
     * @return k
     */
    public int k() {
        return k;
    }

    /**
     * Returns the covariance shape.
     *
     * @return covariance
     */
    public CovarianceType covariance() {
        return covariance;
    }

    /**
     * Returns the value added to the diagonal of every covariance.
     *
     * @return regularization
     */
    public double regularization() {
        return regularization;
    }

    /**
     * Returns the maximum number of EM iterations per run.
     *
     * @return maxIterations
     */
    public int maxIterations() {
        return maxIterations;
    }

    /**
     * Returns the convergence tolerance on the change of the mean log-likelihood per row.
     *
     * @return tolerance
     */
    public double tolerance() {
        return tolerance;
    }

    /**
     * Returns the number of EM runs.
     *
     * @return nInit
     */
    public int nInit() {
        return nInit;
    }

    /**
     * Returns the seed of the k-means starts.
     *
     * @return seed
     */
    public long seed() {
        return seed;
    }

    /**
     * Returns the given initial means, or null when every run starts from k-means.
     *
     * @return a copy of the k x d means, or null
     */
    public double[][] initialMeans() {
        return copy(initialMeans);
    }

    /**
     * Returns the k-means trainers that start the {@code nInit} EM runs, in run order, exactly as {@link #fit}
     * draws them: one k-means++ run each, tolerance 1e-4 (scikit-learn's k-means default), this trainer's k and
     * threads, and a seed taken from a {@link SplittableRandom} on {@link #seed()} split once per run. An engine
     * that runs EM elsewhere starts each run from these trainers' centres (with {@code nInit(1)} and
     * {@link Builder#initialMeans}) to reproduce {@link #fit}'s starts. Empty when initial means are given.
     *
     * @return an immutable list of {@code nInit} trainers, or an empty list
     */
    public List<KMeans> startTrainers() {
        if (initialMeans != null) {
            return List.of();
        }
        SplittableRandom root = new SplittableRandom(seed);
        List<KMeans> starts = new ArrayList<>(nInit);
        for (int r = 0; r < nInit; r++) {
            SplittableRandom rng = root.split();
            starts.add(KMeans.builder().k(k).nInit(1).tolerance(1e-4).seed(rng.nextLong()).threads(threads).build());
        }
        return List.copyOf(starts);
    }

    /**
     * Fits the mixture.
     *
     * @param x the rows, n x d. Not modified (read in place, never copied).
     * @return the fitted model
     * @throws dev.segmentation.InvalidDataException if x has no rows, holds NaN or an infinite value (row and column
     *     named), has all rows identical, has fewer distinct rows than k, or a width different from the initial
     *     means'
     */
    public GaussianMixtureModel fit(FeatureMatrix x) {
        Objects.requireNonNull(x, "x");
        long fingerprint = DataChecks.requireUsable(x);
        int n = x.rows();
        int d = x.columns();
        double[] data = Internals.data(x);
        checkWidth(d);
        DataChecks.requireDistinct(data, n, d, k);
        long start = System.nanoTime();
        Em.Result best;
        try (ChunkRunner runner = new ChunkRunner(threads, "gmm")) {
            Em em = new Em(new Em.InMemory(data, n, d, k, covariance, runner), n, d, k, covariance, regularization,
                    Em.columnMean(data, n, d), Em.columnVariance(data, n, d));
            int[] labels = new int[n];
            best = runs(em, new Start() {
                private KMeansModel km;

                @Override
                public double[] kMeans(KMeans trainer) {
                    km = trainer.fit(x);
                    return flatten(km.centroidArray());
                }

                @Override
                public EmStats hard(double[] ref, boolean fromKMeans) {
                    if (fromKMeans) {
                        km.predict(x, labels);
                    } else {
                        for (int i = 0; i < n; i++) {
                            labels[i] = MiniBatchKMeans.Step.nearest(data, i * d, ref, k, d);
                        }
                    }
                    return Em.hardStats(data, n, d, k, covariance, labels, ref);
                }
            });
        }
        log(best, n, d, start);
        return new GaussianMixtureModel(x.names().toArray(new String[0]), best.mixture, best.logLikelihoods,
                best.iterations, best.converged, best.degenerate, Provenance.notRecorded(), n)
                .withProvenance(Provenance.builder(this).rows(n).columns(x.names()).dataFingerprint(fingerprint)
                        .iterations(best.iterations, best.converged).objectiveHistory(best.logLikelihoods).build());
    }

    /**
     * Fits the mixture with data passes run elsewhere: the expert seam for distributed engines (e.g.
     * {@code dev.segmentation.spark.SparkGaussianMixture}). The algorithm, initialization, M-steps, stopping rule
     * and run selection are those of {@link #fit(FeatureMatrix)}, on the calling thread; every pass over the rows
     * is asked of {@code passes} ({@link EmPasses#kMeans}, {@link EmPasses#hard}, one {@link EmPasses#pass} per
     * iteration and a final one). If the passes return the statistics the single-JVM fit computes for the same
     * rows (the same fixed chunks merged in chunk order, and the same column moments), the model is the same;
     * moments or k-means fits computed otherwise change it by their rounding only. The threads setting is not
     * used here, the distinct-rows check is not made (the passes' rows are not at hand), and the model records no
     * data fingerprint (0); its training row count is capped at {@link Integer#MAX_VALUE}.
     *
     * @param passes the data passes; not null
     * @return the fitted model
     * @throws dev.segmentation.InvalidDataException if there are no rows, or their width differs from the initial
     *     means'
     * @throws IllegalArgumentException if the column moments are not d finite values
     */
    public GaussianMixtureModel fit(EmPasses passes) {
        Objects.requireNonNull(passes, "passes");
        List<String> names = List.copyOf(passes.names());
        long n = passes.rows();
        int d = names.size();
        if (n < 1) {
            throw new dev.segmentation.InvalidDataException("x: rows must be >= 1, found " + n, -1, null, null);
        }
        checkWidth(d);
        double[] means = ParamChecks.finite("columnMeans", passes.columnMeans(), d, "one per column");
        double[] variances = ParamChecks.finite("columnVariances", passes.columnVariances(), d, "one per column");
        long start = System.nanoTime();
        Em em = new Em(new Em.Data() {
            @Override
            public EmStats pass(EmParameters parameters) {
                return passes.pass(parameters);
            }

            @Override
            public double[] row(long index) {
                return passes.row(index);
            }
        }, n, d, k, covariance, regularization, means, variances);
        Em.Result best = runs(em, new Start() {
            @Override
            public double[] kMeans(KMeans trainer) {
                return flatten(passes.kMeans(trainer).centroidArray());
            }

            @Override
            public EmStats hard(double[] ref, boolean fromKMeans) {
                return passes.hard(ref, k, covariance);
            }
        });
        log(best, n, d, start);
        int rows = (int) Math.min(n, Integer.MAX_VALUE);
        return new GaussianMixtureModel(names.toArray(new String[0]), best.mixture, best.logLikelihoods,
                best.iterations, best.converged, best.degenerate, Provenance.notRecorded(), rows)
                .withProvenance(Provenance.builder(this).rows(n).columns(names)
                        .iterations(best.iterations, best.converged).objectiveHistory(best.logLikelihoods).build());
    }

    /** The data side of a run's start: the k-means centres, and the hard statistics about the start means. */
    private interface Start {
        double[] kMeans(KMeans trainer);

        EmStats hard(double[] ref, boolean fromKMeans);
    }

    /** The nInit runs from k-means (or the given means), best final log-likelihood kept. */
    private Em.Result runs(Em em, Start start) {
        List<KMeans> starts = startTrainers();
        Em.Result best = null;
        for (int r = 0; r < nInit; r++) {
            double[] ref;
            boolean fromKMeans = initialMeans == null;
            if (fromKMeans) {
                ref = start.kMeans(starts.get(r));
            } else {
                ref = flatten(initialMeans);
            }
            Em.Result run = em.run(start.hard(ref, fromKMeans), ref, maxIterations, tolerance);
            LOG.debug("GMM run {} of {}: log-likelihood {} after {} iterations (converged: {})", r + 1, nInit,
                    run.logLikelihood(), run.iterations, run.converged);
            if (best == null || run.logLikelihood() > best.logLikelihood()) {
                best = run;
            }
        }
        return best;
    }

    private void log(Em.Result best, long n, int d, long start) {
        LOG.info("GMM fit: n={}, d={}, k={}, covariance {}, best of {} runs: log-likelihood {} after {} iterations"
                + " (converged: {}), {} degenerate component reports, {} ms", n, d, k, covariance, nInit,
                best.logLikelihood(), best.iterations, best.converged, best.degenerate.size(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private void checkWidth(int d) {
        if (initialMeans != null && initialMeans[0].length != d) {
            throw new dev.segmentation.InvalidDataException("x: columns must be " + initialMeans[0].length
                    + " (the width of initialMeans), found " + d, -1, null, null);
        }
    }

    private static double[] flatten(double[][] c) {
        int d = c[0].length;
        double[] out = new double[c.length * d];
        for (int i = 0; i < c.length; i++) {
            System.arraycopy(c[i], 0, out, i * d, d);
        }
        return out;
    }

    private static double[][] copy(double[][] a) {
        if (a == null) {
            return null;
        }
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    /**
     * Lists every hyperparameter, for provenance.
     *
     * @return for example {@code GaussianMixture{k=1, covariance=FULL, regularization=1.0E-6, maxIterations=100,
     *     tolerance=0.001, nInit=1, seed=0, threads=1, init=kmeans}}
     */
    @Override
    public String toString() {
        String init = initialMeans == null ? "kmeans" : "given(" + initialMeans.length + "x" + initialMeans[0].length
                + ")";
        return "GaussianMixture{k=" + k + ", covariance=" + covariance + ", regularization=" + regularization
                + ", maxIterations=" + maxIterations + ", tolerance=" + tolerance + ", nInit=" + nInit + ", seed="
                + seed + ", threads=" + threads + ", init=" + init + "}";
    }

    /**
     * Builds {@link GaussianMixture} trainers. Mutable and not thread-safe; {@link #build()} does not change it.
     */
    public static final class Builder {
        private int k = 1;
        private CovarianceType covariance = CovarianceType.FULL;
        private double regularization = 1e-6;
        private int maxIterations = 100;
        private double tolerance = 1e-3;
        private int nInit = 1;
        private long seed = 0;
        private int threads = 1;
        private double[][] initialMeans;

        private Builder() {
        }

        /**
         * Sets the number of components. Default 1.
         *
         * @param k the number of components, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException "k must be >= 1, found 0"
         */
        public Builder k(int k) {
            this.k = ParamChecks.atLeast("k", k, 1);
            return this;
        }

        /**
         * Sets the covariance shape. Default {@link CovarianceType#FULL}.
         *
         * @param covariance the shape; not null
         * @return this builder
         */
        public Builder covariance(CovarianceType covariance) {
            this.covariance = Objects.requireNonNull(covariance, "covariance");
            return this;
        }

        /**
         * Sets the value added to the diagonal of every covariance (scikit-learn's {@code reg_covar}), which
         * keeps collapsed components invertible. Default 1e-6.
         *
         * @param regularization the value, finite and {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException "regularization must be finite and >= 0, found -1.0"
         */
        public Builder regularization(double regularization) {
            this.regularization = ParamChecks.nonNegative("regularization", regularization);
            return this;
        }

        /**
         * Sets the maximum number of EM iterations per run. Default 100.
         *
         * @param maxIterations the cap, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException "maxIterations must be >= 1, found 0"
         */
        public Builder maxIterations(int maxIterations) {
            this.maxIterations = ParamChecks.atLeast("maxIterations", maxIterations, 1);
            return this;
        }

        /**
         * Sets the convergence tolerance on the change of the mean log-likelihood per row between iterations;
         * 0 runs {@code maxIterations}. Default 1e-3.
         *
         * @param tolerance the tolerance, finite and {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException "tolerance must be finite and >= 0, found -1.0"
         */
        public Builder tolerance(double tolerance) {
            this.tolerance = ParamChecks.nonNegative("tolerance", tolerance);
            return this;
        }

        /**
         * Sets the number of runs from different k-means initializations; the best log-likelihood is kept.
         * Default 1.
         *
         * @param nInit the number of runs, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException "nInit must be >= 1, found 0"
         */
        public Builder nInit(int nInit) {
            this.nInit = ParamChecks.atLeast("nInit", nInit, 1);
            return this;
        }

        /**
         * Sets the seed (k-means initialization). Default 0.
         *
         * @param seed any value
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the number of threads of the pool created for each fit; results do not depend on it. Default 1.
         *
         * @param threads the number of threads, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException "threads must be >= 1, found 0"
         */
        public Builder threads(int threads) {
            this.threads = ParamChecks.threads(threads);
            return this;
        }

        /**
         * Initializes from given means instead of k-means: rows are assigned to the nearest mean and the
         * initial parameters are those clusters' weights, means and covariances. Sets k to the number of rows;
         * {@code nInit} must then be 1.
         *
         * @param means k rows of equal width d, finite. Not modified (copied).
         * @return this builder
         * @throws IllegalArgumentException if empty, jagged or not finite: "initialMeans must be non-empty, found
         *     0 rows", "initialMeans row 1 must have width 2, found 3", "initialMeans[1][0] must be finite, found
         *     NaN"
         */
        public Builder initialMeans(double[][] means) {
            Objects.requireNonNull(means, "means");
            if (means.length == 0) {
                throw new IllegalArgumentException("initialMeans must be non-empty, found 0 rows");
            }
            int d = means[0].length;
            if (d == 0) {
                throw new IllegalArgumentException("initialMeans row 0 must have width >= 1, found 0");
            }
            for (int i = 0; i < means.length; i++) {
                if (means[i].length != d) {
                    throw new IllegalArgumentException("initialMeans row " + i + " must have width " + d + ", found "
                            + means[i].length);
                }
                for (int j = 0; j < d; j++) {
                    if (!Double.isFinite(means[i][j])) {
                        throw new IllegalArgumentException("initialMeans[" + i + "][" + j + "] must be finite, found "
                                + means[i][j]);
                    }
                }
            }
            this.initialMeans = copy(means);
            this.k = means.length;
            return this;
        }

        /**
         * Builds the trainer, re-checking every setting and their combination.
         *
         * @return an immutable trainer
         * @throws IllegalArgumentException if a setting is out of range, "nInit must be 1 when initialMeans are
         *     given, found 3", or "k must equal the number of initialMeans (3), found 4"
         */
        public GaussianMixture build() {
            ParamChecks.atLeast("k", k, 1);
            ParamChecks.nonNegative("regularization", regularization);
            ParamChecks.atLeast("maxIterations", maxIterations, 1);
            ParamChecks.nonNegative("tolerance", tolerance);
            ParamChecks.atLeast("nInit", nInit, 1);
            ParamChecks.threads(threads);
            if (initialMeans != null) {
                if (k != initialMeans.length) {
                    throw new IllegalArgumentException("k must equal the number of initialMeans (" + initialMeans.length
                            + "), found " + k);
                }
                if (nInit != 1) {
                    throw new IllegalArgumentException("nInit must be 1 when initialMeans are given, found " + nInit);
                }
            }
            return new GaussianMixture(this);
        }
    }
}
