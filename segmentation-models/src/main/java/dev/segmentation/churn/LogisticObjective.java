package dev.segmentation.churn;

import dev.segmentation.internal.ChunkRunner;
import java.util.Arrays;
import java.util.List;

/**
 * The weighted logistic loss, its gradient and (optionally) its Hessian, as sums over fixed chunks of rows:
 * the accumulate/merge seam of the design notes, made public as {@link LogisticStats} (per pass) and
 * {@link LogisticMoments} (standardization). Works in internally standardized coordinates
 * {@code z_ij = (x_ij - mu_j) / sd_j} (with a leading 1 for the intercept) without copying the data: rows
 * that enter the Hessian are standardized in blocks of {@value #BLOCK} into a small cache-resident buffer.
 *
 * <p>For coefficients {@code theta} (standardized coordinates, intercept first) and row weights
 * {@code w_i}, with {@code eta_i = theta . z_i} and {@code p_i = 1 / (1 + exp(-eta_i))}:
 * loss {@code = sum_i w_i [log(1 + exp(eta_i)) - y_i eta_i]}, gradient {@code = sum_i w_i (p_i - y_i) z_i},
 * Hessian {@code = sum_i w_i p_i (1 - p_i) z_i z_i^T} (McCullagh and Nelder 1989, section 4.4).
 *
 * <p>The rows are either in this JVM (chunks of {@value #CHUNK_ROWS} rows run by the chunk runner) or held by
 * a {@link LogisticChunks} source that computes the same per-chunk statistics elsewhere. Chunk boundaries
 * depend only on the row count (or on the source), and chunk results are merged in chunk order, so a pass
 * gives bit-identical sums with any number of threads.
 */
final class LogisticObjective extends LogisticLoss {
    /** Rows per chunk: the unit of work and of deterministic reduction. */
    static final int CHUNK_ROWS = LogisticStats.CHUNK_ROWS;
    /** Rows per standardized scratch block (fits in L1 with its scaled copy for d up to about 40). */
    static final int BLOCK = LogisticStats.BLOCK;
    /** A fitted probability this close to its label marks a row as perfectly fitted (separation check). */
    static final double EXTREME = LogisticStats.EXTREME;

    /** The rows, capped at {@link Integer#MAX_VALUE} for a remote source. */
    final int n;
    /** The rows. */
    final long rows;
    final int p;
    private final double[] x;
    private final byte[] y;
    private final double[] w;
    final double[] mu;
    final double[] invSd;
    final boolean[] constant;
    private final int chunks;
    private final LogisticChunks remote;
    private final double negativeWeight;
    private final double positiveClassWeight;

    /** What one pass computes. */
    static final class Pass {
        final double[] theta;
        final int lossStride;
        final int hessStride;
        final double[] shift;
        final String description;

        /**
         * @param theta coefficients in standardized coordinates, length q
         * @param lossStride loss and gradient use the blocks of {@value #BLOCK} rows whose index
         *     {@code i / BLOCK} is a multiple of lossStride, scaled by the stride
         * @param hessStride 0 for no Hessian, else the blocks whose index is a multiple of hessStride (itself a
         *     multiple of lossStride), scaled by the stride
         * @param shift a coefficient step for the separation diagnostic, or null
         * @param description what the pass is for (logs, job descriptions)
         */
        Pass(double[] theta, int lossStride, int hessStride, double[] shift, String description) {
            this.theta = theta;
            this.lossStride = lossStride;
            this.hessStride = hessStride;
            this.shift = shift;
            this.description = description;
        }
    }

    /** The result of a pass: loss, gradient and Hessian (full symmetric q x q, row-major) or null. */
    static final class Result {
        final double loss;
        final double[] grad;
        final double[] hess;
        final long extremeRows;
        final double maxExtremeShift;

        Result(double loss, double[] grad, double[] hess, long extremeRows, double maxExtremeShift) {
            this.loss = loss;
            this.grad = grad;
            this.hess = hess;
            this.extremeRows = extremeRows;
            this.maxExtremeShift = maxExtremeShift;
        }
    }

    /**
     * Computes the standardization statistics (weighted by the sample weights) in one chunked pass and checks
     * that every value is finite.
     */
    LogisticObjective(double[] x, int n, int p, byte[] y, double[] rowWeights, double[] sampleWeights,
            String[] names, ChunkRunner runner) {
        super(p + 1, n, y, rowWeights);
        this.x = x;
        this.n = n;
        this.rows = n;
        this.p = p;
        this.y = y;
        this.w = rowWeights;
        this.remote = null;
        this.negativeWeight = 1;
        this.positiveClassWeight = 1;
        this.chunks = (int) (((long) n + CHUNK_ROWS - 1) / CHUNK_ROWS);
        this.mu = new double[p];
        this.invSd = new double[p];
        this.constant = new boolean[p];
        List<String> nameList = Arrays.asList(names);
        LogisticMoments[] parts = run(runner, c -> {
            int from = c * CHUNK_ROWS;
            int to = (int) Math.min(n, (long) from + CHUNK_ROWS);
            return LogisticMoments.accumulate(x, p, y, sampleWeights, rowWeights, from, from, to - from, nameList);
        }, LogisticMoments[]::new);
        standardization(parts);
    }

    /**
     * The objective of rows held by a source: the moments come from {@link LogisticChunks#moments} (merged in
     * chunk order), every pass from {@link LogisticChunks#pass}.
     */
    LogisticObjective(LogisticChunks source, double negativeWeight, double positiveWeight) {
        this(source, source.moments(negativeWeight, positiveWeight), negativeWeight, positiveWeight);
    }

    private LogisticObjective(LogisticChunks source, List<LogisticMoments> parts, double negativeWeight,
            double positiveWeight) {
        super(source.names().size() + 1, total(parts));
        this.x = null;
        this.y = null;
        this.w = null;
        this.remote = source;
        this.negativeWeight = negativeWeight;
        this.positiveClassWeight = positiveWeight;
        this.p = source.names().size();
        long count = 0;
        for (LogisticMoments m : parts) {
            count += m.rows;
        }
        this.rows = count;
        this.n = (int) Math.min(count, Integer.MAX_VALUE);
        this.chunks = parts.size();
        this.mu = new double[p];
        this.invSd = new double[p];
        this.constant = new boolean[p];
        standardization(parts.toArray(new LogisticMoments[0]));
    }

    private static LogisticMoments total(List<LogisticMoments> parts) {
        LogisticMoments t = LogisticMoments.empty(parts.isEmpty() ? 1 : parts.get(0).mean.length);
        for (LogisticMoments m : parts) {
            t.rowWeight += m.rowWeight;
            t.positiveRowWeight += m.positiveRowWeight;
        }
        return t;
    }

    /** Merges the chunks' moments in chunk order (Chan, Golub and LeVeque 1979) into mu, invSd, constant. */
    private void standardization(LogisticMoments[] parts) {
        double wsum = 0;
        double[] m2 = new double[p];
        for (LogisticMoments part : parts) {
            double wc = part.weight;
            if (wc == 0) {
                continue;
            }
            double total = wsum + wc;
            for (int j = 0; j < p; j++) {
                double delta = part.mean[j] - mu[j];
                mu[j] += delta * wc / total;
                m2[j] += part.m2[j] + delta * delta * wsum * wc / total;
            }
            wsum = total;
        }
        for (int j = 0; j < p; j++) {
            double var = m2[j] / wsum;
            double sd = Math.sqrt(var);
            // A column is constant when its spread is at rounding level relative to its magnitude.
            constant[j] = !(sd > 1e-13 * Math.max(1.0, Math.abs(mu[j])));
            invSd[j] = constant[j] ? 1.0 : 1.0 / sd;
        }
    }

    /** Runs one pass over all chunks and merges the chunk statistics in chunk order. */
    @Override
    Result evaluate(Pass pass, ChunkRunner runner) {
        boolean hessian = pass.hessStride > 0;
        LogisticPass lp = new LogisticPass(pass.theta, mu, invSd, pass.lossStride, pass.hessStride, pass.shift,
                negativeWeight, positiveClassWeight, pass.description);
        LogisticStats total = new LogisticStats(q, hessian);
        if (remote != null) {
            for (LogisticStats s : remote.pass(lp)) {
                total.merge(s);
            }
        } else {
            LogisticStats[] parts = run(runner, c -> {
                int from = c * CHUNK_ROWS;
                int to = (int) Math.min(n, (long) from + CHUNK_ROWS);
                return LogisticStats.accumulate(lp, x, y, w, from, from, to - from);
            }, LogisticStats[]::new);
            for (LogisticStats s : parts) {
                total.merge(s);
            }
        }
        int qp = total.qp;
        double loss = total.loss * pass.lossStride;
        double[] raw = total.grad;
        double[] grad = new double[q];
        grad[0] = raw[0] * pass.lossStride;
        for (int j = 0; j < p; j++) {
            // a constant column is all zeros once centred
            grad[j + 1] = constant[j] ? 0 : (raw[j + 1] - mu[j] * raw[0]) * invSd[j] * pass.lossStride;
        }
        double[] h = null;
        if (hessian) {
            h = new double[q * q];
            for (int j = 0; j < q; j++) {
                for (int k = 0; k <= j; k++) {
                    double v = total.hess[j * qp + k] * pass.hessStride;
                    h[j * q + k] = v;
                    h[k * q + j] = v;
                }
            }
        }
        return new Result(loss, grad, h, total.extremeRows, total.maxExtremeShift);
    }

    /** A chunk task. */
    interface ChunkTask<T> {
        T apply(int chunk);
    }

    /** Runs a task on every chunk of this objective ({@link #runChunks}). */
    private <T> T[] run(ChunkRunner runner, ChunkTask<T> task,
            java.util.function.IntFunction<T[]> array) {
        return runChunks(chunks, runner, task, array);
    }

    /**
     * Runs a task on chunks {@code 0 .. chunks - 1} through the library's one chunk runner; results are stored by
     * chunk index, so their order never depends on scheduling. Shared by every {@link LogisticLoss}.
     */
    static <T> T[] runChunks(int chunks, ChunkRunner runner, ChunkTask<T> task,
            java.util.function.IntFunction<T[]> array) {
        T[] out = array.apply(chunks);
        runner.run(chunks, (c, w) -> out[c] = task.apply(c));
        return out;
    }
}
