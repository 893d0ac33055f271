package dev.segmentation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.pipeline.KChoice;
import dev.segmentation.pipeline.Segmentation;
import dev.segmentation.pipeline.SegmentationResult;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15: with {@code --k auto} the report always shows the sweep beside the chosen k. */
class HtmlReportKSweepTest {
    private static SegmentationResult result;
    private static String html;

    @BeforeAll
    static void run() {
        TransactionLog log = RetailSimulator.builder().customers(1500).seed(5).build().generate().log();
        result = Segmentation.of(log).segmentsAuto(KMeans.builder().seed(3), 3, 6, 0.05).run();
        html = HtmlReport.render(result, "Report");
    }

    @Test
    void theSweepChartHasAxesLegendChosenKAndRule() {
        KChoice k = result.kSweep().orElseThrow();
        String chart = chart("k-sweep");
        assertTrue(chart.contains(">number of segments k</text>"), "x-axis label");
        assertTrue(chart.contains(">mean silhouette (higher = better separated)</text>"), "silhouette axis");
        assertTrue(chart.contains(">inertia: within-segment sum of squares (lower = tighter)</text>"), "inertia axis");
        assertTrue(chart.contains(">inertia has no unit: squared distances on the scaled features</text>"), "unit");
        assertTrue(chart.contains(">chosen k = " + k.chosen() + "</text>"), "chosen k marked");
        assertTrue(chart.contains(">smallest segment at least 5.0% of the customers (eligible)</text>"), "legend");
        assertTrue(chart.contains(">smallest segment below 5.0% (not eligible)</text>"), "legend");
        for (int kk = 3; kk <= 6; kk++) {
            assertTrue(chart.contains(">" + kk + "</text>"), "tick " + kk);
        }
        // one marker per k and panel, each with its figures as a tooltip
        assertEquals(2 * k.rows().size() + 2, chart.split("<circle ", -1).length - 1);
        assertTrue(html.contains("<h2>Number of segments: k = " + k.chosen() + " chosen from 3 to 6</h2>"));
        assertTrue(html.contains("among the k whose smallest segment holds at least 5.0% of the customers (the "
                + "minimum share), the k with the highest mean silhouette"), "rule stated");
        assertTrue(html.contains("BIC is not shown: it belongs to Gaussian mixtures"));
        String table = html.substring(html.indexOf("<table id=\"k-sweep-table\">"));
        table = table.substring(0, table.indexOf("</table>"));
        assertEquals(k.rows().size() + 1, table.split("<tr>", -1).length - 1);
        assertEquals(1, table.split("<b>chosen</b>", -1).length - 1);
    }

    @Test
    void aFixedKHasNoSweep() {
        assertTrue(result.kSweep().isPresent());
        String fixed = HtmlReport.render(Segmentation.of(result.log()).segments(KMeans.builder().k(3).seed(3)).run(),
                "Report");
        assertTrue(!fixed.contains("id=\"k-sweep\""));
    }

    private static String chart(String id) {
        int start = html.indexOf("<svg class=\"chart\" id=\"" + id + "\"");
        assertTrue(start >= 0, id);
        return html.substring(start, html.indexOf("</svg>", start));
    }

    @Test
    void chromiumShowsTheSweep(@TempDir Path dir) throws Exception {
        HtmlReportTest.assertChromiumLoads(result, dir, "k-sweep");
    }
}
