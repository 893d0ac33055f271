package dev.segmentation.cluster;

import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.internal.ParamChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Chooses the number of segments: fits a trainer for every k in {@code [kMin, kMax]} and reports, per k, the
 * quality measures of {@link ClusterQuality} (silhouette, Calinski-Harabasz, Davies-Bouldin) and, for Gaussian
 * mixtures, the log-likelihood, BIC and AIC; see {@link KSweepResult#best(Criterion)}.
 *
 * <p>Each k is fitted with {@code trainer.toBuilder().k(k).build()}: every other setting, the seed included,
 * comes from the given trainer, so refitting the chosen k reproduces the swept model bit for bit. The silhouette
 * is exact when n is at most {@code silhouetteSample}, else computed on a seeded sample of that many rows.
 *
 * <p>Example:
 * <pre>{@code
 * KSweepResult sweep = KSweep.builder().kMin(2).kMax(8).build().kMeans(KMeans.builder().seed(1).build(), x);
 * int k = sweep.best(KSweep.Criterion.SILHOUETTE);
 * }</pre>
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
public final class KSweep {
    private final int kMin;
    private final int kMax;
    private final int silhouetteSample;
    private final long seed;

    /** Which measure picks the best k. */
    public enum Criterion {
        /** Highest mean silhouette. */
        SILHOUETTE,
        /** Highest Calinski-Harabasz index. */
        CALINSKI_HARABASZ,
        /** Lowest Davies-Bouldin index. */
        DAVIES_BOULDIN,
        /** Lowest Bayesian information criterion (Gaussian mixtures only). */
        BIC,
        /** Lowest Akaike information criterion (Gaussian mixtures only). */
        AIC
    }

    private KSweep(Builder b) {
        this.kMin = b.kMin;
        this.kMax = b.kMax;
        this.silhouetteSample = b.silhouetteSample;
        this.seed = b.seed;
    }

    /**
     * Returns a builder with the defaults {@code kMin = 2}, {@code kMax = 10}, {@code silhouetteSample = 10000},
     * {@code seed = 0}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sweeps k-means over k.
     *
     * @param trainer the settings for every k (its own k is ignored); not null
     * @param x the rows. Not modified.
     * @return one row per k, in increasing k; log-likelihood, BIC and AIC are NaN
     * @throws dev.segmentation.InvalidDataException as {@link KMeans#fit(FeatureMatrix)} (for example when kMax
     *     exceeds the number of distinct rows)
     */
    public KSweepResult kMeans(KMeans trainer, FeatureMatrix x) {
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(x, "x");
        List<KSweepRow> rows = new ArrayList<>();
        for (int k = kMin; k <= kMax; k++) {
            KMeansModel m = trainer.toBuilder().k(k).build().fit(x);
            int[] labels = m.predict(x);
            double[] q = quality(x, labels);
            rows.add(new KSweepRow(k, m.inertia(), q[0], q[1], q[2], Double.NaN, Double.NaN, Double.NaN,
                    m.iterations(), m.converged()));
        }
        return new KSweepResult(rows);
    }

    /**
     * Sweeps Gaussian mixtures over k.
     *
     * @param trainer the settings for every k (its own k is ignored; it must not have initial means); not null
     * @param x the rows. Not modified.
     * @return one row per k, in increasing k; inertia is NaN, the partition is the most probable component
     * @throws dev.segmentation.InvalidDataException as {@link GaussianMixture#fit(FeatureMatrix)}
     * @throws IllegalArgumentException if the trainer has initial means (their number fixes k)
     */
    public KSweepResult gaussianMixture(GaussianMixture trainer, FeatureMatrix x) {
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(x, "x");
        List<KSweepRow> rows = new ArrayList<>();
        for (int k = kMin; k <= kMax; k++) {
            GaussianMixtureModel m = trainer.toBuilder().k(k).build().fit(x);
            int[] labels = m.predict(x);
            double[] q = quality(x, labels);
            rows.add(new KSweepRow(k, Double.NaN, q[0], q[1], q[2], m.logLikelihood(), m.bic(), m.aic(),
                    m.iterations(), m.converged()));
        }
        return new KSweepResult(rows);
    }

    /** Silhouette, Calinski-Harabasz and Davies-Bouldin; NaN when the partition has fewer than 2 or n labels. */
    private double[] quality(FeatureMatrix x, int[] labels) {
        int n = x.rows();
        long distinct = java.util.Arrays.stream(labels).distinct().count();
        if (distinct < 2 || distinct > n - 1) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double sil;
        if (n <= silhouetteSample) {
            sil = ClusterQuality.silhouette(x, labels);
        } else {
            double s;
            try {
                s = ClusterQuality.silhouette(x, labels, silhouetteSample, seed);
            } catch (dev.segmentation.InvalidDataException e) {
                s = Double.NaN; // the sample held fewer than 2 clusters
            }
            sil = s;
        }
        return new double[] {sil, ClusterQuality.calinskiHarabasz(x, labels), ClusterQuality.daviesBouldin(x, labels)};
    }

    /**
     * Lists every setting.
     *
     * @return for example {@code KSweep{kMin=2, kMax=10, silhouetteSample=10000, seed=0}}
     */
    @Override
    public String toString() {
        return "KSweep{kMin=" + kMin + ", kMax=" + kMax + ", silhouetteSample=" + silhouetteSample + ", seed=" + seed
                + "}";
    }

    /**
     * Builds {@link KSweep}s. Mutable and not thread-safe; {@link #build()} does not change it.
     */
    public static final class Builder {
        private int kMin = 2;
        private int kMax = 10;
        private int silhouetteSample = 10_000;
        private long seed = 0;

        private Builder() {
        }

        /**
         * Sets the smallest k. Default 2. At k = 1 the silhouette, Calinski-Harabasz and Davies-Bouldin are
         * undefined (NaN) but the BIC is not.
         *
         * @param kMin the smallest k, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException "kMin must be >= 1, found 0"
         */
        public Builder kMin(int kMin) {
            ParamChecks.atLeast("kMin", kMin, 1);
            this.kMin = kMin;
            return this;
        }

        /**
         * Sets the largest k. Default 10.
         *
         * @param kMax the largest k, {@code >= kMin}
         * @return this builder
         * @throws IllegalArgumentException "kMax must be >= 1, found 0"
         */
        public Builder kMax(int kMax) {
            ParamChecks.atLeast("kMax", kMax, 1);
            this.kMax = kMax;
            return this;
        }

        /**
         * Sets the number of rows the silhouette is computed on when n is larger (exact otherwise). Default
         * 10,000.
         *
         * @param silhouetteSample the sample size, {@code >= 2}
         * @return this builder
         * @throws IllegalArgumentException "silhouetteSample must be >= 2, found 1"
         */
        public Builder silhouetteSample(int silhouetteSample) {
            ParamChecks.atLeast("silhouetteSample", silhouetteSample, 2);
            this.silhouetteSample = silhouetteSample;
            return this;
        }

        /**
         * Sets the seed of the silhouette sample. Default 0.
         *
         * @param seed any value
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Builds the sweep.
         *
         * @return an immutable sweep
         * @throws IllegalArgumentException "kMax must be >= kMin = 5, found 3"
         */
        public KSweep build() {
            if (kMax < kMin) {
                throw new IllegalArgumentException("kMax must be >= kMin = " + kMin + ", found " + kMax);
            }
            return new KSweep(this);
        }
    }
}
