package dev.segmentation.cluster;

/**
 * Sufficient statistics of one k-means assignment pass over a chunk of rows: per centre the weighted sum of
 * the rows assigned to it, their total weight and count, and the weighted inertia of the assignment. Partials
 * of different chunks {@link #merge merge} associatively; merging in chunk order makes the totals
 * bit-identical whatever the number of threads (and lets a distributed caller merge per-partition partials).
 *
 * <p>Mutable and not thread-safe: each chunk owns one instance.
 */
final class LloydStats {
    final int k;
    final int d;
    /** Weighted sums of assigned rows, k x d row-major. */
    final double[] sums;
    /** Total weight per centre. */
    final double[] weights;
    /** Row count per centre. */
    final long[] counts;
    /** Weighted sum of squared distances of rows to their assigned centre. */
    double inertia;
    /** Rows whose assignment changed in this pass. */
    long reassigned;
    /** Point-to-centre distances computed. */
    long computed;
    /** Point-to-centre distances skipped thanks to the bounds. */
    long skipped;

    LloydStats(int k, int d) {
        this.k = k;
        this.d = d;
        this.sums = new double[k * d];
        this.weights = new double[k];
        this.counts = new long[k];
    }

    void clear() {
        java.util.Arrays.fill(sums, 0.0);
        java.util.Arrays.fill(weights, 0.0);
        java.util.Arrays.fill(counts, 0L);
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
            weights[c] += other.weights[c];
            counts[c] += other.counts[c];
        }
        inertia += other.inertia;
        reassigned += other.reassigned;
        computed += other.computed;
        skipped += other.skipped;
    }
}
