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
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.features.Log1p;
import dev.segmentation.features.Standardizer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
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
    void aCellErrorKeepsItsShapeWhenRelocated() {
        InvalidDataException e = InvalidDataException.cell(null, 3, "row 3", "b", "finite", "NaN");
        assertEquals("row 3, column b: value must be finite, found NaN", e.getMessage());
        assertEquals(3, e.row());
        assertEquals("b", e.column());
        assertEquals("finite", e.constraint());
        assertEquals("NaN", e.value());
        assertNull(e.boundColumn());
        InvalidDataException moved = e.relocate("f.csv", 5, "f.csv:5", c -> c);
        assertEquals("f.csv:5: column b: value must be finite, found NaN", moved.getMessage());
        assertEquals(5, moved.row());
        assertEquals("f.csv", moved.file());
        assertSame(e, moved.getCause());
        assertEquals("f.csv:5: column spend: value must be finite, found NaN",
                e.relocate("f.csv", 5, "f.csv:5", "spend", e.constraint()).getMessage());
        // relocated twice, still a cell error
        assertEquals("g.csv:7: column b: value must be finite, found NaN",
                moved.relocate("g.csv", 7, "g.csv:7", c -> c).getMessage());
        assertEquals("column b: value must be finite, found NaN",
                InvalidDataException.cell(null, -1, "", "b", "finite", "NaN").getMessage());
        assertEquals("value", assertThrows(NullPointerException.class,
                () -> InvalidDataException.cell(null, 0, "row 0", "b", "finite", null)).getMessage());
    }

    @Test
    void theTransformsRecordTheCellTheyReject() {
        FeatureMatrix x = FeatureMatrix.of(List.of("a", "b"), 3, new double[] {1, 2, 3, -2, 5, 6});
        InvalidDataException log1p = assertThrows(InvalidDataException.class,
                () -> Log1p.builder().build().fit(x));
        assertEquals("row 1, column b: value must be > -1, found -2.0", log1p.getMessage());
        assertEquals(1, log1p.row());
        assertEquals("b", log1p.column());
        assertEquals("> -1", log1p.constraint());
        assertEquals("-2.0", log1p.value());
        InvalidDataException nan = assertThrows(InvalidDataException.class, () -> FeatureMatrix.of(List.of("a", "b"),
                2, new double[] {1, 2, Double.NaN, 4}).requireFinite());
        assertEquals("row 1, column a: value must be finite, found NaN", nan.getMessage());
        assertEquals("finite", nan.constraint());
        assertEquals("NaN", nan.value());
        InvalidDataException scaled = assertThrows(InvalidDataException.class, () -> Standardizer.builder().build()
                .fit(x).transform(FeatureMatrix.of(List.of("a", "b"), 1, new double[] {Double.POSITIVE_INFINITY, 1})));
        assertEquals("row 0, column a: value must be finite, found Infinity", scaled.getMessage());
        assertEquals("a", scaled.column());
        assertEquals("Infinity", scaled.value());
    }

    @Test
    void theSummarizersDateCheckIsOneForEveryCaller() {
        BtydSummarizer s = BtydSummarizer.builder().end(LocalDate.of(2015, 2, 7))
                .calibrationEnd(LocalDate.of(2015, 1, 1)).build();
        InvalidDataException c = assertThrows(InvalidDataException.class, () -> s.checkDates(LocalDate.of(2015, 1, 5)));
        assertEquals("calibrationEnd must be on or after the first purchase date 2015-01-05, found 2015-01-01",
                c.getMessage());
        assertEquals("calibrationEnd", c.column());
        assertEquals("on or after the first purchase date 2015-01-05", c.constraint());
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> s.checkDates(LocalDate.of(2015, 2, 8)));
        assertEquals("end must be on or after the first purchase date 2015-02-08, found 2015-02-07", e.getMessage());
        assertEquals("end", e.column());
        assertEquals("2015-02-07", e.value());
        s.checkDates(LocalDate.of(2015, 1, 1)); // both on the first date: accepted
        assertEquals("firstPurchase", assertThrows(NullPointerException.class, () -> s.checkDates(null))
                .getMessage());
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
