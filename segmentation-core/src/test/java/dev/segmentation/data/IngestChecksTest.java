package dev.segmentation.data;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import dev.segmentation.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 and 15 ingestion checks: exact duplicate records, dates after the as-of date, cancellations netted
 * against their orders, overflowing amounts blamed on the right column and the revenue sum checked.
 */
class IngestChecksTest {
    private static final String HEADER = "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n";

    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        Path f = dir.resolve("r.csv");
        Files.writeString(f, content, UTF_8);
        return f;
    }

    private static TransactionCsv.Options.Builder retail() {
        return TransactionCsv.Options.builder(ColumnMapping.ofUnitPrice("CustomerID", "InvoiceDate", "UnitPrice",
                "Quantity").item("StockCode").invoice("InvoiceNo"), UTF_8).dateFormat("yyyy-MM-dd HH:mm:ss");
    }

    private static double monetary(TransactionLog log, String customer) {
        int c = log.customerIndex(customer);
        double sum = 0;
        for (int r = 0; r < log.size(); r++) {
            sum += log.customer(r) == c ? log.amount(r) : 0;
        }
        return sum;
    }

    @Test
    void exactDuplicatesAreCountedAndKeptUnlessDropped() throws IOException {
        Path f = write(HEADER + "1,A,2,2011-01-01 10:00:00,1.5,7\n"
                + "1,A,2,2011-01-01 10:00:00,1.5,7\n"
                + "1,A,2,2011-01-01 10:00:00,1.5,8\n" // differs in the customer: not a duplicate
                + "1,A,2,2011-01-01 10:00:00,1.5,7\n");
        IngestReport kept = TransactionCsv.read(f, retail().build()).report();
        assertEquals(2, kept.duplicates());
        assertEquals(4, kept.rowsKept());
        IngestReport dropped = TransactionCsv.read(f, retail().dropDuplicates(true).build()).report();
        assertEquals(2, dropped.duplicates());
        assertEquals(2, dropped.rowsKept());
        assertEquals(Map.of(IngestReport.DUPLICATE, 2L), dropped.skipped());
        assertEquals("line 3: record must not repeat an earlier record exactly, found line 2",
                dropped.examples(IngestReport.DUPLICATE).get(0).toString());
    }

    @Test
    void datesAfterTheAsOfDateAreCounted() throws IOException {
        Path f = write(HEADER + "1,A,2,2011-01-01 10:00:00,1.5,7\n2,A,2,2011-02-01 00:00:00,1.5,7\n"
                + "3,A,2,2031-02-01 00:00:00,1.5,7\n");
        IngestReport r = TransactionCsv.read(f, retail().asOf(LocalDate.of(2011, 1, 31)).build()).report();
        assertEquals(2, r.futureDates());
        assertEquals(LocalDate.of(2011, 1, 31), r.futureAfter());
        assertEquals(Optional.of(3L), r.firstFutureLine());
        IngestReport today = TransactionCsv.read(f, retail().build()).report();
        assertEquals(1, today.futureDates()); // 2031 is after today
        assertEquals(Optional.of(4L), today.firstFutureLine());
    }

    @Test
    void cancellationsNetTheMostRecentMatchingOrder() throws IOException {
        Path f = write(HEADER
                + "1,A,5,2011-01-01 10:00:00,2.0,7\n"   // older order of 5 A
                + "2,A,5,2011-01-02 10:00:00,2.0,7\n"   // the most recent order of 5 A: netted
                + "3,B,10,2011-01-02 10:00:00,1.0,7\n"  // 10 B, cancelled only in part: stays
                + "C4,A,-5,2011-01-02 10:05:00,2.0,7\n"
                + "C5,B,-4,2011-01-02 10:06:00,1.0,7\n" // partial: unmatched
                + "C6,Z,-1,2011-01-02 10:06:00,1.0,7\n" // no order at all: unmatched
                + "7,A,1,2011-01-03 10:00:00,3.0,9\n"
                + "C8,A,-1,2011-01-03 11:00:00,3.0,9\n"); // customer 9's only order
        IngestResult r = TransactionCsv.read(f, retail().netCancellations(true).build());
        IngestReport rep = r.report();
        assertEquals(2, rep.cancellationsNetted());
        assertEquals(2, rep.cancellationsUnmatched());
        assertEquals(Map.of(IngestReport.CANCELLATION, 4L, IngestReport.CANCELLED_ORDER, 2L), rep.skipped());
        assertEquals(2, rep.rowsKept());
        assertEquals(rep.rowsRead(), rep.rowsKept() + rep.skippedTotal());
        TransactionLog log = r.log();
        assertEquals(1, log.customerCount()); // customer 9 has no purchases left
        assertEquals(TransactionLog.NONE, log.customerIndex("9"));
        assertEquals(10.0 + 10.0, monetary(log, "7"));
        assertEquals(20.0, rep.revenue());
        assertEquals("line 3, column InvoiceNo: order must not be cancelled by a later line (cancelled on line 5), "
                + "found \"C4\"", rep.examples(IngestReport.CANCELLED_ORDER).get(0).toString());
    }

    @Test
    void nettingIsOffByDefaultAndNeedsItsColumns() {
        assertEquals(false, retail().build().netCancellations());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TransactionCsv.Options
                .builder(ColumnMapping.of("c", "d", "a"), UTF_8).netCancellations(true).build());
        assertTrue(e.getMessage().startsWith("netCancellations requires invoice, item and quantity columns"),
                e.getMessage());
    }

    @Test
    void anOverflowingAmountNamesBothColumns() throws IOException {
        Path f = write(HEADER + "1,A,1e308,2011-01-01 10:00:00,2.5,7\n");
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> TransactionCsv.read(f, retail().build()));
        assertEquals("r.csv: line 2, column Quantity: value times UnitPrice 2.5 must be a finite amount (amount = "
                + "Quantity x UnitPrice), found \"1e308\"", e.getMessage());
        Path g = write(HEADER + "1,A,3,2011-01-01 10:00:00,1e308,7\n");
        assertEquals("r.csv: line 2, column UnitPrice: value times Quantity 3 must be a finite amount (amount = "
                + "Quantity x UnitPrice), found \"1e308\"", assertThrows(InvalidDataException.class,
                        () -> TransactionCsv.read(g, retail().build())).getMessage());
        IngestReport skipped = TransactionCsv.read(f, retail().badRows(BadRows.SKIP_AND_REPORT).build()).report();
        assertEquals(Map.of(IngestReport.NON_FINITE_AMOUNT, 1L), skipped.skipped());
    }

    @Test
    void aRevenueSumThatOverflowsIsRefused() throws IOException {
        Path f = write(HEADER + "1,A,1e308,2011-01-01 10:00:00,1,7\n2,A,1e308,2011-01-01 10:00:00,1,7\n");
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> TransactionCsv.read(f, retail().build()));
        assertEquals("r.csv: line 3: revenue (the sum of Quantity x UnitPrice over the kept rows) must be a finite "
                + "number, found an overflow at this line", e.getMessage());
    }

    @Test
    void onlineRetailNettingAndDuplicates() {
        Path f = SharedData.file("online-retail/online_retail.csv.gz");
        IngestReport reference = TransactionCsv.readPreset(f, "online-retail").report();
        assertEquals(397_884, reference.rowsKept()); // the published reference count stays
        assertEquals(5_268, reference.duplicates());
        assertEquals(0, reference.cancellationsNetted());

        IngestResult run = TransactionCsv.read(f, CsvPreset.ONLINE_RETAIL.runOptions(f));
        IngestReport r = run.report();
        assertEquals(5_268, r.duplicates());
        assertEquals(List.of(IngestReport.CANCELLATION, IngestReport.CANCELLED_ORDER, IngestReport.DUPLICATE,
                IngestReport.MISSING_CUSTOMER, IngestReport.NON_POSITIVE_PRICE), List.copyOf(r.skipped().keySet()));
        assertEquals(r.cancellationsNetted(), r.skipped(IngestReport.CANCELLED_ORDER));
        assertEquals(r.skipped(IngestReport.CANCELLATION), r.cancellationsNetted() + r.cancellationsUnmatched());
        TransactionLog log = run.log();
        // 16446 ordered 80,995 PAPER CRAFT , LITTLE BIRDIE and cancelled them 12 minutes later
        assertEquals(2.90, monetary(log, "16446"), 1e-9);
        // 12346's one order of 74,215 jars was cancelled the same morning
        assertEquals(TransactionLog.NONE, log.customerIndex("12346"));
        assertEquals(0, r.futureDates());
    }
}
