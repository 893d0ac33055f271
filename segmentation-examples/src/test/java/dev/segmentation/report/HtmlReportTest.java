package dev.segmentation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.pipeline.LifetimeValue;
import dev.segmentation.pipeline.Segmentation;
import dev.segmentation.pipeline.SegmentationResult;
import dev.segmentation.recommend.Popularity;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    static final List<String> CHARTS = List.of("segment-sizes", "segment-profiles", "rfm-heatmap", "clv-by-segment",
            "p-alive-matrix", "repeat-purchases", "churn-gains");

    private static SegmentationResult result;

    @BeforeAll
    static void run() {
        TransactionLog log = RetailSimulator.builder().customers(2000).seed(11).build().generate().log();
        result = full(log).run();
    }

    static Segmentation full(TransactionLog log) {
        return Segmentation.of(log).segments(KMeans.builder().k(4).seed(3))
                .lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder()))
                .churn(90, LogisticRegression.builder().l2(1.0))
                .recommend(Popularity.builder(), 5);
    }

    @Test
    void everyChartIsPresentAndThePageIsSelfContained() {
        String html = HtmlReport.render(result, "Report");
        for (String id : CHARTS) {
            assertEquals(1, count(html, "<svg class=\"chart\" id=\"" + id + "\""), id);
        }
        assertEquals(CHARTS.size(), count(html, "<svg "));
        assertTrue(html.contains("<table id=\"recommendations\">"));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertFalse(html.contains("<script"));
        assertFalse(html.contains(" src="));
        assertFalse(html.contains(" href="));
        assertFalse(html.contains("url("));
        // the only URL is the SVG namespace name, which browsers never fetch
        assertEquals(count(html, "http"), count(html, "http://www.w3.org/2000/svg"));
    }

    @Test
    void allTextIsEscaped() {
        TransactionLog.Builder b = TransactionLog.builder();
        LocalDateTime t = LocalDateTime.of(2023, 1, 2, 10, 0);
        String evil = "<script>alert('x')</script>";
        for (int c = 0; c < 60; c++) {
            String id = c == 0 ? evil : "c" + c;
            for (int k = 0; k < 1 + c % 4; k++) {
                b.add(id, "i" + c + "-" + k, k == 0 ? "A&\"B\"" : "item" + (c + k) % 7,
                        t.plusDays(c * 3L + 40L * k), 1, 5.0 + c);
            }
        }
        b.add("late", "last", "item1", t.plusDays(400), 1, 3.0);
        String html = HtmlReport.render(full(b.build()).churn(150, LogisticRegression.builder().l2(1.0)).run(),
                "Title <b>&</b>");
        assertFalse(html.contains(evil));
        assertFalse(html.contains("A&\"B\""));
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assertTrue(html.contains("A&amp;&quot;B&quot;"));
        assertTrue(html.contains("<title>Title &lt;b&gt;&amp;&lt;/b&gt;</title>"));
    }

    @Test
    void extraFeaturesKeepEveryChart() {
        TransactionLog log = result.log();
        String[] ids = new String[log.customerCount() / 2];
        double[] v = new double[ids.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = log.customerId(2 * i);
            v[i] = (i % 5) - 2.0;
        }
        SegmentationResult r = full(log).extraFeatures(ids, FeatureMatrix.of(List.of("sentiment"), ids.length, v))
                .run();
        String html = HtmlReport.render(r, "Report");
        for (String id : CHARTS) {
            assertEquals(1, count(html, "<svg class=\"chart\" id=\"" + id + "\""), id);
        }
    }

    @Test
    void stagesThatDidNotRunLeaveTheirChartsOut() {
        String html = HtmlReport.render(Segmentation.of(result.log()).run(), "RFM only");
        assertEquals(1, count(html, "<svg "));
        assertTrue(html.contains("id=\"rfm-heatmap\""));
    }

    @Test
    void writeCreatesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/report.html");
        HtmlReport.write(result, "Report", file);
        assertEquals(HtmlReport.render(result, "Report"), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Opens the report in headless Chromium: no console errors, every chart in the DOM, a small screenshot. */
    @Test
    void chromiumLoadsTheReportWithoutConsoleErrors(@TempDir Path dir) throws Exception {
        assertChromiumLoads(result, dir);
    }

    /**
     * Opens a result's report in headless Chromium: no console errors, every chart of {@link #CHARTS} that the
     * result draws and every extra chart id in the DOM, a small screenshot; aborted (or failed with
     * {@code -Dsegmentation.requireBrowser=true}) without Chromium.
     */
    static void assertChromiumLoads(SegmentationResult result, Path dir, String... extraIds) throws Exception {
        String chromium = findChromium();
        if (chromium == null) {
            if (Boolean.getBoolean("segmentation.requireBrowser")) {
                fail("chromium not found on PATH (required: -Dsegmentation.requireBrowser=true)");
            }
            abort("chromium not installed; set -Dsegmentation.requireBrowser=true to require it");
        }
        Path report = dir.resolve("report.html");
        HtmlReport.write(result, "Report", report);
        String url = report.toUri().toString();
        Browser dom = browse(chromium, dir, "--dump-dom", url);
        assertEquals(0, dom.code, dom.err);
        String html = HtmlReport.render(result, "Report");
        for (String id : CHARTS) {
            if (html.contains("<svg class=\"chart\" id=\"" + id + "\"")) {
                assertTrue(dom.out.contains("id=\"" + id + "\""), id);
            }
        }
        for (String id : extraIds) {
            assertTrue(dom.out.contains("<svg class=\"chart\" id=\"" + id + "\""), id);
        }
        if (result.recommender().isPresent()) {
            assertTrue(dom.out.contains("id=\"recommendations\""));
        }
        assertEquals(List.of(), consoleLines(dom.err));

        // control: the same check does see a console message
        Path bad = dir.resolve("bad.html");
        Files.writeString(bad, "<html><body><script>console.error('boom')</script></body></html>");
        Browser control = browse(chromium, dir, "--dump-dom", bad.toUri().toString());
        assertEquals(1, consoleLines(control.err).size(), control.err);

        Path png = dir.resolve("shot.png");
        Browser shot = browse(chromium, dir, "--screenshot=" + png, url);
        assertEquals(0, shot.code, shot.err);
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 1000, "screenshot bytes " + bytes.length);
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals('P', bytes[1]);
        assertEquals('N', bytes[2]);
        assertEquals('G', bytes[3]);
    }

    private static List<String> consoleLines(String stderr) {
        List<String> console = new ArrayList<>();
        for (String line : stderr.split("\n")) {
            if (line.contains("CONSOLE")) {
                console.add(line);
            }
        }
        return console;
    }

    private record Browser(int code, String out, String err) {
    }

    private static Browser browse(String chromium, Path dir, String action, String url) throws Exception {
        Path profile = Files.createTempDirectory(dir, "profile");
        Path out = dir.resolve("out-" + System.nanoTime());
        Path err = dir.resolve("err-" + System.nanoTime());
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=1", "--window-size=800,600", action, url)
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish within 120 s");
        }
        return new Browser(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String findChromium() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                File f = new File(d, name);
                if (f.canExecute()) {
                    return f.getPath();
                }
            }
        }
        return null;
    }

    private static int count(String s, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
