package dev.segmentation.features;

import dev.segmentation.Provenance;
import java.util.Objects;

/**
 * Trainer for the {@code log(1 + x)} transform, which compresses right-skewed features such as spend and
 * purchase counts before clustering. It learns nothing but which columns to transform; its
 * {@link Log1pModel} applies {@link Math#log1p} and inverts with {@link Math#expm1}, both accurate for
 * {@code x} near 0.
 *
 * <p>Domain. {@code log(1 + x)} is finite only for {@code x > -1}: {@link #fit} and
 * {@link Log1pModel#transform} refuse a value {@code <= -1} (or NaN, or infinite) with an
 * {@link dev.segmentation.InvalidDataException} such as {@code "row 3, column monetary: value must be > -1,
 * found -2.0"}.
 *
 * <p>Columns. By default every column is transformed; {@link Builder#columns(String...)} selects some by name,
 * and the others pass through unchanged. Column names and order are kept.
 *
 * <p>Example:
 * <pre>{@code
 * Log1pModel log = Log1p.builder().columns("frequency", "monetary").build().fit(rfm);
 * }</pre>
 *
 * <p>Cost: one pass, O(n d).
 *
 * <p>Instances are immutable and safe for concurrent use; {@link #fit} is pure. Null is never accepted.
 */
public final class Log1p implements FeatureEncoder {
    private final String[] columns;

    private Log1p(Builder b) {
        this.columns = b.columns == null ? null : b.columns.clone();
    }

    /**
     * Starts a builder with the default: every column.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding this trainer's settings, to make a variant.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.columns = columns == null ? null : columns.clone();
        return b;
    }

    /**
     * Resolves the selected columns and checks that every selected value is in the domain.
     *
     * @param x the training features; at least one row, selected values finite and {@code > -1}. Not modified.
     * @return the fitted model
     * @throws dev.segmentation.InvalidDataException if {@code x} has no rows, a selected column does not exist,
     *     or a selected value is NaN, infinite or {@code <= -1} (naming the row, the column and the value)
     */
    @Override
    public Log1pModel fit(FeatureMatrix x) {
        Objects.requireNonNull(x, "x");
        int[] idx = EncoderColumns.resolve(x, columns);
        EncoderColumns.requireRows(x);
        Log1pModel model = new Log1pModel(EncoderColumns.names(x, idx))
                .withProvenance(Provenance.builder(this).data(x).notIterative().build());
        model.checkDomain(x);
        return model;
    }

    /**
     * Lists every hyperparameter, e.g. {@code Log1p{columns=all}}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "Log1p{columns=" + EncoderColumns.describe(columns) + "}";
    }

    /**
     * Mutable, single-threaded builder of {@link Log1p}. {@link #build()} does not change it.
     */
    public static final class Builder {
        private String[] columns;

        private Builder() {
        }

        /**
         * Selects the columns to transform, by name; the others pass through. Default: every column.
         *
         * @param names distinct column names, at least one. Not modified.
         * @return this builder
         * @throws IllegalArgumentException if {@code names} is empty or repeats a name
         */
        public Builder columns(String... names) {
            this.columns = EncoderColumns.copyNames("columns", names);
            return this;
        }

        /**
         * Transforms every column of the matrix (the default), undoing {@link #columns(String...)}.
         *
         * @return this builder
         */
        public Builder allColumns() {
            this.columns = null;
            return this;
        }

        /**
         * Creates the trainer.
         *
         * @return the immutable trainer
         */
        public Log1p build() {
            return new Log1p(this);
        }
    }
}
