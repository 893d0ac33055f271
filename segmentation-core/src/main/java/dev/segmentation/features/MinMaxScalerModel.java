package dev.segmentation.features;

import dev.segmentation.FittedModel;
import dev.segmentation.Provenance;
import dev.segmentation.internal.ParamChecks;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A fitted {@link MinMaxScaler}: maps each fitted column with {@code y = lo + (x - min) / divisor}, where
 * {@code divisor = (max - min) / (hi - lo)} (with {@code max - min} taken as 1 for a constant column), and back
 * with {@code x = (y - lo) * divisor + min}. Columns that were not fitted pass through unchanged; names and
 * order are kept; fitted columns are found by name.
 *
 * <p>Instances are immutable and safe for concurrent use: arrays are copied out. Null is never accepted or
 * returned.
 */
public final class MinMaxScalerModel implements FeatureTransform, FittedModel {
    private final Provenance provenance;

    private final String[] columns;
    private final double[] dataMin;
    private final double[] dataMax;
    private final double rangeMin;
    private final double rangeMax;
    private final double[] divisor;
    private final double[] offset;

    MinMaxScalerModel(String[] columns, double[] dataMin, double[] dataMax, double rangeMin, double rangeMax,
            double[] divisor) {
        this.columns = columns.clone();
        this.dataMin = dataMin.clone();
        this.dataMax = dataMax.clone();
        this.rangeMin = rangeMin;
        this.rangeMax = rangeMax;
        this.divisor = divisor.clone();
        this.offset = new double[columns.length];
        Arrays.fill(offset, rangeMin);
        this.provenance = Provenance.notRecorded();
    }

    /**
     * Rebuilds a fitted min-max scaler from its parameters (as read by {@code dev.segmentation.persist}); the
     * divisor is recomputed exactly as {@link MinMaxScaler#fit} computes it.
     *
     * @param columns the fitted column names: non-empty and distinct. Not modified.
     * @param dataMin the training minimum of each column, finite. Not modified.
     * @param dataMax the training maximum of each column, finite and {@code >= dataMin}. Not modified.
     * @param rangeMin the low end of the target range, finite
     * @param rangeMax the high end of the target range, finite and {@code > rangeMin}
     * @return the model
     * @throws IllegalArgumentException if a parameter breaks its constraint, e.g.
     *     {@code "dataMax[0] must be >= dataMin[0] = 2.0, found 1.0"}
     */
    public static MinMaxScalerModel of(List<String> columns, double[] dataMin, double[] dataMax, double rangeMin,
            double rangeMax) {
        String[] names = EncoderColumns.checkNames("columns", columns);
        double[] lo = EncoderColumns.checkFinite("dataMin", dataMin, names.length);
        double[] hi = EncoderColumns.checkFinite("dataMax", dataMax, names.length);
        ParamChecks.requireArgument(Double.isFinite(rangeMin) && Double.isFinite(rangeMax) && rangeMin < rangeMax,
                "range must be finite with min < max, found [%s, %s]", rangeMin, rangeMax);
        double[] divisor = new double[names.length];
        for (int j = 0; j < names.length; j++) {
            double range = hi[j] - lo[j];
            if (!(range >= 0) || !Double.isFinite(range)) {
                throw new IllegalArgumentException("dataMax[" + j + "] must be >= dataMin[" + j + "] = " + lo[j]
                        + ", found " + hi[j]);
            }
            divisor[j] = MinMaxScaler.divisor(range, rangeMin, rangeMax);
        }
        return new MinMaxScalerModel(names, lo, hi, rangeMin, rangeMax, divisor);
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
     * Returns the training minimum of each fitted column.
     *
     * @return a new array, parallel to {@link #columns()}
     */
    public double[] dataMin() {
        return dataMin.clone();
    }

    /**
     * Returns the training maximum of each fitted column.
     *
     * @return a new array, parallel to {@link #columns()}
     */
    public double[] dataMax() {
        return dataMax.clone();
    }

    /**
     * Returns the lower end of the target range.
     *
     * @return the value training minima map to
     */
    public double rangeMin() {
        return rangeMin;
    }

    /**
     * Returns the upper end of the target range.
     *
     * @return the value training maxima map to
     */
    public double rangeMax() {
        return rangeMax;
    }

    /**
     * Scales the fitted columns onto the target range.
     *
     * @param x features holding every fitted column (found by name). Not modified.
     * @return a new matrix with the same names and shape
     * @throws dev.segmentation.InvalidDataException if a fitted column is missing, or a value in one is NaN or
     *     infinite (naming the row, the column and the value)
     */
    @Override
    public FeatureMatrix transform(FeatureMatrix x) {
        return EncoderColumns.affine(x, columns, dataMin, divisor, offset, false);
    }

    /**
     * Always true: min-max scaling is undone by {@link #inverseTransform}.
     *
     * @return true
     */
    @Override
    public boolean invertible() {
        return true;
    }

    /**
     * Maps scaled values back to original units.
     *
     * @param y encoded features holding every fitted column (found by name). Not modified.
     * @return a new matrix with the same names and shape
     * @throws dev.segmentation.InvalidDataException if a fitted column is missing, or a value in one is NaN or
     *     infinite
     */
    @Override
    public FeatureMatrix inverseTransform(FeatureMatrix y) {
        return EncoderColumns.affine(y, columns, dataMin, divisor, offset, true);
    }

    /**
     * Describes the fitted parameters.
     *
     * @return e.g. {@code MinMaxScalerModel{columns=[a], dataMin=[1.0], dataMax=[11.0], range=[0.0, 1.0]}}
     */
    @Override
    public String toString() {
        return "MinMaxScalerModel{columns=" + Arrays.toString(columns) + ", dataMin=" + Arrays.toString(dataMin)
                + ", dataMax=" + Arrays.toString(dataMax) + ", range=[" + rangeMin + ", " + rangeMax + "]}";
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
    private MinMaxScalerModel(MinMaxScalerModel source, Provenance provenance) {
        this.columns = source.columns;
        this.dataMin = source.dataMin;
        this.dataMax = source.dataMax;
        this.rangeMin = source.rangeMin;
        this.rangeMax = source.rangeMax;
        this.divisor = source.divisor;
        this.offset = source.offset;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Returns a copy of this model carrying the given provenance; it scores bit-identically.
     *
     * @param provenance the record
     * @return a new model
     */
    @Override
    public MinMaxScalerModel withProvenance(Provenance provenance) {
        return new MinMaxScalerModel(this, provenance);
    }
}
