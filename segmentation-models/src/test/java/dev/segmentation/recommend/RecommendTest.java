package dev.segmentation.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.InvalidDataException;
import dev.segmentation.data.TransactionLog;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** Hand-computed cases: CSR layout, weightings, cosine values, recommendations, metrics, bad input. */
class RecommendTest {
    private static final LocalDateTime T0 = LocalDateTime.of(2011, 1, 1, 10, 0);

    /** c0 buys A twice (qty 3 and 1) and B; c1 buys A, B, C; c2 buys C and POST (non-product); c3 buys nothing. */
    private static TransactionLog log() {
        return TransactionLog.builder()
                .add("c0", "i1", "A", T0, 3, 3.0)
                .add("c0", "i2", "A", T0.plusDays(1), 1, 1.0)
                .add("c0", "i2", "B", T0.plusDays(1), 2, 2.0)
                .add("c1", "i3", "C", T0.plusDays(2), 5, 5.0)
                .add("c1", "i3", "B", T0.plusDays(2), 1, 1.0)
                .add("c1", "i3", "A", T0.plusDays(2), 1, 1.0)
                .add("c2", "i4", "C", T0.plusDays(40), 1, 1.0)
                .add("c2", "i4", "POST", T0.plusDays(40), 1, 1.0)
                .add("c3", T0.plusDays(3), 4.0)
                .markNonProduct("POST")
                .build();
    }

    /** Binary 3 x 4: c0 {0, 1}, c1 {0, 1, 2}, c2 {2}; item 3 unbought. */
    private static InteractionMatrix small() {
        return InteractionMatrix.of(3, 4, new int[] {0, 2, 5, 6}, new int[] {0, 1, 0, 1, 2, 2},
                new double[] {1, 1, 1, 1, 1, 1});
    }

    @Test
    void csrLayoutAndWeightings() {
        TransactionLog log = log();
        int a = log.itemIndex("A");
        int b = log.itemIndex("B");
        int c = log.itemIndex("C");
        InteractionMatrix bin = InteractionMatrix.builder().build(log);
        assertEquals(4, bin.customers());
        assertEquals(log.itemCount(), bin.items());
        assertArrayEquals(new int[] {0, 2, 5, 6, 6}, bin.rowPtr());
        assertArrayEquals(new int[] {a, b, a, b, c, c}, bin.cols());
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, bin.values());
        assertArrayEquals(new int[] {0, 2, 4, 6, 6}, bin.colPtr());
        assertArrayEquals(new int[] {0, 1, 0, 1, 1, 2}, bin.rowIndices());
        assertEquals(2, bin.customersOf(a));
        assertEquals(0, bin.customersOf(log.itemIndex("POST")));
        assertEquals("InteractionMatrix{customers=4, items=4, nonZeros=6, weighting=BINARY, includeNonProducts=false}",
                bin.toString());

        InteractionMatrix count = InteractionMatrix.builder().weighting(InteractionMatrix.Weighting.COUNT).build(log);
        assertEquals(2.0, count.get(0, a));
        assertEquals(1.0, count.get(0, b));
        InteractionMatrix qty = InteractionMatrix.builder().weighting(InteractionMatrix.Weighting.QUANTITY).build(log);
        assertEquals(4.0, qty.get(0, a));
        assertEquals(5.0, qty.get(1, c));
        InteractionMatrix lg = InteractionMatrix.builder().weighting(InteractionMatrix.Weighting.LOG).build(log);
        assertEquals(Math.log(3), lg.get(0, a), 1e-15);
        assertEquals(Math.log(2), lg.get(0, b), 1e-15);
        InteractionMatrix all = InteractionMatrix.builder().includeNonProducts(true).build(log);
        assertEquals(7, all.nonZeros());
        assertEquals(1.0, all.get(2, log.itemIndex("POST")));
        assertEquals(0.0, bin.get(3, a));
    }

    @Test
    void cosineValuesByHand() {
        ItemKnnModel m = ItemKnn.builder().neighbors(3).build().fit(small());
        // items 0 and 1 share both customers: 2 / (sqrt 2 sqrt 2) = 1; 0 and 2 share one: 1 / 2.
        assertEquals(1.0, m.similarity(0, 1), 1e-15);
        assertEquals(0.5, m.similarity(0, 2), 1e-15);
        assertEquals(0.5, m.similarity(2, 1), 1e-15);
        assertEquals(0.0, m.similarity(0, 3));
        assertArrayEquals(new int[] {1, 2}, m.similarItems(0, 5));
        assertArrayEquals(new double[] {1.0, 0.5}, m.neighborSimilarities(0), 1e-15);
        assertArrayEquals(new int[] {0, 1}, m.similarItems(2, 2));
        assertArrayEquals(new int[] {}, m.similarItems(3, 2));
        ItemKnnModel shrunk = ItemKnn.builder().shrink(1).build().fit(small());
        assertEquals(2.0 / 3.0, shrunk.similarity(0, 1), 1e-15);
        assertEquals(1.0 / 3.0, shrunk.similarity(0, 2), 1e-15);
    }

    @Test
    void recommendationsByHand() {
        InteractionMatrix x = small();
        ItemKnnModel knn = ItemKnn.builder().build().fit(x);
        // c0 owns 0, 1: scores 0 -> 1, 1 -> 1, 2 -> 0.5 + 0.5 = 1.
        assertArrayEquals(new int[] {2}, knn.recommend(0, 3, true));
        assertArrayEquals(new int[] {0, 1, 2}, knn.recommend(0, 3, false));
        // c2 owns 2: scores 0 -> 0.5, 1 -> 0.5; popularity fills with 2 when not excluded.
        assertArrayEquals(new int[] {0, 1, 2}, knn.recommend(2, 5, false));
        assertArrayEquals(new int[] {0, 1}, knn.recommend(2, 5, true));
        PopularityModel pop = Popularity.builder().build().fit(x);
        assertArrayEquals(new int[] {0, 1, 2}, pop.ranking());
        assertArrayEquals(new int[] {2}, pop.recommend(0, 10, true));
        assertArrayEquals(new int[] {0, 1}, pop.recommend(0, 2, false));
        // c0's score for item 2 comes from items 0 and 1 (0.5 each); c2 has no neighbour path to item 3
        assertArrayEquals(new int[] {0, 1}, knn.explain(0, 2));
        assertArrayEquals(new int[] {2}, knn.explain(2, 0));
        assertArrayEquals(new int[] {}, knn.explain(2, 3));
        assertArrayEquals(new int[] {}, knn.explain(42, 0));
        // unknown customers get the popularity answer
        assertArrayEquals(new int[] {0, 1, 2}, pop.recommend(99, 10, true));
        assertArrayEquals(new int[] {0, 1}, knn.recommend(-1, 2, true));
    }

    @Test
    void metricsByHand() {
        int[][] rec = {{1, 2, 3}, {4, 5, 6}, {7}, {9}};
        int[][] rel = {{3, 1, 8, 9}, {6}, {}, {0}};
        RankingMetrics m = RankingMetrics.of(rec, rel, 3);
        assertEquals(3, m.users());
        assertEquals(1, m.skipped());
        assertEquals((0.5 + 1.0 + 0.0) / 3, m.recall(), 1e-15);
        assertEquals((2.0 / 3 + 1.0 / 3 + 0) / 3, m.precision(), 1e-15);
        assertEquals(2.0 / 3, m.hitRate(), 1e-15);
        double l3 = Math.log(3) / Math.log(2);
        double l4 = 2.0;
        double ndcg0 = (1.0 + 1.0 / l4) / (1.0 + 1.0 / l3 + 1.0 / l4);
        double ndcg1 = (1.0 / l4) / 1.0;
        assertEquals((ndcg0 + ndcg1) / 3, m.ndcg(), 1e-15);
        // AP: user 0 hits at 1 and 3: (1/1 + 2/3) / 3; user 1 hit at 3: (1/3) / 1; user 3: 0
        assertEquals(((1.0 + 2.0 / 3) / 3 + 1.0 / 3) / 3, m.map(), 1e-15);
        assertEquals(7, m.distinctItems());
        assertEquals("RankingMetrics{k=3, users=3, skipped=1, recall=0.5000, precision=0.3333, ndcg=0.4013,"
                + " hitRate=0.6667, map=0.2963, distinctItems=7}", m.toString());
    }

    @Test
    void temporalSplit() {
        TransactionLog log = log();
        TemporalSplit s = TemporalSplit.of(log, LocalDate.of(2011, 1, 3), LocalDate.of(2011, 2, 9));
        // before Jan 3: c0's three rows; Jan 3..Feb 9: c1's three rows and c3's; c2 (Feb 10) is outside
        assertEquals(3, s.train().size());
        assertEquals(4, s.test().size());
        assertArrayEquals(new int[] {}, s.users());
        assertArrayEquals(new int[] {log.customerIndex("c1"), log.customerIndex("c3")}, s.coldStartUsers());
        TemporalSplit t = TemporalSplit.of(log, LocalDate.of(2011, 1, 2), LocalDate.of(2011, 2, 9));
        assertArrayEquals(new int[] {log.customerIndex("c0")}, t.users());
        assertArrayEquals(new int[] {log.customerIndex("c1"), log.customerIndex("c3")}, t.coldStartUsers());
        assertEquals("TemporalSplit{train=1, test=6, users=1, coldStartUsers=2}", t.toString());
    }

    @Test
    void trainerToStrings() {
        assertEquals("ItemKnn{neighbors=20, shrink=0.0, threads=1}", ItemKnn.builder().build().toString());
        assertEquals("ItemKnn{neighbors=7, shrink=2.5, threads=3}",
                ItemKnn.builder().neighbors(7).shrink(2.5).threads(3).build().toBuilder().build().toString());
        assertEquals("Popularity{}", Popularity.builder().build().toString());
        assertEquals("InteractionMatrix.Builder{weighting=LOG, includeNonProducts=true}", InteractionMatrix.builder()
                .weighting(InteractionMatrix.Weighting.LOG).includeNonProducts(true).toString());
    }

    @Test
    void badInputMessages() {
        PopularityModel pop = Popularity.builder().build().fit(small());
        ItemKnnModel knn = ItemKnn.builder().build().fit(small());
        assertEquals("n must be >= 1, found 0",
                assertThrows(IllegalArgumentException.class, () -> pop.recommend(0, 0, false)).getMessage());
        assertEquals("n must be >= 1, found -2",
                assertThrows(IllegalArgumentException.class, () -> knn.recommend(0, -2, true)).getMessage());
        assertEquals("n must be >= 1, found 0",
                assertThrows(IllegalArgumentException.class, () -> knn.similarItems(0, 0)).getMessage());
        assertEquals("neighbors must be >= 1, found 0",
                assertThrows(IllegalArgumentException.class, () -> ItemKnn.builder().neighbors(0)).getMessage());
        assertEquals("shrink must be finite and >= 0, found -1.0",
                assertThrows(IllegalArgumentException.class, () -> ItemKnn.builder().shrink(-1)).getMessage());
        assertEquals("shrink must be finite and >= 0, found NaN",
                assertThrows(IllegalArgumentException.class, () -> ItemKnn.builder().shrink(Double.NaN)).getMessage());
        assertEquals("threads must be >= 1, found 0",
                assertThrows(IllegalArgumentException.class, () -> ItemKnn.builder().threads(0)).getMessage());
        assertEquals("k must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> RankingMetrics.of(new int[0][], new int[0][], 0)).getMessage());
        InvalidDataException neg = assertThrows(InvalidDataException.class, () -> InteractionMatrix.of(2, 3,
                new int[] {0, 1, 2}, new int[] {0, 2}, new double[] {1, -0.5}));
        assertEquals("row 1, column 2: weight must be finite and > 0, found -0.5", neg.getMessage());
        assertEquals(1, neg.row());
        assertEquals("weight", neg.column());
        assertEquals("row 0, column item: item must be in [0, 3), found 3", assertThrows(InvalidDataException.class,
                () -> InteractionMatrix.of(1, 3, new int[] {0, 1}, new int[] {3}, new double[] {1})).getMessage());
        assertEquals("row 0, column item: items must be strictly increasing within a row, found 1 after 1",
                assertThrows(InvalidDataException.class, () -> InteractionMatrix.of(1, 3, new int[] {0, 2},
                        new int[] {1, 1}, new double[] {1, 1})).getMessage());
        assertEquals("rowPtr length must be customers + 1 = 3, found 2", assertThrows(IllegalArgumentException.class,
                () -> InteractionMatrix.of(2, 3, new int[] {0, 0}, new int[0], new double[0])).getMessage());
        assertEquals("lastTestDay must be on or after cut 2011-01-02, found 2011-01-01",
                assertThrows(IllegalArgumentException.class, () -> TemporalSplit.of(log(), LocalDate.of(2011, 1, 2),
                        LocalDate.of(2011, 1, 1))).getMessage());
    }

    @Test
    void emptyMatrixGivesEmptyLists() {
        InteractionMatrix empty = InteractionMatrix.of(0, 0, new int[] {0}, new int[0], new double[0]);
        assertArrayEquals(new int[0], Popularity.builder().build().fit(empty).recommend(0, 5, true));
        assertArrayEquals(new int[0], ItemKnn.builder().build().fit(empty).recommend(0, 5, false));
    }
}
