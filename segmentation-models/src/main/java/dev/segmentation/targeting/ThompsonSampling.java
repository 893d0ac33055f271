package dev.segmentation.targeting;

import dev.segmentation.internal.ParamChecks;
import java.util.SplittableRandom;

/**
 * Thompson sampling for campaign variants with binary outcomes (Beta-Bernoulli; Thompson 1933, Biometrika
 * 25(3/4); Chapelle and Li 2011, NIPS): each arm's conversion rate has a {@code Beta(alpha + successes, beta +
 * failures)} posterior; each round draws one rate per arm and plays the largest. Its expected regret grows
 * logarithmically with the number of rounds (Agrawal and Goyal 2012, COLT).
 *
 * <pre>{@code
 * ThompsonSampling.Allocator a = ThompsonSampling.builder().arms(3).seed(7).build().allocator();
 * int arm = a.choose();          // show variant `arm` to the next customer
 * a.update(arm, converted);      // record the outcome
 * }</pre>
 *
 * <p>Beta variates are {@code X / (X + Y)} with {@code X ~ Gamma(a)}, {@code Y ~ Gamma(b)} from Marsaglia and
 * Tsang's (2000) method (ACM TOMS 26(3)), shape below 1 boosted by {@code U^(1/a)}, and normals from the polar
 * method, all from one {@link SplittableRandom} started from the seed per allocator: the same seed and the same
 * outcomes give the same choices.
 *
 * <p>Instances are immutable and safe for concurrent use; each {@link Allocator} is mutable and not.
 */
public final class ThompsonSampling {
    private final int arms;
    private final long seed;
    private final double priorAlpha;
    private final double priorBeta;

    private ThompsonSampling(Builder b) {
        arms = b.arms;
        seed = b.seed;
        priorAlpha = b.priorAlpha;
        priorBeta = b.priorBeta;
    }

    /**
     * Returns a builder; defaults: 2 arms, seed 42, prior {@code Beta(1, 1)} (uniform).
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a new allocator with no observations.
     *
     * @return a new allocator, seeded from {@link Builder#seed(long)}
     */
    public Allocator allocator() {
        return new Allocator(this);
    }

    @Override
    public String toString() {
        return "ThompsonSampling{arms=" + arms + ", seed=" + seed + ", priorAlpha=" + priorAlpha + ", priorBeta="
                + priorBeta + "}";
    }

    /** The running bandit: mutable and not thread-safe. */
    public static final class Allocator {
        private final ThompsonSampling config;
        private final SplittableRandom random;
        private final long[] successes;
        private final long[] failures;

        private Allocator(ThompsonSampling config) {
            this.config = config;
            random = new SplittableRandom(config.seed);
            successes = new long[config.arms];
            failures = new long[config.arms];
        }

        /**
         * Draws one rate per arm from its posterior and returns the arm with the largest (the first on ties).
         *
         * @return an arm in [0, arms)
         */
        public int choose() {
            int best = 0;
            double bestX = -1;
            for (int k = 0; k < successes.length; k++) {
                double x = beta(config.priorAlpha + successes[k], config.priorBeta + failures[k]);
                if (x > bestX) {
                    bestX = x;
                    best = k;
                }
            }
            return best;
        }

        /**
         * Records the outcome of playing an arm.
         *
         * @param arm the arm played
         * @param success whether the customer converted
         * @throws IllegalArgumentException if the arm is out of range: {@code "arm must be in [0, 3), found 3"}
         */
        public void update(int arm, boolean success) {
            if (arm < 0 || arm >= successes.length) {
                throw new IllegalArgumentException("arm must be in [0, " + successes.length + "), found " + arm);
            }
            if (success) {
                successes[arm]++;
            } else {
                failures[arm]++;
            }
        }

        /**
         * Returns the number of times each arm was played (successes plus failures).
         *
         * @return a new array, one count per arm
         */
        public long[] pulls() {
            long[] p = new long[successes.length];
            for (int k = 0; k < p.length; k++) {
                p[k] = successes[k] + failures[k];
            }
            return p;
        }

        /**
         * Returns the posterior mean conversion rate of each arm, {@code (alpha + s) / (alpha + beta + s + f)}.
         *
         * @return a new array, one mean per arm
         */
        public double[] posteriorMeans() {
            double[] m = new double[successes.length];
            for (int k = 0; k < m.length; k++) {
                m[k] = (config.priorAlpha + successes[k])
                        / (config.priorAlpha + config.priorBeta + successes[k] + failures[k]);
            }
            return m;
        }

        private double beta(double a, double b) {
            double x = gamma(a);
            double y = gamma(b);
            return x / (x + y);
        }

        private double gamma(double shape) {
            if (shape < 1) {
                double u = 1.0 - random.nextDouble();
                return gamma(shape + 1) * Math.pow(u, 1 / shape);
            }
            double d = shape - 1.0 / 3.0;
            double c = 1 / Math.sqrt(9 * d);
            while (true) {
                double x;
                double v;
                do {
                    x = normal();
                    v = 1 + c * x;
                } while (v <= 0);
                v = v * v * v;
                double u = 1.0 - random.nextDouble();
                if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                    return d * v;
                }
            }
        }

        private double normal() {
            double u;
            double v;
            double s;
            do {
                u = 2 * random.nextDouble() - 1;
                v = 2 * random.nextDouble() - 1;
                s = u * u + v * v;
            } while (s >= 1 || s == 0);
            return u * Math.sqrt(-2 * Math.log(s) / s);
        }
    }

    /** A mutable, single-threaded builder of {@link ThompsonSampling}. */
    public static final class Builder {
        private int arms = 2;
        private long seed = 42;
        private double priorAlpha = 1;
        private double priorBeta = 1;

        private Builder() {
        }

        /**
         * Sets the number of arms (campaign variants).
         *
         * @param arms at least 2; default 2
         * @return this builder
         * @throws IllegalArgumentException if below 2: {@code "arms must be >= 2, found 1"}
         */
        public Builder arms(int arms) {
            this.arms = ParamChecks.atLeast("arms", arms, 2);
            return this;
        }

        /**
         * Sets the seed.
         *
         * @param seed any value; default 42
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the Beta prior of every arm.
         *
         * @param alpha prior successes, finite and greater than 0; default 1
         * @param beta prior failures, finite and greater than 0; default 1
         * @return this builder
         * @throws IllegalArgumentException if not positive: {@code "priorAlpha must be finite and > 0, found 0.0"}
         */
        public Builder prior(double alpha, double beta) {
            ParamChecks.positive("priorAlpha", alpha);
            ParamChecks.positive("priorBeta", beta);
            priorAlpha = alpha;
            priorBeta = beta;
            return this;
        }

        /**
         * Builds the configuration; the builder is not changed.
         *
         * @return a new immutable configuration
         */
        public ThompsonSampling build() {
            return new ThompsonSampling(this);
        }
    }
}
