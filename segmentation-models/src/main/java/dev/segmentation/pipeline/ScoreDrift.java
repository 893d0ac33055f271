package dev.segmentation.pipeline;

import dev.segmentation.drift.Drift;
import dev.segmentation.drift.DriftReport;
import java.util.Arrays;
import java.util.Objects;

/**
 * The population drift of a scored window against a bundle's training data ({@link BundleScorer}): the
 * population stability index of every model feature (the bundle's {@code baseline}, 10 quantile bins) and of
 * the segment shares (the catalog's training shares against the window's), each read with
 * {@link Drift#of(double)}: below 0.1 STABLE, below 0.25 MODERATE, else SIGNIFICANT.
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never accepted or returned.
 */
public final class ScoreDrift {
    private final DriftReport features;
    private final double[] trainingShares;
    private final double[] windowShares;
    private final double segmentPsi;

    ScoreDrift(DriftReport features, double[] trainingShares, double[] windowShares, double segmentPsi) {
        this.features = Objects.requireNonNull(features, "features");
        this.trainingShares = trainingShares.clone();
        this.windowShares = windowShares.clone();
        this.segmentPsi = segmentPsi;
    }

    /**
     * Returns the per-feature drift.
     *
     * @return the report (PSI per model feature)
     */
    public DriftReport features() {
        return features;
    }

    /**
     * Returns the PSI of the segment shares.
     *
     * @return the index, {@code >= 0}
     */
    public double segmentPsi() {
        return segmentPsi;
    }

    /**
     * Returns the verdict on the segment shares.
     *
     * @return {@link Drift#of(double)} of {@link #segmentPsi()}
     */
    public Drift segmentDrift() {
        return Drift.of(segmentPsi);
    }

    /**
     * Returns the training share of each segment id.
     *
     * @return a copy
     */
    public double[] trainingShares() {
        return trainingShares.clone();
    }

    /**
     * Returns the window's share of each segment id.
     *
     * @return a copy
     */
    public double[] windowShares() {
        return windowShares.clone();
    }

    @Override
    public String toString() {
        return "ScoreDrift{features=" + features + ", segmentPsi=" + segmentPsi + ", trainingShares="
                + Arrays.toString(trainingShares) + ", windowShares=" + Arrays.toString(windowShares) + "}";
    }
}
