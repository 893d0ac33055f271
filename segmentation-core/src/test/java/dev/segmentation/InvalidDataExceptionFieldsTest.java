package dev.segmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.features.BtydSummary;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 18: a data error carries its location, constraint and value as fields, so callers need not parse it. */
class InvalidDataExceptionFieldsTest {
    @Test
    void theLibrarySetsRowColumnConstraintAndValue() {
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> BtydSummary.of(
                new String[] {"a", "b"}, new double[] {1, 1.5}, new double[] {1, 1}, new double[] {2, 2}, null,
                Duration.ofDays(7)));
        assertEquals("row 1 (customer b): frequency must be an integer, found 1.5", e.getMessage());
        assertEquals(1, e.row());
        assertEquals("frequency", e.column());
        assertEquals("an integer", e.constraint());
        assertEquals("1.5", e.value());
        assertNull(e.file());
    }

    @Test
    void relocateRestatesTheFieldsAtTheCallersLocation() {
        InvalidDataException e = InvalidDataException.of(null, 3, "row 3 (customer c)", "recency", "<= T = 4.0",
                "5.0");
        InvalidDataException moved = e.relocate("s.csv", 5, "s.csv: line 5 (customer c)", "t_x", "<= age = 4.0");
        assertEquals("s.csv: line 5 (customer c): t_x must be <= age = 4.0, found 5.0", moved.getMessage());
        assertEquals("s.csv", moved.file());
        assertEquals(5, moved.row());
        assertEquals("t_x", moved.column());
        assertEquals("5.0", moved.value());
        assertSame(e, moved.getCause());
        assertEquals("constraint must be recorded to relocate an error, found none",
                assertThrows(IllegalStateException.class, () -> new InvalidDataException("x").relocate(null, 1, "",
                        "c", "k")).getMessage());
    }
}
