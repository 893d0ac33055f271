package dev.segmentation.features;

import dev.segmentation.InvalidDataException;
import dev.segmentation.internal.Internals;
import dev.segmentation.internal.ParamChecks;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Column selection, data checks and the per-column affine map shared by the numeric encoders. Package-private:
 * not API.
 */
final class EncoderColumns {
    private EncoderColumns() {
    }

    /**
     * Validates and copies a builder's column list.
     *
     * @param param the builder method's name, for messages
     * @param names the names. Not modified.
     * @return a copy
     */
    static String[] copyNames(String param, String... names) {
        Objects.requireNonNull(names, param);
        return ParamChecks.names(param, Arrays.asList(names));
    }

    /**
     * Formats a column selection for {@code toString}.
     *
     * @param columns the selected names, or null for all
     * @return {@code all} or {@code [a, b]}
     */
    static String describe(String[] columns) {
        return columns == null ? "all" : Arrays.toString(columns);
    }

    /**
     * Resolves names to column indices of {@code x}; null selects every column.
     *
     * @param x the matrix
     * @param columns the names, or null for all
     * @return the indices, in the order of {@code columns}
     * @throws InvalidDataException if a name is not a column of {@code x}
     */
    static int[] resolve(FeatureMatrix x, String[] columns) {
        if (columns == null) {
            int[] all = new int[x.columns()];
            Arrays.setAll(all, j -> j);
            return all;
        }
        int[] idx = new int[columns.length];
        for (int j = 0; j < columns.length; j++) {
            idx[j] = indexOf(x, columns[j]);
        }
        return idx;
    }

    /**
     * Resolves a trainer's column selection among the columns of mergeable statistics; null selects them all.
     *
     * @param given the statistics' column names
     * @param columns the trainer's names, or null for all
     * @return the indices into {@code given}, in the order of {@code columns}
     * @throws InvalidDataException if a name is not among {@code given}, with the message of a missing matrix
     *     column
     */
    static int[] resolve(String[] given, String[] columns) {
        List<String> names = List.of(given);
        if (columns == null) {
            int[] all = new int[given.length];
            Arrays.setAll(all, j -> j);
            return all;
        }
        int[] idx = new int[columns.length];
        for (int j = 0; j < columns.length; j++) {
            idx[j] = names.indexOf(columns[j]);
            if (idx[j] < 0) {
                throw new InvalidDataException("column must be one of " + names + ", found \"" + columns[j] + "\"",
                        -1, columns[j], null);
            }
        }
        return idx;
    }

    /**
     * Finds a column by name.
     *
     * @param x the matrix
     * @param name the name
     * @return its index
     * @throws InvalidDataException if there is no such column, with {@code FeatureMatrix.columnIndex}'s message
     */
    static int indexOf(FeatureMatrix x, String name) {
        for (int j = 0; j < x.columns(); j++) {
            if (x.name(j).equals(name)) {
                return j;
            }
        }
        throw new InvalidDataException("column must be one of " + x.names() + ", found \"" + name + "\"", -1,
                name, null);
    }

    /**
     * Returns the names of the given columns.
     *
     * @param x the matrix
     * @param idx column indices
     * @return their names
     */
    static String[] names(FeatureMatrix x, int[] idx) {
        String[] out = new String[idx.length];
        for (int j = 0; j < idx.length; j++) {
            out[j] = x.name(idx[j]);
        }
        return out;
    }

    /**
     * Requires at least one row for fitting.
     *
     * @param x the matrix
     * @throws InvalidDataException if it has no rows
     */
    static void requireRows(FeatureMatrix x) {
        if (x.rows() == 0) {
            throw new InvalidDataException("rows must be >= 1, found 0");
        }
    }

    /**
     * Builds the exception for a value that is not finite.
     *
     * @param row the row
     * @param column the column name
     * @param value the value
     * @return the exception
     */
    static InvalidDataException notFinite(int row, String column, double value) {
        return InvalidDataException.cell(null, row, "row " + row, column, "finite", String.valueOf(value));
    }

    /**
     * Copies one column, checking that every value is finite.
     *
     * @param x the matrix
     * @param column the column index
     * @return the values, length n
     * @throws InvalidDataException naming the first row holding NaN or an infinity
     */
    static double[] finiteColumn(FeatureMatrix x, int column) {
        double[] data = Internals.data(x);
        int d = x.columns();
        int n = x.rows();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double v = data[i * d + column];
            if (!Double.isFinite(v)) {
                throw notFinite(i, x.name(column), v);
            }
            out[i] = v;
        }
        return out;
    }

    /**
     * Applies {@code y = (x - center) / divisor + offset} to the named columns (or its inverse
     * {@code x = (y - offset) * divisor + center}), leaving the other columns as they are.
     *
     * @param x the input. Not modified.
     * @param names the fitted column names
     * @param center per fitted column. Not modified.
     * @param divisor per fitted column, non-zero. Not modified.
     * @param offset per fitted column, or null for zeros. Not modified.
     * @param inverse true for the inverse map
     * @return a new matrix with the same names and shape
     * @throws InvalidDataException if a fitted column is missing or holds a value that is not finite
     */
    static FeatureMatrix affine(FeatureMatrix x, String[] names, double[] center, double[] divisor, double[] offset,
            boolean inverse) {
        Objects.requireNonNull(x, inverse ? "y" : "x");
        int[] idx = resolve(x, names);
        int n = x.rows();
        int d = x.columns();
        double[] out = x.toArray();
        for (int i = 0; i < n; i++) {
            int base = i * d;
            for (int j = 0; j < idx.length; j++) {
                int p = base + idx[j];
                double v = out[p];
                if (!Double.isFinite(v)) {
                    throw notFinite(i, names[j], v);
                }
                double o = offset == null ? 0.0 : offset[j];
                out[p] = inverse ? (v - o) * divisor[j] + center[j] : (v - center[j]) / divisor[j] + o;
            }
        }
        return FeatureMatrix.wrap(x.names().toArray(new String[0]), n, out);
    }

    /**
     * Returns an unmodifiable list view of fitted names.
     *
     * @param names the names
     * @return the list
     */
    static List<String> list(String[] names) {
        return List.of(names);
    }

    /**
     * Validates a model factory's column names.
     *
     * @param param the parameter name, for messages
     * @param names the names. Not modified.
     * @return a copy as an array
     * @throws IllegalArgumentException if they are empty or repeat a name
     */
    static String[] checkNames(String param, List<String> names) {
        return ParamChecks.names(param, names);
    }

    /**
     * Validates a model factory's per-column values: one per column, each finite.
     *
     * @param param the parameter name, for messages
     * @param values the values. Not modified.
     * @param length the number of columns
     * @return a copy
     */
    static double[] checkFinite(String param, double[] values, int length) {
        return ParamChecks.finite(param, values, length, "one per column");
    }

    /**
     * Validates a model factory's per-column positive values: one per column, each finite and {@code > 0}.
     *
     * @param param the parameter name, for messages
     * @param values the values. Not modified.
     * @param length the number of columns
     * @return a copy
     */
    static double[] checkPositive(String param, double[] values, int length) {
        return ParamChecks.positive(param, values, length, "one per column");
    }
}
