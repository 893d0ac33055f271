package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.cluster.ClusterQuality;
import dev.segmentation.cluster.CovarianceType;
import dev.segmentation.cluster.GaussianMixture;
import dev.segmentation.cluster.GaussianMixtureModel;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.RfmSegmenterModel;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.GammaGamma;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.SimulatedRetail;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.drift.PopulationStabilityModel;
import dev.segmentation.features.CustomerFeatures;
import dev.segmentation.persist.ModelBundle;
import dev.segmentation.persist.ModelJson;
import dev.segmentation.pipeline.BundleScorer;
import dev.segmentation.pipeline.CustomerProfile;
import dev.segmentation.pipeline.LifetimeValue;
import dev.segmentation.pipeline.Segmentation;
import dev.segmentation.pipeline.SegmentCatalog;
import dev.segmentation.pipeline.SegmentItems;
import dev.segmentation.pipeline.SegmentSummary;
import dev.segmentation.pipeline.SegmentationResult;
import dev.segmentation.recommend.ItemKnn;
import dev.segmentation.recommend.ItemKnnNeighborsModel;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 21: the fluent pipeline in Spark agrees with the single-JVM Segmentation per customer. */
class SparkSegmentationTest {
    private static final Duration WEEK = Duration.ofDays(7);
    private static SparkSession spark;
    private static SimulatedRetail sim;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("SparkSegmentationTest");
        sim = RetailSimulator.builder().customers(600).seed(3).threads(2).build().generate();
    }

    @AfterAll
    static void stop() {
        SparkTestSession.release(spark);
    }

    private static Segmentation single(TransactionLog log) {
        return Segmentation.of(log).features(CustomerFeatures.Builder::behaviour)
                .segments(KMeans.builder().k(5).nInit(2).seed(42))
                .lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder()).horizon(Period.ofYears(1))
                        .annualDiscountRate(0.10).unit(WEEK))
                .churn(90, LogisticRegression.builder().l2(1.0)).recommend(ItemKnn.builder().neighbors(50), 10);
    }

    private static SparkSegmentation spark(Dataset<Row> lines) {
        return SparkSegmentation.of(lines).features(CustomerFeatures.Builder::behaviour)
                .segments(KMeans.builder().k(5).nInit(2).seed(42))
                .lifetimeValue(BgNbd.builder(), GammaGamma.builder(), Period.ofYears(1), 0.10, WEEK)
                .churn(90, LogisticRegression.builder().l2(1.0)).recommend(ItemKnn.builder().neighbors(50), 10);
    }

    /**
     * Per customer: R/F/M and RFM scores exactly, P(alive), expected purchases and CLV to 1e-9 relative, P(churn)
     * to 1e-6, the top items and their descriptions exactly; returns the single JVM's and the Spark segment of
     * each customer (in the single JVM's order).
     */
    private static int[][] assertAgrees(TransactionLog log, SegmentationResult expected,
            SparkSegmentationResult actual) {
        Dataset<Row> customers = actual.customers();
        assertEquals(log.hasItemDescriptions(), actual.hasItemDescriptions());
        StructType schema = log.hasItemDescriptions() ? SparkScoring.CUSTOMER_SCHEMA.add(
                SegmentationResult.ITEM_DESCRIPTION_COLUMN, DataTypes.StringType) : SparkScoring.CUSTOMER_SCHEMA;
        assertEquals(List.of(schema.fieldNames()), List.of(customers.schema().fieldNames()));
        Map<String, Row> rows = new HashMap<>();
        for (Row r : customers.collectAsList()) {
            assertEquals(null, rows.put(r.getString(0), r), r.getString(0));
        }
        assertEquals(expected.size(), rows.size());
        assertEquals(expected.size(), actual.size());
        double[] rec = expected.features().column(CustomerFeatures.RECENCY);
        double[] freq = expected.features().column(CustomerFeatures.FREQUENCY);
        double[] mon = expected.features().column(CustomerFeatures.MONETARY);
        int[] segE = new int[expected.size()];
        int[] segA = new int[expected.size()];
        for (int i = 0; i < expected.size(); i++) {
            CustomerProfile e = expected.customer(i);
            Row a = rows.get(e.id());
            assertTrue(a != null, e.id());
            assertEquals(e.recencyScore(), a.getInt(3), e.id());
            assertEquals(e.frequencyScore(), a.getInt(4), e.id());
            assertEquals(e.monetaryScore(), a.getInt(5), e.id());
            assertEquals(rec[i], a.getDouble(6), 0.0, e.id());
            assertEquals(freq[i], a.getDouble(7), 0.0, e.id());
            assertEquals(mon[i], a.getDouble(8), 0.0, e.id());
            assertClose(e.churnProbability(), a.getDouble(9), 1e-6, e.id() + " p_churn");
            assertClose(e.aliveProbability(), a.getDouble(10), 1e-9, e.id() + " p_alive");
            assertClose(e.expectedPurchases(), a.getDouble(11), 1e-9, e.id() + " expected_purchases");
            assertClose(e.clv(), a.getDouble(12), 1e-9, e.id() + " clv");
            assertEquals(String.join(" ", e.topItems()), a.getString(13), e.id() + " top_items");
            if (log.hasItemDescriptions()) {
                // as the single JVM's customers.csv writes them: the log's descriptions of the top items
                assertEquals(SegmentItems.descriptions(e.topItems(), id -> log.itemDescription(log.itemIndex(id))
                        .orElse(null)), a.getString(14), e.id() + " top_item_descriptions");
            }
            segE[i] = e.segment();
            segA[i] = a.getInt(1);
        }
        return new int[][] {segE, segA};
    }

    /** The segments whose members are the same in both assignments (ids in [0, k)). */
    private static List<Integer> sameMembers(int[] segE, int[] segA, int k) {
        boolean[] differs = new boolean[k];
        for (int i = 0; i < segE.length; i++) {
            if (segE[i] != segA[i]) {
                differs[segE[i]] = true;
                differs[segA[i]] = true;
            }
        }
        List<Integer> out = new java.util.ArrayList<>();
        for (int s = 0; s < k; s++) {
            if (!differs[s]) {
                out.add(s);
            }
        }
        return out;
    }

    private static void assertClose(double expected, double actual, double relative, String what) {
        assertTrue(Math.abs(expected - actual) <= relative * Math.max(Math.abs(expected), Double.MIN_NORMAL),
                what + ": expected " + expected + ", found " + actual);
    }

    @Test
    void onlineRetailAgreesWithTheSingleJvmPerCustomerWithOneAndThreePartitions() {
        TransactionLog log = OnlineRetail.log();
        long t0 = System.nanoTime();
        SegmentationResult expected = single(log).run();
        System.err.println("single JVM run: " + (System.nanoTime() - t0) / 1e6 + " ms");
        Dataset<Row> lines = Lines.of(spark, log, 1).cache();
        for (int partitions : new int[] {1, 3}) {
            long t1 = System.nanoTime();
            JobRecorder jobs = JobRecorder.attach(spark);
            Dataset<Row> parts = lines.repartition(partitions).cache();
            SparkSegmentationResult actual = spark(parts).run();
            System.err.println("spark run: " + (System.nanoTime() - t1) / 1e6 + " ms");
            int[][] segments = assertAgrees(log, expected, actual);
            double ari = ClusterQuality.adjustedRandIndex(segments[0], segments[1]);
            System.err.printf("Online Retail, %s partitions: adjusted Rand index of the segments %s; timings %s; "
                    + "jobs %s%n", partitions, ari, actual.timings(), jobs.descriptions().size());
            // the same k-means settings on the same encoded features up to rounding, from another row order
            assertTrue(ari > 0.5, "adjusted Rand index " + ari);
            assertSameFittedEncodings(expected.models(), actual.models());
            assertEquals(List.of("validate", "features", "segments", "lifetimeValue", "churn", "recommendations",
                    "summaries"), List.copyOf(actual.timings().keySet()));
            assertTrue(actual.customers().filter("top_items = ''").isEmpty(), "a customer without top items");
            assertEquals(5, actual.segments().size());
            long size = 0;
            for (SparkSegmentationResult.Segment s : actual.segments()) {
                size += s.size();
                // the item columns are filled (their values against the single JVM's: SparkSegmentItemsTest)
                assertEquals(SegmentItems.TOP_ITEMS, s.topItems().size(), s.name());
                assertTrue(Double.isFinite(s.valueAtRisk()) && s.valueAtRisk() > 0, s.name());
                for (String id : s.topItems()) {
                    assertEquals(log.itemDescription(log.itemIndex(id)).orElse(null), s.itemDescriptions().get(id),
                            id);
                }
            }
            // a segment with the single JVM's members and id has its item columns and descriptions (on other
            // members too, the rules are the same: SparkSegmentItemsTest)
            List<Integer> same = sameMembers(segments[0], segments[1], 5);
            System.err.printf("segments with the single JVM's members: %s%n", same);
            assertTrue(!same.isEmpty(), "no segment with the single JVM's members");
            for (int s : same) {
                SegmentSummary e = expected.segments().get(s);
                SparkSegmentationResult.Segment a = actual.segments().get(s);
                assertEquals(e.segment(), a.segment());
                // naming22: the medians and the lapsed and overdue shares of the same members
                assertEquals(e.rfmMedians(), a.medians(), a.name());
                assertEquals(e.topItems(), a.topItems(), a.name());
                assertEquals(e.distinctiveItems(), a.distinctiveItems(), a.name());
                assertEquals(e.itemDescriptions(), a.itemDescriptions(), a.name());
                // the members' CLV and P(churn) agree to 1e-9 and 1e-6 relative (assertAgrees), so the sum does
                assertClose(e.valueAtRisk(), a.valueAtRisk(), 1e-6, a.name() + " value at risk");
            }
            assertEquals(expected.size(), size);
            for (int s = 1; s < 5; s++) {
                assertTrue(actual.segments().get(s - 1).meanClv() >= actual.segments().get(s).meanClv());
            }
            actual.unpersist();
            parts.unpersist();
        }
        lines.unpersist();
    }

    /** The RFM edges and the drift baseline are exact order statistics: equal to the single JVM's fits. */
    private static void assertSameFittedEncodings(ModelBundle expected, ModelBundle actual) {
        RfmSegmenterModel e = (RfmSegmenterModel) expected.models().get("rfm");
        RfmSegmenterModel a = (RfmSegmenterModel) actual.models().get("rfm");
        assertEquals(e.table(), a.table());
        for (String c : List.of(CustomerFeatures.RECENCY, CustomerFeatures.FREQUENCY, CustomerFeatures.MONETARY)) {
            assertArrayEquals(e.binner().edges(c), a.binner().edges(c), c);
        }
        PopulationStabilityModel pe = (PopulationStabilityModel) expected.models().get("baseline");
        PopulationStabilityModel pa = (PopulationStabilityModel) actual.models().get("baseline");
        for (String c : pe.binner().columns()) {
            assertArrayEquals(pe.binner().edges(c), pa.binner().edges(c), c);
        }
        assertArrayEquals(pe.shares(), pa.shares());
    }

    @Test
    void theSparkBundleScoresInTheSingleJvmAsTheSparkCustomers() {
        Dataset<Row> lines = Lines.of(spark, sim.log(), 3);
        SparkSegmentationResult r = spark(lines).run();
        ModelBundle saved = (ModelBundle) ModelJson.fromJson(ModelJson.toJson(r.models()));
        SegmentationResult single = BundleScorer.of(saved).score(sim.log(), r.asOf());
        Map<String, Row> rows = assertSegmentsAsInSpark(r, single);
        for (int i = 0; i < single.size(); i++) {
            CustomerProfile e = single.customer(i);
            Row a = rows.get(e.id());
            assertEquals(Double.doubleToLongBits(e.churnProbability()), Double.doubleToLongBits(a.getDouble(9)));
            assertEquals(Double.doubleToLongBits(e.clv()), Double.doubleToLongBits(a.getDouble(12)));
            assertEquals(String.join(" ", e.topItems()), a.getString(13), e.id());
        }
        assertTrue(saved.models().get("recommender") instanceof ItemKnnNeighborsModel);
        assertEquals(0, ((SegmentCatalog) saved.models().get("catalog")).recommenderCustomers().length);
        r.unpersist();
    }

    /**
     * The recommendations stage alone (with segments, which every run has) on the simulator: the top 10 items of
     * every customer equal the single JVM's item kNN with the same settings, with 1 and 3 partitions. The
     * simulator's log numbers its whole catalogue in order (not in line order), and the item index decides ties
     * between equal scores, so the Spark run is given that order.
     */
    @Test
    void recommendationsEqualTheSingleJvmOnTheSimulatorWithOneAndThreePartitions() {
        SegmentationResult expected = Segmentation.of(sim.log()).segments(KMeans.builder().k(3).nInit(1).seed(7))
                .recommend(ItemKnn.builder().neighbors(20).shrink(1.0), 10).run();
        List<String> catalogue = SparkSimulator.itemIds(sim.simulator());
        assertEquals(sim.log().itemCount(), catalogue.size());
        for (int j = 0; j < catalogue.size(); j++) {
            assertEquals(sim.log().itemId(j), catalogue.get(j));
        }
        for (int partitions : new int[] {1, 3}) {
            SparkSegmentationResult actual = SparkSegmentation.of(Lines.of(spark, sim.log(), partitions))
                    .segments(KMeans.builder().k(3).nInit(1).seed(7)).itemOrder(catalogue)
                    .recommend(ItemKnn.builder().neighbors(20).shrink(1.0), 10).run();
            Map<String, String> top = new HashMap<>();
            for (Row r : actual.customers().select("customer_id", "top_items").collectAsList()) {
                top.put(r.getString(0), r.getString(1));
            }
            assertEquals(expected.size(), top.size());
            for (int i = 0; i < expected.size(); i++) {
                CustomerProfile e = expected.customer(i);
                assertEquals(10, e.topItems().size(), e.id());
                assertEquals(String.join(" ", e.topItems()), top.get(e.id()), e.id() + ", " + partitions
                        + " partitions");
            }
            // naming22: without the behaviour features the overdue share comes from gaps computed from the logs,
            // as in the single JVM: the segments with the same members have the same medians and shares
            Map<String, Integer> segmentOf = new HashMap<>();
            for (Row r : actual.customers().select("customer_id", "segment").collectAsList()) {
                segmentOf.put(r.getString(0), r.getInt(1));
            }
            int[] segE = new int[expected.size()];
            int[] segA = new int[expected.size()];
            for (int i = 0; i < expected.size(); i++) {
                segE[i] = expected.customer(i).segment();
                segA[i] = segmentOf.get(expected.customer(i).id());
            }
            List<Integer> same = sameMembers(segE, segA, 3);
            assertFalse(same.isEmpty(), partitions + " partitions: no segment with the single JVM's members");
            for (int s : same) {
                assertEquals(expected.segments().get(s).rfmMedians(), actual.segments().get(s).medians(),
                        partitions + " partitions, segment " + s);
            }
            assertTrue(expected.segments().stream().anyMatch(s -> s.rfmMedians().overdueShare() > 0));
            actual.unpersist();
        }
    }

    /** A mixture's settings per covariance type: full with two runs (the best kept), the others with one. */
    private static GaussianMixture.Builder mixture(CovarianceType type) {
        return GaussianMixture.builder().k(4).covariance(type).nInit(type == CovarianceType.FULL ? 2 : 1).seed(42);
    }

    /** The simulator's single-JVM mixture run per covariance type, each computed once for the class. */
    private static final Map<CovarianceType, SegmentationResult> SINGLE_MIXTURE = new EnumMap<>(CovarianceType.class);
    /** The simulator's Spark mixture runs by covariance type and partitions, each computed once for the class. */
    private static final Map<String, SparkSegmentationResult> SPARK_MIXTURE = new HashMap<>();

    private static SegmentationResult singleMixture(CovarianceType type) {
        return SINGLE_MIXTURE.computeIfAbsent(type, t -> Segmentation.of(sim.log())
                .features(CustomerFeatures.Builder::behaviour).segments(mixture(t)).run());
    }

    private static SparkSegmentationResult sparkMixture(CovarianceType type, int partitions) {
        return SPARK_MIXTURE.computeIfAbsent(type + "/" + partitions, key -> SparkSegmentation
                .of(Lines.of(spark, sim.log(), partitions)).features(CustomerFeatures.Builder::behaviour)
                .segments(mixture(type)).run());
    }

    /**
     * Gaussian-mixture segments (no lifetime value: renumbered by mean monetary value) equal the single JVM's: the
     * same start, so the log-likelihood of every EM iteration agrees to 1e-9 relative, with the same iterations,
     * and the segments have adjusted Rand index 1 with the same ids. Each covariance type once, with 1 and 3
     * partitions between them (one Spark run per configuration, shared with the bundle test).
     */
    @Test
    void mixtureSegmentsAgreeWithTheSingleJvmForEachCovarianceTypeWithOneAndThreePartitions() {
        Object[][] runs = {{CovarianceType.FULL, 3}, {CovarianceType.DIAGONAL, 1}, {CovarianceType.SPHERICAL, 3}};
        for (Object[] run : runs) {
            CovarianceType type = (CovarianceType) run[0];
            int partitions = (Integer) run[1];
            String what = type + ", " + partitions + " partitions";
            SegmentationResult expected = singleMixture(type);
            SparkSegmentationResult actual = sparkMixture(type, partitions);
            GaussianMixtureModel e = (GaussianMixtureModel) expected.models().models().get("segments");
            GaussianMixtureModel a = (GaussianMixtureModel) actual.models().models().get("segments");
            assertEquals(type, a.covarianceType(), what);
            // trainer() is the provenance's description (format v3): the Spark fit's records its engine as well
            assertTrue(a.trainer().endsWith(", engine=spark}"), what + ": " + a.trainer());
            assertEquals(e.trainer(), a.trainer().replace(", engine=spark}", "}"), what);
            assertEquals(e.iterations(), a.iterations(), what);
            assertEquals(e.converged(), a.converged(), what);
            double[] x = e.logLikelihoods();
            double[] y = a.logLikelihoods();
            assertEquals(x.length, y.length, what);
            for (int i = 0; i < x.length; i++) {
                assertClose(x[i], y[i], 1e-9, what + ", log-likelihood of iteration " + (i + 1));
            }
            assertEquals(List.of("validate", "features", "segments", "summaries"),
                    List.copyOf(actual.timings().keySet()), what);
            Map<String, Row> rows = new HashMap<>();
            for (Row r : actual.customers().collectAsList()) {
                rows.put(r.getString(0), r);
            }
            assertEquals(expected.size(), rows.size(), what);
            int[] segE = new int[expected.size()];
            int[] segA = new int[expected.size()];
            for (int i = 0; i < expected.size(); i++) {
                segE[i] = expected.customer(i).segment();
                segA[i] = rows.get(expected.customer(i).id()).getInt(1);
            }
            assertEquals(1.0, ClusterQuality.adjustedRandIndex(segE, segA), what);
            assertArrayEquals(segE, segA, what);
            assertEquals(expected.segments().size(), actual.segments().size(), what);
            for (int s = 0; s < actual.segments().size(); s++) {
                assertEquals(expected.segments().get(s).size(), actual.segments().get(s).size(), what);
                // naming22: the medians, lapsed and overdue shares (from the mean gap feature) and so the names
                assertEquals(expected.segments().get(s).rfmMedians(), actual.segments().get(s).medians(), what);
                assertEquals(expected.segments().get(s).name(), actual.segments().get(s).name(), what);
                assertEquals(expected.segments().get(s).action().label(), actual.segments().get(s).action(), what);
                if (s > 0) {
                    assertTrue(actual.segments().get(s - 1).revenue() / actual.segments().get(s - 1).size()
                            >= actual.segments().get(s).revenue() / actual.segments().get(s).size(), what);
                }
            }
        }
    }

    /** The bundle holds the renumbered mixture; the single-JVM BundleScorer gives every customer its Spark row. */
    @Test
    void theSparkMixtureBundleScoresInTheSingleJvmAsTheSparkCustomers() {
        SparkSegmentationResult r = sparkMixture(CovarianceType.FULL, 3);
        ModelBundle saved = (ModelBundle) ModelJson.fromJson(ModelJson.toJson(r.models()));
        GaussianMixtureModel model = (GaussianMixtureModel) saved.models().get("segments");
        assertEquals(4, model.k());
        assertEquals("spark", model.provenance().settings().get("engine"));
        assertSegmentsAsInSpark(r, BundleScorer.of(saved).score(sim.log(), r.asOf()));
    }

    /**
     * Checks that every customer of the single-JVM result (the Spark bundle applied to the same lines) has the
     * Spark row's segment, segment name and recency and monetary scores; returns the Spark rows by customer id.
     */
    private static Map<String, Row> assertSegmentsAsInSpark(SparkSegmentationResult r, SegmentationResult single) {
        Map<String, Row> rows = new HashMap<>();
        for (Row row : r.customers().collectAsList()) {
            rows.put(row.getString(0), row);
        }
        assertEquals(single.size(), rows.size());
        for (int i = 0; i < single.size(); i++) {
            CustomerProfile e = single.customer(i);
            Row a = rows.get(e.id());
            assertEquals(e.segment(), a.getInt(1), e.id());
            assertEquals(e.segmentName(), a.getString(2), e.id());
            assertEquals(e.recencyScore(), a.getInt(3), e.id());
            assertEquals(e.monetaryScore(), a.getInt(5), e.id());
        }
        return rows;
    }

    @Test
    void aBadConfigurationIsRefusedBeforeAnyJobWithTheSingleJvmMessage() {
        JobRecorder jobs = JobRecorder.attach(spark);
        Dataset<Row> lines = Lines.of(spark, sim.log(), 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkSegmentation.of(lines).features(f -> null).segments(KMeans.builder().k(3)).run());
        assertEquals("features: features must return the builder, found null", e.getMessage());
        assertEquals(e.getMessage(), assertThrows(IllegalArgumentException.class,
                () -> Segmentation.of(sim.log()).features(f -> null).run()).getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkSegmentation.of(lines)
                .segments(KMeans.builder().k(3)).churn(0, LogisticRegression.builder()).run());
        assertEquals("churn: horizonDays must be >= 1, found 0", e.getMessage());
        assertEquals(e.getMessage(), assertThrows(IllegalArgumentException.class, () -> Segmentation.of(sim.log())
                .churn(0, LogisticRegression.builder()).run()).getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkSegmentation.of(lines)
                .segments(KMeans.builder().k(3)).lifetimeValue(BgNbd.builder(), GammaGamma.builder(),
                        Period.ofYears(1), -0.5, WEEK).run());
        assertEquals("lifetimeValue: annualDiscountRate must be finite and >= 0, found -0.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkSegmentation.of(lines)
                .segments(KMeans.builder().k(3)).recommend(ItemKnn.builder(), 0).run());
        assertEquals("recommendations: n must be >= 1, found 0", e.getMessage());
        assertEquals(e.getMessage(), assertThrows(IllegalArgumentException.class, () -> Segmentation.of(sim.log())
                .recommend(ItemKnn.builder(), 0).run()).getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkSegmentation.of(lines)
                .segments(KMeans.builder().k(3)).recommend(ItemKnn.builder(), 5, 0).run());
        assertEquals("recommendations: maxItemsPerCustomer must be >= 1, found 0", e.getMessage());
        assertEquals(List.of(), jobs.descriptions());
    }

    @Test
    void dataChecksNameTheStageAsTheSingleJvm() {
        Dataset<Row> lines = Lines.of(spark, sim.log(), 2);
        int customers = sim.log().activeCustomerCount();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkSegmentation.of(lines).segments(KMeans.builder().k(customers + 1)).run());
        assertEquals("segments: k must be <= the number of customers " + customers + ", found " + (customers + 1),
                e.getMessage());
        assertEquals(e.getMessage(), assertThrows(IllegalArgumentException.class, () -> Segmentation
                .of(sim.log()).segments(KMeans.builder().k(customers + 1)).run()).getMessage());
        assertEquals(e.getMessage(), assertThrows(IllegalArgumentException.class, () -> SparkSegmentation.of(lines)
                .segments(GaussianMixture.builder().k(customers + 1)).run()).getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkSegmentation.of(lines)
                .segments(KMeans.builder().k(3)).churn(5000, LogisticRegression.builder()).run());
        assertEquals(assertThrows(IllegalArgumentException.class, () -> Segmentation.of(sim.log())
                .segments(KMeans.builder().k(3)).churn(5000, LogisticRegression.builder()).run()).getMessage(),
                e.getMessage());
        assertTrue(e.getMessage().startsWith("churn: horizonDays must be < "), e.getMessage());
        LocalDate first = sim.log().firstDateTime().toLocalDate();
        e = assertThrows(IllegalArgumentException.class, () -> SparkSegmentation.of(lines).asOf(first)
                .segments(KMeans.builder().k(3)).run());
        assertEquals("asOf must be after the first purchase date " + first + ", found " + first, e.getMessage());
    }
}
