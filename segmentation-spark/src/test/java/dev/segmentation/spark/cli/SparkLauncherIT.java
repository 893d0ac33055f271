package dev.segmentation.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import dev.segmentation.cli.SegmentationCli;
import dev.segmentation.cluster.ClusterQuality;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.PurchasePeriod;
import dev.segmentation.testing.SharedData;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script end to end, after {@code package} (a surefire run bound to integration-test): it finds
 * the jar and the classpath file, runs {@code simulate} and {@code summary} in {@code local[2]}, prints only
 * JSON on stdout and no INFO line on stderr, and the summary equals the single-JVM one byte for byte; its
 * {@code run --single-csv} on Online Retail agrees per customer with the single-JVM {@code run}, and so do the
 * segments of its {@code run --algorithm gmm} on the simulator.
 */
class SparkLauncherIT {
    private static final Path LAUNCHER = Path.of("bin", "segmentation-spark");

    /** Exit code, stdout and stderr of one launcher run. */
    private record Run(int code, String out, String err) {
    }

    private static Run launch(Path dir, String... args) throws IOException, InterruptedException {
        return launch(dir, 5, args);
    }

    private static Run launch(Path dir, int minutes, String... args) throws IOException, InterruptedException {
        return launchWith(dir, minutes, null, args);
    }

    /** One launcher run with {@code JAVA_OPTS} set to {@code javaOpts} (unless null). */
    private static Run launchWith(Path dir, int minutes, String javaOpts, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("bash");
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        if (javaOpts != null) {
            pb.environment().put("JAVA_OPTS", javaOpts);
        }
        Process p = pb.start();
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("the launcher did not finish within " + minutes + " minutes: " + String.join(" ", args));
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void simulateThenSummaryEqualTheSingleJvm(@TempDir Path dir) throws Exception {
        Path sim = dir.resolve("sim");
        Run s = launch(dir, "simulate", "--customers", "400", "--seed", "9", "--out", sim.toString());
        assertEquals(0, s.code(), s.err());
        TransactionLog log = RetailSimulator.builder().customers(400).seed(9).build().generate().log();
        JsonNode json = new ObjectMapper().readTree(s.out());
        assertEquals(log.size(), json.get("rows").asLong());
        assertFalse(s.err().contains(" INFO "), s.err());

        Path csv = dir.resolve("summary.csv");
        Run summary = launch(dir, "summary", "--input", sim.toString(), "--format", "parquet", "--customer",
                "customer_id", "--date", "date", "--amount", "amount", "--quantity", "quantity", "--invoice",
                "invoice", "--item", "item", "--end", "2024-12-31", "--out", csv.toString());
        assertEquals(0, summary.code(), summary.err());
        assertEquals(400, new ObjectMapper().readTree(summary.out()).get("customers").asInt());
        assertFalse(summary.err().contains(" INFO "), summary.err());
        Path expected = dir.resolve("expected.csv");
        BtydSummarizer.builder().end(LocalDate.of(2024, 12, 31)).period(PurchasePeriod.DAY).build().summarize(log)
                .writeCsv(expected);
        assertEquals(Files.readString(expected), Files.readString(csv));
    }

    /** A heap below Spark's local minimum: the launcher's one line says how to give more, with no Spark log. */
    @Test
    void aHeapTooSmallForSparkIsOneLineAndExitOne(@TempDir Path dir) throws Exception {
        Run r = launchWith(dir, 5, "-Xmx400m", "run", "--customers", "100", "--out-dir",
                dir.resolve("out").toString());
        assertEquals(1, r.code(), r.err());
        assertEquals("error: the Java heap of 400 MB is below the 450 MB Spark needs in local mode; run with a larger "
                + "heap, e.g. JAVA_OPTS=-Xmx4g segmentation-spark ... (spark-submit: --driver-memory 4g)\n", r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(dir.resolve("out")), "a failed run writes nothing");
    }

    /**
     * A task that runs out of heap (300,000 customers in a 128 MB heap; {@code spark.testing.memory} lifts Spark's
     * own minimum) fails the job instead of ending the JVM with Spark's exit 52: exit 1, the out-of-memory line also
     * when one of Spark's own threads was the one to fail (the job then ends as cancelled), and no stack trace.
     */
    @Test
    void aTaskOutOfHeapIsOneLineAndExitOne(@TempDir Path dir) throws Exception {
        Run r = launchWith(dir, 5, "-Xmx128m -Dspark.testing.memory=1073741824", "run", "--customers", "300000",
                "--out-dir", dir.resolve("out").toString());
        assertEquals(1, r.code(), r.err());
        List<String> errors = r.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(1, errors.size(), r.err());
        assertTrue(errors.get(0).matches("error: out of memory: the data do not fit in the Java heap of \\d+ MB; run "
                + "with a larger heap, e\\.g\\. JAVA_OPTS=-Xmx16g segmentation-spark \\.\\.\\. \\(spark-submit: "
                + "--driver-memory and --executor-memory\\)"), errors.get(0));
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(dir.resolve("out")), "a failed run writes nothing");
    }

    @Test
    void aMissingInputExitsOneWithOneLine(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.csv");
        Run r = launch(dir, "summary", "--input", missing.toString(), "--preset", "online-retail", "--end",
                "2011-12-09", "--out", dir.resolve("s.csv").toString());
        assertEquals(1, r.code());
        assertEquals("error: missing.csv: file not found: " + missing + "\n", r.err());
    }

    /**
     * Online Retail (shared data): the single-JVM {@code run} (in this JVM) and the launcher's {@code run
     * --single-csv} in {@code local[2]} write the same {@code customers.csv} columns and agree per customer: R, F,
     * M, the RFM scores and the top items exactly, P(alive), expected purchases and CLV to 1e-9 relative, P(churn)
     * to 1e-6 relative. The Spark run chooses the transaction model on a holdout itself, with no option (the single
     * JVM's code on histograms built in Spark): its JSON {@code lifetimeValue} (model, criterion, every candidate's
     * figures to 1e-9 relative, the dropout weight used) and {@code warnings} are the single JVM's. Segments: the
     * same k-means settings and seed on the same encoded features; the adjusted
     * Rand index measured here is 1.0 (same clusters), asserted at 0.95 or more because k-means restarts may
     * settle differently if a distance ties up to rounding in another summation order.
     */
    @Test
    void runOnOnlineRetailAgreesWithTheSingleJvmPerCustomer(@TempDir Path dir) throws Exception {
        Path data = SharedData.file("online-retail/online_retail.csv.gz");
        Path singleOut = dir.resolve("single");
        StringWriter singleJson = new StringWriter();
        StringWriter singleErr = new StringWriter();
        int code = SegmentationCli.run(new PrintWriter(singleJson, true), new PrintWriter(singleErr, true), "run",
                "--input", data.toString(), "--preset", "online-retail", "--out-dir", singleOut.toString(),
                "--precision", "full");
        assertEquals(0, code, singleErr.toString());
        JsonNode single = new ObjectMapper().readTree(singleJson.toString());
        String model = single.get("lifetimeValue").get("model").asText();
        double weight = 0;
        for (JsonNode candidate : single.get("lifetimeValue").get("validation")) {
            if (candidate.get("chosen").asBoolean() && candidate.hasNonNull("dropoutPrior")) {
                weight = candidate.get("dropoutPrior").get("used").asDouble();
            }
        }

        Path sparkOut = dir.resolve("spark");
        Run r = launch(dir, 12, "run", "--input", data.toString(), "--preset", "online-retail", "--out-dir",
                sparkOut.toString(), "--single-csv", "--precision", "full");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains(" INFO "), r.err());
        JsonNode spark = new ObjectMapper().readTree(r.out());
        assertEquals(single.get("customers").asInt(), spark.get("customers").asInt());
        assertEquals(single.get("asOf").asText(), spark.get("asOf").asText());
        assertEquals(model, spark.get("lifetimeValue").get("model").asText());
        double[] largest = {0};
        assertSameJson(single.get("lifetimeValue"), spark.get("lifetimeValue"), "lifetimeValue", largest);
        List<String> ltvWarnings = new ArrayList<>();
        for (JsonNode w : single.get("warnings")) {
            if (w.asText().startsWith("lifetimeValue:")) {
                ltvWarnings.add(w.asText());
            }
        }
        List<String> sparkWarnings = new ArrayList<>();
        spark.get("warnings").forEach(w -> sparkWarnings.add(w.asText()));
        assertEquals(ltvWarnings, sparkWarnings);

        List<String> expectedLines = Files.readAllLines(singleOut.resolve("customers.csv"));
        List<String> actualLines = Files.readAllLines(sparkOut.resolve("customers.csv"));
        assertEquals(expectedLines.get(0), actualLines.get(0));
        assertEquals(expectedLines.size(), actualLines.size());
        List<String> header = fields(expectedLines.get(0));
        Map<String, List<String>> actual = new HashMap<>();
        for (String line : actualLines.subList(1, actualLines.size())) {
            List<String> f = fields(line);
            assertEquals(header.size(), f.size(), line);
            assertEquals(null, actual.put(f.get(0), f), f.get(0));
        }
        int n = expectedLines.size() - 1;
        int[] segE = new int[n];
        int[] segA = new int[n];
        for (int i = 0; i < n; i++) {
            List<String> e = fields(expectedLines.get(i + 1));
            List<String> a = actual.get(e.get(0));
            assertTrue(a != null, e.get(0));
            for (String c : List.of("r_score", "f_score", "m_score", "recency", "frequency", "monetary",
                    "top_items", "top_item_descriptions")) {
                int j = header.indexOf(c);
                assertEquals(e.get(j), a.get(j), e.get(0) + " " + c);
            }
            assertClose(e, a, header, "p_churn", 1e-6);
            for (String c : List.of("p_alive", "expected_purchases", "clv")) {
                assertClose(e, a, header, c, 1e-9);
            }
            segE[i] = Integer.parseInt(e.get(1));
            segA[i] = Integer.parseInt(a.get(1));
        }
        double ari = ClusterQuality.adjustedRandIndex(segE, segA);
        System.err.printf("Online Retail, launcher run --single-csv against the single JVM (both chose %s, dropout "
                + "weight %s; largest relative difference of a lifetimeValue figure %s): %d customers, adjusted Rand "
                + "index of the segments %s; Spark timings %s%n", model, weight, largest[0], n, ari,
                spark.get("timingsMillis"));
        assertTrue(ari >= 0.95, "adjusted Rand index " + ari);

        // segments.csv: the single JVM's columns; a segment with the single JVM's members and id has its item
        // columns and descriptions exactly, and its value at risk to 1e-6 relative (the members' P(churn) agree to
        // 1e-6 relative, CLV to 1e-9)
        List<String> expectedSegments = Files.readAllLines(singleOut.resolve("segments.csv"));
        List<String> actualSegments = Files.readAllLines(sparkOut.resolve("segments.csv"));
        assertEquals(expectedSegments.get(0), actualSegments.get(0));
        assertEquals(expectedSegments.size(), actualSegments.size());
        List<String> segmentHeader = fields(expectedSegments.get(0));
        boolean[] differs = new boolean[expectedSegments.size() - 1];
        for (int i = 0; i < n; i++) {
            if (segE[i] != segA[i]) {
                differs[segE[i]] = true;
                differs[segA[i]] = true;
            }
        }
        int compared = 0;
        for (int s = 0; s < differs.length; s++) {
            if (differs[s]) {
                continue;
            }
            List<String> e = fields(expectedSegments.get(s + 1));
            List<String> a = fields(actualSegments.get(s + 1));
            for (String c : List.of("segment", "size", "top_items", "distinctive_items", "top_item_descriptions",
                    "distinctive_item_descriptions")) {
                int j = segmentHeader.indexOf(c);
                assertEquals(e.get(j), a.get(j), "segment " + s + " " + c);
            }
            assertClose(e, a, segmentHeader, "value_at_risk", 1e-6);
            compared++;
        }
        assertTrue(compared > 0, "no segment with the single JVM's members");
    }

    /** Equal JSON trees, with non-integral numbers within 1e-9 relative (the largest difference in max[0]). */
    /**
     * Online Retail (shared data): a bundle saved by the single-JVM {@code run} on the lines before September scores
     * the whole file with the launcher's {@code score} as with the single JVM's: the same lines read (the preset's
     * run rules: exact duplicates dropped, cancellations netted; read without them, 11 customers whose orders were
     * all cancelled would be scored too), the same {@code customers.csv}, {@code drift}, {@code movement} and
     * {@code warnings} (the customers new since the fit, unknown to its recommender).
     */
    @Test
    void scoreOfASingleJvmBundleOnOnlineRetailIsTheSingleJvmsScore(@TempDir Path dir) throws Exception {
        Path data = SharedData.file("online-retail/online_retail.csv.gz");
        Path august = dir.resolve("through-august.csv");
        Pattern date = Pattern.compile(",(\\d{4}-\\d{2}-\\d{2}) \\d{2}:\\d{2}:\\d{2},");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(data)), StandardCharsets.UTF_8));
                BufferedWriter out = Files.newBufferedWriter(august)) {
            out.write(in.readLine());
            out.newLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                Matcher m = date.matcher(line);
                assertTrue(m.find(), line);
                if (m.group(1).compareTo("2011-09-01") < 0) {
                    out.write(line);
                    out.newLine();
                }
            }
        }
        Path models = dir.resolve("models.json");
        StringWriter err = new StringWriter();
        assertEquals(0, SegmentationCli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "run", "--input", august.toString(), "--preset", "online-retail", "--k", "4", "--n-init", "2",
                "--out-dir", dir.resolve("run").toString(), "--save-models", models.toString()), err.toString());
        String[] score = {"score", "--model-file", models.toString(), "--input", data.toString(), "--preset",
            "online-retail", "--as-of", "2011-12-09"};
        StringWriter singleJson = new StringWriter();
        Path singleOut = dir.resolve("single");
        assertEquals(0, SegmentationCli.run(new PrintWriter(singleJson, true), new PrintWriter(err, true),
                concat(score, "--out-dir", singleOut.toString())), err.toString());
        Path sparkOut = dir.resolve("spark");
        Run r = launch(dir, concat(score, "--out-dir", sparkOut.toString(), "--single-csv"));
        assertEquals(0, r.code(), r.err());
        JsonNode single = new ObjectMapper().readTree(singleJson.toString());
        JsonNode spark = new ObjectMapper().readTree(r.out());
        assertEquals(single.get("customers"), spark.get("customers"));
        assertEquals(single.get("drift"), spark.get("drift"));
        assertEquals(single.get("movement"), spark.get("movement"));
        assertTrue(spark.get("movement").get("moved").asLong() > 0, r.out());
        assertEquals(single.get("warnings"), spark.get("warnings"));
        assertTrue(spark.get("warnings").toString().contains("customers unknown to the bundle's recommender"),
                r.out());
        List<String> expected = Files.readAllLines(singleOut.resolve("customers.csv"));
        List<String> actual = Files.readAllLines(sparkOut.resolve("customers.csv"));
        assertEquals(expected.get(0), actual.get(0));
        assertEquals(new HashSet<>(expected), new HashSet<>(actual));
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static void assertSameJson(JsonNode expected, JsonNode actual, String where, double[] max) {
        assertEquals(expected.getNodeType(), actual.getNodeType(), where);
        if (expected.isObject()) {
            List<String> e = new ArrayList<>();
            expected.fieldNames().forEachRemaining(e::add);
            List<String> a = new ArrayList<>();
            actual.fieldNames().forEachRemaining(a::add);
            assertEquals(e, a, where);
            for (String f : e) {
                assertSameJson(expected.get(f), actual.get(f), where + "." + f, max);
            }
        } else if (expected.isArray()) {
            assertEquals(expected.size(), actual.size(), where);
            for (int i = 0; i < expected.size(); i++) {
                assertSameJson(expected.get(i), actual.get(i), where + "[" + i + "]", max);
            }
        } else if (expected.isFloatingPointNumber() && actual.isFloatingPointNumber()) {
            double e = expected.asDouble();
            double a = actual.asDouble();
            double diff = Math.abs(e - a) / Math.max(Math.abs(e), Double.MIN_NORMAL);
            assertTrue(diff <= 1e-9, where + ": expected " + e + ", found " + a);
            max[0] = Math.max(max[0], diff);
        } else {
            assertEquals(expected, actual, where);
        }
    }

    private static void assertClose(List<String> expected, List<String> actual, List<String> header, String column,
            double relative) {
        int j = header.indexOf(column);
        double e = Double.parseDouble(expected.get(j));
        double a = Double.parseDouble(actual.get(j));
        assertTrue(Math.abs(e - a) <= relative * Math.max(Math.abs(e), Double.MIN_NORMAL),
                expected.get(0) + " " + column + ": expected " + e + ", found " + a);
    }

    /** The fields of one CSV line, read by FastCSV (the library's CSV reader), as the files were written. */
    private static List<String> fields(String line) {
        return CsvReader.builder().ofCsvRecord(line).stream().findFirst().orElseThrow().getFields();
    }

    /**
     * {@code run --algorithm gmm}: the launcher's run and the single-JVM run (in this JVM) on the same simulated
     * customers give every customer the same segment: adjusted Rand index 1 (ids may differ only by the value
     * order, which reads CLV, and the two fit the transaction model differently).
     */
    @Test
    void runWithGmmAgreesWithTheSingleJvmPerCustomer(@TempDir Path dir) throws Exception {
        Path sparkOut = dir.resolve("spark");
        Run r = launch(dir, "run", "--customers", "400", "--seed", "7", "--k", "3", "--algorithm", "gmm",
                "--covariance", "diag", "--n-init", "2", "--out-dir", sparkOut.toString(), "--single-csv");
        assertEquals(0, r.code(), r.err());
        Path singleOut = dir.resolve("single");
        StringWriter singleErr = new StringWriter();
        int code = SegmentationCli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(singleErr, true),
                "run", "--customers", "400", "--seed", "7", "--k", "3", "--algorithm", "gmm", "--covariance", "diag",
                "--n-init", "2", "--recommender", "popularity", "--out-dir", singleOut.toString());
        assertEquals(0, code, singleErr.toString());
        Map<String, Integer> sparkSegment = new HashMap<>();
        List<String> sparkLines = Files.readAllLines(sparkOut.resolve("customers.csv"));
        for (String line : sparkLines.subList(1, sparkLines.size())) {
            List<String> f = fields(line);
            sparkSegment.put(f.get(0), Integer.parseInt(f.get(1)));
        }
        List<String> singleLines = Files.readAllLines(singleOut.resolve("customers.csv"));
        int n = singleLines.size() - 1;
        assertEquals(n, sparkSegment.size());
        int[] single = new int[n];
        int[] spark = new int[n];
        for (int i = 0; i < n; i++) {
            List<String> f = fields(singleLines.get(i + 1));
            single[i] = Integer.parseInt(f.get(1));
            spark[i] = sparkSegment.get(f.get(0));
        }
        assertEquals(1.0, ClusterQuality.adjustedRandIndex(single, spark));
    }

    @Test
    void runOnTheSimulatorWritesTheCustomersAndPrintsJson(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Run r = launch(dir, "run", "--customers", "300", "--seed", "4", "--k", "3", "--out-dir", out.toString(),
                "--single-csv", "--save-models", dir.resolve("models.json").toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains(" INFO "), r.err());
        // nor Spark's notes for its developers (a truncated plan string, an unpersisted checkpointed RDD)
        assertFalse(r.err().contains(" WARN "), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        TransactionLog log = RetailSimulator.builder().customers(300).seed(4).build().generate().log();
        assertEquals(log.activeCustomerCount(), json.get("customers").asInt());
        assertEquals(3, json.get("segments").size());
        List<String> lines = Files.readAllLines(out.resolve("customers.csv"));
        assertEquals(dev.segmentation.pipeline.SegmentationResult.CUSTOMER_COLUMNS, List.of(lines.get(0).split(",")));
        assertEquals(log.activeCustomerCount() + 1, lines.size());
        assertTrue(Files.isDirectory(out.resolve("customers")));
        assertTrue(Files.exists(out.resolve("segments.csv")));
        assertTrue(Files.exists(dir.resolve("models.json")));

        // the top items are the single-JVM run's (item kNN, 50 neighbours, top 10): the Spark run numbers the
        // simulator's items in its catalogue order, as the single JVM's log does
        Path singleOut = dir.resolve("single");
        StringWriter singleErr = new StringWriter();
        assertEquals(0, SegmentationCli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(singleErr, true),
                "run", "--customers", "300", "--seed", "4", "--k", "3", "--out-dir", singleOut.toString()),
                singleErr.toString());
        Map<String, String> expected = new HashMap<>();
        List<String> single = Files.readAllLines(singleOut.resolve("customers.csv"));
        int top = fields(single.get(0)).indexOf("top_items");
        for (String line : single.subList(1, single.size())) {
            expected.put(fields(line).get(0), fields(line).get(top));
        }
        assertEquals(expected.size(), lines.size() - 1);
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = fields(line);
            assertFalse(f.get(top).isEmpty(), f.get(0));
            assertEquals(expected.get(f.get(0)), f.get(top), f.get(0));
        }
    }
}
