package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.BgNbdModel;
import dev.segmentation.clv.BtydHistogram;
import dev.segmentation.clv.BtydHoldoutHistogram;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.clv.ModifiedBgNbd;
import dev.segmentation.clv.ParetoNbd;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SparkBtydTest {
    private static SparkSession spark;
    private static TransactionLog log;
    private static BtydSummary single;
    private static final BtydSummarizer SUMMARIZER = BtydSummarizer.builder().end(LocalDate.of(2024, 6, 30))
            .unit(Duration.ofDays(7)).build();

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("SparkBtydTest");
        log = RetailSimulator.builder().customers(3_000).seed(7).start(LocalDate.of(2023, 1, 1))
                .end(LocalDate.of(2024, 6, 30)).build().generate().log();
        single = SUMMARIZER.summarize(log);
    }

    @AfterAll
    static void stop() {
        SUMMARIES.clear();
        SparkTestSession.release(spark);
    }

    /** The Spark summary per number of partitions, computed once for the class (its rows cached). */
    private static final Map<Integer, SparkBtydSummary> SUMMARIES = new HashMap<>();
    /** The single-JVM BG/NBD fit of the summary, fitted once for the class. */
    private static BgNbdModel singleBgNbd;

    private static SparkBtydSummary summary(int partitions) {
        return SUMMARIES.computeIfAbsent(partitions, p -> {
            SparkBtydSummary s = SparkFeatures.btydSummary(Lines.of(spark, log, p), SUMMARIZER);
            return SparkBtydSummary.of(s.rows().cache(), s.unit());
        });
    }

    private static BgNbdModel singleBgNbd() {
        if (singleBgNbd == null) {
            singleBgNbd = BgNbd.builder().build().fit(single);
        }
        return singleBgNbd;
    }

    private static void assertSameHistogram(BtydHistogram expected, BtydHistogram actual) {
        assertEquals(expected.size(), actual.size());
        assertEquals(expected.unit(), actual.unit());
        for (int k = 0; k < expected.size(); k++) {
            assertArrayEquals(new double[] {expected.frequency(k), expected.recency(k), expected.T(k),
                expected.weight(k)}, new double[] {actual.frequency(k), actual.recency(k), actual.T(k),
                actual.weight(k)}, "entry " + k);
        }
    }

    /** Parameters and log-likelihood within 1e-9 relative (the fits are in fact bit-identical). */
    private static void assertSameFit(BtydModel expected, BtydModel actual) {
        assertEquals(expected.params().keySet(), actual.params().keySet());
        for (String p : expected.params().keySet()) {
            double e = expected.params().get(p);
            assertEquals(e, actual.params().get(p), Math.abs(e) * 1e-9, p);
        }
        assertEquals(expected.logLikelihood(), actual.logLikelihood(), Math.abs(expected.logLikelihood()) * 1e-9);
        assertEquals(expected.iterations(), actual.iterations());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7})
    void theMergedHistogramAndTheBgNbdFitDoNotDependOnPartitions(int partitions) {
        SparkBtydSummary s = summary(partitions);
        assertSameHistogram(BtydHistogram.of(single), SparkBtyd.histogram(s));
        BgNbd trainer = BgNbd.builder().build();
        BgNbdModel expected = singleBgNbd();
        BgNbdModel actual = SparkBtyd.fit(trainer, s);
        assertSameFit(expected, actual);
        assertEquals(expected.params(), actual.params()); // bit-identical: the same histogram
    }

    @Test
    void modifiedBgNbdAndParetoNbdFitAsInTheSingleJvm() {
        SparkBtydSummary s = summary(3);
        assertSameFit(ModifiedBgNbd.builder().build().fit(single), SparkBtyd.fit(ModifiedBgNbd.builder().build(), s));
        assertSameFit(ParetoNbd.builder().build().fit(single), SparkBtyd.fit(ParetoNbd.builder().build(), s));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7})
    void scoresEqualTheSingleJvmScores(int partitions) {
        BgNbdModel model = singleBgNbd();
        double[] alive = new double[single.size()];
        double[] expected = new double[single.size()];
        model.score(single, 13.0, alive, expected);
        Dataset<Row> scores = SparkBtyd.score(summary(partitions), model, 13.0);
        Map<String, Row> byId = new HashMap<>();
        for (Row r : scores.collectAsList()) {
            byId.put(r.getString(0), r);
        }
        assertEquals(single.size(), byId.size());
        for (int i = 0; i < single.size(); i++) {
            Row r = byId.get(single.id(i));
            assertEquals(alive[i], r.getDouble(r.fieldIndex(SparkBtyd.P_ALIVE)), single.id(i));
            assertEquals(expected[i], r.getDouble(r.fieldIndex(SparkBtyd.EXPECTED_PURCHASES)), single.id(i));
            assertTrue(alive[i] >= 0 && alive[i] <= 1);
        }
    }

    /**
     * Issue 18 (one aggregation for both histograms): the holdout histogram over 1, 3 and 9 partitions, some of
     * them empty, is the single JVM's row for row; an empty summary gives the empty histogram.
     */
    @Test
    void theHoldoutHistogramDoesNotDependOnPartitionsEvenEmptyOnes() {
        BtydSummarizer calibration = BtydSummarizer.builder().end(LocalDate.of(2024, 6, 30))
                .calibrationEnd(LocalDate.of(2024, 3, 31)).unit(Duration.ofDays(7)).build();
        TransactionLog few = RetailSimulator.builder().customers(6).seed(3).start(LocalDate.of(2023, 1, 1))
                .end(LocalDate.of(2024, 6, 30)).build().generate().log();
        BtydHoldoutHistogram expected = BtydHoldoutHistogram.of(calibration.summarize(few));
        SparkBtydSummary s = SparkFeatures.btydSummary(Lines.of(spark, few, 1), calibration);
        for (int partitions : new int[] {1, 3, 9}) {
            SparkBtydSummary p = SparkBtydSummary.of(s.rows().repartition(partitions), s.unit());
            BtydHoldoutHistogram actual = SparkBtyd.holdoutHistogram(p);
            assertEquals(expected.toString(), actual.toString(), partitions + " partitions");
            for (int k = 0; k < expected.size(); k++) {
                assertArrayEquals(new double[] {expected.frequency(k), expected.recency(k), expected.T(k),
                    expected.holdoutFrequency(k), expected.count(k)}, new double[] {actual.frequency(k),
                    actual.recency(k), actual.T(k), actual.holdoutFrequency(k), actual.count(k)}, "row " + k);
            }
        }
        BtydHoldoutHistogram empty = SparkBtyd.holdoutHistogram(SparkBtydSummary.of(s.rows().limit(0), s.unit()));
        assertEquals("BtydHoldoutHistogram{rows=0, triples=0, customers=0, unit=PT168H, holdout=0.0}",
                empty.toString());
    }

    /**
     * Issue 21: the driver adds every partition's entries to one builder instead of merging the partitions'
     * histograms one after another: the same histogram entry for entry, weights included, as the pairwise merges of
     * the partitions' own histograms (over 7 partitions of the summary).
     */
    @Test
    void oneBuilderOverThePartitionsGivesThePairwiseMerges() {
        Dataset<Row> rows = summary(7).rows();
        BtydHistogram merged = null;
        for (int p = 0; p < rows.rdd().getNumPartitions(); p++) {
            int part = p;
            List<Row> own = rows.javaRDD().mapPartitionsWithIndex((i, it) -> i == part ? it
                    : Collections.<Row>emptyIterator(), true).collect();
            BtydHistogram.Builder b = BtydHistogram.builder(SUMMARIZER.unit());
            own.forEach(r -> b.add(r.getDouble(1), r.getDouble(2), r.getDouble(3), 1.0));
            merged = merged == null ? b.build() : merged.merge(b.build());
        }
        assertSameHistogram(merged, SparkBtyd.histogram(summary(7)));
    }

    /**
     * Issue 21: partitions whose holdout lengths differ are refused with the message a partition gives for two of its
     * own customers (the driver no longer merges them with {@code BtydHoldoutHistogram.merge}).
     */
    @Test
    void partitionsOfDifferentHoldoutLengthsAreRefused() {
        StructType schema = new StructType(new StructField[] {
            new StructField("customer_id", DataTypes.StringType, false, Metadata.empty()),
            new StructField("frequency", DataTypes.DoubleType, false, Metadata.empty()),
            new StructField("recency", DataTypes.DoubleType, false, Metadata.empty()),
            new StructField("T", DataTypes.DoubleType, false, Metadata.empty()),
            new StructField("monetary_value", DataTypes.DoubleType, false, Metadata.empty()),
            new StructField("frequency_holdout", DataTypes.DoubleType, false, Metadata.empty()),
            new StructField("monetary_value_holdout", DataTypes.DoubleType, false, Metadata.empty()),
            new StructField("duration_holdout", DataTypes.DoubleType, false, Metadata.empty())});
        List<Row> rows = List.of(RowFactory.create("a", 1.0, 2.0, 5.0, 10.0, 0.0, 0.0, 13.0),
                RowFactory.create("b", 0.0, 0.0, 4.0, 0.0, 1.0, 3.0, 12.0));
        // one customer per partition: each partition's own check passes
        Dataset<Row> two = spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(rows, 2), schema);
        assertEquals(2, two.rdd().getNumPartitions());
        SparkBtydSummary s = SparkBtydSummary.of(two, Duration.ofDays(7));
        assertEquals("summary durationHoldout must be the same for every customer, found 13.0 and 12.0",
                assertThrows(IllegalArgumentException.class, () -> SparkBtyd.holdoutHistogram(s)).getMessage());
    }

    @Test
    void anEmptySummaryIsRefusedByTheTrainer() {
        SparkBtydSummary empty = SparkBtydSummary.of(summary(2).rows().limit(0), Duration.ofDays(7));
        assertEquals(0, SparkBtyd.histogram(empty).size());
        assertThrows(InvalidDataException.class, () -> SparkBtyd.fit(BgNbd.builder().build(), empty));
    }

    @Test
    void aNegativeHorizonIsRefused() {
        BgNbdModel model = BgNbdModel.of(0.24, 4.4, 0.79, 2.4, Duration.ofDays(7));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkBtyd.score(summary(1), model, -1));
        assertEquals("t must be finite and >= 0, found -1.0", e.getMessage());
    }

    @Test
    void aSummaryWithoutAColumnIsRefusedBeforeAnyJob() {
        Dataset<Row> rows = summary(1).rows().drop("T");
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> SparkBtydSummary.of(rows, Duration.ofDays(7)));
        assertEquals("summary must have the column \"T\", found [customer_id, frequency, recency, monetary_value]",
                e.getMessage());
    }

    @Test
    void theFitJobNamesItsStage() {
        SparkBtydSummary s = summary(2);
        JobRecorder jobs = JobRecorder.attach(spark);
        SparkBtyd.fit(BgNbd.builder().build(), s);
        List<String> descriptions = jobs.descriptions();
        assertTrue(!descriptions.isEmpty() && descriptions.stream().allMatch("lifetime value: BG/NBD histogram"::equals),
                descriptions::toString);
    }
}
