package dev.segmentation.examples;

import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.pipeline.LifetimeValue;
import dev.segmentation.pipeline.SegmentSummary;
import dev.segmentation.pipeline.Segmentation;
import dev.segmentation.pipeline.SegmentationResult;
import dev.segmentation.recommend.ItemKnn;
import dev.segmentation.report.HtmlReport;
import java.nio.file.Path;
import java.time.Period;
import java.util.Locale;

/**
 * The whole pipeline in a few lines: simulate a retailer, segment its customers, score churn and lifetime value,
 * recommend items, and write {@code customers.csv}, {@code segments.csv} and {@code report.html}.
 *
 * <p>Run: {@code java -cp segmentation-examples/target/segmentation.jar dev.segmentation.examples.QuickStart
 * [out-dir]}.
 */
public final class QuickStart {
    private QuickStart() {
    }

    /**
     * Runs the example.
     *
     * @param args optionally the output directory (default {@code quickstart-output})
     */
    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "quickstart-output");
        TransactionLog log = RetailSimulator.builder().customers(5_000).seed(7).build().generate().log();

        SegmentationResult result = Segmentation.of(log)
                .features(f -> f.behaviour().categoryShares())
                .segments(KMeans.builder().k(5).seed(42))
                .lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder()).horizon(Period.ofYears(1)))
                .churn(90, LogisticRegression.builder().l2(1.0))
                .recommend(ItemKnn.builder().neighbors(50), 5)
                .run();

        for (SegmentSummary s : result.segments()) {
            System.out.printf(Locale.ROOT, "%-20s %5d customers, mean CLV %8.2f, churn rate %.2f%n", s.name(),
                    s.size(), s.meanClv(), s.churnRate());
        }
        System.out.println(result.customer(log.customerId(0)).orElseThrow());
        result.writeCsv(out);
        HtmlReport.write(result, "Quick start", out.resolve("report.html"));
        System.out.println("wrote " + out.resolve("report.html"));
    }
}
