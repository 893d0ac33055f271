package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import dev.segmentation.churn.ChurnDataset;
import dev.segmentation.churn.ChurnFeatures;
import dev.segmentation.churn.ChurnLabeler;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 20: churn labels at a cut-off in Spark equal ChurnLabeler's, for any partitioning. */
class SparkChurnLabelsTest {
    private static SparkSession spark;
    private static TransactionLog simulated;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("SparkChurnLabelsTest");
        simulated = RetailSimulator.builder().customers(1_000).seed(11).start(LocalDate.of(2023, 1, 1))
                .end(LocalDate.of(2024, 6, 30)).build().generate().log();
    }

    @AfterAll
    static void stop() {
        SparkTestSession.release(spark);
    }

    /** The Spark rows equal the labeler's data set, customer for customer, features bit for bit. */
    private static void assertSameLabels(ChurnDataset expected, Dataset<Row> actual) {
        List<String> columns = new ArrayList<>(List.of("customer_id", SparkChurnLabels.LABEL));
        columns.addAll(ChurnFeatures.standard().names());
        assertEquals(columns, List.of(actual.schema().fieldNames()));
        Map<String, Row> rows = new HashMap<>();
        for (Row r : actual.collectAsList()) {
            assertEquals(null, rows.put(r.getString(0), r), r.getString(0));
        }
        assertEquals(expected.customerIds().size(), rows.size());
        int d = expected.features().columns();
        for (int i = 0; i < expected.customerIds().size(); i++) {
            String id = expected.customerIds().get(i);
            Row a = rows.get(id);
            assertTrue(a != null, id);
            assertEquals(expected.labels()[i], a.getInt(1), id);
            for (int j = 0; j < d; j++) {
                assertEquals(Double.doubleToLongBits(expected.features().get(i, j)),
                        Double.doubleToLongBits(a.getDouble(j + 2)), id + " " + columns.get(j + 2));
            }
        }
    }

    @Test
    void simulatedLabelsEqualTheLabelersForOneThreeAndSevenPartitions() {
        LocalDate cutoff = LocalDate.of(2024, 3, 1);
        ChurnDataset single = ChurnLabeler.builder().cutoff(cutoff).horizonDays(90).build().label(simulated);
        assertTrue(single.churnRate() > 0 && single.churnRate() < 1, single::toString);
        for (int partitions : new int[] {1, 3, 7}) {
            assertSameLabels(single, SparkChurnLabels.label(Lines.of(spark, simulated, partitions), cutoff, 90));
        }
    }

    @Test
    void onlineRetailLabelsEqualTheLabelers() {
        TransactionLog log = OnlineRetail.log();
        LocalDate cutoff = LocalDate.of(2011, 9, 9);
        ChurnDataset single = ChurnLabeler.builder().cutoff(cutoff).horizonDays(90).build().label(log);
        Dataset<Row> lines = Lines.of(spark, log, 1).cache();
        for (int partitions : new int[] {1, 3, 7}) {
            assertSameLabels(single, SparkChurnLabels.label(lines.repartition(partitions), cutoff, 90));
        }
        lines.unpersist();
    }

    @Test
    void badSettingsAndLinesAreNamedBeforeAnyJob() {
        JobRecorder jobs = JobRecorder.attach(spark);
        Dataset<Row> lines = Lines.of(spark, simulated, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkChurnLabels.label(lines, LocalDate.of(2024, 3, 1), 0));
        assertEquals(assertThrows(IllegalArgumentException.class,
                () -> ChurnLabeler.builder().horizonDays(0)).getMessage(), e.getMessage());
        InvalidDataException missing = assertThrows(InvalidDataException.class,
                () -> SparkChurnLabels.label(lines.drop(SparkIngest.EPOCH_SECOND), LocalDate.of(2024, 3, 1), 90));
        assertEquals("lines must have the column \"epoch_second\" of SparkIngest.LINE_SCHEMA, found [line, "
                + "customer_id, invoice, item, quantity, amount, channel, category, non_product, description]",
                missing.getMessage());
        assertEquals(List.of(), jobs.descriptions());
    }

    @Test
    void linesEndingBeforeTheHorizonOrStartingAfterTheCutoffAreNamed() {
        Dataset<Row> lines = Lines.of(spark, simulated, 2);
        LocalDate last = simulated.lastDateTime().toLocalDate();
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> SparkChurnLabels.label(lines, last.minusDays(89), 90));
        assertEquals("lines: last purchase date must be on or after cutoff + horizonDays = " + last.plusDays(1)
                + ", found " + last, e.getMessage());
        e = assertThrows(InvalidDataException.class, () -> SparkChurnLabels.label(lines, LocalDate.of(2022, 1, 1),
                90));
        assertEquals("lines: customers with a purchase on or before the cutoff 2022-01-01 must be >= 1, found 0",
                e.getMessage());
        Dataset<Row> empty = spark.createDataFrame(List.of(), SparkIngest.LINE_SCHEMA);
        e = assertThrows(InvalidDataException.class, () -> SparkChurnLabels.label(empty, LocalDate.of(2024, 3, 1),
                90));
        assertEquals("lines must have at least one row, found 0", e.getMessage());
    }
}
