package dev.segmentation.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.segmentation.InvalidDataException;
import dev.segmentation.targeting.Campaign;
import dev.segmentation.targeting.CampaignPlanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code plan} command's campaign file, read with Jackson's streaming parser so that every error names the
 * line and the field ({@link JsonLocation}). Format: see {@link PlanCommand}.
 */
final class PlanConfig {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final String TOP_FIELDS = "budget, maxContacts, segments, campaigns";
    private static final String CAMPAIGN_FIELDS = "name, costPerContact, valuePerResponse, response, "
            + "responseColumn, defaultResponse, retention, eligibleSegments, churnBand, clvBand, recencyDaysBand, "
            + "items";

    double budget = Double.POSITIVE_INFINITY;
    int maxContacts = Integer.MAX_VALUE;
    List<String> segments;
    final List<Campaign> campaigns = new ArrayList<>();
    /**
     * Per-customer response probabilities of the customers-CSV columns that campaigns name in
     * {@code responseColumn}: column -> customer id -> probability, filled by {@link PlanCommand} after reading
     * the customers and before planning.
     */
    final Map<String, Map<String, Double>> responseColumns = new LinkedHashMap<>();

    /** What each campaign's rules read, for the required customers columns and the "assigned nobody" reasons. */
    final List<Rules> rules = new ArrayList<>();

    /**
     * One campaign's eligibility rules and gain as written in the file (segments resolved to the customers'
     * ids), kept to explain a plan that assigns nobody.
     */
    static final class Rules {
        final String name;
        List<String> segments = List.of();
        List<String> segmentsAsWritten = List.of();
        double[] churnBand;
        double[] clvBand;
        double[] recencyDaysBand;
        boolean retention;
        List<String> items = List.of();

        Rules(String name) {
            this.name = name;
        }

        /** The customers columns this campaign reads: "churn", "clv", "recency", each with the rule naming it. */
        Map<String, String> needs() {
            Map<String, String> n = new LinkedHashMap<>();
            if (retention) {
                n.put("churn", "retention");
                n.put("clv", "retention");
            }
            if (churnBand != null) {
                n.putIfAbsent("churn", "churnBand");
            }
            if (clvBand != null) {
                n.putIfAbsent("clv", "clvBand");
            }
            if (recencyDaysBand != null) {
                n.put("recency", "recencyDaysBand");
            }
            return n;
        }
    }

    /** How the campaign file's segment references and item codes are read against the customers. */
    interface Vocabulary {
        /**
         * Maps a segment reference (an id or a name) to the customers' segment values.
         *
         * @throws IllegalArgumentException naming the known ids and names, if it is neither
         */
        List<String> segment(String reference);

        /**
         * Maps an item code to its index in the item vocabulary.
         *
         * @throws IllegalArgumentException naming where the codes come from, if it is unknown
         */
        int item(String code);
    }

    /** Segment references are kept as written and items must be non-negative integers (the library's form). */
    static final Vocabulary AS_WRITTEN = new Vocabulary() {
        @Override
        public List<String> segment(String reference) {
            return List.of(reference);
        }

        @Override
        public int item(String code) {
            throw new IllegalArgumentException("items need the item codes, found none");
        }
    };

    private final Path file;
    private final JsonParser p;
    private final Vocabulary vocabulary;

    private PlanConfig(Path file, JsonParser p, Vocabulary vocabulary) {
        this.file = file;
        this.p = p;
        this.vocabulary = vocabulary;
    }

    static PlanConfig read(Path file) {
        return read(file, AS_WRITTEN);
    }

    static PlanConfig read(Path file, Vocabulary vocabulary) {
        try (JsonParser p = FACTORY.createParser(file.toFile())) {
            PlanConfig c = new PlanConfig(file, p, vocabulary);
            c.top();
            return c;
        } catch (StreamReadException e) {
            // malformed JSON, or a number out of range (InputCoercionException)
            JsonLocation l = e.getLocation();
            throw new InvalidDataException(file + ": line " + l.getLineNr() + ", column " + l.getColumnNr()
                    + ": invalid JSON: " + e.getOriginalMessage(), l.getLineNr(), null, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void top() throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw error("(top level)", "must be a JSON object, found " + p.getText());
        }
        Set<String> keys = new HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            repeated(keys, f, f);
            p.nextToken();
            long line = p.currentTokenLocation().getLineNr();
            switch (f) {
                case "budget" -> {
                    double v = number(f);
                    call(f, line, () -> CampaignPlanner.builder().budget(v));
                    budget = v;
                }
                case "maxContacts" -> {
                    int v = (int) integer(f);
                    call(f, line, () -> CampaignPlanner.builder().maxContacts(v));
                    maxContacts = v;
                }
                case "segments" -> {
                    List<String> resolved = new ArrayList<>();
                    for (String ref : strings(f)) {
                        resolved.addAll(call(f, line, () -> vocabulary.segment(ref)));
                    }
                    segments = resolved;
                }
                case "campaigns" -> {
                    expect(JsonToken.START_ARRAY, f, "an array of campaign objects");
                    int i = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        campaigns.add(campaign("campaigns[" + i++ + "]"));
                    }
                }
                default -> throw error(f, "unknown field; expected one of " + TOP_FIELDS);
            }
        }
        if (campaigns.isEmpty()) {
            throw error("campaigns", "campaigns must be a non-empty array, found none");
        }
    }

    private Campaign campaign(String path) throws IOException {
        expect(JsonToken.START_OBJECT, path, "a campaign object");
        JsonLocation start = p.currentTokenLocation();
        Campaign.Builder b = null;
        Rules rule = new Rules(path);
        List<Runnable> later = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            String fp = path + "." + f;
            repeated(keys, f, fp);
            p.nextToken();
            long line = p.currentTokenLocation().getLineNr();
            switch (f) {
                case "name" -> {
                    String name = string(fp);
                    b = call(fp, line, () -> Campaign.builder(name));
                    Rules named = new Rules(name);
                    named.segments = rule.segments;
                    named.segmentsAsWritten = rule.segmentsAsWritten;
                    named.churnBand = rule.churnBand;
                    named.clvBand = rule.clvBand;
                    named.recencyDaysBand = rule.recencyDaysBand;
                    named.retention = rule.retention;
                    named.items = rule.items;
                    rule = named;
                }
                case "costPerContact" -> set(later, fp, line, number(fp), (x, v) -> x.costPerContact(v));
                case "valuePerResponse" -> set(later, fp, line, number(fp), (x, v) -> x.valuePerResponse(v));
                case "responseColumn" -> {
                    String col = string(fp);
                    Map<String, Double> scores = responseColumns.computeIfAbsent(col, k -> new HashMap<>());
                    later.add(() -> call(fp, line, () -> builderRef[0].responseModel(
                            c -> scores.getOrDefault(c.id(), Double.NaN))));
                }
                case "defaultResponse" -> set(later, fp, line, number(fp), (x, v) -> x.defaultResponse(v));
                case "retention" -> {
                    set(later, fp, line, number(fp), (x, v) -> x.retention(v));
                    rule.retention = true;
                }
                case "response" -> {
                    expect(JsonToken.START_OBJECT, fp, "an object of segment: probability");
                    Set<String> segKeys = new HashSet<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String seg = p.currentName();
                        String sp = fp + "." + seg;
                        repeated(segKeys, seg, sp);
                        p.nextToken();
                        long l = p.currentTokenLocation().getLineNr();
                        double v = number(sp);
                        List<String> ids = call(sp, l, () -> vocabulary.segment(seg));
                        for (String id : ids) {
                            later.add(() -> call(sp, l, () -> builderRef[0].response(id, v)));
                        }
                    }
                }
                case "eligibleSegments" -> {
                    List<String> written = strings(fp);
                    List<String> s = new ArrayList<>();
                    for (String ref : written) {
                        s.addAll(call(fp, line, () -> vocabulary.segment(ref)));
                    }
                    rule.segments = s;
                    rule.segmentsAsWritten = written;
                    later.add(() -> call(fp, line, () -> builderRef[0].segments(s.toArray(new String[0]))));
                }
                case "churnBand", "clvBand", "recencyDaysBand" -> {
                    double[] band = band(fp);
                    switch (f) {
                        case "churnBand" -> rule.churnBand = band;
                        case "clvBand" -> rule.clvBand = band;
                        default -> rule.recencyDaysBand = band;
                    }
                    later.add(() -> call(fp, line, () -> switch (f) {
                        case "churnBand" -> builderRef[0].churnBand(band[0], band[1]);
                        case "clvBand" -> builderRef[0].clvBand(band[0], band[1]);
                        default -> builderRef[0].recencyDaysBand(band[0], band[1]);
                    }));
                }
                case "items" -> {
                    expect(JsonToken.START_ARRAY, fp, "an array of item codes");
                    List<String> codes = new ArrayList<>();
                    List<Integer> items = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        String code = itemCode(fp);
                        long l = p.currentTokenLocation().getLineNr();
                        codes.add(code);
                        items.add(call(fp, l, () -> vocabulary.item(code)));
                    }
                    rule.items = codes;
                    int[] it = items.stream().mapToInt(Integer::intValue).toArray();
                    later.add(() -> call(fp, line, () -> builderRef[0].items(it)));
                }
                default -> throw error(fp, "unknown field; expected one of " + CAMPAIGN_FIELDS);
            }
        }
        if (b == null) {
            throw new InvalidDataException(file + ": line " + start.getLineNr() + ", field " + path
                    + ".name: a campaign must have a name, found none", start.getLineNr(), path + ".name", null);
        }
        builderRef[0] = b;
        for (Runnable r : later) {
            r.run();
        }
        String responseKey = keys.contains("response") ? "response" : keys.contains("defaultResponse")
                ? "defaultResponse" : keys.contains("responseColumn") ? "responseColumn" : null;
        if (keys.contains("retention") && responseKey != null) {
            throw new InvalidDataException(file + ": line " + start.getLineNr() + ", field " + path + ": retention "
                    + "and " + responseKey + " cannot be combined (retention: a save campaign, gain = churn x "
                    + "retention x clv; " + responseKey + ": a response campaign), found both", start.getLineNr(),
                    path, null);
        }
        if (keys.contains("retention") && keys.contains("valuePerResponse")) {
            throw new InvalidDataException(file + ": line " + start.getLineNr() + ", field " + path + ": retention "
                    + "and valuePerResponse cannot be combined (a save campaign's gain is churn x retention x clv), "
                    + "found both", start.getLineNr(), path, null);
        }
        if (!keys.contains("retention") && responseKey == null) {
            throw new InvalidDataException(file + ": line " + start.getLineNr() + ", field " + path + ": a campaign "
                    + "must have retention or response (or defaultResponse, responseColumn), found neither",
                    start.getLineNr(), path, null);
        }
        rules.add(rule);
        return b.build();
    }

    private void repeated(Set<String> keys, String key, String path) {
        if (!keys.add(key)) {
            throw error(path, "repeated key; each key may appear once, found it twice");
        }
    }

    /** An item code: a string, or an integer taken as its text (Online Retail codes such as 20725 are numbers). */
    private String itemCode(String path) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING || p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return p.getText();
        }
        throw error(path, "must be an item code (a string), found " + text());
    }

    /** The campaign builder being filled (fields may precede "name"); single-threaded use only. */
    private final Campaign.Builder[] builderRef = new Campaign.Builder[1];

    private interface Setter {
        Campaign.Builder apply(Campaign.Builder b, double v);
    }

    private void set(List<Runnable> later, String path, long line, double v, Setter s) {
        later.add(() -> call(path, line, () -> s.apply(builderRef[0], v)));
    }

    private <T> T call(String path, long line, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidDataException(file + ": line " + line + ", field " + path + ": " + e.getMessage(), line,
                    path, e);
        }
    }

    private double[] band(String path) throws IOException {
        expect(JsonToken.START_ARRAY, path, "[lower, upper] (upper null for no limit)");
        double[] b = new double[2];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (n == 2) {
                throw error(path, "must be [lower, upper], found more than 2 values");
            }
            boolean open = n == 1 && p.currentToken() == JsonToken.VALUE_NULL;
            b[n] = open ? Double.POSITIVE_INFINITY : number(path);
            n++;
        }
        if (n != 2) {
            throw error(path, "must be [lower, upper], found " + n + " values");
        }
        return b;
    }

    private void expect(JsonToken t, String path, String what) throws IOException {
        if (p.currentToken() != t) {
            throw error(path, "must be " + what + ", found " + p.getText());
        }
    }

    private double number(String path) throws IOException {
        if (!p.currentToken().isNumeric()) {
            throw error(path, "must be a number, found " + text());
        }
        double v = p.getDoubleValue();
        if (!Double.isFinite(v)) {
            throw error(path, "must be a finite number, found " + p.getText());
        }
        return v;
    }

    private long integer(String path) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw error(path, "must be an integer, found " + text());
        }
        long v = p.getLongValue();
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw error(path, "must be in [0, " + Integer.MAX_VALUE + "], found " + v);
        }
        return v;
    }

    private String string(String path) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw error(path, "must be a string, found " + text());
        }
        return p.getText();
    }

    private List<String> strings(String path) throws IOException {
        expect(JsonToken.START_ARRAY, path, "an array of strings");
        List<String> s = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            s.add(string(path));
        }
        return s;
    }

    private String text() throws IOException {
        return p.currentToken() == JsonToken.VALUE_STRING ? "\"" + p.getText() + "\"" : p.getText();
    }

    private InvalidDataException error(String path, String message) {
        long line = p.currentTokenLocation().getLineNr();
        return new InvalidDataException(file + ": line " + line + ", field " + path + ": " + message, line, path,
                null);
    }
}
