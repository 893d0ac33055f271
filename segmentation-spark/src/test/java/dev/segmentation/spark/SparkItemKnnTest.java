package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.recommend.InteractionMatrix;
import dev.segmentation.recommend.ItemKnn;
import dev.segmentation.recommend.ItemKnnModel;
import dev.segmentation.recommend.ItemKnnNeighborsModel;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 20: item kNN from co-occurrence sums over Spark partitions equals the single-JVM fit. */
class SparkItemKnnTest {
    private static final ItemKnn TRAINER = ItemKnn.builder().neighbors(10).shrink(2.0).build();
    private static SparkSession spark;
    private static InteractionMatrix simulated;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("SparkItemKnnTest");
        TransactionLog log = RetailSimulator.builder().customers(1_000).seed(13).start(LocalDate.of(2023, 1, 1))
                .end(LocalDate.of(2024, 6, 30)).build().generate().log();
        simulated = InteractionMatrix.builder().build(log);
    }

    @AfterAll
    static void stop() {
        SparkTestSession.release(spark);
    }

    /** Same neighbour lists and similarities (bit for bit) for every item, same recommendations. */
    private static void assertSameModel(ItemKnnModel expected, ItemKnnModel actual) {
        int items = expected.matrix().items();
        assertEquals(items, actual.matrix().items());
        int pairs = 0;
        for (int i = 0; i < items; i++) {
            double[] e = expected.neighborSimilarities(i);
            assertArrayEquals(e, actual.neighborSimilarities(i), "item " + i);
            assertArrayEquals(expected.similarItems(i, 1 + e.length), actual.similarItems(i, 1 + e.length),
                    "item " + i);
            pairs += e.length;
        }
        assertTrue(pairs > items, "pairs " + pairs);
        for (int u = 0; u < expected.matrix().customers(); u += 7) {
            assertArrayEquals(expected.recommend(u, 5, true), actual.recommend(u, 5, true), "customer " + u);
        }
        assertEquals(expected.trainer(), actual.trainer());
    }

    @Test
    void simulatedModelEqualsTheSingleJvmFitForOneThreeAndSevenPartitions() {
        ItemKnnModel single = TRAINER.fit(simulated);
        for (int partitions : new int[] {1, 3, 7}) {
            assertSameModel(single, SparkItemKnn.fit(spark, simulated, TRAINER, partitions, SparkItemKnn.NO_CAP));
        }
    }

    @Test
    void aCapOnDistinctItemsEqualsTheSingleJvmFitWithoutTheHeavyCustomersRows() {
        int[] ptr = simulated.rowPtr();
        int[] lengths = new int[simulated.customers()];
        for (int u = 0; u < lengths.length; u++) {
            lengths[u] = ptr[u + 1] - ptr[u];
        }
        int cap = Arrays.stream(lengths).sorted().toArray()[lengths.length * 9 / 10];
        int[] keptPtr = new int[lengths.length + 1];
        int[] cols = new int[simulated.nonZeros()];
        double[] values = new double[simulated.nonZeros()];
        int nnz = 0;
        int heavy = 0;
        for (int u = 0; u < lengths.length; u++) {
            if (lengths[u] > cap) {
                heavy++;
            } else {
                for (int p = ptr[u]; p < ptr[u + 1]; p++) {
                    cols[nnz] = simulated.cols()[p];
                    values[nnz++] = simulated.values()[p];
                }
            }
            keptPtr[u + 1] = nnz;
        }
        assertTrue(heavy > 0, "no customer above the cap " + cap);
        InteractionMatrix light = InteractionMatrix.of(lengths.length, simulated.items(), keptPtr,
                Arrays.copyOf(cols, nnz), Arrays.copyOf(values, nnz));
        ItemKnnModel single = TRAINER.fit(light);
        ItemKnnModel capped = SparkItemKnn.fit(spark, simulated, TRAINER, 3, cap);
        int items = simulated.items();
        for (int i = 0; i < items; i++) {
            assertArrayEquals(single.neighborSimilarities(i), capped.neighborSimilarities(i), "item " + i);
        }
        assertEquals(simulated, capped.matrix());
    }

    @Test
    void onlineRetailModelEqualsTheSingleJvmFit() {
        TransactionLog log = OnlineRetail.log();
        InteractionMatrix matrix = InteractionMatrix.builder().build(log);
        ItemKnnModel single = TRAINER.fit(matrix);
        for (int partitions : new int[] {3, 7}) {
            assertSameModel(single, SparkItemKnn.fit(spark, matrix, TRAINER, partitions, SparkItemKnn.NO_CAP));
        }
    }

    /**
     * The scale-out entry: histories built in Spark from the lines, with the single JVM's item index, fit the
     * neighbour-list form of the single-JVM model bit for bit (lists, norms, popularity) with 1 and 3 partitions;
     * it recommends every customer's list from the Spark history as the single JVM does from the matrix.
     */
    @Test
    void historiesBuiltInSparkFitTheNeighbourListFormOfTheSingleJvmModel() {
        TransactionLog log = RetailSimulator.builder().customers(400).seed(17).build().generate().log();
        InteractionMatrix matrix = InteractionMatrix.builder().build(log);
        ItemKnnModel single = TRAINER.fit(matrix);
        ItemKnnNeighborsModel expected = single.neighborLists(InteractionMatrix.Weighting.BINARY, false);
        LocalDate asOf = log.lastDateTime().toLocalDate().plusDays(1);
        List<String> catalogue = SparkSimulator.itemIds(RetailSimulator.builder().customers(400).seed(17).build());
        for (int partitions : new int[] {1, 3}) {
            SparkItemKnn.Interactions in = SparkItemKnn.interactions(Lines.of(spark, log, partitions), asOf,
                    InteractionMatrix.Weighting.BINARY, false, catalogue);
            String[] ids = new String[log.itemCount()];
            for (int j = 0; j < ids.length; j++) {
                ids[j] = log.itemId(j);
            }
            assertArrayEquals(ids, in.itemIds());
            ItemKnnNeighborsModel actual = SparkItemKnn.fit(in.histories(), ids.length, TRAINER, SparkItemKnn.NO_CAP,
                    InteractionMatrix.Weighting.BINARY, false);
            assertArrayEquals(expected.norms(), actual.norms());
            assertArrayEquals(expected.customersPerItem(), actual.customersPerItem());
            assertArrayEquals(expected.ranking(), actual.ranking());
            for (int i = 0; i < ids.length; i++) {
                assertArrayEquals(expected.neighborSimilarities(i), actual.neighborSimilarities(i), "item " + i);
                assertArrayEquals(expected.similarItems(i, ids.length), actual.similarItems(i, ids.length));
            }
            int checked = 0;
            for (Row r : in.histories().collectAsList()) {
                int u = log.customerIndex(r.getString(0));
                int[] items = r.<Integer>getList(1).stream().mapToInt(Integer::intValue).toArray();
                double[] w = r.<Double>getList(2).stream().mapToDouble(Double::doubleValue).toArray();
                assertArrayEquals(matrix.itemsOf(u), items, r.getString(0));
                assertArrayEquals(single.recommend(u, 10, true), actual.recommend(items, w, 10, true),
                        r.getString(0));
                checked++;
            }
            assertEquals(log.activeCustomerCount(), checked);
        }
    }

    /**
     * The one-pass fit of lines arranged by customer (each partition's histories as one block of arrays) equals the
     * two-step fit from the histories built by {@code interactions}: item ids, norms, customers per item, ranking,
     * lists and similarities bit for bit, and customers counted; without a cap (then also the single JVM's model) and
     * with a cap that leaves the heaviest tenth of the customers out of the pairs and norms; 1 and 3 partitions; and
     * with the lines counted as weights.
     */
    @Test
    void theArrangedOnePassFitEqualsTheFitFromTheHistories() {
        TransactionLog log = RetailSimulator.builder().customers(400).seed(17).build().generate().log();
        ItemKnnNeighborsModel single = TRAINER.fit(InteractionMatrix.builder().build(log))
                .neighborLists(InteractionMatrix.Weighting.BINARY, false);
        LocalDate asOf = log.lastDateTime().toLocalDate().plusDays(1);
        List<String> catalogue = SparkSimulator.itemIds(RetailSimulator.builder().customers(400).seed(17).build());
        int[] ptr = InteractionMatrix.builder().build(log).rowPtr();
        int[] lengths = new int[ptr.length - 1];
        for (int u = 0; u < lengths.length; u++) {
            lengths[u] = ptr[u + 1] - ptr[u];
        }
        int cap = Arrays.stream(lengths).sorted().toArray()[lengths.length * 9 / 10];
        for (int partitions : new int[] {1, 3}) {
            Dataset<Row> lines = Lines.of(spark, log, partitions);
            Dataset<Row> arranged = LineLogs.byCustomer(lines, partitions);
            SparkItemKnn.Interactions in = SparkItemKnn.interactions(lines, asOf, InteractionMatrix.Weighting.BINARY,
                    false, catalogue);
            for (int c : new int[] {SparkItemKnn.NO_CAP, cap}) {
                ItemKnnNeighborsModel expected = SparkItemKnn.fit(in.histories(), in.itemIds().length, TRAINER, c,
                        InteractionMatrix.Weighting.BINARY, false);
                SparkItemKnn.Fitted actual = SparkItemKnn.fitArranged(arranged, asOf,
                        InteractionMatrix.Weighting.BINARY, false, catalogue,
                        SparkSegmentItems.scan(arranged, "item index"), TRAINER, c);
                String where = partitions + " partitions, cap " + c;
                assertArrayEquals(in.itemIds(), actual.itemIds(), where);
                ItemKnnNeighborsModel m = actual.model();
                assertArrayEquals(expected.norms(), m.norms(), where);
                assertArrayEquals(expected.customersPerItem(), m.customersPerItem(), where);
                assertArrayEquals(expected.ranking(), m.ranking(), where);
                for (int i = 0; i < in.itemIds().length; i++) {
                    assertArrayEquals(expected.neighborSimilarities(i), m.neighborSimilarities(i), where);
                    assertArrayEquals(expected.similarItems(i, in.itemIds().length),
                            m.similarItems(i, in.itemIds().length), where);
                }
                assertEquals(expected.provenance(), m.provenance(), where);
                if (c == SparkItemKnn.NO_CAP) {
                    assertArrayEquals(single.norms(), m.norms(), where);
                    for (int i = 0; i < in.itemIds().length; i++) {
                        assertArrayEquals(single.neighborSimilarities(i), m.neighborSimilarities(i), where);
                    }
                } else {
                    assertTrue(!Arrays.equals(single.norms(), m.norms()), "the cap left no customer out");
                }
            }
        }
        // weights from the lines' counts (integers, so exact in any order): the same fit too
        Dataset<Row> lines = Lines.of(spark, log, 3);
        SparkItemKnn.Interactions counted = SparkItemKnn.interactions(lines, asOf, InteractionMatrix.Weighting.COUNT,
                false, catalogue);
        ItemKnnNeighborsModel expected = SparkItemKnn.fit(counted.histories(), counted.itemIds().length, TRAINER,
                SparkItemKnn.NO_CAP, InteractionMatrix.Weighting.COUNT, false);
        Dataset<Row> arranged = LineLogs.byCustomer(lines, 3);
        ItemKnnNeighborsModel actual = SparkItemKnn.fitArranged(arranged, asOf, InteractionMatrix.Weighting.COUNT,
                false, catalogue, SparkSegmentItems.scan(arranged, "item index"), TRAINER, SparkItemKnn.NO_CAP).model();
        assertArrayEquals(expected.norms(), actual.norms());
        assertTrue(!Arrays.equals(single.norms(), actual.norms()), "no item bought twice by a customer");
        for (int i = 0; i < counted.itemIds().length; i++) {
            assertArrayEquals(expected.neighborSimilarities(i), actual.neighborSimilarities(i), "item " + i);
        }
    }

    /**
     * Issue 21: the histories read from the kept logs (each partition's log, its item indices per line) are the
     * blocks built from the lines, array for array, for every weighting, 1 and 3 partitions; lines after the as-of
     * date, lines without an item and non-product lines among them (a customer's first line then not always one of
     * its cells, so numbering the log's customers as they come would differ). The fit from them is the fit from the
     * lines: norms, customers per item, lists and provenance bit for bit, with and without a cap.
     */
    @Test
    void issue21TheHistoriesFromTheKeptLogsAreTheBlocksOfTheLines() {
        TransactionLog log = RetailSimulator.builder().customers(300).seed(23).build().generate().log();
        LocalDate asOf = log.lastDateTime().toLocalDate().minusDays(60);
        List<String> catalogue = SparkSimulator.itemIds(RetailSimulator.builder().customers(300).seed(23).build());
        for (int partitions : new int[] {1, 3}) {
            Dataset<Row> lines = Lines.of(spark, log, partitions)
                    .withColumn(SparkIngest.ITEM, functions.when(functions.col(SparkIngest.LINE).mod(7).equalTo(0),
                            functions.lit(null).cast(DataTypes.StringType)).otherwise(functions.col(SparkIngest.ITEM)))
                    .withColumn(SparkIngest.NON_PRODUCT, functions.col(SparkIngest.ITEM).isin(log.itemId(0),
                            log.itemId(1)).and(functions.col(SparkIngest.ITEM).isNotNull()));
            Dataset<Row> arranged = LineLogs.byCustomer(lines, partitions).cache();
            KeptLogs kept = KeptLogs.of(arranged, asOf);
            try {
                SparkSegmentItems.Scan scan = SparkSegmentItems.scan(arranged, "item index");
                assertEquals(2, scan.nonProducts().size(), "non-products");
                String[] ids = SparkItemKnn.itemIndex(catalogue, scan.byFirstLine()).toArray(new String[0]);
                for (boolean nonProducts : new boolean[] {false, true}) {
                    java.util.HashMap<String, Integer> index = SparkItemKnn.keptIndex(ids, scan, nonProducts);
                    for (InteractionMatrix.Weighting w : InteractionMatrix.Weighting.values()) {
                        String where = partitions + " partitions, " + w + ", non-products " + nonProducts;
                        List<SparkItemKnn.Block> expected = SparkItemKnn.blocks(arranged, asOf, w, index).collect();
                        List<SparkItemKnn.Block> actual = SparkItemKnn.blocks(kept, w, index).collect();
                        assertEquals(partitions, actual.size(), where);
                        int customers = 0;
                        for (int p = 0; p < partitions; p++) {
                            SparkItemKnn.Block e = expected.get(p);
                            SparkItemKnn.Block a = actual.get(p);
                            assertEquals(e.customers(), a.customers(), where);
                            assertArrayEquals(e.rowPtr(), a.rowPtr(), where);
                            assertArrayEquals(e.cols(), a.cols(), where);
                            assertArrayEquals(e.values(), a.values(), where);
                            customers += a.customers();
                        }
                        assertTrue(customers > 250, where + ": " + customers + " customers");
                    }
                }
                for (int cap : new int[] {SparkItemKnn.NO_CAP, 12}) {
                    String where = partitions + " partitions, cap " + cap;
                    SparkItemKnn.Fitted e = SparkItemKnn.fitArranged(arranged, asOf,
                            InteractionMatrix.Weighting.BINARY, false, catalogue, scan, TRAINER, cap);
                    SparkItemKnn.Fitted a = SparkItemKnn.fitArranged(kept, InteractionMatrix.Weighting.BINARY,
                            false, catalogue, scan, TRAINER, cap);
                    assertArrayEquals(e.itemIds(), a.itemIds(), where);
                    assertArrayEquals(e.model().norms(), a.model().norms(), where);
                    assertArrayEquals(e.model().customersPerItem(), a.model().customersPerItem(), where);
                    assertArrayEquals(e.model().ranking(), a.model().ranking(), where);
                    for (int i = 0; i < ids.length; i++) {
                        assertArrayEquals(e.model().neighborSimilarities(i), a.model().neighborSimilarities(i),
                                where);
                        assertArrayEquals(e.model().similarItems(i, ids.length), a.model().similarItems(i,
                                ids.length), where);
                    }
                    assertEquals(e.model().provenance(), a.model().provenance(), where);
                }
            } finally {
                kept.unpersist();
                arranged.unpersist();
            }
        }
    }

    /** On Online Retail the item index built in Spark is the single JVM's log's (first appearance in the lines). */
    @Test
    void onlineRetailItemIndexIsTheSingleJvmLogs() {
        TransactionLog log = OnlineRetail.log();
        SparkItemKnn.Interactions in = SparkItemKnn.interactions(Lines.of(spark, log, 3),
                log.lastDateTime().toLocalDate().plusDays(1), InteractionMatrix.Weighting.BINARY, false);
        assertEquals(log.itemCount(), in.itemIds().length);
        for (int j = 0; j < log.itemCount(); j++) {
            assertEquals(log.itemId(j), in.itemIds()[j]);
        }
    }

    @Test
    void badSettingsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkItemKnn.fit(spark, simulated, TRAINER, 0, SparkItemKnn.NO_CAP));
        assertEquals("partitions must be >= 1, found 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkItemKnn.fit(spark, simulated, TRAINER, 2, 0));
        assertEquals("maxItemsPerCustomer must be >= 1, found 0", e.getMessage());
    }
}
