package dev.segmentation.cli;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.segmentation.InvalidDataException;
import dev.segmentation.data.TransactionCsv;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.persist.ModelBundle;
import dev.segmentation.persist.ModelJson;
import dev.segmentation.recommend.InteractionMatrix;
import dev.segmentation.recommend.ItemKnn;
import dev.segmentation.recommend.Recommendation;
import dev.segmentation.recommend.RecommendationLists;
import dev.segmentation.recommend.Recommender;
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
    /** The command line's names of the recommenders whose model-file type names differ. */
    private static final Map<String, String> MODEL_NAMES = Map.of("item-knn", "itemknn", "implicit-als", "als");

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
            InteractionMatrix fitted = rec.trainingMatrix().orElse(null);
            if (fitted == null || !Arrays.equals(fitted.rowPtr(), matrix.rowPtr())
                    || !Arrays.equals(fitted.cols(), matrix.cols())) {
                throw new InvalidDataException(modelFile + ": the recommender must have been fitted on the lines of "
                        + input.input + ", found " + (fitted == null ? "no interactions" : fitted.customers()
                        + " customers x " + fitted.items() + " items") + " against " + matrix.customers()
                        + " customers x " + matrix.items() + " items with other purchases", -1, "recommender", null);
            }
            String type = ModelJson.typeName(rec);
            model = MODEL_NAMES.getOrDefault(type, type);
        } else {
            rec = ItemKnn.builder().neighbors(50).build().fit(matrix);
            model = "itemknn";
        }

        Map<String, String> descriptions = descriptions(options, warnings);
        RecommendationLists lists = segs == null ? RecommendationLists.of(rec, matrix)
                : RecommendationLists.of(rec, matrix, segs.labels(log));
        long rows = 0;
        long shortLists = 0;
        try (CsvWriter w = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out, StandardCharsets.UTF_8)) {
            w.writeRecord("customer_id", "rank", "item_id", "description", "reason");
            for (String id : who) {
                List<Recommendation> list = lists.recommend(log.customerIndex(id), k, !includeSeen);
                if (list.size() < k) {
                    shortLists++;
                }
                for (int r = 0; r < list.size(); r++) {
                    String item = log.itemId(list.get(r).item());
                    w.writeRecord(id, Integer.toString(r + 1), item, descriptions.getOrDefault(item, ""),
                            reason(list.get(r), log, segs));
                    rows++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        if (shortLists > 0) {
            warnings.add(shortLists + " customers got fewer than " + k + " items: they bought most of the "
                    + lists.boughtItems() + " items bought in " + input.input.getFileName());
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

    /**
     * The reason column: the library's {@link Recommendation} in words, with item codes and the segment's name.
     */
    private static String reason(Recommendation r, TransactionLog log, Segments segs) {
        return switch (r.reason()) {
            case SIMILAR_ITEMS -> "similar to " + String.join(", ", r.because().stream().limit(3).map(log::itemId)
                    .toList()) + " (bought)";
            case SIMILAR_CUSTOMERS -> "bought by customers like you";
            case POPULAR_IN_SEGMENT -> "popular in segment " + segs.label(segs.ids.get(r.segment()));
            case POPULAR -> "popular";
        };
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
        /** The distinct segment ids in order of first appearance: segment label g is ids.get(g). */
        final List<String> ids = new ArrayList<>();
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
            s.ids.addAll(new LinkedHashSet<>(s.segmentOf.values()));
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

        /** The segment label of each customer index of the log: the position of its segment in {@link #ids}, or -1. */
        int[] labels(TransactionLog log) {
            Map<String, Integer> label = new HashMap<>();
            for (int g = 0; g < ids.size(); g++) {
                label.put(ids.get(g), g);
            }
            int[] out = new int[log.customerCount()];
            Arrays.fill(out, -1);
            for (Map.Entry<String, String> e : segmentOf.entrySet()) {
                int c = log.customerIndex(e.getKey());
                if (c >= 0) {
                    out[c] = label.get(e.getValue());
                }
            }
            return out;
        }
    }
}
