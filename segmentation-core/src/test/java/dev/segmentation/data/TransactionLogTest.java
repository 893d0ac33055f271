package dev.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class TransactionLogTest {
    private static LocalDateTime at(String iso) {
        return LocalDateTime.parse(iso);
    }

    private static TransactionLog sample() {
        return TransactionLog.builder()
                .add("c1", "i1", "A", at("2015-02-06T10:00"), 2, 20.0)
                .add("c2", "i2", "B", at("2015-01-01T09:00"), 1, 5.0)
                .add("c1", "i3", "POST", at("2015-02-01T08:00"), 1, 3.0)
                .add("c1", "i3", "A", at("2015-02-01T08:00"), 1, 10.0)
                .markNonProduct("POST")
                .build();
    }

    @Test
    void internsIdsDenselyInOrderOfFirstAppearance() {
        TransactionLog log = sample();
        assertEquals(4, log.size());
        assertEquals(2, log.customerCount());
        assertEquals("c1", log.customerId(0));
        assertEquals(1, log.customerIndex("c2"));
        assertEquals(TransactionLog.NONE, log.customerIndex("nobody"));
        assertEquals(3, log.itemCount());
        assertEquals(3, log.invoiceCount());
        assertFalse(log.hasChannel());
        assertEquals(TransactionLog.NONE, log.channel(0));
    }

    @Test
    void rowsOfACustomerAreInTimeOrderWithTiesInInputOrder() {
        TransactionLog.CustomerRows rows = sample().rowsOf(0);
        assertEquals(3, rows.size());
        assertEquals(2, rows.row(0));
        assertEquals(3, rows.row(1));
        assertEquals(0, rows.row(2));
        assertEquals(20.0, rows.amount(2));
    }

    @Test
    void nonProductCodesStayInTheLogAndAreMarked() {
        TransactionLog log = sample();
        assertTrue(log.isNonProduct(log.itemIndex("POST")));
        assertFalse(log.isNonProduct(log.itemIndex("A")));
    }

    @Test
    void filterKeepsDictionariesSoIndicesStayComparable() {
        TransactionLog log = sample();
        TransactionLog early = log.onOrBefore(LocalDate.of(2015, 2, 1));
        assertEquals(3, early.size());
        assertEquals(log.customerCount(), early.customerCount());
        assertEquals(2, early.activeCustomerCount());
        assertEquals(LocalDate.of(2015, 2, 1), early.lastDateTime().toLocalDate());
        assertEquals(2, early.rowsOf(0).size());
    }

    @Test
    void buildDoesNotChangeTheBuilder() {
        TransactionLog.Builder b = TransactionLog.builder().add("a", at("2020-01-01T00:00"), 1.0);
        TransactionLog first = b.build();
        b.add("b", at("2020-01-02T00:00"), 2.0);
        assertEquals(1, first.size());
        assertEquals(1, first.customerCount());
        assertEquals(2, b.build().customerCount());
    }

    @Test
    void nonFiniteAmountNamesTheRow() {
        TransactionLog.Builder b = TransactionLog.builder().add("a", at("2020-01-01T00:00"), 1.0);
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> b.add("b", at("2020-01-01T00:00"), Double.NaN));
        assertEquals("row 1: amount must be finite, found NaN", e.getMessage());
    }

    @Test
    void emptyLogHasNoDates() {
        TransactionLog log = TransactionLog.builder().build();
        assertEquals(0, log.size());
        IllegalStateException e = assertThrows(IllegalStateException.class, log::firstDateTime);
        assertEquals("the transaction log is empty", e.getMessage());
    }
}
