package dev.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segmentation.clv.BgNbdModel;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.persist.ModelJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recommend items} (issue 16): top-N per customer with codes, descriptions and reasons. */
class RecommendItemsCommandTest {
    private static final DateTimeFormatter UCI = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir
    static Path dir;
    private static Path file;
    private static Path other;
    private static TransactionLog log;
    /** customer id -> items bought. */
    private static final Map<String, Set<String>> BOUGHT = new HashMap<>();

    @BeforeAll
    static void writeFile() throws IOException {
        log = RetailSimulator.builder().customers(300).seed(5).build().generate().log();
        List<String> a = new ArrayList<>();
        a.add("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country");
        for (int r = 0; r < log.size(); r++) {
            String item = log.itemId(log.item(r));
            String customer = log.customerId(log.customer(r));
            BOUGHT.computeIfAbsent(customer, c -> new HashSet<>()).add(item);
            a.add(String.join(",", log.invoiceId(log.invoice(r)), item, "THING " + item,
                    Long.toString(Math.round(log.quantity(r))),
                    UCI.format(log.dateTime(r).truncatedTo(ChronoUnit.SECONDS)),
                    Double.toString(Math.round(100 * log.amount(r) / log.quantity(r)) / 100.0), customer, "UK"));
        }
        file = dir.resolve("retail.csv");
        Files.write(file, a, StandardCharsets.UTF_8);
        other = dir.resolve("fewer.csv");
        Files.write(other, a.subList(0, a.size() / 2), StandardCharsets.UTF_8);
    }

    private static String id(int c) {
        return log.customerId(c);
    }

    @Test
    void topNWithCodesDescriptionsAndReasons() throws IOException {
        Path out = dir.resolve("recs.csv");
        CliRun r = CliRun.of("recommend", "items", "--input", file.toString(), "--preset", "online-retail",
                "--customers", id(0) + "," + id(1), "--k", "3", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals(2, j.get("customers").asInt());
        assertEquals(3, j.get("k").asInt());
        assertEquals("itemknn", j.get("model").asText());
        assertEquals(0, j.get("warnings").size());
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals("customer_id,rank,item_id,description,reason", lines.get(0));
        assertEquals(7, lines.size());
        for (int q = 1; q < lines.size(); q++) {
            String[] f = lines.get(q).split(",", 5);
            String customer = q <= 3 ? id(0) : id(1);
            assertEquals(customer, f[0]);
            assertEquals(Integer.toString((q - 1) % 3 + 1), f[1]);
            assertEquals("THING " + f[2], f[3]);
            assertFalse(BOUGHT.get(customer).contains(f[2]), "already bought: " + lines.get(q));
            assertTrue(f[4].startsWith("\"similar to ") || f[4].startsWith("similar to ") || f[4].equals("popular"),
                    lines.get(q));
        }
    }

    @Test
    void aSavedBundleGivesTheSameListsAndSegmentsComeByName() throws IOException {
        Path runDir = dir.resolve("run");
        Path bundle = dir.resolve("models.json");
        CliRun run = CliRun.of("run", "--input", file.toString(), "--preset", "online-retail", "--k", "3",
                "--save-models", bundle.toString(), "--out-dir", runDir.toString());
        assertEquals(0, run.code(), run.err());
        Path fitted = dir.resolve("fitted.csv");
        Path saved = dir.resolve("saved.csv");
        String who = id(2) + "," + id(3) + "," + id(4);
        CliRun a = CliRun.of("recommend", "items", "--input", file.toString(), "--preset", "online-retail",
                "--customers", who, "--k", "5", "--out", fitted.toString());
        assertEquals(0, a.code(), a.err());
        CliRun b = CliRun.of("recommend", "items", "--input", file.toString(), "--preset", "online-retail",
                "--customers", who, "--k", "5", "--model-file", bundle.toString(), "--out", saved.toString());
        assertEquals(0, b.code(), b.err());
        assertEquals("itemknn", b.json().get("model").asText());
        assertEquals(Files.readAllLines(fitted), Files.readAllLines(saved));

        Path customersCsv = runDir.resolve("customers.csv");
        List<String> rows = Files.readAllLines(customersCsv, StandardCharsets.UTF_8);
        String[] first = rows.get(1).split(",", -1);
        long members = rows.stream().skip(1).filter(l -> l.split(",", -1)[1].equals(first[1])).count();
        Path seg = dir.resolve("segment.csv");
        CliRun s = CliRun.of("recommend", "items", "--input", file.toString(), "--preset", "online-retail",
                "--segment", first[2], "--segments-file", customersCsv.toString(), "--k", "2", "--out",
                seg.toString());
        assertEquals(0, s.code(), s.err());
        assertEquals(members, s.json().get("customers").asLong());
        assertEquals(2 * members + 1, Files.readAllLines(seg).size());

        CliRun unknown = CliRun.of("recommend", "items", "--input", file.toString(), "--preset", "online-retail",
                "--segment", "VIP", "--segments-file", customersCsv.toString(), "--out",
                dir.resolve("vip.csv").toString());
        assertEquals(1, unknown.code());
        Set<String> ids = new java.util.TreeSet<>();
        Set<String> names = new java.util.TreeSet<>();
        for (String l : rows.subList(1, rows.size())) {
            String[] f = l.split(",", -1);
            ids.add(f[1]);
            names.add(f[2]);
        }
        assertEquals("error: --segment must be one of the ids " + ids + " or the names " + names + " of "
                + customersCsv + ", found \"VIP\"\n", unknown.err());
        assertFalse(Files.exists(dir.resolve("vip.csv")));

        CliRun mismatch = CliRun.of("recommend", "items", "--input", other.toString(), "--preset", "online-retail",
                "--customers", id(0), "--model-file", bundle.toString(), "--out", dir.resolve("m.csv").toString());
        assertEquals(1, mismatch.code());
        assertTrue(mismatch.err().startsWith("error: " + bundle + ": the recommender must have been fitted on the "
                + "lines of " + other + ", found "), mismatch.err());
    }

    @Test
    void badInputHasExactMessages() throws IOException {
        CliRun r = CliRun.of("recommend", "items", "--input", file.toString(), "--preset", "online-retail",
                "--customers", id(0) + ",NOBODY", "--out", dir.resolve("x.csv").toString());
        assertEquals(1, r.code());
        assertEquals("error: --customers must name customers of " + file + ", found \"NOBODY\"\n", r.err());
        assertFalse(Files.exists(dir.resolve("x.csv")));

        Path notBundle = dir.resolve("bgnbd.json");
        ModelJson.write(BgNbdModel.of(0.24, 4.4, 0.79, 2.4, Duration.ofDays(7)), notBundle);
        r = CliRun.of("recommend", "items", "--input", file.toString(), "--preset", "online-retail", "--customers",
                id(0), "--model-file", notBundle.toString(), "--out", dir.resolve("x.csv").toString());
        assertEquals(1, r.code());
        assertEquals("error: " + notBundle + ": $.type must name a ModelBundle, found \"bgnbd\"\n", r.err());

        r = CliRun.of("recommend", "items", "--input", file.toString(), "--preset", "online-retail", "--customers",
                id(0), "--segment", "1", "--out", dir.resolve("x.csv").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: give exactly one of --customers, --customers-file or --segment, "
                + "found 2\n"), r.err());

        r = CliRun.of("recommend", "items", "--input", file.toString(), "--customer", "CustomerID", "--date",
                "InvoiceDate", "--amount", "UnitPrice", "--date-format", "yyyy-MM-dd HH:mm:ss", "--customers", id(0),
                "--out", dir.resolve("x.csv").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: recommend items needs an item column: give --item COLUMN or a preset "
                + "with items\n"), r.err());
    }
    @Test
    void aListThatRunsShortIsAWarning() throws IOException {
        Set<String> items = new HashSet<>();
        BOUGHT.values().forEach(items::addAll);
        Path out = dir.resolve("long.csv");
        CliRun r = CliRun.of("recommend", "items", "--input", file.toString(), "--preset", "online-retail",
                "--customers", id(0), "--k", "5000", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String warning = "1 customers got fewer than 5000 items: they bought most of the " + items.size()
                + " items bought in retail.csv";
        assertEquals("warning: " + warning + "\n", r.err());
        assertEquals("[\"" + warning + "\"]", r.json().get("warnings").toString());
        assertEquals(items.size() - BOUGHT.get(id(0)).size(), r.json().get("rows").asInt());
        assertEquals(items.size() - BOUGHT.get(id(0)).size() + 1, Files.readAllLines(out).size());
    }
}
