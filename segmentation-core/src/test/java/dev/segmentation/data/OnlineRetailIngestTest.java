package dev.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.testing.SharedData;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Online Retail figures of {@code shared/docs/reference-numbers.md} and the data set's README (computed there
 * with Python's csv module): 541,909 rows; the standard cleaning keeps 397,884 rows, 4,338 customers, 18,532
 * invoices, 3,665 stock codes and revenue 8,911,407.904; 406,829 rows have a customer id.
 */
class OnlineRetailIngestTest {
    /** reference-numbers.md asks for the revenue to 1e-6 relative. */
    private static final double REVENUE_RELATIVE_TOLERANCE = 1e-6;

    private static Path file;
    private static IngestResult preset;

    @BeforeAll
    static void readOnce() {
        file = SharedData.file("online-retail/online_retail.csv.gz");
        preset = TransactionCsv.readPreset(file, "online-retail");
    }

    @Test
    void presetKeepsTheStandardCleaningFigures() {
        IngestReport r = preset.report();
        assertEquals(541_909, r.rowsRead());
        assertEquals(397_884, r.rowsKept());
        assertEquals(4_338, r.customers());
        assertEquals(18_532, r.invoices());
        assertEquals(3_665, r.items());
        assertEquals(8_911_407.904, r.revenue(), 8_911_407.904 * REVENUE_RELATIVE_TOLERANCE);
        TransactionLog log = preset.log();
        assertEquals(397_884, log.size());
        assertEquals(4_338, log.customerCount());
        assertEquals(4_338, log.activeCustomerCount());
        assertEquals(LocalDateTime.of(2010, 12, 1, 8, 26), r.firstDateTime().orElseThrow());
        assertEquals(LocalDateTime.of(2011, 12, 9, 12, 50), r.lastDateTime().orElseThrow());
        double sum = 0;
        for (int row = 0; row < log.size(); row++) {
            sum += log.amount(row);
            assertTrue(log.quantity(row) > 0 && log.amount(row) > 0);
        }
        assertEquals(r.revenue(), sum);
    }

    @Test
    void skippedRowsAreCountedPerReason() {
        IngestReport r = preset.report();
        // 135,080 rows lack a customer (README); of the rest, the 8,905 cancellation lines with a customer and
        // 40 lines with unit price 0 go; every non-C row with quantity <= 0 lacks a customer.
        assertEquals(Map.of("missing_customer", 135_080L, "cancellation", 8_905L, "non_positive_price", 40L),
                r.skipped());
        assertEquals(541_909 - 397_884, r.skippedTotal());
        assertEquals("line 143, column InvoiceNo: value must not start with \"C\", found \"C536379\"",
                r.examples(IngestReport.CANCELLATION).get(0).toString());
        assertEquals(5, r.examples(IngestReport.MISSING_CUSTOMER).size());
    }

    @Test
    void customerIdsAreNormalizedIntegers() {
        TransactionLog log = preset.log();
        assertTrue(log.customerIndex("17850") >= 0);
        assertEquals(TransactionLog.NONE, log.customerIndex("17850.0"));
        for (int c = 0; c < log.customerCount(); c++) {
            assertTrue(log.customerId(c).matches("[0-9]{5}"), log.customerId(c));
        }
    }

    @Test
    void nonProductCodesStayMarked() {
        TransactionLog log = preset.log();
        Set<String> marked = new TreeSet<>();
        for (int i = 0; i < log.itemCount(); i++) {
            if (log.isNonProduct(i)) {
                marked.add(log.itemId(i));
            }
        }
        assertEquals(Set.of("BANK CHARGES", "C2", "DOT", "M", "PADS", "POST"), marked);
        assertEquals(6, preset.report().nonProductItems());
        assertFalse(log.isNonProduct(log.itemIndex("85123A")));
        int postRows = 0;
        int post = log.itemIndex("POST");
        for (int row = 0; row < log.size(); row++) {
            if (log.item(row) == post) {
                postRows++;
            }
        }
        assertEquals(1_099, postRows);
    }

    @Test
    void withoutTheCleaningRulesEveryRowWithACustomerIsKept() {
        TransactionCsv.Options keepAll = CsvPreset.ONLINE_RETAIL.options(file).toBuilder()
                .dropCancellations(false).dropNonPositiveQuantity(false).dropNonPositivePrice(false)
                .dropMissingCustomer(false).badRows(BadRows.SKIP_AND_REPORT).build();
        IngestResult r = TransactionCsv.read(file, keepAll);
        // README: CustomerID non-null in 406,829 rows, 4,372 distinct; missing ids are bad rows here.
        assertEquals(406_829, r.report().rowsKept());
        assertEquals(Map.of("missing_customer", 135_080L), r.report().skipped());
        assertEquals(4_372, r.report().customers());
    }
}
