package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.RetailSimulator;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
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

    private static Row line(long line, String customer, long epochSecond) {
        return RowFactory.create(line, customer, "i" + line, "x", epochSecond, 1.0, 1.0, null, null, false, null);
    }
}
