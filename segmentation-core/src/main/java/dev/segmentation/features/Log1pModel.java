package dev.segmentation.features;

import dev.segmentation.FittedModel;
import dev.segmentation.InvalidDataException;
import dev.segmentation.Provenance;
import dev.segmentation.internal.Internals;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A fitted {@link Log1p}: maps each fitted column to {@code log(1 + x)} ({@link Math#log1p}) and back with
 * {@code exp(y) - 1} ({@link Math#expm1}). Columns that were not fitted pass through unchanged; names and
 * order are kept; fitted columns are found by name.
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never accepted or returned.
 */
public final class Log1pModel implements FeatureTransform, FittedModel {
    private final Provenance provenance;

    private final String[] columns;

    Log1pModel(String[] columns) {
        this.columns = columns.clone();
        this.provenance = Provenance.notRecorded();
    }

    /**
     * Rebuilds a fitted log1p transform from its columns (as read by {@code dev.segmentation.persist}).
     *
     * @param columns the fitted column names: non-empty and distinct. Not modified.
     * @return the model
     * @throws IllegalArgumentException if {@code columns} is empty or repeats a name
     */
    public static Log1pModel of(List<String> columns) {
        return new Log1pModel(EncoderColumns.checkNames("columns", columns));
    }

    /**
     * Returns the fitted columns.
     *
     * @return their names
     */
    public List<String> columns() {
        return EncoderColumns.list(columns);
    }

    /**
     * Applies {@code log(1 + x)} to the fitted columns.
     *
     * @param x features holding every fitted column (found by name), values {@code > -1}. Not modified.
     * @return a new matrix with the same names and shape
     * @throws InvalidDataException if a fitted column is missing, or a value in one is NaN, infinite or
     *     {@code <= -1}, e.g. {@code "row 3, column monetary: value must be > -1, found -2.0"}
     */
    @Override
    public FeatureMatrix transform(FeatureMatrix x) {
        return apply(x, false, false);
    }

    /**
     * Always true: {@code log1p} is undone by {@code expm1}.
     *
     * @return true
     */
    @Override
    public boolean invertible() {
        return true;
    }

    /**
     * Applies {@code exp(y) - 1} to the fitted columns.
     *
     * @param y encoded features holding every fitted column (found by name). Not modified.
     * @return a new matrix with the same names and shape (a value above about 709.78 gives infinity)
     * @throws InvalidDataException if a fitted column is missing, or a value in one is NaN or infinite
     */
    @Override
    public FeatureMatrix inverseTransform(FeatureMatrix y) {
        return apply(y, true, false);
    }

    /**
     * Checks that every fitted value of {@code x} is in the domain, without copying it.
     *
     * @param x the features. Not modified.
     */
    void checkDomain(FeatureMatrix x) {
        apply(x, false, true);
    }

    private FeatureMatrix apply(FeatureMatrix x, boolean inverse, boolean checkOnly) {
        Objects.requireNonNull(x, inverse ? "y" : "x");
        int[] idx = EncoderColumns.resolve(x, columns);
        int n = x.rows();
        int d = x.columns();
        double[] out = checkOnly ? Internals.data(x) : x.toArray();
        for (int i = 0; i < n; i++) {
            int base = i * d;
            for (int j = 0; j < idx.length; j++) {
                int p = base + idx[j];
                double v = out[p];
                if (!Double.isFinite(v)) {
                    throw EncoderColumns.notFinite(i, columns[j], v);
                }
                if (inverse) {
                    out[p] = Math.expm1(v);
                } else if (v <= -1) {
                    throw InvalidDataException.cell(null, i, "row " + i, columns[j], "> -1", String.valueOf(v));
                } else if (!checkOnly) {
                    out[p] = Math.log1p(v);
                }
            }
        }
        return checkOnly ? x : FeatureMatrix.wrap(x.names().toArray(new String[0]), n, out);
    }

    /**
     * Describes the model.
     *
     * @return e.g. {@code Log1pModel{columns=[frequency, monetary]}}
     */
    @Override
    public String toString() {
        return "Log1pModel{columns=" + Arrays.toString(columns) + "}";
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
    private Log1pModel(Log1pModel source, Provenance provenance) {
        this.columns = source.columns;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Returns a copy of this model carrying the given provenance; it scores bit-identically.
     *
     * @param provenance the record
     * @return a new model
     */
    @Override
    public Log1pModel withProvenance(Provenance provenance) {
        return new Log1pModel(this, provenance);
    }
}
