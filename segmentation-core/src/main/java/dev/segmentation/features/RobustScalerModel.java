package dev.segmentation.features;

import dev.segmentation.FittedModel;
import dev.segmentation.Provenance;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A fitted {@link RobustScaler}: maps each fitted column to {@code (x - center) / scale} and back with
 * {@code y * scale + center}, where the centre is the training median (or 0 without centring) and the scale the
 * inter-quantile range (or 1 without scaling, or for a constant column). Columns that were not fitted pass
 * through unchanged; names and order are kept; fitted columns are found by name.
 *
 * <p>Instances are immutable and safe for concurrent use: arrays are copied out. Null is never accepted or
 * returned.
 */
public final class RobustScalerModel implements FeatureTransform, FittedModel {
    private final Provenance provenance;

    private final String[] columns;
    private final double[] centers;
    private final double[] scales;

    RobustScalerModel(String[] columns, double[] centers, double[] scales) {
        this.columns = columns.clone();
        this.centers = centers.clone();
        this.scales = scales.clone();
        this.provenance = Provenance.notRecorded();
    }

    /**
     * Rebuilds a fitted robust scaler from its parameters (as read by {@code dev.segmentation.persist}),
     * checking them as a fit would have produced them.
     *
     * @param columns the fitted column names: non-empty and distinct. Not modified.
     * @param centers the centre of each column, finite. Not modified.
     * @param scales the scale of each column, finite and {@code > 0}. Not modified.
     * @return the model
     * @throws IllegalArgumentException if a parameter breaks its constraint, e.g.
     *     {@code "centers must have length 2 (one per column), found 3"}
     */
    public static RobustScalerModel of(List<String> columns, double[] centers, double[] scales) {
        String[] names = EncoderColumns.checkNames("columns", columns);
        return new RobustScalerModel(names, EncoderColumns.checkFinite("centers", centers, names.length),
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
     * Returns the centre of each fitted column: its training median, or 0 when centring is off.
     *
     * @return a new array, parallel to {@link #columns()}
     */
    public double[] centers() {
        return centers.clone();
    }

    /**
     * Returns the scale of each fitted column: its inter-quantile range, or 1 when scaling is off or the range
     * is zero.
     *
     * @return a new array, parallel to {@link #columns()}
     */
    public double[] scales() {
        return scales.clone();
    }

    /**
     * Scales the fitted columns: {@code (x - center) / scale}.
     *
     * @param x features holding every fitted column (found by name). Not modified.
     * @return a new matrix with the same names and shape
     * @throws dev.segmentation.InvalidDataException if a fitted column is missing, or a value in one is NaN or
     *     infinite (naming the row, the column and the value)
     */
    @Override
    public FeatureMatrix transform(FeatureMatrix x) {
        return EncoderColumns.affine(x, columns, centers, scales, null, false);
    }

    /**
     * Always true: robust scaling is undone by {@link #inverseTransform}.
     *
     * @return true
     */
    @Override
    public boolean invertible() {
        return true;
    }

    /**
     * Maps scaled values back to original units: {@code y * scale + center}.
     *
     * @param y encoded features holding every fitted column (found by name). Not modified.
     * @return a new matrix with the same names and shape
     * @throws dev.segmentation.InvalidDataException if a fitted column is missing, or a value in one is NaN or
     *     infinite
     */
    @Override
    public FeatureMatrix inverseTransform(FeatureMatrix y) {
        return EncoderColumns.affine(y, columns, centers, scales, null, true);
    }

    /**
     * Describes the fitted parameters.
     *
     * @return e.g. {@code RobustScalerModel{columns=[a], centers=[4.0], scales=[5.0]}}
     */
    @Override
    public String toString() {
        return "RobustScalerModel{columns=" + Arrays.toString(columns) + ", centers=" + Arrays.toString(centers)
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
    private RobustScalerModel(RobustScalerModel source, Provenance provenance) {
        this.columns = source.columns;
        this.centers = source.centers;
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
    public RobustScalerModel withProvenance(Provenance provenance) {
        return new RobustScalerModel(this, provenance);
    }
}
