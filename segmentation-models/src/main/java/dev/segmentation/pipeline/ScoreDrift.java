package dev.segmentation.pipeline;

import dev.segmentation.drift.Drift;
import dev.segmentation.drift.DriftReport;
import dev.segmentation.drift.PopulationStability;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
     * The drift of a window scored with a bundle, from its customers per segment: the form a distributed scorer
     * merges (counts summed over partitions), equal to {@link BundleScorer}'s for the same customers.
     *
     * @param features the per-feature drift ({@code PopulationStabilityModel.compare} of the window, or of its
     *     summed counts); not null
     * @param catalog the bundle's catalog, whose entries give the training share of each segment id; not null
     * @param customersPerSegment the window's customers per segment id, one count per catalog entry, each
     *     {@code >= 0}, at least one customer in all. Not modified.
     * @param epsilon the stand-in for a share of 0 (the baseline's {@code epsilon()}), in (0, 1)
     * @return the drift
     * @throws IllegalArgumentException if there is not one count per segment, a count is negative or all are 0, or
     *     epsilon is outside (0, 1)
     */
    public static ScoreDrift of(DriftReport features, SegmentCatalog catalog, long[] customersPerSegment,
            double epsilon) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(customersPerSegment, "customersPerSegment");
        int k = catalog.segments().size();
        if (customersPerSegment.length != k) {
            throw new IllegalArgumentException("customersPerSegment length must be " + k + " (one per segment), "
                    + "found " + customersPerSegment.length);
        }
        long n = 0;
        for (int c = 0; c < k; c++) {
            if (customersPerSegment[c] < 0) {
                throw new IllegalArgumentException("customersPerSegment[" + c + "] must be >= 0, found "
                        + customersPerSegment[c]);
            }
            n += customersPerSegment[c];
        }
        if (n == 0) {
            throw new IllegalArgumentException("customersPerSegment must sum to >= 1, found 0");
        }
        double[] training = new double[k];
        double[] window = new double[k];
        for (int c = 0; c < k; c++) {
            training[c] = catalog.segments().get(c).share();
            window[c] = (double) customersPerSegment[c] / n;
        }
        double psi = PopulationStability.index(training, window, epsilon);
        return new ScoreDrift(features, training, window, psi);
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

    /**
     * Returns the drift as ordered fields for JSON, the {@code drift} object of the {@code score} command:
     * {@code features} (per model feature {@code psi} and {@code verdict}), {@code segments} ({@code psi},
     * {@code verdict}, {@code trainingShares}, {@code windowShares}) and the overall {@code verdict} (the worse of
     * the features' and the segments'); a non-finite number as null.
     *
     * @return a new ordered map
     */
    public Map<String, Object> toMap() {
        Map<String, Object> byFeature = new LinkedHashMap<>();
        double[] psi = features.psi();
        List<String> names = features.features();
        for (int j = 0; j < psi.length; j++) {
            byFeature.put(names.get(j), psiAndVerdict(psi[j]));
        }
        Map<String, Object> segments = psiAndVerdict(segmentPsi);
        segments.put("trainingShares", finite(trainingShares));
        segments.put("windowShares", finite(windowShares));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("features", byFeature);
        out.put("segments", segments);
        Drift overall = features.drift().compareTo(segmentDrift()) >= 0 ? features.drift() : segmentDrift();
        out.put("verdict", overall.name());
        return out;
    }

    /**
     * The warning of the {@code score} commands when the drift is significant (of the features or of the segment
     * shares), if it is.
     *
     * @return the warning, without the {@code "warning: "} prefix, or empty
     */
    public Optional<String> warning() {
        if (features.drift() == Drift.SIGNIFICANT || segmentDrift() == Drift.SIGNIFICANT) {
            return Optional.of("drift: the customers differ significantly from the bundle's training data (PSI >= "
                    + Drift.SIGNIFICANT_THRESHOLD + "); consider refitting with run --previous-models");
        }
        return Optional.empty();
    }

    private static Map<String, Object> psiAndVerdict(double psi) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("psi", Double.isFinite(psi) ? psi : null);
        m.put("verdict", Drift.of(psi).name());
        return m;
    }

    private static List<Double> finite(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double x : v) {
            out.add(Double.isFinite(x) ? x : null);
        }
        return out;
    }

    @Override
    public String toString() {
        return "ScoreDrift{features=" + features + ", segmentPsi=" + segmentPsi + ", trainingShares="
                + Arrays.toString(trainingShares) + ", windowShares=" + Arrays.toString(windowShares) + "}";
    }
}
