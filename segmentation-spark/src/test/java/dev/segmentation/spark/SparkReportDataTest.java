package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.GammaGamma;
import dev.segmentation.data.CsvPreset;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionCsv;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.CustomerFeatures;
import dev.segmentation.persist.ModelBundle;
import dev.segmentation.persist.ModelJson;
import dev.segmentation.pipeline.BundleScorer;
import dev.segmentation.pipeline.SegmentationResult;
import dev.segmentation.report.HtmlReport;
import dev.segmentation.report.ReportData;
import dev.segmentation.testing.SharedData;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: the report's figures computed in Spark equal the single JVM's {@link ReportData#of} on the same data,
 * segments and scores (the single-JVM result scores the lines with the Spark run's bundle, so that both have the
 * same segments): counts exactly, sums and means to 1e-9 relative, P(churn) means to 1e-6.
 */
class SparkReportDataTest {
    private static final Duration WEEK = Duration.ofDays(7);
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("SparkReportDataTest");
    }

    @AfterAll
    static void stop() {
        SparkTestSession.release(spark);
    }

    private static SparkSegmentation pipeline(Dataset<Row> lines) {
        return SparkSegmentation.of(lines).features(CustomerFeatures.Builder::behaviour)
                .segments(KMeans.builder().k(5).nInit(2).seed(42))
                .lifetimeValue(BgNbd.builder(), GammaGamma.builder(), Period.ofYears(1), 0.10, WEEK)
                .churn(90, LogisticRegression.builder().l2(1.0));
    }

    @Test
    void simulatorFiguresEqualTheSingleJvmOnes() {
        TransactionLog log = RetailSimulator.builder().customers(800).seed(5).threads(2).build().generate().log();
        assertSameFigures(log, 3);
    }

    @Test
    void onlineRetailFiguresEqualTheSingleJvmOnes() {
        Path file = SharedData.file("online-retail/online_retail.csv.gz");
        TransactionLog log = TransactionCsv.read(file, CsvPreset.ONLINE_RETAIL.runOptions(file)).log();
        assertSameFigures(log, 2);
    }

    private static void assertSameFigures(TransactionLog log, int partitions) {
        Dataset<Row> lines = Lines.of(spark, log, partitions).cache();
        SparkSegmentationResult run = pipeline(lines).run();
        ModelBundle saved = (ModelBundle) ModelJson.fromJson(ModelJson.toJson(run.models()));
        SegmentationResult single = BundleScorer.of(saved).score(log, run.asOf());
        JobRecorder jobs = JobRecorder.attach(spark);
        ReportData a = SparkReportData.of(run, lines, 90, "", List.of("a warning"));
        // its own aggregates, and the BTYD summary's date check
        assertTrue(jobs.descriptions().stream().allMatch(d -> d.startsWith("report: ")
                || d.equals("features: date range")), jobs.descriptions().toString());
        // issue 21: the run's lines (arranged by customer) read by one job for their count and range, the
        // segments' revenue and the purchase days
        assertEquals(1, jobs.descriptions().stream().filter(d -> d.equals("report: lines")).count(),
                jobs.descriptions().toString());
        assertFalse(jobs.descriptions().contains("report: revenue")
                || jobs.descriptions().contains("report: purchase days")
                || jobs.descriptions().contains("report: first purchases per day"), jobs.descriptions().toString());
        ReportData e = ReportData.of(single);

        assertEquals(e.asOf(), a.asOf());
        assertEquals(e.customers(), a.customers());
        assertEquals(e.lines(), a.lines());
        assertEquals(e.firstDate(), a.firstDate());
        assertEquals(e.lastDate(), a.lastDate());
        assertEquals(List.of("a warning"), a.warnings());
        close(e.totals().revenue(), a.totals().revenue(), 1e-9, "revenue");
        close(e.totals().clv().orElseThrow(), a.totals().clv().orElseThrow(), 1e-9, "clv");
        close(e.totals().valueAtRisk().orElseThrow(), a.totals().valueAtRisk().orElseThrow(), 1e-6, "at risk");
        assertArrayEquals(e.rfmCounts(), a.rfmCounts());
        for (int f = 0; f < 5; f++) {
            for (int r = 0; r < 5; r++) {
                close(e.rfmSpend()[f][r], a.rfmSpend()[f][r], 1e-9, "spend F" + (f + 1) + " R" + (r + 1));
            }
        }
        assertEquals(e.features(), a.features());
        for (int j = 0; j < e.features().size(); j++) {
            close(e.featureMeans()[j], a.featureMeans()[j], 1e-9, "mean " + e.features().get(j));
        }
        assertEquals(e.segments().size(), a.segments().size());
        for (int s = 0; s < e.segments().size(); s++) {
            ReportData.Segment x = e.segments().get(s);
            ReportData.Segment y = a.segments().get(s);
            String what = "segment " + x.segment();
            assertEquals(x.segment(), y.segment(), what);
            assertEquals(x.name(), y.name(), what);
            assertEquals(x.size(), y.size(), what);
            assertEquals(x.members(), y.members(), what);
            assertEquals(x.share(), y.share(), 1e-12, what);
            assertEquals(x.action(), y.action(), what);
            close(x.revenue(), y.revenue(), 1e-9, what + " revenue");
            close(x.meanClv(), y.meanClv(), 1e-9, what + " mean CLV");
            close(x.churnRate(), y.churnRate(), 1e-6, what + " churn rate");
            close(x.meanAlive(), y.meanAlive(), 1e-9, what + " mean P(alive)");
            close(x.meanChurn(), y.meanChurn(), 1e-6, what + " mean P(churn)");
            // the scored single-JVM result has no P(no purchase) either
            assertTrue(Double.isNaN(x.meanNoPurchase()) && Double.isNaN(y.meanNoPurchase()), what);
            for (int q = 0; q < 5; q++) {
                close(x.clvQuantiles()[q], y.clvQuantiles()[q], 1e-9, what + " CLV percentile " + q);
            }
            for (String m : List.of("recency", "frequency", "monetary")) {
                assertEquals(x.medians().get(m), y.medians().get(m), what + " median " + m);
            }
            for (int j = 0; j < e.features().size(); j++) {
                close(x.featureMeans()[j], y.featureMeans()[j], 1e-9, what + " mean " + e.features().get(j));
            }
        }
        ReportData.Btyd bx = e.btyd().orElseThrow();
        ReportData.Btyd by = a.btyd().orElseThrow();
        assertEquals(bx.model(), by.model());
        assertEquals(bx.unit(), by.unit());
        assertEquals(bx.pAlive().length, by.pAlive().length);
        assertEquals(bx.pAlive()[0].length, by.pAlive()[0].length);
        for (int f = 0; f < bx.pAlive().length; f++) {
            assertArrayEquals(bx.pAlive()[f], by.pAlive()[f], 0.0, "P(alive) row " + f);
        }
        assertArrayEquals(bx.actual(), by.actual(), 0.0);
        for (int w = 0; w < bx.predicted().length; w++) {
            close(bx.predicted()[w], by.predicted()[w], 1e-9, "predicted week " + w);
        }
        // a run with a churn stage has the churn section (a scored single-JVM result has none), without the
        // out-of-sample check or gains, which the Spark pipeline does not compute
        assertTrue(a.churn().orElseThrow().validation().isEmpty());
        assertTrue(a.churn().orElseThrow().trainingGains().isEmpty());
        assertTrue(a.recommendations().isEmpty());
        assertEquals(run.timings(), a.timings());

        // a result without its arranged lines: the lines' figures from aggregates of the lines in any partitioning
        // (a group-by and a join for the revenue, the distinct purchase days), the same counts and dates, the
        // revenue summed in another order
        ReportData u = SparkReportData.of(run.withLines(null, run.btydSummary()), lines, 90, "", List.of());
        assertEquals(a.lines(), u.lines());
        assertEquals(a.firstDate(), u.firstDate());
        assertEquals(a.lastDate(), u.lastDate());
        close(u.totals().revenue(), a.totals().revenue(), 1e-12, "revenue, any partitioning");
        for (int s = 0; s < a.segments().size(); s++) {
            close(u.segments().get(s).revenue(), a.segments().get(s).revenue(), 1e-12, "segment " + s + " revenue");
        }
        assertArrayEquals(u.btyd().orElseThrow().actual(), by.actual(), 0.0);
        assertArrayEquals(u.btyd().orElseThrow().predicted(), by.predicted(), 0.0);

        // the page renders every section the figures hold, and the churn section without its chart
        String html = HtmlReport.render(a, "Spark report");
        for (String id : List.of("summary", "summary-segments", "segment-sizes", "segment-table", "segment-profiles",
                "rfm-heatmap", "clv-by-segment", "p-alive-matrix", "repeat-purchases", "churn-explained",
                "timings")) {
            assertTrue(html.contains("id=\"" + id + "\""), id);
        }
        assertFalse(html.contains("id=\"churn-gains\""));
        assertFalse(html.contains("NaN") || html.contains("Infinity"));
        run.unpersist();
        lines.unpersist();
    }

    private static void close(double expected, double actual, double relative, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NaN, found " + actual);
            return;
        }
        assertTrue(Math.abs(expected - actual) <= relative * Math.max(Math.abs(expected), Double.MIN_NORMAL),
                what + ": expected " + expected + ", found " + actual);
    }
}
