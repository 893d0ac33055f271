package dev.segmentation.recommend;

import dev.segmentation.internal.ParamChecks;
import java.util.Arrays;
import java.util.Objects;

/**
 * The item co-occurrence statistics of a chunk of customers, the data pass of {@link ItemKnn} (issue 18): for
 * each item {@code i} of a block of items {@code [itemFrom, itemTo)} and each other item {@code j} bought by a
 * customer who also bought {@code i}, the number of such customers ({@link #counts(int)}, a long) and the dot
 * product {@code r_i . r_j = sum_u r_ui r_uj} of the two items' columns over those customers ({@link #dots(int)}).
 * A block of rows of the item x item co-occurrence matrix, stored sparse (only pairs that occur), so that a
 * trainer can hold a few rows at a time and never the whole matrix.
 *
 * <p>It is the seam for fitting on partitions: each partition of the customers computes
 * {@link #accumulate(InteractionMatrix, int, int, int, int)}, the partial statistics are combined with
 * {@link #merge} in partition order, and {@link ItemKnn#neighbors(int, int[], double[], double[])} selects the
 * neighbours from the merged {@link #others(int)} and {@link #dots(int)}. {@link ItemKnn#fit} runs the same per-item
 * data pass over all customers (reading the sums from its dense accumulator rather than storing them), so its
 * lists are the lists selected from these statistics. Counts merge
 * exactly; a dot product is summed in ascending customer order within a chunk and chunk by chunk in
 * {@code merge}, so it is exact, and the same for every partition, when the weights are integers (the
 * {@code BINARY} and {@code COUNT} weightings, exact in a double up to 2^53); other weights may differ in the last
 * bits between partitionings. {@link #empty} is the identity of {@code merge}.
 *
 * <pre>{@code
 * CooccurrenceStats stats = CooccurrenceStats.accumulate(matrix, 0, 500, 0, matrix.items())
 *         .merge(CooccurrenceStats.accumulate(matrix, 500, matrix.customers(), 0, matrix.items()));
 * }</pre>
 *
 * <p>Cost: {@code O(sum over the chunk's customers u of |items of u in the block| x |items of u|)} time, memory
 * one dense accumulator of length {@code items} plus the stored pairs. Instances are immutable and safe for
 * concurrent use. Serializable as a transport between JVMs of the same library version, not a storage format.
 */
public final class CooccurrenceStats implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final int[] NO_ITEMS = new int[0];
    private static final long[] NO_COUNTS = new long[0];
    private static final double[] NO_DOTS = new double[0];

    /** The number of items of the matrix. */
    private final int items;
    /** The block's first item. */
    private final int itemFrom;
    /** The customers accumulated. */
    private final long customers;
    /** Per item of the block, the other items it co-occurs with, ascending. */
    private final int[][] others;
    /** Per item of the block, the customers who bought it and each of {@code others}, aligned. */
    private final long[][] counts;
    /** Per item of the block, the dot products with each of {@code others}, aligned. */
    private final double[][] dots;

    private CooccurrenceStats(int items, int itemFrom, long customers, int[][] others, long[][] counts,
            double[][] dots) {
        this.items = items;
        this.itemFrom = itemFrom;
        this.customers = customers;
        this.others = others;
        this.counts = counts;
        this.dots = dots;
    }

    /**
     * The statistics of no customer: the identity of {@link #merge}.
     *
     * @param items the number of items, {@code >= 0}
     * @param itemFrom the block's first item, in {@code [0, items]}
     * @param itemTo one past the block's last item, in {@code [itemFrom, items]}
     * @return statistics with no pair
     * @throws IllegalArgumentException if a bound is out of range
     */
    public static CooccurrenceStats empty(int items, int itemFrom, int itemTo) {
        checkBlock(items, itemFrom, itemTo);
        int n = itemTo - itemFrom;
        int[][] o = new int[n][];
        long[][] c = new long[n][];
        double[][] d = new double[n][];
        Arrays.fill(o, NO_ITEMS);
        Arrays.fill(c, NO_COUNTS);
        Arrays.fill(d, NO_DOTS);
        return new CooccurrenceStats(items, itemFrom, 0, o, c, d);
    }

    /**
     * The statistics of customers {@code [customerFrom, customerTo)} of a matrix for all its items.
     *
     * @param matrix the interactions; not null. Not modified.
     * @param customerFrom the chunk's first customer
     * @param customerTo one past the chunk's last customer
     * @return the statistics
     * @throws IllegalArgumentException if a bound is out of range
     */
    public static CooccurrenceStats accumulate(InteractionMatrix matrix, int customerFrom, int customerTo) {
        Objects.requireNonNull(matrix, "matrix");
        return accumulate(matrix, customerFrom, customerTo, 0, matrix.items());
    }

    /**
     * The statistics of customers {@code [customerFrom, customerTo)} of a matrix for the items
     * {@code [itemFrom, itemTo)}: for each such item, its co-occurrences with every other item of the matrix.
     *
     * @param matrix the interactions; not null. Not modified.
     * @param customerFrom the chunk's first customer, in {@code [0, customers]}
     * @param customerTo one past the chunk's last customer, in {@code [customerFrom, customers]}
     * @param itemFrom the block's first item, in {@code [0, items]}
     * @param itemTo one past the block's last item, in {@code [itemFrom, items]}
     * @return the statistics
     * @throws IllegalArgumentException if a bound is out of range
     */
    public static CooccurrenceStats accumulate(InteractionMatrix matrix, int customerFrom, int customerTo,
            int itemFrom, int itemTo) {
        Objects.requireNonNull(matrix, "matrix");
        int items = matrix.items();
        checkBlock(items, itemFrom, itemTo);
        int customersTotal = matrix.customers();
        ParamChecks.requireArgument(customerFrom >= 0 && customerFrom <= customersTotal,
                "customerFrom must be in [0, %s], found %s", customersTotal, customerFrom);
        ParamChecks.requireArgument(customerTo >= customerFrom && customerTo <= customersTotal,
                "customerTo must be in [%s, %s], found %s", customerFrom, customersTotal, customerTo);
        int n = itemTo - itemFrom;
        int[][] o = new int[n][];
        long[][] c = new long[n][];
        double[][] d = new double[n][];
        double[] dot = new double[items];
        long[] count = new long[items];
        int[] touched = new int[items];
        boolean[] seen = new boolean[items];
        for (int i = itemFrom; i < itemTo; i++) {
            int t = row(matrix, customerFrom, customerTo, i, dot, count, touched, seen);
            Arrays.sort(touched, 0, t);
            int[] oi = new int[t];
            long[] ci = new long[t];
            double[] di = new double[t];
            for (int q = 0; q < t; q++) {
                int j = touched[q];
                oi[q] = j;
                ci[q] = count[j];
                di[q] = dot[j];
                dot[j] = 0.0;
                count[j] = 0;
                seen[j] = false;
            }
            o[i - itemFrom] = oi;
            c[i - itemFrom] = ci;
            d[i - itemFrom] = di;
        }
        return new CooccurrenceStats(items, itemFrom, customerTo - customerFrom, o, c, d);
    }

    /**
     * The data pass of one item, shared with {@link ItemKnn#fit}: adds {@code r_ui r_uj} to {@code dot[j]} (and 1
     * to {@code count[j]} unless it is null) for every customer u of {@code [customerFrom, customerTo)} who bought
     * {@code item}, in ascending customer order, and lists each j touched once in {@code touched}, first-seen
     * order, marking it in {@code seen}. The caller reads and resets {@code dot}, {@code count} and {@code seen}
     * at the touched items.
     *
     * @return the number of touched items
     */
    static int row(InteractionMatrix matrix, int customerFrom, int customerTo, int item, double[] dot,
            long[] count, int[] touched, boolean[] seen) {
        int[] rowPtr = matrix.rowPtrRef();
        int[] cols = matrix.colsRef();
        double[] vals = matrix.valuesRef();
        int[] rowIdx = matrix.rowIdxRef();
        double[] colVals = matrix.colValuesRef();
        int end = matrix.colPtrRef()[item + 1];
        int t = 0;
        // the item's customers are ascending: start at the chunk's first
        int p = Arrays.binarySearch(rowIdx, matrix.colPtrRef()[item], end, customerFrom);
        for (p = p >= 0 ? p : -p - 1; p < end && rowIdx[p] < customerTo; p++) {
            int u = rowIdx[p];
            double ru = colVals[p];
            for (int q = rowPtr[u]; q < rowPtr[u + 1]; q++) {
                int j = cols[q];
                if (j == item) {
                    continue;
                }
                if (!seen[j]) {
                    seen[j] = true;
                    touched[t++] = j;
                }
                dot[j] += ru * vals[q];
                if (count != null) {
                    count[j]++;
                }
            }
        }
        return t;
    }

    private static void checkBlock(int items, int itemFrom, int itemTo) {
        ParamChecks.atLeast("items", items, 0);
        ParamChecks.requireArgument(itemFrom >= 0 && itemFrom <= items, "itemFrom must be in [0, %s], found %s",
                items, itemFrom);
        ParamChecks.requireArgument(itemTo >= itemFrom && itemTo <= items, "itemTo must be in [%s, %s], found %s",
                itemFrom, items, itemTo);
    }

    /**
     * Combines the statistics of two disjoint chunks of customers over the same items: counts and dot products
     * of each pair added, this chunk's first (merge partitions in their order).
     *
     * @param other statistics of the same number of items and the same block; not null. Not modified.
     * @return new statistics; neither input is changed
     * @throws IllegalArgumentException if the item counts or the blocks differ
     */
    public CooccurrenceStats merge(CooccurrenceStats other) {
        Objects.requireNonNull(other, "other");
        ParamChecks.requireArgument(other.items == items, "other must have %s items, found %s", items, other.items);
        ParamChecks.requireArgument(other.itemFrom == itemFrom && other.others.length == others.length,
                "other must cover items [%s, %s), found [%s, %s)", itemFrom, itemTo(), other.itemFrom,
                other.itemTo());
        int n = others.length;
        int[][] o = new int[n][];
        long[][] c = new long[n][];
        double[][] d = new double[n][];
        for (int r = 0; r < n; r++) {
            int[] ao = others[r];
            int[] bo = other.others[r];
            if (bo.length == 0 || ao.length == 0) {
                boolean useA = bo.length == 0;
                o[r] = useA ? ao : bo;
                c[r] = useA ? counts[r] : other.counts[r];
                d[r] = useA ? dots[r] : other.dots[r];
                continue;
            }
            int[] mo = new int[ao.length + bo.length];
            long[] mc = new long[mo.length];
            double[] md = new double[mo.length];
            int a = 0;
            int b = 0;
            int m = 0;
            while (a < ao.length || b < bo.length) {
                if (b == bo.length || (a < ao.length && ao[a] < bo[b])) {
                    mo[m] = ao[a];
                    mc[m] = counts[r][a];
                    md[m++] = dots[r][a++];
                } else if (a == ao.length || bo[b] < ao[a]) {
                    mo[m] = bo[b];
                    mc[m] = other.counts[r][b];
                    md[m++] = other.dots[r][b++];
                } else {
                    mo[m] = ao[a];
                    mc[m] = counts[r][a] + other.counts[r][b];
                    md[m++] = dots[r][a++] + other.dots[r][b++];
                }
            }
            o[r] = Arrays.copyOf(mo, m);
            c[r] = Arrays.copyOf(mc, m);
            d[r] = Arrays.copyOf(md, m);
        }
        return new CooccurrenceStats(items, itemFrom, customers + other.customers, o, c, d);
    }

    /**
     * Returns the number of items of the matrix.
     *
     * @return items
     */
    public int items() {
        return items;
    }

    /**
     * Returns the block's first item.
     *
     * @return itemFrom
     */
    public int itemFrom() {
        return itemFrom;
    }

    /**
     * Returns one past the block's last item.
     *
     * @return itemTo
     */
    public int itemTo() {
        return itemFrom + others.length;
    }

    /**
     * Returns the number of customers accumulated (every customer of the chunks, buyers of the block's items
     * or not).
     *
     * @return customers
     */
    public long customers() {
        return customers;
    }

    /**
     * Returns the number of stored pairs {@code (i, j)}, i in the block, j co-occurring with it.
     *
     * @return pairs
     */
    public long pairs() {
        long s = 0;
        for (int[] o : others) {
            s += o.length;
        }
        return s;
    }

    /**
     * Returns the other items that co-occur with {@code item}, ascending.
     *
     * @param item an item of the block
     * @return a new array
     * @throws IllegalArgumentException if {@code item} is not in the block
     */
    public int[] others(int item) {
        return others[row(item)].clone();
    }

    /**
     * Returns the number of customers who bought both {@code item} and each of {@link #others(int)}, aligned.
     *
     * @param item an item of the block
     * @return a new array
     * @throws IllegalArgumentException if {@code item} is not in the block
     */
    public long[] counts(int item) {
        return counts[row(item)].clone();
    }

    /**
     * Returns the dot products {@code r_item . r_j} with each of {@link #others(int)}, aligned.
     *
     * @param item an item of the block
     * @return a new array
     * @throws IllegalArgumentException if {@code item} is not in the block
     */
    public double[] dots(int item) {
        return dots[row(item)].clone();
    }

    private int row(int item) {
        ParamChecks.requireArgument(item >= itemFrom && item < itemTo(), "item must be in [%s, %s), found %s",
                itemFrom, itemTo(), item);
        return item - itemFrom;
    }

    /**
     * Equal statistics: the same items, block and customer count and, pair by pair, the same counts and bit for
     * bit the same dot products.
     *
     * @param o another object
     * @return whether it is equal statistics
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CooccurrenceStats)) {
            return false;
        }
        CooccurrenceStats s = (CooccurrenceStats) o;
        return items == s.items && itemFrom == s.itemFrom && customers == s.customers
                && Arrays.deepEquals(others, s.others) && Arrays.deepEquals(counts, s.counts)
                && Arrays.deepEquals(dots, s.dots);
    }

    @Override
    public int hashCode() {
        return Objects.hash(items, itemFrom, customers, Arrays.deepHashCode(others), Arrays.deepHashCode(dots));
    }

    @Override
    public String toString() {
        return "CooccurrenceStats{items=" + items + ", itemFrom=" + itemFrom + ", itemTo=" + itemTo()
                + ", customers=" + customers + ", pairs=" + pairs() + "}";
    }
}
