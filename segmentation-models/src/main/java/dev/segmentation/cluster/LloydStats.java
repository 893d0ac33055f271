package dev.segmentation.cluster;

import dev.segmentation.internal.ParamChecks;
import java.util.Arrays;

/**
 * The mergeable statistics of a k-means (Lloyd) data pass: the partition seam of {@link KMeans}.
 *
 * <p>Over the rows of a chunk, centred on a fixed reference point r, it holds per centre c the weighted sum
 * {@code S_c = sum w_i (x_i - r)}, the weighted squared norm {@code Q_c = sum w_i ||x_i - r||^2}, the total
 * weight {@code W_c} and the row count {@code N_c} (a long), and the inertia {@code sum w_i ||x_i - C(i)||^2} of
 * the assignment. From merged statistics the update step is {@code C_c = r + S_c / W_c} ({@link #centres}) and
 * the inertia of any centres is {@code sum_c Q_c - 2 (C_c - r).S_c + W_c ||C_c - r||^2} ({@link #inertiaOf}),
 * without touching the rows again.
 *
 * <h2>How to use it on partitions</h2>
 * <pre>{@code
 * // every partition, with the same centres and the same reference r (e.g. global column means, or zeros):
 * LloydStats part = LloydStats.accumulate(rows, n, d, null, centres, k, r);
 * // the driver, in a fixed order (e.g. by partition index):
 * LloydStats total = LloydStats.empty(k, d);
 * for (LloydStats p : parts) total.merge(p);
 * double[] next = total.centres(centres, r);
 * }</pre>
 * {@link #merge} is associative and commutative up to floating-point rounding of the sums (counts are exact);
 * merging in a fixed order makes the result reproducible, and {@link #empty} is its identity. The single-machine
 * {@link KMeans} runs the same seam: each fixed chunk of rows produces a {@code LloydStats} (from a full pass, or,
 * after the first iteration, only the changes of the rows that moved, minus at the old centre and plus at the new
 * one), the chunks are merged in chunk order and {@link #centres} is the update; its chunk kernels bucket rows
 * by centre and read transposed blocks, so their sums equal {@link #accumulate}'s up to summation order.
 *
 * <p>Mutable and not thread-safe: one instance per chunk or partition; {@link #merge} modifies this instance.
 * A distributed engine (e.g. Spark) returns partition statistics to its driver as {@link #encode}'s array of
 * doubles, read back bit for bit by {@link #decode}: a transport between JVMs of the same library version, not a
 * storage format.
 */
public final class LloydStats {
    /** The number of centres. */
    final int k;
    /** The number of columns. */
    final int d;
    /** The centred weighted sums per centre, row-major k x d. */
    final double[] sums;
    /** The centred weighted squared norms per centre. */
    final double[] squares;
    /** The total weight per centre. */
    final double[] weights;
    /** The row count per centre. */
    final long[] counts;
    /** Exact weighted sum of squared distances to the assigned centres, when the pass computed it. */
    double inertia;
    /** Rows that changed centre (single-machine passes). */
    long reassigned;
    /** Distances computed (single-machine passes). */
    long computed;
    /** Distances the bounds skipped (single-machine passes). */
    long skipped;

    LloydStats(int k, int d) {
        this.k = k;
        this.d = d;
        this.sums = new double[k * d];
        this.squares = new double[k];
        this.weights = new double[k];
        this.counts = new long[k];
    }

    /**
     * Returns empty statistics, the identity of {@link #merge}.
     *
     * @param k the number of centres, {@code >= 1}
     * @param d the number of columns, {@code >= 1}
     * @return new empty statistics
     * @throws IllegalArgumentException {@code "k must be >= 1, found 0"} or the same for d
     */
    public static LloydStats empty(int k, int d) {
        return new LloydStats(ParamChecks.atLeast("k", k, 1), ParamChecks.atLeast("d", d, 1));
    }

    /**
     * Assigns every row of a chunk to its nearest centre (squared Euclidean distance, the lowest index on ties, as
     * {@link KMeansModel#predict(double[])}) and returns the statistics of that assignment: the data pass of one
     * Lloyd iteration over one partition. O(n k d). The distances to all centres are computed by the column-wise
     * kernels of the single-machine passes over transposed blocks of rows, the statistics per centre over its rows
     * in row order, the inertia from each row's squared distance to its centre in a fixed order: the result depends
     * only on the arguments (it is {@link LloydBounds#accumulate}'s first pass, which later passes equal bit for bit).
     *
     * @param rows the chunk's rows, row-major {@code n x d}, finite. Not modified.
     * @param n the number of rows, {@code >= 0} (0 gives {@link #empty})
     * @param d the number of columns
     * @param weights one weight {@code > 0} per row, or null for unit weights. Not modified.
     * @param centres the current centres, row-major {@code k x d}. Not modified.
     * @param k the number of centres
     * @param reference the reference point r, length d; the same for every chunk that will be merged. Not modified.
     * @return the chunk's statistics, with the exact inertia of the assignment
     * @throws IllegalArgumentException if a length does not match
     */
    public static LloydStats accumulate(double[] rows, int n, int d, double[] weights, double[] centres, int k,
            double[] reference) {
        // the bounded pass without bounds computes every distance: the one definition of a chunk's statistics
        return new LloydBounds().accumulate(rows, n, d, weights, centres, k, reference);
    }

    /** The length checks of a chunk pass ({@link #accumulate}, {@link LloydBounds#accumulate}). */
    static void requireChunk(double[] rows, int n, int d, double[] weights, double[] centres, int k,
            double[] reference) {
        ParamChecks.requireArgument(rows.length >= (long) n * d, "rows must have length >= n * d = %s, found %s",
                (long) n * d, rows.length);
        ParamChecks.requireArgument(centres.length == k * d, "centres must have length k * d = %s, found %s", k * d,
                centres.length);
        ParamChecks.requireArgument(reference.length == d, "reference must have length %s, found %s", d,
                reference.length);
        ParamChecks.requireArgument(weights == null || weights.length >= n, "weights must have length >= %s, found %s",
                n, weights == null ? 0 : weights.length);
    }

    /**
     * Returns the number of centres k.
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
     * Returns the centred weighted sums {@code S_c}, row-major {@code k x d}.
     *
     * @return a copy
     */
    public double[] sums() {
        return sums.clone();
    }

    /**
     * Returns the centred weighted squared norms {@code Q_c}.
     *
     * @return a copy, length k
     */
    public double[] squares() {
        return squares.clone();
    }

    /**
     * Returns the total weight {@code W_c} per centre.
     *
     * @return a copy, length k
     */
    public double[] weights() {
        return weights.clone();
    }

    /**
     * Returns the row count {@code N_c} per centre.
     *
     * @return a copy, length k
     */
    public long[] counts() {
        return counts.clone();
    }

    /**
     * Returns the inertia (weighted sum of squared distances to the assigned centres) of the merged passes that
     * computed it ({@link #accumulate} does).
     *
     * @return the inertia
     */
    public double inertia() {
        return inertia;
    }

    /**
     * The update step of Lloyd's algorithm: {@code C_c = r + S_c / W_c}, exactly as the single-machine fit
     * computes it. A centre without weight keeps its previous position when {@code previous} is given.
     *
     * @param previous the current centres ({@code k x d}), or null
     * @param reference the reference point r the statistics are centred on. Not modified.
     * @return the new centres, row-major {@code k x d}
     */
    public double[] centres(double[] previous, double[] reference) {
        double[] out = new double[k * d];
        for (int c = 0; c < k; c++) {
            int cb = c * d;
            if (previous != null && !(weights[c] > 0)) {
                System.arraycopy(previous, cb, out, cb, d);
                continue;
            }
            double inv = 1.0 / weights[c];
            for (int j = 0; j < d; j++) {
                out[cb + j] = reference[j] + sums[cb + j] * inv;
            }
        }
        return out;
    }

    void clear() {
        Arrays.fill(sums, 0.0);
        Arrays.fill(squares, 0.0);
        Arrays.fill(weights, 0.0);
        Arrays.fill(counts, 0L);
        inertia = 0;
        reassigned = 0;
        computed = 0;
        skipped = 0;
    }

    /**
     * Adds another chunk's statistics into this one (same k, d and reference).
     *
     * @param other the statistics to add. Not modified.
     * @return this instance
     * @throws IllegalArgumentException if k or d differ
     */
    public LloydStats merge(LloydStats other) {
        if (other.k != k || other.d != d) {
            // not ParamChecks.requireArgument: this runs once per chunk and pass, without boxing
            throw new IllegalArgumentException("other must have k = " + k + " and d = " + d + ", found " + other.k
                    + " and " + other.d);
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] += other.sums[i];
        }
        for (int c = 0; c < k; c++) {
            squares[c] += other.squares[c];
            weights[c] += other.weights[c];
            counts[c] += other.counts[c];
        }
        inertia += other.inertia;
        reassigned += other.reassigned;
        computed += other.computed;
        skipped += other.skipped;
        return this;
    }

    /** Adds (sign = 1) or removes (sign = -1) one row of weight w, centred coordinates in x[o..o+d) minus r. */
    void add(int c, double[] x, int o, double[] r, double w, int sign) {
        int cb = c * d;
        double sw = sign * w;
        double q = 0;
        for (int j = 0; j < d; j++) {
            double t = x[o + j] - r[j];
            sums[cb + j] += sw * t;
            q += t * t;
        }
        squares[c] += sw * q;
        weights[c] += sw;
        counts[c] += sign;
    }

    /**
     * As {@link #add} for a row held as column p of a transposed block t (coordinate j at {@code t[j * stride + p]}):
     * the same operations in the same order, so the same bits.
     */
    void addColumn(int c, double[] t, int p, int stride, double[] r, double w, int sign) {
        int cb = c * d;
        double sw = sign * w;
        double q = 0;
        for (int j = 0; j < d; j++) {
            double v = t[j * stride + p] - r[j];
            sums[cb + j] += sw * v;
            q += v * v;
        }
        squares[c] += sw * q;
        weights[c] += sw;
        counts[c] += sign;
    }

    /**
     * Adds m rows of unit weight, row {@code rows[p]} (offset {@code rows[p] * d} in x) to centre {@code lab[p]}:
     * the rows are bucketed by centre (a counting sort into {@code order}, which must hold m ints, and
     * {@code start}, k + 1 ints) and each bucket is summed in registers before it is added to the totals, so the
     * cost is a few additions per coordinate instead of a read-modify-write of the centre's sums per row. The
     * result depends only on the rows and their order, never on the thread that runs it.
     */
    void addUnitRows(double[] x, int[] rows, int[] lab, int m, double[] r, int[] order, int[] start) {
        Arrays.fill(start, 0, k + 1, 0);
        for (int p = 0; p < m; p++) {
            start[lab[p] + 1]++;
        }
        for (int c = 0; c < k; c++) {
            start[c + 1] += start[c];
        }
        for (int p = 0; p < m; p++) {
            order[start[lab[p]]++] = rows[p];
        }
        // start[c] is now the end of bucket c
        int from = 0;
        for (int c = 0; c < k; c++) {
            int to = start[c];
            if (to > from) {
                if (d == 8) {
                    bucket8(c, x, order, from, to, r);
                } else {
                    bucket(c, x, order, from, to, r);
                }
            }
            from = to;
        }
    }

    /**
     * Adds the n rows of x, row i to centre {@code lab[i]} with weight {@code w[i]} (or 1 when w is null), bucketed
     * by centre in row order (a counting sort into {@code order}, n ints, and {@code start}, k + 1 ints); each bucket
     * is summed in registers ({@link #bucket8} or {@link #bucket} for unit weights) and then added to the totals. The
     * result depends only on the rows, weights and labels. With {@code only} given, only the centres it marks are
     * summed (the others are left as they are).
     */
    void addLabelledRows(double[] x, int n, double[] w, int[] lab, double[] r, int[] order, int[] start,
            boolean[] only) {
        Arrays.fill(start, 0, k + 1, 0);
        for (int i = 0; i < n; i++) {
            start[lab[i] + 1]++;
        }
        for (int c = 0; c < k; c++) {
            start[c + 1] += start[c];
        }
        for (int i = 0; i < n; i++) {
            order[start[lab[i]]++] = i;
        }
        int from = 0;
        for (int c = 0; c < k; c++) {
            int to = start[c];
            if (to > from && (only == null || only[c])) {
                if (w != null) {
                    bucketWeighted(c, x, w, order, from, to, r);
                } else if (d == 8) {
                    bucket8(c, x, order, from, to, r);
                } else {
                    bucket(c, x, order, from, to, r);
                }
            }
            from = to;
        }
    }

    private void bucketWeighted(int c, double[] x, double[] w, int[] order, int from, int to, double[] r) {
        final int cb = c * d;
        double q = 0;
        double total = 0;
        for (int e = from; e < to; e++) {
            total += w[order[e]];
        }
        for (int j = 0; j < d; j++) {
            double rj = r[j];
            double sj = 0;
            double qj = 0;
            for (int e = from; e < to; e++) {
                int i = order[e];
                double t = x[i * d + j] - rj;
                double wt = w[i] * t;
                sj += wt;
                qj += wt * t;
            }
            sums[cb + j] += sj;
            q += qj;
        }
        squares[c] += q;
        weights[c] += total;
        counts[c] += to - from;
    }

    private void bucket8(int c, double[] x, int[] order, int from, int to, double[] r) {
        final double r0 = r[0];
        final double r1 = r[1];
        final double r2 = r[2];
        final double r3 = r[3];
        final double r4 = r[4];
        final double r5 = r[5];
        final double r6 = r[6];
        final double r7 = r[7];
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        double q0 = 0;
        double q1 = 0;
        for (int e = from; e < to; e++) {
            int o = order[e] * 8;
            double t0 = x[o] - r0;
            double t1 = x[o + 1] - r1;
            double t2 = x[o + 2] - r2;
            double t3 = x[o + 3] - r3;
            double t4 = x[o + 4] - r4;
            double t5 = x[o + 5] - r5;
            double t6 = x[o + 6] - r6;
            double t7 = x[o + 7] - r7;
            s0 += t0;
            s1 += t1;
            s2 += t2;
            s3 += t3;
            s4 += t4;
            s5 += t5;
            s6 += t6;
            s7 += t7;
            q0 += (t0 * t0 + t2 * t2) + (t4 * t4 + t6 * t6);
            q1 += (t1 * t1 + t3 * t3) + (t5 * t5 + t7 * t7);
        }
        int cb = c * 8;
        sums[cb] += s0;
        sums[cb + 1] += s1;
        sums[cb + 2] += s2;
        sums[cb + 3] += s3;
        sums[cb + 4] += s4;
        sums[cb + 5] += s5;
        sums[cb + 6] += s6;
        sums[cb + 7] += s7;
        squares[c] += q0 + q1;
        weights[c] += to - from;
        counts[c] += to - from;
    }

    /**
     * {@link #bucket8} over the rows of one transposed block (coordinate j of its row p at {@code t[j * BLOCK + p]},
     * the block's rows being rows {@code from..from+m} of the chunk, labelled in {@code lab}), carrying each centre's
     * partial sums in {@code acc} (per centre {@code s0..s7, q0, q1}, 10 values) and its row count in {@code cnt} from
     * one block to the next: over a chunk's blocks in order, the additions are those of {@link #bucket8} over the whole
     * chunk, in the same order (each centre's rows in row order), so {@link #addBlocks8} then gives the same bits as
     * {@link #addLabelledRows} with unit weights. {@code order} needs m ints and {@code start} k + 1.
     */
    static void bucketBlock8(double[] acc, long[] cnt, double[] t, int[] lab, int from, int m, double[] r, int k,
            int[] order, int[] start) {
        Arrays.fill(start, 0, k + 1, 0);
        for (int p = 0; p < m; p++) {
            start[lab[from + p] + 1]++;
        }
        for (int c = 0; c < k; c++) {
            start[c + 1] += start[c];
        }
        for (int p = 0; p < m; p++) {
            order[start[lab[from + p]]++] = p;
        }
        final int b = Lloyd.BLOCK;
        final double r0 = r[0];
        final double r1 = r[1];
        final double r2 = r[2];
        final double r3 = r[3];
        final double r4 = r[4];
        final double r5 = r[5];
        final double r6 = r[6];
        final double r7 = r[7];
        int lo = 0;
        for (int c = 0; c < k; c++) {
            int hi = start[c];
            if (hi > lo) {
                int a = c * 10;
                double s0 = acc[a];
                double s1 = acc[a + 1];
                double s2 = acc[a + 2];
                double s3 = acc[a + 3];
                double s4 = acc[a + 4];
                double s5 = acc[a + 5];
                double s6 = acc[a + 6];
                double s7 = acc[a + 7];
                double q0 = acc[a + 8];
                double q1 = acc[a + 9];
                for (int e = lo; e < hi; e++) {
                    int p = order[e];
                    double t0 = t[p] - r0;
                    double t1 = t[b + p] - r1;
                    double t2 = t[2 * b + p] - r2;
                    double t3 = t[3 * b + p] - r3;
                    double t4 = t[4 * b + p] - r4;
                    double t5 = t[5 * b + p] - r5;
                    double t6 = t[6 * b + p] - r6;
                    double t7 = t[7 * b + p] - r7;
                    s0 += t0;
                    s1 += t1;
                    s2 += t2;
                    s3 += t3;
                    s4 += t4;
                    s5 += t5;
                    s6 += t6;
                    s7 += t7;
                    q0 += (t0 * t0 + t2 * t2) + (t4 * t4 + t6 * t6);
                    q1 += (t1 * t1 + t3 * t3) + (t5 * t5 + t7 * t7);
                }
                acc[a] = s0;
                acc[a + 1] = s1;
                acc[a + 2] = s2;
                acc[a + 3] = s3;
                acc[a + 4] = s4;
                acc[a + 5] = s5;
                acc[a + 6] = s6;
                acc[a + 7] = s7;
                acc[a + 8] = q0;
                acc[a + 9] = q1;
                cnt[c] += hi - lo;
            }
            lo = hi;
        }
    }

    /** Adds the sums carried by {@link #bucketBlock8} over a chunk's blocks, as {@link #bucket8} adds its own. */
    void addBlocks8(double[] acc, long[] cnt) {
        for (int c = 0; c < k; c++) {
            if (cnt[c] > 0) {
                int a = c * 10;
                int cb = c * 8;
                for (int j = 0; j < 8; j++) {
                    sums[cb + j] += acc[a + j];
                }
                squares[c] += acc[a + 8] + acc[a + 9];
                weights[c] += (int) cnt[c];
                counts[c] += (int) cnt[c];
            }
        }
    }

    private void bucket(int c, double[] x, int[] order, int from, int to, double[] r) {
        final int cb = c * d;
        double q0 = 0;
        double q1 = 0;
        for (int j = 0; j < d; j++) {
            double rj = r[j];
            double sj = 0;
            double qj = 0;
            for (int e = from; e < to; e++) {
                double t = x[order[e] * d + j] - rj;
                sj += t;
                qj += t * t;
            }
            sums[cb + j] += sj;
            if ((j & 1) == 0) {
                q0 += qj;
            } else {
                q1 += qj;
            }
        }
        squares[c] += q0 + q1;
        weights[c] += to - from;
        counts[c] += to - from;
    }

    /**
     * Returns the length of {@link #encode}'s form of statistics of k centres in d columns:
     * {@code k * d + 3 * k + 4}.
     *
     * @param k the number of centres, {@code >= 1}
     * @param d the number of columns, {@code >= 1}
     * @return the number of doubles
     */
    public static int encodedLength(int k, int d) {
        return k * d + 3 * k + 4;
    }

    /**
     * Writes these statistics as {@link #encodedLength} doubles at {@code out[offset..]}: the sums, squares,
     * weights, the counts, the inertia and the pass's counters (the longs as doubles, exact below 2^53 in
     * magnitude, far beyond any row count). A compact transport for a distributed engine's task results (one array
     * instead of serialized objects, which also keeps its bits through Java serialization); {@link #decode} gives
     * back the same statistics bit for bit.
     *
     * @param out the array written. Modified at {@code [offset, offset + encodedLength(k, d))}.
     * @param offset the first index written
     * @throws IndexOutOfBoundsException if the array is too short
     */
    public void encode(double[] out, int offset) {
        int at = offset;
        System.arraycopy(sums, 0, out, at, sums.length);
        at += sums.length;
        System.arraycopy(squares, 0, out, at, k);
        at += k;
        System.arraycopy(weights, 0, out, at, k);
        at += k;
        for (int c = 0; c < k; c++) {
            out[at++] = counts[c];
        }
        out[at++] = inertia;
        out[at++] = reassigned;
        out[at++] = computed;
        out[at] = skipped;
    }

    /**
     * Reads statistics written by {@link #encode}: the same values bit for bit.
     *
     * @param in the array read. Not modified.
     * @param offset the first index read
     * @param k the number of centres, {@code >= 1}
     * @param d the number of columns, {@code >= 1}
     * @return new statistics
     * @throws IllegalArgumentException if k or d is below 1
     * @throws IndexOutOfBoundsException if the array is too short
     */
    public static LloydStats decode(double[] in, int offset, int k, int d) {
        LloydStats s = empty(k, d);
        int at = offset;
        System.arraycopy(in, at, s.sums, 0, s.sums.length);
        at += s.sums.length;
        System.arraycopy(in, at, s.squares, 0, k);
        at += k;
        System.arraycopy(in, at, s.weights, 0, k);
        at += k;
        for (int c = 0; c < k; c++) {
            s.counts[c] = (long) in[at++];
        }
        s.inertia = in[at++];
        s.reassigned = (long) in[at++];
        s.computed = (long) in[at++];
        s.skipped = (long) in[at];
        return s;
    }

    /**
     * Returns the inertia of any centres for the rows behind these statistics, from the centred sums (exact up
     * to rounding, clamped at 0).
     *
     * @param centres the centres, row-major {@code k x d}. Not modified.
     * @param r the reference point the statistics are centred on. Not modified.
     * @return the inertia
     */
    public double inertiaOf(double[] centres, double[] r) {
        double total = 0;
        for (int c = 0; c < k; c++) {
            int cb = c * d;
            double dot = 0;
            double norm = 0;
            for (int j = 0; j < d; j++) {
                double m = centres[cb + j] - r[j];
                dot += m * sums[cb + j];
                norm += m * m;
            }
            total += squares[c] - 2 * dot + weights[c] * norm;
        }
        return Math.max(0, total);
    }
}
