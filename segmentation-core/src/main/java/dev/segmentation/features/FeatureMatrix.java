package dev.segmentation.features;

import dev.segmentation.InvalidDataException;
import dev.segmentation.internal.Internals;
import dev.segmentation.internal.ParamChecks;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable dense n x d matrix of features, row-major, with a name per column.
 *
 * <p>Rows are customers (or any observations), columns are named features. Values may be any double,
 * NaN included; models check finiteness themselves with {@link #requireFinite()} so that the message names
 * the row and column.
 *
 * <p>Instances are immutable and safe for concurrent use: arrays are copied in and out.
 */
public final class FeatureMatrix {
    static {
        Internals.setMatrixData(m -> m.data);
    }

    private final int rows;
    private final int cols;
    private final double[] data;
    private final String[] names;

    private FeatureMatrix(int rows, int cols, double[] data, String[] names) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
        this.names = names;
    }

    /**
     * Wraps a copy of a row-major array.
     *
     * @param names the column names, distinct and not null; length d. Not modified.
     * @param rows the number of rows n, {@code >= 0}
     * @param data the values, length n * d, row-major. Not modified.
     * @return the matrix
     * @throws IllegalArgumentException if the lengths disagree or names repeat
     */
    public static FeatureMatrix of(List<String> names, int rows, double[] data) {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(data, "data");
        String[] n = names.toArray(new String[0]);
        checkNames(n);
        ParamChecks.atLeast("rows", rows, 0);
        if ((long) rows * n.length != data.length) {
            throw new IllegalArgumentException("data.length must be rows * columns = " + ((long) rows * n.length)
                    + ", found " + data.length);
        }
        return new FeatureMatrix(rows, n.length, data.clone(), n);
    }

    /**
     * Copies a jagged array of rows.
     *
     * @param names the column names, distinct; length d. Not modified.
     * @param values the rows, each of length d. Not modified.
     * @return the matrix
     * @throws InvalidDataException if a row's width differs from the number of names (the row is named)
     */
    public static FeatureMatrix ofRows(List<String> names, double[][] values) {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(values, "values");
        String[] n = names.toArray(new String[0]);
        checkNames(n);
        int d = n.length;
        double[] data = new double[Math.multiplyExact(values.length, d)];
        for (int i = 0; i < values.length; i++) {
            if (values[i].length != d) {
                throw new InvalidDataException("row " + i + ": width must be " + d + ", found " + values[i].length,
                        i, null, null);
            }
            System.arraycopy(values[i], 0, data, i * d, d);
        }
        return new FeatureMatrix(values.length, d, data, n);
    }

    /**
     * Takes ownership of an array without copying. Library-internal: callers must not keep the array.
     */
    static FeatureMatrix wrap(String[] names, int rows, double[] data) {
        return new FeatureMatrix(rows, names.length, data, names);
    }

    private static void checkNames(String[] names) {
        Set<String> seen = new HashSet<>();
        for (String s : names) {
            Objects.requireNonNull(s, "column name");
            if (!seen.add(s)) {
                throw new IllegalArgumentException("names must be distinct, found \"" + s + "\" twice");
            }
        }
    }

    /**
     * Returns the number of rows.
     *
     * @return n
     */
    public int rows() {
        return rows;
    }

    /**
     * Returns the number of columns.
     *
     * @return d
     */
    public int columns() {
        return cols;
    }

    /**
     * Returns the column names.
     *
     * @return a copy of the names, length d
     */
    public List<String> names() {
        return List.of(names);
    }

    /**
     * Returns the name of one column.
     *
     * @param column the column index
     * @return its name
     */
    public String name(int column) {
        return names[column];
    }

    /**
     * Returns the index of a named column.
     *
     * @param name the column name; not null
     * @return its index
     * @throws IllegalArgumentException if no column has that name
     */
    public int columnIndex(String name) {
        Objects.requireNonNull(name, "name");
        for (int j = 0; j < cols; j++) {
            if (names[j].equals(name)) {
                return j;
            }
        }
        throw new IllegalArgumentException("column must be one of " + Arrays.toString(names) + ", found \""
                + name + "\"");
    }

    /**
     * Returns one value.
     *
     * @param row the row
     * @param column the column
     * @return the value at (row, column)
     */
    public double get(int row, int column) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(column, cols);
        return data[row * cols + column];
    }

    /**
     * Copies one row into a buffer.
     *
     * @param row the row
     * @param out a buffer of length at least d, or null to allocate one. Modified.
     * @return {@code out}, or a new array if it was null
     */
    public double[] row(int row, double[] out) {
        Objects.checkIndex(row, rows);
        double[] dst = out == null ? new double[cols] : out;
        System.arraycopy(data, row * cols, dst, 0, cols);
        return dst;
    }

    /**
     * Copies one column.
     *
     * @param column the column
     * @return a new array of length n
     */
    public double[] column(int column) {
        Objects.checkIndex(column, cols);
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = data[i * cols + column];
        }
        return out;
    }

    /**
     * Copies all values, row-major.
     *
     * @return a new array of length n * d
     */
    public double[] toArray() {
        return data.clone();
    }

    /**
     * Returns a matrix of the selected columns, in the given order.
     *
     * @param columnNames the names to keep; not null. Not modified.
     * @return the selection
     * @throws IllegalArgumentException if a name is unknown
     */
    public FeatureMatrix select(List<String> columnNames) {
        int[] idx = columnNames.stream().mapToInt(this::columnIndex).toArray();
        double[] out = new double[rows * idx.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < idx.length; j++) {
                out[i * idx.length + j] = data[i * cols + idx[j]];
            }
        }
        return of(columnNames, rows, out);
    }

    /**
     * Checks that every value is finite.
     *
     * @return this matrix
     * @throws InvalidDataException naming the first row and column holding NaN or an infinity, and the value
     */
    public FeatureMatrix requireFinite() {
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                int r = i / cols;
                int c = i % cols;
                throw InvalidDataException.cell(null, r, "row " + r, names[c], "finite", String.valueOf(data[i]));
            }
        }
        return this;
    }

    @Override
    public String toString() {
        return "FeatureMatrix{rows=" + rows + ", columns=" + Arrays.toString(names) + "}";
    }
}
