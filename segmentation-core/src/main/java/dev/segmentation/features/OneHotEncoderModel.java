package dev.segmentation.features;

import dev.segmentation.FittedModel;
import dev.segmentation.InvalidDataException;
import dev.segmentation.Provenance;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fitted {@link OneHotEncoder}: the categories of one column, in order, and the coding of values as 0/1
 * columns named {@code <column>=<category>}.
 *
 * <p>{@link #transform} puts a 1 in the column of each row's category and 0 elsewhere; with
 * {@link #dropFirst()} the first category has no column and is coded as all zeros. A category not seen in
 * training is an error or all zeros, as {@link #unknownPolicy()} says. {@link #inverseTransform} maps rows back
 * to categories, also for averaged rows such as cluster centres (it picks the largest share).
 *
 * <p>Instances are immutable and safe for concurrent use: arrays are copied out. Null is never accepted or
 * returned, except where {@link #inverseTransform} says so.
 */
public final class OneHotEncoderModel implements FittedModel {
    private final Provenance provenance;

    private final String column;
    private final String[] categories;
    private final String[] encodedNames;
    private final boolean dropFirst;
    private final OneHotEncoder.UnknownPolicy unknownPolicy;
    private final Map<String, Integer> index;

    OneHotEncoderModel(String column, String[] categories, boolean dropFirst,
            OneHotEncoder.UnknownPolicy unknownPolicy) {
        this.column = column;
        this.categories = categories.clone();
        this.dropFirst = dropFirst;
        this.unknownPolicy = unknownPolicy;
        int first = dropFirst ? 1 : 0;
        this.encodedNames = new String[categories.length - first];
        for (int c = first; c < categories.length; c++) {
            encodedNames[c - first] = column + "=" + categories[c];
        }
        Map<String, Integer> m = new HashMap<>(categories.length * 2);
        for (int c = 0; c < categories.length; c++) {
            m.put(categories[c], c);
        }
        this.index = Map.copyOf(m);
        this.provenance = Provenance.notRecorded();
    }

    /**
     * Rebuilds a fitted one-hot encoder from its parameters (as read by {@code dev.segmentation.persist}).
     *
     * @param column the encoded column's name, not null
     * @param categories the categories in code order: non-empty and distinct. Not modified.
     * @param dropFirst whether the first category is the all-zero baseline
     * @param unknownPolicy what {@code transform} does with an unseen category, not null
     * @return the model
     * @throws IllegalArgumentException if {@code categories} is empty or repeats one
     */
    public static OneHotEncoderModel of(String column, List<String> categories, boolean dropFirst,
            OneHotEncoder.UnknownPolicy unknownPolicy) {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(unknownPolicy, "unknownPolicy");
        String[] cats = EncoderColumns.checkNames("categories", categories);
        return new OneHotEncoderModel(column, cats, dropFirst, unknownPolicy);
    }

    /**
     * Returns the name of the encoded column.
     *
     * @return the name given to {@link OneHotEncoder.Builder#column(String)}
     */
    public String column() {
        return column;
    }

    /**
     * Returns every category, in coding order, the dropped first one included.
     *
     * @return the categories
     */
    public List<String> categories() {
        return List.of(categories);
    }

    /**
     * Returns the names of the columns {@link #transform} produces: {@code <column>=<category>} for each
     * category, the first left out with {@link #dropFirst()}.
     *
     * @return the names, in column order
     */
    public List<String> encodedNames() {
        return List.of(encodedNames);
    }

    /**
     * Tells whether the first category is the all-zero baseline without a column of its own.
     *
     * @return the {@code dropFirst} setting
     */
    public boolean dropFirst() {
        return dropFirst;
    }

    /**
     * Returns what {@link #transform} does with unseen categories.
     *
     * @return the policy
     */
    public OneHotEncoder.UnknownPolicy unknownPolicy() {
        return unknownPolicy;
    }

    /**
     * Finds a category's position in {@link #categories()}.
     *
     * @param category a value; not null
     * @return its index, or -1 if it was not seen in training
     */
    public int indexOf(String category) {
        Objects.requireNonNull(category, "category");
        Integer c = index.get(category);
        return c == null ? -1 : c;
    }

    /**
     * Codes values as 0/1 columns.
     *
     * @param values one value per row; none null. Not modified.
     * @return a new {@code values.length x encodedNames().size()} matrix named {@link #encodedNames()}
     * @throws InvalidDataException if a value is null, or, under {@link OneHotEncoder.UnknownPolicy#ERROR}, was
     *     not seen in training: {@code "row 5, column Contract: value must be one of [Month-to-month, One year,
     *     Two year], found "Three year""}
     */
    public FeatureMatrix transform(String[] values) {
        Objects.requireNonNull(values, "values");
        int n = values.length;
        int k = encodedNames.length;
        int first = dropFirst ? 1 : 0;
        double[] out = new double[Math.multiplyExact(n, k)];
        for (int i = 0; i < n; i++) {
            String v = values[i];
            if (v == null) {
                throw nullValue(i, column);
            }
            Integer c = index.get(v);
            if (c == null) {
                if (unknownPolicy == OneHotEncoder.UnknownPolicy.ERROR) {
                    throw unknown(i, v);
                }
            } else if (c >= first) {
                out[i * k + c - first] = 1.0;
            }
        }
        return FeatureMatrix.wrap(encodedNames.clone(), n, out);
    }

    /**
     * Throws for the first value that is not a known category.
     *
     * @param values the values, none null. Not modified.
     */
    void checkKnown(String[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!index.containsKey(values[i])) {
                throw unknown(i, values[i]);
            }
        }
    }

    private InvalidDataException unknown(int row, String value) {
        return new InvalidDataException("row " + row + ", column " + column + ": value must be one of "
                + OneHotEncoder.describe(categories) + ", found \"" + value + "\"", row, column, null);
    }

    static InvalidDataException nullValue(int row, String column) {
        return new InvalidDataException("row " + row + ", column " + column + ": value must be non-null, found null",
                row, column, null);
    }

    /**
     * Maps coded rows back to categories. The columns {@link #encodedNames()} are found by name (other columns
     * are ignored), so a matrix of cluster centres holding these and other features can be passed as it is.
     *
     * <p>Each row gets the category with the largest value, the first in {@link #categories()} order on a tie;
     * with {@link #dropFirst()} the first category's value is {@code 1 - (sum of the row's values)}. For a 0/1
     * row that is its category; for averaged rows (centres) it is the most frequent category. Without
     * {@code dropFirst} a row with no positive value (all zeros: an unknown category under
     * {@link OneHotEncoder.UnknownPolicy#IGNORE}) maps to null; with {@code dropFirst} an all-zero row is the
     * first category (so unknown categories under {@code IGNORE} read back as the first).
     *
     * @param y coded rows holding every column of {@link #encodedNames()}. Not modified.
     * @return a new array with one category per row; null where a row has no positive value and there is no
     *     dropped baseline
     * @throws InvalidDataException if a column is missing or a value is NaN or infinite (naming the row and the
     *     column)
     */
    public String[] inverseTransform(FeatureMatrix y) {
        Objects.requireNonNull(y, "y");
        int[] idx = EncoderColumns.resolve(y, encodedNames);
        int n = y.rows();
        int first = dropFirst ? 1 : 0;
        String[] out = new String[n];
        double[] row = new double[y.columns()];
        for (int i = 0; i < n; i++) {
            y.row(i, row);
            double sum = 0;
            int best = -1;
            double bestValue = 0;
            for (int j = 0; j < idx.length; j++) {
                double v = row[idx[j]];
                if (!Double.isFinite(v)) {
                    throw EncoderColumns.notFinite(i, encodedNames[j], v);
                }
                sum += v;
                if (v > bestValue) {
                    bestValue = v;
                    best = j + first;
                }
            }
            if (dropFirst && (best < 0 || 1 - sum >= bestValue)) {
                best = 0;
            }
            out[i] = best < 0 ? null : categories[best];
        }
        return out;
    }

    /**
     * Describes the model.
     *
     * @return e.g. {@code OneHotEncoderModel{column=Contract, categories=[Month-to-month, One year, Two year],
     *     dropFirst=true, unknownPolicy=ERROR}}
     */
    @Override
    public String toString() {
        return "OneHotEncoderModel{column=" + column + ", categories=" + OneHotEncoder.describe(categories)
                + ", dropFirst=" + dropFirst + ", unknownPolicy=" + unknownPolicy + "}";
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
    private OneHotEncoderModel(OneHotEncoderModel source, Provenance provenance) {
        this.column = source.column;
        this.categories = source.categories;
        this.encodedNames = source.encodedNames;
        this.dropFirst = source.dropFirst;
        this.unknownPolicy = source.unknownPolicy;
        this.index = source.index;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Returns a copy of this model carrying the given provenance; it scores bit-identically.
     *
     * @param provenance the record
     * @return a new model
     */
    @Override
    public OneHotEncoderModel withProvenance(Provenance provenance) {
        return new OneHotEncoderModel(this, provenance);
    }
}
