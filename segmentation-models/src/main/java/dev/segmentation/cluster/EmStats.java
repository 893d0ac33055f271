package dev.segmentation.cluster;

import dev.segmentation.internal.ParamChecks;
import java.util.Arrays;
import java.util.Objects;

/**
 * The mergeable statistics of one EM data pass over a chunk of rows: the partition seam of
 * {@link GaussianMixture}.
 *
 * <p>About reference means {@code m0_c} (the column means for {@link CovarianceType#FULL}, the means of the
 * parameters the E-step used otherwise) it holds per component {@code N_c = sum r_ic},
 * {@code S1_c = sum r_ic (x_i - m0_c)} and {@code S2_c = sum r_ic (x_i - m0_c)(x_i - m0_c)^T} (the packed lower
 * triangle, row by row, for full covariances; the diagonal otherwise), the log-likelihood {@code sum log p(x_i)}
 * of the parameters, the row count, and the k rows with the lowest log-density (to re-seed an empty component).
 * Centring on fixed reference means keeps the one-pass covariance {@code S2/N - (S1/N)(S1/N)^T} free of
 * cancellation. The M-step ({@link GaussianMixture#fit(EmPasses)}) uses only merged statistics.
 *
 * <h2>How to use it on partitions</h2>
 * <pre>{@code
 * // every partition, with the parameters the driver handed out (EmPasses.pass) and its rows' global index:
 * EmStats part = EmStats.accumulate(parameters, rows, n, firstRow);
 * // the driver, in a fixed order (e.g. by partition index):
 * EmStats total = EmStats.empty(k, d, type);
 * for (EmStats p : parts) total.merge(p);
 * }</pre>
 * {@link #merge} is associative and commutative up to floating-point rounding of the sums (row counts exactly;
 * the worst rows exactly, ties resolved by the lower row index); merging in a fixed order makes the result
 * reproducible, and {@link #empty} is its identity. The single-machine {@link GaussianMixture#fit} runs the same
 * seam: each fixed chunk of {@link dev.segmentation.internal.ChunkRunner#CHUNK_ROWS} rows gives one
 * {@code EmStats} by the same kernel as {@link #accumulate}, merged in chunk order, so a distributed engine that
 * holds the same chunks gets bit-identical merged statistics for the same parameters.
 *
 * <p>Mutable and not thread-safe: one instance per chunk or partition; {@link #merge} modifies this instance.
 * Serializable so that a distributed engine (e.g. Spark) can return partition statistics to its driver; the
 * serialized form is a transport between JVMs of the same library version, not a storage format.
 *
 * @serial exclude
 */
public final class EmStats implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** The number of components. */
    final int k;
    /** The number of columns. */
    final int d;
    /** The covariance type, which fixes the scatter layout. */
    final CovarianceType type;
    /** The number of scatter values per component. */
    final int s2len;
    /** Per component, the sum of responsibilities. */
    final double[] n;
    /** Per component, the responsibility-weighted sums of the rows. */
    final double[] s1;
    /** Per component, the responsibility-weighted scatter. */
    final double[] s2;
    /** The log-likelihood of the rows. */
    double logLikelihood;
    /** The rows accumulated. */
    long rows;
    /** The rows with the lowest log-density, ascending; worstRow[i] = -1 when unused. */
    final double[] worstValue;
    /** The indices of those rows, aligned with {@code worstValue}. */
    final long[] worstRow;

    EmStats(int k, int d, CovarianceType type) {
        this.k = k;
        this.d = d;
        this.type = type;
        this.s2len = type == CovarianceType.FULL ? d * (d + 1) / 2 : d;
        this.n = new double[k];
        this.s1 = new double[k * d];
        this.s2 = new double[k * s2len];
        this.worstValue = new double[k];
        this.worstRow = new long[k];
        clear();
    }

    /**
     * Returns empty statistics, the identity of {@link #merge}.
     *
     * @param k the number of components, {@code >= 1}
     * @param d the number of columns, {@code >= 1}
     * @param type the covariance type; not null
     * @return new empty statistics
     * @throws IllegalArgumentException {@code "k must be >= 1, found 0"} or the same for d
     */
    public static EmStats empty(int k, int d, CovarianceType type) {
        Objects.requireNonNull(type, "type");
        return new EmStats(ParamChecks.atLeast("k", k, 1), ParamChecks.atLeast("d", d, 1), type);
    }

    /**
     * The E-step over one chunk of rows: the log-likelihood of the parameters and, when
     * {@link EmParameters#statistics()}, the responsibility-weighted sums about the reference means. O(n k d)
     * (O(n k d^2) for full covariances).
     *
     * @param parameters the parameters handed out by {@link GaussianMixture#fit(EmPasses)}; not null
     * @param rows the chunk's rows, row-major {@code n x d}, finite. Not modified.
     * @param n the number of rows, {@code >= 0} (0 gives {@link #empty})
     * @param firstRow the global 0-based index of the first row (it names the worst rows), {@code >= 0}
     * @return the chunk's statistics
     * @throws IllegalArgumentException if rows is shorter than {@code n * d} or firstRow is negative
     */
    public static EmStats accumulate(EmParameters parameters, double[] rows, int n, long firstRow) {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(rows, "rows");
        Mixture mix = parameters.mixture;
        ParamChecks.atLeast("n", n, 0);
        ParamChecks.requireArgument(rows.length >= (long) n * mix.d, "rows must have length >= n * d = %s, found %s",
                (long) n * mix.d, rows.length);
        ParamChecks.requireArgument(firstRow >= 0, "firstRow must be >= 0, found %s", firstRow);
        EmStats s = new EmStats(mix.k, mix.d, mix.type);
        if (n > 0) {
            new EmKernel(mix.d, mix.k, mix.type).run(rows, 0, n, firstRow, mix, parameters.columnMean,
                    parameters.statistics(), s);
        }
        return s;
    }

    /**
     * The statistics of the hard assignment of every row of a chunk to its nearest centre (squared Euclidean
     * distance, the lowest index on ties), about those centres: the start of EM from k-means centres or given
     * means. Each row adds responsibility 1 to its centre; no log-likelihood is computed. O(n k d).
     *
     * @param rows the chunk's rows, row-major {@code n x d}, finite. Not modified.
     * @param n the number of rows, {@code >= 0}
     * @param centres the centres, row-major {@code k x d}. Not modified.
     * @param k the number of centres, {@code >= 1}
     * @param type the covariance type; not null
     * @return the chunk's statistics
     * @throws IllegalArgumentException if a length does not match
     */
    public static EmStats hard(double[] rows, int n, double[] centres, int k, CovarianceType type) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(centres, "centres");
        ParamChecks.atLeast("k", k, 1);
        ParamChecks.atLeast("n", n, 0);
        ParamChecks.requireArgument(centres.length % k == 0 && centres.length > 0,
                "centres must have length k * d, found %s", centres.length);
        int d = centres.length / k;
        ParamChecks.requireArgument(rows.length >= (long) n * d, "rows must have length >= n * d = %s, found %s",
                (long) n * d, rows.length);
        EmStats s = empty(k, d, type);
        for (int i = 0; i < n; i++) {
            s.addHard(rows, i * d, MiniBatchKMeans.Step.nearest(rows, i * d, centres, k, d), centres);
        }
        s.rows = n;
        return s;
    }

    /** Adds the row at x[o..o+d) with responsibility 1 to component c, about ref (k x d). */
    void addHard(double[] x, int o, int c, double[] ref) {
        this.n[c] += 1;
        for (int a = 0; a < d; a++) {
            double da = x[o + a] - ref[c * d + a];
            s1[c * d + a] += da;
            if (type == CovarianceType.FULL) {
                int r = c * s2len + a * (a + 1) / 2;
                for (int b = 0; b <= a; b++) {
                    s2[r + b] += da * (x[o + b] - ref[c * d + b]);
                }
            } else {
                s2[c * s2len + a] += da * da;
            }
        }
    }

    void clear() {
        Arrays.fill(n, 0.0);
        Arrays.fill(s1, 0.0);
        Arrays.fill(s2, 0.0);
        logLikelihood = 0;
        rows = 0;
        Arrays.fill(worstValue, Double.POSITIVE_INFINITY);
        Arrays.fill(worstRow, -1);
    }

    /** Offers a row's log-density to the list of worst rows (ties keep the lower row). */
    void offerWorst(long row, double value) {
        if (!(value < worstValue[k - 1] || value == worstValue[k - 1] && worstRow[k - 1] >= 0
                && row < worstRow[k - 1])) {
            return;
        }
        int pos = k - 1;
        while (pos > 0 && (worstValue[pos - 1] > value || worstValue[pos - 1] == value && worstRow[pos - 1] > row)) {
            worstValue[pos] = worstValue[pos - 1];
            worstRow[pos] = worstRow[pos - 1];
            pos--;
        }
        worstValue[pos] = value;
        worstRow[pos] = row;
    }

    /**
     * Adds {@code other} into this: the sums, counts and log-likelihood add up, the worst rows are the k lowest
     * of both (lower row index on ties).
     *
     * @param other statistics of the same k, d and covariance type, typically of the next partition. Not modified.
     * @return this instance
     * @throws IllegalArgumentException if the shapes differ
     */
    public EmStats merge(EmStats other) {
        Objects.requireNonNull(other, "other");
        ParamChecks.requireArgument(other.k == k && other.d == d && other.type == type,
                "other must have k = %s, d = %s and type %s, found k = %s, d = %s and type %s", k, d, type,
                other.k, other.d, other.type);
        for (int i = 0; i < n.length; i++) {
            n[i] += other.n[i];
        }
        for (int i = 0; i < s1.length; i++) {
            s1[i] += other.s1[i];
        }
        for (int i = 0; i < s2.length; i++) {
            s2[i] += other.s2[i];
        }
        logLikelihood += other.logLikelihood;
        rows += other.rows;
        for (int i = 0; i < k && other.worstRow[i] >= 0; i++) {
            offerWorst(other.worstRow[i], other.worstValue[i]);
        }
        return this;
    }

    /**
     * Returns the number of components k.
     *
     * @return k
     */
    public int k() {
        return k;
    }

    /**
     * Returns the number of columns d.
     *
     * @return d
     */
    public int dimension() {
        return d;
    }

    /**
     * Returns the covariance type, which fixes the layout of {@link #squares()}.
     *
     * @return the type
     */
    public CovarianceType covarianceType() {
        return type;
    }

    /**
     * Returns the number of rows the statistics cover.
     *
     * @return the row count
     */
    public long rows() {
        return rows;
    }

    /**
     * Returns the summed responsibilities {@code N_c} per component (a copy).
     *
     * @return k values
     */
    public double[] responsibilities() {
        return n.clone();
    }

    /**
     * Returns the centred first moments {@code S1_c}, row-major {@code k x d} (a copy).
     *
     * @return k * d values
     */
    public double[] sums() {
        return s1.clone();
    }

    /**
     * Returns the centred second moments {@code S2_c} (a copy): per component the packed lower triangle by rows
     * ({@code d (d + 1) / 2} values) for full covariances, the diagonal ({@code d} values) otherwise.
     *
     * @return the values, component after component
     */
    public double[] squares() {
        return s2.clone();
    }

    /**
     * Returns the summed log-density {@code sum log p(x_i)} of the rows under the pass's parameters (0 for
     * hard-assignment statistics).
     *
     * @return the log-likelihood
     */
    public double logLikelihood() {
        return logLikelihood;
    }

    /**
     * Returns the global indices of the rows with the lowest log-density, lowest first (at most k; fewer when
     * fewer rows were seen).
     *
     * @return the row indices
     */
    public long[] worstRows() {
        int m = 0;
        while (m < k && worstRow[m] >= 0) {
            m++;
        }
        return Arrays.copyOf(worstRow, m);
    }
}
