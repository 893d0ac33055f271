package dev.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The package-private fast path the simulator uses: sequential id dictionaries and pre-interned columns. */
class ColumnarFastPathTest {
    @Test
    void sequentialDictionaryMakesAndParsesPaddedIds() {
        IdDictionary d = IdDictionary.sequential('C', 250);
        assertEquals(250, d.size());
        assertEquals("C001", d.id(0));
        assertEquals("C250", d.id(249));
        assertEquals(0, d.indexOf("C001"));
        assertEquals(41, d.indexOf("C042"));
        assertEquals(-1, d.indexOf("C42"));
        assertEquals(-1, d.indexOf("C000"));
        assertEquals(-1, d.indexOf("C251"));
        assertEquals(-1, d.indexOf("X001"));
        assertEquals(-1, d.indexOf("C0a1"));
        assertEquals(7, d.intern("C008"));
        assertThrows(IllegalStateException.class, () -> d.intern("C999"));
        assertSame(d, d.frozenCopy());
        assertThrows(IndexOutOfBoundsException.class, () -> d.id(250));
        assertEquals("I1", IdDictionary.sequential('I', 1).id(0));
        assertEquals(0, IdDictionary.sequential('I', 0).size());
    }

    @Test
    void ofColumnsBuildsALogThatAnswersLikeABuiltOne() {
        IdDictionary items = new IdDictionary();
        items.intern("A");
        items.intern("B");
        IdDictionary none = new IdDictionary().frozenCopy();
        TransactionLog log = TransactionLog.ofColumns(new int[] {1, 0, 1}, new int[] {0, 1, 2},
                new int[] {0, 1, TransactionLog.NONE}, null, null, new long[] {200, 100, 50},
                new double[] {1, 2, 3}, new double[] {10, 20, 30}, IdDictionary.sequential('C', 2),
                IdDictionary.sequential('I', 3), items.frozenCopy(), none, none);
        assertEquals(3, log.size());
        assertEquals("C2", log.customerId(log.customer(0)));
        assertEquals(1, log.customerIndex("C2"));
        assertEquals("I3", log.invoiceId(2));
        assertEquals(50, log.minEpochSecond());
        assertEquals(200, log.maxEpochSecond());
        // Customer C02's rows in time order: row 2 (t = 50) before row 0 (t = 200).
        assertEquals(2, log.rowsOf(1).row(0));
        assertEquals(0, log.rowsOf(1).row(1));
        assertEquals(TransactionLog.NONE, log.channel(0));
        assertEquals("B", log.itemId(log.item(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TransactionLog.ofColumns(new int[2], new int[1], new int[2], null, null, new long[2],
                        new double[2], new double[2], IdDictionary.sequential('C', 1), none, none, none, none));
        assertEquals("columns must all have 2 rows", e.getMessage());
    }
}
