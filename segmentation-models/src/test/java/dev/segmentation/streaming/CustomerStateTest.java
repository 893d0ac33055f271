package dev.segmentation.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.TransactionCsv;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.features.PurchasePeriod;
import dev.segmentation.testing.SharedData;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Streaming state: exact against the batch summaries for in-order events, documented for late ones. */
class CustomerStateTest {
    private static final LocalDate ORIGIN = LocalDate.of(2020, 1, 1);
    private static final Duration WEEK = Duration.ofDays(7);

    /** Replays a customer's rows of a log dated on or before {@code end}, in time order. */
    static CustomerState replay(TransactionLog log, int c, PurchasePeriod period, LocalDate end) {
        CustomerState s = CustomerState.empty(period);
        TransactionLog.CustomerRows rows = log.rowsOf(c);
        for (int k = 0; k < rows.size() && log.epochDay(rows.row(k)) <= end.toEpochDay(); k++) {
            int r = rows.row(k);
            s = s.apply(log.epochDay(r), log.amount(r));
        }
        return s;
    }

    /**
     * The CDNOW sample (2,357 customers) to the end of the FHL calibration period, 1997-09-30: the replayed BTYD
     * summary is bit-identical to the batch one.
     */
    @Test
    void cdnowReplayEqualsTheBatchSummaryExactly() {
        TransactionLog log = TransactionCsv.readPreset(SharedData.file("cdnow/CDNOW_sample.txt"), "cdnow").log();
        LocalDate end = LocalDate.of(1997, 9, 30);
        BtydSummary batch = BtydSummarizer.builder().end(end).unit(WEEK).build().summarize(log);
        assertEquals(2357, batch.size());
        assertEquals(batch.size(), log.customerCount());
        for (int c = 0; c < log.customerCount(); c++) {
            CustomerState s = replay(log, c, PurchasePeriod.DAY, end);
            assertEquals(batch.id(c), log.customerId(c));
            assertEquals(batch.frequency(c), s.btydFrequency(), "x of " + batch.id(c));
            assertEquals(batch.recency(c), s.btydRecency(WEEK), "t_x of " + batch.id(c));
            assertEquals(batch.T(c), s.btydAge(end, WEEK), "T of " + batch.id(c));
            assertEquals(batch.monetary(c), s.btydMonetary(), "monetary of " + batch.id(c));
            assertTrue(s.btydExact());
        }
    }

    record Event(int customer, int day, double amount) {
    }

    @Provide
    Arbitrary<List<Event>> events() {
        Arbitrary<Event> e = Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 60), Arbitraries.of(0.0, 1.5, 10.0, 19.99, 250.0))
                .as(Event::new);
        return e.list().ofMinSize(1).ofMaxSize(60)
                .map(l -> l.stream().sorted((a, b) -> Integer.compare(a.day(), b.day())).toList());
    }

    /** In-order events: RFM and the BTYD summary (day and week periods) equal the batch computations. */
    @Property(tries = 200)
    void inOrderEventsAreExact(@ForAll("events") List<Event> events, @ForAll boolean weeks) {
        PurchasePeriod period = weeks ? PurchasePeriod.WEEK : PurchasePeriod.DAY;
        TransactionLog.Builder b = TransactionLog.builder();
        CustomerState[] states = new CustomerState[5];
        java.util.Arrays.fill(states, CustomerState.empty(period));
        for (Event e : events) {
            b.add("c" + e.customer(), ORIGIN.plusDays(e.day()).atTime(12, 0), e.amount());
            states[e.customer()] = states[e.customer()].apply(ORIGIN.plusDays(e.day()).toEpochDay(), e.amount());
        }
        TransactionLog log = b.build();
        LocalDate end = ORIGIN.plusDays(70);
        BtydSummary batch = BtydSummarizer.builder().end(end).period(period).unit(WEEK).build().summarize(log);
        for (int i = 0; i < batch.size(); i++) {
            CustomerState s = states[Integer.parseInt(batch.id(i).substring(1))];
            assertEquals(batch.frequency(i), s.btydFrequency());
            assertEquals(batch.recency(i), s.btydRecency(WEEK));
            assertEquals(batch.T(i), s.btydAge(end, WEEK));
            assertEquals(batch.monetary(i), s.btydMonetary());
            int c = log.customerIndex(batch.id(i));
            TransactionLog.CustomerRows rows = log.rowsOf(c);
            double spend = 0;
            for (int k = 0; k < rows.size(); k++) {
                spend += rows.amount(k);
            }
            assertEquals(spend, s.spend());
            assertEquals(rows.size(), s.orders());
            LocalDate asOf = end.plusDays(1);
            assertEquals(asOf.toEpochDay() - log.epochDay(rows.row(rows.size() - 1)), s.recencyDays(asOf));
            assertEquals(asOf.toEpochDay() - log.epochDay(rows.row(0)), s.tenureDays(asOf));
        }
    }

    private static long day(int d) {
        return ORIGIN.plusDays(d).toEpochDay();
    }

    @Test
    void aLateEventInTheCurrentPeriodStaysExact() {
        CustomerState inOrder = CustomerState.empty(PurchasePeriod.WEEK).apply(day(0), 10).apply(day(13), 5)
                .apply(day(14), 7);
        // 2020-01-14 (day 13) and 2020-01-15 (day 14) are in the same Monday-to-Sunday week
        CustomerState late = CustomerState.empty(PurchasePeriod.WEEK).apply(day(0), 10).apply(day(14), 7)
                .apply(day(13), 5);
        assertEquals(1, late.lateEvents());
        assertTrue(late.btydExact());
        assertEquals(inOrder.btydFrequency(), late.btydFrequency());
        assertEquals(inOrder.btydRecency(WEEK), late.btydRecency(WEEK));
        assertEquals(inOrder.btydMonetary(), late.btydMonetary());
        assertEquals(inOrder.lastDay(), late.lastDay());
    }

    @Test
    void aLateEventInAnEarlierPeriodKeepsRfmExactAndFlagsTheSummary() {
        CustomerState s = CustomerState.empty(PurchasePeriod.DAY).apply(day(0), 10).apply(day(10), 20)
                .apply(day(20), 30);
        CustomerState late = s.apply(day(5), 4);
        // RFM: exact whatever the order
        LocalDate asOf = ORIGIN.plusDays(30);
        assertEquals(10, late.recencyDays(asOf));
        assertEquals(30, late.tenureDays(asOf));
        assertEquals(4, late.orders());
        assertEquals(64, late.spend());
        // BTYD: assumed on an existing occasion; its amount joins the repeat spend; flagged
        assertEquals(2, late.btydFrequency());
        assertEquals((20 + 30 + 4) / 2.0, late.btydMonetary());
        assertFalse(late.btydExact());
        assertEquals(1, late.lateEvents());
        // before the first purchase: the first day moves back for RFM, the first period's spend stays excluded
        CustomerState early = s.apply(day(-3), 8);
        assertEquals(33, early.tenureDays(asOf));
        assertEquals(25.0, early.btydMonetary());
        assertFalse(early.btydExact());
    }

    @Test
    void badEventsAreRefusedAndLeaveNoTrace() {
        CustomerState s = CustomerState.empty(PurchasePeriod.DAY);
        assertEquals("amount must be finite and >= 0, found -1.0",
                assertThrows(IllegalArgumentException.class, () -> s.apply(day(0), -1)).getMessage());
        assertEquals("amount must be finite and >= 0, found NaN",
                assertThrows(IllegalArgumentException.class, () -> s.apply(day(0), Double.NaN)).getMessage());
        assertEquals("epochDay must be an int, found 9999999999",
                assertThrows(IllegalArgumentException.class, () -> s.apply(9_999_999_999L, 1)).getMessage());
        assertEquals("customer must have a purchase, found none",
                assertThrows(IllegalStateException.class, s::btydMonetary).getMessage());
        assertEquals(0, s.orders());
    }
}
