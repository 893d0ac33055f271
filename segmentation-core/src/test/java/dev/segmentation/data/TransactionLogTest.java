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

    /**
     * Issue 21: a log made of the columns and dictionaries that a builder's log has (written out here by hand) is
     * that log, accessor for accessor.
     */
    @Test
    void aLogOfAnotherLogsColumnsIsThatLog() {
        TransactionLog.Builder b = TransactionLog.builder().markNonProduct("POST");
        b.add("c2", "i1", "A", 100L, 1.0, 3.5, null, "toys");
        b.add("c2", "i1", "POST", 100L, 1.0, 2.0, null, null);
        b.add("c1", "i2", "B", 50L, 2.0, 4.25, null, "garden");
        b.add("c2", null, null, 70L, 1.0, 1.0, null, null);
        b.add("c1", "i3", "A", 20L, 1.0, 3.5, null, "toys");
        TransactionLog log = b.build();
        TransactionLog copy = TransactionLog.ofColumns(new String[] {"c2", "c1"}, new String[] {"i1", "i2", "i3"},
                new String[] {"A", "POST", "B"}, new boolean[] {false, true, false}, new String[0],
                new String[] {"toys", "garden"}, new int[] {0, 0, 1, 0, 1}, new int[] {0, 0, 1, -1, 2},
                new int[] {0, 1, 2, -1, 0}, new int[] {-1, -1, -1, -1, -1}, new int[] {0, -1, 1, -1, 0},
                new long[] {100, 100, 50, 70, 20}, new double[] {1, 1, 2, 1, 1}, new double[] {3.5, 2, 4.25, 1, 3.5});
        assertEquals(describe(log), describe(copy));
        assertFalse(copy.hasChannel());
        assertTrue(copy.hasCategory());
        assertTrue(copy.isNonProduct(copy.itemIndex("POST")));
        TransactionLog withChannels = TransactionLog.builder().add("a", "x", "s", 5L, 1.0, 1.0, "web", null)
                .add("b", "y", "s", 4L, 1.0, 2.0, null, null).build();
        TransactionLog channelsCopy = TransactionLog.ofColumns(new String[] {"a", "b"}, new String[] {"x", "y"},
                new String[] {"s"}, new boolean[] {false}, new String[] {"web"}, new String[0], new int[] {0, 1},
                new int[] {0, 1}, new int[] {0, 0}, new int[] {0, -1}, new int[] {-1, -1}, new long[] {5, 4},
                new double[] {1, 1}, new double[] {1, 2});
        assertEquals(describe(withChannels), describe(channelsCopy));
        assertTrue(channelsCopy.hasChannel());
        assertFalse(channelsCopy.hasCategory());
    }

    @Test
    void aLogOfColumnsRefusesBadColumnsWithOneLineMessages() {
        String[] none = new String[0];
        assertEquals("columns must all have 1 rows", assertThrows(IllegalArgumentException.class,
                () -> TransactionLog.ofColumns(new String[] {"c"}, none, none, new boolean[0], none, none,
                        new int[] {0}, new int[] {-1}, new int[] {-1}, new int[] {-1}, new int[] {-1}, new long[2],
                        new double[] {1}, new double[] {1})).getMessage());
        assertEquals("customer index must be in [0, 1), found 1 at row 0", assertThrows(
                IllegalArgumentException.class, () -> TransactionLog.ofColumns(new String[] {"c"}, none, none,
                        new boolean[0], none, none, new int[] {1}, new int[] {-1}, new int[] {-1}, new int[] {-1},
                        new int[] {-1}, new long[1], new double[] {1}, new double[] {1})).getMessage());
        assertEquals("item index must be in [0, 0) or NONE, found -2 at row 0", assertThrows(
                IllegalArgumentException.class, () -> TransactionLog.ofColumns(new String[] {"c"}, none, none,
                        new boolean[0], none, none, new int[] {0}, new int[] {-1}, new int[] {-2}, new int[] {-1},
                        new int[] {-1}, new long[1], new double[] {1}, new double[] {1})).getMessage());
        assertEquals("customer ids must be distinct, found c at index 0 and 1", assertThrows(
                IllegalArgumentException.class, () -> TransactionLog.ofColumns(new String[] {"c", "c"}, none, none,
                        new boolean[0], none, none, new int[] {0}, new int[] {-1}, new int[] {-1}, new int[] {-1},
                        new int[] {-1}, new long[1], new double[] {1}, new double[] {1})).getMessage());
        assertEquals("nonProduct must have 0 entries, found 1", assertThrows(IllegalArgumentException.class,
                () -> TransactionLog.ofColumns(new String[] {"c"}, none, none, new boolean[1], none, none,
                        new int[] {0}, new int[] {-1}, new int[] {-1}, new int[] {-1}, new int[] {-1}, new long[1],
                        new double[] {1}, new double[] {1})).getMessage());
        assertEquals("row 0: amount must be finite, found NaN", assertThrows(InvalidDataException.class,
                () -> TransactionLog.ofColumns(new String[] {"c"}, none, none, new boolean[0], none, none,
                        new int[] {0}, new int[] {-1}, new int[] {-1}, new int[] {-1}, new int[] {-1}, new long[1],
                        new double[] {1}, new double[] {Double.NaN})).getMessage());
    }

    /** Every accessor's values: rows, dictionaries, non-products, each customer's rows in time order, range. */
    private static String describe(TransactionLog log) {
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < log.size(); r++) {
            out.append(log.customer(r)).append(' ').append(log.invoice(r)).append(' ').append(log.item(r))
                    .append(' ').append(log.hasChannel() ? log.channel(r) : "-").append(' ')
                    .append(log.hasCategory() ? log.category(r) : "-").append(' ').append(log.epochSecond(r))
                    .append(' ').append(log.quantity(r)).append(' ').append(log.amount(r)).append('\n');
        }
        for (int c = 0; c < log.customerCount(); c++) {
            out.append(log.customerId(c)).append(' ').append(log.customerIndex(log.customerId(c))).append(':');
            TransactionLog.CustomerRows rows = log.rowsOf(c);
            for (int k = 0; k < rows.size(); k++) {
                out.append(' ').append(rows.row(k));
            }
            out.append('\n');
        }
        for (int i = 0; i < log.invoiceCount(); i++) {
            out.append(log.invoiceId(i)).append('\n');
        }
        for (int i = 0; i < log.itemCount(); i++) {
            out.append(log.itemId(i)).append(' ').append(log.itemIndex(log.itemId(i))).append(' ')
                    .append(log.isNonProduct(i)).append(' ').append(log.hasItemDescriptions()).append('\n');
        }
        for (int i = 0; i < log.channelCount(); i++) {
            out.append(log.channelId(i)).append('\n');
        }
        for (int i = 0; i < log.categoryCount(); i++) {
            out.append(log.categoryId(i)).append('\n');
        }
        out.append(log.activeCustomerCount()).append(' ').append(log.minEpochSecond()).append(' ')
                .append(log.maxEpochSecond());
        return out.toString();
    }
}
