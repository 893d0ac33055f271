package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Issue 21: the segments' item rules on counts, shared by the single JVM and Spark. */
class SegmentItemsTest {
    private static final List<String> IDS = List.of("i0", "i1", "i2", "i3", "i4", "i5", "i6");

    @Test
    void topItemsAreTheMostLinesTiesByItemOrderItemsWithoutLinesLeftOut() {
        long[][] lines = {{3, 0, 5, 3, 1, 1, 1}, {0, 0, 2, 0, 0, 0, 0}, new long[7]};
        assertEquals(List.of(List.of("i2", "i0", "i3", "i4", "i5"), List.of("i2"), List.of()),
                SegmentItems.topItems(IDS, lines));
    }

    @Test
    void distinctiveItemsAreByLiftAmongItemsWithEnoughBuyers() {
        // segment 0: 100 customers; segment 1: 900
        long[][] buyers = {{50, 50, 4, 10, 5, 6, 0}, {50, 850, 0, 10, 45, 0, 0}};
        long[] all = {100, 900, 4, 20, 50, 6, 0};
        long[] size = {100, 900};
        // lifts in segment 0: i0 0.5/0.1 = 5, i1 0.5/0.9, i2 too few buyers (4 < 5), i3 0.1/0.02 = 5, i4 at the 5%
        // support (5 of 100: kept) 0.05/0.05 = 1, i5 0.06/0.006 = 10; the tie at 5 goes to more buyers: i0 first.
        // Segment 1: i3's 10 buyers are below 5% of 900; i1 (850/900)/0.9, i4 0.05/0.05, i0 (50/900)/0.1
        assertEquals(List.of(List.of("i5", "i0", "i3", "i4", "i1"), List.of("i1", "i4", "i0")),
                SegmentItems.distinctiveItems(IDS, buyers, all, size, 1000));
    }

    @Test
    void descriptionsAreStrippedInOrderEmptyForNone() {
        Map<String, String> d = Map.of("i0", " ZERO ", "i2", "TWO, AND MORE");
        assertEquals("ZERO |  | TWO, AND MORE", SegmentItems.descriptions(List.of("i0", "i1", "i2"), d::get));
        assertEquals("", SegmentItems.descriptions(List.of(), d::get));
    }

    @Test
    void countsOfTheWrongLengthAreRefusedNamingTheRow() {
        assertEquals("lines[1] must have length 7 (one count per item), found 6", assertThrows(
                IllegalArgumentException.class, () -> SegmentItems.topItems(IDS, new long[][] {new long[7],
                    new long[6]})).getMessage());
        assertEquals("all must have length 7 (one count per item), found 2", assertThrows(
                IllegalArgumentException.class, () -> SegmentItems.distinctiveItems(IDS, new long[][] {new long[7]},
                        new long[2], new long[1], 1)).getMessage());
        assertEquals("size must have length 1 (one entry per segment), found 2", assertThrows(
                IllegalArgumentException.class, () -> SegmentItems.distinctiveItems(IDS, new long[][] {new long[7]},
                        new long[7], new long[2], 1)).getMessage());
    }

    /** The most bought items are a sort by lines (most first, then item order) of the items bought, cut at 5. */
    @Property
    void topItemsAreTheHeadOfASortByLinesThenItemOrder(@ForAll("counts") long[] lines) {
        List<String> ids = ids(lines.length);
        List<String> expected = IntStream.range(0, lines.length).boxed().filter(i -> lines[i] > 0)
                .sorted(Comparator.<Integer>comparingLong(i -> -lines[i]).thenComparingInt(i -> i))
                .limit(SegmentItems.TOP_ITEMS).map(ids::get).collect(Collectors.toList());
        assertEquals(List.of(expected), SegmentItems.topItems(ids, new long[][] {lines}));
    }

    /** Every distinctive item has the minimum support, and none left out has a higher lift than one kept. */
    @Property
    void distinctiveItemsHaveTheSupportAndTheHighestLifts(@ForAll("counts") long[] buyers,
            @ForAll("extra") long extra) {
        int n = buyers.length;
        List<String> ids = ids(n);
        long seg = 0;
        for (long b : buyers) {
            seg = Math.max(seg, b);
        }
        seg += extra;
        long[] all = new long[n];
        for (int i = 0; i < n; i++) {
            all[i] = buyers[i] + (i % 3) * 7;
        }
        long customers = seg + 30;
        List<String> got = SegmentItems.distinctiveItems(ids, new long[][] {buyers}, all, new long[] {seg},
                customers).get(0);
        List<Double> lifts = new ArrayList<>();
        for (String id : got) {
            int i = ids.indexOf(id);
            assertEquals(true, buyers[i] >= SegmentSummary.MIN_ITEM_CUSTOMERS
                    && buyers[i] >= SegmentSummary.MIN_ITEM_SUPPORT * seg, id);
            lifts.add(((double) buyers[i] / seg) / ((double) all[i] / customers));
        }
        for (int j = 1; j < lifts.size(); j++) {
            assertEquals(true, lifts.get(j - 1) >= lifts.get(j), "most distinctive first");
        }
        for (int i = 0; i < n; i++) {
            boolean supported = buyers[i] >= SegmentSummary.MIN_ITEM_CUSTOMERS
                    && buyers[i] >= SegmentSummary.MIN_ITEM_SUPPORT * seg;
            if (supported && !got.contains(ids.get(i))) {
                assertEquals(SegmentSummary.DISTINCTIVE_ITEMS, got.size(), ids.get(i));
                double lift = ((double) buyers[i] / seg) / ((double) all[i] / customers);
                assertEquals(true, lift <= lifts.get(lifts.size() - 1), ids.get(i));
            }
        }
    }

    @Provide
    Arbitrary<long[]> counts() {
        return Arbitraries.longs().between(0, 12).array(long[].class).ofMinSize(0).ofMaxSize(15);
    }

    @Provide
    Arbitrary<Long> extra() {
        return Arbitraries.longs().between(0, 200);
    }

    private static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("item" + (char) ('a' + i));
        }
        return ids;
    }
}
