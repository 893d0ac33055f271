package dev.segmentation.clv;

import dev.segmentation.InvalidDataException;
import dev.segmentation.features.BtydSummary;
import java.util.Arrays;
import java.util.Objects;

/**
 * The sufficient statistic of the Gamma-Gamma spend likelihood: a weighted histogram of the distinct
 * {@code (frequency, mean spend)} pairs of the repeat customers (frequency {@code > 0}), whose log-likelihood is
 * {@code sum_k w_k LL(x_k, zbar_k)}. It is the seam for fitting on partitions (issue 18): each partition
 * computes {@link #accumulate(BtydSummary)}, the partial statistics are combined with {@link #merge}, and
 * {@link GammaGamma#fit(GammaGammaStats)} fits the result. {@link GammaGamma#fit(BtydSummary)} takes the same
 * path, so a fit on merged partitions equals the fit on the whole summary, bit for bit: pairs are kept sorted by
 * {@code (frequency, mean spend)} and weights are integer counts (exact in a double up to 2^53), so neither
 * the order of the rows nor the partitioning changes anything.
 *
 * <pre>{@code
 * GammaGammaStats stats = GammaGammaStats.accumulate(partA).merge(GammaGammaStats.accumulate(partB));
 * GammaGammaModel model = GammaGamma.builder().build().fit(stats);
 * }</pre>
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never accepted or returned. Serializable so
 * that a distributed engine (e.g. Spark) can return partition statistics to its driver; the serialized form is
 * a transport between JVMs of the same library version, not a storage format.
 */
public final class GammaGammaStats implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** The distinct frequencies, sorted with the mean spends. */
    private final double[] frequency;
    /** The mean repeat spend of each pair. */
    private final double[] meanSpend;
    /** The number of repeat customers with each pair. */
    private final double[] weight;
    /** All customers seen, repeat or not. */
    private final long customers;

    private GammaGammaStats(double[] frequency, double[] meanSpend, double[] weight, long customers) {
        this.frequency = frequency;
        this.meanSpend = meanSpend;
        this.weight = weight;
        this.customers = customers;
    }

    /**
     * The statistics of one chunk of customers: its repeat customers' {@code (frequency, monetary)} pairs,
     * counted.
     *
     * @param chunk the customers; not null. Not modified.
     * @return the statistics, with no pair when the chunk has no repeat customer
     * @throws InvalidDataException naming the row (0-based in the chunk) and the customer whose monetary value is
     *     not positive although its frequency is
     */
    public static GammaGammaStats accumulate(BtydSummary chunk) {
        Objects.requireNonNull(chunk, "chunk");
        int n = chunk.size();
        double[] x = new double[n];
        double[] z = new double[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            double f = chunk.frequency(i);
            if (f > 0) {
                double m = chunk.monetary(i);
                if (!(m > 0)) {
                    throw new InvalidDataException("row " + i + " (customer " + chunk.id(i)
                            + "): monetary must be > 0 for a repeat customer (frequency " + f + "), found " + m,
                            i, "monetary", null);
                }
                x[k] = f;
                z[k] = m;
                k++;
            }
        }
        return of(Arrays.copyOf(x, k), Arrays.copyOf(z, k), null, n);
    }

    /**
     * The statistics of counted pairs, as a group-by count of the repeat customers' {@code (frequency, monetary)}
     * pairs computes them (e.g. in SQL). Pairs may come in any order and may repeat (their counts are added);
     * the result equals {@link #accumulate} of the customers counted, bit for bit, whatever the order.
     *
     * <pre>{@code
     * // SELECT frequency, monetary, count(*) FROM summary WHERE frequency > 0 GROUP BY frequency, monetary
     * GammaGammaStats stats = GammaGammaStats.ofCounts(frequency, monetary, counts, allCustomers);
     * }</pre>
     *
     * @param frequency the frequency of each pair, {@code > 0}; not null. Not modified.
     * @param meanSpend the mean spend of each pair, {@code > 0}; not null. Not modified.
     * @param counts the number of repeat customers with each pair, {@code >= 1}; not null. Not modified.
     * @param customers all customers, repeat or not: at least the sum of the counts
     * @return the statistics, with no pair when the arrays are empty
     * @throws IllegalArgumentException if the arrays differ in length, the counts sum past {@code Long.MAX_VALUE},
     *     or {@code customers} is below their sum
     * @throws InvalidDataException naming the pair (0-based) whose frequency or mean spend is not {@code > 0}, or
     *     whose count is below 1
     */
    public static GammaGammaStats ofCounts(double[] frequency, double[] meanSpend, long[] counts, long customers) {
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(meanSpend, "meanSpend");
        Objects.requireNonNull(counts, "counts");
        int n = frequency.length;
        if (meanSpend.length != n || counts.length != n) {
            throw new IllegalArgumentException("frequency, meanSpend and counts must have the same length, found "
                    + n + ", " + meanSpend.length + " and " + counts.length);
        }
        long total = 0;
        for (int k = 0; k < n; k++) {
            if (!(frequency[k] > 0)) {
                throw new InvalidDataException("pair " + k + ": frequency must be > 0, found " + frequency[k], k,
                        "frequency", null);
            }
            if (!(meanSpend[k] > 0)) {
                throw new InvalidDataException("pair " + k + ": meanSpend must be > 0, found " + meanSpend[k], k,
                        "meanSpend", null);
            }
            if (counts[k] < 1) {
                throw new InvalidDataException("pair " + k + ": count must be >= 1, found " + counts[k], k, "counts",
                        null);
            }
            try {
                total = Math.addExact(total, counts[k]);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("counts must sum to at most " + Long.MAX_VALUE + ", found more",
                        e);
            }
        }
        if (customers < total) {
            throw new IllegalArgumentException("customers must be >= the sum of the counts (" + total + "), found "
                    + customers);
        }
        return of(frequency.clone(), meanSpend.clone(), counts, customers);
    }

    /** Sorts and counts the pairs; each pair counts {@code counts[i]} customers, or 1 when counts is null. */
    private static GammaGammaStats of(double[] x, double[] z, long[] counts, long customers) {
        int n = x.length;
        // by the ranks of x and z as primitives where they fit a long, else by comparator (BtydEntries.sorted;
        // issue 19): equal pairs are adjacent either way and their counts are whole numbers, so the sums do not
        // depend on their order
        int[] order = BtydEntries.sorted(new double[][] {x, z}).order();
        double[] cx = new double[n];
        double[] cz = new double[n];
        double[] cw = new double[n];
        int k = -1;
        for (int idx : order) {
            double count = counts == null ? 1 : counts[idx];
            if (k >= 0 && cx[k] == x[idx] && cz[k] == z[idx]) {
                cw[k] += count;
            } else {
                k++;
                cx[k] = x[idx];
                cz[k] = z[idx];
                cw[k] = count;
            }
        }
        int size = k + 1;
        return new GammaGammaStats(Arrays.copyOf(cx, size), Arrays.copyOf(cz, size), Arrays.copyOf(cw, size),
                customers);
    }

    /**
     * Combines two statistics: counts of equal pairs are added, customers too.
     *
     * @param other the other statistics; not null. Not modified.
     * @return new statistics
     */
    public GammaGammaStats merge(GammaGammaStats other) {
        Objects.requireNonNull(other, "other");
        int a = size();
        int b = other.size();
        double[] x = new double[a + b];
        double[] z = new double[a + b];
        double[] w = new double[a + b];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a || j < b) {
            int c = i == a ? 1 : j == b ? -1 : compare(frequency[i], meanSpend[i], other.frequency[j],
                    other.meanSpend[j]);
            if (c <= 0) {
                x[k] = frequency[i];
                z[k] = meanSpend[i];
                w[k] = weight[i++];
                if (c == 0) {
                    w[k] += other.weight[j++];
                }
            } else {
                x[k] = other.frequency[j];
                z[k] = other.meanSpend[j];
                w[k] = other.weight[j++];
            }
            k++;
        }
        return new GammaGammaStats(Arrays.copyOf(x, k), Arrays.copyOf(z, k), Arrays.copyOf(w, k),
                customers + other.customers);
    }

    private static int compare(double x1, double z1, double x2, double z2) {
        int c = Double.compare(x1, x2);
        return c != 0 ? c : Double.compare(z1, z2);
    }

    /**
     * Returns the number of distinct {@code (frequency, mean spend)} pairs.
     *
     * @return the pair count
     */
    public int size() {
        return weight.length;
    }

    /**
     * Returns the frequency of pair k (in order of frequency, then mean spend).
     *
     * @param k the pair, {@code 0 <= k < size()}
     * @return x, at least 1
     */
    public double frequency(int k) {
        return frequency[k];
    }

    /**
     * Returns the mean spend per repeat purchase of pair k.
     *
     * @param k the pair, {@code 0 <= k < size()}
     * @return the mean spend, positive
     */
    public double meanSpend(int k) {
        return meanSpend[k];
    }

    /**
     * Returns the number of repeat customers with pair k.
     *
     * @param k the pair, {@code 0 <= k < size()}
     * @return the count, at least 1
     */
    public double weight(int k) {
        return weight[k];
    }

    /**
     * Returns the number of repeat customers (the sum of the weights).
     *
     * @return the count
     */
    public long repeatCustomers() {
        long n = 0;
        for (double v : weight) {
            n += (long) v;
        }
        return n;
    }

    /**
     * Returns the number of customers accumulated, repeat or not.
     *
     * @return the count
     */
    public long customers() {
        return customers;
    }

    // zero-copy access for the trainer
    double[] frequencies() {
        return frequency;
    }

    double[] meanSpends() {
        return meanSpend;
    }

    double[] weights() {
        return weight;
    }

    @Override
    public String toString() {
        return "GammaGammaStats{pairs=" + size() + ", repeatCustomers=" + repeatCustomers() + ", customers="
                + customers + "}";
    }
}
