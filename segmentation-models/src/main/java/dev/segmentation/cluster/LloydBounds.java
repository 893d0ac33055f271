package dev.segmentation.cluster;

import dev.segmentation.internal.ParamChecks;

/**
 * Hamerly's bounds (Hamerly 2010, "Making k-means even faster", SIAM SDM) for the rows of one chunk, kept from
 * one Lloyd pass to the next so that a pass skips the distances they prove unneeded: the chunk form of the
 * bounded passes of {@link KMeans}, for a distributed engine whose chunks outlive a pass (Spark's cached
 * partitions, for example).
 *
 * <p>{@link #accumulate} returns exactly, bit for bit, the statistics of {@link LloydStats#accumulate} over the
 * same rows and centres: each row goes to its nearest centre (the lowest index on ties), its squared distance to
 * that centre comes from the same kernel, and the rows are added in order. The bounds only decide which rows need
 * the distances to the other centres. Per row they keep the centre and a lower bound on the distance to every other
 * centre, both relative to the centres of the last pass. They are kept over those centres' moves:
 * - the lower bound shrinks by the largest move of another centre;
 * - a row whose exact distance to its centre is below that bound, or below half the distance from its centre to the
 *   nearest other one, keeps its centre.
 *
 * A relative margin of 1e-9, far above the rounding of this arithmetic, keeps near ties out of the bounds' hands:
 * those rows compute every distance.
 *
 * <p>The first pass over a chunk, or one with another number of rows, columns or centres, computes every distance
 * and sets the bounds. Any later pass may use any centres; only its speed depends on how far they moved.
 *
 * <p>A kept chunk (for example a cached partition read by two task attempts at once) can reach one instance from
 * two threads. {@link #accumulate} therefore locks the instance: safe, but one pass at a time.
 */
public final class LloydBounds {
    /** The relative margin by which a row's distance must beat its bound to keep its centre unexamined. */
    static final double MARGIN = 1e-9;

    private int n = -1;
    private int d;
    private int k;
    /** The centres of the last pass, row-major k x d. */
    private double[] centres;
    private int[] labels;
    /** Per row, a lower bound on the distance to every centre of the last pass but its own. */
    private double[] lower;

    /** Creates bounds that hold nothing yet: the first {@link #accumulate} computes every distance. */
    public LloydBounds() {
    }

    /**
     * The statistics of {@link LloydStats#accumulate} with the same arguments, bit for bit, using and then updating
     * the bounds. Its {@code skipped} count (not part of the statistics' value) tells how many distances the bounds
     * spared.
     *
     * @param rows the chunk's rows, row-major {@code n x d}, finite; the same rows at every call. Not modified.
     * @param n the number of rows, {@code >= 0}
     * @param d the number of columns
     * @param weights one weight {@code > 0} per row, or null for unit weights. Not modified.
     * @param centres the current centres, row-major {@code k x d}, finite. Not modified.
     * @param k the number of centres
     * @param reference the reference point r, length d. Not modified.
     * @return the chunk's statistics, with the exact inertia of the assignment
     * @throws IllegalArgumentException if a length does not match
     */
    public synchronized LloydStats accumulate(double[] rows, int n, int d, double[] weights, double[] centres, int k,
            double[] reference) {
        LloydStats s = LloydStats.empty(k, d);
        ParamChecks.requireArgument(n >= 0, "n must be >= 0, found %s", n);
        LloydStats.requireChunk(rows, n, d, weights, centres, k, reference);
        boolean kept = this.n == n && this.d == d && this.k == k;
        double[] shift = new double[k];
        double[] half = new double[k];
        double largest = 0;
        double second = 0;
        int largestAt = -1;
        if (kept) {
            for (int c = 0; c < k; c++) {
                shift[c] = Math.sqrt(LloydKernels.distance2(centres, c * d, this.centres, c * d, d));
                if (shift[c] > largest) {
                    second = largest;
                    largest = shift[c];
                    largestAt = c;
                } else if (shift[c] > second) {
                    second = shift[c];
                }
            }
            for (int c = 0; c < k; c++) {
                double nearest = Double.POSITIVE_INFINITY;
                for (int o = 0; o < k; o++) {
                    if (o != c) {
                        nearest = Math.min(nearest, LloydKernels.distance2(centres, c * d, centres, o * d, d));
                    }
                }
                half[c] = 0.5 * Math.sqrt(nearest) * (1 - MARGIN);
            }
        } else {
            this.n = n;
            this.d = d;
            this.k = k;
            labels = new int[n];
            lower = new double[n];
        }
        long skipped = 0;
        for (int i = 0; i < n; i++) {
            int o = i * d;
            int best;
            double bestD;
            if (kept) {
                int a = labels[i];
                double moved = a == largestAt ? second : largest;
                double l = lower[i];
                // k = 1: no other centre, an infinite bound (inf - inf would be NaN)
                double bound = l == Double.POSITIVE_INFINITY ? l : l - moved - MARGIN * (l + moved);
                double own = LloydKernels.distance2(rows, o, centres, a * d, d);
                if (Math.sqrt(own) * (1 + MARGIN) < Math.max(bound, half[a])) {
                    lower[i] = bound;
                    best = a;
                    bestD = own;
                    skipped += k - 1;
                    add(s, best, rows, o, reference, weights, i, bestD);
                    continue;
                }
            }
            best = 0;
            bestD = Double.POSITIVE_INFINITY;
            double next = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double dist = LloydKernels.distance2(rows, o, centres, c * d, d);
                if (dist < bestD) {
                    next = bestD;
                    bestD = dist;
                    best = c;
                } else if (dist < next) {
                    next = dist;
                }
            }
            labels[i] = best;
            lower[i] = Math.sqrt(next);
            add(s, best, rows, o, reference, weights, i, bestD);
        }
        this.centres = centres.clone();
        s.skipped = skipped;
        s.computed = (long) n * k - skipped;
        return s;
    }

    private static void add(LloydStats s, int best, double[] rows, int o, double[] reference, double[] weights, int i,
            double bestD) {
        double w = weights == null ? 1.0 : weights[i];
        s.add(best, rows, o, reference, w, 1);
        s.inertia += w * bestD;
    }

    /**
     * The distances the last {@link #accumulate} computed and skipped, as its statistics count them.
     *
     * @param stats statistics returned by {@link #accumulate}
     * @return {@code {computed, skipped}}
     */
    public static long[] distanceCounts(LloydStats stats) {
        return new long[] {stats.computed, stats.skipped};
    }
}
