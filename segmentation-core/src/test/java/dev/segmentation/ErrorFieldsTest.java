package dev.segmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.data.ColumnMapping;
import dev.segmentation.data.TransactionCsv;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: what a caller needs to restate a library error in its own words (a comparing constraint's other column,
 * a summarizer setting's name, a reading setting's name) comes as exception fields, never from the message text.
 */
class ErrorFieldsTest {
    private static final ColumnMapping MAPPING = ColumnMapping.of("c", "d", "a");

    @Test
    void aComparingConstraintRenamesBothColumns() {
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> BtydSummary.of(
                new String[] {"a", "b"}, new double[] {1, 1}, new double[] {1, 5}, new double[] {2, 3}, null,
                Duration.ofDays(7)));
        assertEquals("row 1 (customer b): recency must be <= T = 3.0, found 5.0", e.getMessage());
        assertEquals("recency", e.column());
        assertEquals("<= T = 3.0", e.constraint());
        assertEquals("T", e.boundColumn());
        assertEquals("5.0", e.value());
        Map<String, String> user = Map.of("recency", "t_x", "T", "age");
        InvalidDataException moved = e.relocate("s.csv", 4, "s.csv: line 4 (customer b)", user::get);
        assertEquals("s.csv: line 4 (customer b): t_x must be <= age = 3.0, found 5.0", moved.getMessage());
        assertEquals("t_x", moved.column());
        assertEquals("<= age = 3.0", moved.constraint());
        assertEquals("age", moved.boundColumn());
        assertEquals("s.csv", moved.file());
        assertEquals(4, moved.row());
        assertSame(e, moved.getCause());
        // a constraint that names no other column keeps its text
        InvalidDataException plain = InvalidDataException.of(null, 0, "row 0", "frequency", "an integer", "1.5");
        assertNull(plain.boundColumn());
        assertEquals("f.csv: line 2: freq must be an integer, found 1.5",
                plain.relocate("f.csv", 2, "f.csv: line 2", c -> "freq").getMessage());
        assertEquals("constraint must be recorded to relocate an error, found none", assertThrows(
                IllegalStateException.class, () -> new InvalidDataException("x").relocate(null, 1, "", c -> c))
                .getMessage());
    }

    @Test
    void comparedBuildsTheStandardMessage() {
        InvalidDataException e = InvalidDataException.compared("f.csv", 3, "", "low", ">=", "high", "2", "1");
        assertEquals("low must be >= high = 2, found 1", e.getMessage());
        assertEquals(">= high = 2", e.constraint());
        assertEquals("high", e.boundColumn());
        assertEquals("f.csv", e.file());
        assertEquals(3, e.row());
        assertEquals("boundColumn", assertThrows(NullPointerException.class,
                () -> InvalidDataException.compared(null, 0, "", "a", "<", null, "1", "2")).getMessage());
    }

    @Test
    void theSummarizersDateErrorsNameTheSetting() {
        TransactionLog log = TransactionLog.builder().add("1", LocalDate.of(2015, 1, 5).atStartOfDay(), 1).build();
        InvalidDataException c = assertThrows(InvalidDataException.class,
                () -> BtydSummarizer.builder().end(LocalDate.of(2015, 2, 7)).calibrationEnd(LocalDate.of(2015, 1, 1))
                        .build().summarize(log));
        assertEquals("calibrationEnd must be on or after the first purchase date 2015-01-05, found 2015-01-01",
                c.getMessage());
        assertEquals("calibrationEnd", c.column());
        assertEquals("on or after the first purchase date 2015-01-05", c.constraint());
        assertEquals("2015-01-01", c.value());
        assertEquals(-1, c.row());
        assertEquals("--calibration-end must be on or after the first purchase date 2015-01-05, found 2015-01-01",
                c.relocate(null, -1, "", "--calibration-end", c.constraint()).getMessage());
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> BtydSummarizer.builder().end(LocalDate.of(2015, 1, 1)).build().summarize(log));
        assertEquals("end must be on or after the first purchase date 2015-01-05, found 2015-01-01", e.getMessage());
        assertEquals("end", e.column());
        assertEquals("2015-01-01", e.value());
    }

    @Test
    void readingSettingsNameThemselves() {
        TransactionCsv.Options.Builder b = TransactionCsv.Options.builder(MAPPING, StandardCharsets.UTF_8);
        InvalidSettingException f = assertThrows(InvalidSettingException.class, () -> b.dateFormat("HH:mm"));
        assertEquals("dateFormat must give a date or a date-time, found \"HH:mm\"", f.getMessage());
        assertEquals("dateFormat", f.setting());
        assertEquals("must give a date or a date-time, found \"HH:mm\"", f.detail());
        InvalidSettingException renamed = f.renamed("--date-format");
        assertEquals("--date-format must give a date or a date-time, found \"HH:mm\"", renamed.getMessage());
        assertEquals("--date-format", renamed.setting());
        assertSame(f, renamed.getCause());
        InvalidSettingException p = assertThrows(InvalidSettingException.class, () -> b.dateFormat("yyyy-MM-dd'"));
        assertEquals("dateFormat", p.setting());
        assertInstanceOf(IllegalArgumentException.class, p.getCause());
        InvalidSettingException s = assertThrows(InvalidSettingException.class, () -> b.separator('\n'));
        assertEquals("separator", s.setting());
        assertEquals("separator " + s.detail(), s.getMessage());
        InvalidSettingException n = assertThrows(InvalidSettingException.class,
                () -> b.netCancellations(true).build());
        assertEquals("netCancellations", n.setting());
        assertEquals("netCancellations requires invoice, item and quantity columns, found " + MAPPING, n.getMessage());
        assertEquals("setting", assertThrows(NullPointerException.class,
                () -> new InvalidSettingException(null, "x", null)).getMessage());
    }
}
