package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.SimulatedRetail;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.CustomerFeatures;
import dev.segmentation.persist.ModelBundle;
import dev.segmentation.persist.ModelJson;
import dev.segmentation.pipeline.LifetimeValue;
import dev.segmentation.pipeline.Segmentation;
import dev.segmentation.pipeline.SegmentationResult;
import dev.segmentation.recommend.ItemKnn;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: the pipeline's logs kept per partition give every step (features, with or without each customer's first
 * line, BTYD summaries, churn labels, scores, each customer's first line) the rows that step computes from the lines on its own, value for value; a kept log
 * written to disk and read back is the same log.
 */
class KeptLogsTest {
    private static SparkSession spark;
    private static SimulatedRetail sim;
    private static SegmentationResult run;
    private static ModelBundle bundle;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("KeptLogsTest");
        sim = RetailSimulator.builder().customers(600).seed(21).threads(2).build().generate();
        run = Segmentation.of(sim.log()).features(f -> f.behaviour().categoryShares().channelShares())
                .segments(KMeans.builder().k(4).nInit(1).seed(9))
                .lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder()).unit(sim.simulator().unit()))
                .churn(90, LogisticRegression.builder().l2(1.0)).recommend(ItemKnn.builder().neighbors(20), 5).run();
        bundle = (ModelBundle) ModelJson.fromJson(ModelJson.toJson(run.models()));
    }

    @AfterAll
    static void stop() {
        SparkTestSession.release(spark);
    }

    /** Each customer's row as text (doubles in their shortest round-trip form: equal text, equal bits). */
    private static Map<String, String> byCustomer(Dataset<Row> rows) {
        Map<String, String> out = new TreeMap<>();
        for (Row r : rows.collectAsList()) {
            assertNull(out.put(r.getString(0), r.mkString("|")), r.getString(0));
        }
        return out;
    }

    /** About 40 days before the run's as-of date, the day after a day with a line (the churn labels need one). */
    private static LocalDate earlierAsOf() {
        java.util.Set<Long> days = new java.util.HashSet<>();
        for (int r = 0; r < sim.log().size(); r++) {
            days.add(sim.log().epochDay(r));
        }
        LocalDate asOf = run.asOf().minusDays(40);
        while (!days.contains(asOf.minusDays(1).toEpochDay())) {
            asOf = asOf.minusDays(1);
        }
        return asOf;
    }

    @Test
    void everyStepGivesFromTheKeptLogsItsOwnRowsWithOneAndThreePartitionsAndAnEarlierAsOfDate() {
        for (LocalDate asOf : List.of(run.asOf(), earlierAsOf())) {
            for (int partitions : new int[] {1, 3}) {
                String what = partitions + " partitions, as of " + asOf;
                Dataset<Row> lines = LineLogs.byCustomer(Lines.of(spark, sim.log(), partitions), partitions).cache();
                Dataset<Row> observed = lines.filter(functions.col(SparkIngest.EPOCH_SECOND)
                        .lt(asOf.toEpochDay() * 86_400L));
                KeptLogs kept = KeptLogs.of(lines, asOf);
                try {
                    CustomerFeatures features = CustomerFeatures.builder().asOf(asOf).rfm().tenure().behaviour()
                            .categoryShares().channelShares().build();
                    Dataset<Row> fromKept = SparkFeatures.customerFeatures(lines, features, kept);
                    assertEquals(partitions, fromKept.rdd().getNumPartitions(), what);
                    assertEquals(byCustomer(SparkFeatures.customerFeatures(lines, features)), byCustomer(fromKept),
                            what);
                    LocalDate lastDay = asOf.minusDays(1);
                    BtydSummarizer all = BtydSummarizer.builder().end(lastDay).unit(sim.simulator().unit()).build();
                    assertEquals(byCustomer(SparkFeatures.btydSummary(lines, all).rows()),
                            byCustomer(SparkFeatures.btydSummary(kept, all).rows()), what);
                    BtydSummarizer split = BtydSummarizer.builder().end(lastDay).calibrationEnd(lastDay.minusDays(120))
                            .unit(sim.simulator().unit()).build();
                    assertEquals(byCustomer(SparkFeatures.btydSummary(lines, split).rows()),
                            byCustomer(SparkFeatures.btydSummary(kept, split).rows()), what);
                    LocalDate cutoff = lastDay.minusDays(90);
                    assertEquals(byCustomer(SparkChurnLabels.label(observed, cutoff, 90)),
                            byCustomer(SparkChurnLabels.label(observed, cutoff, 90, kept)), what);
                    Map<String, String> firstLines = byCustomer(observed.groupBy(SparkIngest.CUSTOMER_ID).agg(
                            functions.min(SparkIngest.LINE)));
                    assertEquals(firstLines, byCustomer(kept.firstLines("id", "line")), what);
                    // the pipeline's features carry each customer's first line, last (no join)
                    Dataset<Row> withFirst = SparkFeatures.customerFeatures(lines, features, kept, "first_line");
                    assertEquals(partitions, withFirst.rdd().getNumPartitions(), what);
                    Map<String, String> expectedWithFirst = new TreeMap<>();
                    byCustomer(fromKept).forEach((id, text) -> expectedWithFirst.put(id, text + "|"
                            + firstLines.get(id).substring(id.length() + 1)));
                    assertEquals(expectedWithFirst, byCustomer(withFirst), what);
                    assertEquals("first_line", withFirst.columns()[withFirst.columns().length - 1], what);
                    Dataset<Row> scored = SparkScoring.score(kept, bundle, asOf);
                    assertEquals(partitions, scored.rdd().getNumPartitions(), what);
                    Map<String, String> expected = byCustomer(SparkScoring.score(lines, bundle, asOf));
                    assertEquals(expected, byCustomer(scored), what);
                    assertEquals(asOf.equals(run.asOf()) ? run.size() : expected.size(), expected.size(), what);
                } finally {
                    kept.unpersist();
                    lines.unpersist();
                }
            }
        }
    }

    @Test
    void aKeptLogWrittenAndReadBackIsTheLogOfItsPartitionAndTheExtraLine() {
        LocalDate asOf = earlierAsOf();
        TransactionLog log = sim.log();
        // a non-product item, as Online Retail's postage
        Dataset<Row> lines = LineLogs.byCustomer(Lines.of(spark, log, 3).withColumn(SparkIngest.NON_PRODUCT,
                functions.col(SparkIngest.ITEM).equalTo(log.itemId(0))), 3).cache();
        KeptLogs kept = KeptLogs.of(lines, asOf);
        try {
            List<TransactionLog> read = kept.collect();
            List<List<Row>> parts = lines.filter(functions.col(SparkIngest.EPOCH_SECOND)
                    .lt(asOf.toEpochDay() * 86_400L)).javaRDD().glom().collect();
            assertEquals(parts.size(), read.size());
            Row extra = LineLogs.sentinelLine(asOf.minusDays(1).toEpochDay() * 86_400L);
            int nonProducts = 0;
            for (int p = 0; p < parts.size(); p++) {
                if (parts.get(p).isEmpty()) {
                    assertNull(read.get(p), "partition " + p);
                    continue;
                }
                TransactionLog expected = LineLogs.log(parts.get(p).iterator(), extra);
                assertEquals(describe(expected), describe(read.get(p)), "partition " + p);
                nonProducts += expected.itemIndex(log.itemId(0)) >= 0 ? 1 : 0;
            }
            assertEquals(true, nonProducts > 0);
        } finally {
            kept.unpersist();
            lines.unpersist();
        }
    }

    /** Every row's ids and values, and the items' non-product flags, in index order. */
    private static List<String> describe(TransactionLog log) {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < log.size(); r++) {
            int invoice = log.invoice(r);
            int item = log.item(r);
            out.add(log.customer(r) + " " + log.customerId(log.customer(r)) + " " + invoice + " "
                    + (invoice < 0 ? null : log.invoiceId(invoice)) + " " + item + " "
                    + (item < 0 ? null : log.itemId(item)) + " " + log.epochSecond(r) + " " + log.quantity(r) + " "
                    + log.amount(r) + " " + (log.hasChannel() ? log.channel(r) : "-") + " "
                    + (log.hasCategory() ? log.category(r) : "-"));
        }
        for (int i = 0; i < log.itemCount(); i++) {
            out.add(log.itemId(i) + " " + log.isNonProduct(i));
        }
        for (int c = 0; c < log.channelCount(); c++) {
            out.add(log.channelId(c));
        }
        for (int c = 0; c < log.categoryCount(); c++) {
            out.add(log.categoryId(c));
        }
        return out;
    }
}
