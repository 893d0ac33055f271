package dev.segmentation.recommend;

import dev.segmentation.InvalidDataException;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.internal.ParamChecks;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable customer x item matrix of implicit-feedback weights in compressed sparse row (CSR) form, with its
 * transpose (item x customer, CSC of the same matrix) built once. Row {@code u} holds the items of customer
 * index {@code u} in increasing item order; every stored value is finite and strictly positive. Customer and
 * item indices are those of the source {@link TransactionLog}, so logs obtained by
 * {@link TransactionLog#filter} share them (train and test matrices line up).
 *
 * <p>Build one from a log with {@code InteractionMatrix.builder().weighting(Weighting.LOG).build(log)}, or from
 * raw CSR arrays with {@link #of}. Memory is O(customers + items + non-zeros).
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never accepted or returned.
 */
public final class InteractionMatrix {
    /** How a customer's purchase lines of one item become one weight. */
    public enum Weighting {
        /** 1 for every item the customer bought. */
        BINARY,
        /** The number of purchase lines (rows) of the item. */
        COUNT,
        /** The total quantity; cells whose total is not strictly positive are left out. */
        QUANTITY,
        /** {@code log1p(count)}, the number of purchase lines damped. */
        LOG
    }

    private final int customers;
    private final int items;
    private final int[] rowPtr;
    private final int[] cols;
    private final double[] values;
    private final int[] colPtr;
    private final int[] rowIdx;
    private final double[] colValues;
    private final String description;

    private InteractionMatrix(int customers, int items, int[] rowPtr, int[] cols, double[] values,
            String description) {
        this.customers = customers;
        this.items = items;
        this.rowPtr = rowPtr;
        this.cols = cols;
        this.values = values;
        this.description = description;
        int nnz = cols.length;
        colPtr = new int[items + 1];
        for (int k = 0; k < nnz; k++) {
            colPtr[cols[k] + 1]++;
        }
        for (int j = 0; j < items; j++) {
            colPtr[j + 1] += colPtr[j];
        }
        rowIdx = new int[nnz];
        colValues = new double[nnz];
        int[] next = Arrays.copyOf(colPtr, items);
        for (int u = 0; u < customers; u++) {
            for (int k = rowPtr[u]; k < rowPtr[u + 1]; k++) {
                int p = next[cols[k]]++;
                rowIdx[p] = u;
                colValues[p] = values[k];
            }
        }
    }

    /**
     * Returns a new builder: {@link Weighting#BINARY}, non-product items excluded.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Wraps raw CSR arrays after checking them; the arrays are copied.
     *
     * @param customers the number of rows, at least 0
     * @param items the number of columns, at least 0
     * @param rowPtr row starts, length {@code customers + 1}, from 0, non-decreasing, ending at
     *     {@code cols.length}. Not modified.
     * @param cols column indices, strictly increasing within each row and in {@code [0, items)}. Not modified.
     * @param values weights, same length as {@code cols}, finite and strictly positive. Not modified.
     * @return the matrix
     * @throws IllegalArgumentException if a size is negative or the array lengths disagree
     * @throws InvalidDataException if an entry is out of range, out of order, or has a weight that is not finite
     *     and positive; the message names the row, the column and the value
     */
    public static InteractionMatrix of(int customers, int items, int[] rowPtr, int[] cols, double[] values) {
        Objects.requireNonNull(rowPtr, "rowPtr");
        Objects.requireNonNull(cols, "cols");
        Objects.requireNonNull(values, "values");
        ParamChecks.atLeast("customers", customers, 0);
        ParamChecks.atLeast("items", items, 0);
        if (rowPtr.length != customers + 1) {
            throw new IllegalArgumentException("rowPtr length must be customers + 1 = " + (customers + 1)
                    + ", found " + rowPtr.length);
        }
        if (values.length != cols.length) {
            throw new IllegalArgumentException("values length must be cols length = " + cols.length + ", found "
                    + values.length);
        }
        if (rowPtr[0] != 0 || rowPtr[customers] != cols.length) {
            throw new IllegalArgumentException("rowPtr must run from 0 to cols length = " + cols.length
                    + ", found " + rowPtr[0] + " to " + rowPtr[customers]);
        }
        for (int u = 0; u < customers; u++) {
            if (rowPtr[u + 1] < rowPtr[u]) {
                throw new IllegalArgumentException("rowPtr must be non-decreasing, found " + rowPtr[u + 1]
                        + " after " + rowPtr[u] + " at row " + u);
            }
            for (int k = rowPtr[u]; k < rowPtr[u + 1]; k++) {
                int j = cols[k];
                if (j < 0 || j >= items) {
                    throw new InvalidDataException("row " + u + ", column item: item must be in [0, " + items
                            + "), found " + j, u, "item", null);
                }
                if (k > rowPtr[u] && j <= cols[k - 1]) {
                    throw new InvalidDataException("row " + u + ", column item: items must be strictly increasing"
                            + " within a row, found " + j + " after " + cols[k - 1], u, "item", null);
                }
                double v = values[k];
                if (!(v > 0) || !Double.isFinite(v)) {
                    throw new InvalidDataException("row " + u + ", column " + j + ": weight must be finite and > 0,"
                            + " found " + v, u, "weight", null);
                }
            }
        }
        return new InteractionMatrix(customers, items, rowPtr.clone(), cols.clone(), values.clone(), "raw");
    }

    /**
     * Returns the number of customers (rows).
     *
     * @return the row count
     */
    public int customers() {
        return customers;
    }

    /**
     * Returns the number of items (columns).
     *
     * @return the column count
     */
    public int items() {
        return items;
    }

    /**
     * Returns the number of stored (non-zero) entries.
     *
     * @return the number of non-zeros
     */
    public int nonZeros() {
        return cols.length;
    }

    /**
     * Returns the CSR row starts.
     *
     * @return a new array of length {@code customers() + 1}
     */
    public int[] rowPtr() {
        return rowPtr.clone();
    }

    /**
     * Returns the CSR column (item) indices.
     *
     * @return a new array of length {@code nonZeros()}
     */
    public int[] cols() {
        return cols.clone();
    }

    /**
     * Returns the CSR weights.
     *
     * @return a new array of length {@code nonZeros()}
     */
    public double[] values() {
        return values.clone();
    }

    /**
     * Returns the transpose's column starts: entries of item {@code j} are {@code colPtr[j]..colPtr[j+1]-1}.
     *
     * @return a new array of length {@code items() + 1}
     */
    public int[] colPtr() {
        return colPtr.clone();
    }

    /**
     * Returns the transpose's row (customer) indices, increasing within each item.
     *
     * @return a new array of length {@code nonZeros()}
     */
    public int[] rowIndices() {
        return rowIdx.clone();
    }

    /**
     * Returns the transpose's weights, aligned with {@link #rowIndices()}.
     *
     * @return a new array of length {@code nonZeros()}
     */
    public double[] colValues() {
        return colValues.clone();
    }

    /**
     * Returns the weight of one cell. O(log row length).
     *
     * @param customer a customer index in {@code [0, customers())}
     * @param item an item index in {@code [0, items())}
     * @return the weight, 0 if the cell is empty
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public double get(int customer, int item) {
        Objects.checkIndex(customer, customers);
        Objects.checkIndex(item, items);
        int k = Arrays.binarySearch(cols, rowPtr[customer], rowPtr[customer + 1], item);
        return k >= 0 ? values[k] : 0.0;
    }

    /**
     * Returns the items of one customer, increasing.
     *
     * @param customer a customer index in {@code [0, customers())}
     * @return a new array of item indices
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public int[] itemsOf(int customer) {
        Objects.checkIndex(customer, customers);
        return Arrays.copyOfRange(cols, rowPtr[customer], rowPtr[customer + 1]);
    }

    /**
     * Returns the number of distinct customers with an entry for an item.
     *
     * @param item an item index in {@code [0, items())}
     * @return the column's non-zero count
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public int customersOf(int item) {
        Objects.checkIndex(item, items);
        return colPtr[item + 1] - colPtr[item];
    }

    // Package-private zero-copy access for the recommenders; never written.
    int[] rowPtrRef() {
        return rowPtr;
    }

    int[] colsRef() {
        return cols;
    }

    double[] valuesRef() {
        return values;
    }

    int[] colPtrRef() {
        return colPtr;
    }

    int[] rowIdxRef() {
        return rowIdx;
    }

    double[] colValuesRef() {
        return colValues;
    }

    @Override
    public String toString() {
        return "InteractionMatrix{customers=" + customers + ", items=" + items + ", nonZeros=" + cols.length
                + ", " + description + "}";
    }

    /**
     * Builder of {@link InteractionMatrix} from a log. Mutable and single-threaded; {@link #build} does not
     * change it.
     */
    public static final class Builder {
        private Weighting weighting = Weighting.BINARY;
        private boolean includeNonProducts;

        private Builder() {
        }

        /**
         * Sets how purchase lines become weights. Default {@link Weighting#BINARY}.
         *
         * @param weighting the weighting; not null
         * @return this builder
         */
        public Builder weighting(Weighting weighting) {
            this.weighting = Objects.requireNonNull(weighting, "weighting");
            return this;
        }

        /**
         * Sets whether items marked non-product in the log (postage, fees) are kept. Default false.
         *
         * @param includeNonProducts true to keep them
         * @return this builder
         */
        public Builder includeNonProducts(boolean includeNonProducts) {
            this.includeNonProducts = includeNonProducts;
            return this;
        }

        /**
         * Builds the matrix of a log: one row per customer index of the log's dictionary (customers without
         * rows give empty rows), one column per item index; rows without an item are skipped. O(rows + customers
         * + items), plus a sort of each customer's items.
         *
         * @param log the transactions; not null. Not modified.
         * @return the matrix
         * @throws InvalidDataException if a quantity is not finite under {@link Weighting#QUANTITY}, naming the
         *     row, the column and the value
         */
        public InteractionMatrix build(TransactionLog log) {
            Objects.requireNonNull(log, "log");
            int customers = log.customerCount();
            int items = log.itemCount();
            int[] rowPtr = new int[customers + 1];
            int[] cols = new int[Math.max(16, log.size())];
            double[] values = new double[cols.length];
            double[] acc = new double[items];
            int[] touched = new int[items];
            boolean[] seen = new boolean[items];
            int nnz = 0;
            for (int u = 0; u < customers; u++) {
                TransactionLog.CustomerRows rows = log.rowsOf(u);
                int t = 0;
                for (int k = 0; k < rows.size(); k++) {
                    int r = rows.row(k);
                    int j = log.item(r);
                    if (j < 0 || (!includeNonProducts && log.isNonProduct(j))) {
                        continue;
                    }
                    double add = 1.0;
                    if (weighting == Weighting.QUANTITY) {
                        add = log.quantity(r);
                        if (!Double.isFinite(add)) {
                            throw new InvalidDataException("row " + r + ", column quantity: quantity must be finite,"
                                    + " found " + add, r, "quantity", null);
                        }
                    }
                    if (!seen[j]) {
                        seen[j] = true;
                        touched[t++] = j;
                    }
                    acc[j] += add;
                }
                Arrays.sort(touched, 0, t);
                for (int q = 0; q < t; q++) {
                    int j = touched[q];
                    double c = acc[j];
                    acc[j] = 0.0;
                    seen[j] = false;
                    double w;
                    switch (weighting) {
                        case BINARY:
                            w = 1.0;
                            break;
                        case LOG:
                            w = Math.log1p(c);
                            break;
                        default:
                            w = c;
                    }
                    if (!(w > 0)) {
                        continue;
                    }
                    cols[nnz] = j;
                    values[nnz] = w;
                    nnz++;
                }
                rowPtr[u + 1] = nnz;
            }
            return new InteractionMatrix(customers, items, rowPtr, Arrays.copyOf(cols, nnz),
                    Arrays.copyOf(values, nnz), "weighting=" + weighting + ", includeNonProducts=" + includeNonProducts);
        }

        @Override
        public String toString() {
            return "InteractionMatrix.Builder{weighting=" + weighting + ", includeNonProducts=" + includeNonProducts
                    + "}";
        }
    }
}
