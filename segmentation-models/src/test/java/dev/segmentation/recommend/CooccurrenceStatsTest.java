package dev.segmentation.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Item co-occurrence statistics, the mergeable data pass of item kNN. Golden: a 3 x 3 matrix counted by hand;
 * properties: merge over any partition of the customers equals the whole pass (integer weights), merge is
 * associative, empty is its identity, and neighbours selected from merged statistics equal {@link ItemKnn#fit}'s.
 */
class CooccurrenceStatsTest {
    /** c0 buys items 0 (1) and 1 (2); c1 buys 0 (3), 1 (1), 2 (1); c2 buys 1 (1), 2 (4). */
    private static final InteractionMatrix M = InteractionMatrix.of(3, 3, new int[] {0, 2, 5, 7},
            new int[] {0, 1, 0, 1, 2, 1, 2}, new double[] {1, 2, 3, 1, 1, 1, 4});

    @Test
    void countsTheHandExample() {
        CooccurrenceStats s = CooccurrenceStats.accumulate(M, 0, 3);
        assertEquals(3, s.customers());
        assertEquals(6, s.pairs());
        // item 0 with 1: c0 and c1, 1*2 + 3*1; with 2: c1, 3*1
        assertArrayEquals(new int[] {1, 2}, s.others(0));
        assertArrayEquals(new long[] {2, 1}, s.counts(0));
        assertArrayEquals(new double[] {5, 3}, s.dots(0));
        // item 1 with 0: 2*1 + 1*3; with 2: c1 and c2, 1*1 + 1*4
        assertArrayEquals(new int[] {0, 2}, s.others(1));
        assertArrayEquals(new long[] {2, 2}, s.counts(1));
        assertArrayEquals(new double[] {5, 5}, s.dots(1));
        assertArrayEquals(new int[] {0, 1}, s.others(2));
        assertArrayEquals(new long[] {1, 2}, s.counts(2));
        assertArrayEquals(new double[] {3, 5}, s.dots(2));

        CooccurrenceStats first = CooccurrenceStats.accumulate(M, 0, 1);
        assertArrayEquals(new int[] {1}, first.others(0));
        assertArrayEquals(new double[] {2}, first.dots(0));
        assertArrayEquals(new int[0], first.others(2));
        assertEquals(s, first.merge(CooccurrenceStats.accumulate(M, 1, 3)));

        CooccurrenceStats block = CooccurrenceStats.accumulate(M, 0, 3, 1, 2);
        assertEquals(1, block.itemFrom());
        assertEquals(2, block.itemTo());
        assertArrayEquals(new double[] {5, 5}, block.dots(1));
        assertEquals("CooccurrenceStats{items=3, itemFrom=1, itemTo=2, customers=3, pairs=2}", block.toString());
    }

    @Test
    void namesTheBadInput() {
        assertEquals("customerTo must be in [1, 3], found 4",
                msg(() -> CooccurrenceStats.accumulate(M, 1, 4)));
        assertEquals("customerFrom must be in [0, 3], found -1",
                msg(() -> CooccurrenceStats.accumulate(M, -1, 2)));
        assertEquals("itemTo must be in [2, 3], found 1", msg(() -> CooccurrenceStats.accumulate(M, 0, 3, 2, 1)));
        assertEquals("itemFrom must be in [0, 3], found 4", msg(() -> CooccurrenceStats.empty(3, 4, 4)));
        assertEquals("other must have 3 items, found 4",
                msg(() -> CooccurrenceStats.empty(3, 0, 3).merge(CooccurrenceStats.empty(4, 0, 3))));
        assertEquals("other must cover items [0, 3), found [1, 3)",
                msg(() -> CooccurrenceStats.empty(3, 0, 3).merge(CooccurrenceStats.empty(3, 1, 3))));
        assertEquals("item must be in [1, 2), found 0",
                msg(() -> CooccurrenceStats.accumulate(M, 0, 3, 1, 2).others(0)));
    }

    private static String msg(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Property(tries = 100)
    void anyPartitionMergesToTheWholePass(@ForAll @IntRange(min = 1, max = 60) int customers,
            @ForAll @IntRange(min = 1, max = 25) int items, @ForAll long seed) {
        InteractionMatrix m = RandomInteractions.counts(customers, items, seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        int a = rnd.nextInt(customers + 1);
        int b = a + rnd.nextInt(customers - a + 1);
        CooccurrenceStats whole = CooccurrenceStats.accumulate(m, 0, customers);
        CooccurrenceStats x = CooccurrenceStats.accumulate(m, 0, a);
        CooccurrenceStats y = CooccurrenceStats.accumulate(m, a, b);
        CooccurrenceStats z = CooccurrenceStats.accumulate(m, b, customers);
        assertEquals(whole, x.merge(y).merge(z));
        assertEquals(x.merge(y).merge(z), x.merge(y.merge(z)), "associative");
        assertEquals(customers, x.merge(y).merge(z).customers());
    }

    @Property(tries = 100)
    void emptyChangesNothing(@ForAll @IntRange(min = 1, max = 60) int customers,
            @ForAll @IntRange(min = 1, max = 25) int items, @ForAll long seed) {
        InteractionMatrix m = RandomInteractions.counts(customers, items, seed);
        int at = new SplittableRandom(seed).nextInt(customers + 1);
        CooccurrenceStats whole = CooccurrenceStats.accumulate(m, 0, customers);
        CooccurrenceStats empty = CooccurrenceStats.empty(items, 0, items);
        assertEquals(whole, whole.merge(empty));
        assertEquals(whole, empty.merge(whole));
        // an empty partition (no customer) is the empty statistics
        assertEquals(empty, CooccurrenceStats.accumulate(m, at, at));
        assertEquals(whole, CooccurrenceStats.accumulate(m, 0, at).merge(CooccurrenceStats.accumulate(m, at, at))
                .merge(CooccurrenceStats.accumulate(m, at, customers)));
    }

    @Property(tries = 50)
    void neighboursFromMergedPartitionsEqualTheFit(@ForAll @IntRange(min = 1, max = 60) int customers,
            @ForAll @IntRange(min = 2, max = 25) int items, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 6) int neighbors) {
        InteractionMatrix m = RandomInteractions.counts(customers, items, seed);
        ItemKnn knn = ItemKnn.builder().neighbors(neighbors).shrink(seed % 3 == 0 ? 0 : 2.5).build();
        ItemKnnModel model = knn.fit(m);
        int cut = new SplittableRandom(seed).nextInt(customers + 1);
        CooccurrenceStats stats = CooccurrenceStats.accumulate(m, 0, cut)
                .merge(CooccurrenceStats.accumulate(m, cut, customers));
        double[] norms = ItemKnn.itemNorms(m);
        for (int i = 0; i < items; i++) {
            ItemKnn.Neighbors nb = knn.neighbors(i, stats.others(i), stats.dots(i), norms);
            assertArrayEquals(model.similarItems(i, items), nb.ids(), "item " + i);
            assertArrayEquals(model.neighborSimilarities(i), nb.similarities(), "item " + i);
        }
    }
}
