package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.cluster.KMeans;
import dev.segmentation.clv.BtydHistogram;
import dev.segmentation.clv.BtydHoldoutHistogram;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.pipeline.LifetimeValue;
import dev.segmentation.pipeline.LifetimeValueReport;
import dev.segmentation.pipeline.Segmentation;
import dev.segmentation.pipeline.SegmentationResult;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: the lifetime-value stage's holdout choice of the transaction model in Spark (histograms built per
 * partition and merged, then {@link LifetimeValue#fitTransactionModel} on the driver) is the single JVM's: the
 * chosen model, the dropout weight, every candidate's figures and fitted parameters, and the warnings.
 */
class SparkTransactionModelChoiceTest {
    private static final Duration WEEK = Duration.ofDays(7);
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("SparkTransactionModelChoiceTest");
    }

    @AfterAll
    static void stop() {
        SparkTestSession.release(spark);
    }

    /** The single-JVM run's lifetime-value configuration: the choice on a holdout, one year at 10 % in weeks. */
    private static LifetimeValue config() {
        return LifetimeValue.chosenByHoldout().horizon(Period.ofYears(1)).annualDiscountRate(0.10).unit(WEEK);
    }

    /** The single JVM's pipeline with the lifetime-value stage (two k-means segments: the cheapest segments). */
    private static SegmentationResult single(TransactionLog log) {
        return Segmentation.of(log).segments(KMeans.builder().k(2).nInit(1).seed(1)).lifetimeValue(config()).run();
    }

    @Test
    void onTheSimulatorTheSparkRunChoosesAsTheSingleJvmWithThreeAndTheStageWithOnePartition() {
        TransactionLog log = RetailSimulator.builder().customers(600).seed(11).threads(2).build().generate().log();
        SegmentationResult expected = single(log);
        // the whole Spark pipeline on 3 partitions
        Dataset<Row> lines = Lines.of(spark, log, 3).cache();
        SparkSegmentationResult actual = SparkSegmentation.of(lines).segments(KMeans.builder().k(2).nInit(1)
                .seed(1)).lifetimeValue(config()).run();
        assertSameChoice(expected, actual.lifetimeValueReport().orElseThrow(), actual.warnings(),
                (BtydModel) actual.models().models().get("transactions"), "simulator, 3 partitions");
        actual.unpersist();
        lines.unpersist();
        // the stage's aggregates on 1 partition (a whole pipeline's other stages cost seconds more)
        Dataset<Row> one = Lines.of(spark, log, 1).cache();
        LocalDate first = log.firstDateTime().toLocalDate();
        LocalDate lastDay = log.lastDateTime().toLocalDate();
        LifetimeValue ltv = config();
        BtydHistogram all = SparkBtyd.histogram(SparkFeatures.btydSummary(one, BtydSummarizer.builder()
                .end(lastDay).unit(WEEK).build()));
        BtydHoldoutHistogram calibration = SparkBtyd.holdoutHistogram(SparkFeatures.btydSummary(one,
                BtydSummarizer.builder().end(lastDay).calibrationEnd(ltv.holdoutCalibrationEnd(first, lastDay)
                        .orElseThrow()).unit(WEEK).build()));
        LifetimeValue.TransactionModelFit fit = ltv.fitTransactionModel(all, calibration, first, lastDay);
        assertSameChoice(expected, fit.report(), fit.warnings(), fit.model(), "simulator, 1 partition");
        one.unpersist();
    }

    @Test
    void onOnlineRetailTheChoiceFromSparkHistogramsIsTheSingleJvmsWithOneAndThreePartitions() {
        TransactionLog log = OnlineRetail.log();
        SegmentationResult expected = single(log);
        LocalDate first = log.firstDateTime().toLocalDate();
        LocalDate lastDay = log.lastDateTime().toLocalDate();
        LifetimeValue ltv = config();
        LocalDate calibrationEnd = ltv.holdoutCalibrationEnd(first, lastDay).orElseThrow();
        assertEquals(expected.lifetimeValueReport().orElseThrow().calibrationEnd().orElseThrow(), calibrationEnd);
        BtydSummarizer allSummarizer = BtydSummarizer.builder().end(lastDay).unit(WEEK).build();
        BtydSummarizer calSummarizer = BtydSummarizer.builder().end(lastDay).calibrationEnd(calibrationEnd)
                .unit(WEEK).build();
        BtydHistogram allExpected = BtydHistogram.of(allSummarizer.summarize(log));
        BtydSummary cal = calSummarizer.summarize(log);
        BtydHoldoutHistogram calExpected = BtydHoldoutHistogram.of(cal);
        Dataset<Row> base = Lines.of(spark, log, 1).cache();
        for (int partitions : new int[] {1, 3}) {
            Dataset<Row> lines = base.repartition(partitions).cache();
            BtydHistogram all = SparkBtyd.histogram(SparkFeatures.btydSummary(lines, allSummarizer));
            BtydHoldoutHistogram calibration = SparkBtyd.holdoutHistogram(SparkFeatures.btydSummary(lines,
                    calSummarizer));
            // the single JVM's histograms entry for entry: the choice, a function of them alone, is then the
            // single JVM's whatever the partitioning; it is run once (its nine fits cost seconds), on 3 partitions
            assertSameHistogram(allExpected, all);
            assertSameHoldoutHistogram(calExpected, calibration);
            if (partitions == 3) {
                LifetimeValue.TransactionModelFit fit = ltv.fitTransactionModel(all, calibration, first, lastDay);
                assertSameChoice(expected, fit.report(), fit.warnings(), fit.model(), "Online Retail, "
                        + partitions + " partitions");
            }
            lines.unpersist();
        }
        base.unpersist();
    }

    @Test
    void aSummaryWithoutHoldoutColumnsIsRefused() {
        TransactionLog log = RetailSimulator.builder().customers(20).seed(1).build().generate().log();
        SparkBtydSummary s = SparkFeatures.btydSummary(Lines.of(spark, log, 1), BtydSummarizer.builder()
                .end(log.lastDateTime().toLocalDate()).build());
        assertEquals("summary must have holdout columns, found none", assertThrows(IllegalArgumentException.class,
                () -> SparkBtyd.holdoutHistogram(s)).getMessage());
    }

    @Test
    void aCustomTrainerIsRefusedBeforeAnyJob() {
        LifetimeValue custom = LifetimeValue.of((l, asOf) -> {
            throw new AssertionError("not fitted");
        });
        TransactionLog log = RetailSimulator.builder().customers(20).seed(1).build().generate().log();
        JobRecorder jobs = JobRecorder.attach(spark);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkSegmentation.of(
                Lines.of(spark, log, 1)).segments(KMeans.builder().k(2)).lifetimeValue(custom).run());
        assertTrue(e.getMessage().startsWith("lifetimeValue: lifetimeValue must be a BTYD configuration to be "
                + "fitted from aggregates, found a custom trainer "), e.getMessage());
        assertEquals(List.of(), jobs.descriptions());
    }

    /**
     * The chosen model and dropout weight exactly; every figure of the report (each candidate's parameters,
     * calibration log-likelihood, holdout figures, dropout grid) and the fitted model's parameters to 1e-9
     * relative; the lifetime-value warnings word for word.
     */
    private static void assertSameChoice(SegmentationResult expected, LifetimeValueReport report,
            List<String> warnings, BtydModel model, String what) {
        LifetimeValueReport e = expected.lifetimeValueReport().orElseThrow();
        assertEquals(e.model(), report.model(), what);
        assertEquals(used(e), used(report), what + ": dropout weight used");
        assertTrue(e.candidates().size() == 3, what);
        double[] max = {0};
        assertSameFigures(e.toMap(), report.toMap(), what + ": lifetimeValue", max);
        BtydModel m = expected.transactionModel().orElseThrow();
        assertEquals(m.name(), model.name(), what);
        assertSameFigures(m.params(), model.params(), what + ": params", max);
        assertEquals(expected.warnings().stream().filter(w -> w.startsWith("lifetimeValue:")).toList(), warnings,
                what);
        System.err.printf("%s: chose %s at dropout weight %s; largest relative difference of a figure %s%n", what,
                report.model(), used(report), max[0]);
    }

    private static double used(LifetimeValueReport r) {
        for (LifetimeValueReport.Candidate c : r.candidates()) {
            if (c.chosen()) {
                return c.dropoutPrior().map(LifetimeValueReport.DropoutPrior::used).orElse(Double.NaN);
            }
        }
        throw new AssertionError("no candidate chosen in " + r);
    }

    /** Equal maps and lists, with numbers within 1e-9 relative (the largest difference kept in {@code max[0]}). */
    private static void assertSameFigures(Object expected, Object actual, String where, double[] max) {
        if (expected instanceof Map<?, ?> e) {
            Map<?, ?> a = (Map<?, ?>) actual;
            assertEquals(e.keySet(), a.keySet(), where);
            for (Object k : e.keySet()) {
                assertSameFigures(e.get(k), a.get(k), where + "." + k, max);
            }
        } else if (expected instanceof List<?> e) {
            List<?> a = (List<?>) actual;
            assertEquals(e.size(), a.size(), where);
            for (int i = 0; i < e.size(); i++) {
                assertSameFigures(e.get(i), a.get(i), where + "[" + i + "]", max);
            }
        } else if (expected instanceof Double e && actual instanceof Double a && !e.equals(a)) {
            double diff = Math.abs(e - a) / Math.max(Math.abs(e), Double.MIN_NORMAL);
            assertTrue(diff <= 1e-9, where + ": expected " + e + ", found " + a);
            max[0] = Math.max(max[0], diff);
        } else {
            assertEquals(expected, actual, where);
        }
    }

    private static void assertSameHistogram(BtydHistogram e, BtydHistogram a) {
        assertEquals(e.size(), a.size());
        for (int k = 0; k < e.size(); k++) {
            assertEquals(List.of(e.frequency(k), e.recency(k), e.T(k), e.weight(k)),
                    List.of(a.frequency(k), a.recency(k), a.T(k), a.weight(k)), "entry " + k);
        }
    }

    private static void assertSameHoldoutHistogram(BtydHoldoutHistogram e, BtydHoldoutHistogram a) {
        assertEquals(e.size(), a.size());
        assertEquals(e.customers(), a.customers());
        assertEquals(e.holdout(), a.holdout(), 0.0);
        for (int k = 0; k < e.size(); k++) {
            assertEquals(List.of(e.frequency(k), e.recency(k), e.T(k), e.holdoutFrequency(k), (double) e.count(k)),
                    List.of(a.frequency(k), a.recency(k), a.T(k), a.holdoutFrequency(k), (double) a.count(k)),
                    "row " + k);
        }
    }
}
