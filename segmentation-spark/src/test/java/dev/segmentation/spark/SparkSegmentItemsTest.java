package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.siegmar.fastcsv.reader.CsvReader;
import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.CustomerFeatures;
import dev.segmentation.pipeline.CustomerProfile;
import dev.segmentation.pipeline.LifetimeValue;
import dev.segmentation.pipeline.SegmentItems;
import dev.segmentation.pipeline.SegmentSummary;
import dev.segmentation.pipeline.Segmentation;
import dev.segmentation.pipeline.SegmentationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: the segments' item columns, value at risk and descriptions computed from Spark aggregates equal the
 * single JVM's on the same per-customer segments (the single-JVM run's assignment, CLV and P(churn) fed to the
 * Spark aggregates), with 1 and 3 partitions.
 */
class SparkSegmentItemsTest {
    private static final StructType CUSTOMERS = new StructType().add("customer_id", DataTypes.StringType, false)
            .add("segment", DataTypes.IntegerType, false).add("first_line", DataTypes.LongType, false)
            .add("clv", DataTypes.DoubleType, true).add("p_churn", DataTypes.DoubleType, true);
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("SparkSegmentItemsTest");
    }

    @AfterAll
    static void stop() {
        SparkTestSession.release(spark);
    }

    @Test
    void onlineRetailSegmentsCsvItemColumnsEqualTheSingleJvmsOnItsSegmentsWithOneAndThreePartitions(
            @TempDir Path dir) throws IOException {
        TransactionLog log = OnlineRetail.log();
        SegmentationResult expected = Segmentation.of(log).features(CustomerFeatures.Builder::behaviour)
                .segments(KMeans.builder().k(5).nInit(2).seed(42))
                .lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder()).horizon(Period.ofYears(1))
                        .annualDiscountRate(0.10).unit(Duration.ofDays(7)))
                .churn(90, LogisticRegression.builder().l2(1.0)).run();
        assertTrue(log.hasItemDescriptions());
        // the single JVM's segments.csv, rounded as the run writes it: its item, value-at-risk and description fields
        Path file = dir.resolve("segments.csv");
        expected.writeSegmentsCsv(file, SegmentationResult.Precision.ROUNDED);
        List<String> written = Files.readAllLines(file);
        List<String> header = fields(written.get(0));
        List<String> columns = List.of("top_items", "value_at_risk", "distinctive_items", "top_item_descriptions",
                "distinctive_item_descriptions");
        for (String c : columns) {
            assertTrue(header.contains(c), c);
        }

        // the input of the aggregates: each customer's single-JVM segment, first line (line = row + 1), CLV, P(churn)
        int[] firstRow = new int[log.customerCount()];
        Arrays.fill(firstRow, -1);
        for (int r = 0; r < log.size(); r++) {
            if (firstRow[log.customer(r)] < 0) {
                firstRow[log.customer(r)] = r;
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            CustomerProfile p = expected.customer(i);
            rows.add(RowFactory.create(p.id(), p.segment(), firstRow[log.customerIndex(p.id())] + 1L,
                    Double.isNaN(p.clv()) ? null : p.clv(), Double.isNaN(p.churnProbability()) ? null
                            : p.churnProbability()));
        }
        int k = expected.segments().size();
        long[] size = new long[k];
        for (SegmentSummary s : expected.segments()) {
            size[s.segment()] = s.size();
        }
        List<String> ids = new ArrayList<>();
        for (int j = 0; j < log.itemCount(); j++) {
            ids.add(log.itemId(j));
        }
        Map<String, Integer> segmentOf = new HashMap<>();
        for (int i = 0; i < expected.size(); i++) {
            segmentOf.put(expected.customer(i).id(), expected.customer(i).segment());
        }
        List<List<String>> previous = null;
        for (int partitions : new int[] {1, 3}) {
            Dataset<Row> lines = LineLogs.byCustomer(Lines.of(spark, log, 2), partitions).cache();
            Dataset<Row> customers = spark.createDataFrame(rows, CUSTOMERS).repartition(partitions).cache();
            Dataset<Row> besideLines = segmentsBesideTheirLines(lines, segmentOf).cache();
            besideLines.count();
            long t0 = System.nanoTime();
            SparkSegmentItems.Items items = SparkSegmentItems.items(lines, List.of(), "test: items");
            long t1 = System.nanoTime();
            assertEquals(ids, items.ids(), "the log's item order");
            for (int j = 0; j < log.itemCount(); j++) {
                assertEquals(log.itemDescription(j).orElse(null), items.descriptions().get(ids.get(j)), ids.get(j));
            }
            long t2 = System.nanoTime();
            long[][][] tallies = SparkSegmentItems.tallies(lines, besideLines, k, items.ids(), "test: tallies");
            long t3 = System.nanoTime();
            long[] all = new long[ids.size()];
            for (long[] b : tallies[1]) {
                for (int j = 0; j < all.length; j++) {
                    all[j] += b[j];
                }
            }
            List<List<String>> top = SegmentItems.topItems(items.ids(), tallies[0]);
            List<List<String>> distinctive = SegmentItems.distinctiveItems(items.ids(), tallies[1], all, size,
                    expected.size());
            long t4 = System.nanoTime();
            double[] risk = SparkSegmentItems.valueAtRisk(customers, "first_line", k, "test: value at risk");
            System.err.printf("Online Retail, %d partitions: items %.0f ms, tallies %.0f ms, value at risk %.0f ms%n",
                    partitions, (t1 - t0) / 1e6, (t3 - t2) / 1e6, (System.nanoTime() - t4) / 1e6);
            List<List<String>> got = new ArrayList<>();
            for (SegmentSummary s : expected.segments()) {
                String what = "segment " + s.segment() + ", " + partitions + " partitions";
                int c = s.segment();
                assertEquals(SegmentItems.TOP_ITEMS, s.topItems().size(), what);
                assertEquals(s.topItems(), top.get(c), what);
                assertEquals(s.distinctiveItems(), distinctive.get(c), what);
                assertEquals(Double.doubleToLongBits(s.valueAtRisk()), Double.doubleToLongBits(risk[c]),
                        what + ": value at risk " + s.valueAtRisk() + " against " + risk[c]);
                // the fields as the Spark run writes them (RunCommand.writeSegments), against the single JVM's file
                List<String> line = fields(written.get(1 + expected.segments().indexOf(s)));
                assertEquals(line.get(header.indexOf("top_items")), String.join(" ", top.get(c)), what);
                assertEquals(line.get(header.indexOf("distinctive_items")), String.join(" ", distinctive.get(c)),
                        what);
                assertEquals(line.get(header.indexOf("value_at_risk")), dev.segmentation.pipeline.CustomerCsvNumbers
                        .format("value_at_risk", risk[c], SegmentationResult.Precision.ROUNDED), what);
                assertEquals(line.get(header.indexOf("top_item_descriptions")),
                        SegmentItems.descriptions(top.get(c), items.descriptions()::get), what);
                assertEquals(line.get(header.indexOf("distinctive_item_descriptions")),
                        SegmentItems.descriptions(distinctive.get(c), items.descriptions()::get), what);
                assertTrue(!line.get(header.indexOf("top_item_descriptions")).isEmpty(), what);
                got.add(top.get(c));
                got.add(distinctive.get(c));
            }
            if (previous != null) {
                assertEquals(previous, got, "1 and 3 partitions");
            }
            previous = got;
            lines.unpersist();
            customers.unpersist();
            besideLines.unpersist();
        }
    }

    /**
     * Issue 21: the one-pass scan over lines in any order and partitioning: items by first line, an item a
     * non-product when any of its lines is one, its description its first line's stripped (none when blank), the
     * least one (none first) when two of its lines share that line number; one job.
     */
    @Test
    void issue21TheScanTakesEachItemsFirstLineInOneJob() {
        // line, customer, item, non-product, description; deliberately not in line order
        Object[][] given = {
            {9L, "c", "p3", false, "  late  "}, {4L, "a", "p2", false, "  second  "}, {2L, "a", "p1", false, "b"},
            {2L, "b", "p1", false, "a"}, {7L, "b", "p2", true, "other"}, {5L, "c", "p4", false, "x"},
            {5L, "a", "p4", false, null}, {6L, "c", "p5", false, "   "}, {1L, "b", null, false, null},
            {8L, "a", "p4", false, "later"}};
        List<Row> rows = new ArrayList<>();
        for (Object[] g : given) {
            rows.add(RowFactory.create(g[0], g[1], "o" + g[0], g[2], 86_400L * (long) g[0], 1.0, 1.0, null, null,
                    g[3], g[4]));
        }
        for (int partitions : new int[] {1, 3}) {
            Dataset<Row> lines = spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .parallelize(rows, partitions), SparkIngest.LINE_SCHEMA);
            JobRecorder jobs = JobRecorder.attach(spark);
            SparkSegmentItems.Scan scan = SparkSegmentItems.scan(lines, "test: scan");
            assertEquals(List.of("test: scan"), jobs.descriptions(), partitions + " partitions");
            assertEquals(List.of("p1", "p2", "p4", "p5", "p3"), scan.byFirstLine(), partitions + " partitions");
            assertEquals(java.util.Set.of("p2"), scan.nonProducts(), partitions + " partitions");
            assertEquals(Map.of("p1", "a", "p2", "second", "p3", "late"), scan.descriptions(),
                    partitions + " partitions");
            // without the description column: no description
            SparkSegmentItems.Scan bare = SparkSegmentItems.scan(lines.drop(SparkIngest.DESCRIPTION), "test: scan");
            assertEquals(scan.byFirstLine(), bare.byFirstLine());
            assertEquals(scan.nonProducts(), bare.nonProducts());
            assertTrue(bare.descriptions().isEmpty());
        }
    }

    /** An item without lines, non-products and a customer without items: the single JVM's rules on tiny counts. */
    @Test
    void nonProductsAndItemsWithoutLinesAreLeftOutAndTiesGoToTheItemOrder() {
        TransactionLog log = TransactionLog.builder()
                .add("a", "o1", "p1", 86_400L, 1, 1, null, null).add("a", "o1", "post", 86_400L, 1, 1, null, null)
                .add("a", "o1", "post", 86_400L, 1, 1, null, null).add("b", "o2", "p2", 86_400L, 1, 1, null, null)
                .add("b", "o2", "p1", 86_400L, 1, 1, null, null).add("c", "o3", null, 86_400L, 1, 1, null, null)
                .markNonProduct("post").build();
        Dataset<Row> lines = LineLogs.byCustomer(Lines.of(spark, log, 2), 2);
        List<Row> rows = List.of(RowFactory.create("a", 0, 1L, 10.0, 0.5), RowFactory.create("b", 0, 4L, 20.0, 0.25),
                RowFactory.create("c", 1, 6L, null, 0.75));
        Dataset<Row> customers = spark.createDataFrame(rows, CUSTOMERS);
        SparkSegmentItems.Items items = SparkSegmentItems.items(lines, List.of(), "test: items");
        assertEquals(List.of("p1", "post", "p2"), items.ids());
        assertTrue(!items.described());
        long[][][] t = SparkSegmentItems.tallies(lines, segmentsBesideTheirLines(lines, Map.of("a", 0, "b", 0, "c",
                1)), 2, items.ids(), "test: tallies");
        assertArrayEquals(new long[][] {{2, 0, 1}, {0, 0, 0}}, t[0], "lines: post is a non-product");
        assertArrayEquals(new long[][] {{2, 0, 1}, {0, 0, 0}}, t[1], "buyers");
        assertEquals(List.of(List.of("p1", "p2"), List.of()), SegmentItems.topItems(items.ids(), t[0]));
        // CLV x P(churn) of the members with a CLV, in first-line order: 10 x 0.5 + 20 x 0.25; c has none
        assertArrayEquals(new double[] {10.0, 0.0}, SparkSegmentItems.valueAtRisk(customers, "first_line", 2,
                "test: value at risk"));
    }

    private static final StructType SEGMENTS = new StructType().add("customer_id", DataTypes.StringType, false)
            .add("segment", DataTypes.IntegerType, false);

    /**
     * Each partition's customers (in order of first line) with their segment: partition p holds the customers of
     * the lines' partition p, as the pipeline's scoring gives them.
     */
    private static Dataset<Row> segmentsBesideTheirLines(Dataset<Row> arranged, Map<String, Integer> segmentOf) {
        Broadcast<HashMap<String, Integer>> shipped = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(new HashMap<>(segmentOf));
        MapPartitionsFunction<Row, Row> customers = lines -> {
            Map<String, Integer> seen = new LinkedHashMap<>();
            while (lines.hasNext()) {
                String id = lines.next().getString(1);
                seen.putIfAbsent(id, shipped.value().get(id));
            }
            List<Row> out = new ArrayList<>();
            seen.forEach((id, s) -> out.add(RowFactory.create(id, s)));
            return out.iterator();
        };
        return arranged.mapPartitions(customers, Encoders.row(SEGMENTS));
    }

    /** The fields of one CSV line, read by FastCSV (the library's CSV reader), as the files were written. */
    private static List<String> fields(String line) {
        return CsvReader.builder().ofCsvRecord(line).stream().findFirst().orElseThrow().getFields();
    }
}
