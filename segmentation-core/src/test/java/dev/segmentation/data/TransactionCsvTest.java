package dev.segmentation.data;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import dev.segmentation.testing.StdoutGuard;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionCsvTest {
    private static final String RETAIL_HEADER =
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    @TempDir
    Path dir;

    private Path write(String name, String content, Charset charset) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, content.getBytes(charset));
        return f;
    }

    private Path write(String name, String content) throws IOException {
        return write(name, content, UTF_8);
    }

    private static ColumnMapping retailMapping() {
        return ColumnMapping.ofUnitPrice("CustomerID", "InvoiceDate", "UnitPrice", "Quantity").item("StockCode")
                .invoice("InvoiceNo");
    }

    private static TransactionCsv.Options.Builder retail() {
        return TransactionCsv.Options.builder(retailMapping(), UTF_8).dateFormat("yyyy-MM-dd HH:mm:ss");
    }

    private static InvalidDataException fails(Path file, TransactionCsv.Options options) {
        return assertThrows(InvalidDataException.class, () -> TransactionCsv.read(file, options));
    }

    // ---- reading -------------------------------------------------------------------------------------------

    @Test
    void readsAmountsDatesIdsAndDefaultQuantity() throws IOException {
        Path f = write("t.csv", "customer,when,total\n"
                + "c1,2015-02-06,20.5\n"
                + "c2,2015-01-01 09:30,5\n"
                + "c1,2015-02-01 08:00:15,-3.25\n");
        IngestResult r = TransactionCsv.read(f,
                TransactionCsv.Options.builder(ColumnMapping.of("customer", "when", "total"), UTF_8).build());
        TransactionLog log = r.log();
        assertEquals(3, log.size());
        assertEquals("c1", log.customerId(log.customer(0)));
        assertEquals(LocalDateTime.of(2015, 2, 6, 0, 0), log.dateTime(0));
        assertEquals(LocalDateTime.of(2015, 1, 1, 9, 30), log.dateTime(1));
        assertEquals(LocalDateTime.of(2015, 2, 1, 8, 0, 15), log.dateTime(2));
        assertEquals(20.5, log.amount(0));
        assertEquals(-3.25, log.amount(2));
        assertEquals(1.0, log.quantity(1));
        assertEquals(TransactionLog.NONE, log.item(0));
        assertEquals(TransactionLog.NONE, log.invoice(0));
        IngestReport rep = r.report();
        assertEquals(3, rep.rowsRead());
        assertEquals(3, rep.rowsKept());
        assertEquals(Map.of(), rep.skipped());
        assertEquals(2, rep.customers());
        assertEquals(0, rep.items());
        assertEquals(LocalDate.of(2015, 1, 1), rep.firstDate().orElseThrow());
        assertEquals(LocalDate.of(2015, 2, 6), rep.lastDate().orElseThrow());
        assertEquals(22.25, rep.revenue());
        assertEquals("t.csv", rep.source());
    }

    @Test
    void amountIsQuantityTimesUnitPriceAndCustomerIdsAreNormalized() throws IOException {
        Path f = write("retail.csv", RETAIL_HEADER
                + "536365,85123A,\"WHITE HANGING HEART T-LIGHT HOLDER\",6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n"
                + "536366,22633,\"RECORD FRAME 7\"\" SINGLE SIZE \",3,2010-12-01 08:28:00,1.85,17850.00,United Kingdom\n"
                + "536367,84879,\"FANCY FONT, BIRTHDAY CARD \",4,2010-12-01 08:34:00,0.1,13047.5,France\n"
                + "536368,22960,JAM,2,2010-12-01 08:34:00,4.25,1.0.0,France\n");
        TransactionLog log = TransactionCsv.read(f, retail().build()).log();
        assertEquals(4, log.size());
        assertEquals(6 * 2.55, log.amount(0));
        assertEquals(6.0, log.quantity(0));
        assertEquals("17850", log.customerId(log.customer(0)));
        assertEquals(log.customer(0), log.customer(1));
        assertEquals("13047.5", log.customerId(log.customer(2)));
        assertEquals("1.0.0", log.customerId(log.customer(3)));
        assertEquals("85123A", log.itemId(log.item(0)));
        assertEquals("536366", log.invoiceId(log.invoice(1)));

        TransactionLog verbatim = TransactionCsv.read(f, retail().normalizeCustomerIds(false).build()).log();
        assertEquals("17850.0", verbatim.customerId(verbatim.customer(0)));
        assertEquals("17850.00", verbatim.customerId(verbatim.customer(1)));
    }

    @Test
    void trimLeadingZerosOnlyTouchesAllDigitIds() throws IOException {
        Path f = write("z.csv", "c,d,a\n0001,2020-01-01,1\n000,2020-01-01,1\n0A01,2020-01-01,1\n"
                + "0017850.0,2020-01-01,1\n");
        TransactionCsv.Options.Builder b = TransactionCsv.Options.builder(ColumnMapping.of("c", "d", "a"), UTF_8);
        TransactionLog trimmed = TransactionCsv.read(f, b.trimLeadingZeros(true).build()).log();
        assertEquals(List.of("1", "0", "0A01", "17850"), ids(trimmed));
        TransactionLog kept = TransactionCsv.read(f, b.trimLeadingZeros(false).build()).log();
        assertEquals(List.of("0001", "000", "0A01", "0017850"), ids(kept));
    }

    private static List<String> ids(TransactionLog log) {
        List<String> out = new java.util.ArrayList<>();
        for (int c = 0; c < log.customerCount(); c++) {
            out.add(log.customerId(c));
        }
        return out;
    }

    @Test
    void quotedFieldsCrlfBlankLinesAndByteOrderMark() throws IOException {
        Path f = write("q.csv", "\uFEFFid;\"the date\";amt;cat\r\n"
                + "\"a;1\";20200102;\"1.5\";\"x \"\"quoted\"\"\"\r\n"
                + "\r\n"
                + "b;20200103;2;\r\n");
        TransactionCsv.Options o = TransactionCsv.Options.builder(
                        ColumnMapping.of("id", "the date", "amt").category("cat"), UTF_8)
                .separator(';').dateFormat("yyyyMMdd").build();
        IngestResult r = TransactionCsv.read(f, o);
        TransactionLog log = r.log();
        assertEquals(2, r.report().rowsRead());
        assertEquals("a;1", log.customerId(log.customer(0)));
        assertTrue(log.hasCategory());
        assertEquals("x \"quoted\"", log.categoryId(log.category(0)));
        assertEquals(TransactionLog.NONE, log.category(1));
        assertEquals(LocalDate.of(2020, 1, 3), log.date(1));
    }

    @Test
    void headerNamesReadAFileWithoutHeaderAndWhitespaceSplitsOnBlanks() throws IOException {
        Path f = write("w.txt", "  7  19970101 2   29.33\r\n\r\n8\t19970102  1 5.00\r\n");
        TransactionCsv.Options o = TransactionCsv.Options.builder(
                        ColumnMapping.of("id", "day", "dollars").quantity("cds"), UTF_8)
                .whitespaceSeparated(true).headerNames(List.of("id", "day", "cds", "dollars"))
                .dateFormat("yyyyMMdd").build();
        IngestResult r = TransactionCsv.read(f, o);
        assertEquals(2, r.report().rowsRead());
        assertEquals("8", r.log().customerId(r.log().customer(1)));
        assertEquals(2.0, r.log().quantity(0));
        assertEquals(29.33, r.log().amount(0));
        assertEquals(LocalDate.of(1997, 1, 2), r.log().date(1));
    }

    @Test
    void otherDatePatternsGoThroughDateTimeFormatter() throws IOException {
        Path f = write("k.csv", "c,d,a\nx,12/1/2010 8:26,1\ny,2/29/2012 23:05,2\n");
        TransactionLog log = TransactionCsv.read(f, TransactionCsv.Options.builder(ColumnMapping.of("c", "d", "a"),
                UTF_8).dateFormat("M/d/yyyy H:mm").build()).log();
        assertEquals(LocalDateTime.of(2010, 12, 1, 8, 26), log.dateTime(0));
        assertEquals(LocalDateTime.of(2012, 2, 29, 23, 5), log.dateTime(1));

        Path g = write("named.csv", "c,d,a\nx,01-Feb-2011,1\n");
        TransactionLog named = TransactionCsv.read(g, TransactionCsv.Options.builder(ColumnMapping.of("c", "d", "a"),
                UTF_8).dateFormat("dd-MMM-yyyy").build()).log();
        assertEquals(LocalDateTime.of(2011, 2, 1, 0, 0), named.dateTime(0));
    }

    @Test
    void gzipIsDetectedByName() throws IOException {
        Path f = dir.resolve("t.CSV.GZ");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write("c,d,a\nx,2020-01-01,1\ny,2020-01-02,2\n".getBytes(UTF_8));
        }
        IngestResult r = TransactionCsv.read(f, TransactionCsv.Options.builder(ColumnMapping.of("c", "d", "a"),
                UTF_8).build());
        assertEquals(2, r.log().size());
        assertEquals(3.0, r.report().revenue());
    }

    @Test
    void nonProductCodesStayInTheLogAndAreMarked() throws IOException {
        Path f = write("np.csv", RETAIL_HEADER
                + "1,POST,POSTAGE,1,2011-01-01 10:00:00,18.0,1.0,X\n"
                + "1,85123A,HEART,2,2011-01-01 10:00:00,2.5,1.0,X\n"
                + "2,gift_0001_20,Voucher,1,2011-01-02 10:00:00,20.0,2.0,X\n"
                + "3,gift_0002_20,Voucher,1,2011-01-02 10:00:00,20.0,2.0,X\n");
        IngestResult r = TransactionCsv.read(f, retail().nonProductItems(Set.of("POST", "DOT"))
                .nonProductItemPrefixes(List.of("gift_0001_")).build());
        TransactionLog log = r.log();
        assertEquals(4, log.size());
        assertTrue(log.isNonProduct(log.itemIndex("POST")));
        assertTrue(log.isNonProduct(log.itemIndex("gift_0001_20")));
        assertFalse(log.isNonProduct(log.itemIndex("85123A")));
        assertFalse(log.isNonProduct(log.itemIndex("gift_0002_20")));
        assertEquals(2, r.report().nonProductItems());
        assertEquals(4, r.report().items());
        assertEquals(18.0 + 5.0 + 20.0 + 20.0, r.report().revenue());
    }

    @Test
    void cleaningRulesSkipAndCountEvenUnderFailWithOneReasonPerRowInOrder() throws IOException {
        Path f = write("clean.csv", RETAIL_HEADER
                + "536365,A,d,6,2010-12-01 08:26:00,2.55,17850.0,UK\n" // kept
                + "536366,A,d,6,2010-12-01 08:26:00,2.55,,UK\n" // missing customer
                + "C536367,A,d,-6,2010-12-01 08:26:00,2.55,17850.0,UK\n" // cancellation (also negative)
                + "536368,A,d,0,2010-12-01 08:26:00,2.55,17850.0,UK\n" // non-positive quantity
                + "536369,A,d,-1,2010-12-01 08:26:00,0,17850.0,UK\n" // quantity before price
                + "536370,A,d,1,2010-12-01 08:26:00,0.0,17850.0,UK\n" // non-positive price
                + "C536371,A,d,-1,2010-12-01 08:26:00,-1,,UK\n" // missing customer first
                + "536372,B,d,2,2010-12-02 09:00:00,1.25,12347.0,UK\n"); // kept
        IngestResult r = TransactionCsv.read(f, retail().dropMissingCustomer(true).dropCancellations(true)
                .dropNonPositiveQuantity(true).dropNonPositivePrice(true).build());
        IngestReport rep = r.report();
        assertEquals(8, rep.rowsRead());
        assertEquals(2, rep.rowsKept());
        assertEquals(6, rep.skippedTotal());
        assertEquals(List.of("cancellation", "missing_customer", "non_positive_price", "non_positive_quantity"),
                List.copyOf(rep.skipped().keySet()));
        assertEquals(2, rep.skipped(IngestReport.MISSING_CUSTOMER));
        assertEquals(1, rep.skipped(IngestReport.CANCELLATION));
        assertEquals(2, rep.skipped(IngestReport.NON_POSITIVE_QUANTITY));
        assertEquals(1, rep.skipped(IngestReport.NON_POSITIVE_PRICE));
        assertEquals(0, rep.skipped(IngestReport.WRONG_FIELD_COUNT));
        assertEquals(List.of("line 3, column CustomerID: value must be non-empty, found \"\"",
                        "line 8, column CustomerID: value must be non-empty, found \"\""),
                rep.examples(IngestReport.MISSING_CUSTOMER).stream().map(Object::toString).toList());
        assertEquals("line 4, column InvoiceNo: value must not start with \"C\", found \"C536367\"",
                rep.examples(IngestReport.CANCELLATION).get(0).toString());
        assertEquals("line 6, column Quantity: value must be > 0, found \"-1\"",
                rep.examples(IngestReport.NON_POSITIVE_QUANTITY).get(1).toString());
        assertEquals("line 7, column UnitPrice: value must be > 0, found \"0.0\"",
                rep.examples(IngestReport.NON_POSITIVE_PRICE).get(0).toString());
        assertEquals(2, r.log().customerCount());
        assertEquals(2, rep.invoices());
        assertEquals(6 * 2.55 + 2 * 1.25, rep.revenue());
    }

    @Test
    void nonPositiveAmountRuleUsesTheAmountWithoutAUnitPrice() throws IOException {
        Path f = write("a.csv", "c,d,a\nx,2020-01-01,0\ny,2020-01-01,-2\nz,2020-01-01,3\n");
        IngestResult r = TransactionCsv.read(f, TransactionCsv.Options.builder(ColumnMapping.of("c", "d", "a"),
                UTF_8).dropNonPositivePrice(true).build());
        assertEquals(1, r.log().size());
        assertEquals("line 3, column a: value must be > 0, found \"-2\"",
                r.report().examples(IngestReport.NON_POSITIVE_PRICE).get(1).toString());
    }

    // ---- bad input: exact messages --------------------------------------------------------------------------

    @Test
    void missingMappedColumnNamesTheColumnAndListsTheHeader() throws IOException {
        Path f = write("online_retail.csv", "InvoiceNo,StockCode,Qty,InvoiceDate,UnitPrice,CustomerID\n");
        InvalidDataException e = fails(f, retail().build());
        assertEquals("online_retail.csv: line 1: header must contain the quantity column \"Quantity\", found "
                + "[InvoiceNo, StockCode, Qty, InvoiceDate, UnitPrice, CustomerID]", e.getMessage());
        assertEquals(1, e.row());
        assertEquals("Quantity", e.column());
    }

    @Test
    void repeatedMappedColumnInTheHeaderIsAnError() throws IOException {
        Path f = write("dup.csv", "c,d,a,c\n");
        assertEquals("dup.csv: line 1: header must name column \"c\" once, found it as fields 1 and 4",
                fails(f, TransactionCsv.Options.builder(ColumnMapping.of("c", "d", "a"), UTF_8).build())
                        .getMessage());
    }

    @Test
    void unparseableNumberNamesFileLineColumnAndValue() throws IOException {
        Path f = write("online_retail.csv", RETAIL_HEADER
                + "536365,85123A,d,6,2010-12-01 08:26:00,2.55,17850.0,UK\n"
                + "536365,85123A,d,x,2010-12-01 08:26:00,2.55,17850.0,UK\n");
        InvalidDataException e = fails(f, retail().build());
        assertEquals("online_retail.csv: line 3, column Quantity: value must be a number, found \"x\"",
                e.getMessage());
        assertEquals(3, e.row());
        assertEquals("Quantity", e.column());
    }

    @Test
    void numbersMustBeFiniteAndPlain() throws IOException {
        TransactionCsv.Options o = TransactionCsv.Options.builder(ColumnMapping.of("c", "d", "a"), UTF_8).build();
        assertEquals("n.csv: line 2, column a: value must be a finite number, found \"1e400\"",
                fails(write("n.csv", "c,d,a\nx,2020-01-01,1e400\n"), o).getMessage());
        assertEquals("n.csv: line 2, column a: value must be a number, found \"NaN\"",
                fails(write("n.csv", "c,d,a\nx,2020-01-01,NaN\n"), o).getMessage());
        assertEquals("n.csv: line 2, column a: value must be a number, found \"1,5\"",
                fails(write("n.csv", "c,d,a\nx,2020-01-01,\"1,5\"\n"), o).getMessage());
        assertEquals("n.csv: line 2, column a: value must be a number, found \"\"",
                fails(write("n.csv", "c,d,a\nx,2020-01-01,\n"), o).getMessage());
    }

    @Test
    void overflowingAmountIsABadRow() throws IOException {
        Path f = write("big.csv", "c,d,p,q\nx,2020-01-01,1e300,1e300\n");
        TransactionCsv.Options o = TransactionCsv.Options.builder(ColumnMapping.ofUnitPrice("c", "d", "p", "q"),
                UTF_8).build();
        // issue 17: the message names both factors (it blamed the unit price alone)
        assertEquals("big.csv: line 2, column q: value times p 1e300 must be a finite amount (amount = q x p), "
                + "found \"1e300\"", fails(f, o).getMessage());
    }

    @Test
    void unparseableDateNamesThePattern() throws IOException {
        Path f = write("online_retail.csv", RETAIL_HEADER
                + "536365,85123A,d,6,2010-12-01 08:26:00,2.55,17850.0,UK\n"
                + "536365,85123A,d,6,2010-12-01 8:26,2.55,17850.0,UK\n");
        assertEquals("online_retail.csv: line 3, column InvoiceDate: value must be a date in the format "
                + "yyyy-MM-dd HH:mm:ss, found \"2010-12-01 8:26\"", fails(f, retail().build()).getMessage());
    }

    @Test
    void impossibleCalendarDatesAreErrorsOnEveryPath() throws IOException {
        String[][] cases = {
            {"yyyy-MM-dd HH:mm:ss", "2011-02-29 10:00:00"},
            {"yyyy-MM-dd HH:mm:ss", "2011-04-01 24:00:00"},
            {"yyyy-MM-dd", "2011-13-01"},
            {"yyyyMMdd", "20110431"},
            {Options.DEFAULT, "2011-02-30 10:00"},
            {"d.M.yyyy", "30.2.2011"},
        };
        for (String[] c : cases) {
            Path f = write("d.csv", "c,d,a\nx," + c[1] + ",1\n");
            TransactionCsv.Options o = TransactionCsv.Options.builder(ColumnMapping.of("c", "d", "a"), UTF_8)
                    .dateFormat(c[0]).build();
            assertEquals("d.csv: line 2, column d: value must be a date in the format " + c[0] + ", found \""
                    + c[1] + "\"", fails(f, o).getMessage());
        }
    }

    @Test
    void wrongFieldCountNamesTheLineAndTheCounts() throws IOException {
        TransactionCsv.Options o = TransactionCsv.Options.builder(ColumnMapping.of("c", "d", "a"), UTF_8).build();
        assertEquals("f.csv: line 3: record must have 3 fields like the header, found 2",
                fails(write("f.csv", "c,d,a\nx,2020-01-01,1\ny,2020-01-01\n"), o).getMessage());
        assertEquals("f.csv: line 2: record must have 3 fields like the header, found 4",
                fails(write("f.csv", "c,d,a\nx,2020-01-01,1,2\n"), o).getMessage());
    }

    @Test
    void emptyFileHasNoHeader() throws IOException {
        TransactionCsv.Options o = TransactionCsv.Options.builder(ColumnMapping.of("c", "d", "a"), UTF_8).build();
        assertEquals("empty.csv: line 1: file must start with a header line, found an empty file",
                fails(write("empty.csv", ""), o).getMessage());
        assertEquals("blank.csv: line 1: file must start with a header line, found an empty file",
                fails(write("blank.csv", "\n\r\n"), o).getMessage());
    }

    @Test
    void aHeaderWithoutRowsGivesAnEmptyLog() throws IOException {
        IngestResult r = TransactionCsv.read(write("h.csv", "c,d,a\n"),
                TransactionCsv.Options.builder(ColumnMapping.of("c", "d", "a"), UTF_8).build());
        assertEquals(0, r.log().size());
        assertEquals(0, r.report().rowsRead());
        assertTrue(r.report().firstDate().isEmpty());
        assertTrue(r.report().lastDateTime().isEmpty());
    }

    @Test
    void missingCustomerIsABadRowUnlessDropped() throws IOException {
        Path f = write("m.csv", "c,d,a\nx,2020-01-01,1\n,2020-01-01,2\n");
        assertEquals("m.csv: line 3, column c: value must be non-empty, found \"\"",
                fails(f, TransactionCsv.Options.builder(ColumnMapping.of("c", "d", "a"), UTF_8).build())
                        .getMessage());
    }

    @Test
    void invalidCsvQuotingIsReportedWithTheFile() throws IOException {
        Path f = write("bad.csv", "c,d,a\n\"x\"y,2020-01-01,1\n");
        InvalidDataException e = fails(f, TransactionCsv.Options.builder(ColumnMapping.of("c", "d", "a"), UTF_8)
                .build());
        assertEquals("bad.csv: line 2: record must be valid CSV, found: Unexpected character after closing quote: "
                + "'y' (0x79)", e.getMessage());
        assertEquals(2, e.row());
    }

    @Test
    void notGzipThoughNamedGz() throws IOException {
        Path f = write("plain.csv.gz", "c,d,a\n");
        assertEquals("plain.csv.gz: file must be a complete gzip stream as its name ends in .gz, found: "
                        + "Not in GZIP format",
                fails(f, TransactionCsv.Options.builder(ColumnMapping.of("c", "d", "a"), UTF_8).build())
                        .getMessage());
    }

    @Test
    void truncatedGzip() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            StringBuilder sb = new StringBuilder("c,d,a\n");
            for (int i = 0; i < 5000; i++) {
                sb.append("customer").append(i).append(",2020-01-01,").append(i).append('\n');
            }
            out.write(sb.toString().getBytes(UTF_8));
        }
        byte[] all = bytes.toByteArray();
        Path f = dir.resolve("cut.csv.gz");
        Files.write(f, java.util.Arrays.copyOf(all, all.length / 2));
        assertEquals("cut.csv.gz: file must be a complete gzip stream as its name ends in .gz, found: "
                        + "Unexpected end of ZLIB input stream",
                fails(f, TransactionCsv.Options.builder(ColumnMapping.of("c", "d", "a"), UTF_8).build())
                        .getMessage());
    }

    @Test
    void missingFileIsAnIoError() {
        Path f = dir.resolve("nope.csv");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> TransactionCsv.read(f,
                TransactionCsv.Options.builder(ColumnMapping.of("c", "d", "a"), UTF_8).build()));
        assertEquals("nope.csv: file not found: " + f, e.getMessage());
    }

    // ---- bad rows: SKIP_AND_REPORT -------------------------------------------------------------------------

    @Test
    void skipAndReportCountsBadRowsPerReasonWithTheFirstExamples() throws IOException {
        Path f = write("mixed.csv", "c,d,p,q\n"
                + "a,2020-01-01,1.5,2\n" // 2: kept
                + "b,2020-01-01,x,2\n" // 3: unit price
                + "c,2020-13-01,1,1\n" // 4: date
                + "d,2020-01-02,1\n" // 5: field count
                + "e,2020-01-03,2,y\n" // 6: quantity
                + "f,2020-01-04,3,z\n" // 7: quantity
                + "g,2020-01-05,4,w\n" // 8: quantity, beyond maxExamples
                + ",2020-01-06,1,1\n" // 9: customer (bad row: rule off)
                + "h,nope,bad,bad\n" // 10: date wins over the numbers
                + "i,2020-01-07,1,1,1\n" // 11: field count
                + "j,2020-01-08,2,3\n"); // 12: kept
        IngestResult r = TransactionCsv.read(f, TransactionCsv.Options.builder(
                        ColumnMapping.ofUnitPrice("c", "d", "p", "q"), UTF_8)
                .badRows(BadRows.SKIP_AND_REPORT).maxExamples(2).build());
        IngestReport rep = r.report();
        assertEquals(11, rep.rowsRead());
        assertEquals(2, rep.rowsKept());
        assertEquals(Map.of("missing_customer", 1L, "unparseable_date", 2L, "unparseable_quantity", 3L,
                "unparseable_unit_price", 1L, "wrong_field_count", 2L), rep.skipped());
        assertEquals(List.of("line 6, column q: value must be a number, found \"y\"",
                        "line 7, column q: value must be a number, found \"z\""),
                rep.examples("unparseable_quantity").stream().map(Object::toString).toList());
        IngestReport.Example fc = rep.examples(IngestReport.WRONG_FIELD_COUNT).get(1);
        assertEquals(11, fc.line());
        assertTrue(fc.column().isEmpty());
        assertEquals("5", fc.value());
        assertEquals("record must have 4 fields like the header", fc.message());
        assertEquals("line 11: record must have 4 fields like the header, found 5", fc.toString());
        IngestReport.Example date = rep.examples(IngestReport.UNPARSEABLE_DATE).get(1);
        assertEquals("line 10, column d: value must be a date in the format yyyy-MM-dd[ HH:mm[:ss]], found "
                + "\"nope\"", date.toString());
        assertEquals("d", date.column().orElseThrow());
        assertEquals("nope", date.value());
        assertEquals(List.of(), rep.examples(IngestReport.CANCELLATION));
        assertEquals(3.0 + 6.0, rep.revenue());
        assertEquals(2, r.log().customerCount());
    }

    // ---- charsets ------------------------------------------------------------------------------------------

    @Test
    void poundSignReadsWithTheCharsetGiven() throws IOException {
        String text = "c,d,desc,a\n1,2011-01-01,Gift Voucher \u00a320.00,20\n";
        Path latin1 = write("latin1.csv", text, ISO_8859_1);
        Path utf8 = write("utf8.csv", text, UTF_8);
        ColumnMapping m = ColumnMapping.of("c", "d", "a").item("desc");

        TransactionLog fromLatin1 = TransactionCsv.read(latin1, TransactionCsv.Options.builder(m, ISO_8859_1)
                .build()).log();
        assertEquals("Gift Voucher \u00a320.00", fromLatin1.itemId(0));
        TransactionLog fromUtf8 = TransactionCsv.read(utf8, TransactionCsv.Options.builder(m, UTF_8).build()).log();
        assertEquals("Gift Voucher \u00a320.00", fromUtf8.itemId(0));

        // Latin-1 bytes are not UTF-8: a clear error naming the line and the byte, under either policy.
        InvalidDataException e = fails(latin1, TransactionCsv.Options.builder(m, UTF_8)
                .badRows(BadRows.SKIP_AND_REPORT).build());
        assertEquals("latin1.csv: line 2: bytes must be valid UTF-8, found malformed input 0xA3; read the file "
                + "with the charset it was written in", e.getMessage());
        assertEquals(2, e.row());
        // The charset is taken as given, never guessed: UTF-8 bytes read as Latin-1 are two characters.
        TransactionLog misread = TransactionCsv.read(utf8, TransactionCsv.Options.builder(m, ISO_8859_1).build())
                .log();
        assertEquals("Gift Voucher \u00c2\u00a320.00", misread.itemId(0));
    }

    @Test
    void malformedBytesDeepInALargeFileNameTheirLine() throws IOException {
        StringBuilder sb = new StringBuilder("c,d,a\r\n");
        for (int i = 0; i < 20_000; i++) {
            sb.append("c").append(i).append(",2020-01-01,1\r\n");
        }
        byte[] head = sb.toString().getBytes(UTF_8);
        byte[] bad = "x,2020-01-01,1\u00e9\r\n".getBytes(ISO_8859_1);
        Path f = dir.resolve("big.csv");
        Files.write(f, concat(head, bad));
        InvalidDataException e = fails(f, TransactionCsv.Options.builder(ColumnMapping.of("c", "d", "a"), UTF_8)
                .build());
        assertEquals("big.csv: line 20002: bytes must be valid UTF-8, found malformed input 0xE9; read the file "
                + "with the charset it was written in", e.getMessage());
    }

    @Test
    void malformedBytesInAGzipFileAndATruncatedSequenceAtTheEnd() throws IOException {
        Path gz = dir.resolve("l.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("c,d,a\r\nx,2020-01-01,1\ry\u00a3,2020-01-01,1\n".getBytes(ISO_8859_1));
        }
        TransactionCsv.Options o = TransactionCsv.Options.builder(ColumnMapping.of("c", "d", "a"), UTF_8).build();
        assertEquals("l.csv.gz: line 3: bytes must be valid UTF-8, found malformed input 0xA3; read the file "
                + "with the charset it was written in", fails(gz, o).getMessage());
        Path cut = dir.resolve("cut.csv");
        Files.write(cut, concat("c,d,a\nx,2020-01-01,1\n".getBytes(UTF_8), new byte[] {(byte) 0xC2}));
        assertEquals("cut.csv: line 3: bytes must be valid UTF-8, found malformed input 0xC2; read the file "
                + "with the charset it was written in", fails(cut, o).getMessage());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    // ---- options -------------------------------------------------------------------------------------------

    @Test
    void optionsToStringListsEverySetting() {
        TransactionCsv.Options o = retail().badRows(BadRows.SKIP_AND_REPORT).dropCancellations(true)
                .nonProductItems(List.of("POST", "DOT")).nonProductItemPrefixes(List.of("gift_")).build();
        assertEquals("Options{mapping=ColumnMapping{customer=CustomerID, date=InvoiceDate, unitPrice=UnitPrice, "
                + "quantity=Quantity, invoice=InvoiceNo, item=StockCode}, charset=UTF-8, "
                + "dateFormat=yyyy-MM-dd HH:mm:ss, separator=',', whitespaceSeparated=false, headerNames=[], "
                + "badRows=SKIP_AND_REPORT, dropMissingCustomer=false, dropCancellations=true, "
                + "cancellationPrefix=C, dropNonPositiveQuantity=false, dropNonPositivePrice=false, "
                + "nonProductItems=[DOT, POST], nonProductItemPrefixes=[gift_], normalizeCustomerIds=true, "
                + "trimLeadingZeros=false, maxExamples=5}", o.toString());
        assertEquals(o.toString(), o.toBuilder().build().toString());
    }

    @Test
    void optionsDefaults() {
        TransactionCsv.Options o = TransactionCsv.Options.builder(ColumnMapping.of("c", "d", "a"), ISO_8859_1)
                .build();
        assertEquals(ISO_8859_1, o.charset());
        assertEquals("yyyy-MM-dd[ HH:mm[:ss]]", o.dateFormat());
        assertEquals(',', o.separator());
        assertFalse(o.whitespaceSeparated());
        assertEquals(List.of(), o.headerNames());
        assertEquals(BadRows.FAIL, o.badRows());
        assertFalse(o.dropMissingCustomer());
        assertFalse(o.dropCancellations());
        assertEquals("C", o.cancellationPrefix());
        assertFalse(o.dropNonPositiveQuantity());
        assertFalse(o.dropNonPositivePrice());
        assertEquals(Set.of(), o.nonProductItems());
        assertEquals(Set.of(), o.nonProductItemPrefixes());
        assertTrue(o.normalizeCustomerIds());
        assertFalse(o.trimLeadingZeros());
        assertEquals(5, o.maxExamples());
    }

    @Test
    void buildDoesNotChangeTheBuilder() {
        TransactionCsv.Options.Builder b = retail();
        TransactionCsv.Options first = b.build();
        b.badRows(BadRows.SKIP_AND_REPORT);
        assertEquals(BadRows.FAIL, first.badRows());
        assertEquals(BadRows.SKIP_AND_REPORT, b.build().badRows());
    }

    @Test
    void optionMessages() {
        TransactionCsv.Options.Builder amountOnly = TransactionCsv.Options.builder(ColumnMapping.of("c", "d", "a"),
                UTF_8);
        assertEquals("separator must not be a quote or a line break, found \"\\n\"",
                assertThrows(IllegalArgumentException.class, () -> amountOnly.separator('\n')).getMessage());
        assertEquals("maxExamples must be >= 0, found -1",
                assertThrows(IllegalArgumentException.class, () -> amountOnly.maxExamples(-1)).getMessage());
        assertEquals("cancellationPrefix must be non-empty, found \"\"",
                assertThrows(IllegalArgumentException.class, () -> amountOnly.cancellationPrefix("")).getMessage());
        assertEquals("nonProductItemPrefixes must be non-empty strings, found \"\"",
                assertThrows(IllegalArgumentException.class, () -> amountOnly.nonProductItemPrefixes(List.of("")))
                        .getMessage());
        assertEquals("headerNames must be distinct and non-empty, found [c, c]",
                assertThrows(IllegalArgumentException.class, () -> amountOnly.headerNames(List.of("c", "c")))
                        .getMessage());
        assertEquals("dateFormat must give a date or a date-time, found \"HH:mm\"",
                assertThrows(IllegalArgumentException.class, () -> amountOnly.dateFormat("HH:mm")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> amountOnly.dateFormat("yyyy-bb"))
                .getMessage().startsWith("dateFormat must be a DateTimeFormatter pattern, found \"yyyy-bb\" ("));
        assertEquals("dropCancellations requires an invoice column, found ColumnMapping{customer=c, date=d, "
                        + "amount=a}",
                assertThrows(IllegalArgumentException.class, () -> amountOnly.dropCancellations(true).build())
                        .getMessage());
        amountOnly.dropCancellations(false);
        assertEquals("dropNonPositiveQuantity requires a quantity column, found ColumnMapping{customer=c, date=d, "
                        + "amount=a}",
                assertThrows(IllegalArgumentException.class, () -> amountOnly.dropNonPositiveQuantity(true).build())
                        .getMessage());
        amountOnly.dropNonPositiveQuantity(false);
        assertEquals("headerNames must contain every mapped column, found [c, x] without [d, a]",
                assertThrows(IllegalArgumentException.class,
                        () -> amountOnly.headerNames(List.of("c", "x")).build()).getMessage());
        assertEquals("charset", assertThrows(NullPointerException.class,
                () -> TransactionCsv.Options.builder(ColumnMapping.of("c", "d", "a"), null)).getMessage());
    }

    @Test
    void presetNamesAndUnknownPreset() {
        assertSame(CsvPreset.ONLINE_RETAIL, CsvPreset.named("online-retail"));
        assertSame(CsvPreset.CDNOW, CsvPreset.named("cdnow"));
        assertEquals("preset must be one of [online-retail, cdnow], found \"retail\"",
                assertThrows(IllegalArgumentException.class, () -> CsvPreset.named("retail")).getMessage());
        assertEquals("preset must be one of [online-retail, cdnow], found \"retail\"",
                assertThrows(IllegalArgumentException.class,
                        () -> TransactionCsv.readPreset(dir.resolve("x.csv"), "retail")).getMessage());
    }

    @Test
    void onlineRetailPresetOptions() {
        TransactionCsv.Options o = CsvPreset.ONLINE_RETAIL.options(dir.resolve("unused.csv"));
        // issue 15: the preset also reads the item descriptions
        assertEquals("Options{mapping=ColumnMapping{customer=CustomerID, date=InvoiceDate, unitPrice=UnitPrice, "
                + "quantity=Quantity, invoice=InvoiceNo, item=StockCode, description=Description}, charset=UTF-8, "
                + "dateFormat=yyyy-MM-dd HH:mm:ss, separator=',', whitespaceSeparated=false, headerNames=[], "
                + "badRows=FAIL, dropMissingCustomer=true, dropCancellations=true, cancellationPrefix=C, "
                + "dropNonPositiveQuantity=true, dropNonPositivePrice=true, nonProductItems=[AMAZONFEE, B, "
                + "BANK CHARGES, C2, CRUK, D, DOT, M, PADS, POST, S, m], nonProductItemPrefixes=[gift_0001_], "
                + "normalizeCustomerIds=true, trimLeadingZeros=false, maxExamples=5}", o.toString());
    }

    @Test
    void itemDescriptionsComeFromTheFirstKeptRowOfEachItem() throws IOException {
        Path f = write("d.csv", RETAIL_HEADER
                + "C1,85123A,CANCELLED FIRST,-6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n"
                + "1,85123A,\"WHITE HANGING HEART, T-LIGHT\",6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n"
                + "2,85123A,OTHER TEXT,6,2010-12-02 08:26:00,2.55,17850.0,United Kingdom\n"
                + "2,71053,,6,2010-12-02 08:26:00,3.39,17850.0,United Kingdom\n");
        TransactionLog log = TransactionCsv.readPreset(f, "online-retail").log();
        assertEquals("WHITE HANGING HEART, T-LIGHT", log.itemDescription(log.itemIndex("85123A")).orElseThrow());
        assertTrue(log.itemDescription(log.itemIndex("71053")).isEmpty());
        assertTrue(log.hasItemDescriptions());
        TransactionLog plain = TransactionCsv.read(f, retail().build()).log();
        assertFalse(plain.hasItemDescriptions());
        assertTrue(plain.itemDescription(0).isEmpty());
        assertEquals(Optional.of("WHITE HANGING HEART, T-LIGHT"),
                log.onOrBefore(java.time.LocalDate.of(2010, 12, 1)).itemDescription(log.itemIndex("85123A")));
    }

    @Test
    void cdnowPresetTellsTheLayoutsApartByTheFirstLine() throws IOException {
        Path sample = write("s.txt", " 00004 0001 19970101 2 29.33\r\n 00004 0001 19970118 2 29.73\r\n");
        IngestResult s = TransactionCsv.read(sample, CsvPreset.CDNOW.options(sample));
        assertEquals("1", s.log().customerId(0));
        assertEquals(2, s.log().size());
        assertEquals(List.of("master_id", "customer_id", "date", "number_of_cds", "dollar_value"),
                CsvPreset.CDNOW.options(sample).headerNames());

        Path master = write("m.txt", " customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n");
        IngestResult m = TransactionCsv.readPreset(master, "cdnow");
        assertEquals("1", m.log().customerId(0));
        assertEquals(11.77, m.log().amount(0));
        assertEquals(1, m.report().rowsRead());

        Path noHeader = write("n.txt", "00001 19970101 1 11.77\r\n");
        assertEquals("1", TransactionCsv.readPreset(noHeader, "cdnow").log().customerId(0));

        Path other = write("o.txt", "1 2 3\r\n");
        assertEquals("o.txt: line 1: first line must be the CDNOW master header or a 4- or 5-field CDNOW row, "
                        + "found \"1 2 3\"",
                assertThrows(InvalidDataException.class, () -> TransactionCsv.readPreset(other, "cdnow"))
                        .getMessage());
        Path empty = write("e.txt", "");
        assertEquals("e.txt: line 1: first line must be the CDNOW master header or a 4- or 5-field CDNOW row, "
                        + "found an empty file",
                assertThrows(InvalidDataException.class, () -> TransactionCsv.readPreset(empty, "cdnow"))
                        .getMessage());
        Path wrongHeader = write("h.txt", "id date cds dollars\r\n");
        assertEquals("h.txt: line 1: header must contain the customer column \"customer_id\", found "
                        + "[id, date, cds, dollars]",
                assertThrows(InvalidDataException.class, () -> TransactionCsv.readPreset(wrongHeader, "cdnow"))
                        .getMessage());
    }

    @Test
    void readingPrintsNothing() throws IOException {
        Path f = write("p.csv", "c,d,a\nx,2020-01-01,1\n,2020-01-01,1\n");
        TransactionCsv.Options o = TransactionCsv.Options.builder(ColumnMapping.of("c", "d", "a"), UTF_8)
                .badRows(BadRows.SKIP_AND_REPORT).build();
        // Initialise slf4j outside the guard: with no provider on the test classpath it warns once on stderr.
        TransactionCsv.read(f, o);
        String printed = StdoutGuard.capture(() -> TransactionCsv.read(f, o));
        assertEquals("", printed);
    }

    @Test
    void reportToStringAndResult() throws IOException {
        Path f = write("r.csv", "c,d,a\nx,2020-01-01,1\n");
        IngestResult r = TransactionCsv.read(f, TransactionCsv.Options.builder(ColumnMapping.of("c", "d", "a"),
                UTF_8).build());
        assertEquals("IngestReport{source=r.csv, rowsRead=1, rowsKept=1, skipped={}, customers=1, items=0, "
                + "invoices=0, firstDateTime=2020-01-01T00:00, lastDateTime=2020-01-01T00:00, revenue=1.0}",
                r.report().toString());
        assertEquals("IngestResult{" + r.report() + "}", r.toString());
        assertNull(r.report().examples().get("anything"));
    }

    /** Names for the date-pattern table above. */
    private static final class Options {
        static final String DEFAULT = TransactionCsv.Options.DEFAULT_DATE_FORMAT;
    }
}
