package dev.segmentation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.pipeline.LifetimeValue;
import dev.segmentation.pipeline.Segmentation;
import dev.segmentation.pipeline.SegmentationResult;
import dev.segmentation.recommend.Popularity;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 15: the report reads as a marketer needs it. */
class HtmlReportContentTest {
    private static String html;
    private static SegmentationResult result;

    @BeforeAll
    static void run() {
        TransactionLog log = RetailSimulator.builder().customers(2000).seed(11).build().generate().log();
        result = Segmentation.of(log).segments(KMeans.builder().k(4).seed(3))
                .lifetimeValue(LifetimeValue.chosenByHoldout().currency("GBP"))
                .churn(90, LogisticRegression.builder().l2(1.0))
                .recommend(Popularity.builder(), 5).run();
        html = HtmlReport.render(result, "Report");
    }

    @Test
    void summaryFirstTimingsLast() {
        int summary = html.indexOf("id=\"summary\"");
        int segments = html.indexOf("id=\"segment-sizes\"");
        int timings = html.indexOf("id=\"timings\"");
        assertTrue(summary > 0 && summary < segments, "summary before the segments");
        assertTrue(timings > html.indexOf("id=\"recommendations\""), "timings last");
        assertTrue(html.contains("customers</span>") && html.contains("revenue observed</span>"));
        assertTrue(html.contains("predicted value over 1 year (CLV, 10.0% a year discount)</span>"), html);
        assertTrue(html.contains("value at risk: CLV x P(churn in 90 days)</span>"));
        assertTrue(html.contains("<b>GBP "), "amounts carry the currency");
        assertTrue(html.contains("id=\"summary-segments\""));
    }

    @Test
    void lifetimeValueAndChurnAreExplainedWithTheirChecks() {
        assertTrue(html.contains("id=\"ltv-validation\""));
        // the dropout prior of the chosen model: one sentence, then the grid with the pick
        String prior = result.lifetimeValueReport().orElseThrow().candidates().stream()
                .filter(c -> c.chosen()).findFirst().orElseThrow().dropoutPrior().orElseThrow().statement();
        assertTrue(html.contains("<p id=\"ltv-prior\"><b>Dropout prior.</b> " + prior.replace("'", "&#39;")
                + "</p>"), prior);
        assertTrue(html.contains("id=\"ltv-prior-grid\"") && html.contains("<th>weight</th>"));
        String grid = html.split("id=\"ltv-prior-grid\"")[1].split("</table>")[0];
        assertEquals(1, java.util.regex.Pattern.compile("<tr><td>[^<]+</td><td class=\"l\">yes</td>").matcher(grid)
                .results().count(), "one weight used: " + grid);
        for (String model : List.of("BG/NBD", "MBG/NBD", "Pareto/NBD")) {
            assertTrue(html.contains("<td class=\"l\">" + model + "</td>"), model);
        }
        assertTrue(html.contains("How churn is defined.</b> a customer has churned when they make no purchase in "
                + "the 90 days after a cut-off date"));
        assertTrue(html.contains("id=\"churn-explained\"") && html.contains("mean P(no purchase in 90 days)"));
        assertTrue(html.contains("id=\"churn-validation\"") && html.contains("holdout AUC"));
        assertTrue(html.contains("Churn: out-of-sample cumulative gains and lift"));
        assertFalse(html.contains("training labels"), "gains are out of sample here");
    }

    @Test
    void chartsHaveAxesLegendsAndNoTruncatedLabels() {
        assertFalse(html.contains("\u2026"), "no label cut with an ellipsis");
        String clv = chart("clv-by-segment");
        assertTrue(clv.contains(">1,000</text>") || clv.contains(">100</text>"), "round log ticks");
        assertTrue(clv.contains("log scale") && clv.contains("whiskers: 5th to 95th percentile"));
        assertTrue(clv.contains("(GBP)"));
        String alive = chart("p-alive-matrix");
        assertTrue(alive.contains(">P(alive)</text>") && alive.contains(">1.00</text>"), "colour legend");
        String gains = chart("churn-gains");
        assertTrue(gains.contains("lift: churn rate in the decile / overall rate"), "lift y-axis");
        String profiles = chart("segment-profiles");
        assertTrue(profiles.contains("dark = better: more recent (recency reversed)"));
        assertEquals(7, html.split("<svg ", -1).length - 1);
    }

    private static String chart(String id) {
        int start = html.indexOf("<svg class=\"chart\" id=\"" + id + "\"");
        assertTrue(start >= 0, id);
        return html.substring(start, html.indexOf("</svg>", start));
    }
}
