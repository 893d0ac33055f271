package dev.segmentation.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.BgNbdModel;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.features.PurchasePeriod;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster command line in this JVM ({@code --master local[2]}): bad input, and clv fit against the single JVM. */
class MainTest {
    @TempDir
    static Path dir;
    private static Path parquet;

    /** The outcome of one command: exit code, stdout, stderr. */
    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--master";
        all[args.length + 1] = "local[2]";
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void simulate() {
        parquet = dir.resolve("sim");
        Result r = run("simulate", "--customers", "300", "--seed", "3", "--partitions", "3", "--out",
                parquet.toString());
        assertEquals(0, r.code(), r.err());
    }

    @AfterAll
    static void stop() {
        SparkSession.builder().getOrCreate().stop();
    }

    @Test
    void simulateWritesTheSimulatorsRowsAndPrintsJson() throws Exception {
        JsonNode json = new ObjectMapper().readTree(run("simulate", "--customers", "300", "--seed", "3", "--out",
                dir.resolve("again").toString()).out());
        assertEquals(300, json.get("customers").asInt());
        assertEquals(RetailSimulator.builder().customers(300).seed(3).build().generate().log().size(),
                json.get("rows").asLong());
    }

    /** The out-of-memory line names the heap and both ways to give more. */
    @Test
    void outOfMemoryLineSaysTheHeapAndWhatToDo() {
        assertEquals("error: out of memory: the data do not fit in the Java heap of 4096 MB; run with a larger heap, "
                + "e.g. JAVA_OPTS=-Xmx16g segmentation-spark ... (spark-submit: --driver-memory and --executor-memory)",
                Main.outOfMemory(4L << 30));
    }

    /**
     * An error is out of memory when an {@link OutOfMemoryError} is among its causes or a failed job's message
     * names one (Spark's text for a lost task); other errors are not.
     */
    @Test
    void outOfMemoryIsFoundInTheCausesOrInAJobsMessage() {
        assertTrue(Main.outOfMemory(new IllegalStateException("wrapped", new OutOfMemoryError("Java heap space"))));
        assertTrue(Main.outOfMemory(new org.apache.spark.SparkException("Job aborted due to stage failure: Task 0 in "
                + "stage 0.0 failed 1 times, most recent failure: Lost task 0.0 in stage 0.0 (TID 0) (localhost "
                + "executor driver): java.lang.OutOfMemoryError: Java heap space\n\tat x.y(Z.java:1)")));
        assertFalse(Main.outOfMemory(new org.apache.spark.SparkException("Job aborted due to stage failure: "
                + "java.lang.IllegalStateException: other")));
        assertFalse(Main.outOfMemory(new IllegalStateException((String) null)));
    }

    /** The launcher's handler for a thread that ends on an error other than out of memory: one line, no trace. */
    @Test
    void aThreadEndingOnAnErrorIsOneLine() {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            Main.uncaught(new Thread(() -> { }, "cleaner"), new IllegalStateException("broken\n\tat x.y(Z.java:1)"));
        } finally {
            System.setErr(saved);
        }
        assertEquals("warning: thread \"cleaner\" ended: broken" + System.lineSeparator(),
                bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void anInputThatDoesNotExistIsOneLineAndExitOne() {
        Path missing = dir.resolve("nothing-here");
        Result r = run("summary", "--input", missing.toString(), "--customer", "c", "--date", "d", "--amount", "a",
                "--end", "2024-12-31", "--out", dir.resolve("s.csv").toString());
        assertEquals(1, r.code());
        assertEquals("error: nothing-here: file not found: " + missing + System.lineSeparator(), r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(dir.resolve("s.csv")));
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        Result r = run("summary", "--input", parquet.toString(), "--format", "avro", "--customer", "c", "--date",
                "d", "--amount", "a", "--end", "2024-12-31", "--out", dir.resolve("s.csv").toString());
        assertEquals(2, r.code());
        assertEquals("error: --format must be csv or parquet, found \"avro\"" + System.lineSeparator(), r.err());
    }

    @Test
    void parquetWithoutTheMappedColumnsIsOneLineAndExitOne() {
        Result r = run("summary", "--input", parquet.toString(), "--format", "parquet", "--customer", "CustomerID",
                "--date", "date", "--amount", "amount", "--end", "2024-12-31", "--out",
                dir.resolve("s.csv").toString());
        assertEquals(1, r.code());
        assertEquals("error: " + parquet + ": columns must contain the customer column \"CustomerID\", found "
                + "[customer_id, invoice, item, date, quantity, amount, channel, category]"
                + System.lineSeparator(), r.err());
        assertFalse(Files.exists(dir.resolve("s.csv")));
    }

    @Test
    void summaryAndClvFitEqualTheSingleJvmOnTheSimulatedLines() throws Exception {
        Path csv = dir.resolve("summary.csv");
        Result s = run("summary", "--input", parquet.toString(), "--format", "parquet", "--customer", "customer_id",
                "--date", "date", "--amount", "amount", "--quantity", "quantity", "--invoice", "invoice", "--item",
                "item", "--end", "2024-12-31", "--period", "week", "--out", csv.toString());
        assertEquals(0, s.code(), s.err());
        BtydSummary single = BtydSummarizer.builder().end(LocalDate.of(2024, 12, 31)).period(PurchasePeriod.WEEK)
                .unit(PurchasePeriod.WEEK.length()).build()
                .summarize(RetailSimulator.builder().customers(300).seed(3).build().generate().log());
        Path expected = dir.resolve("expected.csv");
        single.writeCsv(expected);
        assertEquals(Files.readString(expected), Files.readString(csv));

        Result f = run("clv", "fit", "--model", "bgnbd", "--summary", csv.toString());
        assertEquals(0, f.code(), f.err());
        JsonNode json = new ObjectMapper().readTree(f.out());
        BgNbdModel model = BgNbd.builder().build().fit(single);
        assertEquals("bgnbd", json.get("model").asText());
        for (String p : new String[] {"r", "alpha", "a", "b"}) {
            double want = model.params().get(p);
            assertEquals(want, json.get("params").get(p).asDouble(), 1e-9 * Math.abs(want), p);
        }
        assertEquals(model.logLikelihood(), json.get("logLikelihood").asDouble(),
                1e-9 * Math.abs(model.logLikelihood()));
        assertEquals(300, json.get("customers").asInt());
        assertEquals("week", json.get("unit").asText());
        assertTrue(json.get("converged").asBoolean());
    }

    @Test
    void clvFitRefusesAMissingSummaryWithTheSingleJvmLine() {
        Path missing = dir.resolve("no-summary.csv");
        Result r = run("clv", "fit", "--model", "bgnbd", "--summary", missing.toString());
        assertEquals(1, r.code());
        assertEquals("error: cannot read " + missing + ": no such file" + System.lineSeparator(), r.err());
        Path noDir = dir.resolve("no-dir").resolve("s.csv");
        r = run("clv", "fit", "--model", "bgnbd", "--summary", noDir.toString());
        assertEquals(1, r.code());
        assertEquals("error: cannot read " + noDir + ": no such directory " + noDir.getParent()
                + System.lineSeparator(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void clvFitRefusesAnUnknownModelAndAMissingColumn() {
        Result r = run("clv", "fit", "--model", "gamma", "--summary", "x.csv");
        assertEquals(2, r.code());
        assertEquals("error: --model must be one of bgnbd, mbgnbd, paretonbd, found gamma" + System.lineSeparator(),
                r.err());
    }
}
