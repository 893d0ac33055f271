package dev.segmentation.clv;

import dev.segmentation.internal.ParamChecks;

/**
 * The optimizer settings shared by the BG/NBD, MBG/NBD and Pareto/NBD trainers: L2 penalty, gradient
 * tolerance, iteration cap, and whether equal rows are compressed into weights. Immutable. Package-private;
 * users set them through each trainer's builder ({@link Builder}).
 */
final class FitSettings {
    final double penalty;
    final double tolerance;
    final int maxIterations;
    final boolean compress;
    /** The weight of the weak prior on the dropout parameters' logs; 0 for none. */
    final double dropoutPenalty;
    /** Threads of a fit's likelihood evaluations; the fit is the same for every count. */
    final int threads;

    private FitSettings(double penalty, double tolerance, int maxIterations, boolean compress,
            double dropoutPenalty, int threads) {
        this.threads = dev.segmentation.internal.ParamChecks.threads(threads);
        this.penalty = ParamChecks.nonNegative("penalty", penalty);
        this.dropoutPenalty = ParamChecks.nonNegative("dropoutPenalty", dropoutPenalty);
        this.tolerance = ParamChecks.positive("tolerance", tolerance);
        this.maxIterations = ParamChecks.atLeast("maxIterations", maxIterations, 1);
        this.compress = compress;
    }

    /**
     * The trainer's {@code toString}: its name and every setting ({@code dropoutPenalty} only when it is not 0,
     * so that the description of a trainer without it reads as before the option existed; likewise {@code threads}
     * only when it is not 1).
     */
    String describe(String trainer) {
        return trainer + "{penalty=" + penalty + ", tolerance=" + tolerance + ", maxIterations=" + maxIterations
                + ", compress=" + compress + (dropoutPenalty == 0 ? "" : ", dropoutPenalty=" + dropoutPenalty)
                + (threads == 1 ? "" : ", threads=" + threads) + "}";
    }

    /**
     * The dropout prior of {@link #dropoutPenalty} on the log-parameters at {@code index}, each centred at the
     * log-parameter at the same position of {@code reference} (-1: centred at 0), or null when the weight is 0.
     */
    LogParamFitter.DropoutPrior dropoutPrior(int[] index, int[] reference) {
        return dropoutPenalty == 0 ? null : new LogParamFitter.DropoutPrior(dropoutPenalty, index, reference);
    }

    /**
     * The builder methods shared by the BTYD trainers' builders; each trainer's public {@code Builder} extends
     * it. Mutable and single-threaded.
     *
     * @param <B> the concrete builder, returned by every setter
     */
    abstract static class Builder<B extends Builder<B>> {
        private double penalty = 0;
        private double tolerance = 1e-8;
        private int maxIterations = 1000;
        private boolean compress = true;
        private double dropoutPenalty = 0;
        private int threads = 1;

        abstract B self();

        /**
         * Sets the threads of the fit's likelihood evaluations. Each evaluation computes the rows' terms over fixed
         * chunks on these threads (Pareto/NBD first its {@code ln I} terms of each distinct (x, t_x) and (x, T), over
         * fixed chunks of those, read-only afterwards) and sums them in row order on the calling thread, so the
         * fitted model is bit for bit the same for every count. The pool lives for one {@code fit}. Default 1.
         *
         * @param threads the thread count, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException if {@code threads < 1}
         */
        public final B threads(int threads) {
            this.threads = dev.segmentation.internal.ParamChecks.threads(threads);
            return self();
        }

        /**
         * Sets the L2 penalty: {@code penalty} times the sum of the squared parameters, added to the mean
         * negative log-likelihood, as lifetimes' {@code penalizer_coef}. Default 0.
         *
         * @param penalty the coefficient, finite and {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if negative or not finite
         */
        public final B penalty(double penalty) {
            this.penalty = ParamChecks.nonNegative("penalty", penalty);
            return self();
        }

        /**
         * Sets the weight {@code lambda} of a weak prior on the dropout parameters (a penalized, MAP fit), for
         * data whose likelihood is highest at the no-dropout boundary and flat there (every customer "alive for
         * sure"). The fit minimizes
         * <pre>{@code -LL / W + penalty * sum(p^2) + lambda * sum_k (log p_k - log c_k)^2}</pre>
         * with W the number of customers and, over the dropout parameters: for BG/NBD and MBG/NBD, {@code a}
         * and {@code b} each centred at {@code c = 1} (the uniform Beta(1, 1) distribution of the dropout
         * probability); for Pareto/NBD, {@code s} centred at 1 and {@code beta} at {@code alpha} (the dropout
         * rates' gamma distribution shaped and scaled like the purchase rates'). This is a normal prior on the
         * log-parameters with variance {@code 1 / (2 lambda W)} (Gelman et al., Bayesian Data Analysis, 3rd ed.,
         * 13.1: the posterior mode as a penalized likelihood), the same per-customer scaling as
         * {@link #penalty(double)}. Unlike {@code penalty}, whose pull towards 0 drives {@code a} and
         * {@code s} further to the no-dropout boundary, it pulls away from that boundary. Default 0: no term,
         * the fit is unchanged bit for bit.
         *
         * @param dropoutPenalty the weight, finite and {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if negative or not finite
         */
        public final B dropoutPenalty(double dropoutPenalty) {
            this.dropoutPenalty = ParamChecks.nonNegative("dropoutPenalty", dropoutPenalty);
            return self();
        }

        /**
         * Sets the convergence tolerance: the max-norm of the gradient of the mean penalized negative
         * log-likelihood with respect to the log-parameters. Default 1e-8.
         *
         * @param tolerance the tolerance, finite and {@code > 0}
         * @return this builder
         * @throws IllegalArgumentException if not positive or not finite
         */
        public final B tolerance(double tolerance) {
            this.tolerance = ParamChecks.positive("tolerance", tolerance);
            return self();
        }

        /**
         * Sets the maximum number of optimizer iterations. Default 1000.
         *
         * @param maxIterations the cap, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public final B maxIterations(int maxIterations) {
            this.maxIterations = ParamChecks.atLeast("maxIterations", maxIterations, 1);
            return self();
        }

        /**
         * Sets whether equal (frequency, recency, T) rows are merged into weights before fitting. Default
         * true; false fits row by row (same optimum up to rounding, slower).
         *
         * @param compress whether to compress
         * @return this builder
         */
        public final B compress(boolean compress) {
            this.compress = compress;
            return self();
        }

        /** Copies a trainer's settings into this builder (for {@code toBuilder}). */
        final B from(FitSettings s) {
            return penalty(s.penalty).tolerance(s.tolerance).maxIterations(s.maxIterations).compress(s.compress)
                    .dropoutPenalty(s.dropoutPenalty).threads(s.threads);
        }

        /** The validated settings; the builder is not changed. */
        final FitSettings settings() {
            return new FitSettings(penalty, tolerance, maxIterations, compress, dropoutPenalty, threads);
        }
    }
}
