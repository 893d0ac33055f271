package dev.segmentation.features;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Per-customer features as computed by {@link CustomerFeatures}: customer ids, one per row, and a
 * {@link FeatureMatrix} with named columns.
 *
 * <p>Rows are in ascending customer index order of the log they were computed from (its order of first
 * appearance), so two tables computed from the same log list shared customers in the same relative order.
 *
 * <p>Instances are immutable and safe for concurrent use: arrays are copied in and out. Null is never accepted
 * or returned.
 */
public final class CustomerFeatureTable {
    private final LocalDate asOf;
    private final String[] ids;
    private final FeatureMatrix matrix;

    CustomerFeatureTable(LocalDate asOf, String[] ids, FeatureMatrix matrix) {
        this.asOf = asOf;
        this.ids = ids;
        this.matrix = matrix;
    }

    /**
     * Returns the as-of date the features were computed at (the first day not observed).
     *
     * @return the as-of date
     */
    public LocalDate asOf() {
        return asOf;
    }

    /**
     * Returns the number of customers (rows).
     *
     * @return n
     */
    public int size() {
        return ids.length;
    }

    /**
     * Returns the customer id of a row.
     *
     * @param row the row, {@code 0 <= row < size()}
     * @return the customer id
     */
    public String id(int row) {
        Objects.checkIndex(row, ids.length);
        return ids[row];
    }

    /**
     * Returns the customer ids, one per row.
     *
     * @return a copy, length n
     */
    public String[] ids() {
        return ids.clone();
    }

    /**
     * Returns the column names, as documented in {@link CustomerFeatures}.
     *
     * @return the names, in column order
     */
    public List<String> names() {
        return matrix.names();
    }

    /**
     * Returns the features as an n x d matrix with named columns (immutable, so it is not copied).
     *
     * @return the matrix
     */
    public FeatureMatrix matrix() {
        return matrix;
    }

    /**
     * Returns one feature of one customer.
     *
     * @param row the row
     * @param column the column name; not null
     * @return the value
     * @throws IllegalArgumentException if no column has that name
     */
    public double get(int row, String column) {
        return matrix.get(row, matrix.columnIndex(column));
    }

    /**
     * Returns one feature for every customer.
     *
     * @param column the column name; not null
     * @return a new array of length n
     * @throws IllegalArgumentException if no column has that name
     */
    public double[] column(String column) {
        return matrix.column(matrix.columnIndex(column));
    }

    @Override
    public String toString() {
        return "CustomerFeatureTable{asOf=" + asOf + ", customers=" + ids.length + ", columns=" + matrix.names()
                + "}";
    }
}
