package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.SegmentProfile;
import dev.segmentation.data.TransactionLog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
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

class SparkSimulatorTest {
    /** 9,000 customers: five generation chunks, the last one partial; 7 partitions leave two empty. */
    private static final RetailSimulator SIM = RetailSimulator.builder().customers(9_000).seed(5).build();
    private static SparkSession spark;
    private static TransactionLog log;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("SparkSimulatorTest");
        log = SIM.generate().log();
    }

    @AfterAll
    static void stop() {
        SparkTestSession.release(spark);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7})
    void linesEqualTheSingleJvmLogRowForRowWhateverThePartitioning(int partitions) {
        assertSameLines(log, SparkSimulator.lines(spark, SIM, partitions).collectAsList());
    }

    @Test
    void tableHoldsTheSameLinesWithWallClockTimestampsAndReadsBackThroughIngest() {
        List<Row> rows = SparkSimulator.table(spark, SIM, 3).collectAsList();
        assertEquals(log.size(), rows.size());
        for (int r = 0; r < rows.size(); r += 97) {
            Row x = rows.get(r);
            assertEquals(log.customerId(log.customer(r)), x.getString(0));
            assertEquals(log.invoiceId(log.invoice(r)), x.getString(1));
            assertEquals(log.dateTime(r), x.getAs(3));
            assertEquals(log.amount(r), x.getDouble(5));
        }
        SparkIngestResult in = SparkIngest.builder(SparkSimulator.tableOptions()).build()
                .read(SparkSimulator.table(spark, SIM, 2));
        assertEquals(log.size(), in.report().rowsKept());
        assertEquals(log.size(), in.report().rowsRead());
        in.unpersist();
    }

    @Test
    void defaultPartitionsKeepAboutAMillionLinesPerTaskAndNeverFewerThanTheParallelism() {
        int parallelism = spark.sparkContext().defaultParallelism();
        assertEquals(parallelism, SparkSimulator.partitions(spark, 1));
        assertEquals(Math.max(parallelism, 25), SparkSimulator.partitions(spark, 1_000_000));
        assertEquals(Math.max(parallelism, 26), SparkSimulator.partitions(spark, 1_000_001));
        assertEquals(53_688, SparkSimulator.partitions(spark, Integer.MAX_VALUE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkSimulator.partitions(spark, 0));
        assertEquals("customers must be >= 1, found 0", e.getMessage());
    }

    @Test
    void byCustomerPartitionsGrowWithTheLinesPastTheInputPartitions() {
        Dataset<Row> one = SparkSimulator.lines(spark, SIM, 1);
        Dataset<Row> three = SparkSimulator.lines(spark, SIM, 3);
        assertEquals(1, LineLogs.partitions(one, log.size()));
        assertEquals(3, LineLogs.partitions(three, log.size()));
        assertEquals(1, LineLogs.partitions(one, LineLogs.MAX_LINES_PER_PARTITION));
        assertEquals(2, LineLogs.partitions(one, LineLogs.MAX_LINES_PER_PARTITION + 1));
        assertEquals(3, LineLogs.partitions(three, 2 * LineLogs.MAX_LINES_PER_PARTITION));
        assertEquals(271, LineLogs.partitions(three, 270_100_000L));
        // 10^12 lines (past 2^31) are capped rather than overflowing the partition count
        assertEquals(1 << 16, LineLogs.partitions(one, 1_000_000_000_000L));
    }

    @Test
    void settingsTravelAsPlainValuesAndRebuildTheSameSimulator() throws Exception {
        RetailSimulator sim = RetailSimulator.builder().customers(50).seed(-3).start(LocalDate.of(2020, 2, 1))
                .acquisitionEnd(LocalDate.of(2020, 3, 1)).end(LocalDate.of(2020, 9, 30)).unit(Duration.ofDays(1))
                .categories(List.of("a", "b")).itemsPerCategory(7).zipfExponent(0.5).itemPriceMedian(3.0)
                .channels(List.of("x")).tasteConcentration(Double.POSITIVE_INFINITY)
                .segments(SegmentProfile.builder("one").share(2).bgNbd(0.5, 3, 1, 2).gammaGamma(2, 3, 4)
                        .linesPerOrder(2).categoryTaste(1, 3).channelMix(1).build(),
                        SegmentProfile.builder("two").build())
                .build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new SparkSimulator.Spec(sim));
        }
        SparkSimulator.Spec back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (SparkSimulator.Spec) in.readObject();
        }
        assertEquals(sim.toString(), back.simulator().toString());
        assertEquals(sim.segments(), back.simulator().segments());
    }

    @Test
    void partitionsMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkSimulator.lines(spark, SIM, 0));
        assertEquals("partitions must be >= 1, found 0", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void cachedLinesEqualTheSingleJvmLogEveryFieldOnEveryReadAndAfterUnpersist(int partitions) {
        SparkSimulator.CachedLines kept = SparkSimulator.cachedLines(spark, SIM, partitions);
        try {
            // counted while generated: the run command's line count and column checks read no line
            assertEquals(log.size(), kept.lineCount());
            assertEquals(0, kept.lines().filter(functions.col(SparkIngest.CATEGORY).isNull()
                    .or(functions.col(SparkIngest.CHANNEL).isNull())).count());
            assertSameLines(log, kept.lines().collectAsList());
            assertSameLines(log, kept.lines().collectAsList());
        } finally {
            kept.unpersist();
        }
        assertSameLines(log, kept.lines().collectAsList());
    }

    @Test
    void cachedLinesKeepOtherCatalogues() {
        RetailSimulator sim = RetailSimulator.builder().customers(300).seed(-3).categories(List.of("a", "b", "c"))
                .itemsPerCategory(7).channels(List.of("x", "y"))
                .segments(SegmentProfile.builder("one").share(2).categoryTaste(1, 3, 2).channelMix(1, 2).build(),
                        SegmentProfile.builder("two").build())
                .build();
        SparkSimulator.CachedLines kept = SparkSimulator.cachedLines(spark, sim, 2);
        try {
            assertSameLines(sim.generate().log(), kept.lines().collectAsList());
            assertEquals(SparkIngest.LINE_SCHEMA, kept.lines().schema());
        } finally {
            kept.unpersist();
        }
    }

    @Test
    void sequentialIdsAreZeroPaddedToTheCountsWidth() {
        assertEquals("C0001", SimulatedBlock.id('C', 0, SimulatedBlock.digits(9_000)).toString());
        assertEquals("I250", SimulatedBlock.id('I', 249, SimulatedBlock.digits(250)).toString());
        assertEquals("C1", SimulatedBlock.id('C', 0, SimulatedBlock.digits(0)).toString());
        assertEquals("I1000000", SimulatedBlock.id('I', 999_999, SimulatedBlock.digits(1_000_000)).toString());
    }

    @Test
    void anIdIncrementedInPlaceIsTheNextIdAcrossEveryCarry() {
        byte[] b = new byte[4];
        SimulatedBlock.write(b, 'I', 0);
        assertEquals("I001", new String(b, java.nio.charset.StandardCharsets.US_ASCII));
        for (int i = 1; i < 999; i++) {
            SimulatedBlock.increment(b);
            assertEquals(SimulatedBlock.id('I', i, 3).toString(), new String(b,
                    java.nio.charset.StandardCharsets.US_ASCII));
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SimulatedBlock.increment(b));
        assertEquals("id must fit 3 digits, found the one after 999", e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> SimulatedBlock.write(new byte[3], 'C', 99));
        assertEquals("id 100 must fit 2 digits", e.getMessage());
    }

    @Test
    void cachedLinesPartitionsMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkSimulator.cachedLines(spark, SIM, 0));
        assertEquals("partitions must be >= 1, found 0", e.getMessage());
    }

    private static void assertSameLines(TransactionLog expected, List<Row> rows) {
        assertEquals(expected.size(), rows.size());
        for (int r = 0; r < rows.size(); r++) {
            Row x = rows.get(r);
            assertEquals(r + 1L, x.getLong(0));
            assertEquals(expected.customerId(expected.customer(r)), x.getString(1));
            assertEquals(expected.invoiceId(expected.invoice(r)), x.getString(2));
            assertEquals(expected.itemId(expected.item(r)), x.getString(3));
            assertEquals(expected.epochSecond(r), x.getLong(4));
            assertEquals(Double.doubleToLongBits(expected.quantity(r)), Double.doubleToLongBits(x.getDouble(5)));
            assertEquals(Double.doubleToLongBits(expected.amount(r)), Double.doubleToLongBits(x.getDouble(6)));
            assertEquals(expected.channelId(expected.channel(r)), x.getString(7));
            assertEquals(expected.categoryId(expected.category(r)), x.getString(8));
            assertEquals(false, x.getBoolean(9));
            assertTrue(x.isNullAt(10));
        }
    }
}
