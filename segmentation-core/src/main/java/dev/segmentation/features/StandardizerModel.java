package dev.segmentation.features;

import dev.segmentation.FittedModel;
import dev.segmentation.Provenance;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A fitted {@link Standardizer}: maps each fitted column to {@code z = (x - mean) / scale} and back with
 * {@code x = z * scale + mean}. Columns that were not fitted pass through unchanged; names and order are kept.
 * Columns are found by name, so a matrix with the fitted columns in another order or with extra columns is
 * accepted.
 *
 * <p>Instances are immutable and safe for concurrent use: arrays are copied out. Null is never accepted or
 * returned.
 */
public final class StandardizerModel implements FeatureTransform, FittedModel {
    private final Provenance provenance;

    private final String[] columns;
    private final double[] means;
    private final double[] scales;

    StandardizerModel(String[] columns, double[] means, double[] scales) {
        this.columns = columns.clone();
        this.means = means.clone();
        this.scales = scales.clone();
        this.provenance = Provenance.notRecorded();
    }

    /**
     * Rebuilds a fitted standardizer from its parameters (as read by {@code dev.segmentation.persist}), checking
     * them as a fit would have produced them.
     *
     * @param columns the fitted column names: non-empty and distinct. Not modified.
     * @param means the mean of each column, finite. Not modified.
     * @param scales the scale of each column, finite and {@code > 0}. Not modified.
     * @return the model
     * @throws IllegalArgumentException if a parameter breaks its constraint, e.g.
     *     {@code "scales[1] must be finite and > 0, found 0.0"}
     */
    public static StandardizerModel of(List<String> columns, double[] means, double[] scales) {
        String[] names = EncoderColumns.checkNames("columns", columns);
        return new StandardizerModel(names, EncoderColumns.checkFinite("means", means, names.length),
                EncoderColumns.checkPositive("scales", scales, names.length));
    }

    /**
     * Returns the fitted columns.
     *
     * @return their names, in fitting order
     */
    public List<String> columns() {
        return EncoderColumns.list(columns);
    }

    /**
     * Returns the mean of each fitted column.
     *
     * @return a new array, parallel to {@link #columns()}
     */
    public double[] means() {
        return means.clone();
    }

    /**
     * Returns the scale of each fitted column: its standard deviation, or 1 for a zero-variance column.
     *
     * @return a new array, parallel to {@link #columns()}
     */
    public double[] scales() {
        return scales.clone();
    }

    /**
     * Standardizes the fitted columns: {@code (x - mean) / scale}.
     *
     * @param x features holding every fitted column (found by name). Not modified.
     * @return a new matrix with the same names and shape
     * @throws dev.segmentation.InvalidDataException if a fitted column is missing, or a value in one is NaN or
     *     infinite (naming the row, the column and the value)
     */
    @Override
    public FeatureMatrix transform(FeatureMatrix x) {
        return EncoderColumns.affine(x, columns, means, scales, null, false);
    }

    /**
     * Always true: standardizing is undone by {@link #inverseTransform}.
     *
     * @return true
     */
    @Override
    public boolean invertible() {
        return true;
    }

    /**
     * Maps z-scores back to original units: {@code z * scale + mean}.
     *
     * @param y encoded features holding every fitted column (found by name). Not modified.
     * @return a new matrix with the same names and shape
     * @throws dev.segmentation.InvalidDataException if a fitted column is missing, or a value in one is NaN or
     *     infinite
     */
    @Override
    public FeatureMatrix inverseTransform(FeatureMatrix y) {
        return EncoderColumns.affine(y, columns, means, scales, null, true);
    }

    /**
     * Describes the fitted parameters.
     *
     * @return e.g. {@code StandardizerModel{columns=[a], means=[5.0], scales=[3.63]}}
     */
    @Override
    public String toString() {
        return "StandardizerModel{columns=" + Arrays.toString(columns) + ", means=" + Arrays.toString(means)
                + ", scales=" + Arrays.toString(scales) + "}";
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
    private StandardizerModel(StandardizerModel source, Provenance provenance) {
        this.columns = source.columns;
        this.means = source.means;
        this.scales = source.scales;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Returns a copy of this model carrying the given provenance; it scores bit-identically.
     *
     * @param provenance the record
     * @return a new model
     */
    @Override
    public StandardizerModel withProvenance(Provenance provenance) {
        return new StandardizerModel(this, provenance);
    }
}
