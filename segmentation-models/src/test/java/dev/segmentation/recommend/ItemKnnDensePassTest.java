package dev.segmentation.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: item kNN's dense co-occurrence pass (every row streamed once per block of items) against the
 * item-by-item pass it replaces for catalogues up to {@link ItemKnn#DENSE_MAX_ITEMS} items: the same neighbour lists
 * and similarities bit for bit, for every thread count (so for every block size), with fractional weights whose sums
 * depend on their order.
 */
class ItemKnnDensePassTest {
    private static void assertSameModel(InteractionMatrix x, ItemKnnModel expected, ItemKnnModel actual) {
        for (int i = 0; i < x.items(); i++) {
            assertArrayEquals(expected.similarItems(i, x.items()), actual.similarItems(i, x.items()), "item " + i);
            assertArrayEquals(expected.neighborSimilarities(i), actual.neighborSimilarities(i), "item " + i);
        }
        for (int u = 0; u < x.customers(); u++) {
            assertArrayEquals(expected.recommend(u, 7, true), actual.recommend(u, 7, true), "customer " + u);
        }
    }

    @Property(tries = 200)
    void densePassGivesTheItemByItemListsForEveryThreadCount(@ForAll @IntRange(min = 0, max = 60) int customers,
            @ForAll @IntRange(min = 0, max = 40) int items, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 12) int neighbors, @ForAll @IntRange(min = 0, max = 3) int shrink,
            @ForAll @IntRange(min = 1, max = 5) int threads) {
        InteractionMatrix x = RandomInteractions.fractional(customers, items, seed);
        ItemKnn oneThread = ItemKnn.builder().neighbors(neighbors).shrink(0.5 * shrink).build();
        ItemKnnModel itemByItem = oneThread.fit(x, false);
        assertSameModel(x, itemByItem, oneThread.fit(x, true));
        assertSameModel(x, itemByItem, oneThread.toBuilder().threads(threads).build().fit(x, true));
    }

    @Test
    void fitTakesTheDensePassUpToTheLimitAndTheSameListsEitherWay() {
        InteractionMatrix x = RandomInteractions.fractional(300, 90, 19L);
        ItemKnn t = ItemKnn.builder().neighbors(10).threads(2).build();
        ItemKnnModel dense = t.fit(x);
        assertSameModel(x, t.fit(x, false), dense);
        assertEquals(10, dense.similarItems(0, 90).length);
    }

    @Test
    void blocksFitTheCacheBudgetAndGiveEveryWorkerFour() {
        assertEquals(50, ItemKnn.denseBlock(400, 2)); // 400 / (4 x 2) = 50 under the budget 2^17 / 400 = 327
        assertEquals(64, ItemKnn.denseBlock(2048, 1)); // the budget: 2^17 / 2048
        assertEquals(1, ItemKnn.denseBlock(3, 4));
        assertEquals(1, ItemKnn.denseBlock(0, 2));
    }
}
