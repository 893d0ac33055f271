package dev.segmentation.features;

import dev.segmentation.InvalidDataException;
import dev.segmentation.Provenance;
import dev.segmentation.internal.ParamChecks;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Trainer for quantile scores, such as the 1..5 R, F and M scores of RFM analysis: each selected column is cut
 * at its training quantiles into {@code bins} groups of (nearly) equal size, scored 1 (lowest values) to
 * {@code bins} (highest values), or the other way round for {@link Builder#descending(String...) descending}
 * columns such as recency, where a recent purchase (a low value) scores high.
 *
 * <p>Tie rule: equal values always get equal scores, and bins stay as balanced as that allows.
 * <ol>
 *   <li>Without ties the cuts are exactly those of pandas {@code qcut(s.rank(method="first"), bins)}, the
 *   recipe of RFM tutorials: with n training values sorted ascending, scores {@code 1..k} go to the lowest
 *   {@code c_k = 1 + floor(k (n - 1) / bins)} values (the count of ranks 1..n at or below the linear
 *   quantile {@code 1 + (n - 1) k / bins} of the ranks), so bin sizes differ by at most one.
 *   <li>When the ideal cut {@code c_k} falls inside a run of equal values, the cut moves to the nearer end of
 *   that run, to its upper end when both are equally near (the run then scores low). It never moves to the
 *   very start or end of the data, so the lowest value always scores 1 and the highest scores {@code bins},
 *   unless the column is constant: then every row scores 1. Each cut thus misses its ideal by less than the
 *   size of the run it falls in, and by at most half of it when the run is not at an end.
 *   <li>When runs are large (e.g. 60 % of customers with frequency 0), several cuts can land on the same run
 *   boundary and some scores are then left unused: scores keep their quantile meaning rather than being
 *   renumbered (with 60 % zeros and 5 bins, the zeros score 1 and the next values score 4).
 * </ol>
 * This is rank-based like {@code rank(method="first")} but, unlike it, never splits equal values between two
 * scores, so that {@link QuantileBinnerModel#transform} scores new data through the fitted edges exactly as
 * the training data were scored (see {@link QuantileBinnerModel#edges(String)}).
 *
 * <p>Descending columns are binned as the negated values: the rule above applies to {@code -x}.
 *
 * <p>Columns. By default every column is scored; {@link Builder#columns(String...)} selects some by name, and
 * the others pass through unchanged. Column names and order are kept; scores replace values as doubles.
 * Scores cannot be inverted.
 *
 * <p>Example (RFM):
 * <pre>{@code
 * QuantileBinnerModel rfm = QuantileBinner.builder().bins(5).descending("recency").build().fit(features);
 * FeatureMatrix scores = rfm.transform(features);   // recency, frequency, monetary now in 1..5
 * }</pre>
 *
 * <p>Cost: a radix sort per selected column, O(d n) time, O(n) extra memory; transform is O(n d log bins).
 *
 * <p>Instances are immutable and safe for concurrent use; {@link #fit} is pure. Null is never accepted.
 */
public final class QuantileBinner implements FeatureEncoder {
    private final String[] columns;
    private final int bins;
    private final String[] descending;

    private QuantileBinner(Builder b) {
        this.columns = b.columns == null ? null : b.columns.clone();
        this.bins = b.bins;
        this.descending = b.descending.clone();
    }

    /**
     * Starts a builder with the defaults: every column, 5 bins, every column ascending.
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
        b.bins = bins;
        b.descending = descending.clone();
        return b;
    }

    /**
     * Learns the score edges of each selected column.
     *
     * @param x the training features; at least one row, selected columns finite. Not modified.
     * @return the fitted model
     * @throws dev.segmentation.InvalidDataException if {@code x} has no rows, a selected or descending column
     *     does not exist, or a selected value is NaN or infinite (naming the row, the column and the value)
     */
    @Override
    public QuantileBinnerModel fit(FeatureMatrix x) {
        Objects.requireNonNull(x, "x");
        int[] idx = EncoderColumns.resolve(x, columns);
        EncoderColumns.resolve(x, descending);
        EncoderColumns.requireRows(x);
        String[] names = EncoderColumns.names(x, idx);
        Set<String> desc = new HashSet<>(Arrays.asList(descending));
        int m = idx.length;
        boolean[] isDescending = new boolean[m];
        double[][] edges = new double[m][];
        for (int j = 0; j < m; j++) {
            double[] v = EncoderColumns.finiteColumn(x, idx[j]);
            isDescending[j] = desc.contains(names[j]);
            if (isDescending[j]) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = -v[i];
                }
            }
            // the mergeable path, as one chunk: a partition-wise fit (SparkQuantiles) merges the same counts
            edges[j] = edges(ValueCounts.ofSorted(ValueCounts.sorted(v)), bins);
        }
        return new QuantileBinnerModel(names, bins, isDescending, edges)
                .withProvenance(Provenance.builder(this).data(x).notIterative().build());
    }

    /**
     * Fits the edges from merged value counts instead of rows (e.g. counted per partition and merged with
     * {@link ValueCounts#merge}): the model equals {@link #fit(FeatureMatrix)} of a matrix whose columns hold
     * those values, bit for bit, because the edges depend on a sorted column only through its runs of equal
     * values, which the counts keep. The trainer's columns (all given columns when it has none) and descending
     * columns must be among the given names. The provenance records the rows and column names (no fingerprint: the
     * rows are not seen).
     *
     * @param columns the names of the counted columns, distinct, non-empty. Not modified.
     * @param counts each column's value counts, in the order of {@code columns}, all of the same total. Not modified.
     * @return the model, with the trainer's columns in its order
     * @throws InvalidDataException if a selected or descending column is not among {@code columns}, or the counts
     *     hold no rows ({@code "rows must be >= 1, found 0"})
     * @throws IllegalArgumentException if the names repeat, the sizes differ or the totals differ
     */
    public QuantileBinnerModel fit(List<String> columns, List<ValueCounts> counts) {
        String[] given = ParamChecks.names("columns", columns);
        Objects.requireNonNull(counts, "counts");
        ParamChecks.requireArgument(counts.size() == given.length, "counts size must be %s (one per column), found %s",
                given.length, counts.size());
        long total = counts.get(0).total();
        for (ValueCounts c : counts) {
            Objects.requireNonNull(c, "counts element");
            ParamChecks.requireArgument(c.total() == total, "counts must all have the same total, found %s and %s",
                    total, c.total());
        }
        List<String> names = List.of(given);
        for (String d : descending) {
            indexIn(names, d);
        }
        String[] selected = this.columns == null ? given : this.columns;
        if (total == 0) {
            throw new InvalidDataException("rows must be >= 1, found 0");
        }
        Set<String> desc = new HashSet<>(Arrays.asList(descending));
        int m = selected.length;
        boolean[] isDescending = new boolean[m];
        double[][] edges = new double[m][];
        for (int j = 0; j < m; j++) {
            ValueCounts c = counts.get(indexIn(names, selected[j]));
            isDescending[j] = desc.contains(selected[j]);
            edges[j] = edges(isDescending[j] ? c.negated() : c, bins);
        }
        return new QuantileBinnerModel(selected.clone(), bins, isDescending, edges)
                .withProvenance(Provenance.builder(this).rows(total).columns(names).notIterative().build());
    }

    /** The index of a name among the given columns, or the matrix's refusal of an unknown column. */
    private static int indexIn(List<String> names, String name) {
        int j = names.indexOf(name);
        if (j < 0) {
            throw new InvalidDataException("column must be one of " + names + ", found \"" + name + "\"", -1, name,
                    null);
        }
        return j;
    }

    /**
     * The bins - 1 edges of a column's counts (ascending; negated for a descending column): edge k is the value
     * at the cut just after 0-based rank {@code k (n - 1) / bins} of the sorted column, moved by {@link #cut}.
     */
    static double[] edges(ValueCounts counts, int bins) {
        long n = counts.total();
        long[] ends = counts.runEnds();
        double[] edges = new double[bins - 1];
        for (int k = 1; k < bins; k++) {
            long ideal = 1 + (long) k * (n - 1) / bins;
            long cut = cut(ends, n, ideal);
            edges[k - 1] = counts.valueAtRank(ends, cut - 1) + 0.0; // + 0.0 turns -0.0 into 0.0
        }
        return edges;
    }

    /**
     * The cut (a count of rows in the lower bins) for an ideal cut: the ideal one when it falls between two runs of
     * equal values; inside a run, the nearer end of the run (the upper on a tie), never the very start or end of the
     * column unless the run is the whole column (then everything scores 1).
     *
     * @param ends the runs' ends (exclusive), ascending, the last one {@code n}
     */
    private static long cut(long[] ends, long n, long ideal) {
        if (ideal >= n) {
            return n;
        }
        int lo = 0;
        int hi = ends.length - 1;
        while (lo < hi) { // the run holding position ideal: the first end > ideal
            int mid = (lo + hi) >>> 1;
            if (ends[mid] <= ideal) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        long start = lo == 0 ? 0 : ends[lo - 1];
        if (start == ideal) {
            return ideal; // the value before the ideal cut is smaller: no tie across it
        }
        long end = ends[lo];
        if (start == 0 && end == n) {
            return n; // constant column: everything scores 1
        }
        if (start == 0) {
            return end;
        }
        if (end == n) {
            return start;
        }
        return ideal - start < end - ideal ? start : end;
    }

    /**
     * Lists every hyperparameter, e.g. {@code QuantileBinner{columns=all, bins=5, descending=[recency]}}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "QuantileBinner{columns=" + EncoderColumns.describe(columns) + ", bins=" + bins + ", descending="
                + Arrays.toString(descending) + "}";
    }

    private static void checkBins(int bins) {
        ParamChecks.atLeast("bins", bins, 2);
    }

    /**
     * Mutable, single-threaded builder of {@link QuantileBinner}. {@link #build()} does not change it.
     */
    public static final class Builder {
        private String[] columns;
        private int bins = 5;
        private String[] descending = new String[0];

        private Builder() {
        }

        /**
         * Selects the columns to score, by name; the others pass through. Default: every column.
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
         * Scores every column of the matrix (the default), undoing {@link #columns(String...)}.
         *
         * @return this builder
         */
        public Builder allColumns() {
            this.columns = null;
            return this;
        }

        /**
         * Sets the number of scores. Default 5 (RFM's quintiles).
         *
         * @param bins the number of scores, {@code >= 2}
         * @return this builder
         * @throws IllegalArgumentException if {@code bins < 2}: {@code "bins must be >= 2, found 1"}
         */
        public Builder bins(int bins) {
            checkBins(bins);
            this.bins = bins;
            return this;
        }

        /**
         * Names the columns where low values score high (recency in RFM: days since the last purchase). Replaces
         * any earlier call; with no names every column is ascending (the default).
         *
         * @param names distinct column names, each among {@link #columns(String...)} when those are set. Not
         *     modified.
         * @return this builder
         * @throws IllegalArgumentException if a name repeats
         */
        public Builder descending(String... names) {
            Objects.requireNonNull(names, "descending");
            this.descending = names.length == 0 ? new String[0] : EncoderColumns.copyNames("descending", names);
            return this;
        }

        /**
         * Creates the trainer.
         *
         * @return the immutable trainer
         * @throws IllegalArgumentException if the settings are invalid, or a descending column is not among
         *     the selected columns, e.g. {@code "descending must be among columns [frequency, monetary], found
         *     "recency""}
         */
        public QuantileBinner build() {
            checkBins(bins);
            if (columns != null) {
                List<String> selected = List.of(columns);
                for (String s : descending) {
                    if (!selected.contains(s)) {
                        throw new IllegalArgumentException("descending must be among columns " + selected
                                + ", found \"" + s + "\"");
                    }
                }
            }
            return new QuantileBinner(this);
        }
    }
}
