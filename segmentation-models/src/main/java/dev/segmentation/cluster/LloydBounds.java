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
 * - the rows whose bounds fail (every row of a plain pass) are taken by blocks of {@code Lloyd.BLOCK} (512) as a
 *   transposed tile and their distances to all centres computed column-wise by the kernels of the single-JVM passes
 *   ({@code LloydKernels.distances8}'s sums, {@code blockDistances}: loops the JIT vectorizes, or for d = 8 the
 *   vector kernel {@link LloydKernel#nearest8} when the JVM has {@code jdk.incubator.vector}); the nearest is the
 *   lowest index of the minimum (a strictly smaller distance takes over, as in {@code LloydKernels.nearer});
 * - the inertia adds {@code w_i * distance2(x_i, C(i))} (the row-major kernel {@code LloydKernels.distance2}, unrolled
 *   for d = 8 with the same bits) in the fixed order of {@code LloydKernels.sum};
 * - the sums, squares, weights and counts are accumulated per centre over its rows in row order, each centre's
 *   rows summed in registers ({@code LloydStats.addUnitRows} for unit weights, or for d = 8 the same additions carried
 *   over the blocks of a plain pass, {@code LloydStats.bucketBlock8}; the weighted form adds {@code w_i (x_i - r)} and
 *   {@code w_i ||x_i - r||^2} row by row).
 *
 * <p><b>Plain or bounded, per chunk and pass.</b> A bounded pass computes every row's distance to its centre and tests
 * its bound; it pays only when the bounds spare most distances. With the vector kernel (d = 8), each pass is
 * therefore plain (every distance, from the chunk's rows kept transposed, the statistics taken from the same tiles)
 * unless the bounds are expected to spare at least {@link #VECTOR_BOUNDED_FROM} of the distances: after a bounded
 * pass, the fraction it spared; after a plain pass, the fraction of a sample of rows (every
 * {@link #SAMPLE_STEP}-th) that Hamerly's test with upper bounds keeps given the centres' moves since. A plain pass
 * keeps the bounds (labels, second-nearest distances), so a bounded pass can follow it. With the scalar kernels
 * every pass after the first is bounded and nothing is kept transposed: a scalar plain pass costs, from rows kept
 * transposed, about what a bounded pass sparing 35-40% costs, and transposing them every pass about what one sparing
 * nothing costs, while on the uniform rows of the Spark benchmark the bounds spare 35-63% from the third pass
 * (issue 20). The choice depends only on the chunk's rows and the centres passed so far, and changes no statistic.
 *
 * <p>The first pass over a chunk, or one with another number of rows, columns or centres, computes every distance
 * and sets the bounds. Any later pass may use any centres; only its speed depends on how far they moved. The scratch
 * arrays of a pass are kept per thread (not per chunk; the per-row ones only after chunks of at most
 * 65,536 rows, about 12 bytes a row): a chunk keeps its rows' centres and lower bounds (12 bytes a row), with the
 * vector kernel also their last distances (8 bytes a row) and its rows transposed (as many bytes again as the rows),
 * and the last pass's statistics per centre, which a centre none of whose rows moved reuses (the same rows, weights and reference give
 * the same sums).
 *
 * <p>A kept chunk (for example a cached partition read by two task attempts at once) can reach one instance from
 * two threads. {@link #accumulate} therefore locks the instance: safe, but one pass at a time.
 */
public final class LloydBounds {
    /** The relative margin by which a row's distance must beat its bound to keep its centre unexamined. */
    static final double MARGIN = 1e-9;

    /**
     * With the vector kernel and d = 8, a pass is bounded when the chunk's bounds are expected to spare at least this
     * fraction of the distances (the last bounded pass's skips, or after a plain pass the rows that Hamerly's test
     * with upper bounds would keep given the centres' moves since), else plain. Measured on 4,096 x 8 uniform rows,
     * k = 8: a plain pass (every distance, in registers, from the kept transposed rows) costs about what a bounded
     * pass sparing 60-65% costs, and less below that.
     */
    static final double VECTOR_BOUNDED_FROM = 0.7;

    /** The prediction after a plain pass looks at every this-many-th row. */
    static final int SAMPLE_STEP = 8;

    /** The vector kernel when the JVM has {@code jdk.incubator.vector}, else null (the scalar kernels). */
    private static final LloydKernel KERNEL = LloydKernel.detect();

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
     * Per row, its squared distance to its centre (the column kernel's) as the last pass left it when that pass was
     * plain, read only to predict the next pass's skips; null when no pass can be plain after the first.
     */
    private double[] upper;
    /**
     * Whether the last pass was plain (every distance computed): then {@link #lower} holds squared distances (a
     * bounded pass takes their square roots first) and {@link #upper} (if kept) its distances.
     */
    private boolean lastPlain;
    /** The fraction of the distances the last bounded pass skipped. */
    private double lastSkip;
    /**
     * The rows transposed per block of {@code Lloyd.BLOCK} (block b: coordinate j of its row p at
     * {@code [j * BLOCK + p]}, zero columns up to {@code Lloyd.PAD}), made at the first plain pass over these rows
     * (compared by identity) and kept: the plain passes read them instead of transposing the rows each time.
     */
    private double[][] tiles;
    /** The rows (by identity), row count and width the tiles were made of. */
    private double[] tilesRows;
    private int tilesN = -1;
    private int tilesD;
    /**
     * The per-centre statistics of the last pass (sums k x d, squares, weights, counts), valid for these rows, weights
     * and reference (compared by identity, identity and value); null when not kept.
     */
    private LloydStats last;
    private double[] lastRows;
    private double[] lastWeights;
    private double[] lastReference;

    /** The fraction of skipped distances from which a pass is bounded, or -1 for the default (see the class). */
    private final double boundedFrom;
    /** The vector kernel, or null for the scalar kernels. */
    private final LloydKernel kernel;

    /** Creates bounds that hold nothing yet: the first {@link #accumulate} computes every distance. */
    public LloydBounds() {
        this(-1, true);
    }

    /**
     * Bounds with another choice of passes (tests): bounded from this expected fraction of skipped distances (0 for
     * every pass after the first bounded, above 1 for every pass plain, -1 for the default), with the vector kernel
     * when the JVM has it and {@code vector} is true, else the scalar kernels.
     */
    LloydBounds(double boundedFrom, boolean vector) {
        this.boundedFrom = boundedFrom;
        this.kernel = vector ? KERNEL : null;
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
        /** The vector kernel's squared distances of a gathered block's rows to their nearest centres. */
        final double[] near = new double[Lloyd.BLOCK];
        /** Per row of the chunk, its squared distance to its centre (weighted at the end of the pass). */
        double[] own = new double[0];
        int[] order = new int[0];
        int[] start = new int[0];
        /** Per centre, the rows of a plain pass that left or joined it. */
        int[] moves = new int[0];

        /** The statistics carried over a plain pass's blocks (LloydStats.bucketBlock8): 10 sums and a count a centre. */
        double[] acc = new double[0];
        long[] cnt = new long[0];

        /** Clears the carried statistics for k centres. */
        void blocks(int k) {
            if (cnt.length < k) {
                acc = new double[10 * k];
                cnt = new long[k];
            }
            Arrays.fill(acc, 0, 10 * k, 0.0);
            Arrays.fill(cnt, 0, k, 0L);
        }

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
                moves = new int[k];
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
        double[] shift = new double[k];
        double largest = 0;
        double second = 0;
        int largestAt = -1;
        if (kept) {
            for (int c = 0; c < k; c++) {
                double move = Math.sqrt(LloydKernels.distance2(centres, c * d, this.centres, c * d, d));
                shift[c] = move;
                if (move > largest) {
                    second = largest;
                    largest = move;
                    largestAt = c;
                } else if (move > second) {
                    second = move;
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
            upper = null;
            lastPlain = false;
        }
        // bounded or plain: the choice changes no statistic, only which distances are computed
        double threshold = boundedFrom >= 0 ? boundedFrom : kernel != null && d == 8 ? VECTOR_BOUNDED_FROM : 0;
        boolean bounded = kept && (threshold <= 0 || k == 1
                || (lastPlain ? predictedSkip(half, shift, largest, second, largestAt) : lastSkip) >= threshold);
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
        boolean inBlocks = false;
        if (!bounded && threshold > 0) {
            // a plain pass: every distance, from the rows kept transposed
            if (upper == null) {
                upper = new double[n];
            }
            double[][] t = tiles(rows, n, d);
            Arrays.fill(w.moves, 0, k, 0);
            inBlocks = weights == null && d == 8;
            if (inBlocks) {
                w.blocks(k);
            }
            for (int b = 0, from = 0; from < n; b++, from += Lloyd.BLOCK) {
                int m = Math.min(Lloyd.BLOCK, n - from);
                double[] tb = t[b];
                plainBlock(w, tb, from, m, rows, d, centres, padded, k);
                if (inBlocks) {
                    // the statistics from the block just read, carried over the blocks in row order
                    LloydStats.bucketBlock8(w.acc, w.cnt, tb, labels, from, m, reference, k, w.order, w.start);
                }
            }
            for (int c = 0; c < k; c++) {
                changed[c] = w.moves[c] > 0;
            }
            lastPlain = true;
        } else {
            if (lastPlain) {
                for (int i = 0; i < n; i++) {
                    low[i] = Math.sqrt(low[i]);
                }
            }
            final double[] movedOf = new double[k];
            for (int c = 0; c < k; c++) {
                movedOf[c] = c == largestAt ? second : largest;
            }
            // bounded, or the first pass without a plain pass to choose: every row listed
            for (int from = 0; from < n; from += Lloyd.BLOCK) {
                final int to = Math.min(n, from + Lloyd.BLOCK);
                int m = 0;
                if (!bounded) {
                    for (int i = from; i < to; i++) {
                        ids[m++] = i;
                    }
                    nearest(w, m, rows, d, centres, padded, k, false, changed);
                    continue;
                }
                if (d == 8) {
                    for (int i = from; i < to; i++) {
                        own[i] = distance8(rows, i * 8, centres, lab[i] * 8);
                    }
                } else {
                    for (int i = from; i < to; i++) {
                        own[i] = LloydKernels.distance2(rows, i * d, centres, lab[i] * d, d);
                    }
                }
                // the rows whose bound fails, listed without a branch (the outcome is unpredictable on spread
                // data): every row is written at position m and m advances only for the listed ones
                for (int i = from; i < to; i++) {
                    int a = lab[i];
                    double moved = movedOf[a];
                    double l = low[i];
                    // k = 1: no other centre, an infinite bound (inf - inf would be NaN)
                    double bound = l == Double.POSITIVE_INFINITY ? l : l - moved - MARGIN * (l + moved);
                    double beat = Math.max(bound, half[a]);
                    low[i] = bound;
                    ids[m] = i;
                    m += beat > 0 & own[i] * keep < beat * beat ? 0 : 1;
                }
                skipped += (long) (to - from - m) * (k - 1);
                if (m > 0) {
                    nearest(w, m, rows, d, centres, padded, k, true, changed);
                }
            }
            lastPlain = false;
            lastSkip = n == 0 || k == 1 ? 1 : skipped / ((double) n * (k - 1));
        }
        if (weights != null) {
            for (int i = 0; i < n; i++) {
                own[i] *= weights[i];
            }
        }
        if (inBlocks) {
            s.addBlocks8(w.acc, w.cnt);
        } else if (previous == null) {
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
        final double[] b1 = w.best;
        final double[] b2 = w.second;
        final double[] ld = w.labd;
        final double[] near = w.near;
        final boolean vector = kernel != null && d == 8;
        if (vector) {
            // the vector kernel: the same labels, second-nearest and own distances as the scalar sweep below
            kernel.nearest8(t, m, centres, k, b1, b2, ld, near, 0);
        } else {
            final double[][] dk = w.dist;
            for (int c = 0; c < k; c++) {
                if (d <= Lloyd.PAD) {
                    LloydKernels.distances8(t, padded, c * Lloyd.PAD, dk[c], m);
                } else {
                    LloydKernels.blockDistances(t, centres, c * d, d, dk[c], m);
                }
            }
            System.arraycopy(dk[0], 0, b1, 0, m);
            Arrays.fill(b2, 0, m, Double.POSITIVE_INFINITY);
            Arrays.fill(ld, 0, m, 0.0);
            // the nearest (the lowest index of the minimum, as LloydKernels.nearer: a strictly smaller distance takes
            // over) and the second-nearest distance, without branches
            for (int c = 1; c < k; c++) {
                LloydKernels.nearerAndSecond(dk[c], b1, b2, ld, c, m);
            }
        }
        final double[] own = w.own;
        for (int p = 0; p < m; p++) {
            int i = ids[p];
            int a = (int) ld[p];
            lower[i] = Math.sqrt(b2[p]);
            if (kept && labels[i] == a) {
                continue; // own[i] already holds its distance to this centre
            }
            if (kept) {
                changed[labels[i]] = true;
                changed[a] = true;
            }
            labels[i] = a;
            own[i] = vector ? near[p] : d == 8 ? distance8(rows, i * 8, centres, a * 8)
                    : LloydKernels.distance2(rows, i * d, centres, a * d, d);
        }
    }

    /**
     * The fraction of the rows a bounded pass would be sure to keep after the last (plain) pass, by Hamerly's test with
     * upper bounds: the row's last distance to its centre plus that centre's move is below its lower bound less the
     * largest move of another centre, or below half the distance from its centre to the nearest other one. The real
     * test uses the exact distance, so it keeps at least these rows.
     */
    private double predictedSkip(double[] half, double[] shift, double largest, double second, int largestAt) {
        if (n == 0) {
            return 0;
        }
        final double[] up = upper;
        final double[] low = lower;
        final int[] lab = labels;
        final double grow = 1 + 2 * MARGIN;
        int k = half.length;
        double[] movedOf = new double[k];
        for (int c = 0; c < k; c++) {
            movedOf[c] = c == largestAt ? second : largest;
        }
        int kept = 0;
        int seen = 0;
        for (int i = 0; i < n; i += SAMPLE_STEP) {
            int a = lab[i];
            double l = Math.sqrt(low[i]) - movedOf[a];
            double h = half[a];
            double beat = l > h ? l : h;
            kept += (Math.sqrt(up[i]) + shift[a]) * grow < beat ? 1 : 0;
            seen++;
        }
        return kept / (double) seen;
    }

    /** The rows transposed per block (see {@link #tiles}), made when these rows have none yet. */
    private double[][] tiles(double[] rows, int n, int d) {
        int blocks = (n + Lloyd.BLOCK - 1) / Lloyd.BLOCK;
        if (tiles != null && tilesRows == rows && tilesN == n && tilesD == d) {
            return tiles;
        }
        int width = Math.max(d, Lloyd.PAD);
        double[][] t = new double[blocks][];
        for (int b = 0; b < blocks; b++) {
            int from = b * Lloyd.BLOCK;
            int m = Math.min(Lloyd.BLOCK, n - from);
            double[] tb = new double[width * Lloyd.BLOCK];
            if (d == 8) {
                for (int p = 0; p < m; p++) {
                    LloydKernels.transposeRow8(rows, (from + p) * 8, tb, p, Lloyd.BLOCK);
                }
            } else {
                for (int p = 0; p < m; p++) {
                    int o = (from + p) * d;
                    for (int j = 0; j < d; j++) {
                        tb[j * Lloyd.BLOCK + p] = rows[o + j];
                    }
                }
            }
            t[b] = tb;
        }
        tiles = t;
        tilesRows = rows;
        tilesN = n;
        tilesD = d;
        return t;
    }

    /**
     * The plain pass over the m rows of one block starting at row {@code from}, read from its transposed tile: every
     * distance (the kernels and the nearest and second-nearest sweep of {@link #nearest}, so the same labels and
     * bounds), then each row's label, lower bound, upper distance and squared distance to its centre, marking in
     * {@code changed} the centres that a kept row left or joined.
     */
    private void plainBlock(Scratch w, double[] t, int from, int m, double[] rows, int d, double[] centres,
            double[] padded, int k) {
        final double[] b1 = w.best;
        final double[] b2 = w.second;
        final double[] ld = w.labd;
        final double[] dc = w.dist[0];
        final boolean vector = kernel != null && d == 8;
        if (vector) {
            kernel.nearest8(t, m, centres, k, b1, b2, ld, w.own, from);
        } else {
            if (d <= Lloyd.PAD) {
                LloydKernels.distances8Fused(t, padded, 0, b1, m);
            } else {
                LloydKernels.blockDistances(t, centres, 0, d, b1, m);
            }
            Arrays.fill(ld, 0, m, 0.0);
            Arrays.fill(b2, 0, m, Double.POSITIVE_INFINITY);
            for (int c = 1; c < k; c++) {
                if (d <= Lloyd.PAD) {
                    LloydKernels.distances8Fused(t, padded, c * Lloyd.PAD, dc, m);
                } else {
                    LloydKernels.blockDistances(t, centres, c * d, d, dc, m);
                }
                LloydKernels.nearerAndSecond(dc, b1, b2, ld, c, m);
            }
        }
        final double[] own = w.own;
        final double[] low = lower;
        final double[] up = upper;
        final int[] lab = labels;
        // squared here: a bounded pass takes the square roots of the lower bounds if one follows, the prediction those
        // of its sample
        System.arraycopy(b2, 0, low, from, m);
        if (up != null) {
            System.arraycopy(b1, 0, up, from, m);
        }
        // the centres a row left or joined, counted without a branch: (old - a) | (a - old) is negative unless equal
        final int[] moves = w.moves;
        for (int p = 0; p < m; p++) {
            int i = from + p;
            int a = (int) ld[p];
            int old = lab[i];
            int diff = ((old - a) | (a - old)) >>> 31;
            moves[old] += diff;
            moves[a] += diff;
            lab[i] = a;
        }
        if (vector) {
            return; // the kernel wrote own
        }
        if (d == 8) {
            // from the tile (not the rows, which a plain pass then never reads): the same operations, the same bits
            for (int p = 0; p < m; p++) {
                own[from + p] = LloydKernels.tileDistance8(t, p, centres, lab[from + p] * 8);
            }
        } else {
            for (int p = 0; p < m; p++) {
                int i = from + p;
                own[i] = LloydKernels.distance2(rows, i * d, centres, lab[i] * d, d);
            }
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
