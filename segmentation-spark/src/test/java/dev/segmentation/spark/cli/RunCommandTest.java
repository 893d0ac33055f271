package dev.segmentation.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.clv.BtydHistogram;
import dev.segmentation.clv.BtydHoldoutHistogram;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.persist.ModelBundle;
import dev.segmentation.persist.ModelJson;
import dev.segmentation.pipeline.BundleScorer;
import dev.segmentation.pipeline.CustomerProfile;
import dev.segmentation.pipeline.LifetimeValue;
import dev.segmentation.pipeline.LifetimeValueReport;
import dev.segmentation.pipeline.SegmentationResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 21: the Spark {@code run} and {@code score} commands in this JVM ({@code --master local[2]}). */
class RunCommandTest {
    private static final int CUSTOMERS = 400;
    private static final long SEED = 7;

    @TempDir
    static Path dir;
    private static Path out;
    private static Path models;
    private static Result run;
    private static TransactionLog log;

    /** The outcome of one command: exit code, stdout, stderr. */
    private record Result(int code, String out, String err) {
    }

    private static Result main(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--master";
        all[args.length + 1] = "local[2]";
        int code = Main.run(new PrintWriter(o, true), new PrintWriter(e, true), all);
        return new Result(code, o.toString(), e.toString());
    }

    @BeforeAll
    static void runOnTheSimulator() {
        out = dir.resolve("out");
        models = dir.resolve("models.json");
        run = main("run", "--customers", Integer.toString(CUSTOMERS), "--seed", Long.toString(SEED), "--k", "3",
                "--partitions", "3", "--out-dir", out.toString(), "--single-csv", "--precision", "full",
                "--save-models", models.toString());
        log = RetailSimulator.builder().customers(CUSTOMERS).seed(SEED).build().generate().log();
    }

    @AfterAll
    static void stop() {
        SparkSession.builder().getOrCreate().stop();
    }

    @Test
    void runWritesParquetSegmentsAndOneCsvWithTheSingleJvmColumnsAndPrintsTheRunJson() throws Exception {
        assertEquals(0, run.code(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        for (String field : List.of("input", "customers", "transactions", "asOf", "segments", "lifetimeValue", "churn",
                "customersCsv", "segmentsCsv", "reportPath", "modelsPath", "warnings", "timingsMillis")) {
            assertTrue(json.has(field), field);
        }
        assertEquals("simulator", json.get("input").asText());
        assertEquals(log.activeCustomerCount(), json.get("customers").asInt());
        assertEquals(log.size(), json.get("transactions").asLong());
        assertEquals(3, json.get("segments").size());
        // the transaction model chosen on a holdout by default, as the single JVM's choice on the same lines
        LocalDate first = log.firstDateTime().toLocalDate();
        LocalDate lastDay = log.lastDateTime().toLocalDate();
        Duration week = Duration.ofDays(7);
        LifetimeValue ltv = LifetimeValue.chosenByHoldout().horizon(Period.ofYears(1)).annualDiscountRate(0.10)
                .unit(week);
        BtydHoldoutHistogram cal = BtydHoldoutHistogram.of(BtydSummarizer.builder().end(lastDay)
                .calibrationEnd(ltv.holdoutCalibrationEnd(first, lastDay).orElseThrow()).unit(week).build()
                .summarize(log));
        LifetimeValueReport expected = ltv.fitTransactionModel(BtydHistogram.of(BtydSummarizer.builder()
                .end(lastDay).unit(week).build().summarize(log)), cal, first, lastDay).report();
        assertEquals(expected.model(), json.get("lifetimeValue").get("model").asText());
        assertEquals(expected.criterion(), json.get("lifetimeValue").get("criterion").asText());
        assertEquals(3, json.get("lifetimeValue").get("validation").size());
        assertEquals(90, json.get("churn").get("horizonDays").asInt());
        for (String stage : List.of("load", "validate", "features", "segments", "lifetimeValue", "churn",
                "summaries", "write", "total")) {
            assertTrue(json.get("timingsMillis").has(stage), stage);
        }
        List<String> lines = Files.readAllLines(out.resolve("customers.csv"));
        assertEquals(String.join(",", SegmentationResult.CUSTOMER_COLUMNS), lines.get(0));
        assertEquals(log.activeCustomerCount() + 1, lines.size());
        assertTrue(Files.isDirectory(out.resolve("customers")));
        assertTrue(Files.readString(out.resolve("segments.csv")).startsWith("segment,name,size,share,centre_"));
        try (var files = Files.list(out)) {
            assertEquals(List.of("customers", "customers.csv", "report.html", "segments.csv"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        // the report, drawn from Spark aggregates, as the single JVM's reportPath
        assertEquals(out.resolve("report.html"), Path.of(json.get("reportPath").asText()));
        String report = Files.readString(out.resolve("report.html"));
        for (String id : List.of("summary-segments", "segment-profiles", "rfm-heatmap", "clv-by-segment",
                "p-alive-matrix", "repeat-purchases", "churn-explained", "timings")) {
            assertTrue(report.contains("id=\"" + id + "\""), id);
        }
        assertFalse(report.contains("NaN") || report.contains("Infinity"));

        // the Parquet rows and the CSV lines hold the same values, and the saved bundle scores them in the single JVM
        SparkSession spark = SparkSession.builder().getOrCreate();
        Map<String, Row> parquet = new HashMap<>();
        for (Row r : spark.read().parquet(out.resolve("customers").toString()).collectAsList()) {
            parquet.put(r.getString(0), r);
        }
        ModelBundle bundle = ModelJson.read(models, ModelBundle.class);
        SegmentationResult single = BundleScorer.of(bundle).score(log, LocalDate.parse(json.get("asOf").asText()));
        Map<String, String[]> csv = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            csv.put(f[0], f);
        }
        assertEquals(single.size(), csv.size());
        // customers.csv holds the customers partition after partition, each in its order, as the Parquet part files
        List<String> byPart = new ArrayList<>();
        try (var files = Files.list(out.resolve("customers"))) {
            for (Path part : files.filter(p -> p.getFileName().toString().startsWith("part-"))
                    .sorted().toList()) {
                for (Row r : spark.read().parquet(part.toString()).collectAsList()) {
                    byPart.add(r.getString(0));
                }
            }
        }
        assertEquals(byPart, lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)[0]).toList());
        for (int i = 0; i < single.size(); i++) {
            CustomerProfile p = single.customer(i);
            String[] f = csv.get(p.id());
            Row r = parquet.get(p.id());
            assertEquals(Integer.toString(p.segment()), f[1], p.id());
            assertEquals(p.segment(), r.getInt(1), p.id());
            assertEquals(p.segmentName(), f[2], p.id());
            assertEquals(Integer.toString(p.recencyScore()), f[3], p.id());
            assertEquals(Double.toString(p.churnProbability()), f[9], p.id());
            assertEquals(Double.toString(p.aliveProbability()), f[10], p.id());
            assertEquals(Double.toString(p.clv()), f[12], p.id());
            assertEquals(p.clv(), r.getDouble(12), 0.0, p.id());
        }
    }

    /**
     * Issue 21: the customers' Parquet files are snappy-compressed (Spark's default); the columns of nearly one value
     * per customer are written plain, without the dictionary the writer would build and, at scale, throw away, and
     * the columns of five values keep theirs. Written again with every such column made constant (where the writer
     * keeps a dictionary, as a plain write shows), they are still plain, and the rows read back are the plain
     * write's.
     */
    @Test
    void issue21TheCustomersParquetHasNoDictionaryForItsNearlyDistinctColumns() throws Exception {
        assertEquals(0, run.code(), run.err());
        Map<String, Set<Encoding>> written = encodings(out.resolve("customers"));
        assertEquals(new HashSet<>(SegmentationResult.CUSTOMER_COLUMNS), written.keySet());
        for (String column : Sessions.PLAIN_CUSTOMER_COLUMNS) {
            if (written.containsKey(column)) {
                assertFalse(dictionary(written.get(column)), column + " " + written.get(column));
            }
        }
        for (String column : List.of("segment", "segment_name", "r_score", "f_score", "m_score")) {
            assertTrue(dictionary(written.get(column)), column + " " + written.get(column));
        }

        SparkSession spark = SparkSession.builder().getOrCreate();
        Dataset<Row> constant = spark.read().parquet(out.resolve("customers").toString())
                .withColumn(SegmentationResult.ITEM_DESCRIPTION_COLUMN, functions.lit("a description"));
        for (String column : Sessions.PLAIN_CUSTOMER_COLUMNS) {
            Column value = column.equals("customer_id") || column.startsWith("top_") ? functions.lit("x")
                    : functions.lit(1.5);
            constant = constant.withColumn(column, value);
        }
        constant = constant.coalesce(1);
        Path ours = dir.resolve("constant-ours");
        Path plain = dir.resolve("constant-plain");
        Sessions.writeCustomersParquet(constant, ours.toString());
        constant.write().parquet(plain.toString());
        Map<String, Set<Encoding>> a = encodings(ours);
        Map<String, Set<Encoding>> b = encodings(plain);
        for (String column : Sessions.PLAIN_CUSTOMER_COLUMNS) {
            assertTrue(dictionary(b.get(column)), "a plain write: " + column + " " + b.get(column));
            assertFalse(dictionary(a.get(column)), column + " " + a.get(column));
        }
        Dataset<Row> x = spark.read().parquet(ours.toString());
        Dataset<Row> y = spark.read().parquet(plain.toString());
        assertEquals(y.schema(), x.schema());
        assertEquals(y.collectAsList(), x.collectAsList());
    }

    /** The encodings of each column over the Parquet part files of {@code dir} (at least one). */
    private static Map<String, Set<Encoding>> encodings(Path dir) throws Exception {
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
        assertFalse(files.isEmpty(), dir.toString());
        Map<String, Set<Encoding>> out = new HashMap<>();
        for (Path part : files) {
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                    new org.apache.hadoop.fs.Path(part.toUri()), new Configuration()))) {
                for (BlockMetaData block : reader.getFooter().getBlocks()) {
                    for (ColumnChunkMetaData c : block.getColumns()) {
                        assertEquals(CompressionCodecName.SNAPPY, c.getCodec(), c.getPath().toDotString());
                        out.computeIfAbsent(c.getPath().toDotString(), k -> new HashSet<>()).addAll(c.getEncodings());
                    }
                }
            }
        }
        return out;
    }

    private static boolean dictionary(Set<Encoding> encodings) {
        return encodings.contains(Encoding.PLAIN_DICTIONARY) || encodings.contains(Encoding.RLE_DICTIONARY);
    }

    @Test
    void aMissingInputIsOneLineExitOneAndWritesNothing() {
        Path missing = dir.resolve("nothing-here");
        Path target = dir.resolve("missing-out");
        Result r = main("run", "--input", missing.toString(), "--preset", "online-retail", "--out-dir",
                target.toString());
        assertEquals(1, r.code());
        assertEquals("error: nothing-here: file not found: " + missing + System.lineSeparator(), r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(target));
    }

    @Test
    void anUnknownAlgorithmOrCovarianceAndCovarianceWithKmeansAreUsageErrors() {
        Result r = main("run", "--customers", "10", "--algorithm", "dbscan");
        assertEquals(2, r.code());
        assertEquals("error: --algorithm must be kmeans or gmm, found \"dbscan\"" + System.lineSeparator(), r.err());
        r = main("run", "--customers", "10", "--algorithm", "gmm", "--covariance", "tied");
        assertEquals(2, r.code());
        assertEquals("error: --covariance must be full, diag or spherical, found \"tied\"" + System.lineSeparator(),
                r.err());
        r = main("run", "--customers", "10", "--covariance", "diag");
        assertEquals(2, r.code());
        assertEquals("error: --covariance applies only with --algorithm gmm, found --algorithm kmeans"
                + System.lineSeparator(), r.err());
        r = main("run", "--customers", "10", "--algorithm", "gmm", "--n-init", "0");
        assertEquals(2, r.code());
        assertEquals("error: --n-init must be >= 1, found 0" + System.lineSeparator(), r.err());
    }

    @Test
    void anUnknownFormatAndCustomersWithInputAreUsageErrors() {
        Result r = main("run", "--input", dir.toString(), "--format", "xml", "--preset", "online-retail");
        assertEquals(2, r.code());
        assertEquals("error: --format must be csv or parquet, found \"xml\"" + System.lineSeparator(), r.err());
        r = main("run", "--input", dir.toString(), "--preset", "online-retail", "--customers", "10");
        assertEquals(2, r.code());
        assertEquals("error: --customers sizes the simulator; it cannot be combined with --input"
                + System.lineSeparator(), r.err());
        r = main("run", "--customers", "10", "--transaction-model", "gamma");
        assertEquals(2, r.code());
        assertEquals("error: --transaction-model must be auto, bgnbd, mbgnbd or paretonbd, found \"gamma\""
                + System.lineSeparator(), r.err());
        r = main("run", "--customers", "10", "--dropout-weight", "-1");
        assertEquals(2, r.code());
        assertEquals("error: --dropout-weight must be finite and >= 0, found -1.0" + System.lineSeparator(), r.err());
        r = main("run", "--customers", "10", "--k", "0");
        assertEquals(2, r.code());
        assertEquals("error: --k must be >= 1, found 0" + System.lineSeparator(), r.err());
    }

    @Test
    void aParquetFileWithoutTheMappedColumnsIsOneLineExitOneAndLeavesNoFile() throws Exception {
        assertEquals(0, run.code(), run.err());
        Path target = dir.resolve("bad-out");
        // the customers written by run are Parquet without the online-retail columns
        Result r = main("run", "--input", out.resolve("customers").toString(), "--format", "parquet", "--preset",
                "online-retail", "--out-dir", target.toString());
        assertEquals(1, r.code(), r.err());
        assertEquals("error: " + out.resolve("customers") + ": columns must contain the customer column \"CustomerID\", "
                + "found [customer_id, segment, segment_name, r_score, f_score, m_score, recency, frequency, monetary, "
                + "p_churn, p_alive, expected_purchases, clv, top_items]" + System.lineSeparator(), r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(target.resolve("customers")));
        assertFalse(Files.exists(target.resolve("segments.csv")));
        assertFalse(Files.exists(target.resolve("report.html")));
    }

    @Test
    void anOutDirThatIsAFileIsRefusedBeforeTheInputIsReadWithTheSingleJvmLine() throws Exception {
        assertEquals(0, run.code(), run.err());
        Path file = dir.resolve("a-file");
        Files.writeString(file, "keep");
        // the input lacks the preset's columns: the out-dir is checked first, before any job reads it
        Result r = main("run", "--input", out.resolve("customers").toString(), "--format", "parquet", "--preset",
                "online-retail", "--out-dir", file.toString());
        assertEquals(1, r.code(), r.err());
        assertEquals("error: cannot write " + file + ": not a directory" + System.lineSeparator(), r.err());
        assertEquals("", r.out());
        r = main("score", "--models", models.toString(), "--input", out.resolve("customers").toString(), "--format",
                "parquet", "--preset", "online-retail", "--as-of", "2024-12-31", "--out-dir", file.toString());
        assertEquals(1, r.code(), r.err());
        assertEquals("error: cannot write " + file + ": not a directory" + System.lineSeparator(), r.err());
        assertEquals("keep", Files.readString(file));
    }

    @Test
    void emptyLinesAnUnknownPresetAndAnAsOfOutsideTheLinesGiveTheSingleJvmLines() throws Exception {
        assertEquals(0, run.code(), run.err());
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n");
        Result r = main("run", "--input", empty.toString(), "--preset", "online-retail", "--out-dir",
                dir.resolve("empty-out").toString());
        assertEquals(1, r.code(), r.err());
        assertEquals("error: log must have at least one row, found 0" + System.lineSeparator(), r.err());
        assertFalse(Files.exists(dir.resolve("empty-out").resolve("segments.csv")));
        r = main("score", "--models", models.toString(), "--input", empty.toString(), "--preset", "online-retail",
                "--as-of", "2011-12-09", "--out-dir", dir.resolve("empty-out").toString());
        assertEquals(1, r.code(), r.err());
        assertEquals("error: " + empty + ": --input must have at least one transaction line, found 0"
                + System.lineSeparator(), r.err());

        r = main("run", "--input", empty.toString(), "--preset", "online", "--out-dir", dir.resolve("x").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("error: preset must be one of [online-retail, cdnow], found \"online\"" + System.lineSeparator(),
                r.err());

        Path sim = dir.resolve("sim-as-of");
        assertEquals(0, main("simulate", "--customers", "50", "--seed", "1", "--out", sim.toString()).code());
        TransactionLog small = RetailSimulator.builder().customers(50).seed(1).build().generate().log();
        String[] columns = {"--customer", "customer_id", "--date", "date", "--amount", "amount"};
        r = main(concat(new String[] {"score", "--models", models.toString(), "--input", sim.toString(), "--format",
            "parquet", "--as-of", "2000-01-01", "--out-dir", dir.resolve("as-of-out").toString()}, columns));
        assertEquals(1, r.code(), r.err());
        assertEquals("error: --as-of must be on or after the first purchase date " + small.firstDateTime().toLocalDate()
                + ", found 2000-01-01" + System.lineSeparator(), r.err());
        r = main(concat(new String[] {"score", "--models", models.toString(), "--input", sim.toString(), "--format",
            "parquet", "--as-of", "2100-01-01", "--out-dir", dir.resolve("as-of-out").toString()}, columns));
        assertEquals(1, r.code(), r.err());
        assertEquals("error: --as-of must be on or before the last purchase date " + small.lastDateTime().toLocalDate()
                + ", found 2100-01-01" + System.lineSeparator(), r.err());
        assertFalse(Files.exists(dir.resolve("as-of-out").resolve("customers.csv")));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void scoreAppliesTheSavedBundleInSparkAndRefusesAModelOfTheWrongType() throws Exception {
        assertEquals(0, run.code(), run.err());
        Path sim = dir.resolve("sim");
        assertEquals(0, main("simulate", "--customers", Integer.toString(CUSTOMERS), "--seed", Long.toString(SEED),
                "--out", sim.toString()).code());
        // run's asOf is the first day not observed; score's --as-of the last day observed, as in the single JVM
        String asOf = LocalDate.parse(new ObjectMapper().readTree(run.out()).get("asOf").asText()).minusDays(1)
                .toString();
        Path scored = dir.resolve("scored");
        Result r = main("score", "--models", models.toString(), "--input", sim.toString(), "--format", "parquet",
                "--customer", "customer_id", "--date", "date", "--amount", "amount", "--quantity", "quantity",
                "--invoice", "invoice", "--item", "item", "--channel", "channel", "--category", "category",
                "--as-of", asOf, "--out-dir", scored.toString(), "--single-csv", "--precision", "full");
        assertEquals(0, r.code(), r.err());
        assertEquals(log.activeCustomerCount(), new ObjectMapper().readTree(r.out()).get("customers").asInt());
        // the run's own customers against its own bundle: no drift at all, every PSI exactly 0 (the same counts)
        var drift = new ObjectMapper().readTree(r.out()).get("drift");
        assertEquals("STABLE", drift.get("verdict").asText(), drift::toString);
        assertEquals(0.0, drift.get("segments").get("psi").asDouble(), drift::toString);
        assertEquals(drift.get("segments").get("trainingShares"), drift.get("segments").get("windowShares"));
        List<String> features = new ArrayList<>();
        drift.get("features").fields().forEachRemaining(f -> {
            features.add(f.getKey());
            assertEquals(0.0, f.getValue().get("psi").asDouble(), f.getKey());
        });
        assertEquals(((dev.segmentation.pipeline.SegmentCatalog) ModelJson.read(models, ModelBundle.class).models()
                .get("catalog")).features(), features);
        // a bundle fitted in Spark keeps no training customers (SparkScoringTest checks a single-JVM bundle's)
        assertTrue(new ObjectMapper().readTree(r.out()).get("movement").isNull(), r.out());
        List<String> expected = Files.readAllLines(out.resolve("customers.csv"));
        List<String> actual = Files.readAllLines(scored.resolve("customers.csv"));
        assertEquals(expected.get(0), actual.get(0));
        assertEquals(new java.util.TreeSet<>(expected), new java.util.TreeSet<>(actual));

        Path wrong = dir.resolve("wrong.json");
        ModelJson.write(ModelJson.read(models, ModelBundle.class).models().get("rfm"), wrong);
        r = main("score", "--models", wrong.toString(), "--input", sim.toString(), "--format", "parquet",
                "--customer", "customer_id", "--date", "date", "--amount", "amount", "--as-of", asOf, "--out-dir",
                dir.resolve("never").toString());
        assertEquals(1, r.code(), r.err());
        assertEquals("error: " + wrong + ": $.type must name a ModelBundle, found \"rfm-segmenter\""
                + System.lineSeparator(), r.err());
        assertFalse(Files.exists(dir.resolve("never")));
    }
}
