package dev.segmentation.spark;

import dev.segmentation.InvalidDataException;
import dev.segmentation.churn.LogisticChunks;
import dev.segmentation.churn.LogisticMoments;
import dev.segmentation.churn.LogisticPass;
import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.churn.LogisticRegressionModel;
import dev.segmentation.churn.LogisticStats;
import dev.segmentation.internal.ChunkRunner;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Logistic regression (dense, L2, sample and class weights) fitted in Spark: the trainer's own solvers run on
 * the driver and every data pass runs over partitions as {@link LogisticStats} (loss, gradient sums and Hessian)
 * merged in chunk order; the result is an ordinary {@link LogisticRegressionModel} (standard errors included
 * for unpenalized fits), which {@code ModelJson} saves and the single-JVM scorer loads unchanged.
 *
 * <pre>{@code
 * LogisticRegressionModel model = SparkLogisticRegression.fit(LogisticRegression.builder().l2(1.0).build(),
 *         rows, "customer_id", List.of("recency", "frequency", "monetary"), "churned", null);
 * }</pre>
 *
 * <p><b>Rows.</b> The rows are ordered by the id column (unique; string or integral) and held as fixed chunks of
 * {@link ChunkRunner#CHUNK_ROWS} rows, cached while the fit runs as primitive arrays (a SQL sort; only the few chunks
 * that straddle two sorted partitions are shuffled, as arrays; job
 * {@code churn: logistic regression: prepare rows}, which refuses a NaN, infinite or too large feature, a null or
 * repeated id, naming the id and the column). The schema (columns present and numeric) is checked before any
 * job; the labels (0 or 1) in the first pass ({@code churn: logistic regression: column moments}).
 *
 * <p><b>Passes.</b> {@link LogisticRegression#fit(LogisticChunks, String)} drives the fit: one job per
 * evaluation, described as the solver names it, e.g. {@code churn: Newton iteration 3},
 * {@code churn: Newton iteration 3, step 1/2} (a halved step), {@code churn: Newton warm start iteration 1} (more
 * rows than the trainer's {@code hessianRows}: the warm start on a block subsample), {@code churn: L-BFGS
 * iteration 12}, {@code churn: Newton final Hessian}. Each job returns one small statistic per chunk (about
 * {@code 8 (d + 1)^2} bytes with a Hessian), never rows.
 *
 * <p><b>Equality.</b> Chunks are fixed by row number in id order and merged in chunk order, so the model is
 * bit-identical for any number and order of input partitions. Against the single-JVM {@code fit} of the matrix
 * in id order, the only difference is the chunk size (the single-JVM fit sums chunks of
 * {@value LogisticStats#CHUNK_ROWS} rows): the same iterations and coefficients to the rounding of the sums,
 * about 1e-12 relative (tested at 1e-8).
 *
 * <p><b>Differences from the single-JVM fit.</b> A sample weight must be {@code > 0} (the single-JVM fit also
 * accepts 0); {@code threads} does not apply (Spark's tasks are the parallelism); the model's training row count
 * is capped at {@link Integer#MAX_VALUE} (the provenance holds the exact count and setting
 * {@code engine = spark}).
 *
 * <p>All methods are static and safe for concurrent use. Null is never accepted or returned, except for the
 * optional weight column.
 */
public final class SparkLogisticRegression {
    private static final String STAGE = "churn: logistic regression";

    private SparkLogisticRegression() {
    }

    /**
     * Fits the model.
     *
     * @param trainer the settings (penalty, standardization, solver, iterations, tolerance, class weights,
     *     Hessian rows); not null
     * @param rows the rows; not null
     * @param id the unique id column that orders the rows; not null
     * @param columns the feature columns, in model order, non-empty; not null
     * @param label the label column, numeric with values 0 or 1 and both classes present; not null
     * @param weight the sample weight column (every value {@code > 0} and finite), or null for unit weights
     * @return the fitted model
     * @throws InvalidDataException if a column is missing or not numeric (before any job), a feature is NaN,
     *     infinite or larger than 1e150 in magnitude, an id is null or repeated, a label is not 0 or 1, a
     *     weight is not positive and finite, or as {@link LogisticRegression#fit(LogisticChunks, String)}
     *     (no rows, one class, a constant or dependent column without a penalty)
     */
    public static LogisticRegressionModel fit(LogisticRegression trainer, Dataset<Row> rows, String id,
            List<String> columns, String label, String weight) {
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(label, "label");
        try (FeatureBlocks blocks = FeatureBlocks.of(STAGE, rows, id, columns, label, weight)) {
            return trainer.fit(new Chunks(blocks, id, label), "spark");
        }
    }

    /** The cached chunks as the trainer's source of moments and passes. */
    private static final class Chunks implements LogisticChunks {
        private final FeatureBlocks blocks;
        private final String id;
        private final String label;

        Chunks(FeatureBlocks blocks, String id, String label) {
            this.blocks = blocks;
            this.id = id;
            this.label = label;
        }

        @Override
        public List<String> names() {
            return blocks.names();
        }

        @Override
        public List<LogisticMoments> moments(double negativeWeight, double positiveWeight) {
            List<String> names = blocks.names();
            int d = names.size();
            String idName = id;
            String labelName = label;
            return blocks.map(STAGE + ": column moments", b -> {
                byte[] y = labels(b, idName, labelName);
                double[] rw = LogisticPass.rowWeights(y, b.w, negativeWeight, positiveWeight);
                return LogisticMoments.accumulate(b.x, d, y, b.w, rw, 0, firstRow(b), b.n, names);
            });
        }

        @Override
        public List<LogisticStats> pass(LogisticPass pass) {
            String idName = id;
            String labelName = label;
            return blocks.map("churn: " + pass.description(), b -> {
                byte[] y = labels(b, idName, labelName);
                return LogisticStats.accumulate(pass, b.x, y, pass.rowWeights(y, b.w), 0, firstRow(b), b.n);
            });
        }
    }

    private static long firstRow(FeatureBlocks.Block b) {
        return b.rowsBefore;
    }

    /** The chunk's labels as 0/1 bytes; refuses any other value, naming the row in id order. */
    private static byte[] labels(FeatureBlocks.Block b, String id, String label) {
        byte[] y = new byte[b.n];
        for (int i = 0; i < b.n; i++) {
            double v = b.y[i];
            if (v != 0 && v != 1) {
                long row = firstRow(b) + i;
                throw new InvalidDataException("row " + row + " in " + id + " order, column " + label
                        + ": label must be 0 or 1, found " + v, row, label, null);
            }
            y[i] = (byte) v;
        }
        return y;
    }
}
