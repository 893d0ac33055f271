package dev.segmentation.spark;

import dev.segmentation.InvalidDataException;
import dev.segmentation.Provenance;
import dev.segmentation.cluster.CovarianceType;
import dev.segmentation.cluster.EmParameters;
import dev.segmentation.cluster.EmPasses;
import dev.segmentation.cluster.EmStats;
import dev.segmentation.cluster.GaussianMixture;
import dev.segmentation.cluster.GaussianMixtureModel;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.features.FeatureMatrix;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Gaussian mixtures (full, diagonal or spherical covariances) fitted in Spark: the EM data passes run over
 * partitions as {@link EmStats}, the M-steps on the driver through {@link GaussianMixture#fit(EmPasses)}, so
 * the algorithm is the single-JVM one and the result is an ordinary {@link GaussianMixtureModel}.
 *
 * <pre>{@code
 * GaussianMixtureModel model = SparkGaussianMixture.fit(GaussianMixture.builder().k(4)
 *         .covariance(CovarianceType.DIAGONAL).seed(7).build(), features, "customer_id",
 *         List.of("recency", "frequency", "monetary"));
 * }</pre>
 *
 * <p><b>Rows.</b> As {@link SparkKMeans}: ordered by the unique id column and held as cached fixed chunks of
 * 4,096 rows (job {@code segments: EM: prepare rows}, which refuses a NaN, infinite or
 * too large feature and a null or repeated id, naming the id and the column); the schema is checked before any
 * job, and an empty input is refused ({@code "x: rows must be >= 1, found 0"}).
 *
 * <p><b>Passes.</b> The column means and variances are two jobs ({@code segments: EM: column moments}); every
 * EM iteration is one job ({@code segments: EM iteration 7}) in which each chunk returns
 * {@link EmStats#accumulate} of its rows, merged on the driver in chunk order; a final job
 * ({@code segments: EM final pass}) gives the log-likelihood of the returned parameters. The hard statistics of
 * the start are a job {@code segments: EM: start}; re-seeding an empty component reads its row with a job
 * {@code segments: EM: re-seed row}.
 *
 * <p><b>Equality with the single-JVM fit.</b> Because chunks are fixed by row number and merged in chunk order,
 * the model is bit-identical for any number and order of input partitions. From the same start (given
 * {@link GaussianMixture.Builder#initialMeans}) it is the single-JVM {@link GaussianMixture#fit(FeatureMatrix)}
 * of the matrix in id order: each chunk's statistics come from the same kernel, but the single-JVM fit sums the
 * column moments and the start's hard statistics row by row over all rows, this fit per chunk and then across
 * chunks, so with more than one chunk the two differ by that rounding; the log-likelihoods per iteration agree
 * to 1e-9 relative in the tests (Online Retail RFM and the simulator), with the same number of iterations. With
 * at most one chunk (4,096 rows) the two fits are bit-identical.
 *
 * <p><b>k-means start.</b> Without initial means, each of the {@code nInit} runs starts from
 * {@link SparkKMeans} with the settings the single-JVM fit uses (k, one k-means++ run, tolerance 1e-4, a seed
 * from the trainer's); its k-means++ runs on a sample and its Lloyd iterations continue from the sample's centres
 * on all rows, so the start, and hence the fit, can differ from the single-JVM one (the same quality, not the same
 * bits), and an empty k-means cluster stops the fit with SparkKMeans's error. No distinct-row check is made; the
 * model records no data fingerprint (0). The trainer's {@code threads} setting is not used (Spark runs the
 * tasks).
 *
 * <p>All methods are static and safe for concurrent use. Null is never accepted or returned.
 */
public final class SparkGaussianMixture {
    private static final String STAGE = "segments: EM";

    private SparkGaussianMixture() {
    }

    /**
     * Fits a Gaussian mixture.
     *
     * @param trainer the settings (k, covariance type, regularization, iterations, tolerance, nInit, seed or
     *     initial means); not null
     * @param rows the rows; not null
     * @param id the unique id column (string or integral) that orders the rows; not null
     * @param columns the feature columns, in model order, non-empty; not null
     * @return the fitted model, with provenance setting {@code engine=spark}
     * @throws InvalidDataException if a column is missing or not numeric (before any job), the data hold a NaN,
     *     infinite or too large value or a null or repeated id, there are no rows, or the initial means' width is
     *     not the number of columns
     */
    public static GaussianMixtureModel fit(GaussianMixture trainer, Dataset<Row> rows, String id,
            List<String> columns) {
        Objects.requireNonNull(trainer, "trainer");
        try (FeatureBlocks blocks = FeatureBlocks.of(STAGE, rows, id, columns, null, null)) {
            if (blocks.rows() == 0) {
                throw new InvalidDataException("x: rows must be >= 1, found 0", -1, null, null);
            }
            GaussianMixtureModel model = trainer.fit(new Passes(blocks));
            return model.withProvenance(Provenance.builder(trainer).setting("engine", "spark").rows(blocks.rows())
                    .columns(blocks.names()).iterations(model.iterations(), model.converged())
                    .objectiveHistory(model.logLikelihoods()).build());
        }
    }

    /** The EM passes over the cached chunks, merged in chunk order. */
    private static final class Passes implements EmPasses {
        private final FeatureBlocks blocks;
        private final int d;
        private double[] means;

        Passes(FeatureBlocks blocks) {
            this.blocks = blocks;
            this.d = blocks.names().size();
        }

        @Override
        public List<String> names() {
            return blocks.names();
        }

        @Override
        public long rows() {
            return blocks.rows();
        }

        @Override
        public double[] columnMeans() {
            if (means == null) {
                int width = d;
                double[] sums = new double[width];
                for (double[] s : blocks.map(STAGE + ": column moments", b -> {
                    double[] m = new double[width];
                    for (int i = 0; i < b.n; i++) {
                        for (int j = 0; j < width; j++) {
                            m[j] += b.x[i * width + j];
                        }
                    }
                    return m;
                })) {
                    for (int j = 0; j < width; j++) {
                        sums[j] += s[j];
                    }
                }
                for (int j = 0; j < width; j++) {
                    sums[j] /= blocks.rows();
                }
                means = sums;
            }
            return means.clone();
        }

        @Override
        public double[] columnVariances() {
            double[] mean = columnMeans();
            int width = d;
            double[] var = new double[width];
            for (double[] s : blocks.map(STAGE + ": column moments", b -> {
                double[] q = new double[width];
                for (int i = 0; i < b.n; i++) {
                    for (int j = 0; j < width; j++) {
                        double t = b.x[i * width + j] - mean[j];
                        q[j] += t * t;
                    }
                }
                return q;
            })) {
                for (int j = 0; j < width; j++) {
                    var[j] += s[j];
                }
            }
            for (int j = 0; j < width; j++) {
                var[j] /= blocks.rows();
            }
            return var;
        }

        @Override
        public KMeansModel kMeans(KMeans trainer) {
            return SparkKMeans.fit(trainer, blocks);
        }

        @Override
        public EmStats hard(double[] centres, int k, CovarianceType type) {
            EmStats total = EmStats.empty(k, d, type);
            for (EmStats s : blocks.map(STAGE + ": start", b -> EmStats.hard(b.x, b.n, centres, k, type))) {
                total.merge(s);
            }
            return total;
        }

        @Override
        public EmStats pass(EmParameters parameters) {
            String description = parameters.statistics() ? STAGE + " iteration " + parameters.iteration()
                    : STAGE + " final pass";
            EmStats total = EmStats.empty(parameters.k(), d, parameters.covarianceType());
            for (EmStats s : blocks.map(description, b -> EmStats.accumulate(parameters, b.x, b.n,
                    b.rowsBefore))) {
                total.merge(s);
            }
            return total;
        }

        @Override
        public double[] row(long index) {
            int width = d;
            for (double[] r : blocks.map(STAGE + ": re-seed row", b -> {
                long first = b.rowsBefore;
                if (index < first || index >= first + b.n) {
                    return new double[0];
                }
                int o = (int) (index - first) * width;
                return java.util.Arrays.copyOfRange(b.x, o, o + width);
            })) {
                if (r.length == width) {
                    return r;
                }
            }
            throw new IllegalStateException("row " + index + " not found among " + blocks.rows() + " rows");
        }
    }
}
