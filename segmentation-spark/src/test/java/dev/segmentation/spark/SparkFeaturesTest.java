package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.features.CustomerFeatureTable;
import dev.segmentation.features.CustomerFeatures;
import dev.segmentation.features.PurchasePeriod;
import dev.segmentation.testing.SharedData;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SparkFeaturesTest {
    private static SparkSession spark;
    private static TransactionLog simulated;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("SparkFeaturesTest");
        simulated = RetailSimulator.builder().customers(2_000).seed(20).start(LocalDate.of(2023, 1, 1))
                .end(LocalDate.of(2024, 6, 30)).build().generate().log();
    }

    @AfterAll
    static void stop() {
        SparkTestSession.release(spark);
    }

    static final CustomerFeatures ALL_FEATURES = CustomerFeatures.builder().asOf(LocalDate.of(2024, 7, 1)).rfm().tenure()
            .behaviour().categoryShares().channelShares().build();

    /** Asserts the Spark rows equal the single-JVM table: same customers, columns and values, exactly. */
    static void assertSameFeatures(CustomerFeatureTable expected, Dataset<Row> actual) {
        List<String> columns = List.of(actual.schema().fieldNames());
        assertEquals("customer_id", columns.get(0));
        assertEquals(expected.names(), columns.subList(1, columns.size()));
        Map<String, double[]> rows = new HashMap<>();
        for (Row r : actual.collectAsList()) {
            double[] v = new double[columns.size() - 1];
            for (int j = 0; j < v.length; j++) {
                v[j] = r.getDouble(j + 1);
            }
            assertEquals(null, rows.put(r.getString(0), v), "customer listed twice");
        }
        assertEquals(expected.size(), rows.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.matrix().row(i, null), rows.get(expected.id(i)), expected.id(i));
        }
    }

    /** Asserts the Spark summary equals the single-JVM one, customer by customer, exactly. */
    static void assertSameSummary(BtydSummary expected, SparkBtydSummary actual) {
        assertEquals(expected.unit(), actual.unit());
        assertEquals(expected.hasHoldout(), actual.hasHoldout());
        Map<String, Row> rows = new HashMap<>();
        for (Row r : actual.rows().collectAsList()) {
            rows.put(r.getString(0), r);
        }
        assertEquals(expected.size(), rows.size());
        for (int i = 0; i < expected.size(); i++) {
            Row r = rows.get(expected.id(i));
            double[] want = expected.hasHoldout()
                    ? new double[] {expected.frequency(i), expected.recency(i), expected.T(i), expected.monetary(i),
                        expected.frequencyHoldout()[i], expected.monetaryHoldout()[i], expected.durationHoldout()[i]}
                    : new double[] {expected.frequency(i), expected.recency(i), expected.T(i), expected.monetary(i)};
            double[] got = new double[want.length];
            for (int j = 0; j < got.length; j++) {
                got[j] = r.getDouble(j + 1);
            }
            assertArrayEquals(want, got, expected.id(i));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7})
    void simulatorFeaturesEqualTheSingleJvmTable(int partitions) {
        CustomerFeatureTable expected = ALL_FEATURES.compute(simulated);
        assertTrue(expected.names().stream().anyMatch(n -> n.startsWith(CustomerFeatures.CATEGORY_SHARE_PREFIX)));
        assertTrue(expected.names().stream().anyMatch(n -> n.startsWith(CustomerFeatures.CHANNEL_SHARE_PREFIX)));
        assertSameFeatures(expected, SparkFeatures.customerFeatures(Lines.of(spark, simulated, partitions),
                ALL_FEATURES));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7})
    void simulatorHoldoutSummaryEqualsTheSingleJvmSummary(int partitions) {
        BtydSummarizer weekly = BtydSummarizer.builder().end(LocalDate.of(2024, 6, 30))
                .calibrationEnd(LocalDate.of(2024, 1, 31)).period(PurchasePeriod.WEEK).unit(Duration.ofDays(1))
                .build();
        assertSameSummary(weekly.summarize(simulated),
                SparkFeatures.btydSummary(Lines.of(spark, simulated, partitions), weekly));
    }

    @Test
    void onlineRetailFeaturesAndSummaryEqualTheSingleJvmOnes() {
        Path file = SharedData.file("online-retail/online_retail.csv.gz");
        TransactionLog log = OnlineRetail.log();
        SparkIngestResult in = SparkIngest.presetForRun("online-retail").partitions(3).build()
                .read(spark.read().option("header", "true").csv(file.toString()));
        CustomerFeatures rfm = CustomerFeatures.builder().asOf(LocalDate.of(2011, 12, 10)).rfm().tenure()
                .behaviour().build();
        BtydSummarizer summarizer = BtydSummarizer.builder().end(LocalDate.of(2011, 12, 9))
                .calibrationEnd(LocalDate.of(2011, 9, 30)).build();
        CustomerFeatureTable features = rfm.compute(log);
        BtydSummary summary = summarizer.summarize(log);
        for (int partitions : new int[] {1, 3, 7}) {
            Dataset<Row> lines = in.lines().repartition(partitions);
            assertSameFeatures(features, SparkFeatures.customerFeatures(lines, rfm));
            assertSameSummary(summary, SparkFeatures.btydSummary(lines, summarizer));
        }
        in.unpersist();
    }

    @Test
    void linesWithoutAColumnAreRefusedBeforeAnyJob() {
        JobRecorder jobs = JobRecorder.attach(spark);
        Dataset<Row> lines = Lines.of(spark, simulated, 1).drop(SparkIngest.AMOUNT);
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> SparkFeatures.customerFeatures(lines, ALL_FEATURES));
        assertEquals("lines must have the column \"amount\" of SparkIngest.LINE_SCHEMA, found [line, customer_id, "
                + "invoice, item, epoch_second, quantity, channel, category, non_product, description]", e.getMessage());
        Dataset<Row> mistyped = Lines.of(spark, simulated, 1).withColumn(SparkIngest.AMOUNT,
                org.apache.spark.sql.functions.col(SparkIngest.AMOUNT).cast("string"));
        e = assertThrows(InvalidDataException.class, () -> SparkFeatures.btydSummary(mistyped,
                BtydSummarizer.builder().end(LocalDate.of(2024, 6, 30)).build()));
        assertEquals("lines column \"amount\" must be of type double, found string", e.getMessage());
        assertEquals(List.of(), jobs.descriptions());
    }

    @Test
    void emptyLinesAndEarlyDatesAreNamed() {
        Dataset<Row> empty = spark.createDataFrame(List.of(), SparkIngest.LINE_SCHEMA);
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> SparkFeatures.customerFeatures(empty, ALL_FEATURES));
        assertEquals("lines must have at least one row, found 0", e.getMessage());
        BtydSummarizer early = BtydSummarizer.builder().end(LocalDate.of(2022, 1, 1)).build();
        InvalidDataException single = assertThrows(InvalidDataException.class, () -> early.summarize(simulated));
        e = assertThrows(InvalidDataException.class, () -> SparkFeatures.btydSummary(Lines.of(spark, simulated, 2),
                early));
        assertEquals(single.getMessage(), e.getMessage());
        assertEquals("end must be on or after the first purchase date " + simulated.firstDateTime().toLocalDate()
                + ", found 2022-01-01", e.getMessage());
        // the same fields as the single-JVM summarizer's error (issue 18), for a caller to restate
        assertEquals("end", e.column());
        assertEquals(single.constraint(), e.constraint());
        assertEquals("2022-01-01", e.value());
    }

    @Test
    void jobsNameTheirStage() {
        JobRecorder jobs = JobRecorder.attach(spark);
        SparkFeatures.customerFeatures(Lines.of(spark, simulated, 2), ALL_FEATURES).count();
        assertTrue(jobs.descriptions().contains("features: date range and share names"),
                jobs.descriptions()::toString);
    }
}
