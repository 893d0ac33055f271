package dev.segmentation.drift;

import java.util.List;
import java.util.Objects;

/**
 * The PSI of each feature between a reference and a window, with its {@link Drift} reading.
 *
 * <p>Instances are immutable and safe for concurrent use: arrays are copied out. Null is never accepted or
 * returned.
 */
public final class DriftReport {
    private final List<String> names;
    private final double[] psi;

    DriftReport(List<String> names, double[] psi) {
        this.names = List.copyOf(names);
        this.psi = psi.clone();
    }

    /**
     * Returns the features, in reference column order.
     *
     * @return an unmodifiable list
     */
    public List<String> features() {
        return names;
    }

    /**
     * Returns each feature's PSI.
     *
     * @return a new array parallel to {@link #features()}
     */
    public double[] psi() {
        return psi.clone();
    }

    /**
     * Returns one feature's PSI.
     *
     * @param feature a feature's name
     * @return its index
     * @throws IllegalArgumentException if there is no such feature
     */
    public double psi(String feature) {
        Objects.requireNonNull(feature, "feature");
        int j = names.indexOf(feature);
        if (j < 0) {
            throw new IllegalArgumentException("feature must be one of " + names + ", found \"" + feature + "\"");
        }
        return psi[j];
    }

    /**
     * Returns the largest PSI over the features.
     *
     * @return the maximum
     */
    public double maxPsi() {
        double m = 0;
        for (double v : psi) {
            m = Math.max(m, v);
        }
        return m;
    }

    /**
     * Returns the reading of the most drifted feature: {@link Drift#SIGNIFICANT} means refit.
     *
     * @return {@code Drift.of(maxPsi())}
     */
    public Drift drift() {
        return Drift.of(maxPsi());
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("DriftReport{");
        for (int j = 0; j < psi.length; j++) {
            s.append(j == 0 ? "" : ", ").append(names.get(j)).append('=').append(psi[j]);
        }
        return s.append(", drift=").append(drift()).append('}').toString();
    }
}
