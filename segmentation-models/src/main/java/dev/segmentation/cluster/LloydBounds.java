package dev.segmentation.cluster;

import dev.segmentation.internal.ParamChecks;
import java.util.Arrays;

/**
 * Hamerly's bounds (Hamerly 2010, "Making k-means even faster", SIAM SDM) for the rows of one chunk, kept from
 * one Lloyd pass to the next so that a pass skips the distances they prove unneeded: the chunk form of the
 * bounded passes of {@link KMeans}, for a distributed engine whose chunks outlive a pass (Spark's cached
 * partitions, for example).
 *
 * <p>{@link #accumulate} returns exactly, bit for bit, the statistics of {@link LloydStats#accumulate} over the
 * same rows and centres (which is this pass without bounds): each row goes to its nearest centre (the lowest index
 * on ties), the statistics are a function of the rows and that assignment only, and the inertia sums each row's
 * squared distance to its centre from the same kernel in the same order. The bounds only decide which rows need
 * the distances to the other centres. Per row they keep the centre and a lower bound on the distance to every other
 * centre, both relative to the centres of the last pass. They are kept over those centres' moves:
 * - the lower bound shrinks by the largest move of another centre;
 * - a row whose exact distance to its centre is below that bound, or below half the distance from its centre to the
 *   nearest other one, keeps its centre.
 *
 * A relative margin of 1e-9, far above the rounding of this arithmetic, keeps near ties out of the bounds' hands:
 * those rows compute every distance.
 *
 * <p>How a pass computes (the same for every row whatever the bounds hold, so the same bits):
 * - the rows whose bounds fail (every row of a first pass) are gathered by blocks of {@code Lloyd.BLOCK} (512) into a
 *   transposed tile and their distances to all centres computed column-wise by the kernels of the single-JVM passes
 *   ({@code LloydKernels.distances8}, {@code blockDistances}: loops the JIT vectorizes); the nearest
 *   is the lowest index of the minimum (a strictly smaller distance takes over, as in {@code LloydKernels.nearer});
 * - the inertia adds {@code w_i * distance2(x_i, C(i))} (the row-major kernel {@code LloydKernels.distance2}, unrolled
 *   for d = 8 with the same bits) in the fixed order of {@code LloydKernels.sum};
 * - the sums, squares, weights and counts are accumulated per centre over its rows in row order, each centre's
 *   rows summed in registers ({@code LloydStats.addUnitRows} for unit weights; the weighted form adds
 *   {@code w_i (x_i - r)} and {@code w_i ||x_i - r||^2} row by row).
 *
 * <p>The first pass over a chunk, or one with another number of rows, columns or centres, computes every distance
 * and sets the bounds. Any later pass may use any centres; only its speed depends on how far they moved. The scratch
 * arrays of a pass are kept per thread (not per chunk; the per-row ones only after chunks of at most
 * 65,536 rows, about 12 bytes a row): a chunk keeps only its rows' centres and lower bounds and
 * the last pass's statistics per centre, which a centre none of whose rows moved reuses (the same rows, weights and
 * reference give the same sums).
 *
 * <p>A kept chunk (for example a cached partition read by two task attempts at once) can reach one instance from
 * two threads. {@link #accumulate} therefore locks the instance: safe, but one pass at a time.
 */
public final class LloydBounds {
    /** The relative margin by which a row's distance must beat its bound to keep its centre unexamined. */
    static final double MARGIN = 1e-9;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
    /**
     * The most rows whose per-row scratch a thread keeps between passes (a chunk of this size or less reuses it; a
     * larger one allocates its own and drops it after the pass, so that a thread does not hold it).
     */
    static final int KEEP_ROWS = 65_536;

    private int n = -1;
    private int d;
    private int k;
    /** The centres of the last pass, row-major k x d. */
    private double[] centres;
    private int[] labels;
    /** Per row, a lower bound on the distance to every centre of the last pass but its own. */
    private double[] lower;
    /**
     * The per-centre statistics of the last pass (sums k x d, squares, weights, counts), valid for these rows, weights
     * and reference (compared by identity, identity and value); null when not kept.
     */
    private LloydStats last;
    private double[] lastRows;
    private double[] lastWeights;
    private double[] lastReference;

    /** Creates bounds that hold nothing yet: the first {@link #accumulate} computes every distance. */
    public LloydBounds() {
    }

    /** A thread's working arrays, grown on demand. */
    private static final class Scratch {
        /** Transposed tile: column j of the block's rows at {@code [j * BLOCK, j * BLOCK + m)}. */
        double[] tile = new double[0];
        double[][] dist = new double[0][];
        final double[] best = new double[Lloyd.BLOCK];
        final double[] second = new double[Lloyd.BLOCK];
        final double[] labd = new double[Lloyd.BLOCK];
        final int[] ids = new int[Lloyd.BLOCK];
        /** Per row of the chunk, its squared distance to its centre (weighted at the end of the pass). */
        double[] own = new double[0];
        int[] order = new int[0];
        int[] start = new int[0];

        /** Drops the per-row arrays. */
        void release() {
            own = new double[0];
            order = new int[0];
        }

        void size(int n, int d, int k) {
            int width = Math.max(d, Lloyd.PAD);
            if (tile.length < width * Lloyd.BLOCK) {
                tile = new double[width * Lloyd.BLOCK];
            }
            if (dist.length < k) {
                dist = new double[k][Lloyd.BLOCK];
            }
            if (own.length < n) {
                own = new double[n];
                order = new int[n];
            }
            if (start.length < k + 1) {
                start = new int[k + 1];
            }
        }
    }

    /**
     * The statistics of {@link LloydStats#accumulate} with the same arguments, bit for bit, using and then updating
     * the bounds. Its {@code skipped} count (not part of the statistics' value) tells how many distances the bounds
     * spared.
     *
     * @param rows the chunk's rows, row-major {@code n x d}, finite; the same rows at every call. Not modified.
     * @param n the number of rows, {@code >= 0}
     * @param d the number of columns
     * @param weights one weight {@code > 0} per row, or null for unit weights; the same at every call. Not modified.
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
        // the statistics of a centre none of whose rows changed are the last pass's, bit for bit (a function of the
        // rows, weights, reference and labels only): they are copied instead of summed again
        boolean reuse = kept && last != null && lastRows == rows && lastWeights == weights
                && Arrays.equals(lastReference, reference);
        LloydStats previous = reuse ? last : null;
        last = null;
        boolean[] changed = new boolean[k];
        double[] half = new double[k];
        double largest = 0;
        double second = 0;
        int largestAt = -1;
        if (kept) {
            for (int c = 0; c < k; c++) {
                double shift = Math.sqrt(LloydKernels.distance2(centres, c * d, this.centres, c * d, d));
                if (shift > largest) {
                    second = largest;
                    largest = shift;
                    largestAt = c;
                } else if (shift > second) {
                    second = shift;
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
        Scratch w = SCRATCH.get();
        w.size(n, d, k);
        double[] padded = padded(centres, k, d);
        // own[i]: row i's squared distance to its centre (unweighted until the end)
        final double[] own = w.own;
        final int[] ids = w.ids;
        final int[] lab = labels;
        final double[] low = lower;
        final double keep = (1 + MARGIN) * (1 + MARGIN);
        long skipped = 0;
        for (int from = 0; from < n; from += Lloyd.BLOCK) {
            final int to = Math.min(n, from + Lloyd.BLOCK);
            int m = 0;
            if (kept) {
                if (d == 8) {
                    for (int i = from; i < to; i++) {
                        own[i] = distance8(rows, i * 8, centres, lab[i] * 8);
                    }
                } else {
                    for (int i = from; i < to; i++) {
                        own[i] = LloydKernels.distance2(rows, i * d, centres, lab[i] * d, d);
                    }
                }
                // the rows whose bound fails, listed without a branch (the outcome is unpredictable on spread data):
                // every row is written at position m and m advances only for the listed ones
                for (int i = from; i < to; i++) {
                    int a = lab[i];
                    double moved = a == largestAt ? second : largest;
                    double l = low[i];
                    // k = 1: no other centre, an infinite bound (inf - inf would be NaN)
                    double bound = l == Double.POSITIVE_INFINITY ? l : l - moved - MARGIN * (l + moved);
                    double beat = Math.max(bound, half[a]);
                    low[i] = bound;
                    ids[m] = i;
                    m += beat > 0 & own[i] * keep < beat * beat ? 0 : 1;
                }
                skipped += (long) (to - from - m) * (k - 1);
            } else {
                for (int i = from; i < to; i++) {
                    ids[m++] = i;
                }
            }
            if (m > 0) {
                nearest(w, m, rows, d, centres, padded, k, kept, changed);
            }
        }
        if (weights != null) {
            for (int i = 0; i < n; i++) {
                own[i] *= weights[i];
            }
        }
        if (previous == null) {
            s.addLabelledRows(rows, n, weights, labels, reference, w.order, w.start, null);
        } else {
            boolean any = false;
            for (int c = 0; c < k; c++) {
                any |= changed[c];
                if (!changed[c]) {
                    System.arraycopy(previous.sums, c * d, s.sums, c * d, d);
                    s.squares[c] = previous.squares[c];
                    s.weights[c] = previous.weights[c];
                    s.counts[c] = previous.counts[c];
                }
            }
            if (any) {
                s.addLabelledRows(rows, n, weights, labels, reference, w.order, w.start, changed);
            }
        }
        s.inertia = LloydKernels.sum(own, n);
        this.centres = centres.clone();
        last = LloydStats.empty(k, d);
        System.arraycopy(s.sums, 0, last.sums, 0, k * d);
        System.arraycopy(s.squares, 0, last.squares, 0, k);
        System.arraycopy(s.weights, 0, last.weights, 0, k);
        System.arraycopy(s.counts, 0, last.counts, 0, k);
        lastRows = rows;
        lastWeights = weights;
        lastReference = reference.clone();
        if (n > KEEP_ROWS) {
            w.release();
        }
        s.skipped = skipped;
        s.computed = (long) n * k - skipped;
        return s;
    }

    /**
     * Assigns the m rows listed in the scratch's ids to their nearest centres (all distances, blocked kernels),
     * setting their labels, lower bounds (the second-nearest distance) and squared distances to their centre, and
     * marking in {@code changed} the centres that a kept row left or joined.
     */
    private void nearest(Scratch w, int m, double[] rows, int d, double[] centres, double[] padded, int k,
            boolean kept, boolean[] changed) {
        final int[] ids = w.ids;
        final double[] t = w.tile;
        final int block = Lloyd.BLOCK;
        if (d == 8) {
            for (int p = 0; p < m; p++) {
                LloydKernels.transposeRow8(rows, ids[p] * 8, t, p, block);
            }
        } else {
            if (d < Lloyd.PAD) {
                Arrays.fill(t, d * block, Lloyd.PAD * block, 0.0);
            }
            for (int p = 0; p < m; p++) {
                int o = ids[p] * d;
                for (int j = 0; j < d; j++) {
                    t[j * block + p] = rows[o + j];
                }
            }
        }
        final double[][] dk = w.dist;
        for (int c = 0; c < k; c++) {
            if (d <= Lloyd.PAD) {
                LloydKernels.distances8(t, padded, c * Lloyd.PAD, dk[c], m);
            } else {
                LloydKernels.blockDistances(t, centres, c * d, d, dk[c], m);
            }
        }
        final double[] b1 = w.best;
        final double[] b2 = w.second;
        final double[] ld = w.labd;
        System.arraycopy(dk[0], 0, b1, 0, m);
        Arrays.fill(b2, 0, m, Double.POSITIVE_INFINITY);
        Arrays.fill(ld, 0, m, 0.0);
        // the nearest (the lowest index of the minimum, as LloydKernels.nearer: a strictly smaller distance takes
        // over) and the second-nearest distance, without branches
        for (int c = 1; c < k; c++) {
            final double[] dc = dk[c];
            final double cd = c;
            for (int p = 0; p < m; p++) {
                double v = dc[p];
                double b = b1[p];
                double nb = Math.min(b, v);
                double lt = Math.min(1.0, (b - nb) * 0x1p1000 * 0x1p1000);
                ld[p] += lt * (cd - ld[p]);
                b2[p] = Math.min(b2[p], Math.max(b, v));
                b1[p] = nb;
            }
        }
        for (int p = 0; p < m; p++) {
            b2[p] = Math.sqrt(b2[p]);
        }
        final double[] own = w.own;
        for (int p = 0; p < m; p++) {
            int i = ids[p];
            int a = (int) ld[p];
            lower[i] = b2[p];
            if (kept && labels[i] == a) {
                continue; // own[i] already holds its distance to this centre
            }
            if (kept) {
                changed[labels[i]] = true;
                changed[a] = true;
            }
            labels[i] = a;
            own[i] = d == 8 ? distance8(rows, i * 8, centres, a * 8) : LloydKernels.distance2(rows, i * d, centres,
                    a * d, d);
        }
    }

    /**
     * {@link LloydKernels#distance2} for d = 8, unrolled: the same additions in the same order
     * ({@code ((t0^2 + t2^2) + (t4^2 + t6^2)) + ((t1^2 + t3^2) + (t5^2 + t7^2))}), so the same bits.
     */
    static double distance8(double[] a, int ao, double[] b, int bo) {
        double t0 = a[ao] - b[bo];
        double t1 = a[ao + 1] - b[bo + 1];
        double t2 = a[ao + 2] - b[bo + 2];
        double t3 = a[ao + 3] - b[bo + 3];
        double t4 = a[ao + 4] - b[bo + 4];
        double t5 = a[ao + 5] - b[bo + 5];
        double t6 = a[ao + 6] - b[bo + 6];
        double t7 = a[ao + 7] - b[bo + 7];
        return ((t0 * t0 + t2 * t2) + (t4 * t4 + t6 * t6)) + ((t1 * t1 + t3 * t3) + (t5 * t5 + t7 * t7));
    }

    /** The centres padded with zero coordinates to {@link Lloyd#PAD} when d is at most that, else the centres. */
    private static double[] padded(double[] centres, int k, int d) {
        if (d > Lloyd.PAD) {
            return centres;
        }
        double[] cp = new double[k * Lloyd.PAD];
        for (int c = 0; c < k; c++) {
            System.arraycopy(centres, c * d, cp, c * Lloyd.PAD, d);
        }
        return cp;
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
