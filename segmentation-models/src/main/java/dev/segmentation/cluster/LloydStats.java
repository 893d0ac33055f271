package dev.segmentation.cluster;

import java.util.Arrays;

/**
 * Sufficient statistics of k-means assignments over a chunk of rows, centred on a fixed reference point r (the
 * column means): per centre the weighted sum {@code S_c = sum w_i (x_i - r)}, the weighted squared norm
 * {@code Q_c = sum w_i ||x_i - r||^2}, the total weight and the row count. From them the inertia of any centres
 * is {@code sum_c Q_c - 2 (C_c - r).S_c + W_c ||C_c - r||^2} and the update step is {@code C_c = r + S_c / W_c},
 * without touching the rows again.
 *
 * <p>A full pass produces the statistics of all its rows; a bounded pass produces only the changes made by the
 * rows that moved (minus at the old centre, plus at the new one). Either way partials of different chunks
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

    /** {@code add(c, x, o, r, 1, 1)}, without the multiplications. */
    void addUnit(int c, double[] x, int o, double[] r) {
        int cb = c * d;
        double q0 = 0;
        double q1 = 0;
        int j = 0;
        for (; j + 2 <= d; j += 2) {
            double t0 = x[o + j] - r[j];
            double t1 = x[o + j + 1] - r[j + 1];
            sums[cb + j] += t0;
            sums[cb + j + 1] += t1;
            q0 += t0 * t0;
            q1 += t1 * t1;
        }
        if (j < d) {
            double t0 = x[o + j] - r[j];
            sums[cb + j] += t0;
            q0 += t0 * t0;
        }
        squares[c] += q0 + q1;
        weights[c] += 1;
        counts[c] += 1;
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
