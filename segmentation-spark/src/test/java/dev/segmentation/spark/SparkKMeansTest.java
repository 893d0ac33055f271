package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.cluster.LloydIteration;
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
import org.junit.jupiter.params.provider.ValueSource;

class SparkKMeansTest {
    private static SparkSession spark;
    /** Standardized RFM, tenure and behaviour features of 3,000 simulated customers. */
    private static FeatureMatrix simulated;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("SparkKMeansTest");
        TransactionLog log = RetailSimulator.builder().customers(3_000).seed(11).start(LocalDate.of(2023, 1, 1))
                .end(LocalDate.of(2024, 6, 30)).build().generate().log();
        simulated = standardized(CustomerFeatures.builder().asOf(LocalDate.of(2024, 7, 1)).rfm().tenure()
                .behaviour().build().compute(log).matrix());
    }

    @AfterAll
    static void stop() {
        SparkTestSession.release(spark);
    }

    private static FeatureMatrix standardized(FeatureMatrix x) {
        return Standardizer.builder().allColumns().build().fit(x).transform(x);
    }

    /** k rows spread through the matrix, as starting centres. */
    private static double[][] start(FeatureMatrix x, int k) {
        double[][] c = new double[k][];
        for (int i = 0; i < k; i++) {
            c[i] = x.row((int) ((long) i * x.rows() / k) + 1, null);
        }
        return c;
    }

    /** Same iterations and sizes; centres and inertia within 1e-9 relative (of the largest centre coordinate). */
    private static void assertSameFit(KMeansModel expected, KMeansModel actual) {
        assertEquals(expected.iterations(), actual.iterations());
        assertEquals(expected.converged(), actual.converged());
        assertArrayEquals(expected.sizes(), actual.sizes());
        double[][] e = expected.centroidArray();
        double[][] a = actual.centroidArray();
        double scale = 0;
        for (double[] row : e) {
            for (double v : row) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int c = 0; c < e.length; c++) {
            assertArrayEquals(e[c], a[c], scale * 1e-9, "centre " + c);
        }
        assertEquals(expected.inertia(), actual.inertia(), expected.inertia() * 1e-9);
    }

    private static KMeansModel fitInSpark(KMeans trainer, FeatureMatrix x, int partitions) {
        return SparkKMeans.fit(trainer, Matrices.of(spark, x, partitions), Matrices.ID, x.names());
    }

    @Test
    void fromTheSameStartTheSimulatorFitEqualsTheSingleJvmFitAndIsBitIdenticalAcrossPartitions() {
        KMeans trainer = KMeans.builder().initialCentroids(start(simulated, 6)).nInit(1).tolerance(0).build();
        KMeansModel single = trainer.fit(simulated);
        assertTrue(single.iterations() > 3, "a fit of several iterations: " + single.iterations());
        KMeansModel one = fitInSpark(trainer, simulated, 1);
        assertSameFit(single, one);
        for (int partitions : new int[] {3, 7}) {
            KMeansModel other = fitInSpark(trainer, simulated, partitions);
            assertArrayEquals(one.centroidArray(), other.centroidArray(), partitions + " partitions");
            assertEquals(one.inertia(), other.inertia());
            assertEquals(one.history(), other.history());
        }
    }

    @Test
    void theHistoryCountsTheDistancesTheChunksBoundsSpared() {
        KMeans trainer = KMeans.builder().initialCentroids(start(simulated, 6)).nInit(1).tolerance(0).build();
        KMeansModel spark = fitInSpark(trainer, simulated, 3);
        long nk = (long) simulated.rows() * 6;
        List<LloydIteration> history = spark.history();
        assertTrue(history.size() > 3, "a fit of several iterations: " + history.size());
        assertEquals(nk, history.get(0).distancesComputed());
        assertEquals(0, history.get(0).distancesSkipped());
        for (LloydIteration it : history) {
            assertEquals(nk, it.distancesComputed() + it.distancesSkipped(), "iteration " + it.iteration());
        }
        // the later passes skip most distances: the centres move less and less
        LloydIteration last = history.get(history.size() - 1);
        assertTrue(last.distancesSkipped() > nk / 2, "skipped at the last iteration: " + last.distancesSkipped());
    }

    @Test
    void onlineRetailFitEqualsTheSingleJvmFitWith1And3And7Partitions() {
        TransactionLog log = OnlineRetail.log();
        FeatureMatrix x = standardized(CustomerFeatures.builder().asOf(LocalDate.of(2011, 12, 10)).rfm().build()
                .compute(log).matrix());
        KMeans trainer = KMeans.builder().initialCentroids(start(x, 5)).nInit(1).build();
        KMeansModel single = trainer.fit(x);
        KMeansModel first = null;
        for (int partitions : new int[] {1, 3, 7}) {
            KMeansModel spark = fitInSpark(trainer, x, partitions);
            assertSameFit(single, spark);
            if (first == null) {
                first = spark;
            } else {
                assertArrayEquals(first.centroidArray(), spark.centroidArray(), partitions + " partitions");
                assertEquals(first.inertia(), spark.inertia());
            }
        }
    }

    @Test
    void withoutStartingCentresTheWholeDataSeedsAndTheFitEqualsTheSingleJvmFit() {
        KMeans trainer = KMeans.builder().k(4).nInit(3).seed(5).build();
        assertTrue(simulated.rows() <= SparkKMeans.SEED_SAMPLE);
        KMeansModel single = trainer.fit(simulated);
        KMeansModel spark = fitInSpark(trainer, simulated, 3);
        double[][] e = single.centroidArray();
        double[][] a = spark.centroidArray();
        for (int c = 0; c < e.length; c++) {
            assertArrayEquals(e[c], a[c], 1e-9, "centre " + c);
        }
        assertEquals(single.inertia(), spark.inertia(), single.inertia() * 1e-9);
        assertArrayEquals(single.sizes(), spark.sizes());
    }

    @Test
    void sampleWeightsWeighTheCentresAsInTheSingleJvm() {
        double[] w = new double[simulated.rows()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 + i % 5;
        }
        KMeans trainer = KMeans.builder().initialCentroids(start(simulated, 3)).nInit(1).build();
        KMeansModel single = trainer.fit(simulated, w);
        KMeansModel spark = SparkKMeans.fit(trainer, Matrices.of(SparkKMeansTest.spark, simulated, List.of("w"),
                List.of(w), 3), Matrices.ID, simulated.names(), "w");
        assertSameFit(single, spark);
    }

    @Test
    void everyIterationIsAJobNamedAfterIt() {
        KMeans trainer = KMeans.builder().initialCentroids(start(simulated, 3)).nInit(1).maxIterations(2).build();
        Dataset<Row> rows = Matrices.of(spark, simulated, 2);
        JobRecorder jobs = JobRecorder.attach(spark);
        KMeansModel model = SparkKMeans.fit(trainer, rows, Matrices.ID, simulated.names());
        assertEquals(2, model.iterations());
        List<String> descriptions = jobs.descriptions();
        assertTrue(descriptions.contains("segments: k-means iteration 1")
                && descriptions.contains("segments: k-means iteration 2")
                && descriptions.contains("segments: k-means final assignment")
                && descriptions.stream().allMatch(s -> s.startsWith("segments: k-means")), descriptions::toString);
    }

    @Test
    void aMissingOrMistypedColumnIsRefusedBeforeAnyJob() {
        KMeans trainer = KMeans.builder().k(2).build();
        Dataset<Row> rows = Matrices.of(spark, simulated, 1);
        JobRecorder jobs = JobRecorder.attach(spark);
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> SparkKMeans.fit(trainer, rows.drop("recency"), Matrices.ID, simulated.names()));
        assertTrue(e.getMessage().startsWith("rows must have the column \"recency\", found [id, frequency"),
                e.getMessage());
        e = assertThrows(InvalidDataException.class, () -> SparkKMeans.fit(trainer,
                rows.withColumn("recency", functions.col("recency").cast("string")), Matrices.ID, simulated.names()));
        assertEquals("rows column \"recency\" must be numeric, found string", e.getMessage());
        assertEquals(List.of(), jobs.descriptions());
    }

    @Test
    void nanOrInfiniteFeaturesAndRepeatedIdsAreNamed() {
        KMeans trainer = KMeans.builder().k(2).build();
        Dataset<Row> rows = Matrices.of(spark, simulated, 3);
        Dataset<Row> nan = rows.withColumn("frequency", functions.when(functions.col(Matrices.ID)
                .equalTo("r0000017"), Double.NaN).otherwise(functions.col("frequency")));
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> SparkKMeans.fit(trainer, nan, Matrices.ID, simulated.names()));
        assertEquals("id r0000017, column frequency: value must be finite, found NaN", e.getMessage());
        assertEquals("frequency", e.column()); // the fields come back from the executor (issue 18)
        assertEquals("finite", e.constraint());
        assertEquals("NaN", e.value());
        Dataset<Row> inf = rows.withColumn("recency", functions.when(functions.col(Matrices.ID)
                .equalTo("r0002999"), Double.NEGATIVE_INFINITY).otherwise(functions.col("recency")));
        e = assertThrows(InvalidDataException.class, () -> SparkKMeans.fit(trainer, inf, Matrices.ID,
                simulated.names()));
        assertEquals("id r0002999, column recency: value must be finite, found -Infinity", e.getMessage());
        Dataset<Row> twice = rows.union(rows.filter(functions.col(Matrices.ID).equalTo("r0000004")));
        e = assertThrows(InvalidDataException.class, () -> SparkKMeans.fit(trainer, twice, Matrices.ID,
                simulated.names()));
        assertEquals("id must be unique, found r0000004 twice", e.getMessage());
        e = assertThrows(InvalidDataException.class, () -> SparkKMeans.fit(trainer, rows.limit(0), Matrices.ID,
                simulated.names()));
        assertEquals("x: rows must be >= 1, found 0", e.getMessage());
    }
}
