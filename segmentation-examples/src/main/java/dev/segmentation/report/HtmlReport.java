package dev.segmentation.report;

import dev.segmentation.churn.LogisticRegressionModel;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.eval.BinaryMetrics;
import dev.segmentation.eval.GainsTable;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.pipeline.CustomerProfile;
import dev.segmentation.pipeline.SegmentSummary;
import dev.segmentation.pipeline.SegmentationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Writes a {@link SegmentationResult} as one self-contained HTML page: inline CSS and SVG charts generated here,
 * no script and no external resource, every text escaped. Charts (each an {@code <svg class="chart">} with the
 * id in brackets), drawn when their stage ran:
 * <ul>
 *   <li>segment sizes ({@code segment-sizes}) and profiles, the segment means relative to all customers
 *   ({@code segment-profiles});</li>
 *   <li>the RFM heatmap, customers per recency x frequency score with their mean spend ({@code rfm-heatmap});</li>
 *   <li>the CLV distribution per segment, box plots of the 5th, 25th, 50th, 75th and 95th percentiles
 *   ({@code clv-by-segment});</li>
 *   <li>the churn model's cumulative gains by decile on its training labels ({@code churn-gains});</li>
 *   <li>the P(alive) matrix over frequency x recency at the longest customer age ({@code p-alive-matrix},
 *   lifetimes' {@code plot_probability_alive_matrix});</li>
 *   <li>actual vs predicted cumulative repeat purchases over time ({@code repeat-purchases}, lifetimes'
 *   {@code plot_cumulative_transactions}: predicted is the sum over customers of E[X(t - first purchase)]);</li>
 *   <li>recommendation examples, a table ({@code recommendations}).</li>
 * </ul>
 */
public final class HtmlReport {
    private static final int EXAMPLES = 8;

    private HtmlReport() {
    }

    /**
     * Renders and writes the report.
     *
     * @param result the pipeline result; not null
     * @param title the page title, escaped; not null
     * @param file the output file, replaced if it exists; not null
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(SegmentationResult result, String title, Path file) {
        Objects.requireNonNull(file, "file");
        String html = render(result, title);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Renders the report.
     *
     * @param result the pipeline result; not null
     * @param title the page title, escaped; not null
     * @return the HTML document
     */
    public static String render(SegmentationResult result, String title) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(title, "title");
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.escape(title)).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#111;"
                        + "padding:0 1em}h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em;border-bottom:"
                        + "1px solid #ddd}table{border-collapse:collapse;font-size:.9em;margin:.5em 0}"
                        + "td,th{border:1px solid #ddd;padding:.25em .5em;text-align:right}th{background:#f4f4f4}"
                        + "td.l,th.l{text-align:left}.note{color:#555;font-size:.9em}svg.chart{display:block;"
                        + "margin:.5em 0;max-width:100%;height:auto}text{font-family:system-ui,sans-serif}")
                .append("</style></head><body>\n<h1>").append(Html.escape(title)).append("</h1>\n");
        TransactionLog log = result.log();
        h.append("<p>As of ").append(result.asOf()).append(": ").append(String.format(Locale.ROOT, "%,d", result.size()))
                .append(" customers, ").append(String.format(Locale.ROOT, "%,d", log.size()))
                .append(" transaction lines from ").append(log.firstDateTime().toLocalDate()).append(" to ")
                .append(log.lastDateTime().toLocalDate()).append(".</p>\n");
        timings(h, result.timings());
        if (!result.segments().isEmpty()) {
            section(h, "Segments", segmentSizes(result.segments()));
            segmentTable(h, result.segments());
            h.append(segmentProfiles(result));
        }
        section(h, "RFM heatmap", rfmHeatmap(result));
        if (result.summary().isPresent()) {
            if (!result.segments().isEmpty()) {
                section(h, "Lifetime value by segment", clvBySegment(result));
            }
            BtydModel model = result.transactionModel().orElseThrow();
            section(h, "P(alive) by frequency and recency (" + model.name() + ")",
                    pAliveMatrix(model, result.summary().orElseThrow()));
            section(h, "Repeat purchases over time: actual and predicted",
                    repeatPurchases(log, model, result.summary().orElseThrow()));
        }
        if (result.churnModel().isPresent()) {
            section(h, "Churn model: cumulative gains",
                    churnGains(result.churnModel().orElseThrow(), result.churnTrainingFeatures().orElseThrow(),
                            result.churnTraining().orElseThrow().labels()));
        }
        if (result.recommender().isPresent()) {
            h.append("<h2>Recommendation examples</h2>\n");
            recommendations(h, result);
        }
        h.append("<p class=\"note\">Generated by segmentation. Self-contained: no scripts, no external resources."
                + "</p>\n</body></html>\n");
        return h.toString();
    }

    private static void section(StringBuilder h, String heading, String body) {
        h.append("<h2>").append(Html.escape(heading)).append("</h2>\n").append(body).append('\n');
    }

    private static void timings(StringBuilder h, Map<String, Duration> timings) {
        h.append("<table id=\"timings\"><tr><th class=\"l\">stage</th><th>milliseconds</th></tr>");
        for (Map.Entry<String, Duration> e : timings.entrySet()) {
            h.append("<tr><td class=\"l\">").append(Html.escape(e.getKey())).append("</td><td>")
                    .append(e.getValue().toMillis()).append("</td></tr>");
        }
        h.append("</table>\n");
    }

    private static String segmentSizes(List<SegmentSummary> segments) {
        int rowH = 28;
        int width = 760;
        int left = 230;
        Svg s = new Svg("segment-sizes", width, 40 + rowH * segments.size(), "Customers per segment");
        int max = 1;
        for (SegmentSummary seg : segments) {
            max = Math.max(max, seg.size());
        }
        for (int i = 0; i < segments.size(); i++) {
            SegmentSummary seg = segments.get(i);
            double y = 20 + i * rowH;
            double w = (width - left - 120) * (double) seg.size() / max;
            s.text(left - 8, y + 17, seg.segment() + ": " + seg.name(), "end", 13);
            s.rect(left, y + 3, w, rowH - 6, Svg.category(i), seg.name() + ": " + seg.size());
            s.text(left + w + 6, y + 17, String.format(Locale.ROOT, "%,d (%.1f%%)", seg.size(), 100 * seg.share()),
                    "start", 12);
        }
        return s.close();
    }

    private static void segmentTable(StringBuilder h, List<SegmentSummary> segments) {
        List<String> features = List.of("recency", "frequency", "monetary");
        h.append("<table id=\"segment-table\"><tr><th>#</th><th class=\"l\">name</th><th>size</th><th>share</th>");
        for (String f : features) {
            h.append("<th>centre ").append(Html.escape(f)).append("</th>");
        }
        h.append("<th>mean CLV</th><th>churn rate</th><th class=\"l\">top items</th></tr>");
        for (SegmentSummary s : segments) {
            h.append("<tr><td>").append(s.segment()).append("</td><td class=\"l\">").append(Html.escape(s.name()))
                    .append("</td><td>").append(s.size()).append("</td><td>").append(pct(s.share())).append("</td>");
            for (String f : features) {
                h.append("<td>").append(fmt(s.centre().getOrDefault(f, Double.NaN))).append("</td>");
            }
            h.append("<td>").append(fmt(s.meanClv())).append("</td><td>").append(pct(s.churnRate()))
                    .append("</td><td class=\"l\">").append(Html.escape(String.join(", ", s.topItems())))
                    .append("</td></tr>");
        }
        h.append("</table>\n");
    }

    /** Heatmap of segment means relative to the mean over all customers (log2 ratio, clipped to +-2). */
    private static String segmentProfiles(SegmentationResult r) {
        List<SegmentSummary> segments = r.segments();
        List<String> features = r.features().names();
        int d = features.size();
        double[] overall = new double[d];
        for (int j = 0; j < d; j++) {
            double[] col = r.features().column(features.get(j));
            double sum = 0;
            for (double v : col) {
                sum += v;
            }
            overall[j] = sum / col.length;
        }
        int cellW = 110;
        int cellH = 22;
        int left = 230;
        int top = 40;
        int k = segments.size();
        Svg s = new Svg("segment-profiles", left + cellW * k + 20, top + cellH * d + 30,
                "Segment profiles: centre of each feature relative to all customers");
        for (int i = 0; i < k; i++) {
            SegmentSummary seg = segments.get(i);
            s.text(left + i * cellW + cellW / 2.0, top - 8, shorten(seg.segment() + ": " + seg.name(), 18), "middle",
                    11);
        }
        for (int j = 0; j < d; j++) {
            double y = top + j * cellH;
            s.text(left - 8, y + 15, shorten(features.get(j), 34), "end", 11);
            for (int i = 0; i < k; i++) {
                double v = segments.get(i).centre().get(features.get(j));
                double ratio = overall[j] == 0 ? 1 : v / overall[j];
                double t = (Math.max(-2, Math.min(2, Math.log(Math.max(ratio, 1e-9)) / Math.log(2))) + 2) / 4;
                s.rect(left + i * cellW, y, cellW - 1, cellH - 1, Svg.color(t),
                        features.get(j) + ": " + fmt(v) + " (all: " + fmt(overall[j]) + ")");
                s.text(left + i * cellW + cellW / 2.0, y + 15, fmt(v), "middle", 10, Svg.ink(t));
            }
        }
        s.text(left, top + cellH * d + 18, "colour: segment centre / mean of all customers, 1/4x (light) to 4x (dark)",
                "start", 11);
        return s.close();
    }

    private static String rfmHeatmap(SegmentationResult r) {
        int[][] count = new int[5][5];
        double[][] spend = new double[5][5];
        double[] monetary = r.features().column("monetary");
        for (int i = 0; i < r.size(); i++) {
            CustomerProfile p = r.customer(i);
            count[p.frequencyScore() - 1][p.recencyScore() - 1]++;
            spend[p.frequencyScore() - 1][p.recencyScore() - 1] += monetary[i];
        }
        int max = 1;
        for (int[] row : count) {
            for (int c : row) {
                max = Math.max(max, c);
            }
        }
        int cell = 80;
        int left = 90;
        int top = 20;
        Svg s = new Svg("rfm-heatmap", left + 5 * cell + 20, top + 5 * cell + 60,
                "Customers per recency and frequency score");
        for (int f = 0; f < 5; f++) {
            for (int rr = 0; rr < 5; rr++) {
                double t = (double) count[f][rr] / max;
                double x = left + rr * cell;
                double y = top + (4 - f) * cell;
                double mean = count[f][rr] == 0 ? Double.NaN : spend[f][rr] / count[f][rr];
                s.rect(x, y, cell - 2, cell - 2, Svg.color(t),
                        "R=" + (rr + 1) + " F=" + (f + 1) + ": " + count[f][rr] + " customers, mean spend " + fmt(mean));
                s.text(x + cell / 2.0, y + cell / 2.0 - 4, String.format(Locale.ROOT, "%,d", count[f][rr]), "middle", 13,
                        Svg.ink(t));
                s.text(x + cell / 2.0, y + cell / 2.0 + 14, count[f][rr] == 0 ? "" : "avg " + fmt(mean), "middle", 10,
                        Svg.ink(t));
            }
            s.text(left - 10, top + (4 - f) * cell + cell / 2.0 + 4, "F " + (f + 1), "end", 12);
        }
        for (int rr = 0; rr < 5; rr++) {
            s.text(left + rr * cell + cell / 2.0, top + 5 * cell + 18, "R " + (rr + 1), "middle", 12);
        }
        s.text(left + 2.5 * cell, top + 5 * cell + 42, "recency score (5 = most recent); cells: customers, mean spend",
                "middle", 12);
        return s.close();
    }

    private static String clvBySegment(SegmentationResult r) {
        List<SegmentSummary> segments = r.segments();
        int k = segments.size();
        List<double[]> values = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            values.add(new double[segments.get(s).size()]);
        }
        int[] fill = new int[k];
        int[] labels = r.segmentLabels();
        for (int i = 0; i < r.size(); i++) {
            double v = r.customer(i).clv();
            if (!Double.isNaN(v)) {
                values.get(labels[i])[fill[labels[i]]++] = v;
            }
        }
        double[][] q = new double[k][];
        double max = 0;
        for (int s = 0; s < k; s++) {
            double[] v = Arrays.copyOf(values.get(s), fill[s]);
            Arrays.sort(v);
            q[s] = new double[] {quantile(v, 0.05), quantile(v, 0.25), quantile(v, 0.5), quantile(v, 0.75),
                quantile(v, 0.95)};
            if (!Double.isNaN(q[s][4])) {
                max = Math.max(max, q[s][4]);
            }
        }
        max = max <= 0 ? 1 : max;
        int rowH = 34;
        int left = 230;
        int width = 760;
        int plotW = width - left - 40;
        Svg s = new Svg("clv-by-segment", width, 50 + rowH * k, "Customer lifetime value per segment");
        for (int i = 0; i < k; i++) {
            double y = 10 + i * rowH;
            double[] b = q[i];
            s.text(left - 8, y + 20, segments.get(i).segment() + ": " + segments.get(i).name(), "end", 12);
            if (Double.isNaN(b[0])) {
                continue;
            }
            double x0 = left + plotW * b[0] / max;
            double x1 = left + plotW * b[1] / max;
            double x2 = left + plotW * b[2] / max;
            double x3 = left + plotW * b[3] / max;
            double x4 = left + plotW * b[4] / max;
            s.line(x0, y + 16, x1, y + 16, "#555", 1).line(x3, y + 16, x4, y + 16, "#555", 1);
            s.line(x0, y + 8, x0, y + 24, "#555", 1).line(x4, y + 8, x4, y + 24, "#555", 1);
            s.rect(x1, y + 4, x3 - x1, 24, Svg.category(i), String.format(Locale.ROOT,
                    "p5 %s, p25 %s, median %s, p75 %s, p95 %s", fmt(b[0]), fmt(b[1]), fmt(b[2]), fmt(b[3]), fmt(b[4])));
            s.line(x2, y + 4, x2, y + 28, "#111", 2);
        }
        double axisY = 14 + rowH * k;
        s.line(left, axisY, left + plotW, axisY, "#999", 1);
        for (int t = 0; t <= 4; t++) {
            double x = left + plotW * t / 4.0;
            s.text(x, axisY + 16, fmt(max * t / 4.0), "middle", 11);
        }
        s.text(left - 8, axisY + 16, "CLV", "end", 11);
        return s.close();
    }

    private static String pAliveMatrix(BtydModel model, BtydSummary summary) {
        double[] f = summary.frequency().clone();
        Arrays.sort(f);
        int maxF = (int) Math.max(1, Math.min(40, Math.ceil(quantile(f, 0.99))));
        double maxT = 0;
        for (double t : summary.T()) {
            maxT = Math.max(maxT, t);
        }
        int maxR = (int) Math.max(1, Math.min(120, Math.ceil(maxT)));
        double[][] m = model.probabilityAliveMatrix(maxF, maxR);
        int left = 60;
        int top = 20;
        double cw = Math.max(3, 640.0 / (maxR + 1));
        double ch = Math.max(6, 360.0 / (maxF + 1));
        Svg s = new Svg("p-alive-matrix", (int) (left + cw * (maxR + 1) + 30), (int) (top + ch * (maxF + 1) + 60),
                "Probability alive by frequency and recency");
        for (int x = 0; x <= maxF; x++) {
            for (int k = 0; k <= maxR; k++) {
                s.rect(left + k * cw, top + (maxF - x) * ch, cw, ch, Svg.color(m[x][k]),
                        "frequency " + x + ", recency " + k + ": P(alive) " + fmt(m[x][k]));
            }
            if (x % Math.max(1, maxF / 8) == 0) {
                s.text(left - 6, top + (maxF - x) * ch + ch / 2 + 4, Integer.toString(x), "end", 10);
            }
        }
        for (int k = 0; k <= maxR; k += Math.max(1, maxR / 10)) {
            s.text(left + k * cw + cw / 2, top + (maxF + 1) * ch + 14, Integer.toString(k), "middle", 10);
        }
        String unit = summary.unit().toDays() == 7 ? "weeks" : summary.unit().toString();
        s.text(left + cw * (maxR + 1) / 2, top + (maxF + 1) * ch + 34,
                "recency (" + unit + ", age T = " + maxR + "); rows: frequency; dark = likely alive", "middle", 12);
        return s.close();
    }

    private static String repeatPurchases(TransactionLog log, BtydModel model, BtydSummary summary) {
        long firstDay = log.firstDateTime().toLocalDate().toEpochDay();
        long lastDay = log.lastDateTime().toLocalDate().toEpochDay();
        int weeks = (int) ((lastDay - firstDay) / 7) + 1;
        double daysPerUnit = model.unit().getSeconds() / 86_400.0;
        long[] actual = new long[weeks];
        TreeMap<Long, Integer> births = new TreeMap<>();
        for (int c = 0; c < log.customerCount(); c++) {
            TransactionLog.CustomerRows rows = log.rowsOf(c);
            if (rows.isEmpty()) {
                continue;
            }
            long birth = Math.floorDiv(rows.epochSecond(0), 86_400);
            births.merge(birth, 1, Integer::sum);
            long previous = birth;
            for (int k = 1; k < rows.size(); k++) {
                long day = Math.floorDiv(rows.epochSecond(k), 86_400);
                if (day != previous) {
                    actual[(int) ((day - firstDay) / 7)]++;
                    previous = day;
                }
            }
        }
        // E[X(t)] only at whole-day ages: one evaluation per day of the span, shared by every customer
        double[] expectedByAge = new double[(int) (lastDay - firstDay) + 2];
        for (int d = 1; d < expectedByAge.length; d++) {
            expectedByAge[d] = model.expectedPurchases(d / daysPerUnit);
        }
        double[] act = new double[weeks];
        double[] pred = new double[weeks];
        long run = 0;
        for (int w = 0; w < weeks; w++) {
            run += actual[w];
            act[w] = run;
            long end = Math.min(lastDay + 1, firstDay + 7L * (w + 1));
            double sum = 0;
            for (Map.Entry<Long, Integer> b : births.headMap(end, false).entrySet()) {
                sum += b.getValue() * expectedByAge[(int) (end - (b.getKey() + 1))];
            }
            pred[w] = sum;
        }
        double max = Math.max(1, Math.max(act[weeks - 1], pred[weeks - 1]));
        int left = 80;
        int top = 20;
        int plotW = 640;
        int plotH = 300;
        Svg s = new Svg("repeat-purchases", left + plotW + 40, top + plotH + 70,
                "Cumulative repeat purchases, actual and predicted");
        double[] xs = new double[weeks];
        double[] ya = new double[weeks];
        double[] yp = new double[weeks];
        for (int w = 0; w < weeks; w++) {
            xs[w] = left + plotW * (weeks == 1 ? 1 : (double) w / (weeks - 1));
            ya[w] = top + plotH - plotH * act[w] / max;
            yp[w] = top + plotH - plotH * pred[w] / max;
        }
        s.line(left, top + plotH, left + plotW, top + plotH, "#999", 1).line(left, top, left, top + plotH, "#999", 1);
        for (int t = 0; t <= 4; t++) {
            double y = top + plotH - plotH * t / 4.0;
            s.text(left - 6, y + 4, String.format(Locale.ROOT, "%,.0f", max * t / 4.0), "end", 10);
        }
        s.text(left, top + plotH + 16, LocalDate.ofEpochDay(firstDay).toString(), "start", 10);
        s.text(left + plotW, top + plotH + 16, LocalDate.ofEpochDay(lastDay).toString(), "end", 10);
        s.polyline(xs, ya, "#225ea8", null).polyline(xs, yp, "#d95f02", "6,4");
        s.rect(left + 10, top + plotH + 34, 18, 4, "#225ea8", null).text(left + 34, top + plotH + 40, "actual", "start", 12);
        s.rect(left + 110, top + plotH + 34, 18, 4, "#d95f02", null)
                .text(left + 134, top + plotH + 40, "predicted (" + model.name() + ")", "start", 12);
        return s.close();
    }

    private static String churnGains(LogisticRegressionModel model, FeatureMatrix x, int[] labels) {
        double[] p = model.predictProbabilities(x);
        GainsTable g = BinaryMetrics.gains(p, labels, 10);
        double[] gains = g.cumulativeGains();
        double[] lift = g.lift();
        double auc = BinaryMetrics.rocAuc(p, labels);
        int left = 60;
        int top = 20;
        int size = 320;
        Svg s = new Svg("churn-gains", left + size + 380, top + size + 60, "Churn model cumulative gains and lift");
        double[] xs = new double[gains.length + 1];
        double[] ys = new double[gains.length + 1];
        xs[0] = left;
        ys[0] = top + size;
        int[] sizes = g.sizes();
        long n = 0;
        long total = Arrays.stream(sizes).asLongStream().sum();
        for (int i = 0; i < gains.length; i++) {
            n += sizes[i];
            xs[i + 1] = left + size * (double) n / total;
            ys[i + 1] = top + size - size * gains[i];
        }
        s.line(left, top + size, left + size, top + size, "#999", 1).line(left, top, left, top + size, "#999", 1);
        s.line(left, top + size, left + size, top, "#bbb", 1);
        s.polyline(xs, ys, "#225ea8", null);
        for (int t = 0; t <= 4; t++) {
            s.text(left - 6, top + size - size * t / 4.0 + 4, (25 * t) + "%", "end", 10);
            s.text(left + size * t / 4.0, top + size + 16, (25 * t) + "%", "middle", 10);
        }
        s.text(left + size / 2.0, top + size + 36, "customers contacted, highest P(churn) first", "middle", 11);
        s.text(left + 10, top + 12, String.format(Locale.ROOT, "churners found; AUC %.3f (training labels)", auc),
                "start", 11);
        int bx = left + size + 60;
        double bw = 280.0 / lift.length;
        double maxLift = 1;
        for (double l : lift) {
            maxLift = Math.max(maxLift, l);
        }
        for (int i = 0; i < lift.length; i++) {
            double h = size * lift[i] / maxLift;
            s.rect(bx + i * bw, top + size - h, bw - 3, h, Svg.category(2), "decile " + (i + 1) + ": lift " + fmt(lift[i]));
            s.text(bx + i * bw + bw / 2, top + size + 16, Integer.toString(i + 1), "middle", 10);
        }
        double oneY = top + size - size / maxLift;
        s.line(bx, oneY, bx + 280, oneY, "#d95f02", 1);
        s.text(bx + 140, top + size + 36, "lift per decile (line: 1 = random)", "middle", 11);
        return s.close();
    }

    private static void recommendations(StringBuilder h, SegmentationResult r) {
        TransactionLog log = r.log();
        h.append("<table id=\"recommendations\"><tr><th class=\"l\">customer</th><th class=\"l\">segment</th>"
                + "<th class=\"l\">recently bought</th><th class=\"l\">recommended</th></tr>");
        int step = Math.max(1, r.size() / EXAMPLES);
        for (int i = 0, shown = 0; i < r.size() && shown < EXAMPLES; i += step, shown++) {
            CustomerProfile p = r.customer(i);
            TransactionLog.CustomerRows rows = log.rowsOf(log.customerIndex(p.id()));
            Map<String, Boolean> recent = new LinkedHashMap<>();
            for (int k = rows.size() - 1; k >= 0 && recent.size() < 5; k--) {
                int item = log.item(rows.row(k));
                if (item >= 0 && !log.isNonProduct(item)) {
                    recent.put(log.itemId(item), Boolean.TRUE);
                }
            }
            h.append("<tr><td class=\"l\">").append(Html.escape(p.id())).append("</td><td class=\"l\">")
                    .append(Html.escape(p.segmentName())).append("</td><td class=\"l\">")
                    .append(Html.escape(String.join(", ", recent.keySet()))).append("</td><td class=\"l\">")
                    .append(Html.escape(String.join(", ", p.topItems()))).append("</td></tr>");
        }
        h.append("</table>\n");
    }

    private static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }
}
