package dev.segmentation.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Invariants over random sparse matrices. */
class RecommendPropertiesTest {
    /**
     * A list is valid when it has at most n distinct items, each bought by someone, none bought by customer u when
     * seen items are excluded.
     */
    static void assertValidList(InteractionMatrix x, int u, int n, boolean exclude, int[] list) {
        assertTrue(list.length <= n);
        boolean[] seen = new boolean[x.items()];
        for (int j : list) {
            assertTrue(!seen[j], "duplicate " + j);
            seen[j] = true;
            assertTrue(x.customersOf(j) > 0);
            if (exclude && u >= 0 && u < x.customers()) {
                assertEquals(0.0, x.get(u, j), "excluded item " + j + " for " + u);
            }
        }
    }

    @Property(tries = 100)
    void similarityIsSymmetricAndInUnitInterval(@ForAll @IntRange(min = 1, max = 30) int customers,
            @ForAll @IntRange(min = 1, max = 25) int items, @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 5) int shrink) {
        InteractionMatrix x = RandomInteractions.counts(customers, items, seed);
        ItemKnnModel m = ItemKnn.builder().neighbors(items).shrink(shrink).build().fit(x);
        for (int i = 0; i < items; i++) {
            for (int j = 0; j < items; j++) {
                double s = m.similarity(i, j);
                assertEquals(s, m.similarity(j, i));
                assertTrue(s >= 0 && s <= 1 + 1e-12, "sim " + s);
            }
            int[] nb = m.similarItems(i, items);
            double[] sims = m.neighborSimilarities(i);
            for (int q = 0; q < nb.length; q++) {
                assertTrue(nb[q] != i);
                assertEquals(m.similarity(i, nb[q]), sims[q], 1e-12);
                assertTrue(q == 0 || sims[q] <= sims[q - 1]);
            }
        }
    }

    @Property(tries = 100)
    void listsHaveNoDuplicatesNorExcludedItems(@ForAll @IntRange(min = 1, max = 30) int customers,
            @ForAll @IntRange(min = 1, max = 25) int items, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 30) int n, @ForAll @IntRange(min = 1, max = 10) int neighbors) {
        InteractionMatrix x = RandomInteractions.counts(customers, items, seed);
        Recommender[] recs = {Popularity.builder().build().fit(x),
            ItemKnn.builder().neighbors(neighbors).build().fit(x)};
        for (Recommender r : recs) {
            for (int u = -1; u <= customers; u++) {
                for (boolean exclude : new boolean[] {false, true}) {
                    assertValidList(x, u, n, exclude, r.recommend(u, n, exclude));
                }
            }
        }
    }

    @Property(tries = 30)
    void fitIsIdenticalForOneAndFourThreads(@ForAll @IntRange(min = 1, max = 30) int customers,
            @ForAll @IntRange(min = 1, max = 25) int items, @ForAll long seed) {
        InteractionMatrix x = RandomInteractions.counts(customers, items, seed);
        ItemKnn t = ItemKnn.builder().neighbors(5).shrink(1).build();
        ItemKnnModel a = t.fit(x);
        ItemKnnModel b = t.toBuilder().threads(4).build().fit(x);
        for (int i = 0; i < items; i++) {
            assertArrayEquals(a.similarItems(i, 5), b.similarItems(i, 5));
            assertArrayEquals(a.neighborSimilarities(i), b.neighborSimilarities(i));
        }
        for (int u = 0; u < customers; u++) {
            assertArrayEquals(a.recommend(u, 10, true), b.recommend(u, 10, true));
        }
    }
}
