package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.BgNbdModel;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.SimulatedRetail;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.CustomerFeatures;
import dev.segmentation.persist.ModelBundle;
import dev.segmentation.persist.ModelJson;
import dev.segmentation.pipeline.BundleScorer;
import dev.segmentation.pipeline.CustomerProfile;
import dev.segmentation.pipeline.LifetimeValue;
import dev.segmentation.pipeline.ScoreDrift;
import dev.segmentation.pipeline.Segmentation;
import dev.segmentation.pipeline.SegmentItems;
import dev.segmentation.pipeline.SegmentMovement;
import dev.segmentation.pipeline.SegmentationResult;
import dev.segmentation.recommend.ItemKnn;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 20: a bundle saved by the single-JVM pipeline scores in Spark to the single-JVM values. */
class SparkScoringTest {
    private static SparkSession spark;
    private static SimulatedRetail sim;
    private static SegmentationResult simRun;
    private static ModelBundle simBundle;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("SparkScoringTest");
        sim = RetailSimulator.builder().customers(800).seed(5).threads(2).build().generate();
        simRun = full(sim.log(), sim.simulator().unit()).run();
        simBundle = saved(simRun);
    }

    @AfterAll
    static void stop() {
        SparkTestSession.release(spark);
    }

    private static Segmentation full(TransactionLog log, java.time.Duration unit) {
        return Segmentation.of(log).features(f -> f.behaviour().categoryShares().channelShares())
                .segments(KMeans.builder().k(4).nInit(1).seed(9))
                .lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder()).unit(unit))
                .churn(90, LogisticRegression.builder().l2(1.0)).recommend(ItemKnn.builder().neighbors(20), 5);
    }

    /** The bundle as run --save-models writes it and score reads it: through its JSON text. */
    private static ModelBundle saved(SegmentationResult r) {
        return (ModelBundle) ModelJson.fromJson(ModelJson.toJson(r.models()));
    }

    /** Every Spark row equals the single-JVM profile of its customer, doubles bit for bit. */
    private static void assertSameScores(SegmentationResult expected, Dataset<Row> actual) {
        assertEquals(SparkScoring.CUSTOMER_SCHEMA, actual.schema());
        Map<String, Row> rows = new HashMap<>();
        for (Row r : actual.collectAsList()) {
            assertEquals(null, rows.put(r.getString(0), r), r.getString(0));
        }
        assertEquals(expected.size(), rows.size());
        double[] rec = expected.features().column(CustomerFeatures.RECENCY);
        double[] freq = expected.features().column(CustomerFeatures.FREQUENCY);
        double[] mon = expected.features().column(CustomerFeatures.MONETARY);
        for (int i = 0; i < expected.size(); i++) {
            CustomerProfile e = expected.customer(i);
            Row a = rows.get(e.id());
            assertTrue(a != null, e.id());
            assertEquals(e.segment(), a.getInt(1), e.id());
            assertEquals(e.segmentName(), a.getString(2), e.id());
            assertEquals(e.recencyScore(), a.getInt(3), e.id());
            assertEquals(e.frequencyScore(), a.getInt(4), e.id());
            assertEquals(e.monetaryScore(), a.getInt(5), e.id());
            assertBits(rec[i], a, 6, e.id());
            assertBits(freq[i], a, 7, e.id());
            assertBits(mon[i], a, 8, e.id());
            assertBits(e.churnProbability(), a, 9, e.id());
            assertBits(e.aliveProbability(), a, 10, e.id());
            assertBits(e.expectedPurchases(), a, 11, e.id());
            assertBits(e.clv(), a, 12, e.id());
            assertEquals(String.join(" ", e.topItems()), a.getString(13), e.id());
        }
    }

    private static void assertBits(double expected, Row a, int column, String id) {
        if (Double.isNaN(expected)) {
            assertTrue(a.isNullAt(column), id + " " + a.schema().fields()[column].name());
        } else {
            assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(a.getDouble(column)),
                    id + " " + a.schema().fields()[column].name());
        }
    }

    @Test
    void simulatedBundleScoresAsTheSingleJvmForOneThreeAndSevenPartitions() {
        LocalDate asOf = simRun.asOf().minusDays(30);
        SegmentationResult single = BundleScorer.of(simBundle).score(sim.log(), asOf);
        for (int partitions : new int[] {1, 3, 7}) {
            assertSameScores(single, SparkScoring.score(Lines.of(spark, sim.log(), partitions), simBundle, asOf));
        }
    }

    /**
     * Issue 21: the pipeline's scores of the kept logs, each partition's held as one binary value, give the rows of
     * the score command's path (the single JVM's), in the logs' partitions, and the (segment, item) tallies counted
     * from the logs equal those counted from the lines ({@link SparkSegmentItems#tallies}), a non-product item left
     * out; the kept values are released.
     */
    @Test
    void keptScoresGiveTheRowsOfTheLinesAndTheirTallies() {
        TransactionLog log = sim.log();
        LocalDate asOf = simRun.asOf().minusDays(30);
        int k = BundleScorer.of(simBundle).catalog().segments().size();
        for (int partitions : new int[] {1, 3}) {
            String what = partitions + " partitions";
            // a non-product item, as Online Retail's postage
            Dataset<Row> lines = LineLogs.byCustomer(Lines.of(spark, log, partitions).withColumn(
                    SparkIngest.NON_PRODUCT, functions.col(SparkIngest.ITEM).equalTo(log.itemId(1))), partitions)
                    .cache();
            KeptLogs kept = KeptLogs.of(lines, asOf);
            try {
                SparkSegmentItems.Items items = SparkSegmentItems.items(lines, List.of(), "test: items");
                SparkScoring.Scored scored = SparkScoring.scoreKept(kept, simBundle, asOf, items.ids(), true);
                assertEquals(SparkScoring.CUSTOMER_SCHEMA, scored.customers().schema());
                assertEquals(partitions, scored.customers().rdd().getNumPartitions(), what);
                // the rows of the score command's path on the same lines (the non-product item changes features,
                // so not the single JVM's of the unmarked log), each doubles' shortest text: equal text, equal bits
                assertEquals(text(SparkScoring.score(lines, simBundle, asOf)), text(scored.customers()), what);
                kept.unpersist();
                Dataset<Row> observed = lines.filter(functions.col(SparkIngest.EPOCH_SECOND)
                        .lt(asOf.toEpochDay() * 86_400L));
                long[][][] expected = SparkSegmentItems.tallies(observed, scored.customers(), k, items.ids(),
                        "test: tallies of the lines");
                long[][][] actual = scored.tallies("test: tallies of the logs");
                int postage = items.ids().indexOf(log.itemId(1));
                long lines0 = 0;
                for (int c = 0; c < k; c++) {
                    for (int x = 0; x < 2; x++) {
                        assertTrue(java.util.Arrays.equals(expected[x][c], actual[x][c]), what + " segment " + c);
                    }
                    assertEquals(0, actual[0][c][postage], what);
                    lines0 += actual[0][c][0];
                }
                assertTrue(lines0 > 0, what + ": the first item's lines");
                assertEquals(StorageLevel.MEMORY_AND_DISK(), scored.kept().storageLevel(), what);
                scored.kept().unpersist();
                assertEquals(StorageLevel.NONE(), scored.kept().storageLevel(), what);
            } finally {
                kept.unpersist();
                lines.unpersist();
            }
        }
        // without the non-product: the single JVM's rows
        KeptLogs kept = KeptLogs.of(LineLogs.byCustomer(Lines.of(spark, log, 2), 2), asOf);
        try {
            SparkScoring.Scored scored = SparkScoring.scoreKept(kept, simBundle, asOf, null, false);
            assertSameScores(BundleScorer.of(simBundle).score(log, asOf), scored.customers());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> scored.tallies("test"));
            assertEquals("tallies must be asked for with an item index, found none", e.getMessage());
        } finally {
            kept.unpersist();
        }
    }

    /** Each customer's row as text, by id. */
    private static Map<String, String> text(Dataset<Row> rows) {
        Map<String, String> out = new HashMap<>();
        for (Row r : rows.collectAsList()) {
            assertEquals(null, out.put(r.getString(0), r.mkString("|")), r.getString(0));
        }
        return out;
    }

    @Test
    void driftFromEachCustomersBinsIsTheSingleJvmsBitForBitForOneThreeAndSevenPartitions() {
        // a window 120 days earlier than the training data's: the features and the segment shares have drifted
        LocalDate asOf = simRun.asOf().minusDays(120);
        SegmentationResult single = BundleScorer.of(simBundle).score(sim.log(), asOf);
        ScoreDrift expected = single.drift().orElseThrow();
        assertTrue(expected.features().maxPsi() > 0.01, expected::toString);
        for (int partitions : new int[] {1, 3, 7}) {
            Dataset<Row> scored = SparkScoring.scoreWithDriftBins(Lines.of(spark, sim.log(), partitions), simBundle,
                    asOf).cache();
            assertSameScores(single, scored.drop(SparkScoring.DRIFT_BINS));
            ScoreDrift actual = SparkScoring.drift(scored, simBundle);
            assertEquals(expected.features().features(), actual.features().features());
            assertArrayEquals(expected.features().psi(), actual.features().psi());
            assertEquals(Double.doubleToLongBits(expected.segmentPsi()), Double.doubleToLongBits(actual.segmentPsi()));
            assertArrayEquals(expected.trainingShares(), actual.trainingShares());
            assertArrayEquals(expected.windowShares(), actual.windowShares());
            scored.unpersist();
        }
        Dataset<Row> withoutBins = SparkScoring.score(Lines.of(spark, sim.log(), 1), simBundle, asOf);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkScoring.drift(withoutBins, simBundle));
        assertTrue(e.getMessage().startsWith("scored must have the column drift_bins (from scoreWithDriftBins), found "
                + "[customer_id, segment, "), e.getMessage());
    }

    @Test
    void movementOfTheBundlesTrainingCustomersIsTheSingleJvmsForOneThreeAndSevenPartitions() {
        // 120 days earlier: some customers were in other segments
        LocalDate asOf = simRun.asOf().minusDays(120);
        SegmentationResult single = BundleScorer.of(simBundle).score(sim.log(), asOf);
        SegmentMovement expected = single.movement().orElseThrow();
        assertTrue(expected.moved() > 0 && expected.moved() < expected.customers(), expected::toString);
        for (int partitions : new int[] {1, 3, 7}) {
            Dataset<Row> scored = SparkScoring.score(Lines.of(spark, sim.log(), partitions), simBundle, asOf);
            SegmentMovement actual = SparkScoring.movement(scored, simBundle).orElseThrow();
            assertEquals(expected.customers(), actual.customers());
            assertEquals(expected.moved(), actual.moved());
            assertEquals(expected.flows(), actual.flows());
            assertEquals(expected.toMap(), actual.toMap());
        }
    }

    @Test
    void aBundleFittedThirteenMonthsEarlierCountsMovementAndEmptyListsAsTheSingleJvm() {
        // the simulator acquires its customers in the first of its two years: 400 days before the end, about 100
        // of the 800 had not bought yet, so they are in no training segment
        SegmentationResult earlier = full(sim.log(), sim.simulator().unit()).asOf(simRun.asOf().minusDays(400)).run();
        ModelBundle bundle = saved(earlier);
        SegmentationResult single = BundleScorer.of(bundle).score(sim.log(), simRun.asOf());
        SegmentMovement movement = single.movement().orElseThrow();
        assertEquals(earlier.size(), movement.customers());
        assertTrue(movement.customers() < single.size(), movement::toString);
        Dataset<Row> scored = SparkScoring.score(Lines.of(spark, sim.log(), 3), bundle, simRun.asOf()).cache();
        assertEquals(movement.toMap(), SparkScoring.movement(scored, bundle).orElseThrow().toMap());
        // SparkLauncherIT checks a positive count (Online Retail, customers new since the fit)
        assertEquals(single.customers().stream().filter(p -> p.topItems().isEmpty()).count(),
                SparkScoring.customersWithoutItems(scored));
        scored.unpersist();
    }

    @Test
    void onlineRetailBundleSavedByTheSingleJvmScoresAsTheSingleJvm() {
        TransactionLog log = OnlineRetail.log();
        SegmentationResult run = full(log, java.time.Duration.ofDays(1)).run();
        ModelBundle bundle = saved(run);
        SegmentationResult single = BundleScorer.of(bundle).score(log, run.asOf());
        Dataset<Row> lines = Lines.of(spark, log, 1).cache();
        for (int partitions : new int[] {1, 3, 7}) {
            assertSameScores(single, SparkScoring.score(lines.repartition(partitions), bundle, run.asOf()));
        }
        // the score command's customers gain top_item_descriptions: the log's descriptions of the top items, as the
        // single JVM's customers.csv writes them
        Dataset<Row> scored = SparkScoring.score(lines.repartition(3), bundle, run.asOf());
        Dataset<Row> described = SparkScoring.withItemDescriptions(scored, lines.repartition(3));
        assertEquals(SegmentationResult.ITEM_DESCRIPTION_COLUMN,
                described.columns()[SparkScoring.CUSTOMER_SCHEMA.size()]);
        Map<String, Row> rows = new HashMap<>();
        for (Row r : described.collectAsList()) {
            rows.put(r.getString(0), r);
        }
        int withDescriptions = 0;
        for (int i = 0; i < single.size(); i++) {
            CustomerProfile e = single.customer(i);
            String expected = SegmentItems.descriptions(e.topItems(), id -> log.itemDescription(log.itemIndex(id))
                    .orElse(null));
            assertEquals(expected, rows.get(e.id()).getString(SparkScoring.CUSTOMER_SCHEMA.size()), e.id());
            withDescriptions += expected.isEmpty() ? 0 : 1;
        }
        assertTrue(withDescriptions > single.size() / 2, "customers with described top items: " + withDescriptions);
        // lines without the description column leave the customers as they are
        Dataset<Row> bare = lines.drop(SparkIngest.DESCRIPTION);
        assertEquals(SparkScoring.CUSTOMER_SCHEMA,
                SparkScoring.withItemDescriptions(SparkScoring.score(bare, bundle, run.asOf()), bare).schema());
        lines.unpersist();
    }

    @Test
    void aBtydModelFittedInSparkSavedInTheBundleScoresInTheSingleJvmAsTheSingleJvmFit() {
        LocalDate lastDay = simRun.asOf().minusDays(1);
        BtydModel single = simRun.transactionModel().orElseThrow();
        BgNbdModel fitted = null;
        for (int partitions : new int[] {1, 3, 7}) {
            SparkBtydSummary summary = SparkFeatures.btydSummary(Lines.of(spark, sim.log(), partitions),
                    BtydSummarizer.builder().end(lastDay).unit(sim.simulator().unit()).build());
            fitted = SparkBtyd.fit(BgNbd.builder().build(), summary);
            assertEquals(single.params(), fitted.params());
            assertEquals(Double.doubleToLongBits(single.logLikelihood()),
                    Double.doubleToLongBits(fitted.logLikelihood()));
        }
        ModelBundle.Builder b = ModelBundle.builder();
        for (String name : simBundle.names()) {
            b.put(name, name.equals("transactions") ? fitted : simBundle.models().get(name));
        }
        ModelBundle sparkFitted = (ModelBundle) ModelJson.fromJson(ModelJson.toJson(b.build()));
        assertSameScores(BundleScorer.of(simBundle).score(sim.log(), simRun.asOf()),
                BundleScorer.of(sparkFitted).score(sim.log(), simRun.asOf()));
    }

    /** Two single-JVM results with the same customers and scores, doubles bit for bit. */
    private static void assertSameScores(SegmentationResult expected, SegmentationResult actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            CustomerProfile e = expected.customer(i);
            CustomerProfile a = actual.customer(i);
            assertEquals(e.id(), a.id());
            assertEquals(e.segment(), a.segment(), e.id());
            assertEquals(Double.doubleToLongBits(e.aliveProbability()), Double.doubleToLongBits(a.aliveProbability()),
                    e.id());
            assertEquals(Double.doubleToLongBits(e.expectedPurchases()),
                    Double.doubleToLongBits(a.expectedPurchases()), e.id());
            assertEquals(Double.doubleToLongBits(e.clv()), Double.doubleToLongBits(a.clv()), e.id());
            assertEquals(Double.doubleToLongBits(e.churnProbability()), Double.doubleToLongBits(a.churnProbability()),
                    e.id());
        }
    }

    @Test
    void aBundleWithoutItsEntriesOrWithAWrongEntryIsRefusedBeforeAnyJob() {
        JobRecorder jobs = JobRecorder.attach(spark);
        Dataset<Row> lines = Lines.of(spark, sim.log(), 2);
        ModelBundle partial = ModelBundle.builder().put("encoder", simBundle.models().get("encoder"))
                .put("rfm", simBundle.models().get("rfm")).put("segments", simBundle.models().get("segments"))
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkScoring.score(lines, partial, simRun.asOf()));
        assertEquals("bundle must have the entries [encoder, rfm, segments, catalog, baseline] (a bundle saved by "
                + "run --save-models), found [encoder, rfm, segments]", e.getMessage());
        ModelBundle.Builder wrong = ModelBundle.builder();
        for (String name : simBundle.names()) {
            wrong.put(name, name.equals("rfm") ? simBundle.models().get("encoder") : simBundle.models().get(name));
        }
        e = assertThrows(IllegalArgumentException.class, () -> SparkScoring.score(lines, wrong.build(),
                simRun.asOf()));
        assertEquals("bundle entry rfm must be an rfm-segmenter model, found EncoderPipelineModel", e.getMessage());
        assertEquals(List.of(), jobs.descriptions());
    }

    @Test
    void linesWithoutAColumnAreRefusedBeforeAnyJob() {
        JobRecorder jobs = JobRecorder.attach(spark);
        Dataset<Row> lines = Lines.of(spark, sim.log(), 1).drop(SparkIngest.CUSTOMER_ID);
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> SparkScoring.score(lines, simBundle, simRun.asOf()));
        assertEquals("lines must have the column \"customer_id\" of SparkIngest.LINE_SCHEMA, found [line, invoice, "
                + "item, epoch_second, quantity, amount, channel, category, non_product, description]", e.getMessage());
        assertEquals(List.of(), jobs.descriptions());
    }

    @Test
    void linesWithoutTheCategoryOrChannelWhoseSharesTheBundleUsesAreRefusedBeforeTheScoringJob() {
        // an unmapped column is all null in LINE_SCHEMA; scored, every share would be 0 and customers would move
        Dataset<Row> lines = Lines.of(spark, sim.log(), 3);
        for (String column : List.of(SparkIngest.CATEGORY, SparkIngest.CHANNEL)) {
            Dataset<Row> without = lines.withColumn(column, functions.lit(null).cast(DataTypes.StringType));
            JobRecorder jobs = JobRecorder.attach(spark);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SparkScoring.score(without, simBundle, simRun.asOf()));
            assertEquals("lines must have a " + column + " column (the bundle's segments use " + column
                    + " shares; map it, e.g. --" + column + "), found none", e.getMessage());
            // refused on the driver after the date-range job, not by failed scoring tasks
            assertEquals(java.util.Set.of("scoring: date range"), new java.util.HashSet<>(jobs.descriptions()));
        }
    }

    @Test
    void aPartitionWithoutAnyCategoryScoresItsCustomersAsOneLogOfAllTheLines() {
        // only the first customer's lines have a category: with 7 partitions by customer most partitions have none,
        // yet the lines have the column, so their customers' category shares are 0, as in one log of all the lines
        TransactionLog log = sim.log();
        TransactionLog.Builder b = TransactionLog.builder();
        for (int r = 0; r < log.size(); r++) {
            int item = log.item(r);
            int invoice = log.invoice(r);
            int channel = log.channel(r);
            int category = log.customer(r) == 0 ? log.category(r) : -1;
            b.add(log.customerId(log.customer(r)), invoice < 0 ? null : log.invoiceId(invoice),
                    item < 0 ? null : log.itemId(item), log.epochSecond(r), log.quantity(r), log.amount(r),
                    channel < 0 ? null : log.channelId(channel), category < 0 ? null : log.categoryId(category));
        }
        TransactionLog sparse = b.build();
        assertTrue(sparse.hasCategory());
        LocalDate asOf = simRun.asOf();
        SegmentationResult single = BundleScorer.of(simBundle).score(sparse, asOf);
        Dataset<Row> lines = Lines.of(spark, sparse, 7);
        long partitionsWithCategory = lines.repartition(7, functions.col(SparkIngest.CUSTOMER_ID))
                .mapPartitions((org.apache.spark.api.java.function.MapPartitionsFunction<Row, Integer>) rows -> {
                    boolean any = false;
                    while (rows.hasNext()) {
                        any |= !rows.next().isNullAt(8);
                    }
                    return List.of(any ? 1 : 0).iterator();
                }, org.apache.spark.sql.Encoders.INT()).collectAsList().stream().mapToInt(Integer::intValue).sum();
        assertEquals(1, partitionsWithCategory);
        assertSameScores(single, SparkScoring.score(lines, simBundle, asOf));
    }

    @Test
    void emptyLinesAndAnAsOfDateOutOfRangeAreNamed() {
        Dataset<Row> empty = spark.createDataFrame(List.of(), SparkIngest.LINE_SCHEMA);
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> SparkScoring.score(empty, simBundle, simRun.asOf()));
        assertEquals("lines must have at least one row, found 0", e.getMessage());
        Dataset<Row> lines = Lines.of(spark, sim.log(), 2);
        LocalDate first = sim.log().firstDateTime().toLocalDate();
        IllegalArgumentException single = assertThrows(IllegalArgumentException.class,
                () -> BundleScorer.of(simBundle).score(sim.log(), first));
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
                () -> SparkScoring.score(lines, simBundle, first));
        assertEquals(single.getMessage(), a.getMessage());
        assertEquals("asOf must be after the first purchase date " + first + ", found " + first, a.getMessage());
        LocalDate late = simRun.asOf().plusDays(1);
        single = assertThrows(IllegalArgumentException.class, () -> BundleScorer.of(simBundle).score(sim.log(), late));
        a = assertThrows(IllegalArgumentException.class, () -> SparkScoring.score(lines, simBundle, late));
        assertEquals(single.getMessage(), a.getMessage());
    }

    @Test
    void jobsNameTheirStage() {
        JobRecorder jobs = JobRecorder.attach(spark);
        SparkScoring.score(Lines.of(spark, sim.log(), 2), simBundle, simRun.asOf()).count();
        assertTrue(jobs.descriptions().contains("scoring: date range"), jobs.descriptions()::toString);
    }
}
