package dev.segmentation.drift;

import dev.segmentation.internal.ParamChecks;

/**
 * The customary reading of a population stability index (Siddiqi, <i>Credit Risk Scorecards</i>, Wiley 2006,
 * ch. 8; Yurdakul, "Statistical properties of population stability index", 2018): below 0.1 no significant change,
 * 0.1 to 0.25 a moderate change worth watching, 0.25 and above a significant shift that calls for a refit.
 */
public enum Drift {
    /** {@code PSI < 0.1}: no significant change. */
    STABLE,
    /** {@code 0.1 <= PSI < 0.25}: a moderate change; investigate. */
    MODERATE,
    /** {@code PSI >= 0.25}: a significant shift; refit. */
    SIGNIFICANT;

    /** The lower bound of {@link #MODERATE}. */
    public static final double MODERATE_THRESHOLD = 0.1;
    /** The lower bound of {@link #SIGNIFICANT}. */
    public static final double SIGNIFICANT_THRESHOLD = 0.25;

    /**
     * Classifies an index.
     *
     * @param psi a population stability index, finite and {@code >= 0}
     * @return its reading
     * @throws IllegalArgumentException if {@code psi} is negative or not finite
     */
    public static Drift of(double psi) {
        ParamChecks.nonNegative("psi", psi);
        return psi < MODERATE_THRESHOLD ? STABLE : psi < SIGNIFICANT_THRESHOLD ? MODERATE : SIGNIFICANT;
    }
}
