package dev.segmentation.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.Provenance;
import dev.segmentation.persist.ModelJson;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: item kNN recommends from a given history, and its neighbour-list form (no training matrix) recommends
 * bit for bit as the full model; the form round-trips through ModelJson.
 */
class ItemKnnNeighborsModelTest {
    /** c0 buys items 0 (1) and 1 (2); c1 buys 0 (3), 1 (1), 2 (1); c2 buys 1 (1), 2 (4); item 3 nobody. */
    private static final InteractionMatrix M = InteractionMatrix.of(3, 4, new int[] {0, 2, 5, 7},
            new int[] {0, 1, 0, 1, 2, 1, 2}, new double[] {1, 2, 3, 1, 1, 1, 4});

    private static double[] weights(InteractionMatrix x, int u) {
        int[] row = x.itemsOf(u);
        double[] w = new double[row.length];
        for (int q = 0; q < row.length; q++) {
            w[q] = x.get(u, row[q]);
        }
        return w;
    }

    @Property(tries = 200)
    void theNeighbourListFormRecommendsAsTheFullModelBitForBit(@ForAll @IntRange(min = 1, max = 40) int customers,
            @ForAll @IntRange(min = 1, max = 30) int items, @ForAll @IntRange(min = 1, max = 8) int neighbors,
            @ForAll @IntRange(min = 0, max = 3) int shrink, @ForAll @IntRange(min = 1, max = 12) int n,
            @ForAll long seed) {
        InteractionMatrix x = RandomInteractions.fractional(customers, items, seed);
        ItemKnnModel full = ItemKnn.builder().neighbors(neighbors).shrink(shrink).build().fit(x);
        ItemKnnNeighborsModel lists = full.neighborLists(InteractionMatrix.Weighting.LOG, false);
        ItemKnnNeighborsModel read = (ItemKnnNeighborsModel) ModelJson.fromJson(ModelJson.toJson(lists));
        for (boolean exclude : new boolean[] {true, false}) {
            for (int u = -1; u <= customers; u++) {
                int[] expected = full.recommend(u, n, exclude);
                int[] row = u < 0 || u >= customers ? new int[0] : x.itemsOf(u);
                double[] w = u < 0 || u >= customers ? new double[0] : weights(x, u);
                assertArrayEquals(expected, full.recommend(row, w, n, exclude), "full, customer " + u);
                assertArrayEquals(expected, lists.recommend(row, w, n, exclude), "lists, customer " + u);
                assertArrayEquals(expected, read.recommend(row, w, n, exclude), "read back, customer " + u);
            }
        }
        for (int i = 0; i < items; i++) {
            assertArrayEquals(full.similarItems(i, items), read.similarItems(i, items));
            assertArrayEquals(full.neighborSimilarities(i), read.neighborSimilarities(i));
        }
    }

    @Property(tries = 100)
    void popularityRecommendsFromAHistoryAsFromTheCustomersRow(@ForAll @IntRange(min = 1, max = 30) int customers,
            @ForAll @IntRange(min = 1, max = 20) int items, @ForAll @IntRange(min = 1, max = 10) int n,
            @ForAll long seed) {
        InteractionMatrix x = RandomInteractions.fractional(customers, items, seed);
        PopularityModel p = Popularity.builder().build().fit(x);
        for (int u = 0; u < customers; u++) {
            for (boolean exclude : new boolean[] {true, false}) {
                assertArrayEquals(p.recommend(u, n, exclude), p.recommend(x.itemsOf(u), weights(x, u), n, exclude));
            }
        }
    }

    @Test
    void theHandExampleAndItsJsonRoundTrip() {
        ItemKnnModel full = ItemKnn.builder().neighbors(2).build().fit(M);
        ItemKnnNeighborsModel lists = full.neighborLists(InteractionMatrix.Weighting.COUNT, true);
        assertEquals(4, lists.items());
        assertArrayEquals(new long[] {2, 3, 2, 0}, lists.customersPerItem());
        assertArrayEquals(new int[] {1, 0, 2}, lists.ranking());
        assertArrayEquals(new double[] {Math.sqrt(10), Math.sqrt(6), Math.sqrt(17), 0}, lists.norms());
        // a history of item 0 only: item 1 (sim 5 / (sqrt 10 sqrt 6)) before item 2 (3 / (sqrt 10 sqrt 17))
        assertArrayEquals(new int[] {1, 2}, lists.recommend(new int[] {0}, new double[] {1}, 3, true));
        // seen items kept: item 0 is not its own neighbour, so it comes from the popularity fill
        assertArrayEquals(new int[] {1, 2, 0}, lists.recommend(new int[] {0}, new double[] {1}, 3, false));
        assertArrayEquals(new int[] {1, 0}, lists.recommend(new int[0], new double[0], 2, true));
        String json = ModelJson.toJson(lists);
        ItemKnnNeighborsModel read = (ItemKnnNeighborsModel) ModelJson.fromJson(json);
        assertEquals(json, ModelJson.toJson(read));
        assertEquals(lists.provenance(), read.provenance());
        assertEquals(full.trainer(), read.trainer());
        assertEquals(InteractionMatrix.Weighting.COUNT, read.weighting());
        assertEquals(true, read.includeNonProducts());
        assertEquals(InteractionMatrix.builder().weighting(InteractionMatrix.Weighting.COUNT).includeNonProducts(true)
                .toString(), read.interactions().toString());
        assertEquals(true, ModelJson.toJson(lists.withProvenance(Provenance.notRecorded())).contains("\"version\" : 1,"),
                "without a provenance the document is version 1, as any type's");
    }

    @Test
    void ofRebuildsAndRefusesBadInput() {
        ItemKnnNeighborsModel m = ItemKnnNeighborsModel.of("ItemKnn{neighbors=1, shrink=0.0}", 0.0,
                new double[] {1, 2, 0}, new int[][] {{1}, {0}, {}}, new double[][] {{0.5}, {0.5}, {}},
                new long[] {1, 4, 0}, InteractionMatrix.Weighting.BINARY, false);
        assertArrayEquals(new int[] {1, 0}, m.ranking());
        assertArrayEquals(new int[] {0}, m.recommend(new int[] {1}, new double[] {1}, 5, true));
        assertEquals("customersPerItem must have 3 values (one per item), found 2", msg(() -> ItemKnnNeighborsModel.of(
                "t", 0, new double[3], new int[3][0], new double[3][0], new long[2],
                InteractionMatrix.Weighting.BINARY, false)));
        assertEquals("customersPerItem[1] must be >= 0, found -1", msg(() -> ItemKnnNeighborsModel.of("t", 0,
                new double[3], new int[3][0], new double[3][0], new long[] {0, -1, 0},
                InteractionMatrix.Weighting.BINARY, false)));
        assertEquals("neighbors[0][0] must be another item in [0, 3), found 0", msg(() -> ItemKnnNeighborsModel.of(
                "t", 0, new double[3], new int[][] {{0}, {}, {}}, new double[][] {{1}, {}, {}}, new long[3],
                InteractionMatrix.Weighting.BINARY, false)));
        assertEquals("items must be strictly increasing item indices in [0, 3), found 0 at position 1",
                msg(() -> m.recommend(new int[] {1, 0}, new double[] {1, 1}, 2, true)));
        assertEquals("items must be strictly increasing item indices in [0, 3), found 3 at position 0",
                msg(() -> m.recommend(new int[] {3}, new double[] {1}, 2, true)));
        assertEquals("weights must have 1 values (one per item), found 2",
                msg(() -> m.recommend(new int[] {1}, new double[] {1, 1}, 2, true)));
        assertEquals("weights must be finite and > 0, found NaN at position 0",
                msg(() -> m.recommend(new int[] {1}, new double[] {Double.NaN}, 2, true)));
        assertEquals("n must be >= 1, found 0", msg(() -> m.recommend(new int[0], new double[0], 0, true)));
        ItemKnnModel full = ItemKnn.builder().build().fit(M);
        assertEquals("items must be strictly increasing item indices in [0, 4), found -1 at position 0",
                msg(() -> full.recommend(new int[] {-1}, new double[] {1}, 2, true)));
    }

    @Test
    void aDocumentWithAnUnknownWeightingIsRefused() {
        String json = ModelJson.toJson(ItemKnn.builder().build().fit(M).neighborLists(
                InteractionMatrix.Weighting.BINARY, false)).replace("\"BINARY\"", "\"TFIDF\"");
        Exception e = assertThrows(RuntimeException.class, () -> ModelJson.fromJson(json));
        assertEquals(true, e.getMessage().endsWith("weighting must be BINARY, COUNT, QUANTITY or LOG, found \"TFIDF\""),
                e.getMessage());
    }

    private static String msg(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }
}
