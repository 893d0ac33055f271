package dev.segmentation.drift;

import dev.segmentation.InvalidDataException;
import dev.segmentation.Provenance;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.features.QuantileBinner;
import dev.segmentation.features.QuantileBinnerModel;
import dev.segmentation.internal.ParamChecks;
import java.util.Objects;

/**
 * Population stability index (PSI) between a reference sample (the fitting data) and a new window:
 * {@code PSI = sum_i (a_i - e_i) ln(a_i / e_i)} over bins i, with {@code e_i} the reference share and {@code a_i}
 * the window share of bin i (Siddiqi 2006, ch. 8; Yurdakul 2018, eq. 1). It is the symmetrized Kullback-Leibler
 * divergence of the two binned distributions, so it is {@code >= 0} and 0 only for equal shares. A share of 0 is
 * replaced by {@link Builder#epsilon(double)} (default 1e-4) so that an empty bin gives a large, finite index;
 * shares are not renormalized afterwards. Read the index with {@link Drift#of(double)} (thresholds 0.1 and 0.25).
 *
 * <p>Per feature, {@link #fit(FeatureMatrix)} cuts each reference column into {@link Builder#bins(int)} quantile
 * bins (default 10, deciles) with {@link QuantileBinner}'s edges and tie rule, and records the reference shares;
 * {@link PopulationStabilityModel#compare(FeatureMatrix)} bins a window with the same edges. For segments,
 * {@link #segmentIndex(int[], int[], int, double)} compares the shares of each segment label directly.
 *
 * <pre>{@code
 * PopulationStabilityModel reference = PopulationStability.builder().build().fit(fittingFeatures);
 * DriftReport report = reference.compare(thisMonthsFeatures);
 * if (report.drift() == Drift.SIGNIFICANT) { ... refit ... }
 * }</pre>
 *
 * <p>Cost: fit sorts each column, O(n d log n); compare is O(n d log bins). Instances are immutable and safe for
 * concurrent use. Null is never accepted or returned.
 */
public final class PopulationStability {
    private final int bins;
    private final double epsilon;

    private PopulationStability(Builder b) {
        this.bins = b.bins;
        this.epsilon = b.epsilon;
    }

    /**
     * Starts a builder with 10 bins and epsilon 1e-4.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Bins every column of the reference sample and records its shares.
     *
     * @param reference the fitting data, at least one row, all values finite. Not modified.
     * @return the reference, ready to compare windows with
     * @throws InvalidDataException if the matrix has no rows or a value is not finite
     */
    public PopulationStabilityModel fit(FeatureMatrix reference) {
        Objects.requireNonNull(reference, "reference");
        if (reference.rows() == 0) {
            throw new InvalidDataException("reference must have >= 1 rows, found 0");
        }
        QuantileBinnerModel binner = QuantileBinner.builder().bins(bins).build().fit(reference);
        return new PopulationStabilityModel(Provenance.notRecorded(), binner, shares(binner, reference, bins), epsilon)
                .withProvenance(Provenance.builder(this).data(reference).notIterative().build());
    }

    /** Shares of each bin per column, row-major d x bins. */
    static double[] shares(QuantileBinnerModel binner, FeatureMatrix x, int bins) {
        FeatureMatrix scores = binner.transform(x);
        int d = x.columns();
        double[] counts = new double[d * bins];
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < d; j++) {
                counts[j * bins + (int) scores.get(i, j) - 1]++;
            }
        }
        for (int p = 0; p < counts.length; p++) {
            counts[p] /= x.rows();
        }
        return counts;
    }

    /**
     * Computes the PSI of two share vectors: {@code sum_i (a_i - e_i) ln(a_i / e_i)}, shares of 0 replaced by
     * {@code epsilon}.
     *
     * @param expected the reference shares, each in [0, 1]. Not modified.
     * @param actual the window shares, each in [0, 1], as many. Not modified.
     * @param epsilon the stand-in for a share of 0, in (0, 1)
     * @return the index, {@code >= 0}
     * @throws IllegalArgumentException if the lengths differ, a share is outside [0, 1] or epsilon outside (0, 1)
     */
    public static double index(double[] expected, double[] actual, double epsilon) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
        checkEpsilon(epsilon);
        if (expected.length != actual.length) {
            throw new IllegalArgumentException("actual must have length " + expected.length + " (one per bin), found "
                    + actual.length);
        }
        return index(expected, 0, actual, 0, expected.length, epsilon);
    }

    static double index(double[] expected, int eo, double[] actual, int ao, int n, double epsilon) {
        double psi = 0;
        for (int i = 0; i < n; i++) {
            double e = share("expected", i, expected[eo + i], epsilon);
            double a = share("actual", i, actual[ao + i], epsilon);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }

    private static double share(String name, int i, double s, double epsilon) {
        if (!(s >= 0 && s <= 1)) {
            throw new IllegalArgumentException(name + "[" + i + "] must be in [0, 1], found " + s);
        }
        return s == 0 ? epsilon : s;
    }

    /**
     * Computes the PSI of segment shares: the share of each label {@code 0..k-1} in the reference assignment
     * against the window's.
     *
     * @param reference the segments of the fitting rows, each in {@code [0, k)}, at least one. Not modified.
     * @param window the segments of the new window's rows, each in {@code [0, k)}, at least one. Not modified.
     * @param k the number of segments, {@code >= 1}
     * @param epsilon the stand-in for a share of 0, in (0, 1)
     * @return the index, {@code >= 0}
     * @throws IllegalArgumentException if {@code k < 1}, a label is out of range, an assignment is empty or epsilon
     *     is outside (0, 1)
     */
    public static double segmentIndex(int[] reference, int[] window, int k, double epsilon) {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(window, "window");
        ParamChecks.atLeast("k", k, 1);
        checkEpsilon(epsilon);
        return index(segmentShares("reference", reference, k), segmentShares("window", window, k), epsilon);
    }

    private static double[] segmentShares(String name, int[] labels, int k) {
        if (labels.length == 0) {
            throw new IllegalArgumentException(name + " must have >= 1 labels, found 0");
        }
        double[] s = new double[k];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new IllegalArgumentException(name + "[" + i + "] must be in [0, " + k + "), found "
                        + labels[i]);
            }
            s[labels[i]]++;
        }
        for (int c = 0; c < k; c++) {
            s[c] /= labels.length;
        }
        return s;
    }

    static double checkEpsilon(double epsilon) {
        return ParamChecks.inOpenRange("epsilon", epsilon, 0, 1);
    }

    /**
     * Lists every hyperparameter.
     *
     * @return e.g. {@code PopulationStability{bins=10, epsilon=1.0E-4}}
     */
    @Override
    public String toString() {
        return "PopulationStability{bins=" + bins + ", epsilon=" + epsilon + "}";
    }

    /** Mutable, single-threaded builder of {@link PopulationStability}; {@link #build()} does not change it. */
    public static final class Builder {
        private int bins = 10;
        private double epsilon = 1e-4;

        private Builder() {
        }

        /**
         * Sets the number of quantile bins per feature. Default 10 (deciles).
         *
         * @param bins {@code >= 2}
         * @return this builder
         * @throws IllegalArgumentException if {@code bins < 2}
         */
        public Builder bins(int bins) {
            ParamChecks.atLeast("bins", bins, 2);
            this.bins = bins;
            return this;
        }

        /**
         * Sets the stand-in for a share of 0. Default 1e-4.
         *
         * @param epsilon in (0, 1)
         * @return this builder
         * @throws IllegalArgumentException if it is outside (0, 1)
         */
        public Builder epsilon(double epsilon) {
            this.epsilon = checkEpsilon(epsilon);
            return this;
        }

        /**
         * Builds the immutable calculator.
         *
         * @return the calculator
         */
        public PopulationStability build() {
            return new PopulationStability(this);
        }
    }
}
