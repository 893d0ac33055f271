package dev.segmentation.churn;

import dev.segmentation.internal.ChunkRunner;
import java.util.Arrays;

/**
 * The weighted logistic loss over sparse CSR rows (the other {@link LogisticLoss} design besides the dense
 * {@link LogisticObjective}): loss, gradient, per-row curvature and Hessian-vector products. Products
 * {@code X v} run over fixed chunks of {@value #CHUNK_ROWS} rows, products {@code X^T u} over a transposed
 * (CSC) copy, each column summed in row order; the loss is summed per row chunk and merged in chunk order. So
 * any thread count gives bit-identical results, and no pass allocates a q-sized array per chunk. The Hessian is
 * never formed: a product costs O(nnz + n + q).
 *
 * <p>Columns are not centred (that would make the rows dense) and not scaled; coefficient 0 is the intercept
 * (an implicit column of ones), coefficient {@code 1 + c} belongs to compact column {@code c}. With
 * {@code eta_i = b + sum_k x_ik beta_k}, {@code p_i = 1 / (1 + exp(-eta_i))}: loss
 * {@code sum_i w_i [log(1 + exp(eta_i)) - y_i eta_i]}, gradient {@code sum_i w_i (p_i - y_i) (1, x_i)},
 * Hessian {@code sum_i w_i p_i (1 - p_i) (1, x_i)(1, x_i)^T} (McCullagh and Nelder 1989, section 4.4).
 */
public final class SparseLogisticObjective extends LogisticLoss.CurvatureLoss {
    /** Rows per chunk of the row-wise passes (linear predictors, loss): the unit of work and of reduction. */
    static final int CHUNK_ROWS = 4096;
    /** Columns per chunk of the column-wise passes ({@code X^T u}). */
    static final int CHUNK_COLUMNS = 16_384;

    private final int n;
    private final int[] rowStart;
    private final int[] index;
    private final double[] value;
    private final int[] colStart;
    private final int[] colRow;
    private final double[] colValue;
    private final byte[] y;
    private final double[] w;
    private final int chunks;
    private final int columnChunks;

    /**
     * Keeps the CSR rows and builds their transpose (CSC, rows increasing within a column) by a counting sort.
     *
     * @param n rows
     * @param columns compact columns (q = columns + 1)
     * @param rowStart CSR offsets, length n + 1; kept, not copied
     * @param index compact column of each stored value; kept
     * @param value the values; kept
     * @param y labels 0 or 1; kept
     * @param w row weights or null for 1; kept
     */
    SparseLogisticObjective(int n, int columns, int[] rowStart, int[] index, double[] value, byte[] y,
            double[] w) {
        super(columns + 1, n, y, w);
        this.n = n;
        this.rowStart = rowStart;
        this.index = index;
        this.value = value;
        this.y = y;
        this.w = w;
        this.chunks = (int) (((long) n + CHUNK_ROWS - 1) / CHUNK_ROWS);
        this.columnChunks = (int) (((long) columns + CHUNK_COLUMNS - 1) / CHUNK_COLUMNS);
        int nnz = index.length;
        colStart = new int[columns + 1];
        for (int k = 0; k < nnz; k++) {
            colStart[index[k] + 1]++;
        }
        for (int c = 0; c < columns; c++) {
            colStart[c + 1] += colStart[c];
        }
        int[] fill = Arrays.copyOf(colStart, columns);
        colRow = new int[nnz];
        colValue = new double[nnz];
        for (int i = 0; i < n; i++) {
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                int at = fill[index[k]]++;
                colRow[at] = i;
                colValue[at] = value[k];
            }
        }
    }

    /** {@code (1, x_i) . theta} for every row, row chunks writing disjoint ranges. */
    private double[] times(double[] theta, ChunkRunner runner) {
        double[] eta = new double[n];
        LogisticObjective.runChunks(chunks, runner, c -> {
            for (int i = c * CHUNK_ROWS, to = (int) Math.min(n, (long) i + CHUNK_ROWS); i < to; i++) {
                double e = theta[0];
                for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++) {
                    e += value[k] * theta[1 + index[k]];
                }
                eta[i] = e;
            }
            return null;
        }, Object[]::new);
        return eta;
    }

    /**
     * {@code (1, X)^T u}: entry 0 is {@code sum_i u_i}, entry {@code 1 + c} the sum over column c's rows, each
     * summed in row order by one task (column chunks write disjoint ranges), so the result does not depend
     * on the thread count. The same sums as merging the row chunks' partial products {@code X_r^T u_r}.
     */
    private double[] transposeTimes(double[] u, ChunkRunner runner) {
        double[] out = new double[q];
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += u[i];
        }
        out[0] = s;
        LogisticObjective.runChunks(columnChunks, runner, c -> {
            for (int j = c * CHUNK_COLUMNS, to = (int) Math.min(q - 1, (long) j + CHUNK_COLUMNS); j < to; j++) {
                double t = 0;
                for (int k = colStart[j], end = colStart[j + 1]; k < end; k++) {
                    t += colValue[k] * u[colRow[k]];
                }
                out[1 + j] = t;
            }
            return null;
        }, Object[]::new);
        return out;
    }

    /** Loss and gradient only: {@code pass.lossStride} must be 1 and no Hessian is formed. */
    @Override
    LogisticObjective.Result evaluate(LogisticObjective.Pass pass, ChunkRunner runner) {
        if (pass.lossStride != 1 || pass.hessStride != 0) {
            throw new IllegalArgumentException("sparse designs evaluate every row and never form the Hessian");
        }
        double[] eta = times(pass.theta, runner);
        double[] residual = new double[n];
        Double[] parts = LogisticObjective.runChunks(chunks, runner, c -> {
            double loss = 0;
            for (int i = c * CHUNK_ROWS, to = (int) Math.min(n, (long) i + CHUNK_ROWS); i < to; i++) {
                double wi = w == null ? 1.0 : w[i];
                double e = eta[i];
                double ex = Math.exp(-Math.abs(e));
                double yi = y[i];
                // softplus(e) - y e without overflow; log1p keeps full precision for small ex
                loss += wi * (Math.max(e, 0) + Math.log1p(ex) - yi * e);
                residual[i] = wi * ((e >= 0 ? 1 : ex) / (1 + ex) - yi);
            }
            return loss;
        }, Double[]::new);
        double loss = 0;
        for (Double part : parts) {
            loss += part;
        }
        return new LogisticObjective.Result(loss, transposeTimes(residual, runner), null, 0, 0);
    }

    @Override
    double[] curvature(double[] theta, ChunkRunner runner) {
        double[] out = times(theta, runner);
        for (int i = 0; i < n; i++) {
            double ex = Math.exp(-Math.abs(out[i]));
            double inv = 1 / (1 + ex);
            out[i] = (w == null ? 1.0 : w[i]) * ex * inv * inv;
        }
        return out;
    }

    @Override
    double[] hessianTimes(double[] curvature, double[] v, ChunkRunner runner) {
        double[] u = times(v, runner);
        for (int i = 0; i < n; i++) {
            u[i] *= curvature[i];
        }
        return transposeTimes(u, runner);
    }

    @Override
    double[] hessianDiagonal(double[] curvature, ChunkRunner runner) {
        double[] out = new double[q];
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += curvature[i];
        }
        out[0] = s;
        for (int j = 0; j + 1 < q; j++) {
            double t = 0;
            for (int k = colStart[j]; k < colStart[j + 1]; k++) {
                t += curvature[colRow[k]] * colValue[k] * colValue[k];
            }
            out[1 + j] = t;
        }
        return out;
    }
}
