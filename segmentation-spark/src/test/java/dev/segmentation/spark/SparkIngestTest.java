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
import java.util.Arrays;
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

    /**
     * The file as the Spark commands read it (every column a string, a doubled quote inside a quoted field one
     * quote), cached once for the class.
     */
    private static synchronized Dataset<Row> onlineRetail() {
        if (onlineRetail == null) {
            Path file = SharedData.file("online-retail/online_retail.csv.gz");
            onlineRetail = spark.read().option("header", "true").option("escape", "\"").csv(file.toString())
                    .cache();
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
        // every line carries its item's description as the single-JVM log keeps it (issue 21)
        TransactionLog log = single.log();
        assertTrue(log.hasItemDescriptions());
        long lines = 0;
        for (Row row : result.lines().select(SparkIngest.ITEM, SparkIngest.DESCRIPTION).collectAsList()) {
            String item = row.getString(0);
            String expected = item == null ? null : log.itemDescription(log.itemIndex(item)).orElse(null);
            assertEquals(expected, row.getString(1), item);
            lines++;
        }
        assertEquals(s.rowsKept(), lines);
        result.unpersist();
    }

    private static final StructType RETAIL = new StructType().add("InvoiceNo", DataTypes.StringType)
            .add("StockCode", DataTypes.StringType).add("Description", DataTypes.StringType)
            .add("Quantity", DataTypes.StringType).add("InvoiceDate", DataTypes.StringType)
            .add("UnitPrice", DataTypes.StringType).add("CustomerID", DataTypes.StringType)
            .add("Country", DataTypes.StringType);

    /**
     * An item's description is the one on its first kept line, whatever the partitioning: blank there means none
     * even if a later line has one, and a first line later netted against a cancellation (in another customer's
     * partition than the item's surviving lines) still gives it, as the single-JVM read keeps it.
     */
    @Test
    void itemDescriptionsComeFromTheFirstKeptLineAsTheSingleJvmReadsThem() {
        Object[][] raw = {
            {"536001", "X1", "", "1", "2010-12-01 08:00:00", "1.0", "100", "UK"},
            {"536002", "Y1", "Y1 FIRST", "2", "2010-12-01 09:00:00", "1.0", "200", "UK"},
            {"C536003", "Y1", "Y1 CANCEL", "-2", "2010-12-01 10:00:00", "1.0", "200", "UK"},
            {"536004", "X1", "X1 LATER", "1", "2010-12-02 08:00:00", "1.0", "300", "UK"},
            {"536005", "Y1", "Y1 LATER", "1", "2010-12-02 09:00:00", "1.0", "100", "UK"},
            {"536006", "Z1", "  Z1 PADDED  ", "1", "2010-12-02 10:00:00", "1.0", "300", "UK"},
            {"536007", "Z1", "Z1 OTHER", "1", "2010-12-03 10:00:00", "1.0", "100", "UK"}};
        List<Row> rows = new ArrayList<>();
        for (Object[] r : raw) {
            rows.add(RowFactory.create(r));
        }
        Dataset<Row> in = spark.createDataFrame(rows, RETAIL);
        // the single-JVM read of the same records, in order
        TransactionCsv.Options options = CsvPreset.ONLINE_RETAIL.tableRunOptions();
        dev.segmentation.data.TransactionRecords records = dev.segmentation.data.TransactionRecords.start(
                Arrays.asList(RETAIL.fieldNames()), options, "input");
        for (int i = 0; i < raw.length; i++) {
            String[] f = new String[raw[i].length];
            for (int j = 0; j < f.length; j++) {
                f[j] = (String) raw[i][j];
            }
            records.add(i + 1, f);
        }
        TransactionLog log = records.finish().log();
        assertEquals(java.util.Optional.empty(), log.itemDescription(log.itemIndex("X1")));
        assertEquals(java.util.Optional.of("Y1 FIRST"), log.itemDescription(log.itemIndex("Y1")));
        assertEquals(java.util.Optional.of("Z1 PADDED"), log.itemDescription(log.itemIndex("Z1")));
        for (int partitions : new int[] {1, 3}) {
            SparkIngestResult result = SparkIngest.presetForRun("online-retail").partitions(partitions).build()
                    .read(in);
            assertEquals(1, result.report().cancellationsNetted());
            Map<String, String> byItem = new java.util.TreeMap<>();
            for (Row r : result.lines().collectAsList()) {
                byItem.merge(r.getString(3), String.valueOf(r.get(10)), (a, b) -> {
                    assertEquals(a, b, r.getString(3) + ": one description per item");
                    return a;
                });
            }
            assertEquals(Map.of("X1", "null", "Y1", "Y1 FIRST", "Z1", "Z1 PADDED"), byItem, partitions + " partitions");
            result.unpersist();
        }
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
