package dev.segmentation.clv;

import dev.segmentation.InvalidDataException;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.eval.BinaryMetrics;
import dev.segmentation.internal.ChunkRunner;
import dev.segmentation.internal.ParamChecks;
import dev.segmentation.internal.math.FdLibm;
import dev.segmentation.internal.sort.DoubleOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * A calibration/holdout summary compressed once: one row per distinct {@code (frequency, recency, T, holdout
 * frequency)} with the number of customers who have it. It is the sufficient statistic of everything the
 * lifetime-value stage's holdout model choice computes: the calibration fits (through {@link #calibration()},
 * the {@link BtydHistogram} of the distinct {@code (frequency, recency, T)}) and the holdout figures of a fitted
 * model ({@link #evaluate(BtydModel)}: log loss and ROC AUC of "no purchase in the holdout", predicted against
 * actual holdout purchases, mean absolute error). A choice that fits and scores about ten models therefore
 * compresses the customers once rather than once per fit and per score (issue 19).
 *
 * <p>Rows are kept sorted by {@code (frequency, recency, T, holdout frequency)}, so a histogram, its
 * {@link #calibration()} and every figure do not depend on the order of the customers or on how they were
 * partitioned. It is a seam for distributed evaluation: each partition builds a histogram
 * ({@link #builder(Duration, double)}{@code .add(x, tx, T, holdoutX, count).build()}, for example from a
 * {@code GROUP BY}), and the partial histograms are combined with {@link #merge(BtydHoldoutHistogram)}. Counts
 * are {@code long}s and are added exactly.
 *
 * <p>{@code calibration()} has the entries, order and weights of {@link BtydHistogram#of(BtydSummary)} of the
 * same customers, so a fit on it is bit for bit the trainers' {@code fit(summary)} with compression on (see
 * {@code BgNbd.compresses()}). Each customer's P(no purchase) and predicted holdout purchases are bit for bit
 * those of {@link BtydEvaluation#noPurchase} and {@link BtydEvaluation#holdout}; the sums over customers
 * (log loss, predicted purchases, mean absolute error) are taken over rows weighted by their counts, so they
 * may differ from a sum customer by customer in the last digits. The AUC is exact (an integer rank sum).
 *
 * <p>Capacity: at most {@link BtydHistogram#MAX_ENTRIES} distinct rows; one more is refused with an
 * {@link InvalidDataException}. Instances are immutable and safe for concurrent use. Null is never accepted or
 * returned.
 */
public final class BtydHoldoutHistogram {
    /** The clamp of P(no purchase) before its logarithm in the log loss: {@code [EPS, 1 - EPS]}. */
    private static final double EPS = 1e-15;

    private final double[] frequency;
    private final double[] recency;
    private final double[] age;
    private final double[] holdoutFrequency;
    private final long[] count;
    /** The index of each row's {@code (frequency, recency, T)} in {@link #calibration}. */
    private final int[] triple;
    private final long customers;
    private final Duration unit;
    private final double holdout;
    private final BtydHistogram calibration;

    /**
     * A histogram of rows sorted by (x, t_x, T, holdout x); {@code ranks}, when not null, are the value indexes of x,
     * t_x and T of the rows, whose values the calibration histogram's indexes share.
     */
    private BtydHoldoutHistogram(double[] frequency, double[] recency, double[] age, double[] holdoutFrequency,
            long[] count, Duration unit, double holdout, ValueIndex[] ranks) {
        this.frequency = frequency;
        this.recency = recency;
        this.age = age;
        this.holdoutFrequency = holdoutFrequency;
        this.count = count;
        this.unit = unit;
        this.holdout = holdout;
        int n = count.length;
        int[] tripleOf = new int[n];
        int k = 0;
        long total = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && !(frequency[i] == frequency[i - 1] && recency[i] == recency[i - 1] && age[i] == age[i - 1])) {
                k++;
            }
            tripleOf[i] = k;
            total += count[i];
        }
        int triples = n == 0 ? 0 : k + 1;
        double[] tx = new double[triples];
        double[] tr = new double[triples];
        double[] tt = new double[triples];
        double[] tw = new double[triples];
        long[] sum = new long[triples];
        int[][] tripleRanks = ranks == null ? null : new int[3][triples];
        for (int i = 0; i < n; i++) {
            int j = tripleOf[i];
            tx[j] = frequency[i];
            tr[j] = recency[i];
            tt[j] = age[i];
            sum[j] += count[i];
            if (ranks != null) {
                for (int c = 0; c < 3; c++) {
                    tripleRanks[c][j] = ranks[c].index[i];
                }
            }
        }
        for (int j = 0; j < triples; j++) {
            tw[j] = sum[j];
        }
        this.triple = tripleOf;
        this.customers = total;
        this.calibration = ranks == null ? BtydHistogram.sorted(tx, tr, tt, tw, unit)
                : BtydHistogram.sorted(tx, tr, tt, tw, unit, new ValueIndex[] {ranks[0].permuted(tripleRanks[0]),
                    ranks[1].permuted(tripleRanks[1]), ranks[2].permuted(tripleRanks[2])});
    }

    /**
     * Compresses a calibration summary with its holdout columns: one row per distinct {@code (frequency,
     * recency, T, holdout frequency)}.
     *
     * @param summary the customers with holdout columns (as {@code BtydSummarizer} makes with a calibration
     *     end); not null, not empty, the same holdout length for every customer. Not modified.
     * @return the histogram
     * @throws IllegalArgumentException if the summary has no holdout columns, is empty, or its holdout lengths
     *     differ
     * @throws InvalidDataException if a holdout frequency is not a non-negative integer
     */
    public static BtydHoldoutHistogram of(BtydSummary summary) {
        Objects.requireNonNull(summary, "summary");
        if (!summary.hasHoldout()) {
            throw new IllegalArgumentException("summary must have holdout columns, found none");
        }
        int n = summary.size();
        if (n == 0) {
            throw new IllegalArgumentException("summary must have at least one customer, found 0");
        }
        double[] duration = summary.durationHoldout();
        double[] holdoutX = summary.frequencyHoldout();
        for (int i = 1; i < n; i++) {
            if (Double.doubleToLongBits(duration[i] + 0.0) != Double.doubleToLongBits(duration[0] + 0.0)) {
                throw new IllegalArgumentException("summary durationHoldout must be the same for every customer, "
                        + "found " + duration[0] + " at row 0 and " + duration[i] + " at row " + i);
            }
        }
        Builder b = new Builder(summary.unit(), duration[0], Math.max(16, Math.min(n, BtydHistogram.PRESIZE)));
        for (int i = 0; i < n; i++) {
            b.add(summary.frequency(i), summary.recency(i), summary.T(i), holdoutX[i], 1);
        }
        return b.build();
    }

    /**
     * Returns a builder for histograms assembled from already grouped counts (for example the output of a
     * distributed {@code GROUP BY frequency, recency, T, frequency_holdout}).
     *
     * @param unit the time unit of recency, T and the holdout length; positive, not null
     * @param holdout the holdout length in {@code unit}, the same for every customer; finite and {@code >= 0}
     * @return a new builder; not thread-safe
     * @throws IllegalArgumentException if the unit is not positive or the holdout length is negative or not
     *     finite
     */
    public static Builder builder(Duration unit, double holdout) {
        return new Builder(unit, holdout, 1024);
    }

    /**
     * Combines two histograms of the same unit and holdout length: counts of equal rows are added.
     *
     * @param other the other histogram; not null. Not modified.
     * @return a new histogram
     * @throws IllegalArgumentException if the units or the holdout lengths differ
     */
    public BtydHoldoutHistogram merge(BtydHoldoutHistogram other) {
        Objects.requireNonNull(other, "other");
        if (!unit.equals(other.unit)) {
            throw new IllegalArgumentException("other.unit must be " + unit + ", found " + other.unit);
        }
        if (Double.doubleToLongBits(holdout + 0.0) != Double.doubleToLongBits(other.holdout + 0.0)) {
            throw new IllegalArgumentException("other.holdout must be " + holdout + ", found " + other.holdout);
        }
        Builder b = new Builder(unit, holdout, Math.max(16, size() + other.size()));
        for (BtydHoldoutHistogram h : new BtydHoldoutHistogram[] {this, other}) {
            for (int i = 0; i < h.size(); i++) {
                b.table.add(h.frequency[i], h.recency[i], h.age[i], h.holdoutFrequency[i], h.count[i]);
            }
        }
        return b.build();
    }

    /**
     * Returns the number of rows (distinct {@code (frequency, recency, T, holdout frequency)}).
     *
     * @return the row count
     */
    public int size() {
        return count.length;
    }

    /**
     * Returns the number of customers (the sum of the counts).
     *
     * @return the customer count
     */
    public long customers() {
        return customers;
    }

    /**
     * Returns the time unit of recency, T and the holdout length.
     *
     * @return the unit
     */
    public Duration unit() {
        return unit;
    }

    /**
     * Returns the holdout length.
     *
     * @return the length in {@link #unit()}
     */
    public double holdout() {
        return holdout;
    }

    /**
     * Returns the calibration frequency of row k.
     *
     * @param k the row, {@code 0 <= k < size()}
     * @return x
     */
    public double frequency(int k) {
        return frequency[k];
    }

    /**
     * Returns the calibration recency of row k.
     *
     * @param k the row
     * @return t_x in {@link #unit()}
     */
    public double recency(int k) {
        return recency[k];
    }

    /**
     * Returns the calibration age T of row k.
     *
     * @param k the row
     * @return T in {@link #unit()}
     */
    public double T(int k) {
        return age[k];
    }

    /**
     * Returns the holdout purchase count of row k.
     *
     * @param k the row
     * @return the holdout frequency, a non-negative integer
     */
    public double holdoutFrequency(int k) {
        return holdoutFrequency[k];
    }

    /**
     * Returns the number of customers of row k.
     *
     * @param k the row
     * @return the count, positive
     */
    public long count(int k) {
        return count[k];
    }

    /**
     * Returns the counts of all rows.
     *
     * @return a copy, in row order
     */
    public long[] counts() {
        return count.clone();
    }

    /**
     * Returns the calibration histogram: the distinct {@code (frequency, recency, T)} weighted by their
     * customers, what the trainers fit ({@code BgNbd.fit(BtydHistogram)}). It equals
     * {@link BtydHistogram#of(BtydSummary)} of the same customers entry for entry.
     *
     * @return the histogram (shared: histograms are immutable)
     */
    public BtydHistogram calibration() {
        return calibration;
    }

    /**
     * Evaluates a model fitted on the calibration period against the holdout.
     *
     * @param model the model; recency, T and the holdout length are converted from {@link #unit()} to its unit;
     *     not null
     * @return the figures: P0 and the log loss now, the AUC and the holdout purchases on first use
     * @throws InvalidDataException if the histogram is empty
     */
    public Evaluation evaluate(BtydModel model) {
        return evaluate(model, 1);
    }

    /**
     * {@link #evaluate(BtydModel)} with the per-triple work (P0 and the predicted holdout purchases of each distinct
     * calibration triple) over fixed chunks of triples on {@code threads} threads (issue 19). Each triple's value
     * is a function of the triple alone and the sums run in row order on the calling thread, so every figure is
     * bit for bit the one-thread figure.
     *
     * @param model the model; as for {@link #evaluate(BtydModel)}
     * @param threads the thread count, {@code >= 1}
     * @return the figures
     * @throws InvalidDataException if the histogram is empty
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public Evaluation evaluate(BtydModel model, int threads) {
        Objects.requireNonNull(model, "model");
        ParamChecks.threads(threads);
        if (count.length == 0) {
            throw new InvalidDataException("histogram must have at least one customer, found 0", -1, null, null);
        }
        double scale = TimeUnits.seconds(unit) / TimeUnits.seconds(model.unit());
        int k = calibration.size();
        double[] x = calibration.frequencies();
        double[] tx = calibration.recencies();
        double[] t = calibration.ages();
        if (scale != 1.0) {
            tx = tx.clone();
            t = t.clone();
            for (int j = 0; j < k; j++) {
                tx[j] *= scale;
                t[j] *= scale;
            }
        }
        double d = holdout * scale;
        double[] txs = tx;
        double[] ts = t;
        // the calibration histogram's value indexes, in the model's unit and at T + d, restricted to each chunk:
        // the indexes BtydEvaluation.noPurchase would make of the chunk's columns, without hashing them again
        ValueIndex[] ix = calibration.valueIndexes();
        ValueIndex txIx = scale != 1.0 ? ix[1].mapped(v -> v * scale) : ix[1];
        ValueIndex tIx = scale != 1.0 ? ix[2].mapped(v -> v * scale) : ix[2];
        ValueIndex laterIx = tIx.mapped(v -> v + d);
        double[] p0ByTriple = byTriple(k, threads, (from, to, out) -> {
            double[] p = BtydEvaluation.noPurchase(model, Arrays.copyOfRange(x, from, to),
                    Arrays.copyOfRange(txs, from, to), Arrays.copyOfRange(ts, from, to), d, new ValueIndex[] {
                        ix[0].restrict(from, to), txIx.restrict(from, to), tIx.restrict(from, to),
                        laterIx.restrict(from, to)});
            System.arraycopy(p, 0, out, from, p.length);
        });
        int n = count.length;
        double[] p0 = new double[n];
        double[] loss = new double[n];
        double lossSum = 0;
        for (int i = 0; i < n; i++) {
            p0[i] = p0ByTriple[triple[i]];
            double p = Math.max(EPS, Math.min(1 - EPS, p0[i]));
            loss[i] = holdoutFrequency[i] == 0 ? -Math.log(p) : -FdLibm.log1p(-p);
            lossSum += count[i] * loss[i];
        }
        return new Evaluation(this, model, d, tx, t, p0ByTriple, p0, loss, lossSum / customers, threads);
    }

    /** Fills the values of triples {@code [from, to)} into {@code out}. */
    private interface TripleChunk {
        void fill(int from, int to, double[] out);
    }

    /**
     * A value per triple, {@code k} of them, by chunks of {@link ChunkRunner#CHUNK_ROWS} triples on {@code threads}
     * threads (the calling thread alone when one, or one chunk). Each chunk writes only its own slots.
     */
    private static double[] byTriple(int k, int threads, TripleChunk chunk) {
        double[] out = new double[k];
        int chunks = ChunkRunner.chunks(k);
        if (threads == 1 || chunks <= 1) {
            chunk.fill(0, k, out);
            return out;
        }
        try (ChunkRunner runner = new ChunkRunner(Math.min(threads, chunks), "btyd-holdout")) {
            runner.run(chunks, (c, worker) -> chunk.fill(ChunkRunner.from(c), ChunkRunner.to(c, k), out));
        }
        return out;
    }

    /**
     * Predicted holdout purchases per triple, {@code E[Y(d) | x, t_x, T]} (recency and T in the model's unit),
     * and their count-weighted total, the actual total and the MAE over customers: {@code {predicted, actual,
     * mae}}.
     */
    private double[] holdoutPurchases(BtydModel model, double d, double[] tx, double[] t, int threads) {
        double[] x = calibration.frequencies();
        int k = x.length;
        double[] byTriple = byTriple(k, threads, (from, to, out) -> {
            for (int j = from; j < to; j++) {
                out[j] = model.conditionalExpectedPurchases(d, x[j], tx[j], t[j]);
            }
        });
        double predicted = 0;
        double actual = 0;
        double absolute = 0;
        for (int i = 0; i < count.length; i++) {
            double c = count[i];
            double e = byTriple[triple[i]];
            predicted += c * e;
            actual += c * holdoutFrequency[i];
            absolute += c * Math.abs(e - holdoutFrequency[i]);
        }
        return new double[] {predicted, actual, absolute / customers};
    }

    /**
     * The ROC AUC of P0 as the score of "no purchase in the holdout" (the positive class): the doubled
     * Mann-Whitney U over the triples (each with its customers with and without a holdout purchase), by the weighted
     * {@link BinaryMetrics#rocAuc(double[], long[], long[])}: exact, as for one row per customer. NaN when only one
     * class is present.
     */
    private double auc(double[] p0ByTriple) {
        int k = p0ByTriple.length;
        long[] pos = new long[k];
        long[] neg = new long[k];
        long positives = 0;
        long negatives = 0;
        for (int i = 0; i < count.length; i++) {
            if (holdoutFrequency[i] == 0) {
                pos[triple[i]] += count[i];
                positives += count[i];
            } else {
                neg[triple[i]] += count[i];
                negatives += count[i];
            }
        }
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        // the triples handed over in ascending P0 (a radix sort, O(k)), so that the comparator sort inside rocAuc
        // runs on ordered data: the rank sum reads each group of equal P0 as one and sums its counts exactly, so the
        // order of the triples does not change the AUC (issue 19)
        int[] order = DoubleOrder.ascending(p0ByTriple);
        double[] score = new double[k];
        long[] sortedPos = new long[k];
        long[] sortedNeg = new long[k];
        for (int j = 0; j < k; j++) {
            score[j] = p0ByTriple[order[j]];
            sortedPos[j] = pos[order[j]];
            sortedNeg[j] = neg[order[j]];
        }
        return BinaryMetrics.rocAuc(score, sortedPos, sortedNeg);
    }

    @Override
    public String toString() {
        return "BtydHoldoutHistogram{rows=" + size() + ", triples=" + calibration.size() + ", customers=" + customers
                + ", unit=" + unit + ", holdout=" + holdout + "}";
    }

    /**
     * A model's figures on the holdout of a {@link BtydHoldoutHistogram}, per row and over all customers.
     *
     * <p>Instances are safe for concurrent use: the figures never change, and those computed on first use (the AUC,
     * the holdout purchases) are computed once under the instance's lock.
     */
    public static final class Evaluation {
        private final BtydHoldoutHistogram histogram;
        private final BtydModel model;
        private final double d;
        private final double[] recency;
        private final double[] age;
        private final double[] noPurchaseByTriple;
        private final double[] noPurchase;
        private final double[] losses;
        private final double logLoss;
        /** The AUC, computed on first use (aucDone tells whether it is). */
        private double auc;
        private boolean aucDone;
        /** {predicted, actual, mae}, computed on first use. */
        private double[] purchases;
        /** Threads of the lazy per-triple work. */
        private final int threads;

        Evaluation(BtydHoldoutHistogram histogram, BtydModel model, double d, double[] recency, double[] age,
                double[] noPurchaseByTriple, double[] noPurchase, double[] losses, double logLoss, int threads) {
            this.threads = threads;
            this.histogram = histogram;
            this.model = model;
            this.d = d;
            this.recency = recency;
            this.age = age;
            this.noPurchaseByTriple = noPurchaseByTriple;
            this.noPurchase = noPurchase;
            this.losses = losses;
            this.logLoss = logLoss;
        }

        private synchronized double[] purchases() {
            if (purchases == null) {
                purchases = histogram.holdoutPurchases(model, d, recency, age, threads);
            }
            return purchases;
        }

        /**
         * Returns each row's probability of no purchase in the holdout (see {@link BtydEvaluation#noPurchase}).
         *
         * @return a copy, in row order
         */
        public double[] noPurchase() {
            return noPurchase.clone();
        }

        /**
         * Returns each row's Bernoulli log loss of "no purchase in the holdout": {@code -ln P0} for a customer
         * without a holdout purchase, {@code -ln(1 - P0)} for the others, P0 clamped to
         * {@code [1e-15, 1 - 1e-15]}.
         *
         * @return a copy, in row order (one customer's loss; weight it by {@link BtydHoldoutHistogram#count})
         */
        public double[] losses() {
            return losses.clone();
        }

        /**
         * Returns the mean log loss per customer.
         *
         * @return the count-weighted mean of {@link #losses()}
         */
        public double logLoss() {
            return logLoss;
        }

        /**
         * Returns the ROC AUC of P0 as the score of "no purchase in the holdout", ties counting one half; computed
         * on the first call (the model choice's dropout grid needs only the losses).
         *
         * @return the AUC in [0, 1], NaN if every customer bought in the holdout or none did
         * @throws InvalidDataException if both classes are present and every P0 is exactly 0 or 1 (no AUC of hard
         *     labels, as {@code BinaryMetrics.rocAuc})
         */
        public synchronized double auc() {
            if (!aucDone) {
                auc = histogram.auc(noPurchaseByTriple);
                aucDone = true;
            }
            return auc;
        }

        /**
         * Returns the predicted holdout purchases of all customers, {@code sum E[Y(holdout) | x, t_x, T]}.
         *
         * @return the total
         */
        public double predictedPurchases() {
            return purchases()[0];
        }

        /**
         * Returns the actual holdout purchases of all customers.
         *
         * @return the total
         */
        public double actualPurchases() {
            return purchases()[1];
        }

        /**
         * Returns the mean absolute error of predicted against actual holdout purchases per customer.
         *
         * @return the MAE
         */
        public double meanAbsoluteError() {
            return purchases()[2];
        }
    }

    /**
     * Accumulates counted rows; equal rows are merged. Builders are mutable and not thread-safe;
     * {@link #build()} does not change the builder.
     */
    public static final class Builder {
        private final Duration unit;
        private final double holdout;
        private final Table table;
        private long added;

        private Builder(Duration unit, double holdout, int expected) {
            ParamChecks.positive("unit", unit);
            ParamChecks.nonNegative("holdout", holdout);
            this.unit = unit;
            this.holdout = holdout;
            this.table = new Table(expected);
        }

        /**
         * Adds {@code count} customers with the given calibration summary and holdout purchases.
         *
         * @param frequency x, a non-negative integer
         * @param recency t_x, {@code 0 <= t_x <= T}
         * @param T the age, finite
         * @param holdoutFrequency the purchases in the holdout, a non-negative integer
         * @param count the number of customers, {@code >= 1}
         * @return this builder
         * @throws InvalidDataException naming the entry (0-based, in order of addition) and the bad value
         */
        public Builder add(double frequency, double recency, double T, double holdoutFrequency, long count) {
            long row = added;
            BtydEntries.checkTriple(row, frequency, recency, T);
            if (!(holdoutFrequency >= 0) || Double.isInfinite(holdoutFrequency)
                    || holdoutFrequency != Math.rint(holdoutFrequency)) {
                throw BtydEntries.bad(row, "holdoutFrequency", "a non-negative integer", holdoutFrequency);
            }
            if (count < 1) {
                throw new InvalidDataException("entry " + row + ": count must be >= 1, found " + count, row,
                        "count", null);
            }
            table.add(frequency, recency, T, holdoutFrequency, count);
            added++;
            return this;
        }

        /**
         * Returns the histogram of everything added so far.
         *
         * @return a new histogram, possibly empty
         */
        public BtydHoldoutHistogram build() {
            return table.toHistogram(unit, holdout);
        }
    }

    /** The distinct (x, t_x, T, holdout x) ({@link BtydEntries}, four keys) with their counts, by row id. */
    private static final class Table {
        private final BtydEntries entries;
        private long[] counts;

        Table(int expected) {
            entries = new BtydEntries(4, expected);
            counts = new long[Math.max(16, Math.min(expected, BtydHistogram.MAX_ENTRIES))];
        }

        void add(double x, double r, double t, double h, long c) {
            int e = entries.add(x, r, t, h);
            if (e == counts.length) {
                counts = Arrays.copyOf(counts, e * 2);
            }
            counts[e] = Math.addExact(counts[e], c); // 0 + c for a new row
        }

        /** Sorts the rows by (x, t_x, T, holdout x). */
        BtydHoldoutHistogram toHistogram(Duration unit, double holdout) {
            double[][] k = entries.keys();
            BtydEntries.Sorted s = BtydEntries.sorted(k);
            int[] order = s.order();
            return new BtydHoldoutHistogram(BtydEntries.permute(k[0], order), BtydEntries.permute(k[1], order),
                    BtydEntries.permute(k[2], order), BtydEntries.permute(k[3], order),
                    BtydEntries.permute(counts, order), unit, holdout, s.sortedIndexes(3));
        }
    }
}
