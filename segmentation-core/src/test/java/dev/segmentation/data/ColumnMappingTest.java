package dev.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ColumnMappingTest {
    @Test
    void factoriesAndOptionalColumns() {
        ColumnMapping m = ColumnMapping.of("id", "when", "total");
        assertEquals("id", m.customer());
        assertEquals("when", m.date());
        assertEquals(Optional.of("total"), m.amount());
        assertEquals(Optional.empty(), m.unitPrice());
        assertEquals(Optional.empty(), m.quantity());
        ColumnMapping full = m.quantity("q").invoice("inv").item("sku").channel("ch").category("cat");
        assertEquals(List.of("id", "when", "total", "q", "inv", "sku", "ch", "cat"), full.columns());
        assertEquals(Optional.of("sku"), full.item());
        assertEquals(Optional.of("ch"), full.channel());
        assertEquals(Optional.of("cat"), full.category());
        assertEquals(Optional.of("inv"), full.invoice());
        assertEquals(List.of("id", "when", "total"), m.columns());
        assertEquals("ColumnMapping{customer=id, date=when, amount=total, quantity=q, invoice=inv, item=sku, "
                + "channel=ch, category=cat}", full.toString());
        ColumnMapping p = ColumnMapping.ofUnitPrice("c", "d", "p", "q");
        assertEquals(Optional.of("p"), p.unitPrice());
        assertEquals(Optional.empty(), p.amount());
        assertEquals(Optional.of("n"), p.quantity("n").quantity());
        assertEquals(ColumnMapping.ofUnitPrice("c", "d", "p", "q"), p);
        assertEquals(ColumnMapping.ofUnitPrice("c", "d", "p", "q").hashCode(), p.hashCode());
        assertNotEquals(ColumnMapping.of("c", "d", "p"), p);
    }

    @Test
    void messages() {
        assertEquals("column names must be distinct, found \"x\" for both customer and item",
                assertThrows(IllegalArgumentException.class, () -> ColumnMapping.of("x", "d", "a").item("x"))
                        .getMessage());
        assertEquals("column names must be distinct, found \"d\" for both date and amount",
                assertThrows(IllegalArgumentException.class, () -> ColumnMapping.of("c", "d", "d")).getMessage());
        assertEquals("date must be a non-empty column name, found \"\"",
                assertThrows(IllegalArgumentException.class, () -> ColumnMapping.of("c", "", "a")).getMessage());
        assertEquals("item", assertThrows(NullPointerException.class,
                () -> ColumnMapping.of("c", "d", "a").item(null)).getMessage());
    }
}
