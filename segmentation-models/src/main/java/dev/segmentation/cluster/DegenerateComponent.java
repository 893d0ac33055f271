package dev.segmentation.cluster;

/**
 * A Gaussian mixture component that degenerated during EM, and what the fit did about it. Reported once per
 * component and kind (the first iteration it happened) by {@link GaussianMixtureModel#degenerateComponents()}.
 *
 * @param iteration the EM iteration (from 1) of the first occurrence; 0 for the initialization
 * @param component the component index
 * @param kind what happened
 */
public record DegenerateComponent(int iteration, int component, Kind kind) {
    /** What happened to a component. */
    public enum Kind {
        /**
         * The component's covariance was singular before the regularizer was added (it collapsed onto a single
         * point or a lower-dimensional subspace); the regularizer, raised if needed, kept it positive definite,
         * so the log-likelihood stayed finite.
         */
        COLLAPSED,
        /**
         * The component lost all its responsibility (its weight underflowed); it was re-seeded at the row with
         * the lowest likelihood under the current mixture, with the data's per-column variance. A re-seed may
         * lower the log-likelihood for that iteration.
         */
        RESEEDED
    }
}
