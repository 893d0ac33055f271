package dev.segmentation.clv;

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

    private FitSettings(double penalty, double tolerance, int maxIterations, boolean compress) {
        this.penalty = Checks.nonNegative("penalty", penalty);
        this.tolerance = Checks.positive("tolerance", tolerance);
        this.maxIterations = Checks.atLeastOne("maxIterations", maxIterations);
        this.compress = compress;
    }

    /** The trainer's {@code toString}: its name and every setting. */
    String describe(String trainer) {
        return trainer + "{penalty=" + penalty + ", tolerance=" + tolerance + ", maxIterations=" + maxIterations
                + ", compress=" + compress + "}";
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

        abstract B self();

        /**
         * Sets the L2 penalty: {@code penalty} times the sum of the squared parameters, added to the mean
         * negative log-likelihood, as lifetimes' {@code penalizer_coef}. Default 0.
         *
         * @param penalty the coefficient, finite and {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if negative or not finite
         */
        public final B penalty(double penalty) {
            this.penalty = Checks.nonNegative("penalty", penalty);
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
            this.tolerance = Checks.positive("tolerance", tolerance);
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
            this.maxIterations = Checks.atLeastOne("maxIterations", maxIterations);
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
            return penalty(s.penalty).tolerance(s.tolerance).maxIterations(s.maxIterations).compress(s.compress);
        }

        /** The validated settings; the builder is not changed. */
        final FitSettings settings() {
            return new FitSettings(penalty, tolerance, maxIterations, compress);
        }
    }
}
