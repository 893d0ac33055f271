package dev.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.segmentation.data.CsvPreset;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} with the column options of {@code ingest} (issue 16): the same lines under other headers, another
 * date format and the cleaning switches give exactly the preset run's customers and values.
 */
class RunColumnMappingTest {
    private static final DateTimeFormatter UCI = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    @TempDir
    static Path dir;
    private static Path uci;
    private static Path other;

    /**
     * Writes the simulator's lines for 400 customers twice: as an Online Retail file (the preset's headers and
     * date format) and as {@code order_id,customer,order_date,sku,qty,price,channel} with dd/MM/yyyy HH:mm dates,
     * plus the same dirty lines in both (a cancellation, a line without customer, a zero price).
     */
    @BeforeAll
    static void writeFiles() throws IOException {
        TransactionLog log = RetailSimulator.builder().customers(400).seed(11).build().generate().log();
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        a.add("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country");
        b.add("order_id,customer,order_date,sku,qty,price,channel");
        for (int r = 0; r < log.size(); r++) {
            LocalDateTime t = log.dateTime(r).truncatedTo(ChronoUnit.MINUTES);
            String invoice = log.invoiceId(log.invoice(r));
            String item = log.itemId(log.item(r));
            String qty = Long.toString(Math.round(log.quantity(r)));
            String price = Double.toString(Math.round(100 * log.amount(r) / log.quantity(r)) / 100.0);
            String customer = log.customerId(log.customer(r));
            a.add(String.join(",", invoice, item, "thing", qty, UCI.format(t), price, customer, "United Kingdom"));
            b.add(String.join(",", invoice, customer, DMY.format(t), item, qty, price, r % 2 == 0 ? "web" : "shop"));
        }
        LocalDateTime t = log.dateTime(0).truncatedTo(ChronoUnit.MINUTES);
        String c = log.customerId(log.customer(0));
        String[][] dirty = {{"C900001", "I1", "-2", "3.5", c}, {"900002", "I1", "1", "3.5", ""},
            {"900003", "I1", "1", "0", c}};
        for (String[] d : dirty) {
            a.add(String.join(",", d[0], d[1], "thing", d[2], UCI.format(t), d[3], d[4], "United Kingdom"));
            b.add(String.join(",", d[0], d[4], DMY.format(t), d[1], d[2], d[3], "web"));
        }
        uci = dir.resolve("uci.csv");
        other = dir.resolve("orders.csv");
        Files.write(uci, a, StandardCharsets.UTF_8);
        Files.write(other, b, StandardCharsets.UTF_8);
    }

    private static CliRun mapped(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--input", other.toString(), "--customer", "customer",
                "--date", "order_date", "--unit-price", "price", "--quantity", "qty", "--item", "sku", "--invoice",
                "order_id", "--date-format", "dd/MM/yyyy HH:mm", "--drop-missing-customer", "--drop-cancellations",
                "--drop-non-positive-quantity", "--drop-non-positive-price", "--k", "3", "--top-n", "3",
                "--out-dir", out.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(new String[0]));
    }

    @Test
    void otherHeadersGiveThePresetRunsCustomersAndValues() throws IOException {
        Path p = dir.resolve("preset");
        Path m = dir.resolve("mapped");
        CliRun preset = CliRun.of("run", "--input", uci.toString(), "--preset", "online-retail",
                "--no-drop-duplicates", "--no-net-cancellations", "--k", "3",
                "--top-n", "3", "--out-dir", p.toString());
        assertEquals(0, preset.code(), preset.err());
        CliRun mapped = mapped(m);
        assertEquals(0, mapped.code(), mapped.err());
        JsonNode pj = preset.json();
        JsonNode mj = mapped.json();
        assertEquals(pj.get("customers").asInt(), mj.get("customers").asInt());
        assertEquals(pj.get("transactions").asInt(), mj.get("transactions").asInt());
        // the rewritten file has no description column: descriptions are the one thing the mapped run cannot know
        assertEquals(withoutDescriptions(pj.get("segments")), withoutDescriptions(mj.get("segments")));
        assertTrue(mj.get("segments").get(0).get("itemDescriptions").isEmpty());
        List<String> pc = Files.readAllLines(p.resolve("customers.csv"), StandardCharsets.UTF_8);
        assertTrue(pc.size() > 300, "customers " + pc.size());
        // the preset's CSVs also have the description columns (issue 15), the mapped run's cannot
        assertEquals(withoutDescriptionColumns(p.resolve("customers.csv")),
                Files.readAllLines(m.resolve("customers.csv"), StandardCharsets.UTF_8));
        assertEquals(withoutDescriptionColumns(p.resolve("segments.csv")),
                Files.readAllLines(m.resolve("segments.csv"), StandardCharsets.UTF_8));
        assertEquals(0, mj.get("warnings").size(), mj.toString());
    }

    /**
     * The must-show on real data: Online Retail rewritten as {@code order_id,customer,order_date,sku,qty,price,
     * channel} with dd/MM/yyyy HH:mm dates (its times are whole minutes), read with the column options and the
     * preset's cleaning switches, gives the preset run's customers.csv and segments.csv exactly.
     */
    @Test
    void onlineRetailWithOtherHeadersEqualsThePresetRun() throws IOException {
        Path file = SharedData.file("online-retail/online_retail.csv.gz");
        Path rewritten = dir.resolve("online-retail-orders.csv");
        DateTimeFormatter uci = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        java.util.TreeSet<String> nonProduct = new java.util.TreeSet<>(CsvPreset.ONLINE_RETAIL_NON_PRODUCT_CODES);
        try (var in = new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8);
                CsvReader<NamedCsvRecord> r = CsvReader.builder().ofNamedCsvRecord(in);
                CsvWriter w = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(rewritten,
                        StandardCharsets.UTF_8)) {
            w.writeRecord("order_id", "customer", "order_date", "sku", "qty", "price", "channel");
            for (NamedCsvRecord rec : r) {
                String sku = rec.getField("StockCode");
                if (sku.startsWith("gift_0001_")) {
                    nonProduct.add(sku);
                }
                w.writeRecord(rec.getField("InvoiceNo"), rec.getField("CustomerID"),
                        DMY.format(LocalDateTime.parse(rec.getField("InvoiceDate"), uci)), sku,
                        rec.getField("Quantity"), rec.getField("UnitPrice"), "web");
            }
        }
        Path p = dir.resolve("retail-preset");
        Path m = dir.resolve("retail-mapped");
        CliRun preset = CliRun.of("run", "--input", file.toString(), "--preset", "online-retail",
                "--no-drop-duplicates", "--no-net-cancellations", "--k", "4",
                "--top-n", "3", "--out-dir", p.toString());
        assertEquals(0, preset.code(), preset.err());
        CliRun mapped = CliRun.of("run", "--input", rewritten.toString(), "--customer", "customer", "--date",
                "order_date", "--unit-price", "price", "--quantity", "qty", "--item", "sku", "--invoice", "order_id",
                "--date-format", "dd/MM/yyyy HH:mm", "--drop-missing-customer", "--drop-cancellations",
                "--drop-non-positive-quantity", "--drop-non-positive-price", "--non-product",
                String.join(",", nonProduct), "--k", "4", "--top-n", "3", "--out-dir", m.toString());
        assertEquals(0, mapped.code(), mapped.err());
        assertEquals(4338, mapped.json().get("customers").asInt());
        assertEquals(preset.json().get("transactions"), mapped.json().get("transactions"));
        // the preset's CSVs also have the description columns (issue 15), the rewritten file has no descriptions
        assertEquals(withoutDescriptionColumns(p.resolve("customers.csv")),
                Files.readAllLines(m.resolve("customers.csv")));
        assertEquals(withoutDescriptionColumns(p.resolve("segments.csv")), Files.readAllLines(m.resolve("segments.csv")));
    }

    @Test
    void onlyCustomerDateAndAmountAreRequiredAndSkippedStagesAreSaid() throws IOException {
        Path m = dir.resolve("minimal");
        CliRun r = CliRun.of("run", "--input", other.toString(), "--customer", "customer", "--date", "order_date",
                "--unit-price", "price", "--quantity", "qty", "--date-format", "dd/MM/yyyy HH:mm",
                "--drop-missing-customer", "--drop-non-positive-quantity", "--drop-non-positive-price", "--k", "3",
                "--out-dir", m.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: no item column: no recommendations (give --item COLUMN to get them)\n"),
                r.err());
        assertTrue(r.err().contains("warning: no invoice column: one order per customer and day\n"), r.err());
        JsonNode j = r.json();
        assertEquals("[\"no item column: no recommendations (give --item COLUMN to get them)\","
                + "\"no invoice column: one order per customer and day\"]", j.get("warnings").toString());
        List<String> lines = Files.readAllLines(m.resolve("customers.csv"), StandardCharsets.UTF_8);
        assertEquals(j.get("customers").asInt() + 1, lines.size());
        assertTrue(lines.get(1).endsWith(","), "no top items: " + lines.get(1));
        assertFalse(j.has("truth"));
    }

    @Test
    void separatorCharsetAndSkipBadRowsAreIngestsOptions() throws IOException {
        // the mapped file again, with ';' separators, in ISO-8859-1, one customer renamed with an accent, and
        // one line whose quantity is not a number
        List<String> lines = Files.readAllLines(other, StandardCharsets.UTF_8);
        String first = lines.get(1).split(",")[1];
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            out.add(line.replace(",", ";").replace(";" + first + ";", ";" + first + "\u00e9;"));
        }
        out.add(2, "900009;" + first + ";01/01/2024 10:00;I1;many;3.5;web");
        Path latin = dir.resolve("latin1.csv");
        Files.write(latin, out, StandardCharsets.ISO_8859_1);
        Path m = dir.resolve("latin");
        CliRun r = CliRun.of("run", "--input", latin.toString(), "--separator", ";", "--charset", "ISO-8859-1",
                "--skip-bad-rows", "--customer", "customer", "--date", "order_date", "--unit-price", "price",
                "--quantity", "qty", "--item", "sku", "--invoice", "order_id", "--date-format", "dd/MM/yyyy HH:mm",
                "--drop-missing-customer", "--drop-cancellations", "--drop-non-positive-quantity",
                "--drop-non-positive-price", "--k", "3", "--top-n", "3", "--out-dir", m.toString());
        assertEquals(0, r.code(), r.err());
        List<String> customers = Files.readAllLines(m.resolve("customers.csv"), StandardCharsets.UTF_8);
        assertTrue(customers.stream().anyMatch(l -> l.startsWith(first + "\u00e9,")), customers.get(1));
        Path p = dir.resolve("mapped-again");
        CliRun plain = mapped(p);
        assertEquals(0, plain.code(), plain.err());
        assertEquals(plain.json().get("customers"), r.json().get("customers"));
        assertEquals(plain.json().get("transactions"), r.json().get("transactions"));
    }

    @Test
    void aMissingHeaderIsNamedWithTheHeadersFound() {
        CliRun r = CliRun.of("run", "--input", other.toString(), "--customer", "client", "--date", "order_date",
                "--amount", "price", "--date-format", "dd/MM/yyyy HH:mm", "--out-dir", dir.resolve("x").toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().endsWith("\nerror: orders.csv: line 1: header must contain the customer column \"client\", "
                + "found [order_id, customer, order_date, sku, qty, price, channel]\n"), r.err());
        assertFalse(Files.exists(dir.resolve("x").resolve("customers.csv")));
    }

    @Test
    void columnOptionsNeedInputAndCustomersIsForTheSimulator() {
        CliRun r = CliRun.of("run", "--customer", "client", "--out-dir", dir.resolve("y").toString());
        assertEquals(2, r.code());
        assertEquals("error: --customer needs --input FILE (without --input, run uses the built-in simulator)",
                r.err().strip());
        r = CliRun.of("run", "--input", other.toString(), "--customers", "50", "--out-dir",
                dir.resolve("y").toString());
        assertEquals(2, r.code());
        assertEquals("error: --customers sizes the simulator; it cannot be combined with --input", r.err().strip());
        r = CliRun.of("run", "--input", other.toString(), "--preset", "online-retail", "--customer", "customer",
                "--out-dir", dir.resolve("y").toString());
        assertEquals(2, r.code());
        assertEquals("error: --customer cannot be combined with --preset; give a preset or the columns",
                r.err().strip());
    }

    /** The file's lines without its {@code *_descriptions} columns, written back as run writes CSV. */
    private static List<String> withoutDescriptionColumns(Path file) throws IOException {
        java.io.StringWriter text = new java.io.StringWriter();
        List<Integer> keep = null;
        try (de.siegmar.fastcsv.reader.CsvReader<de.siegmar.fastcsv.reader.CsvRecord> r =
                        de.siegmar.fastcsv.reader.CsvReader.builder().ofCsvRecord(file);
                de.siegmar.fastcsv.writer.CsvWriter w = de.siegmar.fastcsv.writer.CsvWriter.builder()
                        .lineDelimiter(de.siegmar.fastcsv.writer.LineDelimiter.LF).build(text)) {
            for (de.siegmar.fastcsv.reader.CsvRecord rec : r) {
                if (keep == null) {
                    keep = new java.util.ArrayList<>();
                    for (int i = 0; i < rec.getFieldCount(); i++) {
                        if (!rec.getField(i).endsWith("_descriptions")) {
                            keep.add(i);
                        }
                    }
                    assertTrue(keep.size() < rec.getFieldCount(), "description columns in " + file);
                }
                List<String> row = new java.util.ArrayList<>();
                for (int i : keep) {
                    row.add(rec.getField(i));
                }
                w.writeRecord(row);
            }
        }
        return List.of(text.toString().split("\n"));
    }

    private static JsonNode withoutDescriptions(JsonNode segments) {
        com.fasterxml.jackson.databind.node.ArrayNode copy = segments.deepCopy();
        copy.forEach(seg -> ((com.fasterxml.jackson.databind.node.ObjectNode) seg).remove("itemDescriptions"));
        return copy;
    }
}
