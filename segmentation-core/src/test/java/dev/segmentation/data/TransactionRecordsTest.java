package dev.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.InvalidDataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionRecordsTest {
    private static final String HEADER = "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID";
    private static final String[] ROWS = {
        "1,A,2,2011-01-01 10:00:00,1.5,17850.0",
        "1,A,2,2011-01-01 10:00:00,1.5,17850.0",
        "C2,A,-2,2011-01-01 10:05:00,1.5,17850",
        "3,B,x,2011-01-02 10:00:00,1.5,12",
        "4,B,1,2011-01-03 10:00:00,0,12",
        "5,B,1,2011-01-03 11:00:00,2.5,",
        "6,C,3,2011-01-04 09:00:00,1.0,12",
    };

    @TempDir
    Path dir;

    private static TransactionCsv.Options options(BadRows badRows) {
        return TransactionCsv.Options.builder(
                        ColumnMapping.ofUnitPrice("CustomerID", "InvoiceDate", "UnitPrice", "Quantity")
                                .item("StockCode").invoice("InvoiceNo"), StandardCharsets.UTF_8)
                .dateFormat("yyyy-MM-dd HH:mm:ss").dropMissingCustomer(true).dropNonPositivePrice(true)
                .dropDuplicates(true).netCancellations(true).badRows(badRows).build();
    }

    private Path file() throws IOException {
        Path f = dir.resolve("r.csv");
        Files.writeString(f, HEADER + "\n" + String.join("\n", ROWS) + "\n");
        return f;
    }

    private static TransactionRecords records(BadRows badRows) {
        TransactionRecords r = TransactionRecords.start(List.of(HEADER.split(",")), options(badRows), "r.csv");
        for (int i = 0; i < ROWS.length; i++) {
            String[] fields = ROWS[i].split(",", -1);
            for (int j = 0; j < fields.length; j++) {
                fields[j] = fields[j].isEmpty() ? null : fields[j];
            }
            r.add(i + 2, fields); // the file's lines: the header is line 1
        }
        return r;
    }

    @Test
    void recordsReadAsTheFileIs() throws IOException {
        IngestResult file = TransactionCsv.read(file(), options(BadRows.SKIP_AND_REPORT));
        TransactionRecords records = records(BadRows.SKIP_AND_REPORT);
        IngestResult read = records.finish();
        IngestReport a = file.report();
        IngestReport b = read.report();
        assertEquals(a.rowsRead(), b.rowsRead());
        assertEquals(a.rowsKept(), b.rowsKept());
        assertEquals(a.skipped(), b.skipped());
        assertEquals(a.duplicates(), b.duplicates());
        assertEquals(a.cancellationsNetted(), b.cancellationsNetted());
        assertEquals(a.examples().toString(), b.examples().toString());
        assertEquals(1, b.rowsKept());
        assertEquals(1, b.cancellationsNetted());
        assertArrayEquals(new long[] {8}, records.keptLines());
        assertEquals(rows(file.log()), rows(read.log()));
    }

    private static List<String> rows(TransactionLog log) {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < log.size(); r++) {
            out.add(log.customerId(log.customer(r)) + " " + log.itemId(log.item(r)) + " " + log.epochSecond(r) + " "
                    + log.amount(r));
        }
        return out;
    }

    @Test
    void failureHasTheMessageOfAFailingRead() throws IOException {
        InvalidDataException expected = assertThrows(InvalidDataException.class,
                () -> TransactionCsv.read(file(), options(BadRows.FAIL)));
        IngestReport.Example e = records(BadRows.SKIP_AND_REPORT).finish().report()
                .examples(IngestReport.UNPARSEABLE_QUANTITY).get(0);
        InvalidDataException actual = TransactionRecords.failure("r.csv", e.line(), e.column().orElse(null),
                e.value(), e.message());
        assertEquals(expected.getMessage(), actual.getMessage());
        assertEquals("r.csv: line 5, column Quantity: value must be a number, found \"x\"", actual.getMessage());
        InvalidDataException thrown = assertThrows(InvalidDataException.class, () -> records(BadRows.FAIL));
        assertEquals(expected.getMessage(), thrown.getMessage());
    }

    @Test
    void customerKeysAreTheIdsAsKept() {
        TransactionCsv.Options o = options(BadRows.FAIL);
        assertEquals("17850", TransactionRecords.customerKey("17850.0", o));
        assertEquals("0017", TransactionRecords.customerKey("0017", o));
        assertEquals("17", TransactionRecords.customerKey("0017", o.toBuilder().trimLeadingZeros(true).build()));
        assertEquals("", TransactionRecords.customerKey(null, o));
    }

    @Test
    void anEmptyHeaderIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TransactionRecords.start(List.of(), options(BadRows.FAIL), "r"));
        assertEquals("header must name at least one column, found []", e.getMessage());
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> TransactionRecords.start(List.of("CustomerID", "InvoiceDate", "UnitPrice", "Quantity",
                        "StockCode", "InvoiceNo"), options(BadRows.FAIL), "r").keptLines());
        assertEquals("finish must be called before keptLines, found an unfinished read", s.getMessage());
    }

    /**
     * Issue 21: each item's first kept record, netted ones included, with the description read from it (stripped,
     * "" when blank): the record the log's description comes from.
     */
    @Test
    void itemOriginsAreEachItemsFirstKeptRecordWithItsDescription() {
        List<String> header = List.of("InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate",
                "UnitPrice", "CustomerID");
        TransactionCsv.Options o = TransactionCsv.Options.builder(
                        ColumnMapping.ofUnitPrice("CustomerID", "InvoiceDate", "UnitPrice", "Quantity")
                                .item("StockCode").invoice("InvoiceNo").description("Description"),
                        StandardCharsets.UTF_8)
                .dateFormat("yyyy-MM-dd HH:mm:ss").dropMissingCustomer(true).netCancellations(true).build();
        TransactionRecords r = TransactionRecords.start(header, o, "r");
        r.add(2, new String[] {"1", "A", " ", "1", "2011-01-01 10:00:00", "1.5", "12"});
        r.add(3, new String[] {"2", "B", "bee", "2", "2011-01-01 11:00:00", "1.5", null}); // skipped: no customer
        r.add(4, new String[] {"3", "B", " BEE ", "2", "2011-01-02 10:00:00", "1.5", "13"});
        r.add(5, new String[] {"C4", "B", "cancel", "-2", "2011-01-02 10:05:00", "1.5", "13"}); // nets line 4
        r.add(6, new String[] {"5", "B", "later", "1", "2011-01-03 10:00:00", "1.5", "12"});
        r.add(7, new String[] {"6", "A", "ay", "1", "2011-01-04 10:00:00", "1.5", "13"});
        TransactionLog log = r.finish().log();
        assertEquals(List.of(new TransactionRecords.ItemOrigin("A", 2, ""), new TransactionRecords.ItemOrigin("B", 4,
                "BEE")), r.itemOrigins());
        assertEquals(java.util.Optional.empty(), log.itemDescription(log.itemIndex("A")));
        assertEquals(java.util.Optional.of("BEE"), log.itemDescription(log.itemIndex("B")));
    }
}
