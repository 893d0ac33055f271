package dev.segmentation.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.InvalidDataException;
import dev.segmentation.features.BtydSummarizer;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: the summary command names the options --end and --calibration-end from the library error's fields
 * (the summarizer's setting in {@link InvalidDataException#column()}), not by matching the message's start.
 */
class SummaryCommandTest {
    private static final LocalDate FIRST = LocalDate.of(2020, 1, 5);

    @Test
    void theSummarizersSettingsAreRestatedAsOptions() {
        InvalidDataException end = assertThrows(InvalidDataException.class,
                () -> BtydSummarizer.builder().end(LocalDate.of(2020, 1, 1)).build().checkDates(FIRST));
        InvalidDataException shown = SummaryCommand.optionNames(end);
        assertEquals("--end must be on or after the first purchase date 2020-01-05, found 2020-01-01",
                shown.getMessage());
        assertEquals("--end", shown.column());
        assertSame(end, shown.getCause());
        InvalidDataException cal = assertThrows(InvalidDataException.class,
                () -> BtydSummarizer.builder().end(LocalDate.of(2020, 3, 1)).calibrationEnd(LocalDate.of(2020, 1, 1))
                        .build().checkDates(FIRST));
        assertEquals("--calibration-end must be on or after the first purchase date 2020-01-05, found 2020-01-01",
                SummaryCommand.optionNames(cal).getMessage());
    }

    @Test
    void otherErrorsKeepTheirMessage() {
        InvalidDataException empty = new InvalidDataException("lines must have at least one row, found 0");
        InvalidDataException shown = SummaryCommand.optionNames(empty);
        assertEquals("lines must have at least one row, found 0", shown.getMessage());
        assertSame(empty, shown.getCause());
        // a column named end that is not the setting (no constraint recorded) is not renamed
        InvalidDataException text = new InvalidDataException("end must be a date, found \"x\"", 3, "end", null);
        assertEquals("end must be a date, found \"x\"", SummaryCommand.optionNames(text).getMessage());
    }
}
