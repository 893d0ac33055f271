package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class PurchasePeriodTest {
    @Test
    void dayPeriodsAreEpochDays() {
        assertEquals(0, PurchasePeriod.DAY.index(LocalDate.of(1970, 1, 1)));
        assertEquals(-1, PurchasePeriod.DAY.index(LocalDate.of(1969, 12, 31)));
        assertEquals(LocalDate.of(2015, 2, 7), PurchasePeriod.DAY.start(LocalDate.of(2015, 2, 7).toEpochDay()));
        assertEquals(LocalDate.of(2015, 2, 7), PurchasePeriod.DAY.end(LocalDate.of(2015, 2, 7).toEpochDay()));
        assertEquals(1, PurchasePeriod.DAY.days());
        assertEquals(Duration.ofDays(1), PurchasePeriod.DAY.length());
    }

    /** pandas: Period('2015-02-01', 'W') is 2015-01-26/2015-02-01, Period('2015-02-02', 'W') 2015-02-02/2015-02-08. */
    @Test
    void weeksRunMondayToSundayAsPandasWSun() {
        long sunday = PurchasePeriod.WEEK.index(LocalDate.of(2015, 2, 1));
        long monday = PurchasePeriod.WEEK.index(LocalDate.of(2015, 2, 2));
        assertEquals(sunday + 1, monday);
        assertEquals(LocalDate.of(2015, 1, 26), PurchasePeriod.WEEK.start(sunday));
        assertEquals(LocalDate.of(2015, 2, 1), PurchasePeriod.WEEK.end(sunday));
        assertEquals(LocalDate.of(2015, 2, 2), PurchasePeriod.WEEK.start(monday));
        assertEquals(LocalDate.of(2015, 2, 8), PurchasePeriod.WEEK.end(monday));
        // pandas: Period('1970-01-01', 'W') is 1969-12-29/1970-01-04.
        assertEquals(0, PurchasePeriod.WEEK.index(LocalDate.of(1970, 1, 1)));
        assertEquals(0, PurchasePeriod.WEEK.index(LocalDate.of(1969, 12, 29)));
        assertEquals(-1, PurchasePeriod.WEEK.index(LocalDate.of(1969, 12, 28)));
        assertEquals(7, PurchasePeriod.WEEK.days());
        assertEquals(Duration.ofDays(7), PurchasePeriod.WEEK.length());
    }

    @Property(tries = 300)
    void everyDayLiesInItsMondayToSundayWeek(@ForAll @LongRange(min = -400_000, max = 400_000) long epochDay) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        long w = PurchasePeriod.WEEK.index(epochDay);
        assertEquals(d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), PurchasePeriod.WEEK.start(w));
        assertEquals(d.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY)), PurchasePeriod.WEEK.end(w));
        assertEquals(w, PurchasePeriod.WEEK.index(d));
        assertEquals(epochDay, PurchasePeriod.DAY.index(d));
    }
}
