package dev.segmentation.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lloyd's algorithm accelerated with Hamerly's bounds (Hamerly 2010, "Making k-means even faster", SIAM SDM).
 *
 * <p>Per row the engine keeps its centre and a lower bound on the distance to the second-closest centre. In
 * each pass the exact distance to the assigned centre is computed (it is needed anyway for the inertia and the
 * centre sums); when it does not exceed {@code max(lower bound, half the distance from that centre to the
 * nearest other centre)} the assignment cannot change and the other k - 1 distances are skipped. Other rows are
 * gathered in blocks, transposed, and their distances to all centres computed column-wise (loops the JIT
 * vectorizes). After the update step the lower bounds drop by the largest centre movement (the second largest
 * for rows of the centre that moved most).
 *
 * <p>Each pass runs over fixed chunks and produces one {@link LloydStats} per chunk, merged in chunk order; the
 * update step uses only the merged statistics.
 */
final class Lloyd {
    private static final Logger LOG = LoggerFactory.getLogger(KMeans.class);
    /** Rows per transposed block. */
    static final int BLOCK = 256;

    private final double[] x;
    private final int n;
    private final int d;
    private final int k;
    private final double[] w;
    private final ChunkRunner runner;
    private final int chunks;
    final int[] labels;
    final double[] lower;
    private final LloydStats[] partial;
    private final double[][][] xt;
    private final double[][][] dist;
    private final int[][] idx;
    private final double[][] best;
    private final double[][] second;
    private final int[][] arg;

    Lloyd(double[] x, int n, int d, int k, double[] w, ChunkRunner runner) {
        this.x = x;
        this.n = n;
        this.d = d;
        this.k = k;
        this.w = w;
        this.runner = runner;
        this.chunks = ChunkRunner.chunks(n);
        this.labels = new int[n];
        this.lower = new double[n];
        this.partial = new LloydStats[chunks];
        for (int c = 0; c < chunks; c++) {
            partial[c] = new LloydStats(k, d);
        }
        int workers = runner.workers();
        this.xt = new double[workers][d][BLOCK];
        this.dist = new double[workers][k][BLOCK];
        this.idx = new int[workers][BLOCK];
        this.best = new double[workers][BLOCK];
        this.second = new double[workers][BLOCK];
        this.arg = new int[workers][BLOCK];
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
        double[] delta = new double[k];
        double[] half = new double[k];
        List<LloydIteration> history = new ArrayList<>();
        boolean strict = false;
        boolean converged = false;
        int it = 0;
        LloydStats stats = null;
        while (it < maxIterations) {
            it++;
            halfMinDistances(centres, half);
            stats = pass(centres, it == 1, delta, half);
            double[] updated = new double[k * d];
            int relocated = update(stats, centres, updated);
            double shift = shifts(centres, updated, delta);
            long reassigned = stats.reassigned + relocated;
            history.add(new LloydIteration(it, stats.inertia, shift, reassigned, stats.computed, stats.skipped));
            if (LOG.isDebugEnabled()) {
                LOG.debug("k-means iteration {}: inertia {}, centre shift {}, reassigned {}, distances computed {},"
                        + " skipped {}", it, stats.inertia, shift, reassigned, stats.computed, stats.skipped);
            }
            if (it > 1 && reassigned == 0) {
                strict = true;
                converged = true;
                break;
            }
            centres = updated;
            if (shift <= toleranceAbs) {
                converged = true;
                break;
            }
        }
        if (!strict) {
            halfMinDistances(centres, half);
            stats = pass(centres, false, delta, half);
        }
        return new Result(centres, stats.inertia, it, converged, stats.counts.clone(), List.copyOf(history));
    }

    /** Assigns every row given the centres; returns the merged statistics. */
    LloydStats pass(double[] centres, boolean first, double[] delta, double[] half) {
        runner.run(chunks, (c, worker) -> chunk(c, worker, centres, first, delta, half));
        LloydStats total = new LloydStats(k, d);
        for (LloydStats s : partial) {
            total.merge(s);
        }
        return total;
    }

    private void chunk(int c, int worker, double[] centres, boolean first, double[] delta, double[] half) {
        LloydStats s = partial[c];
        s.clear();
        int from = ChunkRunner.from(c);
        int to = ChunkRunner.to(c, n);
        int[] ids = idx[worker];
        int m = 0;
        if (first) {
            for (int i = from; i < to; i++) {
                labels[i] = -1;
                ids[m++] = i;
                if (m == BLOCK) {
                    block(worker, m, centres, s);
                    m = 0;
                }
            }
        } else {
            final double[] xs = x;
            final int dd = d;
            for (int i = from; i < to; i++) {
                int a = labels[i];
                int o = i * dd;
                int cb = a * dd;
                double own = distance2(xs, o, centres, cb, dd);
                double l = lower[i] - delta[a];
                double bound = Math.max(half[a], l);
                if (own <= bound * bound) {
                    lower[i] = l;
                    accumulate(s, i, a, own);
                    s.skipped += k - 1;
                    s.computed++;
                } else {
                    s.computed++;
                    ids[m++] = i;
                    if (m == BLOCK) {
                        block(worker, m, centres, s);
                        m = 0;
                    }
                }
            }
        }
        if (m > 0) {
            block(worker, m, centres, s);
        }
    }

    /** Computes all k distances for the m rows in idx[worker], assigns them and accumulates. */
    private void block(int worker, int m, double[] centres, LloydStats s) {
        final int[] ids = idx[worker];
        final double[][] t = xt[worker];
        final double[][] dk = dist[worker];
        final double[] b1 = best[worker];
        final double[] b2 = second[worker];
        final int[] lab = arg[worker];
        final double[] xs = x;
        final int dd = d;
        for (int j = 0; j < dd; j++) {
            double[] tj = t[j];
            for (int p = 0; p < m; p++) {
                tj[p] = xs[ids[p] * dd + j];
            }
        }
        for (int c = 0; c < k; c++) {
            blockDistances(t, centres, c * dd, dd, dk[c], m);
        }
        double[] d0 = dk[0];
        System.arraycopy(d0, 0, b1, 0, m);
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
        Arrays.fill(lab, 0, m, 0);
        for (int c = k - 1; c > 0; c--) {
            double[] dc = dk[c];
            for (int p = 0; p < m; p++) {
                lab[p] = dc[p] == b1[p] ? c : lab[p];
            }
        }
        for (int p = 0; p < m; p++) {
            int i = ids[p];
            int a = lab[p];
            if (labels[i] != a) {
                s.reassigned++;
                labels[i] = a;
            }
            lower[i] = Math.sqrt(b2[p]);
            accumulate(s, i, a, b1[p]);
        }
        s.computed += (long) m * k;
    }

    /** out[p] = squared distance from transposed row p to centre at centres[cb..cb+d). */
    private static void blockDistances(double[][] t, double[] centres, int cb, int d, double[] out, int m) {
        int j;
        if (d >= 2) {
            double[] x0 = t[0];
            double[] x1 = t[1];
            double c0 = centres[cb];
            double c1 = centres[cb + 1];
            for (int p = 0; p < m; p++) {
                double a = x0[p] - c0;
                double b = x1[p] - c1;
                out[p] = a * a + b * b;
            }
            j = 2;
        } else {
            double[] x0 = t[0];
            double c0 = centres[cb];
            for (int p = 0; p < m; p++) {
                double a = x0[p] - c0;
                out[p] = a * a;
            }
            j = 1;
        }
        for (; j + 2 <= d; j += 2) {
            double[] x0 = t[j];
            double[] x1 = t[j + 1];
            double c0 = centres[cb + j];
            double c1 = centres[cb + j + 1];
            for (int p = 0; p < m; p++) {
                double a = x0[p] - c0;
                double b = x1[p] - c1;
                out[p] += a * a + b * b;
            }
        }
        if (j < d) {
            double[] x0 = t[j];
            double c0 = centres[cb + j];
            for (int p = 0; p < m; p++) {
                double a = x0[p] - c0;
                out[p] += a * a;
            }
        }
    }

    /** Squared distance between a[ao..ao+d) and b[bo..bo+d), unrolled by four with two accumulators. */
    static double distance2(double[] a, int ao, double[] b, int bo, int d) {
        double s0 = 0;
        double s1 = 0;
        int j = 0;
        for (; j + 4 <= d; j += 4) {
            double t0 = a[ao + j] - b[bo + j];
            double t1 = a[ao + j + 1] - b[bo + j + 1];
            double t2 = a[ao + j + 2] - b[bo + j + 2];
            double t3 = a[ao + j + 3] - b[bo + j + 3];
            s0 += t0 * t0 + t2 * t2;
            s1 += t1 * t1 + t3 * t3;
        }
        for (; j < d; j++) {
            double t = a[ao + j] - b[bo + j];
            s0 += t * t;
        }
        return s0 + s1;
    }

    /** sums[so..so+d) += a[ao..ao+d), unrolled by four. */
    static void add(double[] sums, int so, double[] a, int ao, int d) {
        int j = 0;
        for (; j + 4 <= d; j += 4) {
            sums[so + j] += a[ao + j];
            sums[so + j + 1] += a[ao + j + 1];
            sums[so + j + 2] += a[ao + j + 2];
            sums[so + j + 3] += a[ao + j + 3];
        }
        for (; j < d; j++) {
            sums[so + j] += a[ao + j];
        }
    }

    private void accumulate(LloydStats s, int i, int a, double d2) {
        double wi = w == null ? 1.0 : w[i];
        int o = i * d;
        int cb = a * d;
        double[] sums = s.sums;
        if (w == null) {
            add(sums, cb, x, o, d);
        } else {
            for (int j = 0; j < d; j++) {
                sums[cb + j] += wi * x[o + j];
            }
        }
        s.weights[a] += wi;
        s.counts[a]++;
        s.inertia += wi * d2;
    }

    /**
     * The update step: centres = weighted means of their rows. An empty centre is moved onto the row farthest
     * from its own centre (taken from a cluster of at least two rows), as scikit-learn does; that row changes
     * cluster, and the sums, weights and counts are corrected. Returns the number of rows relocated.
     */
    private int update(LloydStats s, double[] old, double[] out) {
        int empty = 0;
        for (int c = 0; c < k; c++) {
            if (s.counts[c] == 0) {
                empty++;
            }
        }
        if (empty > 0) {
            relocate(s, old, empty);
        }
        for (int c = 0; c < k; c++) {
            double inv = 1.0 / s.weights[c];
            int cb = c * d;
            for (int j = 0; j < d; j++) {
                out[cb + j] = s.sums[cb + j] * inv;
            }
        }
        return empty;
    }

    private void relocate(LloydStats s, double[] old, int empty) {
        // rank rows by squared distance to their (old-position) centre, farthest first, ties by row index
        int want = Math.min(n, empty + k);
        int[] top = new int[want];
        double[] topD = new double[want];
        int size = 0;
        for (int i = 0; i < n; i++) {
            int o = i * d;
            int cb = labels[i] * d;
            double dist2 = 0;
            for (int j = 0; j < d; j++) {
                double t = x[o + j] - old[cb + j];
                dist2 += t * t;
            }
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
            if (s.counts[c] != 0) {
                continue;
            }
            int i = -1;
            while (next < size) {
                int cand = top[next++];
                if (s.counts[labels[cand]] > 1) {
                    i = cand;
                    break;
                }
            }
            if (i < 0) {
                throw new IllegalStateException("no row available to re-seed an empty cluster");
            }
            int from = labels[i];
            double wi = w == null ? 1.0 : w[i];
            int o = i * d;
            for (int j = 0; j < d; j++) {
                s.sums[from * d + j] -= wi * x[o + j];
                s.sums[c * d + j] = wi * x[o + j];
            }
            s.weights[from] -= wi;
            s.counts[from]--;
            s.weights[c] = wi;
            s.counts[c] = 1;
            labels[i] = c;
            lower[i] = 0;
            LOG.debug("k-means: empty cluster {} re-seeded at row {}", c, i);
        }
    }

    /** Returns the total squared centre shift and fills the per-row lower-bound decrements. */
    private double shifts(double[] old, double[] updated, double[] delta) {
        double total = 0;
        double max1 = 0;
        double max2 = 0;
        int arg1 = -1;
        for (int c = 0; c < k; c++) {
            int cb = c * d;
            double s2 = 0;
            for (int j = 0; j < d; j++) {
                double t = updated[cb + j] - old[cb + j];
                s2 += t * t;
            }
            total += s2;
            double p = Math.sqrt(s2);
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
                double s2 = 0;
                for (int j = 0; j < d; j++) {
                    double t = centres[a * d + j] - centres[b * d + j];
                    s2 += t * t;
                }
                double h = 0.5 * Math.sqrt(s2);
                half[a] = Math.min(half[a], h);
                half[b] = Math.min(half[b], h);
            }
        }
    }
}
