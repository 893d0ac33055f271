package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import dev.segmentation.cluster.CovarianceType;
import dev.segmentation.cluster.DegenerateComponent;
import dev.segmentation.cluster.GaussianMixture;
import dev.segmentation.cluster.GaussianMixtureModel;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.CustomerFeatures;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.features.Standardizer;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SparkGaussianMixture against the single-JVM GaussianMixture from the same start. With one chunk (at most
 * 4,096 rows) the fits are bit-identical; with several, the single-JVM fit sums the column moments and the
 * start's statistics row by row and the Spark fit chunk by chunk, so the log-likelihoods per iteration agree to
 * {@link #RELATIVE} (the rounding of those sums, about 1e-16 relative, carried through the iterations), with the
 * same number of iterations. Any partitioning gives the same bits.
 */
class SparkGaussianMixtureTest {
    /** Per-iteration log-likelihood, relative: the chunked moment sums' rounding carried through EM. */
    private static final double RELATIVE = 1e-9;
    private static SparkSession spark;
    /** Standardized RFM, tenure and behaviour features of 3,000 simulated customers (one chunk). */
    private static FeatureMatrix small;
    /** Standardized RFM features of 10,000 simulated customers (three chunks). */
    private static FeatureMatrix large;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("SparkGaussianMixtureTest");
        small = features(3_000, 11, true);
        large = features(10_000, 12, false);
    }

    @AfterAll
    static void stop() {
        SparkTestSession.release(spark);
    }

    private static FeatureMatrix features(int customers, long seed, boolean behaviour) {
        TransactionLog log = RetailSimulator.builder().customers(customers).seed(seed)
                .start(LocalDate.of(2023, 1, 1)).end(LocalDate.of(2024, 6, 30)).build().generate().log();
        CustomerFeatures.Builder b = CustomerFeatures.builder().asOf(LocalDate.of(2024, 7, 1)).rfm();
        if (behaviour) {
            b.tenure().behaviour();
        }
        return standardized(b.build().compute(log).matrix());
    }

    private static FeatureMatrix standardized(FeatureMatrix x) {
        return Standardizer.builder().allColumns().build().fit(x).transform(x);
    }

    /** k rows spread through the matrix, as initial means. */
    private static double[][] start(FeatureMatrix x, int k) {
        double[][] c = new double[k][];
        for (int i = 0; i < k; i++) {
            c[i] = x.row((int) ((long) i * x.rows() / k) + 1, null);
        }
        return c;
    }

    private static GaussianMixtureModel fitInSpark(GaussianMixture trainer, FeatureMatrix x, int partitions) {
        return SparkGaussianMixture.fit(trainer, Matrices.of(spark, x, partitions), Matrices.ID, x.names());
    }

    private static void assertBitIdentical(GaussianMixtureModel e, GaussianMixtureModel a, String what) {
        assertArrayEquals(e.logLikelihoods(), a.logLikelihoods(), what);
        assertArrayEquals(e.weights(), a.weights(), what);
        assertArrayEquals(e.centres(), a.centres(), what);
        assertArrayEquals(e.covariances(), a.covariances(), what);
        assertEquals(e.iterations(), a.iterations(), what);
        assertEquals(e.converged(), a.converged(), what);
        assertEquals(e.degenerateComponents(), a.degenerateComponents(), what);
    }

    private static void assertSameLogLikelihoods(GaussianMixtureModel e, GaussianMixtureModel a) {
        assertEquals(e.iterations(), a.iterations());
        assertEquals(e.converged(), a.converged());
        double[] x = e.logLikelihoods();
        double[] y = a.logLikelihoods();
        assertEquals(x.length, y.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], y[i], Math.abs(x[i]) * RELATIVE, "iteration " + (i + 1));
        }
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void withOneChunkTheFitIsBitIdenticalToTheSingleJvmFitWith1And3And7Partitions(CovarianceType type) {
        GaussianMixture trainer = GaussianMixture.builder().initialMeans(start(small, 4)).covariance(type)
                .tolerance(1e-6).maxIterations(25).build();
        GaussianMixtureModel single = trainer.fit(small);
        assertTrue(single.iterations() > 3, "a fit of several iterations: " + single.iterations());
        for (int partitions : new int[] {1, 3, 7}) {
            assertBitIdentical(single, fitInSpark(trainer, small, partitions), partitions + " partitions");
        }
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void withSeveralChunksTheLogLikelihoodPerIterationIsTheSingleJvmOneAndPartitioningChangesNoBit(
            CovarianceType type) {
        GaussianMixture trainer = GaussianMixture.builder().initialMeans(start(large, 5)).covariance(type)
                .tolerance(1e-6).maxIterations(20).build();
        GaussianMixtureModel single = trainer.fit(large);
        assertTrue(single.iterations() > 3, "a fit of several iterations: " + single.iterations());
        GaussianMixtureModel one = fitInSpark(trainer, large, 1);
        assertSameLogLikelihoods(single, one);
        for (int partitions : new int[] {3, 7}) {
            assertBitIdentical(one, fitInSpark(trainer, large, partitions), partitions + " partitions");
        }
    }

    @Test
    void onlineRetailFitHasTheSingleJvmLogLikelihoodsWith1And3And7Partitions() {
        TransactionLog log = OnlineRetail.log();
        FeatureMatrix x = standardized(CustomerFeatures.builder().asOf(LocalDate.of(2011, 12, 10)).rfm().build()
                .compute(log).matrix());
        assertTrue(x.rows() > 4_096, "several chunks: " + x.rows());
        GaussianMixture trainer = GaussianMixture.builder().initialMeans(start(x, 4)).covariance(CovarianceType.FULL)
                .build();
        GaussianMixtureModel single = trainer.fit(x);
        GaussianMixtureModel first = null;
        for (int partitions : new int[] {1, 3, 7}) {
            GaussianMixtureModel model = fitInSpark(trainer, x, partitions);
            assertSameLogLikelihoods(single, model);
            if (first == null) {
                first = model;
            } else {
                assertBitIdentical(first, model, partitions + " partitions");
            }
        }
    }

    @Test
    void anEmptyComponentIsReSeededAtTheSameRowAsInTheSingleJvm() {
        double[][] means = start(small, 3);
        means[2] = new double[small.columns()];
        java.util.Arrays.fill(means[2], 1e6);
        GaussianMixture trainer = GaussianMixture.builder().initialMeans(means).maxIterations(10).build();
        GaussianMixtureModel single = trainer.fit(small);
        assertTrue(single.degenerateComponents().stream()
                .anyMatch(c -> c.kind() == DegenerateComponent.Kind.RESEEDED), single.degenerateComponents()::toString);
        assertBitIdentical(single, fitInSpark(trainer, small, 3), "3 partitions");
    }

    @Test
    void fromAKMeansStartTheFitRunsSparkKMeansAndReachesTheSingleJvmLogLikelihood() {
        GaussianMixture trainer = GaussianMixture.builder().k(3).covariance(CovarianceType.DIAGONAL).seed(4)
                .build();
        GaussianMixtureModel single = trainer.fit(small);
        GaussianMixtureModel model = fitInSpark(trainer, small, 3);
        assertEquals(3, model.k());
        assertEquals("spark", model.provenance().settings().get("engine"));
        // the start differs (SparkKMeans continues Lloyd from the sample's centres): the same optimum is reached
        assertEquals(single.logLikelihood(), model.logLikelihood(), Math.abs(single.logLikelihood()) * 1e-6);
    }

    @Test
    void everyIterationIsAJobNamedAfterIt() {
        GaussianMixture trainer = GaussianMixture.builder().initialMeans(start(small, 3)).maxIterations(2)
                .tolerance(0).build();
        Dataset<Row> rows = Matrices.of(spark, small, 2);
        JobRecorder jobs = JobRecorder.attach(spark);
        GaussianMixtureModel model = SparkGaussianMixture.fit(trainer, rows, Matrices.ID, small.names());
        assertEquals(2, model.iterations());
        List<String> descriptions = jobs.descriptions();
        assertTrue(descriptions.contains("segments: EM iteration 1")
                && descriptions.contains("segments: EM iteration 2")
                && descriptions.contains("segments: EM final pass")
                && !descriptions.contains("segments: EM iteration 3")
                && descriptions.stream().allMatch(s -> s.startsWith("segments: EM")), descriptions::toString);
    }

    @Test
    void badInputIsNamedAndSchemaErrorsComeBeforeAnyJob() {
        GaussianMixture trainer = GaussianMixture.builder().k(2).build();
        Dataset<Row> rows = Matrices.of(spark, small, 3);
        JobRecorder jobs = JobRecorder.attach(spark);
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> SparkGaussianMixture.fit(trainer, rows.drop("recency"), Matrices.ID, small.names()));
        assertTrue(e.getMessage().startsWith("rows must have the column \"recency\", found [id, frequency"),
                e.getMessage());
        e = assertThrows(InvalidDataException.class, () -> SparkGaussianMixture.fit(trainer,
                rows.withColumn("recency", functions.col("recency").cast("string")), Matrices.ID, small.names()));
        assertEquals("rows column \"recency\" must be numeric, found string", e.getMessage());
        assertEquals(List.of(), jobs.descriptions());
        Dataset<Row> nan = rows.withColumn("frequency", functions.when(functions.col(Matrices.ID)
                .equalTo("r0000017"), Double.NaN).otherwise(functions.col("frequency")));
        e = assertThrows(InvalidDataException.class,
                () -> SparkGaussianMixture.fit(trainer, nan, Matrices.ID, small.names()));
        assertEquals("id r0000017, column frequency: value must be finite, found NaN", e.getMessage());
        e = assertThrows(InvalidDataException.class, () -> SparkGaussianMixture.fit(trainer, rows.limit(0),
                Matrices.ID, small.names()));
        assertEquals("x: rows must be >= 1, found 0", e.getMessage());
        GaussianMixture wide = GaussianMixture.builder().initialMeans(new double[][] {{0, 0}}).build();
        e = assertThrows(InvalidDataException.class, () -> SparkGaussianMixture.fit(wide, rows, Matrices.ID,
                small.names()));
        assertEquals("x: columns must be 2 (the width of initialMeans), found " + small.columns(), e.getMessage());
    }
}
