package dev.segmentation.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.features.PurchasePeriod;
import org.junit.jupiter.api.Test;

/** Order counts past 2^31 events (issue 17: "counts orders in an int that wraps after 2^31 events"). */
class CustomerStateCountsTest {
    @Test
    void ordersOccasionsAndLateEventsCountPastIntegerMaxValue() {
        long max = Integer.MAX_VALUE;
        CustomerState s = CustomerState.withCounts(PurchasePeriod.DAY, 20_000, max, max, max);
        CustomerState same = s.apply(20_000, 5); // same period: one more order
        assertEquals(max + 1, same.orders());
        CustomerState later = same.apply(20_010, 5); // a new occasion
        assertEquals(max + 2, later.orders());
        assertEquals(max, later.btydFrequency(), 0.0); // occasions max + 1, x = occasions - 1
        CustomerState late = later.apply(19_000, 1); // before the latest day: a late event
        assertEquals(max + 1, late.lateEvents());
        assertEquals(max + 3, late.orders());
    }
}
