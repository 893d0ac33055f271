package dev.segmentation.features;

import dev.segmentation.InvalidDataException;
import dev.segmentation.internal.Internals;
import dev.segmentation.internal.ParamChecks;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable sparse matrix in compressed sparse row (CSR) form: row i holds the column indices
 * {@code indices[rowStart[i] .. rowStart[i + 1])}, strictly increasing, with their values. Arrays are copied
 * in and out.
 *
 * <p>It lives in {@code features}, beside {@link FeatureMatrix}, because both the text models
 * ({@code dev.segmentation.text}) and the sparse logistic regression ({@code dev.segmentation.churn}) read it:
 * neither package imports the other for it (issue 18; it was {@code dev.segmentation.text.SparseMatrix}).
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never accepted or returned.
 */
public final class SparseMatrix {
    static {
        Internals.setSparseViews(new Internals.SparseViews() {
            @Override
            public int[] rowStart(SparseMatrix m) {
                return m.rowStart;
            }

            @Override
            public int[] indices(SparseMatrix m) {
                return m.indices;
            }

            @Override
            public double[] values(SparseMatrix m) {
                return m.values;
            }
        });
    }

    private final int columns;
    private final int[] rowStart;
    private final int[] indices;
    private final double[] values;

    /**
     * Creates a CSR matrix, checking its structure.
     *
     * @param columns the number of columns, at least 0
     * @param rowStart row offsets, length rows + 1, starting at 0 and non-decreasing; not modified
     * @param indices column indices, strictly increasing within a row, each in [0, columns); not modified
     * @param values the values, same length as {@code indices}; not modified
     * @throws IllegalArgumentException if the structure is inconsistent
     */
    public SparseMatrix(int columns, int[] rowStart, int[] indices, double[] values) {
        Objects.requireNonNull(rowStart, "rowStart");
        Objects.requireNonNull(indices, "indices");
        Objects.requireNonNull(values, "values");
        ParamChecks.atLeast("columns", columns, 0);
        if (rowStart.length < 1 || rowStart[0] != 0) {
            throw new IllegalArgumentException("rowStart must start with 0, found " + Arrays.toString(
                    Arrays.copyOf(rowStart, Math.min(1, rowStart.length))));
        }
        if (indices.length != values.length || rowStart[rowStart.length - 1] != indices.length) {
            throw new IllegalArgumentException("indices and values must have length rowStart[rows] = "
                    + rowStart[rowStart.length - 1] + ", found " + indices.length + " and " + values.length);
        }
        for (int i = 0; i + 1 < rowStart.length; i++) {
            if (rowStart[i + 1] < rowStart[i]) {
                throw new IllegalArgumentException("rowStart must be non-decreasing, found " + rowStart[i + 1]
                        + " after " + rowStart[i] + " at row " + i);
            }
            for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
                int c = indices[p];
                if (c < 0 || c >= columns || (p > rowStart[i] && c <= indices[p - 1])) {
                    throw new IllegalArgumentException("indices must be strictly increasing in [0, " + columns
                            + ") within a row, found " + c + " in row " + i);
                }
            }
        }
        this.columns = columns;
        this.rowStart = rowStart.clone();
        this.indices = indices.clone();
        this.values = values.clone();
    }

    /**
     * The number of rows.
     *
     * @return rows
     */
    public int rows() {
        return rowStart.length - 1;
    }

    /**
     * The number of columns.
     *
     * @return columns
     */
    public int columns() {
        return columns;
    }

    /**
     * The number of stored entries.
     *
     * @return non-zeros stored
     */
    public int nonZeros() {
        return indices.length;
    }

    /**
     * The column indices of one row.
     *
     * @param row the row, in [0, rows)
     * @return a copy of the row's column indices, increasing
     */
    public int[] rowIndices(int row) {
        Objects.checkIndex(row, rows());
        return Arrays.copyOfRange(indices, rowStart[row], rowStart[row + 1]);
    }

    /**
     * The values of one row, aligned with {@link #rowIndices(int)}.
     *
     * @param row the row, in [0, rows)
     * @return a copy of the row's values
     */
    public double[] rowValues(int row) {
        Objects.checkIndex(row, rows());
        return Arrays.copyOfRange(values, rowStart[row], rowStart[row + 1]);
    }

    /**
     * One entry (zero if not stored). O(log nnz of the row).
     *
     * @param row the row, in [0, rows)
     * @param column the column, in [0, columns)
     * @return the value
     */
    public double get(int row, int column) {
        Objects.checkIndex(row, rows());
        Objects.checkIndex(column, columns);
        int p = Arrays.binarySearch(indices, rowStart[row], rowStart[row + 1], column);
        return p >= 0 ? values[p] : 0.0;
    }

    /**
     * A copy of the row offsets.
     *
     * @return rowStart, length rows + 1
     */
    public int[] rowStart() {
        return rowStart.clone();
    }

    /**
     * A copy of all column indices.
     *
     * @return indices
     */
    public int[] indices() {
        return indices.clone();
    }

    /**
     * A copy of all values.
     *
     * @return values
     */
    public double[] values() {
        return values.clone();
    }

    /**
     * The rows at the given positions, in that order.
     *
     * @param rows the row numbers; not modified
     * @return a new matrix with {@code rows.length} rows and the same columns
     */
    public SparseMatrix selectRows(int[] rows) {
        Objects.requireNonNull(rows, "rows");
        int[] start = new int[rows.length + 1];
        for (int i = 0; i < rows.length; i++) {
            int r = Objects.checkIndex(rows[i], rows());
            start[i + 1] = start[i] + rowStart[r + 1] - rowStart[r];
        }
        int[] idx = new int[start[rows.length]];
        double[] val = new double[idx.length];
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            System.arraycopy(indices, rowStart[r], idx, start[i], start[i + 1] - start[i]);
            System.arraycopy(values, rowStart[r], val, start[i], start[i + 1] - start[i]);
        }
        return new SparseMatrix(columns, start, idx, val);
    }

    /**
     * Checks that every stored value is finite and at least 0 (counts or weights).
     *
     * @throws InvalidDataException naming the row, column and value of the first bad entry
     */
    public void requireNonNegative() {
        for (int i = 0; i < rows(); i++) {
            for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
                double v = values[p];
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new InvalidDataException("row " + i + ", column " + indices[p]
                            + ": value must be finite and >= 0, found " + v, i, Integer.toString(indices[p]), null);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "SparseMatrix{rows=" + rows() + ", columns=" + columns + ", nonZeros=" + nonZeros() + "}";
    }
}
