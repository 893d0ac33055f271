package dev.segmentation.cluster;

import java.util.Arrays;

/**
 * Sufficient statistics of k-means assignments over a chunk of rows, centred on a fixed reference point r (the
 * column means): per centre the weighted sum {@code S_c = sum w_i (x_i - r)}, the weighted squared norm
 * {@code Q_c = sum w_i ||x_i - r||^2}, the total weight and the row count. From them the inertia of any centres
 * is {@code sum_c Q_c - 2 (C_c - r).S_c + W_c ||C_c - r||^2} and the update step is {@code C_c = r + S_c / W_c},
 * without touching the rows again.
 *
 * <p>A full pass produces the statistics of all its rows; a bounded or plain pass produces only the changes made by
 * the rows that moved (minus at the old centre, plus at the new one). Either way partials of different chunks
 * {@link #merge merge} associatively; merging in chunk order makes the totals bit-identical whatever the number
 * of threads, and lets a distributed caller merge per-partition partials. Mutable and not thread-safe: each chunk
 * owns one instance.
 */
final class LloydStats {
    final int k;
    final int d;
    final double[] sums;
    final double[] squares;
    final double[] weights;
    final long[] counts;
    /** Exact weighted sum of squared distances to the assigned centres, when the pass computed it. */
    double inertia;
    long reassigned;
    long computed;
    long skipped;

    LloydStats(int k, int d) {
        this.k = k;
        this.d = d;
        this.sums = new double[k * d];
        this.squares = new double[k];
        this.weights = new double[k];
        this.counts = new long[k];
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

    /** Adds {@code other} into this. */
    void merge(LloydStats other) {
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

    /** The inertia of the given centres (k x d) for these statistics, from the centred sums. */
    double inertiaOf(double[] centres, double[] r) {
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
