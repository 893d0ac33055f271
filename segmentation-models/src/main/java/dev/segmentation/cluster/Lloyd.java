package dev.segmentation.cluster;

import dev.segmentation.internal.ChunkRunner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lloyd's algorithm accelerated with Hamerly's bounds (Hamerly 2010, "Making k-means even faster", SIAM SDM).
 *
 * <p>Per row the engine keeps its centre, an upper bound on the distance to it and a lower bound on the distance
 * to every other centre. A row whose upper bound is at most {@code max(lower bound, half the distance from its
 * centre to the nearest other centre)} cannot change centre and is not even read. The other rows are gathered
 * in blocks (transposed, which reads them with good memory parallelism), their upper bound is tightened to the
 * exact distance and tested again, and the rows that still fail have their distances to all centres computed
 * column-wise (loops the JIT vectorizes). After the update step the upper bounds grow by their centre's
 * movement and the lower bounds shrink by the largest movement of another centre; both lazily: each row keeps
 * the iteration its bounds were set at, and the pass adds the cumulative movements since then, so rows whose
 * bounds hold are read but never written.
 *
 * <p>The centre sums are kept as centred sufficient statistics ({@link LloydStats}) and updated only by the rows
 * that move, so a late iteration costs little more than reading three small per-row arrays. The per-iteration
 * inertia comes from those statistics; the inertia of the returned model is recomputed exactly from the rows.
 * Every pass runs over fixed chunks; per-chunk partials are merged in chunk order.
 *
 * <p>When the bounds would skip less than half of the distances at iteration 2 (tried on a fixed sample of rows
 * before the pass, {@link #boundsWouldSkipLittle}) the data have no cluster structure the bounds can use, and
 * iterations 2 on are plain Lloyd passes ({@link #plainPass}): every row is assigned from scratch, without
 * reading or writing bounds, and the statistics are updated by the rows that moved, as in a bounded pass. A
 * plain pass reads the rows from a transposed copy kept block by block (each block of {@link #BLOCK} rows its own
 * array, column j at {@code [j * BLOCK, ...)}), made by the first pass of {@link #run}, which transposes every
 * row anyway, and dropped when the bounds are kept; plain passes therefore neither gather nor transpose, for one
 * more n x d doubles of memory. Plain passes return to the bounds once they would pay again: after each plain
 * pass the sample's bounds are set exactly, and when a bounded pass would skip at least
 * {@link #RETURN_TO_BOUNDS} of the sample's distances (the centres have nearly settled), the next plain pass also
 * writes every row's bounds and the iterations after it are bounded (issue 19: at 1 M customers 99 of the 134
 * iterations of the four restarts). The distance kernel is the same in both kinds of pass, so both
 * make the same assignments. For d <= 8 the transposed block is padded with zero columns to eight
 * ({@link LloydKernels#distances8}: adding exact zeros leaves the sums bit-identical).
 *
 * <p>When the JVM has {@code jdk.incubator.vector}, plain passes over d = 8 unweighted rows run the optional
 * {@link LloydKernel} instead, which computes the distances of eight rows at a time in registers from the same
 * blocks and produces the same labels, statistics and inertia bit for bit.
 */
final class Lloyd {
    private static final Logger LOG = LoggerFactory.getLogger(KMeans.class);
    /**
     * Rows per transposed block: a column of 512 doubles fills one 4 KiB page, which keeps the hardware prefetcher
     * on one stream per page (with 256 rows, two columns to a page, plain passes measured up to 1.6x slower).
     */
    static final int BLOCK = 512;
    /** Dimensions up to this are padded with zeros to it and use the unrolled kernel {@link LloydKernels#distances8}. */
    static final int PAD = 8;

    private final double[] x;
    private final int n;
    private final int d;
    private final int k;
    private final double[] w;
    private final ChunkRunner runner;
    private final int chunks;
    /** The reference point of the centred statistics: the column means. */
    private final double[] ref;
    final int[] labels;
    private final double[] upper;
    private final double[] lower;
    /** The update count (epoch) at which each row's bounds were last set. */
    private final int[] stamp;
    private final LloydStats[] partial;
    /** Transposed block per worker, flat: column j of the block is {@code [j * BLOCK, j * BLOCK + m)}. */
    private final double[][] xt;
    /** Distances of the block's rows to each centre, per worker. */
    private final double[][][] dist;
    private final int[][] idx;
    private final double[][] best;
    private final double[][] second;
    private final int[][] arg;
    private final double[][] labd;
    private final double[][] bnd;
    private final double[][] low;
    /** Per worker: rows of a block bucketed by centre, and the bucket ends (see LloydStats.addUnitRows). */
    private final int[][] order;
    private final int[][] bucketEnds;
    /** The rows transposed per block of {@link #BLOCK} for plain passes (see block), or null. */
    private double[][] blocks;
    /** The centres of the current pass, each padded with zeros to {@link #PAD} coordinates when d <= PAD. */
    private double[] paddedCentres;

    /** How the iterations after the first assign rows: chosen from the data, or forced (for tests). */
    enum Mode {
        /** Bounds, dropped for plain passes if the first bounded pass skips less than half of the distances. */
        AUTO,
        /** Always Hamerly's bounds. */
        BOUNDED,
        /** Plain Lloyd from iteration 2 on. */
        PLAIN
    }

    private final Mode mode;
    /** The optional vector kernel of plain passes (d = 8, unit weights), or null for the scalar one. */
    private final LloydKernel kernel;

    Lloyd(double[] x, int n, int d, int k, double[] w, ChunkRunner runner) {
        this(x, n, d, k, w, runner, Mode.AUTO);
    }

    Lloyd(double[] x, int n, int d, int k, double[] w, ChunkRunner runner, Mode mode) {
        this(x, n, d, k, w, runner, mode, LloydKernel.detect());
    }

    /** As above with an explicit plain-pass kernel: null for the scalar one (for tests). */
    Lloyd(double[] x, int n, int d, int k, double[] w, ChunkRunner runner, Mode mode, LloydKernel kernel) {
        this.mode = mode;
        this.kernel = kernel;
        this.x = x;
        this.n = n;
        this.d = d;
        this.k = k;
        this.w = w;
        this.runner = runner;
        this.chunks = ChunkRunner.chunks(n);
        this.ref = columnMeans(x, n, d);
        this.labels = new int[n];
        this.upper = new double[n];
        this.lower = new double[n];
        this.stamp = new int[n];
        this.partial = new LloydStats[chunks];
        for (int c = 0; c < chunks; c++) {
            partial[c] = new LloydStats(k, d);
        }
        int workers = runner.workers();
        // d <= 8 is padded to 8 columns of zeros (the kernel adds exact zeros, so the same bits as unpadded)
        int width = Math.max(d, PAD) * BLOCK;
        this.xt = new double[workers][width];
        this.dist = new double[workers][k][BLOCK];
        this.idx = new int[workers][BLOCK];
        this.best = new double[workers][BLOCK];
        this.second = new double[workers][BLOCK];
        this.arg = new int[workers][BLOCK];
        this.labd = new double[workers][BLOCK];
        this.bnd = new double[workers][BLOCK];
        this.low = new double[workers][BLOCK];
        this.order = new int[workers][BLOCK];
        this.bucketEnds = new int[workers][k + 1];
    }

    private static double[] columnMeans(double[] x, int n, int d) {
        double[] m = new double[d];
        for (int i = 0; i < n; i++) {
            LloydKernels.add(m, 0, x, i * d, d);
        }
        for (int j = 0; j < d; j++) {
            m[j] /= n;
        }
        return m;
    }

    /** The outcome of one run from given initial centres. */
    static final class Result {
        final double[] centres;
        final double inertia;
        final int iterations;
        final boolean converged;
        final long[] counts;
        final List<LloydIteration> history;

        Result(double[] centres, double inertia, int iterations, boolean converged, long[] counts,
                List<LloydIteration> history) {
            this.centres = centres;
            this.inertia = inertia;
            this.iterations = iterations;
            this.converged = converged;
            this.counts = counts;
            this.history = history;
        }
    }

    /**
     * Runs Lloyd iterations from {@code initial} (k x d, not modified) as scikit-learn's {@code lloyd}: stop when
     * no assignment changes (strict convergence) or the total squared centre shift is at most
     * {@code toleranceAbs}; a final assignment pass then makes labels, sizes and inertia match the centres.
     */
    Result run(double[] initial, int maxIterations, double toleranceAbs) {
        double[] centres = initial.clone();
        double[] shift = new double[k];
        double[] delta = new double[k];
        double[] half = new double[k];
        // cumulative centre movements after e updates, for the lazy bounds: a row whose bounds were set at epoch
        // t has, at epoch e, upper + (cumShift[e] - cumShift[t]) and lower - (cumDelta[e] - cumDelta[t])
        double[] cumShift = new double[(maxIterations + 1) * k];
        double[] cumDelta = new double[(maxIterations + 1) * k];
        List<LloydIteration> history = new ArrayList<>();
        LloydStats totals = null;
        boolean strict = false;
        boolean converged = false;
        // plain Lloyd when the bounds would not pay: if at iteration 2 they would skip less than half of the
        // distances (spread data without cluster structure; judged on a sample of rows before the pass) keeping
        // them costs more than it saves, so the remaining iterations assign every row from scratch (as
        // scikit-learn's "lloyd" against its "elkan")
        boolean plain = mode == Mode.PLAIN;
        if (mode != Mode.BOUNDED && blocks == null) {
            // the first pass transposes every block anyway: it keeps them for the plain passes
            blocks = new double[(int) (((long) n + BLOCK - 1) / BLOCK)][];
        }
        sampleLabel = null; // no plain pass of this run has set the sample's bounds yet
        int it = 0;
        int epoch = 0;
        while (it < maxIterations) {
            it++;
            halfMinDistances(centres, half);
            if (mode == Mode.AUTO && it == 2) {
                plain = boundsWouldSkipLittle(centres, epoch, cumShift, cumDelta, half);
                if (!plain) {
                    blocks = null; // bounded passes gather the rows they need
                }
            }
            // plain passes go back to the bounds once the sample says they would skip most distances (the
            // centres have nearly settled): this pass writes every row's bounds, the next ones use them
            boolean toBounds = mode == Mode.AUTO && plain && it > 2
                    && sampleBoundsWouldSkipMost(centres, epoch, cumShift, cumDelta, half);
            LloydStats pass;
            double inertia;
            if (it == 1) {
                pass = fullPass(centres);
                totals = pass;
                inertia = pass.inertia;
            } else if (plain) {
                pass = plainPass(centres, toBounds, epoch);
                totals.merge(pass);
                inertia = pass.inertia;
                if (toBounds) {
                    plain = false;
                } else if (mode == Mode.AUTO) {
                    sampleBounds(centres, epoch);
                }
            } else {
                pass = boundedPass(centres, epoch, cumShift, cumDelta, half);
                totals.merge(pass);
                inertia = totals.inertiaOf(centres, ref);
            }
            int relocated = relocateEmpty(totals, centres, epoch);
            double[] updated = centresOf(totals);
            double moved = shifts(centres, updated, shift, delta);
            long reassigned = pass.reassigned + relocated;
            history.add(new LloydIteration(it, inertia, moved, reassigned, pass.computed, pass.skipped));
            if (LOG.isDebugEnabled()) {
                LOG.debug("k-means iteration {}: inertia {}, centre shift {}, reassigned {}, distances computed {},"
                        + " skipped {}", it, inertia, moved, reassigned, pass.computed, pass.skipped);
            }
            if (it > 1 && reassigned == 0) {
                strict = true;
                converged = true;
                break;
            }
            centres = updated;
            epoch++;
            for (int c = 0; c < k; c++) {
                cumShift[epoch * k + c] = cumShift[(epoch - 1) * k + c] + shift[c];
                cumDelta[epoch * k + c] = cumDelta[(epoch - 1) * k + c] + delta[c];
            }
            if (moved <= toleranceAbs) {
                converged = true;
                break;
            }
        }
        if (!strict && plain) {
            plainPass(centres);
        } else if (!strict) {
            halfMinDistances(centres, half);
            boundedPass(centres, epoch, cumShift, cumDelta, half);
        }
        LloydStats exact = exactPass(centres);
        return new Result(centres, exact.inertia, it, converged, exact.counts.clone(), List.copyOf(history));
    }

    /** Rows the bounds are tried on before iteration 2 to choose between bounded and plain passes. */
    static final int BOUNDS_SAMPLE = 8192;

    /**
     * Returns whether a bounded pass over these centres would skip less than half of the distances, judged on
     * up to {@link #BOUNDS_SAMPLE} rows evenly spaced through the data (a fixed choice, so the decision does not
     * depend on the number of threads): the bound tests of {@link #boundedChunk} and {@link #tighten} are
     * applied to them without changing any state.
     */
    private boolean boundsWouldSkipLittle(double[] centres, int epoch, double[] cumShift, double[] cumDelta,
            double[] half) {
        final int step = Math.max(1, n / BOUNDS_SAMPLE);
        final int now = epoch * k;
        long rows = 0;
        long skipped = 0;
        for (int i = 0; i < n; i += step) {
            int a = labels[i];
            int then = stamp[i] * k + a;
            double u = upper[i] + (cumShift[now + a] - cumShift[then]);
            double l = lower[i] - (cumDelta[now + a] - cumDelta[then]);
            double bound = Math.max(half[a], l);
            rows++;
            if (u <= bound) {
                skipped += k;
            } else if (Math.sqrt(LloydKernels.distance2(x, i * d, centres, a * d, d)) <= bound) {
                skipped += k - 1;
            }
        }
        return 2 * skipped < rows * k;
    }

    /**
     * The share of the distances the bounds must skip, on the sample of {@link #boundsWouldSkipLittle}, for plain
     * passes to return to the bounds. Measured at 1 M rows, d = 18, k = 5 (issue 19, process CPU per pass): a
     * plain pass 46 ms, a bounded pass skipping under half of the distances 96 ms, 50-80% 63 ms, 80-90% 45 ms,
     * 90-95% 32 ms, over 95% 18 ms. A plain pass streams every row (memory-bound); a bounded pass reads four small
     * per-row arrays but gathers and tightens the rows whose bound fails from scattered addresses, so it pays only
     * once nine distances in ten are skipped.
     */
    static final double RETURN_TO_BOUNDS = 0.9;

    /** The sample rows' labels and bounds as the last plain pass left them (set by {@link #sampleBounds}). */
    private int[] sampleLabel;
    private double[] sampleUpper;
    private double[] sampleLower;
    private int sampleEpoch;

    /**
     * Sets the bounds a bounded pass would have left on the rows of the {@link #boundsWouldSkipLittle} sample,
     * after a plain pass over {@code centres} (epoch {@code epoch}): the distance to each row's centre and to the
     * nearest other centre. Plain passes keep no bounds, so this is how they judge whether the bounds would now
     * pay ({@link #sampleBoundsWouldSkipMost}); it reads only the sample rows.
     */
    private void sampleBounds(double[] centres, int epoch) {
        final int step = Math.max(1, n / BOUNDS_SAMPLE);
        int rows = (n + step - 1) / step;
        if (sampleLabel == null || sampleLabel.length != rows) {
            sampleLabel = new int[rows];
            sampleUpper = new double[rows];
            sampleLower = new double[rows];
        }
        for (int s = 0; s < rows; s++) {
            int i = s * step;
            int a = labels[i];
            double second = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != a) {
                    second = Math.min(second, LloydKernels.distance2(x, i * d, centres, c * d, d));
                }
            }
            sampleLabel[s] = a;
            sampleUpper[s] = Math.sqrt(LloydKernels.distance2(x, i * d, centres, a * d, d));
            sampleLower[s] = Math.sqrt(second);
        }
        sampleEpoch = epoch;
    }

    /**
     * Returns whether a bounded pass over these centres, with the bounds {@link #sampleBounds} left after the last
     * plain pass, would skip at least {@link #RETURN_TO_BOUNDS} of the distances of the sample rows (the tests of
     * {@link #boundedChunk} and {@link #tighten}, applied without changing any state).
     */
    private boolean sampleBoundsWouldSkipMost(double[] centres, int epoch, double[] cumShift, double[] cumDelta,
            double[] half) {
        if (sampleLabel == null) {
            return false;
        }
        final int step = Math.max(1, n / BOUNDS_SAMPLE);
        final int now = epoch * k;
        final int then = sampleEpoch * k;
        long skipped = 0;
        for (int s = 0; s < sampleLabel.length; s++) {
            int i = s * step;
            int a = sampleLabel[s];
            double u = sampleUpper[s] + (cumShift[now + a] - cumShift[then + a]);
            double l = sampleLower[s] - (cumDelta[now + a] - cumDelta[then + a]);
            double bound = Math.max(half[a], l);
            if (u <= bound) {
                skipped += k;
            } else if (Math.sqrt(LloydKernels.distance2(x, i * d, centres, a * d, d)) <= bound) {
                skipped += k - 1;
            }
        }
        return skipped >= RETURN_TO_BOUNDS * sampleLabel.length * k;
    }

    /** Assigns every row to its nearest centre from scratch; statistics of all rows, exact inertia. */
    LloydStats fullPass(double[] centres) {
        pad(centres);
        runner.run(chunks, (c, worker) -> fullChunk(c, worker, centres));
        return merged();
    }

    /** Re-assigns the rows whose bounds fail; returns the changes of the rows that moved. */
    LloydStats boundedPass(double[] centres, int epoch, double[] cumShift, double[] cumDelta, double[] half) {
        pad(centres);
        runner.run(chunks, (c, worker) -> boundedChunk(c, worker, centres, epoch, cumShift, cumDelta, half));
        return merged();
    }

    /** Exact inertia and counts of the current labels against the centres (reads every row once). */
    LloydStats exactPass(double[] centres) {
        runner.run(chunks, (c, worker) -> exactChunk(c, centres));
        return merged();
    }

    /** Sets {@link #paddedCentres} for a pass over {@code centres} (read before the pass's tasks are started). */
    private void pad(double[] centres) {
        if (d > PAD) {
            paddedCentres = centres;
            return;
        }
        double[] cp = new double[k * PAD];
        for (int c = 0; c < k; c++) {
            System.arraycopy(centres, c * d, cp, c * PAD, d);
        }
        paddedCentres = cp;
    }

    private LloydStats merged() {
        LloydStats total = new LloydStats(k, d);
        for (LloydStats s : partial) {
            total.merge(s);
        }
        return total;
    }

    private void fullChunk(int c, int worker, double[] centres) {
        LloydStats s = partial[c];
        s.clear();
        final int from = ChunkRunner.from(c);
        final int to = ChunkRunner.to(c, n);
        final int[] ids = idx[worker];
        for (int start = from; start < to; start += BLOCK) {
            final int m = Math.min(BLOCK, to - start);
            for (int p = 0; p < m; p++) {
                labels[start + p] = -1;
                ids[p] = start + p;
            }
            final double[] t;
            if (blocks != null) {
                t = tile(worker, block(start, m));
            } else {
                gather(worker, m);
                t = xt[worker];
            }
            assign(worker, m, t, centres, s, true, 0);
        }
    }

    /**
     * The tile the distance kernels read for a transposed block: the block itself, or for d < 8 the worker's
     * tile with the block's d columns copied in front of its zero columns.
     */
    private double[] tile(int worker, double[] blk) {
        if (d >= PAD) {
            return blk;
        }
        double[] t = xt[worker];
        System.arraycopy(blk, 0, t, 0, d * BLOCK);
        return t;
    }

    /**
     * Plain Lloyd over all rows: every row is assigned its nearest centre from scratch, no bounds kept. Returns the
     * changes made by the rows that moved (as a bounded pass does; merge them into the totals) and the exact
     * inertia of the new assignment.
     */
    LloydStats plainPass(double[] centres) {
        return plainPass(centres, false, 0);
    }

    /**
     * As {@link #plainPass(double[])}; when {@code bounds} is true it also sets every row's bounds (the distance to
     * its new centre and to the nearest other one, stamped with {@code epoch}), as a bounded pass would, so that
     * bounded passes can follow. The assignments and statistics are the same either way.
     */
    LloydStats plainPass(double[] centres, boolean bounds, int epoch) {
        pad(centres);
        if (blocks == null) {
            blocks = new double[(int) (((long) n + BLOCK - 1) / BLOCK)][];
        }
        runner.run(chunks, (c, worker) -> plainChunk(c, worker, centres, bounds, epoch));
        return merged();
    }

    /**
     * Returns the transposed copy of the block of rows starting at {@code start} (a multiple of {@link #BLOCK}),
     * made on first use: column j of its m rows is {@code [j * BLOCK, j * BLOCK + m)}. Only the chunk holding the
     * block ever touches it, and passes are separated by the runner's barrier.
     */
    private double[] block(int start, int m) {
        int b = start / BLOCK;
        double[] t = blocks[b];
        if (t == null) {
            t = new double[d * BLOCK];
            if (d == 8) {
                for (int p = 0; p < m; p++) {
                    LloydKernels.transposeRow8(x, (start + p) * 8, t, p, BLOCK);
                }
            } else {
                for (int p = 0; p < m; p++) {
                    int o = (start + p) * d;
                    for (int j = 0; j < d; j++) {
                        t[j * BLOCK + p] = x[o + j];
                    }
                }
            }
            blocks[b] = t;
        }
        return t;
    }

    private void plainChunk(int c, int worker, double[] centres, boolean bounds, int epoch) {
        LloydStats s = partial[c];
        s.clear();
        final int from = ChunkRunner.from(c);
        final int to = ChunkRunner.to(c, n);
        if (kernel != null && d == 8 && w == null && !bounds) {
            for (int start = from; start < to; start += BLOCK) {
                block(start, Math.min(BLOCK, to - start));
            }
            kernel.plainChunk8(blocks, from, to, centres, k, ref, labels, s);
            return;
        }
        final double[] dc = dist[worker][0];
        final double[] b1 = best[worker];
        final double[] b2 = second[worker];
        final double[] ld = labd[worker];
        final int dd = d;
        final int kk = k;
        final double[] cp = paddedCentres;
        for (int start = from; start < to; start += BLOCK) {
            final int m = Math.min(BLOCK, to - start);
            final double[] blk = block(start, m);
            final double[] t = tile(worker, blk);
            if (dd <= PAD) {
                LloydKernels.distances8(t, cp, 0, b1, m);
            } else {
                LloydKernels.blockDistances(t, centres, 0, dd, b1, m);
            }
            Arrays.fill(ld, 0, m, 0.0);
            if (bounds) {
                Arrays.fill(b2, 0, m, Double.POSITIVE_INFINITY);
            }
            for (int cc = 1; cc < kk; cc++) {
                if (dd <= PAD) {
                    LloydKernels.distances8(t, cp, cc * PAD, dc, m);
                } else {
                    LloydKernels.blockDistances(t, centres, cc * dd, dd, dc, m);
                }
                if (bounds) {
                    LloydKernels.second(dc, b1, b2, m);
                }
                LloydKernels.nearer(dc, b1, ld, cc, m);
            }
            if (bounds) {
                for (int p = 0; p < m; p++) {
                    upper[start + p] = Math.sqrt(b1[p]);
                    lower[start + p] = Math.sqrt(b2[p]);
                    stamp[start + p] = epoch;
                }
            }
            LloydKernels.settleBlock(blk, start, m, b1, ld, labels, ref, w, s);
        }
        s.computed = (long) (to - from) * kk;
    }

    private void boundedChunk(int c, int worker, double[] centres, int epoch, double[] cumShift, double[] cumDelta,
            double[] half) {
        LloydStats s = partial[c];
        s.clear();
        int from = ChunkRunner.from(c);
        int to = ChunkRunner.to(c, n);
        int[] ids = idx[worker];
        double[] bounds = bnd[worker];
        double[] lows = low[worker];
        final int kk = k;
        final int now = epoch * kk;
        int m = 0;
        long failed = 0;
        for (int i = from; i < to; i++) {
            int a = labels[i];
            int then = stamp[i] * kk + a;
            double u = upper[i] + (cumShift[now + a] - cumShift[then]);
            double l = lower[i] - (cumDelta[now + a] - cumDelta[then]);
            double bound = Math.max(half[a], l);
            // keep the row when its bound fails, without a branch (the outcome is unpredictable on spread data):
            // every row is written at position m and m advances only for the kept ones
            ids[m] = i;
            bounds[m] = bound;
            lows[m] = l;
            m += u > bound ? 1 : 0;
            if (m == BLOCK) {
                failed += m;
                tighten(worker, m, centres, s, epoch);
                m = 0;
            }
        }
        if (m > 0) {
            failed += m;
            tighten(worker, m, centres, s, epoch);
        }
        s.skipped += (to - from - failed) * kk;
    }

    /**
     * For the m rows in idx[worker] whose upper bound failed: recomputes the exact distance to their centre
     * (tightening the upper bound), then gathers those still failing their bound and sends them to {@link #assign}.
     */
    private void tighten(int worker, int m, double[] centres, LloydStats s, int epoch) {
        final int[] ids = idx[worker];
        final double[] bounds = bnd[worker];
        final double[] lows = low[worker];
        final double[] own = best[worker];
        final double[] xs = x;
        final int dd = d;
        for (int p = 0; p < m; p++) {
            int i = ids[p];
            own[p] = LloydKernels.distance2(xs, i * dd, centres, labels[i] * dd, dd);
        }
        for (int p = 0; p < m; p++) {
            own[p] = Math.sqrt(own[p]);
        }
        // keep the rows whose tightened bound still fails, without branches (as in boundedChunk)
        int q = 0;
        for (int p = 0; p < m; p++) {
            int i = ids[p];
            upper[i] = own[p];
            lower[i] = lows[p];
            stamp[i] = epoch;
            ids[q] = i;
            q += own[p] > bounds[p] ? 1 : 0;
        }
        gather(worker, q);
        s.computed += m;
        s.skipped += (long) (m - q) * (k - 1);
        if (q > 0) {
            assign(worker, q, xt[worker], centres, s, false, epoch);
        }
    }

    private void exactChunk(int c, double[] centres) {
        LloydStats s = partial[c];
        s.clear();
        int from = ChunkRunner.from(c);
        int to = ChunkRunner.to(c, n);
        double inertia = 0;
        for (int i = from; i < to; i++) {
            int a = labels[i];
            double d2 = LloydKernels.distance2(x, i * d, centres, a * d, d);
            inertia += w == null ? d2 : w[i] * d2;
            s.counts[a]++;
        }
        s.inertia = inertia;
    }

    /** Copies the m rows in idx[worker] into the transposed block xt[worker]. */
    private void gather(int worker, int m) {
        final int[] ids = idx[worker];
        final double[] t = xt[worker];
        final double[] xs = x;
        final int dd = d;
        if (dd == 8) {
            for (int p = 0; p < m; p++) {
                LloydKernels.transposeRow8(xs, ids[p] * 8, t, p, BLOCK);
            }
            return;
        }
        for (int p = 0; p < m; p++) {
            int b = ids[p] * dd;
            for (int j = 0; j < dd; j++) {
                t[j * BLOCK + p] = xs[b + j];
            }
        }
    }

    /**
     * Computes all k distances for the m rows idx[worker], transposed in the tile t, and assigns them. A full pass
     * adds every row to the statistics; a bounded pass records only the rows that changed centre.
     */
    private void assign(int worker, int m, double[] t, double[] centres, LloydStats s, boolean full, int epoch) {
        final int[] ids = idx[worker];
        final double[][] dk = dist[worker];
        final double[] b1 = best[worker];
        final double[] b2 = second[worker];
        final int[] lab = arg[worker];
        final double[] xs = x;
        final int dd = d;
        distancesToAll(t, centres, dk, m);
        System.arraycopy(dk[0], 0, b1, 0, m);
        Arrays.fill(b2, 0, m, Double.POSITIVE_INFINITY);
        for (int c = 1; c < k; c++) {
            double[] dc = dk[c];
            for (int p = 0; p < m; p++) {
                double v = dc[p];
                double b = b1[p];
                b2[p] = Math.min(b2[p], Math.max(b, v));
                b1[p] = Math.min(b, v);
            }
        }
        LloydKernels.labels(dk, b1, labd[worker], lab, k, m);
        double inertia = 0;
        if (full) {
            if (w == null) {
                for (int p = 0; p < m; p++) {
                    inertia += b1[p];
                }
            } else {
                for (int p = 0; p < m; p++) {
                    inertia += w[ids[p]] * b1[p];
                }
            }
        }
        for (int p = 0; p < m; p++) {
            b1[p] = Math.sqrt(b1[p]);
            b2[p] = Math.sqrt(b2[p]);
        }
        for (int p = 0; p < m; p++) {
            int i = ids[p];
            int a = lab[p];
            upper[i] = b1[p];
            lower[i] = b2[p];
            stamp[i] = epoch;
            int old = labels[i];
            if (full) {
                if (w != null) {
                    s.add(a, xs, i * dd, ref, w[i], 1);
                }
                s.reassigned++;
            } else if (old != a) {
                double wi = w == null ? 1.0 : w[i];
                s.add(old, xs, i * dd, ref, wi, -1);
                s.add(a, xs, i * dd, ref, wi, 1);
                s.reassigned++;
            }
            labels[i] = a;
        }
        if (full && w == null) {
            s.addUnitRows(xs, ids, lab, m, ref, order[worker], bucketEnds[worker]);
        }
        s.inertia += inertia;
        s.computed += (long) m * k;
    }

    /**
     * out[p] = squared distance from row p of the flat block t (8 columns) to the centre at cp[cb..cb+8), summed
     * as {@link #blockDistances} does ({@code ((a0^2 + a1^2) + (a2^2 + a3^2)) + ...}), so the same bits. One loop
     * per pair of columns with constant offsets: the shape the JIT vectorizes (a single loop over all eight columns
     * is too large for it to unroll and is left scalar).
     */
    /** dk[c][p] = squared distance from row p of the block t to centre c, for every centre. */
    private void distancesToAll(double[] t, double[] centres, double[][] dk, int m) {
        if (d <= PAD) {
            final double[] cp = paddedCentres;
            for (int c = 0; c < k; c++) {
                LloydKernels.distances8(t, cp, c * PAD, dk[c], m);
            }
        } else {
            for (int c = 0; c < k; c++) {
                LloydKernels.blockDistances(t, centres, c * d, d, dk[c], m);
            }
        }
    }

    private double[] centresOf(LloydStats t) {
        return t.centres(null, ref);
    }

    /**
     * Re-seeds every empty centre at the row farthest from its own centre (taken from a cluster of at least two
     * rows), as scikit-learn does: that row changes cluster and the totals are corrected. Returns the number of
     * rows moved.
     */
    private int relocateEmpty(LloydStats totals, double[] centres, int epoch) {
        int empty = 0;
        for (int c = 0; c < k; c++) {
            if (totals.counts[c] == 0) {
                empty++;
            }
        }
        if (empty == 0) {
            return 0;
        }
        int want = Math.min(n, empty + k);
        int[] top = new int[want];
        double[] topD = new double[want];
        int size = 0;
        for (int i = 0; i < n; i++) {
            double dist2 = LloydKernels.distance2(x, i * d, centres, labels[i] * d, d);
            if (size < want || dist2 > topD[size - 1]) {
                int pos = size < want ? size++ : size - 1;
                while (pos > 0 && topD[pos - 1] < dist2) {
                    top[pos] = top[pos - 1];
                    topD[pos] = topD[pos - 1];
                    pos--;
                }
                top[pos] = i;
                topD[pos] = dist2;
            }
        }
        int next = 0;
        for (int c = 0; c < k; c++) {
            if (totals.counts[c] != 0) {
                continue;
            }
            int i = -1;
            while (next < size) {
                int cand = top[next++];
                if (totals.counts[labels[cand]] > 1) {
                    i = cand;
                    break;
                }
            }
            if (i < 0) {
                throw new IllegalStateException("no row available to re-seed an empty cluster");
            }
            double wi = w == null ? 1.0 : w[i];
            totals.add(labels[i], x, i * d, ref, wi, -1);
            totals.add(c, x, i * d, ref, wi, 1);
            labels[i] = c;
            upper[i] = Double.POSITIVE_INFINITY;
            lower[i] = 0;
            stamp[i] = epoch;
            LOG.debug("k-means: empty cluster {} re-seeded at row {}", c, i);
        }
        return empty;
    }

    /**
     * Returns the total squared centre shift; fills each centre's movement (for the upper bounds) and the
     * decrement of the lower bounds of its rows (the largest movement of another centre).
     */
    private double shifts(double[] old, double[] updated, double[] shift, double[] delta) {
        double total = 0;
        double max1 = 0;
        double max2 = 0;
        int arg1 = -1;
        for (int c = 0; c < k; c++) {
            double s2 = LloydKernels.distance2(updated, c * d, old, c * d, d);
            total += s2;
            double p = Math.sqrt(s2);
            shift[c] = p;
            if (p > max1) {
                max2 = max1;
                max1 = p;
                arg1 = c;
            } else if (p > max2) {
                max2 = p;
            }
        }
        for (int c = 0; c < k; c++) {
            delta[c] = c == arg1 ? max2 : max1;
        }
        return total;
    }

    /** half[c] = half the distance from centre c to its nearest other centre (+infinity when k = 1). */
    private void halfMinDistances(double[] centres, double[] half) {
        Arrays.fill(half, Double.POSITIVE_INFINITY);
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                double h = 0.5 * Math.sqrt(LloydKernels.distance2(centres, a * d, centres, b * d, d));
                half[a] = Math.min(half[a], h);
                half[b] = Math.min(half[b], h);
            }
        }
    }
}
