package dev.segmentation.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.PurchasePeriod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script end to end, after {@code package} (a surefire run bound to integration-test): it finds
 * the jar and the classpath file, runs {@code simulate} and {@code summary} in {@code local[2]}, prints only
 * JSON on stdout and no INFO line on stderr, and the summary equals the single-JVM one byte for byte.
 */
class SparkLauncherIT {
    private static final Path LAUNCHER = Path.of("bin", "segmentation-spark");

    /** Exit code, stdout and stderr of one launcher run. */
    private record Run(int code, String out, String err) {
    }

    private static Run launch(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("bash");
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the launcher finished within 5 minutes");
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

    @Test
    void aMissingInputExitsOneWithOneLine(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.csv");
        Run r = launch(dir, "summary", "--input", missing.toString(), "--preset", "online-retail", "--end",
                "2011-12-09", "--out", dir.resolve("s.csv").toString());
        assertEquals(1, r.code());
        assertEquals("error: missing.csv: file not found: " + missing + "\n", r.err());
    }

    @Test
    void runOnTheSimulatorWritesTheCustomersAndPrintsJson(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Run r = launch(dir, "run", "--customers", "300", "--seed", "4", "--k", "3", "--out-dir", out.toString(),
                "--single-csv", "--save-models", dir.resolve("models.json").toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains(" INFO "), r.err());
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
    }
}
