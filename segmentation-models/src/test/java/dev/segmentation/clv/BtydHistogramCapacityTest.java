package dev.segmentation.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.InvalidDataException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 19: counts past 2^31 stay exact and too many distinct triples are refused before an int overflows. */
class BtydHistogramCapacityTest {
    private static final Duration WEEK = Duration.ofDays(7);

    @Test
    void countsPastTwoToTheThirtyOneAreExactThroughAddAndMerge() {
        long big = 3_000_000_007L; // > 2^31
        BtydHistogram a = BtydHistogram.builder(WEEK).add(2, 5, 30, big).add(0, 0, 30, 1).add(2, 5, 30, big).build();
        BtydHistogram b = BtydHistogram.builder(WEEK).add(2, 5, 30, big).add(1, 3, 10, Long.MAX_VALUE >>> 12).build();
        BtydHistogram m = a.merge(b);
        assertEquals(3, m.size());
        assertEquals(3 * big, (long) m.weight(2));
        assertEquals(1, (long) m.weight(0));
        assertEquals(Long.MAX_VALUE >>> 12, (long) m.weight(1));
        assertEquals(3 * big + 1 + (Long.MAX_VALUE >>> 12), (long) m.totalWeight());
    }

    @Test
    void moreDistinctTriplesThanTheTableHoldsAreRefusedWithTheLimit() {
        BtydEntries.requireCapacity(BtydHistogram.MAX_ENTRIES); // the limit itself is fine
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> BtydEntries.requireCapacity(BtydHistogram.MAX_ENTRIES + 1L));
        assertEquals("histogram distinct (frequency, recency, T) entries must be <= 134217728, found 134217729; "
                + "summarize in a coarser time unit so that equal triples merge", e.getMessage());
        // a cell count that no int could hold is refused the same way, not wrapped
        InvalidDataException wide = assertThrows(InvalidDataException.class,
                () -> BtydEntries.requireCapacity(1L << 31));
        assertEquals("histogram distinct (frequency, recency, T) entries must be <= 134217728, found 2147483648; "
                + "summarize in a coarser time unit so that equal triples merge", wide.getMessage());
    }
}
