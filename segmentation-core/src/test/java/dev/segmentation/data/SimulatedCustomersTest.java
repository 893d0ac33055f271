package dev.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** {@link RetailSimulator#generateCustomers}: any range alone gives exactly the whole log's rows of its customers. */
class SimulatedCustomersTest {
    /** Customers 0..4999 over three chunks, generated once and shared by the tries. */
    private static final RetailSimulator SIM = RetailSimulator.builder().customers(5_000).seed(11).build();
    private static final TransactionLog LOG = SIM.generate().log();

    /** Asserts that the range's rows are the log's rows of its customers, field for field, from row {@code at}. */
    private static void assertSameRows(SimulatedCustomers part, TransactionLog log, int at, int invoiceOffset) {
        for (int r = 0; r < part.rowCount(); r++) {
            int row = at + r;
            assertEquals(log.customer(row), part.customer(r));
            assertEquals(log.customerId(log.customer(row)), part.customerId(r));
            assertEquals(log.invoice(row), invoiceOffset + part.invoice(r));
            assertEquals(log.invoiceId(log.invoice(row)),
                    SimulatedCustomers.invoiceId(invoiceOffset + part.invoice(r), log.invoiceCount()));
            assertEquals(log.itemId(log.item(row)), part.itemId(r));
            assertEquals(log.channelId(log.channel(row)), part.channelId(r));
            assertEquals(log.categoryId(log.category(row)), part.categoryId(r));
            assertEquals(log.epochSecond(row), part.epochSecond(r));
            assertEquals(Double.doubleToLongBits(log.amount(row)), Double.doubleToLongBits(part.amount(r)));
            assertEquals(Double.doubleToLongBits(log.quantity(row)), Double.doubleToLongBits(part.quantity(r)));
        }
    }

    @Property(tries = 40)
    void anyRangeAloneEqualsTheLogsRowsOfItsCustomers(@ForAll @IntRange(min = 0, max = 5_000) int a,
            @ForAll @IntRange(min = 0, max = 5_000) int b) {
        int from = Math.min(a, b);
        int to = Math.max(a, b);
        SimulatedCustomers part = SIM.generateCustomers(from, to);
        int at = from == LOG.customerCount() ? LOG.size() : LOG.rowsOf(from).row(0);
        int expectedRows = (to == LOG.customerCount() ? LOG.size() : LOG.rowsOf(to).row(0)) - at;
        assertEquals(expectedRows, part.rowCount());
        int invoiceOffset = at == LOG.size() ? LOG.invoiceCount() : LOG.invoice(at);
        int invoiceEnd = at + expectedRows == LOG.size() ? LOG.invoiceCount() : LOG.invoice(at + expectedRows);
        assertEquals(invoiceEnd - invoiceOffset, part.invoiceCount());
        assertSameRows(part, LOG, at, invoiceOffset);
    }

    @Test
    void consecutiveRangesConcatenateToTheWholeLog() {
        int[] bounds = {0, 1, 2047, 2048, 2049, 4100, 5000};
        int at = 0;
        int invoices = 0;
        for (int k = 0; k + 1 < bounds.length; k++) {
            SimulatedCustomers part = SIM.generateCustomers(bounds[k], bounds[k + 1]);
            assertSameRows(part, LOG, at, invoices);
            at += part.rowCount();
            invoices += part.invoiceCount();
        }
        assertEquals(LOG.size(), at);
        assertEquals(LOG.invoiceCount(), invoices);
    }

    @Test
    void theWholeRangeHasTheLogsSizeAndTheRangeIsChecked() {
        SimulatedCustomers all = SIM.generateCustomers(0, 5_000);
        assertEquals(LOG.size(), all.rowCount());
        assertEquals("SimulatedCustomers{from=0, to=5000, rows=" + LOG.size() + ", invoices=" + LOG.invoiceCount()
                + "}", all.toString());
        assertEquals(0, SIM.generateCustomers(17, 17).rowCount());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SIM.generateCustomers(10, 5_001));
        assertEquals("customer range must be within [0, 5000] with from <= to, found [10, 5001)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SIM.generateCustomers(3, 2));
        assertEquals("customer range must be within [0, 5000] with from <= to, found [3, 2)", e.getMessage());
        assertEquals("I001", SimulatedCustomers.invoiceId(0, 250));
    }
}
