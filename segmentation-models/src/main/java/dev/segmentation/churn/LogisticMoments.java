package dev.segmentation.churn;

import dev.segmentation.InvalidDataException;
import java.io.Serializable;
import java.util.List;

/**
 * The mergeable column moments of a dense {@link LogisticRegression} fit: per column the weighted mean and
 * centred sum of squares (weighted by the sample weights, which set the standardization), with the rows' total
 * loss weight and the weight of the rows labelled 1. Computed once per fit, before the solver's passes
 * ({@link LogisticStats}); the partition seam of the fit's standardization.
 *
 * <p>{@link #accumulate} works in blocks of {@value LogisticStats#BLOCK} rows (two passes over data in cache)
 * and {@link #merge} is the pairwise update of Chan, Golub and LeVeque (1979), so the moments of many chunks are
 * accurate whatever their number. Merging is commutative and associative up to rounding; merged in a fixed order
 * (from {@link #empty}) the result is reproducible bit for bit, and an empty chunk changes nothing. The
 * single-JVM fit runs this same seam over fixed chunks of {@value LogisticStats#CHUNK_ROWS} rows merged in chunk
 * order. Mutable and not thread-safe; serializable as a transport between JVMs of the same library version.
 */
public final class LogisticMoments implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int BLOCK = LogisticStats.BLOCK;

    /** The total sample weight. */
    double weight;
    /** The weighted mean per column. */
    final double[] mean;
    /** The weighted centred sum of squares per column. */
    final double[] m2;
    /** The rows' total loss weight (sample weight times class weight). */
    double rowWeight;
    /** The loss weight of the rows labelled 1. */
    double positiveRowWeight;
    /** The number of rows. */
    long rows;

    private LogisticMoments(int p) {
        this.mean = new double[p];
        this.m2 = new double[p];
    }

    /**
     * Returns the identity of {@link #merge}.
     *
     * @param columns the number of columns, {@code >= 1}
     * @return zero moments
     */
    public static LogisticMoments empty(int columns) {
        return new LogisticMoments(columns);
    }

    /**
     * Merges another chunk's moments into this one (Chan, Golub and LeVeque's pairwise update; a chunk of weight
     * 0 changes nothing but the row count).
     *
     * @param other moments of the same columns; not null, not modified
     * @return this instance
     * @throws IllegalArgumentException if the column counts differ
     */
    public LogisticMoments merge(LogisticMoments other) {
        int p = mean.length;
        if (other.mean.length != p) {
            throw new IllegalArgumentException("other must have " + p + " columns, found " + other.mean.length);
        }
        rows += other.rows;
        rowWeight += other.rowWeight;
        positiveRowWeight += other.positiveRowWeight;
        double wc = other.weight;
        if (wc == 0) {
            return this;
        }
        double wsum = weight;
        double total = wsum + wc;
        for (int j = 0; j < p; j++) {
            double delta = other.mean[j] - mean[j];
            mean[j] += delta * wc / total;
            m2[j] += other.m2[j] + delta * delta * wsum * wc / total;
        }
        weight = total;
        return this;
    }

    /**
     * Returns the total sample weight (the row count for unit weights).
     *
     * @return the weight
     */
    public double weight() {
        return weight;
    }

    /**
     * Returns the number of rows.
     *
     * @return the rows
     */
    public long rows() {
        return rows;
    }

    /**
     * Returns the weighted column means.
     *
     * @return a copy
     */
    public double[] means() {
        return mean.clone();
    }

    /**
     * Returns the weighted centred sums of squares (the population variance times the weight).
     *
     * @return a copy
     */
    public double[] centredSquares() {
        return m2.clone();
    }

    /**
     * Accumulates the rows of one chunk. Row {@code r} of the chunk (global row {@code firstRow + r}, used in
     * messages) is {@code x[(offset + r) * p ..]}, its label {@code y[offset + r]}, its sample weight
     * {@code sampleWeights[offset + r]} and its loss weight {@code rowWeights[offset + r]}.
     *
     * @param x the rows, row-major, p values per row; not modified
     * @param p the number of columns, {@code >= 1}
     * @param y the labels, 0 or 1; not modified
     * @param sampleWeights the sample weights (standardization), or null for 1; not modified
     * @param rowWeights the loss weights ({@link LogisticPass#rowWeights}), or null for 1; not modified
     * @param offset the array index of the chunk's first row
     * @param firstRow the chunk's first global row number (for messages)
     * @param rows the chunk's rows, {@code >= 0}
     * @param names the column names (for messages); not null
     * @return the chunk's moments
     * @throws InvalidDataException if a value is not finite (naming the global row, column and value) or a
     *     column's sums overflow
     */
    public static LogisticMoments accumulate(double[] x, int p, byte[] y, double[] sampleWeights,
            double[] rowWeights, int offset, long firstRow, int rows, List<String> names) {
        LogisticMoments out = new LogisticMoments(p);
        double[] bMean = new double[p];
        double[] bM2 = new double[p];
        double[] wBlock = new double[BLOCK];
        double[] sw = sampleWeights;
        double wc = 0;
        for (int start = offset; start < offset + rows; start += BLOCK) {
            int n = Math.min(BLOCK, offset + rows - start);
            double wb = 0;
            for (int r = 0; r < n; r++) {
                wb += sw == null ? 1.0 : sw[start + r];
            }
            for (int r = 0; r < n; r++) {
                wBlock[r] = sw == null ? 1.0 : sw[start + r];
            }
            blockMoments(x, p, start * p, n, sw == null, wBlock, wb, bMean, bM2);
            for (int j = 0; j < p; j++) {
                if (!Double.isFinite(bMean[j]) || !Double.isFinite(bM2[j])) {
                    throwNonFinite(x, p, start, n, firstRow + (start - offset), j, names);
                }
            }
            if (wb == 0) {
                continue;
            }
            double total = wc + wb;
            for (int j = 0; j < p; j++) {
                double delta = bMean[j] - out.mean[j];
                out.mean[j] += delta * wb / total;
                out.m2[j] += bM2[j] + delta * delta * wc * wb / total;
            }
            wc = total;
        }
        out.weight = wc;
        double ws = 0;
        double pos = 0;
        for (int i = offset; i < offset + rows; i++) {
            double wi = rowWeights == null ? 1.0 : rowWeights[i];
            ws += wi;
            pos += wi * y[i];
        }
        out.rowWeight = ws;
        out.positiveRowWeight = pos;
        out.rows = rows;
        return out;
    }

    /**
     * Weighted mean and centred sum of squares of each column over one block of rows (two passes over data in
     * cache), four columns at a time so that the sums form independent chains.
     */
    private static void blockMoments(double[] x, int p, int base, int rows, boolean unit, double[] wr, double wb,
            double[] mean, double[] m2) {
        int j = unit ? unitBlockMoments(x, p, base, rows, mean, m2) : 0;
        for (; j + 4 <= p; j += 4) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int r = 0, o = base + j; r < rows; r++, o += p) {
                double wi = wr[r];
                s0 += wi * x[o];
                s1 += wi * x[o + 1];
                s2 += wi * x[o + 2];
                s3 += wi * x[o + 3];
            }
            double m0 = wb == 0 ? 0 : s0 / wb;
            double m1 = wb == 0 ? 0 : s1 / wb;
            double mm2 = wb == 0 ? 0 : s2 / wb;
            double m3 = wb == 0 ? 0 : s3 / wb;
            double q0 = 0;
            double q1 = 0;
            double q2 = 0;
            double q3 = 0;
            for (int r = 0, o = base + j; r < rows; r++, o += p) {
                double wi = wr[r];
                double d0 = x[o] - m0;
                double d1 = x[o + 1] - m1;
                double d2 = x[o + 2] - mm2;
                double d3 = x[o + 3] - m3;
                q0 += wi * d0 * d0;
                q1 += wi * d1 * d1;
                q2 += wi * d2 * d2;
                q3 += wi * d3 * d3;
            }
            mean[j] = m0;
            mean[j + 1] = m1;
            mean[j + 2] = mm2;
            mean[j + 3] = m3;
            m2[j] = q0;
            m2[j + 1] = q1;
            m2[j + 2] = q2;
            m2[j + 3] = q3;
        }
        for (; j < p; j++) {
            double s0 = 0;
            for (int r = 0, o = base + j; r < rows; r++, o += p) {
                s0 += wr[r] * x[o];
            }
            double m0 = wb == 0 ? 0 : s0 / wb;
            double q0 = 0;
            for (int r = 0, o = base + j; r < rows; r++, o += p) {
                double d0 = x[o] - m0;
                q0 += wr[r] * d0 * d0;
            }
            mean[j] = m0;
            m2[j] = q0;
        }
    }

    /** {@link #blockMoments} for unit weights, eight independent sums at a time; returns the columns done. */
    private static int unitBlockMoments(double[] x, int p, int base, int rows, double[] mean, double[] m2) {
        int j = 0;
        for (; j + 4 <= p; j += 4) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            double t0 = 0;
            double t1 = 0;
            double t2 = 0;
            double t3 = 0;
            int r = 0;
            int o = base + j;
            for (; r + 1 < rows; r += 2, o += 2 * p) {
                s0 += x[o];
                s1 += x[o + 1];
                s2 += x[o + 2];
                s3 += x[o + 3];
                t0 += x[o + p];
                t1 += x[o + p + 1];
                t2 += x[o + p + 2];
                t3 += x[o + p + 3];
            }
            if (r < rows) {
                s0 += x[o];
                s1 += x[o + 1];
                s2 += x[o + 2];
                s3 += x[o + 3];
            }
            double m0 = (s0 + t0) / rows;
            double m1 = (s1 + t1) / rows;
            double mm2 = (s2 + t2) / rows;
            double m3 = (s3 + t3) / rows;
            s0 = 0;
            s1 = 0;
            s2 = 0;
            s3 = 0;
            t0 = 0;
            t1 = 0;
            t2 = 0;
            t3 = 0;
            r = 0;
            o = base + j;
            for (; r + 1 < rows; r += 2, o += 2 * p) {
                double d0 = x[o] - m0;
                double d1 = x[o + 1] - m1;
                double d2 = x[o + 2] - mm2;
                double d3 = x[o + 3] - m3;
                double e0 = x[o + p] - m0;
                double e1 = x[o + p + 1] - m1;
                double e2 = x[o + p + 2] - mm2;
                double e3 = x[o + p + 3] - m3;
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
                t0 += e0 * e0;
                t1 += e1 * e1;
                t2 += e2 * e2;
                t3 += e3 * e3;
            }
            if (r < rows) {
                double d0 = x[o] - m0;
                double d1 = x[o + 1] - m1;
                double d2 = x[o + 2] - mm2;
                double d3 = x[o + 3] - m3;
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
            }
            mean[j] = m0;
            mean[j + 1] = m1;
            mean[j + 2] = mm2;
            mean[j + 3] = m3;
            m2[j] = s0 + t0;
            m2[j + 1] = s1 + t1;
            m2[j + 2] = s2 + t2;
            m2[j + 3] = s3 + t3;
        }
        return j;
    }

    private static void throwNonFinite(double[] x, int p, int from, int rows, long firstGlobal, int column,
            List<String> names) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < p; j++) {
                double v = x[(from + r) * p + j];
                if (!Double.isFinite(v)) {
                    long i = firstGlobal + r;
                    throw new InvalidDataException("row " + i + ", column " + names.get(j)
                            + ": value must be finite, found " + v, i, names.get(j), null);
                }
            }
        }
        throw new InvalidDataException("column " + names.get(column)
                + ": values must be small enough to sum without overflow, found an infinite sum", -1,
                names.get(column), null);
    }
}
