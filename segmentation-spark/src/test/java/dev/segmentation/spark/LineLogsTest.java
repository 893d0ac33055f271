package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.RetailSimulator;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout check that lets the pipeline read lines partitioned by customer as they are: arranged only when every
 * customer is in one partition, the lines increase by line number in each partition, and no partition is much
 * above the per-partition bound; anything else is shuffled once.
 */
class LineLogsTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("LineLogsTest");
    }

    @AfterAll
    static void stop() {
        SparkTestSession.release(spark);
    }

    private static long[] partition(long lines, long distinct, boolean sorted, long min, long max) {
        return new long[] {lines, distinct, sorted ? 1 : 0, min, max};
    }

    @Test
    void arrangedWhenEveryCustomerIsInOnePartitionSortedAndSmallEnough() {
        LineLogs.Layout layout = LineLogs.layout(5, List.of(partition(10, 2, true, 100, 900),
                partition(0, 0, true, Long.MAX_VALUE, Long.MIN_VALUE), partition(7, 3, true, 50, 400)));
        assertEquals(new LineLogs.Layout(17, 5, 50, 900, true), layout);
    }

    @Test
    void notArrangedWhenACustomerIsInTwoPartitions() {
        // 2 + 3 customers seen per partition, 4 distinct in all: one of them is in both
        assertFalse(LineLogs.layout(4, List.of(partition(10, 2, true, 0, 1), partition(7, 3, true, 0, 1)))
                .arranged());
    }

    @Test
    void notArrangedWhenAPartitionIsNotSortedByLine() {
        assertFalse(LineLogs.layout(5, List.of(partition(10, 2, true, 0, 1), partition(7, 3, false, 0, 1)))
                .arranged());
    }

    @Test
    void notArrangedWhenAPartitionHoldsMoreThanTwiceTheBound() {
        long bound = 2 * LineLogs.MAX_LINES_PER_PARTITION;
        assertTrue(LineLogs.layout(1, List.of(partition(bound, 1, true, 0, 1))).arranged());
        assertFalse(LineLogs.layout(1, List.of(partition(bound + 1, 1, true, 0, 1))).arranged());
    }

    @Test
    void partitionStatsCountLinesCustomersOrderAndDates() {
        List<Row> rows = new ArrayList<>();
        // partition 0: a, b, a in line order; partition 1: c, c, d with a line out of order
        rows.add(line(1, "a", 86_400L));
        rows.add(line(2, "b", 3 * 86_400L));
        rows.add(line(3, "a", 2 * 86_400L));
        rows.add(line(5, "c", 10L));
        rows.add(line(4, "c", 20L));
        rows.add(line(6, "d", 30L));
        Dataset<Row> lines = spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(rows, 2), SparkIngest.LINE_SCHEMA);
        List<long[]> stats = LineLogs.partitionStats(lines, "test");
        assertEquals(2, stats.size());
        assertArrayEquals(new long[] {3, 2, 1, 86_400L, 3 * 86_400L}, stats.get(0));
        assertArrayEquals(new long[] {3, 2, 0, 10L, 30L}, stats.get(1), "line 5 before line 4");
        assertFalse(LineLogs.layout(4, stats).arranged());
        assertTrue(LineLogs.layout(2, List.of(stats.get(0))).arranged());
    }

    @Test
    void theSimulatorsLinesAreArrangedAndARoundRobinRepartitionIsNot() {
        RetailSimulator sim = RetailSimulator.builder().customers(300).seed(5).build();
        Dataset<Row> lines = SparkSimulator.lines(spark, sim, 3).cache();
        long customers = lines.select(SparkIngest.CUSTOMER_ID).distinct().count();
        LineLogs.Layout arranged = LineLogs.layout(customers, LineLogs.partitionStats(lines, "test"));
        assertTrue(arranged.arranged());
        assertEquals(lines.count(), arranged.count());
        assertFalse(LineLogs.layout(customers, LineLogs.partitionStats(lines.repartition(3), "test")).arranged());
        lines.unpersist();
    }

    @Test
    void orderedPartitionsGiveTheirIdRangesAndTheCustomersBeforeASecond() {
        List<Row> rows = new ArrayList<>();
        // partition 0: a, a, b (b only at second 50); partition 1: c, d, d
        rows.add(line(1, "a", 10L));
        rows.add(line(2, "a", 60L));
        rows.add(line(3, "b", 50L));
        rows.add(line(4, "c", 20L));
        rows.add(line(5, "d", 70L));
        rows.add(line(6, "d", 40L));
        Dataset<Row> lines = spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(rows, 2), SparkIngest.LINE_SCHEMA);
        List<LineLogs.PartitionStats> stats = LineLogs.partitionStats(lines, 50L, "test");
        assertEquals(2, stats.size());
        assertArrayEquals(new long[] {3, 2, 1, 10L, 60L}, stats.get(0).counts());
        assertEquals("a", new String(stats.get(0).firstId(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("b", new String(stats.get(0).lastId(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(1, stats.get(0).customersBefore(), "a has a line before second 50, b has none");
        assertEquals(2, stats.get(1).customersBefore(), "c at 20, d at 40");
        assertArrayEquals(new long[] {4, 3}, LineLogs.customersOfOrderedPartitions(stats));
        assertArrayEquals(new long[] {4, 4}, LineLogs.customersOfOrderedPartitions(LineLogs.partitionStats(lines,
                Long.MAX_VALUE, "test")));
        // the same partitions in the other order: ranges not increasing, so the caller counts
        assertNull(LineLogs.customersOfOrderedPartitions(List.of(stats.get(1), stats.get(0))));
        // a customer in two partitions: the second's first id is the first's last
        List<Row> split = new ArrayList<>(rows);
        split.set(3, line(4, "b", 20L));
        Dataset<Row> twice = spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(split, 2), SparkIngest.LINE_SCHEMA);
        assertNull(LineLogs.customersOfOrderedPartitions(LineLogs.partitionStats(twice, 50L, "test")));
        // ids out of order within a partition: no range
        List<Row> unordered = new ArrayList<>(rows);
        unordered.set(0, line(1, "b", 10L));
        unordered.set(2, line(3, "a", 50L));
        List<LineLogs.PartitionStats> u = LineLogs.partitionStats(spark.createDataFrame(JavaSparkContext
                .fromSparkContext(spark.sparkContext()).parallelize(unordered, 2), SparkIngest.LINE_SCHEMA), 50L,
                "test");
        assertNull(u.get(0).firstId());
        assertEquals(-1, u.get(0).customersBefore());
        assertArrayEquals(new long[] {3, 2, 1, 10L, 60L}, u.get(0).counts());
        assertNull(LineLogs.customersOfOrderedPartitions(u));
    }

    @Test
    void theSimulatorsPartitionsAreOrderedRangesWithTheDistinctCustomers() {
        RetailSimulator sim = RetailSimulator.builder().customers(5000).seed(5).build();
        Dataset<Row> lines = SparkSimulator.lines(spark, sim, 3).cache();
        Row range = lines.agg(functions.min(SparkIngest.EPOCH_SECOND), functions.max(SparkIngest.EPOCH_SECOND))
                .first();
        long before = range.getLong(0) + (range.getLong(1) - range.getLong(0)) / 4; // some customers come later
        long customers = lines.select(SparkIngest.CUSTOMER_ID).distinct().count();
        long customersBefore = lines.filter(functions.col(SparkIngest.EPOCH_SECOND).lt(before))
                .select(SparkIngest.CUSTOMER_ID).distinct().count();
        assertTrue(customersBefore > 0 && customersBefore < customers, customersBefore + " of " + customers);
        assertArrayEquals(new long[] {customers, customersBefore}, LineLogs.customersOfOrderedPartitions(
                LineLogs.partitionStats(lines, before, "test")));
        lines.unpersist();
    }

    private static Row line(long line, String customer, long epochSecond) {
        return RowFactory.create(line, customer, "i" + line, "x", epochSecond, 1.0, 1.0, null, null, false, null);
    }
}
