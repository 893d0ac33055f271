package dev.segmentation.report;

import dev.segmentation.pipeline.ChurnValidation;
import dev.segmentation.pipeline.KChoice;
import dev.segmentation.pipeline.LifetimeValueReport;
import dev.segmentation.pipeline.SegmentationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a pipeline's {@link ReportData} (of a {@link SegmentationResult} or of a Spark run) as one self-contained
 * HTML page: inline CSS and SVG charts generated here, no script and no external resource, every text escaped. The page reads top down for a marketer: the warnings
 * ({@code warnings}), a summary (customers, revenue, predicted value with horizon and currency, value at risk,
 * segments with revenue and action: {@code summary}, {@code summary-segments}), the segments, lifetime value with
 * every candidate model's holdout figures ({@code ltv-validation}), churn with P(alive), the transaction model's
 * P(no purchase) and the logistic P(churn) side by side ({@code churn-explained}) and their out-of-sample check
 * ({@code churn-validation}), recommendations, and the stage timings last ({@code timings}). Charts (each an {@code <svg class="chart">} with the
 * id in brackets), drawn when their stage ran:
 * <ul>
 *   <li>segment sizes ({@code segment-sizes}) and profiles, the segment means relative to all customers
 *   ({@code segment-profiles});</li>
 *   <li>the RFM heatmap, customers per recency x frequency score with their mean spend ({@code rfm-heatmap});</li>
 *   <li>the CLV distribution per segment on a log scale, box plots of the 5th, 25th, 50th, 75th and 95th
 *   percentiles ({@code clv-by-segment});</li>
 *   <li>the churn scores' out-of-sample cumulative gains (logistic P(churn) and the transaction model's P(no
 *   purchase)) and the logistic lift by decile ({@code churn-gains}); on the training labels, said so, when the
 *   data are too short for the out-of-sample check;</li>
 *   <li>the P(alive) matrix over frequency x recency at the longest customer age ({@code p-alive-matrix},
 *   lifetimes' {@code plot_probability_alive_matrix});</li>
 *   <li>actual vs predicted cumulative repeat purchases over time ({@code repeat-purchases}, lifetimes'
 *   {@code plot_cumulative_transactions}: predicted is the sum over customers of E[X(t - first purchase)]);</li>
 *   <li>recommendation examples, a table ({@code recommendations}).</li>
 * </ul>
 * A section whose data is absent from the {@link ReportData} is left out.
 */
public final class HtmlReport {
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
        Objects.requireNonNull(result, "result");
        write(ReportData.of(result), title, file);
    }

    /**
     * Renders and writes the report of precomputed figures.
     *
     * @param data the report's figures; not null
     * @param title the page title, escaped; not null
     * @param file the output file, replaced if it exists; not null
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(ReportData data, String title, Path file) {
        Objects.requireNonNull(file, "file");
        String html = render(data, title);
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
        return render(ReportData.of(result), title);
    }

    /**
     * Renders the report of precomputed figures.
     *
     * @param data the report's figures; not null
     * @param title the page title, escaped; not null
     * @return the HTML document
     */
    public static String render(ReportData data, String title) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(title, "title");
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.escape(title)).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#111;"
                        + "padding:0 1em}h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em;border-bottom:"
                        + "1px solid #ddd}table{border-collapse:collapse;font-size:.9em;margin:.5em 0}"
                        + "td,th{border:1px solid #ddd;padding:.25em .5em;text-align:right}th{background:#f4f4f4}"
                        + "td.l,th.l{text-align:left}td:not(.l){white-space:nowrap}.note{color:#555;font-size:.9em}svg.chart{display:block;"
                        + "margin:.5em 0;max-width:100%;height:auto}text{font-family:system-ui,sans-serif}"
                        + "#warnings{background:#fff4e5;border:1px solid #f0b429;padding:.5em 1em;margin:1em 0}"
                        + "#warnings h2{margin-top:0;border:none}.kpi{display:flex;flex-wrap:wrap;gap:.8em;"
                        + "margin:1em 0}.kpi div{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;"
                        + "min-width:11em}.kpi b{display:block;font-size:1.4em}.kpi span{color:#555;"
                        + "font-size:.85em}td.items{white-space:normal;font-size:.85em;min-width:14em}"
                        + "code{font-size:1.1em;color:#333}")
                .append("</style></head><body>\n<h1>").append(Html.escape(title)).append("</h1>\n");
        String currency = data.currency();
        h.append("<p>As of ").append(data.asOf()).append(": ")
                .append(String.format(Locale.ROOT, "%,d", data.customers()))
                .append(" customers, ").append(String.format(Locale.ROOT, "%,d", data.lines()))
                .append(" transaction lines from ").append(data.firstDate()).append(" to ")
                .append(data.lastDate()).append(currency.isEmpty() ? ""
                        : "; amounts in " + Html.escape(currency)).append(".</p>\n");
        warnings(h, data.warnings());
        summary(h, data, currency);
        if (!data.segments().isEmpty()) {
            section(h, "Segments", segmentSizes(data.segments()));
            segmentTable(h, data, currency);
            h.append(segmentProfiles(data));
            data.kSweep().ifPresent(k -> kSweep(h, k));
        }
        section(h, "RFM heatmap", rfmHeatmap(data, currency));
        if (data.lifetimeValueModel().isPresent()) {
            h.append("<h2>Lifetime value</h2>\n");
            lifetimeValue(h, data, currency);
            Optional<ReportData.Btyd> btyd = data.btyd();
            if (btyd.isEmpty()) {
                // another family's lifetime-value model: no BTYD charts
                h.append("<p id=\"ltv-model\">P(alive), expected purchases and CLV come from the lifetime-value"
                        + " model <b>").append(Html.escape(data.lifetimeValueModel().orElseThrow()))
                        .append("</b>.</p>\n");
            }
            if (!data.segments().isEmpty()) {
                h.append(clvBySegment(data, currency)).append('\n');
            }
            if (btyd.isPresent()) {
                ReportData.Btyd b = btyd.orElseThrow();
                section(h, "P(alive) by frequency and recency (" + b.model() + ")", pAliveMatrix(b));
                section(h, "Repeat purchases over time: actual and predicted", repeatPurchases(data, b));
            }
        }
        if (data.churn().isPresent()) {
            h.append("<h2>Churn: P(churn) and P(alive) side by side</h2>\n");
            churnExplained(h, data);
            ReportData.Churn churn = data.churn().orElseThrow();
            Optional<ChurnValidation> v = churn.validation();
            if (v.isPresent()) {
                h.append(churnGains(v.orElseThrow())).append('\n');
            } else if (churn.trainingGains().isPresent()) {
                h.append("<p class=\"note\">No out-of-sample check (see the warnings); the chart shows the "
                        + "model on its own training labels, which flatters it.</p>\n");
                h.append(churnGainsInSample(churn.trainingGains().orElseThrow())).append('\n');
            } else {
                h.append("<p class=\"note\">No out-of-sample check and no gains chart in this run.</p>\n");
            }
        }
        if (data.recommendations().isPresent()) {
            h.append("<h2>Recommendation examples</h2>\n");
            recommendations(h, data);
        }
        h.append("<h2>Stage timings</h2>\n");
        timings(h, data.timings());
        h.append("<p class=\"note\">Generated by segmentation. Self-contained: no scripts, no external resources."
                + "</p>\n</body></html>\n");
        return h.toString();
    }

    private static void warnings(StringBuilder h, List<String> warnings) {
        if (warnings.isEmpty()) {
            return;
        }
        h.append("<div id=\"warnings\"><h2>Warnings</h2><ul>");
        for (String w : warnings) {
            h.append("<li>").append(Html.escape(w)).append("</li>");
        }
        h.append("</ul></div>\n");
    }

    private static void summary(StringBuilder h, ReportData r, String currency) {
        double total = r.totals().revenue();
        boolean hasClv = r.totals().clv().isPresent();
        h.append("<h2>Summary</h2>\n<div class=\"kpi\" id=\"summary\">");
        kpi(h, String.format(Locale.ROOT, "%,d", r.customers()), "customers");
        kpi(h, money(total, currency), "revenue observed");
        Optional<LifetimeValueReport> ltv = r.lifetimeValueReport();
        if (hasClv && ltv.isPresent()) {
            kpi(h, money(r.totals().clv().getAsDouble(), currency), "predicted value over "
                    + horizon(ltv.orElseThrow()) + " (CLV, " + pct(ltv.orElseThrow().annualDiscountRate())
                    + " a year discount)");
        }
        if (r.totals().valueAtRisk().isPresent()) {
            kpi(h, money(r.totals().valueAtRisk().getAsDouble(), currency), "value at risk: CLV x P(churn in "
                    + r.churnHorizonDays() + " days)");
        }
        h.append("</div>\n");
        if (r.segments().isEmpty()) {
            return;
        }
        boolean actions = r.segments().stream().anyMatch(s -> !s.action().isEmpty());
        h.append("<table id=\"summary-segments\"><tr><th class=\"l\">segment</th><th>customers</th>"
                + "<th>share of customers</th><th>revenue</th><th>share of revenue</th><th>mean CLV</th>"
                + "<th>mean P(churn)</th>").append(actions ? "<th class=\"l\">suggested action</th>" : "")
                .append("</tr>");
        for (ReportData.Segment s : r.segments()) {
            double rev = s.revenue();
            h.append("<tr><td class=\"l\">").append(s.segment()).append(": ").append(Html.escape(s.name()))
                    .append("</td><td>").append(String.format(Locale.ROOT, "%,d", s.size())).append("</td><td>")
                    .append(pct(s.share())).append("</td><td>").append(money(rev, currency)).append("</td><td>")
                    .append(total > 0 ? pct(rev / total) : "").append("</td><td>").append(money(s.meanClv(), currency))
                    .append("</td><td>").append(pct(s.churnRate())).append("</td>");
            if (actions) {
                h.append("<td class=\"l\">").append(Html.escape(s.action())).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>\n");
    }

    private static void kpi(StringBuilder h, String value, String label) {
        h.append("<div><b>").append(Html.escape(value)).append("</b><span>").append(Html.escape(label))
                .append("</span></div>");
    }

    private static String horizon(LifetimeValueReport r) {
        java.time.Period p = r.horizon();
        if (p.getDays() == 0 && p.getMonths() == 0) {
            return p.getYears() == 1 ? "1 year" : p.getYears() + " years";
        }
        if (p.getDays() == 0 && p.getYears() == 0) {
            return p.getMonths() == 1 ? "1 month" : p.getMonths() + " months";
        }
        return p.toString();
    }

    private static void lifetimeValue(StringBuilder h, ReportData r, String currency) {
        if (r.lifetimeValueReport().isEmpty()) {
            // a scored result (score with a saved bundle) applies the bundle's models: no model choice to report
            return;
        }
        LifetimeValueReport ltv = r.lifetimeValueReport().orElseThrow();
        h.append("<p>CLV is the discounted value of the purchases a customer is expected to make over the next ")
                .append(Html.escape(horizon(ltv))).append(", at an annual discount rate of ")
                .append(pct(ltv.annualDiscountRate())).append(currency.isEmpty() ? ", in the data's currency"
                        : ", in " + Html.escape(currency)).append(". Purchases come from the transaction model <b>")
                .append(Html.escape(modelName(ltv.model()))).append("</b>, the spend per purchase from Gamma-Gamma."
                        + " Model choice: ").append(Html.escape(ltv.criterion())).append(".</p>\n");
        h.append("<table id=\"ltv-validation\"><tr><th class=\"l\">model</th><th class=\"l\">used</th>"
                + "<th>holdout log loss (lower is better)</th><th>holdout AUC of P(no purchase)</th>"
                + "<th>holdout purchases predicted</th><th>actual</th><th>mean P(alive) of one-time buyers</th>"
                + "<th class=\"l\">note</th></tr>");
        for (LifetimeValueReport.Candidate c : ltv.candidates()) {
            h.append("<tr><td class=\"l\">").append(Html.escape(modelName(c.model()))).append("</td><td class=\"l\">")
                    .append(c.chosen() ? "yes" : "no").append("</td><td>").append(fixed(c.holdoutLogLoss(), 4))
                    .append("</td><td>").append(fixed(c.holdoutAuc(), 3)).append("</td><td>")
                    .append(count(c.predictedHoldoutPurchases())).append("</td><td>")
                    .append(count(c.actualHoldoutPurchases())).append("</td><td>")
                    .append(fixed(c.meanAliveWithoutRepeat(), 3)).append("</td><td class=\"l\">")
                    .append(Html.escape(c.note())).append("</td></tr>");
        }
        h.append("</table>\n");
        for (LifetimeValueReport.Candidate c : ltv.candidates()) {
            if (c.chosen() && c.dropoutPrior().isPresent()) {
                dropoutPrior(h, c.model(), c.dropoutPrior().orElseThrow());
            }
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (LifetimeValueReport.Candidate c : ltv.candidates()) {
            lo = Math.min(lo, c.holdoutLogLoss());
            hi = Math.max(hi, c.holdoutLogLoss());
        }
        if (ltv.candidates().size() > 1 && hi - lo < 1e-4) {
            // identical rows look like a copying error to a reader; say why they are the same
            h.append("<p class=\"note\" id=\"ltv-same\">The models' holdout figures coincide (log loss within "
                    + "0.0001): they make the same predictions on these data, as happens when the fitted dropout is "
                    + "about zero and every model reduces to the same purchase process (customers buy at their own "
                    + "rate and do not leave).</p>\n");
        }
    }

    /** The dropout prior in one sentence, then its grid of weights with the holdout figures behind the pick. */
    private static void dropoutPrior(StringBuilder h, String model, LifetimeValueReport.DropoutPrior prior) {
        h.append("<p id=\"ltv-prior\"><b>Dropout prior.</b> ").append(Html.escape(prior.statement()))
                .append("</p>\n");
        h.append("<table id=\"ltv-prior-grid\"><tr><th>weight</th><th class=\"l\">used</th>"
                + "<th>holdout log loss (lower is better)</th><th>difference to the lowest</th>"
                + "<th>standard error of the difference</th><th class=\"l\">within one standard error</th>"
                + "<th>mean P(alive) of one-time buyers</th><th class=\"l\">note</th></tr>");
        for (LifetimeValueReport.Weight w : prior.weights()) {
            h.append("<tr><td>").append(w.weight() == 0 ? "0" : String.format(Locale.ROOT, "%.0e", w.weight()))
                    .append("</td><td class=\"l\">").append(w.weight() == prior.used() ? "yes" : "no")
                    .append("</td><td>").append(fixed(w.holdoutLogLoss(), 5)).append("</td><td>")
                    .append(fixed(w.difference(), 5)).append("</td><td>").append(fixed(w.standardError(), 5))
                    .append("</td><td class=\"l\">").append(w.eligible() ? w.withinOneStandardError() ? "yes" : "no"
                            : "").append("</td><td>").append(fixed(w.meanAliveWithoutRepeat(), 3))
                    .append("</td><td class=\"l\">").append(Html.escape(w.note())).append("</td></tr>");
        }
        h.append("</table>\n<p class=\"note\">").append(Html.escape(modelName(model)))
                .append(" fitted on the same calibration data at each weight of the prior; rule: ")
                .append(Html.escape(prior.rule())).append(".</p>\n");
    }

    private static String modelName(String model) {
        switch (model) {
            case "bgnbd":
                return "BG/NBD";
            case "mbgnbd":
                return "MBG/NBD";
            case "paretonbd":
                return "Pareto/NBD";
            default:
                return model;
        }
    }

    /** P(alive), the BTYD P(no purchase over the horizon) and the logistic P(churn) per segment, explained. */
    private static void churnExplained(StringBuilder h, ReportData r) {
        int days = r.churnHorizonDays();
        h.append("<p><b>How churn is defined.</b> ").append(Html.escape(ChurnValidation.definition(days)))
                .append(".</p>\n<p><b>Three numbers, three questions.</b> P(alive) (transaction model) is the "
                + "probability that the customer has not yet left for good; a customer can be alive and still not "
                + "buy for a while. P(no purchase in ").append(days).append(" days) (transaction model) and P(churn) "
                + "(logistic model on RFM and behaviour) both answer the churn question, so they are comparable; "
                + "P(alive) is not: a P(alive) of 0.98 next to a P(churn) of 0.60 means \"still a customer, but "
                + "unlikely to buy within the horizon\".</p>\n");
        if (!r.segments().isEmpty()) {
            h.append("<table id=\"churn-explained\"><tr><th class=\"l\">segment</th><th>mean P(alive)</th>"
                    + "<th>mean P(no purchase in ").append(days).append(" days), transaction model</th>"
                    + "<th>mean P(churn), logistic</th></tr>");
            for (ReportData.Segment s : r.segments()) {
                if (s.members() == 0) {
                    continue;
                }
                h.append("<tr><td class=\"l\">").append(s.segment()).append(": ").append(Html.escape(s.name()))
                        .append("</td><td>").append(fixed(s.meanAlive(), 3)).append("</td><td>")
                        .append(fixed(s.meanNoPurchase(), 3)).append("</td><td>").append(fixed(s.meanChurn(), 3))
                        .append("</td></tr>");
            }
            h.append("</table>\n");
        }
        Optional<ChurnValidation> v = r.churn().flatMap(ReportData.Churn::validation);
        if (v.isPresent()) {
            ChurnValidation c = v.orElseThrow();
            h.append("<p><b>Out-of-sample check.</b> Both models were refitted on the data up to ")
                    .append(c.evaluationCutoff()).append(" (the logistic model on labels from ")
                    .append(c.trainingCutoff()).append(") and scored the ")
                    .append(String.format(Locale.ROOT, "%,d", c.customers())).append(" customers of that date; ")
                    .append(pct(c.churnRate())).append(" of them then made no purchase in ").append(days)
                    .append(" days.</p>\n<table id=\"churn-validation\"><tr><th class=\"l\">model</th>"
                    + "<th>holdout AUC</th><th>Brier score</th><th>mean predicted</th><th>observed rate</th></tr>")
                    .append("<tr><td class=\"l\">P(churn), logistic</td><td>").append(fixed(c.logisticAuc(), 3))
                    .append("</td><td>").append(fixed(c.logisticBrier(), 3)).append("</td><td>")
                    .append(pct(c.logisticMeanPredicted())).append("</td><td>").append(pct(c.churnRate()))
                    .append("</td></tr>");
            if (!Double.isNaN(c.btydAuc())) {
                h.append("<tr><td class=\"l\">P(no purchase), transaction model</td><td>")
                        .append(fixed(c.btydAuc(), 3)).append("</td><td>").append(fixed(c.btydBrier(), 3))
                        .append("</td><td>").append(pct(c.btydMeanPredicted())).append("</td><td>")
                        .append(pct(c.churnRate())).append("</td></tr>");
            }
            h.append("</table>\n");
        }
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

    /** Approximate width in pixels of a label at a font size (system-ui, average glyph 0.58 em). */
    private static double textWidth(String s, int size) {
        return s.length() * size * 0.58;
    }

    private static String segmentSizes(List<ReportData.Segment> segments) {
        int rowH = 28;
        double labelW = 0;
        for (ReportData.Segment seg : segments) {
            labelW = Math.max(labelW, textWidth(seg.segment() + ": " + seg.name(), 13));
        }
        int left = (int) Math.max(120, labelW + 20);
        int width = Math.max(760, left + 500);
        Svg s = new Svg("segment-sizes", width, 40 + rowH * segments.size(), "Customers per segment");
        long max = 1;
        for (ReportData.Segment seg : segments) {
            max = Math.max(max, seg.size());
        }
        for (int i = 0; i < segments.size(); i++) {
            ReportData.Segment seg = segments.get(i);
            double y = 20 + i * rowH;
            double w = (width - left - 190) * (double) seg.size() / max;
            s.text(left - 8, y + 17, seg.segment() + ": " + seg.name(), "end", 13);
            s.rect(left, y + 3, w, rowH - 6, Svg.category(i), seg.name() + ": " + seg.size());
            s.text(left + w + 6, y + 17, String.format(Locale.ROOT, "%,d customers (%.1f%%)", seg.size(),
                    100 * seg.share()), "start", 12);
        }
        return s.close();
    }

    /**
     * One row per segment: size, the members' medians in original units (the k-means centres are neither means nor
     * medians, so they are not shown here), mean CLV and P(churn), the best sellers and the distinctive items
     * (bought more than by everyone), each item with its description where the data has one.
     */
    private static void segmentTable(StringBuilder h, ReportData r, String currency) {
        List<ReportData.Segment> segments = r.segments();
        List<String> features = List.of("recency", "frequency", "monetary");
        boolean medians = segments.stream().allMatch(s -> s.medians().keySet().containsAll(features));
        boolean distinctive = segments.stream().anyMatch(s -> !s.distinctiveItems().isEmpty());
        String what = medians ? "median" : "centre";
        h.append("<table id=\"segment-table\"><tr><th>#</th><th class=\"l\">name</th><th>size</th><th>share</th>"
                + "<th>").append(what).append(" days since last order</th><th>").append(what).append(" orders</th><th>")
                .append(what).append(" spend").append(currency.isEmpty() ? "" : " (" + Html.escape(currency) + ")")
                .append("</th><th>mean CLV</th><th>mean P(churn)</th><th class=\"l\">best sellers</th>")
                .append(distinctive ? "<th class=\"l\">distinctive items (bought more than by all customers)</th>" : "")
                .append("</tr>");
        for (ReportData.Segment s : segments) {
            h.append("<tr><td>").append(s.segment()).append("</td><td class=\"l\">").append(Html.escape(s.name()))
                    .append("</td><td>").append(String.format(Locale.ROOT, "%,d", s.size())).append("</td><td>")
                    .append(pct(s.share())).append("</td>");
            for (String f : features) {
                double v = (medians ? s.medians() : s.centre()).getOrDefault(f, Double.NaN);
                h.append("<td>").append(f.equals("monetary") ? money(v, "") : median(v)).append("</td>");
            }
            h.append("<td>").append(money(s.meanClv(), currency)).append("</td><td>").append(pct(s.churnRate()))
                    .append("</td><td class=\"l items\">").append(items(r, s.topItems(), s.itemDescriptions()))
                    .append("</td>");
            if (distinctive) {
                h.append("<td class=\"l items\">").append(items(r, s.distinctiveItems(), s.itemDescriptions()))
                        .append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>\n");
        if (medians) {
            h.append("<p class=\"note\">Days, orders and spend are the medians of the segment's customers; "
                    + "spend is the total over the observed period.</p>\n");
        }
    }

    /** A median of days or orders: whole numbers without decimals, a half (the mean of two middle values) with one. */
    private static String median(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%,.1f", v);
    }

    /**
     * Items as HTML, one per line: the code, then the description where the data has one (from {@code known},
     * else from the log), escaped.
     */
    private static String items(ReportData log, List<String> ids, Map<String, String> known) {
        StringBuilder b = new StringBuilder();
        for (String id : ids) {
            if (b.length() > 0) {
                b.append("<br>");
            }
            b.append("<code>").append(Html.escape(id)).append("</code>");
            String d = description(log, id, known);
            if (!d.isEmpty()) {
                b.append(' ').append(Html.escape(d));
            }
        }
        return b.toString();
    }

    private static String description(ReportData log, String id, Map<String, String> known) {
        String d = known.get(id);
        if (d == null) {
            d = log.itemDescriptions().getOrDefault(id, "");
        }
        return d.strip();
    }

    /**
     * Heatmap of segment means relative to the mean over all customers (log2 ratio, clipped to +-2), coloured so
     * that dark means better for the business: for recency (days since the last purchase) and the mean days
     * between purchases the ratio is inverted.
     */
    private static String segmentProfiles(ReportData r) {
        List<ReportData.Segment> segments = r.segments();
        List<String> features = r.features();
        int d = features.size();
        int k = segments.size();
        double[] overall = r.featureMeans();
        int cellW = 120;
        int cellH = 22;
        double featureW = 0;
        for (String f : features) {
            featureW = Math.max(featureW, textWidth(f + " (reversed)", 11));
        }
        int left = (int) Math.max(120, featureW + 20);
        List<List<String>> heads = new ArrayList<>();
        int headLines = 1;
        for (ReportData.Segment seg : segments) {
            List<String> lines = wrap(seg.segment() + ": " + seg.name(), 19);
            heads.add(lines);
            headLines = Math.max(headLines, lines.size());
        }
        int top = 14 + 14 * headLines;
        Svg s = new Svg("segment-profiles", Math.max(left + cellW * k + 20, left + 620), top + cellH * d + 92,
                "Segment profiles: mean of each feature relative to all customers");
        for (int i = 0; i < k; i++) {
            List<String> lines = heads.get(i);
            for (int l = 0; l < lines.size(); l++) {
                s.text(left + i * cellW + cellW / 2.0, top - 6 - 14 * (lines.size() - 1 - l), lines.get(l), "middle",
                        11);
            }
        }
        for (int j = 0; j < d; j++) {
            double y = top + j * cellH;
            // days since the last order and days between orders: fewer is better for the business
            boolean lowerIsBetter = features.get(j).equals("recency")
                    || features.get(j).equals("mean_interpurchase_days");
            s.text(left - 8, y + 15, features.get(j) + (lowerIsBetter ? " (reversed)" : ""), "end", 11);
            for (int i = 0; i < k; i++) {
                double v = segments.get(i).featureMeans()[j];
                double ratio = overall[j] == 0 ? 1 : v / overall[j];
                if (lowerIsBetter) {
                    ratio = 1 / Math.max(ratio, 1e-9);
                }
                double t = (Math.max(-2, Math.min(2, Math.log(Math.max(ratio, 1e-9)) / Math.log(2))) + 2) / 4;
                s.rect(left + i * cellW, y, cellW - 1, cellH - 1, Svg.color(t),
                        features.get(j) + ": segment mean " + fmt(v) + " (all customers: " + fmt(overall[j]) + ")");
                s.text(left + i * cellW + cellW / 2.0, y + 15, fmt(v), "middle", 10, Svg.ink(t));
            }
        }
        double ly = top + cellH * d + 14;
        for (int t = 0; t <= 4; t++) {
            s.rect(left + t * 60, ly, 59, 14, Svg.color(t / 4.0), null);
            s.text(left + t * 60 + 30, ly + 28, new String[] {"1/4x", "1/2x", "1x", "2x", "4x"}[t], "middle", 10);
        }
        s.text(left + 5 * 60 + 10, ly + 11, "colour: segment mean / mean of all customers", "start", 11);
        s.text(left, ly + 46, "dark = better: more recent (recency reversed), more orders, more "
                + "spend;", "start", 11);
        s.text(left, ly + 61, "shorter gaps between orders (mean_interpurchase_days reversed); "
                + "other features: dark = higher", "start", 11);
        return s.close();
    }

    /**
     * The sweep behind {@code --k auto}: mean silhouette and inertia per k side by side with the chosen k marked,
     * the k whose smallest segment is below the minimum share drawn hollow, the rule in words and a table.
     */
    private static void kSweep(StringBuilder h, KChoice k) {
        List<KChoice.Row> rows = k.rows();
        int kMin = rows.get(0).k();
        int kMax = rows.get(rows.size() - 1).k();
        boolean anyEligible = rows.stream().anyMatch(r -> r.smallestShare() >= k.minShare());
        h.append("<h2>Number of segments: k = ").append(k.chosen()).append(" chosen from ").append(kMin)
                .append(" to ").append(kMax).append("</h2>\n<p>The rule: among the k whose smallest segment holds at "
                + "least ").append(pct(k.minShare())).append(" of the customers (the minimum share), the k with the "
                + "highest mean silhouette (how much closer customers are to their own segment than to the next; "
                + "ties go to the smaller k). ")
                .append(anyEligible ? "" : "No k met the minimum share here, so the k with the largest smallest "
                        + "segment was taken. ")
                .append("Inertia always falls as k grows, so it is shown for the elbow, not used to choose. BIC is "
                        + "not shown: it belongs to Gaussian mixtures, and these segments are k-means.</p>\n");
        h.append(kSweepChart(k, kMin, kMax)).append('\n');
        h.append("<table id=\"k-sweep-table\"><tr><th>k</th><th>mean silhouette</th><th>inertia</th>"
                + "<th>smallest segment (share of customers)</th><th class=\"l\">meets the minimum share</th>"
                + "<th class=\"l\">chosen</th></tr>");
        for (KChoice.Row r : rows) {
            h.append("<tr><td>").append(r.k()).append("</td><td>").append(fixed(r.silhouette(), 3)).append("</td><td>")
                    .append(count(r.inertia())).append("</td><td>").append(pct(r.smallestShare()))
                    .append("</td><td class=\"l\">").append(r.smallestShare() >= k.minShare() ? "yes" : "no")
                    .append("</td><td class=\"l\">").append(r.k() == k.chosen() ? "<b>chosen</b>" : "")
                    .append("</td></tr>");
        }
        h.append("</table>\n");
    }

    private static String kSweepChart(KChoice k, int kMin, int kMax) {
        List<KChoice.Row> rows = k.rows();
        int plotW = 330;
        int plotH = 220;
        int top = 40;
        int[] lefts = {80, 80 + plotW + 130};
        Svg s = new Svg("k-sweep", lefts[1] + plotW + 40, top + plotH + 110,
                "Choice of the number of segments: mean silhouette and inertia per k");
        double silLo = 0;
        double silHi = 0;
        double inHi = 0;
        for (KChoice.Row r : rows) {
            silLo = Math.min(silLo, r.silhouette());
            silHi = Math.max(silHi, r.silhouette());
            inHi = Math.max(inHi, r.inertia());
        }
        double silStep = niceStep(Math.max(silHi - silLo, 1e-9) / 4);
        silLo = Math.floor(silLo / silStep + 1e-9) * silStep;
        silHi = Math.max(silLo + silStep, Math.ceil(silHi / silStep - 1e-9) * silStep);
        double inStep = niceStep(Math.max(inHi, 1e-9) / 4);
        inHi = Math.max(inStep, Math.ceil(inHi / inStep - 1e-9) * inStep);
        String[] titles = {"mean silhouette (higher = better separated)",
            "inertia: within-segment sum of squares (lower = tighter)"};
        double[][] range = {{silLo, silHi, silStep}, {0, inHi, inStep}};
        for (int panel = 0; panel < 2; panel++) {
            int left = lefts[panel];
            double lo = range[panel][0];
            double hi = range[panel][1];
            double step = range[panel][2];
            s.line(left, top + plotH, left + plotW, top + plotH, "#999", 1).line(left, top, left, top + plotH, "#999", 1);
            for (int t = 0; lo + t * step <= hi + step * 1e-9; t++) {
                double v = lo + t * step;
                double y = top + plotH - plotH * (v - lo) / (hi - lo);
                s.line(left - 4, y, left, y, "#999", 1).line(left, y, left + plotW, y, "#eeeeee", 1);
                s.text(left - 6, y + 4, panel == 0 ? trimNumber(v) : String.format(Locale.ROOT, "%,.0f", v), "end",
                        10);
            }
            for (int kk = kMin; kk <= kMax; kk++) {
                double x = kx(kk, kMin, kMax, left, plotW);
                s.line(x, top + plotH, x, top + plotH + 4, "#999", 1);
                s.text(x, top + plotH + 16, Integer.toString(kk), "middle", 10);
            }
            s.text(left + plotW / 2.0, top + plotH + 34, "number of segments k", "middle", 11);
            s.text(left - 60, top - 14, titles[panel], "start", 11);
            double cx = kx(k.chosen(), kMin, kMax, left, plotW);
            s.line(cx, top, cx, top + plotH, "#d95f02", 2);
            s.text(cx + 4, top + 10, "chosen k = " + k.chosen(), "start", 10, "#a63603");
            double[] xs = new double[rows.size()];
            double[] ys = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                KChoice.Row r = rows.get(i);
                double v = panel == 0 ? r.silhouette() : r.inertia();
                xs[i] = kx(r.k(), kMin, kMax, left, plotW);
                ys[i] = top + plotH - plotH * (v - lo) / (hi - lo);
            }
            s.polyline(xs, ys, "#225ea8", null);
            for (int i = 0; i < rows.size(); i++) {
                KChoice.Row r = rows.get(i);
                boolean eligible = r.smallestShare() >= k.minShare();
                s.circle(xs[i], ys[i], 5, eligible ? "#225ea8" : "#ffffff", eligible ? "#225ea8" : "#777777",
                        String.format(Locale.ROOT, "k = %d: silhouette %.3f, inertia %,.0f, smallest segment %.1f%%",
                                r.k(), r.silhouette(), r.inertia(), 100 * r.smallestShare()));
            }
        }
        double ly = top + plotH + 58;
        int lx = lefts[0];
        s.circle(lx + 6, ly - 4, 5, "#225ea8", "#225ea8", null).text(lx + 18, ly, "smallest segment at least "
                + pct(k.minShare()) + " of the customers (eligible)", "start", 11);
        s.circle(lx + 6, ly + 14, 5, "#ffffff", "#777777", null).text(lx + 18, ly + 18, "smallest segment below "
                + pct(k.minShare()) + " (not eligible)", "start", 11);
        s.line(lx, ly + 32, lx + 12, ly + 32, "#d95f02", 2).text(lx + 18, ly + 36,
                "chosen k: highest silhouette among the eligible k", "start", 11);
        s.text(lefts[1], ly, "inertia has no unit: squared distances on the scaled features", "start", 11);
        return s.close();
    }

    private static double kx(int k, int kMin, int kMax, int left, int plotW) {
        return kMax == kMin ? left + plotW / 2.0 : left + 10 + (plotW - 20) * (double) (k - kMin) / (kMax - kMin);
    }

    /** Splits a label into lines of at most {@code width} characters at spaces (a longer word stays whole). */
    private static List<String> wrap(String label, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : label.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static String rfmHeatmap(ReportData r, String currency) {
        long[][] count = r.rfmCounts();
        double[][] spend = r.rfmSpend();
        long max = 1;
        for (long[] row : count) {
            for (long c : row) {
                max = Math.max(max, c);
            }
        }
        int cell = 80;
        int left = 90;
        int top = 20;
        Svg s = new Svg("rfm-heatmap", left + 5 * cell + 60, top + 5 * cell + 66,
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
        s.text(left + 2.5 * cell, top + 5 * cell + 40, "recency score (5 = most recent); rows: frequency score "
                + "(5 = most orders)", "middle", 12);
        s.text(left + 2.5 * cell, top + 5 * cell + 56, "cells: customers and their mean spend"
                + (currency.isEmpty() ? "" : " (" + currency + ")") + "; colour: customers (dark = more)", "middle", 12);
        return s.close();
    }

    private static String clvBySegment(ReportData r, String currency) {
        List<ReportData.Segment> segments = r.segments();
        int k = segments.size();
        double[][] q = new double[k][];
        double max = 1;
        for (int s = 0; s < k; s++) {
            q[s] = segments.get(s).clvQuantiles();
            if (!Double.isNaN(q[s][4])) {
                max = Math.max(max, q[s][4]);
            }
        }
        // log scale from 1 to the next power of ten above the largest 95th percentile
        int decades = Math.max(1, (int) Math.ceil(Math.log10(max)));
        double labelW = 0;
        for (ReportData.Segment seg : segments) {
            labelW = Math.max(labelW, textWidth(seg.segment() + ": " + seg.name(), 12));
        }
        int left = (int) Math.max(120, labelW + 20);
        int rowH = 34;
        int plotW = 600;
        int width = left + plotW + 60;
        Svg s = new Svg("clv-by-segment", width, 120 + rowH * k, "Customer lifetime value per segment");
        double top = 10;
        java.util.function.DoubleUnaryOperator x = v -> left + plotW * Math.log10(Math.max(1, v)) / decades;
        for (int d = 0; d <= decades; d++) {
            double gx = left + plotW * (double) d / decades;
            s.line(gx, top, gx, top + rowH * k, "#eeeeee", 1);
        }
        for (int i = 0; i < k; i++) {
            double y = top + i * rowH;
            double[] b = q[i];
            s.text(left - 8, y + 20, segments.get(i).segment() + ": " + segments.get(i).name(), "end", 12);
            if (Double.isNaN(b[0])) {
                continue;
            }
            double x0 = x.applyAsDouble(b[0]);
            double x1 = x.applyAsDouble(b[1]);
            double x2 = x.applyAsDouble(b[2]);
            double x3 = x.applyAsDouble(b[3]);
            double x4 = x.applyAsDouble(b[4]);
            s.line(x0, y + 16, x1, y + 16, "#555", 1).line(x3, y + 16, x4, y + 16, "#555", 1);
            s.line(x0, y + 8, x0, y + 24, "#555", 1).line(x4, y + 8, x4, y + 24, "#555", 1);
            s.rect(x1, y + 4, x3 - x1, 24, Svg.category(i), String.format(Locale.ROOT,
                    "p5 %s, p25 %s, median %s, p75 %s, p95 %s", fmt(b[0]), fmt(b[1]), fmt(b[2]), fmt(b[3]), fmt(b[4])));
            s.line(x2, y + 4, x2, y + 28, "#111", 2);
        }
        double axisY = top + 4 + rowH * k;
        s.line(left, axisY, left + plotW, axisY, "#999", 1);
        for (int d = 0; d <= decades; d++) {
            double gx = left + plotW * (double) d / decades;
            s.line(gx, axisY, gx, axisY + 4, "#999", 1);
            s.text(gx, axisY + 17, String.format(Locale.ROOT, "%,.0f", Math.pow(10, d)), "middle", 11);
        }
        s.text(left + plotW / 2.0, axisY + 36, "CLV over " + r.lifetimeValueReport().map(HtmlReport::horizon)
                .orElse("the horizon") + (currency.isEmpty() ? "" : " (" + currency + ")")
                + ", log scale; values below 1 drawn at 1", "middle", 12);
        s.text(left + plotW / 2.0, axisY + 54, "box: 25th to 75th percentile, bar: median, whiskers: 5th to 95th "
                + "percentile", "middle", 11);
        s.text(left + plotW / 2.0, axisY + 70, "(the top 5% of each segment lie beyond the right whisker)", "middle",
                11);
        return s.close();
    }

    private static String pAliveMatrix(ReportData.Btyd btyd) {
        double[][] m = btyd.pAlive();
        int maxF = m.length - 1;
        int maxR = m[0].length - 1;
        int left = 70;
        int top = 24;
        double cw = Math.max(3, 640.0 / (maxR + 1));
        double ch = Math.max(6, 360.0 / (maxF + 1));
        int plotW = (int) (cw * (maxR + 1));
        Svg s = new Svg("p-alive-matrix", left + plotW + 110, (int) (top + ch * (maxF + 1) + 70),
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
        String unit = btyd.unit().toDays() == 7 ? "weeks" : btyd.unit().toString();
        s.text(left + plotW / 2.0, top + (maxF + 1) * ch + 34,
                "recency: " + unit + " from the first to the last purchase (customer age T = " + maxR + " " + unit
                        + ")", "middle", 12);
        s.text(left - 6, top - 6, "repeat purchases (frequency)", "start", 11);
        // colour bar: P(alive) 0 (light) to 1 (dark)
        double bx = left + plotW + 30;
        double bh = Math.min(200, ch * (maxF + 1));
        for (int t = 0; t < 20; t++) {
            s.rect(bx, top + bh - (t + 1) * bh / 20, 16, bh / 20 + 0.5, Svg.color((t + 0.5) / 20), null);
        }
        for (int t = 0; t <= 4; t++) {
            s.text(bx + 22, top + bh - t * bh / 4 + 4, String.format(Locale.ROOT, "%.2f", t / 4.0), "start", 10);
        }
        s.text(bx, top + bh + 18, "P(alive)", "start", 11);
        return s.close();
    }

    private static String repeatPurchases(ReportData r, ReportData.Btyd btyd) {
        long firstDay = r.firstDate().toEpochDay();
        long lastDay = r.lastDate().toEpochDay();
        double[] act = btyd.actual();
        double[] pred = btyd.predicted();
        int weeks = act.length;
        double max = Math.max(1, Math.max(act[weeks - 1], pred[weeks - 1]));
        double step = niceStep(max / 4);
        max = Math.ceil(max / step) * step;
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
        for (int t = 0; t * step <= max + 1e-9; t++) {
            double y = top + plotH - plotH * t * step / max;
            s.line(left - 4, y, left, y, "#999", 1);
            s.text(left - 6, y + 4, String.format(Locale.ROOT, "%,.0f", t * step), "end", 10);
        }
        s.text(left - 60, top - 6, "cumulative repeat purchases", "start", 11);
        s.text(left, top + plotH + 16, LocalDate.ofEpochDay(firstDay).toString(), "start", 10);
        s.text(left + plotW, top + plotH + 16, LocalDate.ofEpochDay(lastDay).toString(), "end", 10);
        s.polyline(xs, ya, "#225ea8", null).polyline(xs, yp, "#d95f02", "6,4");
        s.rect(left + 10, top + plotH + 34, 18, 4, "#225ea8", null).text(left + 34, top + plotH + 40, "actual", "start", 12);
        s.rect(left + 110, top + plotH + 34, 18, 4, "#d95f02", null)
                .text(left + 134, top + plotH + 40, "predicted (" + btyd.model() + ")", "start", 12);
        return s.close();
    }

    /** Out-of-sample cumulative gains of both churn scores and the logistic lift per decile. */
    private static String churnGains(ChurnValidation v) {
        double[] gains = v.logisticGains();
        double[] btyd = v.btydGains();
        double[] lift = v.logisticLift();
        int left = 60;
        int top = 30;
        int size = 320;
        Svg s = new Svg("churn-gains", left + size + 420, top + size + 90,
                "Churn: out-of-sample cumulative gains and lift");
        s.line(left, top + size, left + size, top + size, "#999", 1).line(left, top, left, top + size, "#999", 1);
        s.line(left, top + size, left + size, top, "#bbb", 1);
        s.polyline(curveX(left, size, gains.length), curveY(top, size, gains), "#225ea8", null);
        if (btyd.length > 0) {
            s.polyline(curveX(left, size, btyd.length), curveY(top, size, btyd), "#d95f02", "6,4");
        }
        for (int t = 0; t <= 4; t++) {
            s.text(left - 6, top + size - size * t / 4.0 + 4, (25 * t) + "%", "end", 10);
            s.text(left + size * t / 4.0, top + size + 16, (25 * t) + "%", "middle", 10);
        }
        s.text(left + size / 2.0, top + size + 34, "customers contacted, highest risk first", "middle", 11);
        s.text(left - 50, top - 12, "share of churners found", "start", 11);
        s.rect(left, top + size + 48, 18, 4, "#225ea8", null).text(left + 24, top + size + 54,
                String.format(Locale.ROOT, "P(churn), logistic: AUC %.3f", v.logisticAuc()), "start", 11);
        if (btyd.length > 0) {
            s.rect(left, top + size + 64, 18, 4, "#d95f02", null).text(left + 24, top + size + 70,
                    String.format(Locale.ROOT, "P(no purchase), transaction model: AUC %.3f", v.btydAuc()), "start",
                    11);
        }
        s.line(left, top + size + 82, left + 18, top + size + 82, "#bbb", 1).text(left + 24, top + size + 86,
                "random order", "start", 11);
        int bx = left + size + 90;
        int bw = 300;
        double cell = (double) bw / lift.length;
        double maxLift = 1;
        for (double l : lift) {
            maxLift = Math.max(maxLift, l);
        }
        double step = niceStep(maxLift / 4);
        double axisMax = Math.ceil(maxLift / step) * step;
        s.line(bx, top + size, bx + bw, top + size, "#999", 1).line(bx, top, bx, top + size, "#999", 1);
        for (double t = 0; t <= axisMax + 1e-9; t += step) {
            double y = top + size - size * t / axisMax;
            s.line(bx - 4, y, bx, y, "#999", 1);
            s.text(bx - 6, y + 4, trimNumber(t), "end", 10);
        }
        for (int i = 0; i < lift.length; i++) {
            double h = size * lift[i] / axisMax;
            s.rect(bx + i * cell + 1, top + size - h, cell - 3, h, Svg.category(2),
                    "decile " + (i + 1) + ": lift " + fmt(lift[i]));
            s.text(bx + i * cell + cell / 2, top + size + 16, Integer.toString(i + 1), "middle", 10);
        }
        double oneY = top + size - size / axisMax;
        s.line(bx, oneY, bx + bw, oneY, "#d95f02", 1);
        s.text(bx + bw / 2.0, top + size + 34, "decile of customers by P(churn), highest first", "middle", 11);
        s.text(bx - 30, top - 12, "lift: churn rate in the decile / overall rate (line: 1 = random)", "start", 11);
        return s.close();
    }

    private static double[] curveX(int left, int size, int groups) {
        double[] xs = new double[groups + 1];
        for (int i = 0; i <= groups; i++) {
            xs[i] = left + size * (double) i / groups;
        }
        return xs;
    }

    private static double[] curveY(int top, int size, double[] gains) {
        double[] ys = new double[gains.length + 1];
        ys[0] = top + size;
        for (int i = 0; i < gains.length; i++) {
            ys[i + 1] = top + size - size * gains[i];
        }
        return ys;
    }

    /** A round step (1, 2, 2.5 or 5 times a power of ten) at least {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String trimNumber(double v) {
        String t = String.format(Locale.ROOT, "%.2f", v);
        return t.replaceAll("\\.?0+$", "");
    }

    /** The churn model's gains on its own training labels, drawn only when no out-of-sample check exists. */
    private static String churnGainsInSample(ReportData.Gains g) {
        double[] gains = g.cumulativeGains();
        double[] lift = g.lift();
        double auc = g.auc();
        int left = 60;
        int top = 20;
        int size = 320;
        Svg s = new Svg("churn-gains", left + size + 380, top + size + 60, "Churn model cumulative gains and lift");
        double[] xs = new double[gains.length + 1];
        double[] ys = new double[gains.length + 1];
        xs[0] = left;
        ys[0] = top + size;
        long[] sizes = g.sizes();
        long n = 0;
        long total = 0;
        for (long groupSize : sizes) {
            total += groupSize;
        }
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

    private static void recommendations(StringBuilder h, ReportData r) {
        h.append("<table id=\"recommendations\"><tr><th class=\"l\">customer</th><th class=\"l\">segment</th>"
                + "<th class=\"l\">last 5 items bought</th><th class=\"l\">top 5 recommended</th></tr>");
        for (ReportData.Example e : r.recommendations().orElseThrow()) {
            h.append("<tr><td class=\"l\">").append(Html.escape(e.customer())).append("</td><td class=\"l\">")
                    .append(Html.escape(e.segmentName())).append("</td><td class=\"l items\">")
                    .append(items(r, e.recentItems(), Map.of())).append("</td><td class=\"l items\">")
                    .append(items(r, e.recommendedItems(), Map.of())).append("</td></tr>");
        }
        h.append("</table>\n");
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

    private static String money(double v, String currency) {
        if (Double.isNaN(v)) {
            return "";
        }
        String amount = Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v)
                : String.format(Locale.ROOT, "%,.2f", v);
        return currency.isEmpty() ? amount : currency + " " + amount;
    }

    private static String fixed(double v, int digits) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    private static String count(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
