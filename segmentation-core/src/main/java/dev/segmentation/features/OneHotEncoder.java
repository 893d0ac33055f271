package dev.segmentation.features;

import dev.segmentation.InvalidDataException;
import dev.segmentation.Provenance;
import dev.segmentation.internal.ParamChecks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Trainer for one-hot (dummy) coding of one categorical column: learns the column's categories from its
 * {@code String} values and returns a {@link OneHotEncoderModel} that turns values into a {@link FeatureMatrix}
 * with one 0/1 column per category, named {@code <column>=<category>} (e.g. {@code Contract=One year}).
 *
 * <p>Its input is text, not a feature matrix, so it is not a {@link FeatureEncoder}: fit it on the column's
 * values and combine its output with the numeric features yourself.
 *
 * <p>Options and defaults:
 * <ul>
 *   <li>{@link Builder#column(String)}: the column's name, used in the output names and in messages; required.
 *   <li>{@link Builder#order(CategoryOrder)}: {@link CategoryOrder#SORTED} (the default, as scikit-learn's
 *   {@code OneHotEncoder} and pandas' {@code get_dummies}: {@link String#compareTo} order) or
 *   {@link CategoryOrder#FIRST_APPEARANCE} (in the order the training values first show them).
 *   <li>{@link Builder#categories(String...)}: fixes the categories and their order instead of learning them;
 *   training values outside them are then treated by the unknown-category policy.
 *   <li>{@link Builder#dropFirst(boolean)}: default false; true leaves out the first category's column, so the
 *   first category is the all-zero baseline of a full-rank design (for unpenalized regression with an
 *   intercept).
 *   <li>{@link Builder#unknownPolicy(UnknownPolicy)}: what transform does with a category not seen in
 *   training: {@link UnknownPolicy#ERROR} (the default) throws an {@link InvalidDataException} naming the row
 *   and the value; {@link UnknownPolicy#IGNORE} encodes it as all zeros.
 * </ul>
 * The empty string is a category like any other; null values are refused.
 *
 * <p>Example (the Telco churn coding with baseline "Month-to-month"):
 * <pre>{@code
 * OneHotEncoderModel contract = OneHotEncoder.builder().column("Contract").dropFirst(true).build()
 *         .fit(contractValues);
 * FeatureMatrix dummies = contract.transform(contractValues);   // Contract=One year, Contract=Two year
 * }</pre>
 *
 * <p>Mergeable statistics. {@link #fit(String[])} counts the values' {@link OneHotEncoderStats} (each category with
 * its count, in first-appearance order) as one chunk and fits from them; {@link #fit(OneHotEncoderStats)} fits from
 * the merged statistics of chunks or partitions instead, with the same result.
 *
 * <p>Cost: one hash look-up per value; O(n k) memory for the n x k output.
 *
 * <p>Instances are immutable and safe for concurrent use; {@link #fit} is pure. Null is never accepted.
 */
public final class OneHotEncoder {
    /** What to do with a category that was not seen in training. */
    public enum UnknownPolicy {
        /** Throw an {@link InvalidDataException} naming the row and the value. */
        ERROR,
        /** Encode the row as all zeros. */
        IGNORE
    }

    /** How learned categories are ordered. */
    public enum CategoryOrder {
        /**
         * Ascending by {@link String#compareTo} (UTF-16 code units): the order of scikit-learn and pandas (code
         * points) for all text in the Basic Multilingual Plane.
         */
        SORTED,
        /** In the order the training values first show them. */
        FIRST_APPEARANCE
    }

    private final String column;
    private final CategoryOrder order;
    private final String[] categories;
    private final boolean dropFirst;
    private final UnknownPolicy unknownPolicy;

    private OneHotEncoder(Builder b) {
        this.column = b.column;
        this.order = b.order;
        this.categories = b.categories == null ? null : b.categories.clone();
        this.dropFirst = b.dropFirst;
        this.unknownPolicy = b.unknownPolicy;
    }

    /**
     * Starts a builder with the defaults: sorted learned categories, no column dropped, unknown categories an
     * error. The column name must be set.
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
        b.column = column;
        b.order = order;
        b.categories = categories == null ? null : categories.clone();
        b.dropFirst = dropFirst;
        b.unknownPolicy = unknownPolicy;
        return b;
    }

    /**
     * Learns the categories of the column (or checks the values against the fixed categories).
     *
     * @param values the column's values, one per row; at least one, none null. Not modified.
     * @return the fitted model
     * @throws InvalidDataException if there are no values ({@code "rows must be >= 1, found 0"}), a value is
     *     null ({@code "row 2, column Contract: value must be non-null, found null"}), or, with fixed categories
     *     and {@link UnknownPolicy#ERROR}, a value is not one of them (naming the row and the value)
     */
    public OneHotEncoderModel fit(String[] values) {
        Objects.requireNonNull(values, "values");
        if (values.length == 0) {
            throw new InvalidDataException("rows must be >= 1, found 0");
        }
        // the mergeable path, as one chunk: a partition-wise fit merges the same statistics
        return fit(OneHotEncoderStats.accumulate(column, values), values);
    }

    /**
     * Learns the categories from merged statistics instead of values (e.g. accumulated per chunk or partition and
     * merged with {@link OneHotEncoderStats#merge}), or checks them against the fixed categories: the model equals
     * {@link #fit(String[])} of the values accumulated when the chunks were merged in row order, and for
     * {@link CategoryOrder#SORTED} (the default) whatever the merge order. The provenance is {@link #fit(String[])}'s
     * (rows and column name).
     *
     * @param stats the statistics of the column's training values, of this trainer's column. Not modified.
     * @return the fitted model
     * @throws IllegalArgumentException if the statistics are of another column, e.g.
     *     {@code "stats column must be "Contract", found "Tier""}
     * @throws InvalidDataException if the statistics hold no values ({@code "rows must be >= 1, found 0"}), or,
     *     with fixed categories and {@link UnknownPolicy#ERROR}, a category is not one of them, the first in
     *     first-appearance order ({@code "column Contract: value must be one of [Month-to-month, One year], found
     *     "Two year""})
     */
    public OneHotEncoderModel fit(OneHotEncoderStats stats) {
        Objects.requireNonNull(stats, "stats");
        return fit(stats, null);
    }

    /** Fits from statistics; {@code values}, when given, are the rows counted, to name the row of an unknown one. */
    private OneHotEncoderModel fit(OneHotEncoderStats stats, String[] values) {
        ParamChecks.requireArgument(stats.column().equals(column), "stats column must be \"%s\", found \"%s\"",
                column, stats.column());
        if (stats.rows() == 0) {
            throw new InvalidDataException("rows must be >= 1, found 0");
        }
        Provenance provenance = Provenance.builder(this).rows(stats.rows()).columns(List.of(column)).notIterative()
                .build();
        if (categories != null) {
            OneHotEncoderModel model = new OneHotEncoderModel(column, categories, dropFirst, unknownPolicy)
                    .withProvenance(provenance);
            if (unknownPolicy == UnknownPolicy.ERROR) {
                if (values != null) {
                    model.checkKnown(values);
                } else {
                    for (String c : stats.categoryArray()) {
                        if (model.indexOf(c) < 0) {
                            throw new InvalidDataException("column " + column + ": value must be one of "
                                    + describe(categories) + ", found \"" + c + "\"", -1, column, null);
                        }
                    }
                }
            }
            return model;
        }
        String[] learned = stats.categoryArray().clone();
        if (order == CategoryOrder.SORTED) {
            Arrays.sort(learned);
        }
        return new OneHotEncoderModel(column, learned, dropFirst, unknownPolicy).withProvenance(provenance);
    }

    /**
     * Lists every hyperparameter, e.g. {@code OneHotEncoder{column=Contract, order=SORTED, categories=learned,
     * dropFirst=false, unknownPolicy=ERROR}}; fixed categories are listed in place of {@code learned}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "OneHotEncoder{column=" + column + ", order=" + order + ", categories="
                + (categories == null ? "learned" : Arrays.toString(categories)) + ", dropFirst=" + dropFirst
                + ", unknownPolicy=" + unknownPolicy + "}";
    }

    private static void checkColumn(String column) {
        if (column == null || column.isEmpty()) {
            throw new IllegalArgumentException("column must be a non-empty name, found "
                    + (column == null ? "null" : "\"\""));
        }
    }

    /**
     * Mutable, single-threaded builder of {@link OneHotEncoder}. {@link #build()} does not change it.
     */
    public static final class Builder {
        private String column;
        private CategoryOrder order = CategoryOrder.SORTED;
        private String[] categories;
        private boolean dropFirst;
        private UnknownPolicy unknownPolicy = UnknownPolicy.ERROR;

        private Builder() {
        }

        /**
         * Names the categorical column. Required.
         *
         * @param column a non-empty name, used as the prefix of the output columns and in messages
         * @return this builder
         * @throws IllegalArgumentException if the name is empty:
         *     {@code "column must be a non-empty name, found """}
         */
        public Builder column(String column) {
            Objects.requireNonNull(column, "column");
            checkColumn(column);
            this.column = column;
            return this;
        }

        /**
         * Sets the order of learned categories. Default {@link CategoryOrder#SORTED}. Not used when
         * {@link #categories(String...)} fixes them.
         *
         * @param order the order
         * @return this builder
         */
        public Builder order(CategoryOrder order) {
            this.order = Objects.requireNonNull(order, "order");
            return this;
        }

        /**
         * Fixes the categories and their order instead of learning them from the training values. Default:
         * learned.
         *
         * @param categories distinct categories, at least one. Not modified.
         * @return this builder
         * @throws IllegalArgumentException if none are given or one repeats
         */
        public Builder categories(String... categories) {
            this.categories = EncoderColumns.copyNames("categories", categories);
            return this;
        }

        /**
         * Chooses whether to leave out the first category's column (the baseline of a full-rank design).
         * Default false.
         *
         * @param dropFirst true to drop the first category's column
         * @return this builder
         */
        public Builder dropFirst(boolean dropFirst) {
            this.dropFirst = dropFirst;
            return this;
        }

        /**
         * Sets what transform does with a category not seen in training. Default {@link UnknownPolicy#ERROR}.
         *
         * @param unknownPolicy the policy
         * @return this builder
         */
        public Builder unknownPolicy(UnknownPolicy unknownPolicy) {
            this.unknownPolicy = Objects.requireNonNull(unknownPolicy, "unknownPolicy");
            return this;
        }

        /**
         * Creates the trainer.
         *
         * @return the immutable trainer
         * @throws IllegalArgumentException if no column name was set:
         *     {@code "column must be a non-empty name, found null"}
         */
        public OneHotEncoder build() {
            checkColumn(column);
            return new OneHotEncoder(this);
        }
    }

    /**
     * Formats categories for a message, listing at most ten.
     *
     * @param categories the categories
     * @return e.g. {@code [a, b, c]} or {@code [a, ..., j, ... (25 in all)]}
     */
    static String describe(String[] categories) {
        if (categories.length <= 10) {
            return Arrays.toString(categories);
        }
        List<String> head = new ArrayList<>(Arrays.asList(categories).subList(0, 10));
        String s = head.toString();
        return s.substring(0, s.length() - 1) + ", ... (" + categories.length + " in all)]";
    }
}
