package dev.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segmentation.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCommandTest {
        @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private Path write(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void onlineRetailPresetReportsTheReferenceFigures() {
        Path file = SharedData.file("online-retail/online_retail.csv.gz");
        CliRun r = run("ingest", "--input", file.toString(), "--preset", "online-retail");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        JsonNode j = r.json();
        assertEquals(541_909, j.get("rows").asLong());
        assertEquals(397_884, j.get("kept").asLong());
        assertEquals(135_080, j.get("skipped").get("missing_customer").asLong());
        assertEquals(8_905, j.get("skipped").get("cancellation").asLong());
        assertEquals(40, j.get("skipped").get("non_positive_price").asLong());
        assertEquals(3, j.get("skipped").size());
        assertEquals(4_338, j.get("customers").asInt());
        assertEquals(3_665, j.get("items").asInt());
        assertEquals(6, j.get("nonProductItems").asInt());
        assertEquals(18_532, j.get("invoices").asInt());
        assertEquals("2010-12-01", j.get("firstDate").asText());
        assertEquals("2011-12-09", j.get("lastDate").asText());
        assertEquals("2010-12-01T08:26:00", j.get("firstDateTime").asText());
        assertEquals("2011-12-09T12:50:00", j.get("lastDateTime").asText());
        assertEquals(8_911_407.904, j.get("revenue").asDouble(), 8_911_407.904 * 1e-6);
        assertEquals("online_retail.csv.gz", j.get("input").asText());
        JsonNode first = j.get("examples").get("cancellation").get(0);
        assertEquals(143, first.get("line").asLong());
        assertEquals("InvoiceNo", first.get("column").asText());
        assertEquals("C536379", first.get("value").asText());
    }

    @Test
    void cdnowPresetReadsTheSample() {
        CliRun r = run("ingest", "--input", SharedData.file("cdnow/CDNOW_sample.txt").toString(), "--preset", "cdnow");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals(6_919, j.get("rows").asLong());
        assertEquals(6_919, j.get("kept").asLong());
        assertEquals(0, j.get("skipped").size());
        assertEquals(2_357, j.get("customers").asInt());
        assertEquals(0, j.get("items").asInt());
        assertEquals(244_091.94, j.get("revenue").asDouble(), 0.005);
        assertEquals("1997-01-01", j.get("firstDate").asText());
        assertEquals("1998-06-30", j.get("lastDate").asText());
    }

    @Test
    void explicitColumnsAndPolicySwitches() throws IOException {
        Path f = write("t.csv", "inv;sku;qty;when;price;cust\n"
                + "1;A;2;01/02/2020;1.5;c1\n"
                + "C2;A;-1;01/02/2020;1.5;c1\n"
                + "3;POST;1;02/02/2020;4;\n"
                + "4;POST;1;03/02/2020;4;c2\n");
        CliRun r = run("ingest", "--input", f.toString(), "--customer", "cust", "--date", "when", "--unit-price",
                "price", "--quantity", "qty", "--item", "sku", "--invoice", "inv", "--date-format", "dd/MM/yyyy",
                "--separator", ";", "--drop-missing-customer", "--drop-cancellations", "--non-product", "POST,DOT");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals(4, j.get("rows").asLong());
        assertEquals(2, j.get("kept").asLong());
        assertEquals(1, j.get("skipped").get("cancellation").asLong());
        assertEquals(1, j.get("skipped").get("missing_customer").asLong());
        assertEquals(2, j.get("customers").asInt());
        assertEquals(2, j.get("items").asInt());
        assertEquals(1, j.get("nonProductItems").asInt());
        assertEquals(2, j.get("invoices").asInt());
        assertEquals(7.0, j.get("revenue").asDouble());
        assertEquals("2020-02-01", j.get("firstDate").asText());
        assertEquals("2020-02-03", j.get("lastDate").asText());

        CliRun keep = run("ingest", "--input", f.toString(), "--customer", "cust", "--date", "when", "--unit-price",
                "price", "--quantity", "qty", "--date-format", "dd/MM/yyyy", "--separator", ";",
                "--no-drop-missing-customer", "--skip-bad-rows");
        assertEquals(0, keep.code(), keep.err());
        assertEquals(3, keep.json().get("kept").asLong());
        assertEquals(1, keep.json().get("skipped").get("missing_customer").asLong());
    }

    @Test
    void presetRulesCanBeSwitchedOff() throws IOException {
        Path f = write("retail.csv", "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                + "C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527.0,United Kingdom\n"
                + "536380,22961,JAM,24,2010-12-01 09:41:00,0.0,17809.0,United Kingdom\n");
        CliRun on = run("ingest", "--input", f.toString(), "--preset", "online-retail");
        assertEquals(0, on.json().get("kept").asLong());
        CliRun off = run("ingest", "--input", f.toString(), "--preset", "online-retail", "--no-drop-cancellations",
                "--no-drop-non-positive-quantity", "--no-drop-non-positive-price");
        assertEquals(0, off.code(), off.err());
        assertEquals(2, off.json().get("kept").asLong());
        assertEquals(-27.5, off.json().get("revenue").asDouble());
        assertEquals(1, off.json().get("nonProductItems").asInt());
    }

    @Test
    void badDataExitsOneWithOneLineNamingFileLineColumnAndValue() throws IOException {
        Path f = write("online_retail.csv",
                "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                        + "536365,85123A,d,6,2010-12-01 08:26:00,2.55,17850.0,UK\n"
                        + "536365,85123A,d,x,2010-12-01 08:26:00,2.55,17850.0,UK\n");
        CliRun r = run("ingest", "--input", f.toString(), "--preset", "online-retail");
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertEquals("error: online_retail.csv: line 3, column Quantity: value must be a number, found \"x\""
                + System.lineSeparator(), r.err());

        CliRun skip = run("ingest", "--input", f.toString(), "--preset", "online-retail", "--skip-bad-rows");
        assertEquals(0, skip.code(), skip.err());
        assertEquals(1, skip.json().get("skipped").get("unparseable_quantity").asLong());
        JsonNode ex = skip.json().get("examples").get("unparseable_quantity").get(0);
        assertEquals(3, ex.get("line").asLong());
        assertEquals("Quantity", ex.get("column").asText());
        assertEquals("x", ex.get("value").asText());
        assertEquals("value must be a number", ex.get("message").asText());
    }

    @Test
    void missingColumnEmptyFileAndCharsetErrorsExitOne() throws IOException {
        Path noQty = write("h.csv", "c,d\n");
        CliRun r = run("ingest", "--input", noQty.toString(), "--customer", "c", "--date", "d", "--amount", "a");
        assertEquals(1, r.code());
        assertEquals("error: h.csv: line 1: header must contain the amount column \"a\", found [c, d]"
                + System.lineSeparator(), r.err());

        CliRun empty = run("ingest", "--input", write("e.csv", "").toString(), "--customer", "c", "--date", "d",
                "--amount", "a");
        assertEquals(1, empty.code());
        assertEquals("error: e.csv: line 1: file must start with a header line, found an empty file"
                + System.lineSeparator(), empty.err());

        Path latin1 = dir.resolve("l.csv");
        Files.write(latin1, "c,d,a\nx\u00a3,2020-01-01,1\n".getBytes(StandardCharsets.ISO_8859_1));
        CliRun utf8 = run("ingest", "--input", latin1.toString(), "--customer", "c", "--date", "d", "--amount", "a");
        assertEquals(1, utf8.code());
        assertEquals("error: l.csv: line 2: bytes must be valid UTF-8, found malformed input 0xA3; read the file "
                + "with the charset it was written in" + System.lineSeparator(), utf8.err());
        CliRun iso = run("ingest", "--input", latin1.toString(), "--customer", "c", "--date", "d", "--amount", "a",
                "--charset", "ISO-8859-1");
        assertEquals(0, iso.code(), iso.err());
        assertEquals(1, iso.json().get("kept").asLong());

        CliRun missing = run("ingest", "--input", dir.resolve("nope.csv").toString(), "--preset", "online-retail");
        assertEquals(1, missing.code());
        assertTrue(missing.err().startsWith("error: nope.csv: file not found: "), missing.err());
    }

    @Test
    void usageErrorsExitTwo() {
        List<String[]> cases = List.of(
                new String[] {"ingest", "--input", "x.csv", "--preset", "retail"},
                new String[] {"ingest", "--input", "x.csv", "--preset", "cdnow", "--customer", "c"},
                new String[] {"ingest", "--input", "x.csv", "--customer", "c", "--date", "d"},
                new String[] {"ingest", "--input", "x.csv", "--customer", "c", "--date", "d", "--unit-price", "p"},
                new String[] {"ingest", "--input", "x.csv", "--customer", "c", "--date", "d", "--amount", "a",
                    "--charset", "NOPE-1"},
                new String[] {"ingest", "--input", "x.csv", "--customer", "c", "--date", "d", "--amount", "a",
                    "--drop-cancellations"},
                new String[] {"ingest", "--preset", "cdnow"});
        List<String> messages = List.of(
                "error: preset must be one of [online-retail, cdnow], found \"retail\"",
                "error: --customer cannot be combined with --preset; give a preset or the columns",
                "error: give --preset NAME, or --customer, --date and one of --amount or --unit-price",
                "error: --unit-price needs --quantity",
                "error: --charset must be a charset this Java supports, found \"NOPE-1\"",
                "error: dropCancellations requires an invoice column, found ColumnMapping{customer=c, date=d, "
                        + "amount=a}",
                "error: Missing required option: '--input=FILE'");
        for (int i = 0; i < cases.size(); i++) {
            CliRun r = run(cases.get(i));
            assertEquals(2, r.code(), String.join(" ", cases.get(i)));
            assertEquals(messages.get(i) + System.lineSeparator(), r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void helpStatesTheCharsetDefault() {
        CliRun r = run("ingest", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Charset of the file; never guessed. Default: UTF-8."), r.out());
        assertTrue(r.out().contains("--preset=NAME"), r.out());
    }
}
