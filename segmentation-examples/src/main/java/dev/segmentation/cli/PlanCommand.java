package dev.segmentation.cli;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.segmentation.InvalidDataException;
import dev.segmentation.targeting.Assignment;
import dev.segmentation.targeting.CampaignPlan;
import dev.segmentation.targeting.CampaignPlanner;
import dev.segmentation.targeting.FairnessReport;
import dev.segmentation.targeting.GroupRate;
import dev.segmentation.targeting.Pseudonymizer;
import dev.segmentation.targeting.TargetCustomer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code plan}: assigns campaigns to customers under a budget. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Assigns at most one campaign per customer to maximize expected profit under a budget, "
                + "writes the assignment CSV (customer_id,campaign,expected_profit,reason) and prints a JSON summary:"
                + " assigned, expectedProfit, spend, budget, upperBound, algorithm, optedOut, frequencyCapped, "
                + "byCampaign, and fairness (with --group). Opted-out customers are never assigned.",
            "",
            "Campaign file (JSON):",
            "  {\"budget\": 5000, \"maxContacts\": 3, \"segments\": [\"loyal\", \"bargain\"],",
            "   \"campaigns\": [",
            "     {\"name\": \"win-back\", \"costPerContact\": 2.0, \"valuePerResponse\": 40,",
            "      \"response\": {\"bargain\": 0.06}, \"defaultResponse\": 0.02,",
            "      \"eligibleSegments\": [\"bargain\"], \"recencyDaysBand\": [60, null]},",
            "     {\"name\": \"save\", \"costPerContact\": 8, \"retention\": 0.3, \"churnBand\": [0.5, 1]}]}",
            "  budget (default unlimited), maxContacts (skip customers with that many recent contacts), segments",
            "  (the known segments; default those of the customers) are optional. Per campaign: name (required),",
            "  costPerContact, valuePerResponse, response (segment -> probability), defaultResponse, or",
            "  responseColumn (a customers-CSV column of per-customer probabilities from a model); or retention",
            "  (save rate: gain = churn x rate x clv); eligibility eligibleSegments, churnBand, clvBand,",
            "  recencyDaysBand ([lower, upper], upper null for none); items (promoted item indices).",
            "  An error names the file, the line and the field, with exit code 1.",
            "",
            "Customers CSV (header line): customer_id, segment (required); churn_probability, clv, recency_days,",
            "  opted_out (true/false/1/0/yes/no), recent_contacts (optional, default 0/false); --group names an",
            "  extra column for the fairness report.",
            ""})
final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "JSON", description = "the campaign file")
    Path config;

    @Option(names = "--customers", required = true, paramLabel = "CSV", description = "the customers")
    Path customers;

    @Option(names = "--budget", paramLabel = "B", description = "the budget (overrides the campaign file's)")
    Double budget;

    @Option(names = "--out", required = true, paramLabel = "CSV", description = "the assignment CSV to write")
    Path out;

    @Option(names = "--group", paramLabel = "COLUMN",
            description = "a customers column whose selection rates the fairness report compares")
    String group;

    @Option(names = "--pseudonymize-key", paramLabel = "FILE",
            description = "write HMAC-SHA256 pseudonyms (keyed with this file's bytes) instead of customer ids")
    Path pseudonymizeKey;

    @Override
    public Integer call() {
        PlanConfig cfg = PlanConfig.read(config);
        List<TargetCustomer> cs = readCustomers(customers, group, cfg.responseColumns);
        CampaignPlanner.Builder b = CampaignPlanner.builder().campaigns(cfg.campaigns)
                .budget(budget != null ? budget : cfg.budget).maxContacts(cfg.maxContacts);
        if (cfg.segments != null) {
            b.segments(cfg.segments);
        }
        CampaignPlan plan;
        try {
            plan = b.build().plan(cs);
        } catch (IllegalArgumentException e) {
            throw new InvalidDataException(config + ": " + e.getMessage(), e);
        }
        Pseudonymizer ps = null;
        if (pseudonymizeKey != null) {
            try {
                ps = Pseudonymizer.hmacSha256(Files.readAllBytes(pseudonymizeKey));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + pseudonymizeKey + ": " + e.getMessage(), e);
            }
        }
        try (CsvWriter w = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out, StandardCharsets.UTF_8)) {
            w.writeRecord("customer_id", "campaign", "expected_profit", "reason");
            for (Assignment a : plan.assignments()) {
                w.writeRecord(ps == null ? a.customerId() : ps.pseudonymize(a.customerId()), a.campaign(),
                        Double.toString(a.expectedProfit()), a.reason());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("assigned", plan.assignments().size());
        json.put("expectedProfit", plan.expectedProfit());
        json.put("spend", plan.spend());
        json.put("budget", Double.isInfinite(plan.budget()) ? null : plan.budget());
        json.put("upperBound", plan.upperBound());
        json.put("algorithm", plan.algorithm().name().toLowerCase(Locale.ROOT));
        json.put("customers", plan.customers());
        json.put("optedOut", plan.optedOut());
        json.put("frequencyCapped", plan.frequencyCapped());
        json.put("byCampaign", plan.byCampaign());
        if (group != null) {
            FairnessReport f = FairnessReport.of(cs, plan, group);
            Map<String, Object> fj = new LinkedHashMap<>();
            fj.put("attribute", f.attribute());
            fj.put("disparateImpact", f.disparateImpact());
            fj.put("flagged", f.flagged());
            List<Map<String, Object>> groups = new ArrayList<>();
            for (GroupRate g : f.groups()) {
                Map<String, Object> gj = new LinkedHashMap<>();
                gj.put("group", g.group());
                gj.put("customers", g.customers());
                gj.put("selected", g.selected());
                gj.put("rate", g.rate());
                groups.add(gj);
            }
            fj.put("groups", groups);
            json.put("fairness", fj);
        }
        Json.print(spec.commandLine().getOut(), json);
        return 0;
    }

    static List<TargetCustomer> readCustomers(Path file, String group, Map<String, Map<String, Double>> scores) {
        List<TargetCustomer> cs = new ArrayList<>();
        try (CsvReader<NamedCsvRecord> r = CsvReader.builder().ofNamedCsvRecord(file, StandardCharsets.UTF_8)) {
            for (NamedCsvRecord rec : r) {
                long line = rec.getStartingLineNumber();
                String id = required(file, rec, line, "customer_id");
                TargetCustomer.Builder b;
                try {
                    b = TargetCustomer.builder(id).segment(required(file, rec, line, "segment"));
                    b.churnProbability(number(file, rec, line, "churn_probability"));
                    b.clv(number(file, rec, line, "clv"));
                    b.recencyDays(number(file, rec, line, "recency_days"));
                    b.recentContacts((int) number(file, rec, line, "recent_contacts"));
                } catch (IllegalArgumentException e) {
                    throw new InvalidDataException(file + ":" + line + ": " + e.getMessage(), line, null, e);
                }
                String opt = rec.findField("opted_out").orElse("false").strip().toLowerCase(Locale.ROOT);
                switch (opt) {
                    case "true", "1", "yes", "y" -> b.optedOut(true);
                    case "false", "0", "no", "n", "" -> b.optedOut(false);
                    default -> throw new InvalidDataException(file + ":" + line + ": opted_out must be true or false,"
                            + " found \"" + opt + "\"", line, "opted_out", null);
                }
                if (group != null) {
                    String g = rec.findField(group).orElseThrow(() -> new InvalidDataException(file + ":" + line
                            + ": header must contain the --group column \"" + group + "\"", line, group, null));
                    if (!g.isBlank()) {
                        b.attribute(group, g);
                    }
                }
                for (Map.Entry<String, Map<String, Double>> e : scores.entrySet()) {
                    String col = e.getKey();
                    required(file, rec, line, col);
                    double p = number(file, rec, line, col);
                    if (!(p >= 0 && p <= 1)) {
                        throw new InvalidDataException(file + ":" + line + ": " + col + " must be in [0, 1], found "
                                + p, line, col, null);
                    }
                    e.getValue().put(id, p);
                }
                cs.add(b.build());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return cs;
    }

    private static String required(Path file, NamedCsvRecord rec, long line, String column) {
        return rec.findField(column).orElseThrow(() -> new InvalidDataException(file + ":" + line
                + ": header must contain the column \"" + column + "\", found " + rec.getHeader(), line, column, null));
    }

    private static double number(Path file, NamedCsvRecord rec, long line, String column) {
        String s = rec.findField(column).orElse("0").strip();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new InvalidDataException(file + ":" + line + ": " + column + " must be a number, found \"" + s
                    + "\"", line, column, e);
        }
    }
}
