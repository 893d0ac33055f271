package dev.segmentation.drift;

import dev.segmentation.FittedModel;
import dev.segmentation.Provenance;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.features.QuantileBinnerModel;
import dev.segmentation.internal.ParamChecks;
import java.util.Objects;

/**
 * A reference sample binned by {@link PopulationStability#fit(FeatureMatrix)}: per feature, quantile edges and the
 * reference share of each bin; {@link #compare(FeatureMatrix)} computes each feature's PSI for a new window.
 *
 * <p>Instances are immutable and safe for concurrent use: arrays are copied out. Null is never accepted or
 * returned.
 */
public final class PopulationStabilityModel implements FittedModel {
    private final Provenance provenance;

    private final QuantileBinnerModel binner;
    private final double[] shares;
    private final double epsilon;

    PopulationStabilityModel(Provenance provenance, QuantileBinnerModel binner, double[] shares, double epsilon) {
        this.binner = binner;
        this.shares = shares.clone();
        this.epsilon = epsilon;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Rebuilds a reference (as read by {@code dev.segmentation.persist}), checking it.
     *
     * @param trainer the calculator's settings ({@link PopulationStability#toString()}); not null
     * @param binner the fitted binner; not null
     * @param shares the reference shares, row-major columns x bins, each in [0, 1]. Not modified.
     * @param epsilon the stand-in for a share of 0, in (0, 1)
     * @return the reference
     * @throws IllegalArgumentException if the shares do not have one value per column and bin, a share is outside
     *     [0, 1], or epsilon is outside (0, 1)
     */
    public static PopulationStabilityModel of(String trainer, QuantileBinnerModel binner, double[] shares,
            double epsilon) {
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(binner, "binner");
        Objects.requireNonNull(shares, "shares");
        int expected = binner.columns().size() * binner.bins();
        if (shares.length != expected) {
            throw new IllegalArgumentException("shares length must be " + expected + " (columns x bins), found "
                    + shares.length);
        }
        for (int i = 0; i < shares.length; i++) {
            ParamChecks.inRange("shares[" + i + "]", shares[i], 0, 1);
        }
        PopulationStability.checkEpsilon(epsilon);
        return new PopulationStabilityModel(Provenance.fromDescription(trainer).build(), binner, shares, epsilon);
    }

    /**
     * Returns every reference share, row-major columns x bins.
     *
     * @return a copy
     */
    public double[] shares() {
        return shares.clone();
    }

    /**
     * Returns the stand-in for a share of 0.
     *
     * @return epsilon, in (0, 1)
     */
    public double epsilon() {
        return epsilon;
    }

    /**
     * Returns the binning: the columns, the number of bins and each column's edges.
     *
     * @return the fitted quantile binner
     */
    public QuantileBinnerModel binner() {
        return binner;
    }

    /**
     * Returns the reference share of each bin of a feature.
     *
     * @param column a fitted column's name
     * @return a new array of {@code bins} shares summing to 1
     * @throws IllegalArgumentException if the column was not fitted
     */
    public double[] referenceShares(String column) {
        int j = column(column);
        int b = binner.bins();
        return java.util.Arrays.copyOfRange(shares, j * b, (j + 1) * b);
    }

    private int column(String column) {
        Objects.requireNonNull(column, "column");
        int j = binner.columns().indexOf(column);
        if (j < 0) {
            throw new IllegalArgumentException("column must be one of " + binner.columns() + ", found \"" + column
                    + "\"");
        }
        return j;
    }

    /**
     * Computes each feature's PSI between the reference and a window.
     *
     * @param window the new rows with every reference column (found by name), at least one row, finite. Not
     *     modified.
     * @return the report
     * @throws dev.segmentation.InvalidDataException if the window has no rows, lacks a column or holds a value that
     *     is not finite
     */
    public DriftReport compare(FeatureMatrix window) {
        Objects.requireNonNull(window, "window");
        if (window.rows() == 0) {
            throw new dev.segmentation.InvalidDataException("window must have >= 1 rows, found 0");
        }
        return compare(counts(window), window.rows());
    }

    /**
     * Counts a window's rows per feature and bin: the mergeable form of {@link #compare(FeatureMatrix)}. Counts of
     * disjoint windows add up to the counts of their union, so that {@link #compare(long[], long)} of the summed
     * counts equals {@code compare} of the union (a distributed window, one part per partition).
     *
     * @param window rows with every reference column (found by name), finite; may be empty. Not modified.
     * @return a new array, row-major columns x bins, as {@link #shares()}
     * @throws dev.segmentation.InvalidDataException if the window lacks a column or holds a value that is not finite
     */
    public long[] counts(FeatureMatrix window) {
        Objects.requireNonNull(window, "window");
        int b = binner.bins();
        int d = binner.columns().size();
        long[] counts = new long[d * b];
        if (window.rows() == 0) {
            return counts;
        }
        FeatureMatrix scores = binner.transform(window.select(binner.columns()));
        for (int i = 0; i < scores.rows(); i++) {
            for (int j = 0; j < d; j++) {
                counts[j * b + (int) scores.get(i, j) - 1]++;
            }
        }
        return counts;
    }

    /**
     * Computes each feature's PSI from a window's counts per feature and bin ({@link #counts}, possibly summed over
     * parts): the window's share of a bin is its count over {@code rows}.
     *
     * @param counts the window's counts, row-major columns x bins, each in [0, rows]. Not modified.
     * @param rows the window's rows, {@code >= 1}
     * @return the report, equal to {@link #compare(FeatureMatrix)} of the window
     * @throws IllegalArgumentException if the counts do not have one value per column and bin, or a count is outside
     *     [0, rows]
     * @throws dev.segmentation.InvalidDataException if {@code rows < 1}
     */
    public DriftReport compare(long[] counts, long rows) {
        Objects.requireNonNull(counts, "counts");
        if (rows < 1) {
            throw new dev.segmentation.InvalidDataException("window must have >= 1 rows, found " + rows);
        }
        java.util.List<String> names = binner.columns();
        int b = binner.bins();
        if (counts.length != names.size() * b) {
            throw new IllegalArgumentException("counts length must be " + names.size() * b + " (columns x bins), "
                    + "found " + counts.length);
        }
        double[] actual = new double[counts.length];
        for (int p = 0; p < counts.length; p++) {
            if (counts[p] < 0 || counts[p] > rows) {
                throw new IllegalArgumentException("counts[" + p + "] must be in [0, " + rows + "], found "
                        + counts[p]);
            }
            actual[p] = (double) counts[p] / rows;
        }
        double[] psi = new double[names.size()];
        for (int j = 0; j < psi.length; j++) {
            psi[j] = PopulationStability.index(shares, j * b, actual, j * b, b, epsilon);
        }
        return new DriftReport(names, psi);
    }

    /**
     * Returns the trainer's description, {@link Provenance#description()} of {@link #provenance()}: its name and
     * settings without {@code threads}.
     *
     * @return the hyperparameters the model was fitted with, or {@code "unknown"}
     */
    public String trainer() {
        return provenance.description();
    }

    @Override
    public String toString() {
        return "PopulationStabilityModel{columns=" + binner.columns() + ", bins=" + binner.bins() + "}";
    }

    /**
     * Returns how this model was made.
     *
     * @return the trainer's record, or {@link Provenance#notRecorded()} for a model made from given values
     */
    @Override
    public Provenance provenance() {
        return provenance;
    }

    /** The copy made by {@link #withProvenance}: the same learned values, another provenance. */
    private PopulationStabilityModel(PopulationStabilityModel source, Provenance provenance) {
        this.binner = source.binner;
        this.shares = source.shares;
        this.epsilon = source.epsilon;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Returns a copy of this model carrying the given provenance; it scores bit-identically.
     *
     * @param provenance the record
     * @return a new model
     */
    @Override
    public PopulationStabilityModel withProvenance(Provenance provenance) {
        return new PopulationStabilityModel(this, provenance);
    }
}
