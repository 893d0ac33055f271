package dev.segmentation.cli;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.segmentation.InvalidDataException;
import dev.segmentation.data.TransactionCsv;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.persist.ModelBundle;
import dev.segmentation.recommend.ImplicitAlsModel;
import dev.segmentation.recommend.InteractionMatrix;
import dev.segmentation.recommend.ItemKnn;
import dev.segmentation.recommend.ItemKnnModel;
import dev.segmentation.recommend.PopularityModel;
import dev.segmentation.recommend.Recommender;
import dev.segmentation.recommend.SegmentPopularityModel;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recommend items}: the top-N items for given customers, or for every customer of a segment, with the
 * item code, its description when the file has one, a score and a short reason. Without {@code --model-file}
 * it fits item kNN (50 neighbours, binary weights, non-products left out, as {@code run}) on the input; with
 * one it uses the bundle's {@code recommender}, which must have been fitted on the same lines (the command
 * checks that the interactions are identical). Writes {@code customer_id,rank,item_id,description,reason}
 * and prints {@code customers}, {@code k}, {@code model}, {@code rows}, {@code out} and {@code warnings}.
 */
@Command(name = "items", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Top-N items per customer with item code, description and reason; CSV out, JSON summary.",
            "Give the customers with exactly one of --customers, --customers-file or --segment (which reads the "
                    + "segments from --segments-file, the customers.csv that run or score writes).",
            "Reasons: \"similar to X, Y (bought)\" (item kNN: the customer's items that lead to it), "
                    + "\"bought by customers like you\" (ALS), \"popular in segment S\" or \"popular\" (customers "
                    + "without history, or when the list runs short)."})
final class RecommendItemsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TransactionInput input;

    @Option(names = "--customers", split = ",", paramLabel = "ID", description = "Customer ids, comma-separated.")
    List<String> customers;

    @Option(names = "--customers-file", paramLabel = "CSV",
            description = "A CSV with a customer_id column (e.g. run's customers.csv or plan's assignments).")
    Path customersFile;

    @Option(names = "--segment", paramLabel = "NAME",
            description = "Every customer of this segment (its name or id in --segments-file).")
    String segment;

    @Option(names = "--segments-file", paramLabel = "CSV",
            description = "The customers.csv that run or score writes (customer_id, segment, segment_name): the "
                    + "segments for --segment and for \"popular in segment\".")
    Path segmentsFile;

    @Option(names = "--k", paramLabel = "N", defaultValue = "10", description = "Items per customer. "
            + "Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(names = "--model-file", paramLabel = "BUNDLE",
            description = "A bundle saved by run --save-models: its recommender is used instead of fitting one.")
    Path modelFile;

    @Option(names = "--description", paramLabel = "COLUMN",
            description = "Header of the item description column. Default: Description when the file has it.")
    String description;

    @Option(names = "--include-seen", description = "Also recommend items the customer already bought.")
    boolean includeSeen;

    @Option(names = "--out", required = true, paramLabel = "CSV", description = "The recommendations CSV to write.")
    Path out;

    @Override
    public Integer call() {
        int given = (customers != null ? 1 : 0) + (customersFile != null ? 1 : 0) + (segment != null ? 1 : 0);
        if (given != 1) {
            throw input.usage("give exactly one of --customers, --customers-file or --segment, found " + given);
        }
        if (k < 1) {
            throw input.usage("--k must be >= 1, found " + k);
        }
        if (segment != null && segmentsFile == null) {
            throw input.usage("--segment needs --segments-file CSV (the customers.csv that run or score writes)");
        }
        TransactionCsv.Options options = input.options();
        if (options.mapping().item().isEmpty()) {
            throw input.usage("recommend items needs an item column: give --item COLUMN or a preset with items");
        }
        List<String> warnings = new ArrayList<>();
        TransactionLog log = TransactionCsv.read(input.input, options).log();
        InteractionMatrix matrix = InteractionMatrix.builder().build(log);
        Segments segs = segmentsFile == null ? null : Segments.read(segmentsFile);
        List<String> who = customers(log, segs);

        Recommender rec;
        String model;
        if (modelFile != null) {
            ModelBundle bundle = ModelFiles.read(modelFile, ModelBundle.class);
            Object r = bundle.models().get("recommender");
            if (!(r instanceof Recommender)) {
                throw new InvalidDataException(modelFile + ": $.models must have a recommender, found "
                        + bundle.names(), -1, "recommender", null);
            }
            rec = (Recommender) r;
            InteractionMatrix fitted = matrixOf(rec);
            if (fitted == null || !Arrays.equals(fitted.rowPtr(), matrix.rowPtr())
                    || !Arrays.equals(fitted.cols(), matrix.cols())) {
                throw new InvalidDataException(modelFile + ": the recommender must have been fitted on the lines of "
                        + input.input + ", found " + (fitted == null ? "no interactions" : fitted.customers()
                        + " customers x " + fitted.items() + " items") + " against " + matrix.customers()
                        + " customers x " + matrix.items() + " items with other purchases", -1, "recommender", null);
            }
            model = modelName(rec);
        } else {
            rec = ItemKnn.builder().neighbors(50).build().fit(matrix);
            model = "itemknn";
        }

        Map<String, String> descriptions = descriptions(options, warnings);
        Map<String, int[]> popularBySegment = new HashMap<>();
        int[] popular = popularity(matrix, null);
        long rows = 0;
        long shortLists = 0;
        try (CsvWriter w = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out, StandardCharsets.UTF_8)) {
            w.writeRecord("customer_id", "rank", "item_id", "description", "reason");
            for (String id : who) {
                int c = log.customerIndex(id);
                Set<Integer> seen = new LinkedHashSet<>();
                if (!includeSeen) {
                    for (int j : matrix.itemsOf(c)) {
                        seen.add(j);
                    }
                }
                List<String[]> lines = new ArrayList<>();
                Set<Integer> listed = new LinkedHashSet<>();
                int[] top = matrix.itemsOf(c).length == 0 ? new int[0] : rec.recommend(c, k, !includeSeen);
                for (int j : top) {
                    if (!listed.add(j)) {
                        continue;
                    }
                    lines.add(new String[] {log.itemId(j), reason(rec, c, j, log)});
                }
                String seg = segs == null ? null : segs.segmentOf.get(id);
                if (lines.size() < k) {
                    int[] pop = seg == null ? popular
                            : popularBySegment.computeIfAbsent(seg, s -> popularity(matrix, segs.members(s, log)));
                    String why = seg == null ? "popular" : "popular in segment " + segs.label(seg);
                    for (int j : pop) {
                        if (lines.size() >= k) {
                            break;
                        }
                        if (!seen.contains(j) && listed.add(j)) {
                            lines.add(new String[] {log.itemId(j), why});
                        }
                    }
                }
                if (lines.size() < k) {
                    shortLists++;
                }
                for (int r = 0; r < lines.size(); r++) {
                    String item = lines.get(r)[0];
                    w.writeRecord(id, Integer.toString(r + 1), item, descriptions.getOrDefault(item, ""),
                            lines.get(r)[1]);
                    rows++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        if (shortLists > 0) {
            warnings.add(shortLists + " customers got fewer than " + k + " items: they bought most of the "
                    + popular.length + " items bought in " + input.input.getFileName());
        }
        warnings.forEach(wn -> spec.commandLine().getErr().println("warning: " + wn));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("customers", who.size());
        json.put("k", k);
        json.put("model", model);
        json.put("rows", rows);
        json.put("out", out.toString());
        json.put("warnings", warnings);
        Json.print(spec.commandLine().getOut(), json);
        return 0;
    }

    private List<String> customers(TransactionLog log, Segments segs) {
        List<String> who = new ArrayList<>();
        if (customers != null) {
            who.addAll(customers);
        } else if (customersFile != null) {
            who.addAll(column(customersFile, "customer_id"));
        } else {
            String id = segs.resolve(segment);
            for (Map.Entry<String, String> e : segs.segmentOf.entrySet()) {
                if (e.getValue().equals(id) && log.customerIndex(e.getKey()) >= 0) {
                    who.add(e.getKey());
                }
            }
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String id : who) {
            String s = id.strip();
            if (log.customerIndex(s) < 0) {
                String option = customers != null ? "--customers" : "--customers-file";
                throw new InvalidDataException(option + " must name customers of " + input.input + ", found \"" + s
                        + "\"", -1, "customer_id", null);
            }
            unique.add(s);
        }
        return new ArrayList<>(unique);
    }

    private static InteractionMatrix matrixOf(Recommender rec) {
        if (rec instanceof ItemKnnModel m) {
            return m.matrix();
        }
        if (rec instanceof ImplicitAlsModel m) {
            return m.matrix();
        }
        if (rec instanceof PopularityModel m) {
            return m.matrix();
        }
        if (rec instanceof SegmentPopularityModel m) {
            return m.matrix();
        }
        return null;
    }

    private static String modelName(Recommender rec) {
        if (rec instanceof ItemKnnModel) {
            return "itemknn";
        }
        if (rec instanceof ImplicitAlsModel) {
            return "als";
        }
        return rec instanceof SegmentPopularityModel ? "segment-popularity" : "popularity";
    }

    private static String reason(Recommender rec, int c, int j, TransactionLog log) {
        if (rec instanceof ItemKnnModel knn) {
            int[] because = knn.explain(c, j);
            if (because.length > 0) {
                List<String> codes = new ArrayList<>();
                for (int q = 0; q < Math.min(3, because.length); q++) {
                    codes.add(log.itemId(because[q]));
                }
                return "similar to " + String.join(", ", codes) + " (bought)";
            }
            return "popular";
        }
        if (rec instanceof ImplicitAlsModel) {
            return "bought by customers like you";
        }
        return "popular";
    }

    /** Items by the number of distinct customers (of the given ones, or all) who bought them, most first. */
    private static int[] popularity(InteractionMatrix m, int[] members) {
        long[] count = new long[m.items()];
        if (members == null) {
            for (int j = 0; j < m.items(); j++) {
                count[j] = m.customersOf(j);
            }
        } else {
            for (int c : members) {
                for (int j : m.itemsOf(c)) {
                    count[j]++;
                }
            }
        }
        Integer[] idx = new Integer[m.items()];
        int n = 0;
        for (int j = 0; j < m.items(); j++) {
            if (count[j] > 0) {
                idx[n++] = j;
            }
        }
        Integer[] kept = Arrays.copyOf(idx, n);
        Arrays.sort(kept, (a, b) -> count[a] != count[b] ? Long.compare(count[b], count[a]) : Integer.compare(a, b));
        return Arrays.stream(kept).mapToInt(Integer::intValue).toArray();
    }

    /** The item descriptions of the file: per item code, its most frequent non-empty description. */
    private Map<String, String> descriptions(TransactionCsv.Options options, List<String> warnings) {
        if (options.whitespaceSeparated()) {
            return Map.of();
        }
        String itemColumn = options.mapping().item().orElseThrow();
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        try (Reader r = reader(input.input, options)) {
            CsvReader<CsvRecord> csv = CsvReader.builder().fieldSeparator(options.separator()).ofCsvRecord(r);
            int item = -1;
            int desc = -1;
            boolean first = true;
            for (CsvRecord rec : csv) {
                if (first) {
                    first = false;
                    List<String> header = new ArrayList<>(rec.getFields());
                    if (!header.isEmpty() && header.get(0).startsWith("\ufeff")) {
                        header.set(0, header.get(0).substring(1));
                    }
                    item = header.indexOf(itemColumn);
                    String name = description != null ? description : "Description";
                    desc = header.indexOf(name);
                    if (desc < 0 && description != null) {
                        throw new InvalidDataException(input.input + ":1: --description must name a header column "
                                + header + ", found \"" + description + "\"", 1, description, null);
                    }
                    if (desc < 0 || item < 0) {
                        return Map.of();
                    }
                    continue;
                }
                if (rec.getFieldCount() > Math.max(item, desc)) {
                    String d = rec.getField(desc).strip();
                    if (!d.isEmpty()) {
                        counts.computeIfAbsent(rec.getField(item).strip(), x -> new TreeMap<>()).merge(d, 1,
                                Integer::sum);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + input.input + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new HashMap<>();
        counts.forEach((code, byText) -> out.put(code, byText.entrySet().stream()
                .max((a, b) -> a.getValue() != b.getValue() ? Integer.compare(a.getValue(), b.getValue())
                        : b.getKey().compareTo(a.getKey())).orElseThrow().getKey()));
        return out;
    }

    private static Reader reader(Path file, TransactionCsv.Options options) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new InputStreamReader(in, options.charset());
    }

    /** The values of one named column of a CSV file. */
    static List<String> column(Path file, String name) {
        List<String> values = new ArrayList<>();
        PlanCommand.CustomerTable t = PlanCommand.CustomerTable.read(file);
        int col = t.require(name, t.headerMessage(name));
        for (String[] f : t.rows) {
            values.add(f[col]);
        }
        return values;
    }

    /** Segments of customers from a customers.csv: customer id -> segment id, and segment names. */
    static final class Segments {
        final Map<String, String> segmentOf = new LinkedHashMap<>();
        final Map<String, String> nameOf = new TreeMap<>();
        final Path file;

        private Segments(Path file) {
            this.file = file;
        }

        static Segments read(Path file) {
            PlanCommand.CustomerTable t = PlanCommand.CustomerTable.read(file);
            int id = t.require("customer_id", t.headerMessage("customer_id"));
            int seg = t.require("segment", t.headerMessage("segment"));
            int name = t.column(List.of("segment_name"));
            Segments s = new Segments(file);
            for (String[] f : t.rows) {
                s.segmentOf.put(f[id], f[seg]);
                if (name >= 0 && !f[name].isBlank()) {
                    s.nameOf.put(f[seg], f[name]);
                }
            }
            return s;
        }

        /** A segment id from an id or a name. */
        String resolve(String ref) {
            if (nameOf.containsKey(ref) || segmentOf.containsValue(ref)) {
                return ref;
            }
            for (Map.Entry<String, String> e : nameOf.entrySet()) {
                if (e.getValue().equals(ref)) {
                    return e.getKey();
                }
            }
            throw new InvalidDataException("--segment must be one of the ids " + new TreeSet<>(segmentOf.values())
                    + " or the names " + new TreeSet<>(nameOf.values()) + " of " + file + ", found \"" + ref + "\"",
                    -1, "segment", null);
        }

        String label(String seg) {
            return nameOf.getOrDefault(seg, seg);
        }

        int[] members(String seg, TransactionLog log) {
            List<Integer> m = new ArrayList<>();
            for (Map.Entry<String, String> e : segmentOf.entrySet()) {
                int c = log.customerIndex(e.getKey());
                if (e.getValue().equals(seg) && c >= 0) {
                    m.add(c);
                }
            }
            return m.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
