package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import dev.segmentation.data.TransactionLog;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link BtydSummarizer#summarizeWithCalibration} (issue 19: one pass over the log for the lifetime-value stage's two
 * summaries) gives exactly the two summaries of the separate calls, column for column with no tolerance, over
 * generated logs whose amounts are not integers (so that a sum taken in another order would show), and refuses bad
 * settings with the builder's messages.
 */
class BtydSummarizerWithCalibrationTest {
    private static final LocalDate ORIGIN = LocalDate.of(2020, 1, 1);
    private static final long ORIGIN_SECOND = ORIGIN.toEpochDay() * 86_400L;

    /** One generated row: customer 0..11, day 0..89, any second, an amount in cents. */
    record Tx(int customer, int day, int second, int cents) {
    }

    @Provide
    Arbitrary<List<Tx>> logs() {
        Arbitrary<Tx> tx = Combinators.combine(Arbitraries.integers().between(0, 11),
                Arbitraries.integers().between(0, 89), Arbitraries.integers().between(0, 86_399),
                Arbitraries.integers().between(0, 100_000)).as(Tx::new);
        return tx.list().ofMinSize(1).ofMaxSize(80);
    }

    private static TransactionLog build(List<Tx> rows) {
        TransactionLog.Builder b = TransactionLog.builder();
        for (Tx t : rows) {
            b.add("c" + t.customer(), null, null, ORIGIN_SECOND + t.day() * 86_400L + t.second(), 1,
                    t.cents() * 0.01 / 3, null, null);
        }
        return b.build();
    }

    private static void assertSameSummary(BtydSummary expected, BtydSummary actual) {
        assertArrayEquals(expected.ids(), actual.ids(), "ids");
        assertArrayEquals(expected.frequency(), actual.frequency(), "frequency");
        assertArrayEquals(expected.recency(), actual.recency(), "recency");
        assertArrayEquals(expected.T(), actual.T(), "T");
        assertArrayEquals(expected.monetary(), actual.monetary(), "monetary");
        assertEquals(expected.hasHoldout(), actual.hasHoldout(), "hasHoldout");
        if (expected.hasHoldout()) {
            assertArrayEquals(expected.frequencyHoldout(), actual.frequencyHoldout(), "frequencyHoldout");
            assertArrayEquals(expected.monetaryHoldout(), actual.monetaryHoldout(), "monetaryHoldout");
            assertArrayEquals(expected.durationHoldout(), actual.durationHoldout(), "durationHoldout");
        }
        assertEquals(expected.unit(), actual.unit(), "unit");
    }

    @Property(tries = 300)
    void onePassGivesTheTwoSeparateSummaries(@ForAll("logs") List<Tx> rows,
            @ForAll @IntRange(min = 0, max = 95) int calibrationOffset, @ForAll @IntRange(min = 1, max = 40) int gap,
            @ForAll boolean weekly, @ForAll boolean weekUnit) {
        PurchasePeriod period = weekly ? PurchasePeriod.WEEK : PurchasePeriod.DAY;
        int first = rows.stream().mapToInt(Tx::day).min().orElseThrow();
        LocalDate calibrationEnd = ORIGIN.plusDays(Math.max(calibrationOffset, first));
        LocalDate end = calibrationEnd.plusDays(gap);
        if (period.index(end) <= period.index(calibrationEnd)) {
            end = period.end(period.index(calibrationEnd) + 1);
        }
        TransactionLog log = build(rows);
        BtydSummarizer summarizer = BtydSummarizer.builder().end(end).period(period)
                .unit(Duration.ofDays(weekUnit ? 7 : 1)).build();
        BtydSummarizer.WithCalibration both = summarizer.summarizeWithCalibration(log, calibrationEnd);
        assertSameSummary(summarizer.summarize(log), both.all());
        assertSameSummary(summarizer.toBuilder().calibrationEnd(calibrationEnd).build().summarize(log),
                both.calibration());
        assertFalse(both.all().hasHoldout());
        assertTrue(both.calibration().hasHoldout());
    }

    @Test
    void customersFirstSeenInTheHoldoutAreOnlyInTheSummaryOfAllData() {
        TransactionLog log = TransactionLog.builder()
                .add("a", LocalDate.of(2015, 1, 1).atStartOfDay(), 2.5)
                .add("b", LocalDate.of(2015, 1, 20).atStartOfDay(), 4)
                .add("a", LocalDate.of(2015, 1, 21).atStartOfDay(), 1.25)
                .build();
        BtydSummarizer.WithCalibration both = BtydSummarizer.builder().end(LocalDate.of(2015, 1, 31)).build()
                .summarizeWithCalibration(log, LocalDate.of(2015, 1, 10));
        assertArrayEquals(new String[] {"a", "b"}, both.all().ids());
        assertArrayEquals(new double[] {1, 0}, both.all().frequency());
        assertArrayEquals(new double[] {1.25, 0}, both.all().monetary());
        assertArrayEquals(new String[] {"a"}, both.calibration().ids());
        assertArrayEquals(new double[] {0}, both.calibration().frequency());
        assertArrayEquals(new double[] {1}, both.calibration().frequencyHoldout());
        assertArrayEquals(new double[] {1.25}, both.calibration().monetaryHoldout());
        assertArrayEquals(new double[] {21}, both.calibration().durationHoldout());
        assertEquals("WithCalibration{all=2 customers, calibration=1 customers}", both.toString());
    }

    @Test
    void badSettingsAndDataAreRefusedWithTheSummarizersMessages() {
        TransactionLog log = TransactionLog.builder()
                .add("a", LocalDate.of(2015, 1, 1).atStartOfDay(), 5)
                .add("b", LocalDate.of(2015, 1, 2).atStartOfDay(), -2.5)
                .build();
        LocalDate end = LocalDate.of(2015, 1, 31);
        BtydSummarizer summarizer = BtydSummarizer.builder().end(end).build();
        IllegalStateException set = assertThrows(IllegalStateException.class,
                () -> summarizer.toBuilder().calibrationEnd(LocalDate.of(2015, 1, 5)).build()
                        .summarizeWithCalibration(log, LocalDate.of(2015, 1, 10)));
        assertEquals("calibrationEnd must not be set on this summarizer, found 2015-01-05", set.getMessage());
        IllegalStateException late = assertThrows(IllegalStateException.class,
                () -> summarizer.summarizeWithCalibration(log, end));
        assertEquals("calibrationEnd must be in a DAY period before that of end 2015-01-31, found 2015-01-31",
                late.getMessage());
        InvalidDataException early = assertThrows(InvalidDataException.class,
                () -> summarizer.summarizeWithCalibration(log, LocalDate.of(2014, 12, 1)));
        assertEquals("calibrationEnd must be on or after the first purchase date 2015-01-01, found 2014-12-01",
                early.getMessage());
        InvalidDataException negative = assertThrows(InvalidDataException.class,
                () -> summarizer.summarizeWithCalibration(log, LocalDate.of(2015, 1, 10)));
        assertEquals("row 1 (customer b): amount must be >= 0, found -2.5", negative.getMessage());
        NullPointerException nullLog = assertThrows(NullPointerException.class,
                () -> summarizer.summarizeWithCalibration(null, LocalDate.of(2015, 1, 10)));
        assertEquals("log", nullLog.getMessage());
        NullPointerException nullEnd = assertThrows(NullPointerException.class,
                () -> summarizer.summarizeWithCalibration(log, null));
        assertEquals("calibrationEnd", nullEnd.getMessage());
    }
}
