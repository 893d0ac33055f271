package dev.segmentation.features;

import dev.segmentation.internal.ParamChecks;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * Mergeable per-column moments of a chunk of rows: the row count, and per column the sum of the deviations from a
 * fixed centre and the sum of their squares. They are the statistics of {@link Standardizer}'s two passes, which
 * a chunk (a thread's rows, a Spark partition) computes with {@link #accumulate} and a driver reduces with
 * {@link #merge} in a fixed chunk order:
 * <ol>
 *   <li>about zero ({@link #aboutZero(int)}): the sums give the means, {@link #means()};</li>
 *   <li>about those means ({@link #about(double[])}): the sums of deviations {@code c_j} and of squared deviations
 *       {@code s_j} give the corrected two-pass sum of squares {@code M2_j = s_j - c_j^2 / n} (Chan, Golub and
 *       LeVeque 1983), {@link #m2()}, from which the variance is {@code M2 / n} or {@code M2 / (n - 1)}.</li>
 * </ol>
 *
 * <pre>{@code
 * ColumnMoments first = ColumnMoments.aboutZero(m);
 * for (chunk : chunks) first = first.merge(ColumnMoments.aboutZero(m).accumulate(data, m, columns, from, to));
 * ColumnMoments second = ColumnMoments.about(first.means());   // ... the same loop again
 * double[] m2 = second.m2();
 * }</pre>
 *
 * <p><b>Determinism.</b> {@link #merge} adds counts and sums; sums of doubles are exact (and so the merge
 * associative and order-independent) only when no rounding happens, e.g. for integer values, so engines merge in
 * a fixed order (chunk order) to get bit-identical results for any number of threads or partitions. One chunk
 * holding every row gives exactly the running sums of a single loop over the rows.
 *
 * <p>Accumulating does not check values: a NaN or infinite value makes its column's sums non-finite, which
 * {@link #finite()} reports so that the caller can name the offending row. Complexity: {@code O(rows x columns)} to
 * accumulate, {@code O(columns)} to merge. Instances are immutable and safe for concurrent use; they are
 * {@link Serializable} so that engines can ship a chunk's moments (never used for model files).
 */
public final class ColumnMoments implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The centre the deviations are taken from, one per column (zeros for the first pass). */
    private final double[] centre;
    /** True for moments about zero (the first pass), whose mean is {@code sum / n} exactly. */
    private final boolean zero;
    /** The number of rows accumulated. */
    private final long count;
    /** Per column, the sum of deviations from the centre. */
    private final double[] sums;
    /** Per column, the sum of squared deviations from the centre. */
    private final double[] squares;

    private ColumnMoments(double[] centre, boolean zero, long count, double[] sums, double[] squares) {
        this.centre = centre;
        this.zero = zero;
        this.count = count;
        this.sums = sums;
        this.squares = squares;
    }

    /**
     * Returns the empty moments about zero (the first pass) of {@code columns} columns.
     *
     * @param columns the number of columns, {@code >= 1}
     * @return moments of no rows
     * @throws IllegalArgumentException {@code "columns must be >= 1, found 0"}
     */
    public static ColumnMoments aboutZero(int columns) {
        ParamChecks.atLeast("columns", columns, 1);
        return new ColumnMoments(new double[columns], true, 0, new double[columns], new double[columns]);
    }

    /**
     * Returns the empty moments about a centre (the second pass, about the first pass's means). A non-finite centre
     * (means of sums that overflowed) is accepted and gives non-finite sums, as plain arithmetic would.
     *
     * @param centre one value per column, at least one. Not modified.
     * @return moments of no rows
     * @throws IllegalArgumentException {@code "centre length must be >= 1, found 0"}
     */
    public static ColumnMoments about(double[] centre) {
        Objects.requireNonNull(centre, "centre");
        ParamChecks.atLeast("centre length", centre.length, 1);
        double[] c = centre.clone();
        return new ColumnMoments(c, false, 0, new double[c.length], new double[c.length]);
    }

    /**
     * Returns these moments plus those of rows {@code [from, to)} of a row-major table: for each row {@code i} and
     * each {@code j}, the value {@code data[i * width + columns[j]]} minus the centre is added to column j's sums, in
     * row order.
     *
     * @param data the row-major values. Not modified.
     * @param width the number of values per row, {@code >= 1}
     * @param columns the index in a row of each of this statistic's columns, in {@code [0, width)}. Not modified.
     * @param from the first row, {@code >= 0}
     * @param to the end row (exclusive), {@code >= from}, with {@code to * width <= data.length}
     * @return new moments
     * @throws IllegalArgumentException if the columns do not match these moments or the range is out of bounds
     */
    public ColumnMoments accumulate(double[] data, int width, int[] columns, int from, int to) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(columns, "columns");
        int m = sums.length;
        ParamChecks.requireArgument(columns.length == m, "columns length must be %s, found %s", m, columns.length);
        ParamChecks.atLeast("width", width, 1);
        for (int c : columns) {
            ParamChecks.requireArgument(c >= 0 && c < width, "columns must be in [0, %s), found %s", width, c);
        }
        ParamChecks.requireArgument(from >= 0 && from <= to && (long) to * width <= data.length,
                "rows [%s, %s) must lie within the %s rows of data", from, to, data.length / width);
        double[] sum = sums.clone();
        double[] sq = squares.clone();
        if (zero) {
            for (int i = from; i < to; i++) {
                int base = i * width;
                for (int j = 0; j < m; j++) {
                    double v = data[base + columns[j]];
                    sum[j] += v;
                    sq[j] += v * v;
                }
            }
        } else {
            for (int i = from; i < to; i++) {
                int base = i * width;
                for (int j = 0; j < m; j++) {
                    double dev = data[base + columns[j]] - centre[j];
                    sum[j] += dev;
                    sq[j] += dev * dev;
                }
            }
        }
        return new ColumnMoments(centre, zero, count + (to - from), sum, sq);
    }

    /**
     * Returns the moments of the rows of both: counts and sums added, this one's first.
     *
     * @param other moments about the same centre, of the same columns
     * @return new moments
     * @throws IllegalArgumentException if the centres differ
     */
    public ColumnMoments merge(ColumnMoments other) {
        Objects.requireNonNull(other, "other");
        ParamChecks.requireArgument(zero == other.zero && Arrays.equals(centre, other.centre),
                "other must have the same centre, found %s and %s", Arrays.toString(centre),
                Arrays.toString(other.centre));
        int m = sums.length;
        double[] sum = new double[m];
        double[] sq = new double[m];
        for (int j = 0; j < m; j++) {
            sum[j] = sums[j] + other.sums[j];
            sq[j] = squares[j] + other.squares[j];
        }
        return new ColumnMoments(centre, zero, Math.addExact(count, other.count), sum, sq);
    }

    /**
     * Returns the number of columns.
     *
     * @return the number of columns
     */
    public int columns() {
        return sums.length;
    }

    /**
     * Returns the number of rows accumulated.
     *
     * @return the count
     */
    public long count() {
        return count;
    }

    /**
     * Returns the centre the deviations are taken from.
     *
     * @return a copy; zeros for {@link #aboutZero(int)}
     */
    public double[] centre() {
        return centre.clone();
    }

    /**
     * Returns each column's sum of deviations from the centre (the plain sum about zero).
     *
     * @return a copy
     */
    public double[] sums() {
        return sums.clone();
    }

    /**
     * Returns each column's sum of squared deviations from the centre.
     *
     * @return a copy
     */
    public double[] squares() {
        return squares.clone();
    }

    /**
     * Tells whether every sum is finite (false when a value was NaN or infinite, or the sums overflowed).
     *
     * @return true if all sums are finite
     */
    public boolean finite() {
        for (int j = 0; j < sums.length; j++) {
            if (!Double.isFinite(sums[j]) || !Double.isFinite(squares[j])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns each column's mean: {@code sum / n} about zero, {@code centre + sum / n} about a centre.
     *
     * @return the means
     * @throws IllegalStateException if no row was accumulated
     */
    public double[] means() {
        if (count == 0) {
            throw new IllegalStateException("the mean needs rows: count must be >= 1, found 0");
        }
        double[] mean = new double[sums.length];
        for (int j = 0; j < mean.length; j++) {
            mean[j] = zero ? sums[j] / count : centre[j] + sums[j] / count;
        }
        return mean;
    }

    /**
     * Returns each column's sum of squared deviations from the mean, {@code s - c^2 / n} (exact in exact
     * arithmetic for any centre, accurate in floating point when the centre is the mean).
     *
     * @return the values
     * @throws IllegalStateException if no row was accumulated
     */
    public double[] m2() {
        if (count == 0) {
            throw new IllegalStateException("M2 needs rows: count must be >= 1, found 0");
        }
        double[] out = new double[sums.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = squares[j] - sums[j] * sums[j] / count;
        }
        return out;
    }

    /**
     * Compares the centre, count and sums bit for bit.
     *
     * @param o another object
     * @return true if o holds the same moments
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnMoments c && zero == c.zero && count == c.count && Arrays.equals(centre, c.centre)
                && Arrays.equals(sums, c.sums) && Arrays.equals(squares, c.squares);
    }

    /**
     * Hashes the moments.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return Objects.hash(zero, count, Arrays.hashCode(centre), Arrays.hashCode(sums), Arrays.hashCode(squares));
    }

    /**
     * Summarizes the moments.
     *
     * @return count, centre and sums
     */
    @Override
    public String toString() {
        return "ColumnMoments{count=" + count + ", centre=" + (zero ? "zero" : Arrays.toString(centre)) + ", sums="
                + Arrays.toString(sums) + ", squares=" + Arrays.toString(squares) + "}";
    }
}
