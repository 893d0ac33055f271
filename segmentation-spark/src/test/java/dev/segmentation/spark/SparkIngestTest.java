package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import dev.segmentation.data.BadRows;
import dev.segmentation.data.ColumnMapping;
import dev.segmentation.data.CsvPreset;
import dev.segmentation.data.IngestReport;
import dev.segmentation.data.IngestResult;
import dev.segmentation.data.TransactionCsv;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SparkIngestTest {
    private static SparkSession spark;
    private static Dataset<Row> onlineRetail;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("SparkIngestTest");
    }

    @AfterAll
    static void stop() {
        SparkTestSession.release(spark);
    }

    /** The file as Spark reads it (every column a string), cached once for the class. */
    private static synchronized Dataset<Row> onlineRetail() {
        if (onlineRetail == null) {
            Path file = SharedData.file("online-retail/online_retail.csv.gz");
            onlineRetail = spark.read().option("header", "true").csv(file.toString()).cache();
        }
        return onlineRetail;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7})
    void onlineRetailWithIngestDefaultsCountsAsIngest(int partitions) {
        Path file = SharedData.file("online-retail/online_retail.csv.gz");
        IngestReport single = TransactionCsv.read(file, CsvPreset.ONLINE_RETAIL.options(file)).report();
        SparkIngestResult result = SparkIngest.preset("online-retail").partitions(partitions).build()
                .read(onlineRetail());
        SparkIngestReport r = result.report();
        assertEquals(541_909, r.rowsRead());
        assertEquals(397_884, r.rowsKept());
        assertEquals(single.skipped(), r.skipped());
        assertEquals(Map.of("missing_customer", 135_080L, "cancellation", 8_905L, "non_positive_price", 40L),
                r.skipped());
        assertEquals(single.duplicates(), r.duplicates());
        assertEquals(partitions, r.partitions());
        assertEquals(397_884, result.lines().count());
        result.unpersist();
    }

    @ParameterizedTest
    @ValueSource(ints = {7})
    void onlineRetailWithRunDefaultsNetsAndKeepsTheSameLines(int partitions) {
        Path file = SharedData.file("online-retail/online_retail.csv.gz");
        IngestResult single = TransactionCsv.read(file, CsvPreset.ONLINE_RETAIL.runOptions(file));
        SparkIngestResult result = SparkIngest.presetForRun("online-retail").partitions(partitions).build()
                .read(onlineRetail());
        SparkIngestReport r = result.report();
        IngestReport s = single.report();
        assertEquals(s.rowsRead(), r.rowsRead());
        assertEquals(s.rowsKept(), r.rowsKept());
        assertEquals(s.skipped(), r.skipped());
        assertEquals(5_268, r.duplicates());
        assertEquals(s.cancellationsNetted(), r.cancellationsNetted());
        assertEquals(s.cancellationsUnmatched(), r.cancellationsUnmatched());
        assertTrue(r.cancellationsNetted() > 0);
        assertEquals(lines(single.log()), lines(result.lines()));
        result.unpersist();
    }

    /** Every kept line as text, sorted: the same multiset of lines. */
    private static List<String> lines(TransactionLog log) {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < log.size(); r++) {
            int item = log.item(r);
            int invoice = log.invoice(r);
            out.add(log.customerId(log.customer(r)) + "|" + (invoice < 0 ? null : log.invoiceId(invoice)) + "|"
                    + (item < 0 ? null : log.itemId(item)) + "|" + log.epochSecond(r) + "|" + log.quantity(r) + "|"
                    + log.amount(r) + "|" + (item >= 0 && log.isNonProduct(item)));
        }
        Collections.sort(out);
        return out;
    }

    private static List<String> lines(Dataset<Row> lines) {
        List<String> out = new ArrayList<>();
        for (Row r : lines.collectAsList()) {
            out.add(r.getString(1) + "|" + r.getString(2) + "|" + r.getString(3) + "|" + r.getLong(4) + "|"
                    + r.getDouble(5) + "|" + r.getDouble(6) + "|" + r.getBoolean(9));
        }
        Collections.sort(out);
        return out;
    }

    private static final StructType SMALL = new StructType()
            .add("customer", DataTypes.StringType).add("date", DataTypes.StringType)
            .add("amount", DataTypes.DoubleType);

    private static Dataset<Row> small(Object[]... rows) {
        List<Row> list = new ArrayList<>();
        for (Object[] r : rows) {
            list.add(RowFactory.create(r));
        }
        return spark.createDataFrame(list, SMALL);
    }

    private static TransactionCsv.Options smallOptions(BadRows badRows) {
        return TransactionCsv.Options.builder(ColumnMapping.of("customer", "date", "amount"), StandardCharsets.UTF_8)
                .badRows(badRows).build();
    }

    @Test
    void aMissingColumnIsNamedBeforeAnyJob() {
        JobRecorder jobs = JobRecorder.attach(spark);
        SparkIngest reader = SparkIngest.preset("online-retail").build();
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> reader.read(small()));
        assertEquals("input: columns must contain the customer column \"CustomerID\", found [customer, date, amount]",
                e.getMessage());
        assertEquals(List.of(), jobs.descriptions());
    }

    @Test
    void aMistypedColumnIsNamedBeforeAnyJob() {
        JobRecorder jobs = JobRecorder.attach(spark);
        StructType schema = new StructType().add("customer", DataTypes.StringType).add("date", DataTypes.StringType)
                .add("amount", DataTypes.BooleanType);
        Dataset<Row> in = spark.createDataFrame(List.of(RowFactory.create("a", "2024-01-01", true)), schema);
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> SparkIngest.builder(smallOptions(BadRows.FAIL)).source("orders").build().read(in));
        assertEquals("orders: column \"amount\" (amount) must be a number or a string, found boolean", e.getMessage());
        StructType dates = new StructType().add("customer", DataTypes.StringType).add("date", DataTypes.IntegerType)
                .add("amount", DataTypes.DoubleType);
        Dataset<Row> in2 = spark.createDataFrame(List.of(RowFactory.create("a", 20240101, 1.0)), dates);
        e = assertThrows(InvalidDataException.class,
                () -> SparkIngest.builder(smallOptions(BadRows.FAIL)).build().read(in2));
        assertEquals("input: column \"date\" (date) must be a date, a timestamp or a string, found int", e.getMessage());
        assertEquals(List.of(), jobs.descriptions());
    }

    @Test
    void anUnknownPresetIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkIngest.preset("retail"));
        assertEquals("preset must be one of [online-retail, cdnow], found \"retail\"", e.getMessage());
    }

    @Test
    void nullCustomersAndNonFiniteAmountsAreCountedWithIngestsReasons() {
        Dataset<Row> in = small(new Object[] {"a", "2024-01-01", 1.0}, new Object[] {null, "2024-01-02", 2.0},
                new Object[] {"b", "2024-01-03", Double.NaN}, new Object[] {"b", "2024-01-04",
                    Double.POSITIVE_INFINITY}, new Object[] {"c", "2024-01-05", null}, new Object[] {"c", "x", 3.0});
        SparkIngestResult r = SparkIngest.builder(smallOptions(BadRows.SKIP_AND_REPORT)).partitions(3).build().read(in);
        assertEquals(6, r.report().rowsRead());
        assertEquals(1, r.report().rowsKept());
        assertEquals(Map.of(IngestReport.MISSING_CUSTOMER, 1L, IngestReport.UNPARSEABLE_AMOUNT, 3L,
                IngestReport.UNPARSEABLE_DATE, 1L), r.report().skipped());
    }

    @Test
    void underFailTheBadRowWithTheSmallestLineIsThrown() {
        Dataset<Row> in = small(new Object[] {"a", "2024-01-01", 1.0}, new Object[] {"z", "2024-01-02", 2.0},
                new Object[] {"b", "2024-01-03", Double.NaN}, new Object[] {null, "2024-01-04", 1.0});
        for (int partitions : new int[] {1, 3}) {
            SparkIngest reader = SparkIngest.builder(smallOptions(BadRows.FAIL)).partitions(partitions).build();
            InvalidDataException e = assertThrows(InvalidDataException.class, () -> reader.read(in));
            assertEquals("input: line 3, column amount: value must be a number, found \"NaN\"", e.getMessage());
        }
    }

    @Test
    void anEmptyDatasetReadsNothing() {
        SparkIngestResult r = SparkIngest.builder(smallOptions(BadRows.FAIL)).build().read(small());
        assertEquals(0, r.report().rowsRead());
        assertEquals(0, r.report().rowsKept());
        assertEquals(Map.of(), r.report().skipped());
        assertEquals(0, r.lines().count());
    }

    @Test
    void jobsNameTheirStage() {
        JobRecorder jobs = JobRecorder.attach(spark);
        Dataset<Row> in = small(new Object[] {"a", "2024-01-01", 1.0}, new Object[] {"b", "2024-01-02", 2.0});
        SparkIngest.builder(smallOptions(BadRows.FAIL)).partitions(2).build().read(in.repartition(2));
        assertTrue(jobs.descriptions().contains("ingest: read and clean lines by customer"), jobs.descriptions()::toString);
    }
}
