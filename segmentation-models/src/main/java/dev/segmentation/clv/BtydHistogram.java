package dev.segmentation.clv;

import dev.segmentation.InvalidDataException;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.internal.ParamChecks;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * A weighted histogram of distinct {@code (frequency, recency, T)} triples: the sufficient statistic of the
 * BG/NBD, MBG/NBD and Pareto/NBD likelihoods, whose log-likelihood is {@code sum_k w_k LL(x_k, t_k, T_k)}.
 *
 * <p>Compression makes fitting cost proportional to the number of distinct triples rather than customers
 * (a cohort observed in whole days has a few thousand distinct triples whatever its size). It is also the
 * seam for distributed fitting: each partition builds a histogram ({@link #of(BtydSummary)} or
 * {@link #builder(Duration)}), the partial histograms are combined with {@link #merge(BtydHistogram)}, and
 * the trainers fit the result ({@code BgNbd.fit(BtydHistogram)}). Distinct triples are kept sorted by
 * {@code (frequency, recency, T)}, so a histogram, and hence a fit, does not depend on the order of the rows
 * or on how they were partitioned.
 *
 * <p>Compression uses an open-addressing hash table on the exact bit patterns of the three values:
 * O(n) expected time and O(distinct) memory, plus an O(k log k) sort of the k distinct triples.
 *
 * <p>Capacity (issue 19): at most {@value #MAX_ENTRIES} (2^27) distinct triples, a hash table of 8 GiB; one more
 * is refused with an {@link InvalidDataException} saying so before any index can overflow (a coarser time unit
 * merges triples). Weights are doubles, so integer counts are exact up to 2^53 (about 9e15 customers per
 * entry and in total), far past 2^31.
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never accepted or returned.
 */
public final class BtydHistogram {
    /** The largest number of distinct triples a histogram holds: 2^27 (its hash table then uses 8 GiB). */
    public static final int MAX_ENTRIES = 1 << 27;
    /**
     * The compression of n customers sizes its hash table for {@code min(n, PRESIZE)} entries (at most 2^21 slots,
     * 64 MiB for three keys): at 1 M customers (613,627 distinct triples) the table it ends with, without the five
     * doublings from 2^16 entries that allocated about 130 MiB per compression, each a humongous array for G1 (issue
     * 19). Entry ids follow the order of first appearance whatever the table's size, so nothing else changes.
     */
    static final int PRESIZE = 1 << 20;

    private final double[] frequency;
    private final double[] recency;
    private final double[] age;
    private final double[] weight;
    private final double totalWeight;
    private final Duration unit;
    /**
     * The {@link ValueIndex}es of frequency, recency and T, which every fit on this histogram reads: made with the
     * sort ({@link Table#toHistogram}) or on first use, at most once per thread (a pure function of the columns, so
     * a race computes equal values), and published through the volatile field.
     */
    private volatile ValueIndex[] indexes;

    private BtydHistogram(double[] frequency, double[] recency, double[] age, double[] weight, Duration unit) {
        this.frequency = frequency;
        this.recency = recency;
        this.age = age;
        this.weight = weight;
        double w = 0;
        for (double v : weight) {
            w += v;
        }
        this.totalWeight = w;
        this.unit = unit;
    }

    /**
     * Compresses a summary: one entry per distinct {@code (frequency, recency, T)}, weighted by its count.
     *
     * @param summary the customers; not null. Not modified.
     * @return the histogram, possibly empty
     */
    public static BtydHistogram of(BtydSummary summary) {
        Objects.requireNonNull(summary, "summary");
        int n = summary.size();
        Table table = new Table(Math.max(16, Math.min(n, PRESIZE)));
        for (int i = 0; i < n; i++) {
            table.add(summary.frequency(i), summary.recency(i), summary.T(i), 1.0);
        }
        return table.toHistogram(summary.unit());
    }

    /**
     * One entry per customer with weight 1, in row order, without merging duplicates. The fit on it equals
     * the fit on {@link #of(BtydSummary)} up to rounding; it exists for tests and for comparisons.
     *
     * @param summary the customers; not null. Not modified.
     * @return the uncompressed histogram
     */
    public static BtydHistogram uncompressed(BtydSummary summary) {
        Objects.requireNonNull(summary, "summary");
        double[] w = new double[summary.size()];
        Arrays.fill(w, 1.0);
        return new BtydHistogram(summary.frequency(), summary.recency(), summary.T(), w, summary.unit());
    }

    /**
     * Returns a builder for histograms assembled from already grouped counts (for example the output of a
     * distributed {@code GROUP BY frequency, recency, T}).
     *
     * @param unit the time unit of recency and T; positive, not null
     * @return a new builder; not thread-safe
     * @throws IllegalArgumentException if the unit is not positive
     */
    public static Builder builder(Duration unit) {
        return new Builder(unit);
    }

    /**
     * Combines two histograms of the same unit: weights of equal triples are added.
     *
     * @param other the other histogram; not null. Not modified.
     * @return a new histogram
     * @throws IllegalArgumentException if the units differ
     */
    public BtydHistogram merge(BtydHistogram other) {
        Objects.requireNonNull(other, "other");
        if (!unit.equals(other.unit)) {
            throw new IllegalArgumentException("other.unit must be " + unit + ", found " + other.unit);
        }
        Table t = new Table(Math.max(16, size() + other.size()));
        for (int i = 0; i < size(); i++) {
            t.add(frequency[i], recency[i], age[i], weight[i]);
        }
        for (int i = 0; i < other.size(); i++) {
            t.add(other.frequency[i], other.recency[i], other.age[i], other.weight[i]);
        }
        return t.toHistogram(unit);
    }

    /**
     * Returns the number of entries (distinct triples, unless made by {@link #uncompressed}).
     *
     * @return the entry count
     */
    public int size() {
        return weight.length;
    }

    /**
     * Returns the sum of the weights (the number of customers).
     *
     * @return the total weight
     */
    public double totalWeight() {
        return totalWeight;
    }

    /**
     * Returns the time unit of recency and T.
     *
     * @return the unit
     */
    public Duration unit() {
        return unit;
    }

    /**
     * Returns the frequency of entry k.
     *
     * @param k the entry, {@code 0 <= k < size()}
     * @return x
     */
    public double frequency(int k) {
        return frequency[k];
    }

    /**
     * Returns the recency of entry k.
     *
     * @param k the entry
     * @return t_x in {@link #unit()}
     */
    public double recency(int k) {
        return recency[k];
    }

    /**
     * Returns the age T of entry k.
     *
     * @param k the entry
     * @return T in {@link #unit()}
     */
    public double T(int k) {
        return age[k];
    }

    /**
     * Returns the weight (count) of entry k.
     *
     * @param k the entry
     * @return the weight, positive
     */
    public double weight(int k) {
        return weight[k];
    }

    // Package-private zero-copy access for the likelihoods.
    double[] frequencies() {
        return frequency;
    }

    double[] recencies() {
        return recency;
    }

    double[] ages() {
        return age;
    }

    double[] weights() {
        return weight;
    }

    /** The value indexes of {@code {frequency, recency, T}} (shared, not to be modified). */
    ValueIndex[] valueIndexes() {
        ValueIndex[] v = indexes;
        if (v == null) {
            v = ValueIndex.of(frequency, recency, age);
            indexes = v;
        }
        return v;
    }

    @Override
    public String toString() {
        return "BtydHistogram{entries=" + size() + ", totalWeight=" + totalWeight + ", unit=" + unit + "}";
    }

    /**
     * Accumulates weighted triples; equal triples are merged. Builders are mutable and not thread-safe;
     * {@link #build()} does not change the builder.
     */
    public static final class Builder {
        private final Duration unit;
        private final Table table = new Table(1024);
        private long added;

        private Builder(Duration unit) {
            ParamChecks.positive("unit", unit);
            this.unit = unit;
        }

        /**
         * Adds {@code weight} customers with the given summary.
         *
         * @param frequency x, a non-negative integer
         * @param recency t_x, {@code 0 <= t_x <= T}
         * @param T the age, finite
         * @param weight the count, finite and positive (need not be an integer)
         * @return this builder
         * @throws InvalidDataException naming the entry (0-based, in order of addition) and the bad value
         */
        public Builder add(double frequency, double recency, double T, double weight) {
            long row = added;
            BtydEntries.checkTriple(row, frequency, recency, T);
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw BtydEntries.bad(row, "weight", "finite and > 0", weight);
            }
            table.add(frequency, recency, T, weight);
            added++;
            return this;
        }

        /**
         * Returns the histogram of everything added so far.
         *
         * @return a new histogram, possibly empty
         */
        public BtydHistogram build() {
            return table.toHistogram(unit);
        }
    }

    /**
     * A histogram of entries already distinct and sorted by (x, t_x, T), as {@link Table#toHistogram} makes them
     * (for {@link BtydHoldoutHistogram#calibration()}). The arrays are kept, not copied.
     */
    static BtydHistogram sorted(double[] frequency, double[] recency, double[] age, double[] weight, Duration unit) {
        return new BtydHistogram(frequency, recency, age, weight, unit);
    }

    /**
     * Compresses a summary and records, for each row, the index of its entry in the result: for scoring distinct
     * triples once. Recency and T are multiplied by {@code scale} (a unit conversion). The entries are in order of
     * first appearance, not sorted: the callers compute a value per entry and copy it to the entry's rows, a pure
     * function of the entry, so the order cannot change a result, and the sort was most of the compression's cost
     * (issue 19). Not for fitting (a fit's sums over entries follow their order; fits use {@link #of(BtydSummary)}).
     */
    static BtydHistogram of(BtydSummary summary, double scale, int[] rowEntry) {
        int n = summary.size();
        Table table = new Table(Math.max(16, Math.min(n, PRESIZE)));
        for (int i = 0; i < n; i++) {
            rowEntry[i] = table.add(summary.frequency(i), summary.recency(i) * scale, summary.T(i) * scale, 1.0);
        }
        return table.unsorted(summary.unit());
    }

    /**
     * The distinct (x, t_x, T) ({@link BtydEntries}, three keys) with their weights, kept densely by entry id.
     */
    static final class Table {
        private final BtydEntries entries;
        private double[] w;

        Table(int expected) {
            entries = new BtydEntries(3, expected);
            w = new double[Math.max(16, Math.min(expected, MAX_ENTRIES))];
        }

        /** Adds weight to the triple's entry and returns the entry id (in order of first appearance). */
        int add(double x, double r, double t, double weight) {
            int e = entries.add(x, r, t, 0);
            if (e == w.length) {
                w = Arrays.copyOf(w, e * 2);
            }
            w[e] += weight; // 0 + weight for a new entry: the weight itself
            return e;
        }

        /** The entries by entry id (order of first appearance), unsorted. */
        BtydHistogram unsorted(Duration unit) {
            double[][] k = entries.keys();
            return new BtydHistogram(k[0], k[1], k[2], Arrays.copyOf(w, entries.size()), unit);
        }

        /**
         * Sorts the entries by (x, t_x, T) ({@link BtydEntries#sorted}); the triples are distinct, so the order is
         * unique. The value indexes of the sort are kept for the histogram's fits.
         */
        BtydHistogram toHistogram(Duration unit) {
            double[][] k = entries.keys();
            BtydEntries.Sorted s = BtydEntries.sorted(k);
            int[] order = s.order();
            BtydHistogram h = new BtydHistogram(BtydEntries.permute(k[0], order), BtydEntries.permute(k[1], order),
                    BtydEntries.permute(k[2], order), BtydEntries.permute(w, order), unit);
            h.indexes = s.sortedIndexes(3);
            return h;
        }
    }

    /** {@link #sorted} with the value indexes of its columns, already known. */
    static BtydHistogram sorted(double[] frequency, double[] recency, double[] age, double[] weight, Duration unit,
            ValueIndex[] indexes) {
        BtydHistogram h = new BtydHistogram(frequency, recency, age, weight, unit);
        h.indexes = indexes;
        return h;
    }
}
