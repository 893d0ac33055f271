package dev.segmentation.cluster;

import dev.segmentation.InvalidDataException;
import dev.segmentation.Provenance;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.internal.ChunkRunner;
import dev.segmentation.internal.Internals;
import dev.segmentation.internal.ParamChecks;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mini-batch k-means (Sculley 2010, "Web-scale k-means clustering", WWW; in the batched form of scikit-learn's
 * {@code MiniBatchKMeans}): each step assigns a small random batch to the nearest centres and moves each centre
 * to the running weighted mean of all the rows it has received, {@code c <- (c * W_c + sum_batch w x) / (W_c +
 * sum_batch w)} with {@code W_c} the weight the centre has received so far. Centres that receive little weight
 * are re-seeded at random batch rows. A step costs O(batchSize k d), independently of n.
 *
 * <p>Two uses:
 * <ul>
 *   <li>{@link #fit(FeatureMatrix)} on data in memory: k-means++ on a random sample of {@code initSize} rows
 *   (best of {@code nInit} by inertia on that sample), then {@code maxIterations * n / batchSize} steps on
 *   batches drawn with replacement, stopping early when the smoothed batch inertia has not improved for
 *   {@code maxNoImprovement} steps or the centres move less than {@code tolerance}. A final pass over all rows
 *   gives the inertia and sizes of the returned {@link KMeansModel}.</li>
 *   <li>{@link #partialFit(FeatureMatrix)} / {@link #partialFit(MiniBatchKMeansModel, FeatureMatrix)} for data
 *   that arrives in batches or does not fit in memory: the first batch seeds the centres with k-means++, and
 *   every call makes one step with the whole batch and returns a new model (the previous one is unchanged).</li>
 * </ul>
 *
 * <p>{@code fit} starts a new {@link SplittableRandom} from the seed on every call; a {@code partialFit} step
 * draws from a generator derived from the seed and the number of steps already made, so replaying the same
 * batches gives the same model. Instances are immutable and safe for concurrent use.
 */
public final class MiniBatchKMeans implements Segmenter {
    private static final Logger LOG = LoggerFactory.getLogger(MiniBatchKMeans.class);

    private final int k;
    private final int batchSize;
    private final int maxIterations;
    private final int nInit;
    private final int initSize;
    private final int maxNoImprovement;
    private final double tolerance;
    private final double reassignmentRatio;
    private final long seed;
    private final int threads;

    private MiniBatchKMeans(Builder b) {
        this.k = b.k;
        this.batchSize = b.batchSize;
        this.maxIterations = b.maxIterations;
        this.nInit = b.nInit;
        this.initSize = b.initSize;
        this.maxNoImprovement = b.maxNoImprovement;
        this.tolerance = b.tolerance;
        this.reassignmentRatio = b.reassignmentRatio;
        this.seed = b.seed;
        this.threads = b.threads;
    }

    /**
     * Returns a builder with the defaults of scikit-learn 1.2: {@code k = 8}, {@code batchSize = 1024},
     * {@code maxIterations = 100} (passes over the data), {@code nInit = 3}, {@code initSize = 0} (meaning
     * {@code 3 * batchSize}, at least {@code 3 * k}), {@code maxNoImprovement = 10}, {@code tolerance = 0},
     * {@code reassignmentRatio = 0.01}, {@code seed = 0}, {@code threads = 1}.
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
        b.batchSize = batchSize;
        b.maxIterations = maxIterations;
        b.nInit = nInit;
        b.initSize = initSize;
        b.maxNoImprovement = maxNoImprovement;
        b.tolerance = tolerance;
        b.reassignmentRatio = reassignmentRatio;
        b.seed = seed;
        b.threads = threads;
        return b;
    }

    /**
     * Returns the number of clusters.
     *
     * @return k
     */
    public int k() {
        return k;
    }

    /**
     * Fits on data held in memory, with unit weights.
     *
     * @param x the rows, n x d. Not modified (read in place).
     * @return a k-means model whose {@code iterations()} counts mini-batch steps and whose inertia and sizes come
     *     from a final pass over all rows; its {@code history()} is empty
     * @throws InvalidDataException as {@link KMeans#fit(FeatureMatrix)}
     */
    public KMeansModel fit(FeatureMatrix x) {
        return fit(x, null);
    }

    /**
     * Fits on data held in memory, with sample weights.
     *
     * @param x the rows, n x d. Not modified (read in place).
     * @param weights one positive finite weight per row, or null. Not modified.
     * @return the fitted model
     * @throws InvalidDataException as {@link KMeans#fit(FeatureMatrix, double[])}
     */
    public KMeansModel fit(FeatureMatrix x, double[] weights) {
        Objects.requireNonNull(x, "x");
        long fingerprint = DataChecks.requireUsable(x);
        int n = x.rows();
        int d = x.columns();
        double[] w = DataChecks.requireWeights(weights, n);
        double[] data = Internals.data(x);
        DataChecks.requireDistinct(data, n, d, k);
        long start = System.nanoTime();
        SplittableRandom rng = new SplittableRandom(seed);
        double toleranceAbs = tolerance == 0 ? 0 : tolerance * DataChecks.meanVariance(data, n, d);
        try (ChunkRunner runner = new ChunkRunner(threads, "minibatch")) {
            double[] centres = initialize(data, n, d, w, rng, runner);
            double[] counts = new double[k];
            long steps = Math.max(1L, (long) maxIterations * n / batchSize);
            int[] batch = new int[batchSize];
            Step step = new Step(k, d, batchSize);
            double alpha = Math.min(1.0, batchSize * 2.0 / (n + 1));
            double ewa = Double.NaN;
            double ewaMin = Double.POSITIVE_INFINITY;
            int noImprovement = 0;
            boolean converged = false;
            long s = 0;
            while (s < steps) {
                for (int b = 0; b < batchSize; b++) {
                    batch[b] = rng.nextInt(n);
                }
                double shift = step.run(data, batch, batchSize, w, centres, counts, reassignmentRatio, rng);
                s++;
                double batchInertia = step.inertia / batchSize;
                if (s == 1) {
                    continue;
                }
                if (toleranceAbs > 0 && shift <= toleranceAbs) {
                    converged = true;
                    break;
                }
                ewa = Double.isNaN(ewa) ? batchInertia : ewa * (1 - alpha) + batchInertia * alpha;
                LOG.debug("mini-batch step {}: batch inertia {}, smoothed {}", s, batchInertia, ewa);
                if (ewa < ewaMin) {
                    noImprovement = 0;
                    ewaMin = ewa;
                } else {
                    noImprovement++;
                }
                if (maxNoImprovement > 0 && noImprovement >= maxNoImprovement) {
                    converged = true;
                    break;
                }
            }
            Lloyd lloyd = new Lloyd(data, n, d, k, w, runner);
            LloydStats stats = lloyd.fullPass(centres);
            LOG.info("mini-batch k-means fit: n={}, d={}, k={}, {} steps (converged: {}), inertia {}, {} ms", n, d,
                    k, s, converged, stats.inertia, (System.nanoTime() - start) / 1_000_000);
            return new KMeansModel(x.names().toArray(new String[0]), k, centres, stats.inertia,
                    (int) Math.min(Integer.MAX_VALUE, s), converged, stats.counts, List.of(), Provenance.notRecorded(),
                    n)
                    .withProvenance(Provenance.builder(this).rows(n).columns(x.names()).dataFingerprint(fingerprint)
                            .iterations(s, converged).build());
        }
    }

    /** k-means++ on nInit random samples of initSize rows; keeps the seeds with the lowest sample inertia. */
    private double[] initialize(double[] data, int n, int d, double[] w, SplittableRandom rng, ChunkRunner runner) {
        int size = initSize > 0 ? initSize : 3 * batchSize;
        if (size < k) {
            size = 3 * k;
        }
        size = Math.min(size, n);
        double[] best = null;
        double bestInertia = Double.POSITIVE_INFINITY;
        for (int r = 0; r < nInit; r++) {
            double[] sample;
            double[] sw;
            int m;
            if (size == n) {
                sample = data;
                sw = w;
                m = n;
            } else {
                m = size;
                sample = new double[m * d];
                sw = w == null ? null : new double[m];
                for (int i = 0; i < m; i++) {
                    int row = rng.nextInt(n);
                    System.arraycopy(data, row * d, sample, i * d, d);
                    if (sw != null) {
                        sw[i] = w[row];
                    }
                }
                if (DataChecks.distinctRows(sample, m, d, k) < k) {
                    sample = data;
                    sw = w;
                    m = n;
                }
            }
            double[] centres = new KMeansPlusPlus(sample, m, d, sw, runner).seed(k, rng);
            double inertia = 0;
            for (int i = 0; i < m; i++) {
                int c = Step.nearest(sample, i * d, centres, k, d);
                double wi = sw == null ? 1.0 : sw[i];
                inertia += wi * LloydKernels.distance2(sample, i * d, centres, c * d, d);
            }
            if (inertia < bestInertia) {
                bestInertia = inertia;
                best = centres;
            }
        }
        return best;
    }

    /**
     * Starts a stream: seeds the centres with k-means++ on this batch, then makes one step with it.
     *
     * @param batch the first batch, with at least k distinct rows. Not modified.
     * @return a new model
     * @throws InvalidDataException as {@link KMeans#fit(FeatureMatrix)}
     */
    public MiniBatchKMeansModel partialFit(FeatureMatrix batch) {
        Objects.requireNonNull(batch, "batch");
        return step(null, batch, null);
    }

    /**
     * Makes one step with a new batch: assigns its rows to the nearest centres of {@code previous} and moves
     * each centre to the running weighted mean of everything it received. {@code previous} is not changed.
     *
     * @param previous the model after the earlier batches, made by {@code partialFit} of a trainer with the same
     *     k; not null
     * @param batch the new rows, of the same width. Not modified.
     * @return a new model
     * @throws InvalidDataException if the batch has no rows, a non-finite value, or another width
     *     ("batch: columns must be 3, found 4")
     * @throws IllegalArgumentException if previous has another k
     */
    public MiniBatchKMeansModel partialFit(MiniBatchKMeansModel previous, FeatureMatrix batch) {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(batch, "batch");
        return step(previous, batch, null);
    }

    /**
     * Makes one step with a weighted batch; see {@link #partialFit(MiniBatchKMeansModel, FeatureMatrix)}.
     *
     * @param previous the model after the earlier batches, or null to start a stream with this batch
     * @param batch the new rows. Not modified.
     * @param weights one positive finite weight per batch row, or null. Not modified.
     * @return a new model
     * @throws InvalidDataException as {@link #partialFit(MiniBatchKMeansModel, FeatureMatrix)}, or for bad weights
     */
    public MiniBatchKMeansModel partialFit(MiniBatchKMeansModel previous, FeatureMatrix batch, double[] weights) {
        Objects.requireNonNull(batch, "batch");
        return step(previous, batch, weights);
    }

    private MiniBatchKMeansModel step(MiniBatchKMeansModel previous, FeatureMatrix batch, double[] weights) {
        if (batch.rows() == 0) {
            throw new InvalidDataException("batch: rows must be >= 1, found 0", -1, null, null);
        }
        int d = batch.columns();
        if (previous != null) {
            if (previous.k() != k) {
                throw new IllegalArgumentException("previous.k() must be " + k + ", found " + previous.k());
            }
            if (previous.dimension() != d) {
                throw new InvalidDataException("batch: columns must be " + previous.dimension() + ", found " + d,
                        -1, null, null);
            }
        }
        DataChecks.requireUsable(batch);
        int m = batch.rows();
        double[] w = DataChecks.requireWeights(weights, m);
        double[] data = Internals.data(batch);
        long steps = previous == null ? 0 : previous.steps();
        SplittableRandom rng = new SplittableRandom(mix(seed, steps));
        double[] centres;
        double[] counts;
        String[] names;
        long rows;
        if (previous == null) {
            DataChecks.requireDistinct(data, m, d, k);
            try (ChunkRunner runner = new ChunkRunner(threads, "minibatch")) {
                centres = new KMeansPlusPlus(data, m, d, w, runner).seed(k, rng);
            }
            counts = new double[k];
            names = batch.names().toArray(new String[0]);
            rows = 0;
        } else {
            centres = previous.centresInternal();
            counts = previous.counts();
            names = previous.namesInternal();
            rows = previous.rowsSeen();
        }
        int[] all = new int[m];
        for (int i = 0; i < m; i++) {
            all[i] = i;
        }
        Step st = new Step(k, d, m);
        st.run(data, all, m, w, centres, counts, reassignmentRatio, rng);
        return new MiniBatchKMeansModel(names, k, centres, counts, steps + 1, rows + m, st.inertia,
                Provenance.notRecorded())
                .withProvenance(Provenance.builder(this).rows(rows + m).columns(List.of(names)).build());
    }

    private static long mix(long seed, long steps) {
        long z = seed + (steps + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Lists every hyperparameter, for provenance.
     *
     * @return for example {@code MiniBatchKMeans{k=8, batchSize=1024, maxIterations=100, nInit=3, initSize=0,
     *     maxNoImprovement=10, tolerance=0.0, reassignmentRatio=0.01, seed=0, threads=1}}
     */
    @Override
    public String toString() {
        return "MiniBatchKMeans{k=" + k + ", batchSize=" + batchSize + ", maxIterations=" + maxIterations
                + ", nInit=" + nInit + ", initSize=" + initSize + ", maxNoImprovement=" + maxNoImprovement
                + ", tolerance=" + tolerance + ", reassignmentRatio=" + reassignmentRatio + ", seed=" + seed
                + ", threads=" + threads + "}";
    }

    /** One mini-batch step: assignment, centre update, optional re-seeding of starved centres. */
    static final class Step {
        private final int k;
        private final int d;
        private final int[] labels;
        private final double[] sums;
        private final double[] bw;
        double inertia;

        Step(int k, int d, int capacity) {
            this.k = k;
            this.d = d;
            this.labels = new int[capacity];
            this.sums = new double[k * d];
            this.bw = new double[k];
        }

        static int nearest(double[] x, int o, double[] centres, int k, int d) {
            int best = 0;
            double bestD = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double s = LloydKernels.distance2(x, o, centres, c * d, d);
                if (s < bestD) {
                    bestD = s;
                    best = c;
                }
            }
            return best;
        }

        /** Runs the step on rows rows[0..m) of x; updates centres and counts; returns the squared shift. */
        double run(double[] x, int[] rows, int m, double[] w, double[] centres, double[] counts, double ratio,
                SplittableRandom rng) {
            java.util.Arrays.fill(sums, 0.0);
            java.util.Arrays.fill(bw, 0.0);
            inertia = 0;
            for (int b = 0; b < m; b++) {
                int o = rows[b] * d;
                int c = nearest(x, o, centres, k, d);
                labels[b] = c;
                double wi = w == null ? 1.0 : w[rows[b]];
                inertia += wi * LloydKernels.distance2(x, o, centres, c * d, d);
                for (int j = 0; j < d; j++) {
                    sums[c * d + j] += wi * x[o + j];
                }
                bw[c] += wi;
            }
            double shift = 0;
            for (int c = 0; c < k; c++) {
                if (bw[c] > 0) {
                    double total = counts[c] + bw[c];
                    for (int j = 0; j < d; j++) {
                        int q = c * d + j;
                        double updated = (centres[q] * counts[c] + sums[q]) / total;
                        double t = updated - centres[q];
                        shift += t * t;
                        centres[q] = updated;
                    }
                    counts[c] = total;
                }
            }
            if (ratio > 0) {
                shift += reassign(x, rows, m, centres, counts, ratio, rng);
            }
            return shift;
        }

        /** Re-seeds centres whose received weight is below ratio times the largest, at random batch rows. */
        private double reassign(double[] x, int[] rows, int m, double[] centres, double[] counts, double ratio,
                SplittableRandom rng) {
            double max = 0;
            for (double c : counts) {
                max = Math.max(max, c);
            }
            int[] starved = new int[k];
            int count = 0;
            double keptMin = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (counts[c] < ratio * max) {
                    starved[count++] = c;
                } else {
                    keptMin = Math.min(keptMin, counts[c]);
                }
            }
            count = Math.min(count, m / 2);
            double shift = 0;
            int[] picked = new int[count];
            for (int s = 0; s < count; s++) {
                int c = starved[s];
                int pos = pickDistinct(rng, m, picked, s);
                picked[s] = pos;
                int o = rows[pos] * d;
                for (int j = 0; j < d; j++) {
                    double t = x[o + j] - centres[c * d + j];
                    shift += t * t;
                    centres[c * d + j] = x[o + j];
                }
                counts[c] = keptMin;
                LOG.debug("mini-batch: centre {} re-seeded (received weight below {} of the largest)", c, ratio);
            }
            return shift;
        }
    }

    /** Draws a batch position in [0, m) not among picked[0..s). */
    private static int pickDistinct(SplittableRandom rng, int m, int[] picked, int s) {
        while (true) {
            int pos = rng.nextInt(m);
            boolean fresh = true;
            for (int q = 0; q < s && fresh; q++) {
                fresh = picked[q] != pos;
            }
            if (fresh) {
                return pos;
            }
        }
    }

    /**
     * Builds {@link MiniBatchKMeans} trainers. Mutable and not thread-safe; {@link #build()} does not change it.
     */
    public static final class Builder {
        private int k = 8;
        private int batchSize = 1024;
        private int maxIterations = 100;
        private int nInit = 3;
        private int initSize = 0;
        private int maxNoImprovement = 10;
        private double tolerance = 0;
        private double reassignmentRatio = 0.01;
        private long seed = 0;
        private int threads = 1;

        private Builder() {
        }

        /**
         * Sets the number of clusters. Default 8.
         *
         * @param k the number of clusters, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException "k must be >= 1, found 0"
         */
        public Builder k(int k) {
            this.k = ParamChecks.atLeast("k", k, 1);
            return this;
        }

        /**
         * Sets the rows per step in {@code fit}. Default 1024.
         *
         * @param batchSize the batch size, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException "batchSize must be >= 1, found 0"
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = checkPositive("batchSize", batchSize);
            return this;
        }

        /**
         * Sets the maximum number of passes over the data in {@code fit}: at most
         * {@code maxIterations * n / batchSize} steps. Default 100.
         *
         * @param maxIterations the number of passes, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException "maxIterations must be >= 1, found 0"
         */
        public Builder maxIterations(int maxIterations) {
            this.maxIterations = ParamChecks.atLeast("maxIterations", maxIterations, 1);
            return this;
        }

        /**
         * Sets the number of k-means++ seedings tried in {@code fit}, each on its own random sample. Default 3.
         *
         * @param nInit the number of seedings, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException "nInit must be >= 1, found 0"
         */
        public Builder nInit(int nInit) {
            this.nInit = ParamChecks.atLeast("nInit", nInit, 1);
            return this;
        }

        /**
         * Sets the number of rows sampled for each seeding; 0 means {@code 3 * batchSize} (at least
         * {@code 3 * k}). Default 0.
         *
         * @param initSize the sample size, {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException "initSize must be >= 0, found -1"
         */
        public Builder initSize(int initSize) {
            ParamChecks.atLeast("initSize", initSize, 0);
            this.initSize = initSize;
            return this;
        }

        /**
         * Sets early stopping: {@code fit} stops when the exponentially weighted average of the batch inertia
         * has not improved for this many consecutive steps; 0 disables it. Default 10.
         *
         * @param maxNoImprovement the number of steps, {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException "maxNoImprovement must be >= 0, found -1"
         */
        public Builder maxNoImprovement(int maxNoImprovement) {
            ParamChecks.atLeast("maxNoImprovement", maxNoImprovement, 0);
            this.maxNoImprovement = maxNoImprovement;
            return this;
        }

        /**
         * Sets early stopping on centre movement: {@code fit} stops when the squared movement of the centres in
         * one step is at most {@code tolerance} times the mean per-column variance; 0 disables it. Default 0.
         *
         * @param tolerance the relative tolerance, finite and {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException "tolerance must be finite and >= 0, found -1.0"
         */
        public Builder tolerance(double tolerance) {
            this.tolerance = ParamChecks.nonNegative("tolerance", tolerance);
            return this;
        }

        /**
         * Sets the re-seeding threshold: centres that received less than this fraction of the weight of the
         * most-fed centre are moved to random batch rows (checked after every step; at most half a batch of
         * centres at once) and given the smallest weight of the others; 0 disables it. Default 0.01.
         *
         * @param reassignmentRatio the fraction, in {@code [0, 1]}
         * @return this builder
         * @throws IllegalArgumentException "reassignmentRatio must be in [0, 1], found 2.0"
         */
        public Builder reassignmentRatio(double reassignmentRatio) {
            this.reassignmentRatio = checkRatio(reassignmentRatio);
            return this;
        }

        /**
         * Sets the seed. Default 0.
         *
         * @param seed any value
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the threads used for seeding and the final pass of {@code fit}; results do not depend on it.
         * Default 1.
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
         * Builds the trainer, re-checking every setting.
         *
         * @return an immutable trainer
         * @throws IllegalArgumentException if a setting is out of range
         */
        public MiniBatchKMeans build() {
            ParamChecks.atLeast("k", k, 1);
            checkPositive("batchSize", batchSize);
            ParamChecks.atLeast("maxIterations", maxIterations, 1);
            ParamChecks.atLeast("nInit", nInit, 1);
            ParamChecks.nonNegative("tolerance", tolerance);
            checkRatio(reassignmentRatio);
            ParamChecks.threads(threads);
            return new MiniBatchKMeans(this);
        }

        private static int checkPositive(String name, int v) {
            return ParamChecks.atLeast(name, v, 1);
        }

        private static double checkRatio(double r) {
            ParamChecks.requireArgument(r >= 0 && r <= 1, "reassignmentRatio must be in [0, 1], found %s", r);
            return r;
        }
    }
}
