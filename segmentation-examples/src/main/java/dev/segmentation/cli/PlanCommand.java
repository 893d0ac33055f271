package dev.segmentation.cli;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.segmentation.InvalidDataException;
import dev.segmentation.targeting.Assignment;
import dev.segmentation.targeting.Campaign;
import dev.segmentation.targeting.CampaignPlan;
import dev.segmentation.targeting.CampaignPlanner;
import dev.segmentation.targeting.FairnessReport;
import dev.segmentation.targeting.GroupRate;
import dev.segmentation.targeting.Pseudonymizer;
import dev.segmentation.targeting.TargetCustomer;
import java.io.IOException;
import java.io.PrintWriter;
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
                + "writes the assignment CSV (customer_id,campaign,expected_profit,reason[,items][,--keep-columns])"
                + " and prints a JSON summary: assigned, expectedProfit, spend, budget, upperBound, algorithm, "
                + "customers, optedOut, frequencyCapped, byCampaign, promotedItems (when campaigns promote items), "
                + "fairness (with --group) and warnings. Opted-out customers are never assigned. A plan that "
                + "assigns nobody says why (which rule matched no customer) in warnings and on stderr.",
            "",
            "Campaign file (JSON):",
            "  {\"budget\": 5000, \"maxContacts\": 3,",
            "   \"campaigns\": [",
            "     {\"name\": \"win-back\", \"costPerContact\": 2.0, \"valuePerResponse\": 40,",
            "      \"response\": {\"Hibernating\": 0.06}, \"defaultResponse\": 0.02,",
            "      \"eligibleSegments\": [\"Hibernating\", \"3\"], \"recencyDaysBand\": [60, null],",
            "      \"items\": [\"85123A\", \"22423\"]},",
            "     {\"name\": \"save\", \"costPerContact\": 8, \"retention\": 0.3, \"churnBand\": [0.5, 1]}]}",
            "  budget (default unlimited), maxContacts (skip customers with that many recent contacts), segments",
            "  (the known segments; default those of the customers) are optional. Per campaign: name (required);",
            "  a response campaign has response (segment -> probability), defaultResponse or responseColumn (a",
            "  customers column of per-customer probabilities from a model) and valuePerResponse; a save campaign",
            "  has retention (save rate: gain = churn x rate x clv); one of the two kinds, never both;",
            "  costPerContact; eligibility eligibleSegments, churnBand, clvBand, recencyDaysBand ([lower, upper],",
            "  upper null for none); items (promoted item codes, checked against --items or the top_items codes).",
            "  Segments are named by id (the segment column) or by name (the segment_name column). Every key may",
            "  appear once. An error names the file, the line and the field, with exit code 1.",
            "",
            "Customers CSV (header line): the customers.csv that run and score write, as it is: customer_id and",
            "  segment (required); p_churn (alias churn_probability), clv, recency (alias recency_days), required",
            "  when a campaign reads them (retention: p_churn and clv; the bands: their column); segment_name;",
            "  opted_out (true/false/1/0/yes/no) and recent_contacts (optional, default false/0); --group names a",
            "  column for the fairness report.",
            "",
            "Ties are broken by a fixed order, never the file's: expected profit, then clv (both highest first),",
            "  then customer_id; the assignment CSV lists customers in that order.",
            ""})
final class PlanCommand implements Callable<Integer> {
    /** The customers columns read, each with the aliases accepted (the first name is run's and score's). */
    private static final Map<String, List<String>> COLUMNS = Map.of(
            "churn", List.of("p_churn", "churn_probability"),
            "clv", List.of("clv"),
            "recency", List.of("recency", "recency_days"));

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "JSON", description = "the campaign file")
    Path config;

    @Option(names = "--customers", required = true, paramLabel = "CSV",
            description = "the customers: the customers.csv that run or score writes, or any CSV with its columns")
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

    @Option(names = "--keep-columns", split = ",", paramLabel = "COLUMN",
            description = "customers columns copied to the assignment CSV after reason (e.g. email,segment_name)")
    List<String> keepColumns = new ArrayList<>();

    @Option(names = "--items", paramLabel = "CSV",
            description = "the item codes campaigns may promote: a CSV with an item_id column (e.g. recommend "
                    + "items' output or a catalog export). Default: the codes in the customers' top_items column.")
    Path itemsFile;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        CustomerTable table = CustomerTable.read(customers);
        for (String k : keepColumns) {
            table.require(k, "--keep-columns must name header columns " + table.header + ", found \"" + k + "\"");
        }
        ItemCodes items = itemsFile != null ? ItemCodes.read(itemsFile) : ItemCodes.fromTopItems(table, customers);
        PlanConfig cfg = PlanConfig.read(config, new Vocabulary(table, items));
        for (PlanConfig.Rules r : cfg.rules) {
            for (Map.Entry<String, String> need : r.needs().entrySet()) {
                List<String> names = COLUMNS.get(need.getKey());
                if (table.column(names) < 0) {
                    throw new InvalidDataException(customers + ":1: header must contain the column \"" + names.get(0)
                            + "\"" + (names.size() > 1 ? " (or its alias \"" + names.get(1) + "\")" : "")
                            + ", needed by campaign " + r.name + " (" + need.getValue() + "), found " + table.header,
                            1, names.get(0), null);
                }
            }
        }
        List<String> warnings = new ArrayList<>();
        List<TargetCustomer> cs = table.customers(group, cfg.responseColumns, warnings);
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
        if (plan.assignments().isEmpty()) {
            warnings.addAll(whyNobody(cfg, cs, plan));
        }
        Pseudonymizer ps = null;
        if (pseudonymizeKey != null) {
            try {
                ps = Pseudonymizer.hmacSha256(Files.readAllBytes(pseudonymizeKey));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + pseudonymizeKey + ": " + e.getMessage(), e);
            }
        }
        Map<String, List<String>> promoted = new LinkedHashMap<>();
        for (PlanConfig.Rules r : cfg.rules) {
            if (!r.items.isEmpty()) {
                promoted.put(r.name, r.items);
            }
        }
        int[] keep = keepColumns.stream().mapToInt(k -> table.column(List.of(k))).toArray();
        Map<String, String> segmentNames = table.segmentNames();
        try (CsvWriter w = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out, StandardCharsets.UTF_8)) {
            List<String> head = new ArrayList<>(List.of("customer_id", "campaign", "expected_profit", "reason"));
            if (!promoted.isEmpty()) {
                head.add("items");
            }
            head.addAll(keepColumns);
            w.writeRecord(head);
            for (Assignment a : plan.assignments()) {
                List<String> row = new ArrayList<>(List.of(ps == null ? a.customerId()
                        : ps.pseudonymize(a.customerId()), a.campaign(), Double.toString(a.expectedProfit()),
                        readableReason(a, segmentNames)));
                if (!promoted.isEmpty()) {
                    row.add(String.join(" ", promoted.getOrDefault(a.campaign(), List.of())));
                }
                String[] fields = table.rows.get(a.customerIndex());
                for (int k : keep) {
                    row.add(fields[k]);
                }
                w.writeRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        warnings.forEach(wn -> err.println("warning: " + wn));
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
        if (!promoted.isEmpty()) {
            json.put("promotedItems", promoted);
        }
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
        json.put("warnings", warnings);
        Json.print(spec.commandLine().getOut(), json);
        return 0;
    }

    /**
     * The assignment's reason as a marketer reads it: the segment clause {@code promo: segment 1 in [1, 3]} names
     * the segments, {@code promo: segment Lost (1) in [Lost (1), Hibernating (3)]}, where the customers file has a
     * {@code segment_name} column; the rest of the reason is the campaign's explanation unchanged. Built from the
     * explanation's fields ({@link dev.segmentation.targeting.Explanation#text(java.util.function.UnaryOperator)}),
     * never by parsing its text.
     */
    static String readableReason(Assignment a, Map<String, String> names) {
        return a.explanation().text(id -> named(id, names));
    }

    private static String named(String id, Map<String, String> names) {
        String name = names.get(id);
        return name == null || name.isBlank() || name.equals(id) ? id : name + " (" + id + ")";
    }

    /**
     * Why a plan assigned nobody: per campaign, the first eligibility rule that no contactable customer meets
     * (with the range the customers have), or that no eligible customer has a positive expected profit, or that
     * the budget is below every contact cost.
     */
    static List<String> whyNobody(PlanConfig cfg, List<TargetCustomer> cs, CampaignPlan plan) {
        List<String> why = new ArrayList<>();
        List<TargetCustomer> reachable = new ArrayList<>();
        for (TargetCustomer c : cs) {
            if (!c.optedOut() && c.recentContacts() < cfg.maxContacts) {
                reachable.add(c);
            }
        }
        if (reachable.isEmpty()) {
            why.add("no customer can be contacted: " + plan.optedOut() + " opted out, " + plan.frequencyCapped()
                    + " at maxContacts, of " + cs.size());
            return why;
        }
        double cheapest = Double.POSITIVE_INFINITY;
        for (int k = 0; k < cfg.campaigns.size(); k++) {
            Campaign camp = cfg.campaigns.get(k);
            PlanConfig.Rules r = cfg.rules.get(k);
            String rule = firstEmptyRule(r, reachable);
            if (rule != null) {
                why.add("campaign " + camp.name() + ": " + rule);
                continue;
            }
            long eligible = 0;
            double best = Double.NEGATIVE_INFINITY;
            for (TargetCustomer c : reachable) {
                if (camp.eligible(c)) {
                    eligible++;
                    best = Math.max(best, camp.expectedProfit(c));
                }
            }
            if (eligible == 0) {
                why.add("campaign " + camp.name() + ": no customer meets all its eligibility rules together");
            } else if (best <= 0) {
                why.add(String.format(Locale.ROOT, "campaign %s: %d eligible customers, none with a positive "
                        + "expected profit (best %.4f)", camp.name(), eligible, best));
            } else {
                cheapest = Math.min(cheapest, camp.costPerContact());
            }
        }
        if (cheapest < Double.POSITIVE_INFINITY && cheapest > plan.budget()) {
            why.add("budget " + plan.budget() + " is below the cheapest contact cost " + cheapest);
        }
        if (why.isEmpty()) {
            why.add("no campaign gives a customer a positive expected profit within the budget");
        }
        return why;
    }

    private static String firstEmptyRule(PlanConfig.Rules r, List<TargetCustomer> reachable) {
        if (!r.segments.isEmpty() && reachable.stream().noneMatch(c -> r.segments.contains(c.segment()))) {
            return "eligibleSegments " + r.segmentsAsWritten + " matched no customer";
        }
        String band = emptyBand("churnBand", "p_churn", r.churnBand, reachable, TargetCustomer::churnProbability);
        if (band == null) {
            band = emptyBand("clvBand", "clv", r.clvBand, reachable, TargetCustomer::clv);
        }
        if (band == null) {
            band = emptyBand("recencyDaysBand", "recency", r.recencyDaysBand, reachable, TargetCustomer::recencyDays);
        }
        return band;
    }

    private static String emptyBand(String name, String column, double[] band, List<TargetCustomer> reachable,
            java.util.function.ToDoubleFunction<TargetCustomer> value) {
        if (band == null) {
            return null;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (TargetCustomer c : reachable) {
            double v = value.applyAsDouble(c);
            if (v >= band[0] && v <= band[1]) {
                return null;
            }
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return name + " [" + band[0] + ", " + (Double.isInfinite(band[1]) ? "null" : band[1]) + "] matched no "
                + "customer (" + column + " from " + lo + " to " + hi + ")";
    }

    /** The customers file held in memory: the header and each line's fields, with the 1-based line numbers. */
    static final class CustomerTable {
        final Path file;
        final List<String> header;
        final List<String[]> rows = new ArrayList<>();
        final List<Long> lines = new ArrayList<>();

        private CustomerTable(Path file, List<String> header) {
            this.file = file;
            this.header = header;
        }

        /** Segment id to its name (the first non-blank {@code segment_name}), empty without both columns. */
        Map<String, String> segmentNames() {
            int seg = column(List.of("segment"));
            int name = column(List.of("segment_name"));
            Map<String, String> out = new LinkedHashMap<>();
            if (seg >= 0 && name >= 0) {
                for (String[] f : rows) {
                    if (!f[name].isBlank()) {
                        out.putIfAbsent(f[seg], f[name]);
                    }
                }
            }
            return out;
        }

        static CustomerTable read(Path file) {
            CustomerTable t = null;
            try (CsvReader<CsvRecord> r = CsvReader.builder().ofCsvRecord(file, StandardCharsets.UTF_8)) {
                for (CsvRecord rec : r) {
                    if (t == null) {
                        List<String> h = new ArrayList<>(rec.getFields());
                        if (!h.isEmpty() && h.get(0).startsWith("\ufeff")) {
                            h.set(0, h.get(0).substring(1));
                        }
                        t = new CustomerTable(file, List.copyOf(h));
                        continue;
                    }
                    long line = rec.getStartingLineNumber();
                    if (rec.getFieldCount() != t.header.size()) {
                        throw new InvalidDataException(file + ":" + line + ": a line must have " + t.header.size()
                                + " fields like the header, found " + rec.getFieldCount(), line, null, null);
                    }
                    t.rows.add(rec.getFields().toArray(new String[0]));
                    t.lines.add(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            if (t == null) {
                throw new InvalidDataException(file + ":1: the file must start with a header line, found an empty "
                        + "file", 1, null, null);
            }
            return t;
        }

        /** The index of the first of the names that the header has, or -1. */
        int column(List<String> names) {
            for (String n : names) {
                int i = header.indexOf(n);
                if (i >= 0) {
                    return i;
                }
            }
            return -1;
        }

        int require(String name, String message) {
            int i = header.indexOf(name);
            if (i < 0) {
                throw new InvalidDataException(file + ":1: " + message, 1, name, null);
            }
            return i;
        }

        String headerMessage(String name) {
            return "header must contain the column \"" + name + "\", found " + header;
        }

        List<TargetCustomer> customers(String group, Map<String, Map<String, Double>> scores,
                List<String> warnings) {
            int id = require("customer_id", headerMessage("customer_id"));
            int seg = require("segment", headerMessage("segment"));
            int churn = column(COLUMNS.get("churn"));
            int clv = column(COLUMNS.get("clv"));
            int rec = column(COLUMNS.get("recency"));
            int contacts = column(List.of("recent_contacts"));
            int opted = column(List.of("opted_out"));
            int grp = group == null ? -1 : require(group, "header must contain the --group column \"" + group + "\"");
            Map<String, Integer> scoreCols = new LinkedHashMap<>();
            for (String col : scores.keySet()) {
                scoreCols.put(col, require(col, headerMessage(col)));
            }
            long[] empty = new long[3];
            List<TargetCustomer> cs = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                String[] f = rows.get(i);
                long line = lines.get(i);
                String cid = f[id];
                TargetCustomer.Builder b;
                try {
                    b = TargetCustomer.builder(cid).segment(f[seg]);
                    b.churnProbability(number(f, churn, line, empty, 0));
                    b.clv(number(f, clv, line, empty, 1));
                    b.recencyDays(number(f, rec, line, empty, 2));
                    b.recentContacts((int) number(f, contacts, line, null, 0));
                } catch (IllegalArgumentException e) {
                    throw new InvalidDataException(file + ":" + line + ": " + e.getMessage(), line, null, e);
                }
                String opt = opted < 0 ? "false" : f[opted].strip().toLowerCase(Locale.ROOT);
                switch (opt) {
                    case "true", "1", "yes", "y" -> b.optedOut(true);
                    case "false", "0", "no", "n", "" -> b.optedOut(false);
                    default -> throw new InvalidDataException(file + ":" + line + ": opted_out must be true or false,"
                            + " found \"" + opt + "\"", line, "opted_out", null);
                }
                if (grp >= 0 && !f[grp].isBlank()) {
                    b.attribute(group, f[grp]);
                }
                for (Map.Entry<String, Integer> e : scoreCols.entrySet()) {
                    String col = e.getKey();
                    double p = number(f, e.getValue(), line, null, 0);
                    if (!(p >= 0 && p <= 1)) {
                        throw new InvalidDataException(file + ":" + line + ": " + col + " must be in [0, 1], found "
                                + p, line, col, null);
                    }
                    scores.get(col).put(cid, p);
                }
                cs.add(b.build());
            }
            String[] names = {header(churn), header(clv), header(rec)};
            for (int k = 0; k < 3; k++) {
                if (empty[k] > 0) {
                    warnings.add(empty[k] + " customers have no " + names[k] + " value; read as 0");
                }
            }
            return cs;
        }

        private String header(int column) {
            return column < 0 ? "" : header.get(column);
        }

        private double number(String[] f, int column, long line, long[] empty, int slot) {
            if (column < 0) {
                return 0;
            }
            String s = f[column].strip();
            if (s.isEmpty()) {
                if (empty != null) {
                    empty[slot]++;
                }
                return 0;
            }
            try {
                double v = Double.parseDouble(s);
                if (!Double.isFinite(v)) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                throw new InvalidDataException(file + ":" + line + ": " + header.get(column) + " must be a number, "
                        + "found \"" + s + "\"", line, header.get(column), e);
            }
        }
    }

    /** The item codes campaigns may promote, sorted; a code's index is its position. */
    static final class ItemCodes {
        final List<String> codes;
        final String source;

        private ItemCodes(java.util.SortedSet<String> codes, String source) {
            this.codes = List.copyOf(codes);
            this.source = source;
        }

        static ItemCodes fromTopItems(CustomerTable t, Path file) {
            java.util.TreeSet<String> codes = new java.util.TreeSet<>();
            int col = t.column(List.of("top_items"));
            if (col >= 0) {
                for (String[] f : t.rows) {
                    for (String code : f[col].strip().split(" +")) {
                        if (!code.isEmpty()) {
                            codes.add(code);
                        }
                    }
                }
            }
            return new ItemCodes(codes, "the top_items of " + file);
        }

        static ItemCodes read(Path file) {
            CustomerTable t = CustomerTable.read(file);
            int col = t.require("item_id", t.headerMessage("item_id"));
            java.util.TreeSet<String> codes = new java.util.TreeSet<>();
            for (String[] f : t.rows) {
                if (!f[col].isBlank()) {
                    codes.add(f[col].strip());
                }
            }
            return new ItemCodes(codes, file.toString());
        }

        int index(String code) {
            int i = java.util.Collections.binarySearch(codes, code);
            if (i < 0) {
                if (codes.isEmpty()) {
                    throw new IllegalArgumentException("item codes come from --items FILE (a CSV with an item_id "
                            + "column) or the customers' top_items, found none in " + source);
                }
                throw new IllegalArgumentException("item must be one of the " + codes.size() + " item codes in "
                        + source + ", found \"" + code + "\"");
            }
            return i;
        }
    }

    /** Segment references by id (the segment column) or by name (the segment_name column), and item codes. */
    static final class Vocabulary implements PlanConfig.Vocabulary {
        private final java.util.TreeSet<String> ids = new java.util.TreeSet<>();
        private final Map<String, java.util.TreeSet<String>> byName = new java.util.TreeMap<>();
        private final ItemCodes items;

        Vocabulary(CustomerTable t, ItemCodes items) {
            this.items = items;
            int seg = t.column(List.of("segment"));
            int name = t.column(List.of("segment_name"));
            if (seg >= 0) {
                for (String[] f : t.rows) {
                    ids.add(f[seg]);
                    if (name >= 0 && !f[name].isBlank()) {
                        byName.computeIfAbsent(f[name], k -> new java.util.TreeSet<>()).add(f[seg]);
                    }
                }
            }
        }

        @Override
        public List<String> segment(String reference) {
            if (ids.contains(reference) || byName.isEmpty()) {
                return List.of(reference); // unknown ids without names: the planner names the known ones
            }
            java.util.TreeSet<String> s = byName.get(reference);
            if (s == null) {
                throw new IllegalArgumentException("segment must be one of the ids " + ids + " or the names "
                        + byName.keySet() + ", found \"" + reference + "\"");
            }
            return List.copyOf(s);
        }

        @Override
        public int item(String code) {
            return items.index(code);
        }
    }
}
