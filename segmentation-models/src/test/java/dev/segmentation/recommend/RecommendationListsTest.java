package dev.segmentation.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.recommend.Recommendation.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: the explained top-n lists the {@code recommend items} command prints, and the {@link Recommender}
 * seam's reasons and training matrix, by hand on a small matrix, with exact messages.
 */
class RecommendationListsTest {
    /**
     * 6 x 5: customers 0, 1 buy {3, 4} and {4}; customers 2, 3 buy {0, 1} and {0}; customer 4 buys {0, 2};
     * customer 5 buys nothing. Buyers: item 0: 3, item 4: 2, items 1, 2, 3: 1, so the global ranking is
     * {0, 4, 1, 2, 3}; with segments {0, 0, 1, 1, -1, s} segment 0 ranks {4, 3} and segment 1 {0, 1}.
     */
    static InteractionMatrix matrix() {
        return InteractionMatrix.of(6, 5, new int[] {0, 2, 3, 5, 6, 8, 8}, new int[] {3, 4, 4, 0, 1, 0, 0, 2},
                new double[] {1, 1, 1, 1, 1, 1, 1, 1});
    }

    /** A recommender whose list is always item 1 alone, with the seam's default reason and matrix. */
    private static final Recommender ONLY_ITEM_1 = new Recommender() {
        @Override
        public int[] recommend(int customer, int n, boolean excludeSeen) {
            return new int[] {1};
        }
    };

    private static List<Recommendation> expected(Object... itemsAndReasons) {
        List<Recommendation> out = new ArrayList<>();
        for (int q = 0; q < itemsAndReasons.length; q += 2) {
            int item = (Integer) itemsAndReasons[q];
            Object why = itemsAndReasons[q + 1];
            out.add(why instanceof Integer s ? new Recommendation(item, Reason.POPULAR_IN_SEGMENT, List.of(), s)
                    : Recommendation.popular(item));
        }
        return out;
    }

    @Test
    void shortListsAreCompletedByTheSegmentsRankingElseTheGlobalOne() {
        RecommendationLists lists = RecommendationLists.of(ONLY_ITEM_1, matrix(), new int[] {0, 0, 1, 1, -1, 1});
        assertEquals(5, lists.boughtItems());
        // segment 0 ranks {4, 3}, both seen by customer 0: the list stays short (a segment's list is not completed)
        assertEquals(expected(1, "popular"), lists.recommend(0, 3, true));
        assertEquals(expected(1, "popular", 4, 0, 3, 0), lists.recommend(0, 3, false));
        assertEquals(expected(1, "popular", 4, 0), lists.recommend(0, 2, false));
        // segment 1 ranks {0, 1}: 0 seen by customer 3, 1 already listed
        assertEquals(expected(1, "popular"), lists.recommend(3, 3, true));
        // no segment: global {0, 4, 1, 2, 3} without seen {0, 2} and listed 1
        assertEquals(expected(1, "popular", 4, "popular", 3, "popular"), lists.recommend(4, 5, true));
        // no interactions: the recommender is not asked; the segment's ranking only
        assertEquals(expected(0, 1, 1, 1), lists.recommend(5, 3, true));
        RecommendationLists global = RecommendationLists.of(ONLY_ITEM_1, matrix());
        assertEquals(expected(0, "popular", 4, "popular", 1, "popular"), global.recommend(5, 3, true));
        assertEquals(expected(1, "popular", 0, "popular", 4, "popular", 2, "popular"), global.recommend(0, 4,
                false));
    }

    @Test
    void itemKnnListsWithTheItemsThatLeadToThem() {
        InteractionMatrix x = matrix();
        ItemKnnModel knn = ItemKnn.builder().build().fit(x);
        RecommendationLists lists = RecommendationLists.of(knn, x);
        List<Recommendation> got = lists.recommend(1, 3, true);
        // customer 1 bought {4}; item 3 is 4's neighbour, the rest is the model's own popularity fill
        assertEquals(List.of(new Recommendation(3, Reason.SIMILAR_ITEMS, List.of(4), -1),
                Recommendation.popular(0), Recommendation.popular(1)), got);
        int[] list = knn.recommend(1, 3, true);
        for (int q = 0; q < list.length; q++) {
            assertEquals(knn.recommendation(1, list[q]), got.get(q));
        }
        assertEquals(Recommendation.popular(2), knn.recommendation(-1, 2));
        assertEquals(new Recommendation(1, Reason.SIMILAR_ITEMS, List.of(0), -1), knn.recommendation(4, 1));
    }

    @Test
    void eachRecommendersReasonAndTrainingMatrix() {
        InteractionMatrix x = matrix();
        ImplicitAlsModel als = ImplicitAls.builder().factors(2).iterations(2).seed(3).build().fit(x);
        assertEquals(new Recommendation(2, Reason.SIMILAR_CUSTOMERS, List.of(), -1), als.recommendation(0, 2));
        assertEquals(Recommendation.popular(2), als.recommendation(5, 2));
        assertEquals(Recommendation.popular(2), als.recommendation(-1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> als.recommendation(0, 5));
        PopularityModel pop = Popularity.builder().build().fit(x);
        SegmentPopularityModel seg = SegmentPopularity.builder().build().fit(x, new int[] {0, 0, 1, 1, -1, -1});
        ItemKnnModel knn = ItemKnn.builder().build().fit(x);
        assertEquals(Recommendation.popular(4), pop.recommendation(0, 4));
        assertEquals(Recommendation.popular(4), seg.recommendation(0, 4));
        for (Recommender r : new Recommender[] {als, pop, seg, knn}) {
            assertSame(x, r.trainingMatrix().orElseThrow(), r.toString());
        }
        assertEquals(Optional.empty(), ONLY_ITEM_1.trainingMatrix());
        assertEquals(Recommendation.popular(3), ONLY_ITEM_1.recommendation(0, 3));
    }

    @Test
    void badInputMessages() {
        InteractionMatrix x = matrix();
        RecommendationLists lists = RecommendationLists.of(ONLY_ITEM_1, x);
        assertEquals("n must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> lists.recommend(0, 0, true)).getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> lists.recommend(6, 1, true));
        assertThrows(IndexOutOfBoundsException.class, () -> lists.recommend(-1, 1, true));
        assertEquals("segments length must be customers = 6, found 4", assertThrows(IllegalArgumentException.class,
                () -> RecommendationLists.of(ONLY_ITEM_1, x, new int[4])).getMessage());
        assertEquals("row 1, column segment: segment must be >= -1, found -2", assertThrows(
                dev.segmentation.InvalidDataException.class,
                () -> RecommendationLists.of(ONLY_ITEM_1, x, new int[] {0, -2, 0, 0, 0, 0})).getMessage());
        assertEquals("item must be >= 0, found -1", assertThrows(IllegalArgumentException.class,
                () -> Recommendation.popular(-1)).getMessage());
        assertEquals("because must be empty for POPULAR, found [1]", assertThrows(IllegalArgumentException.class,
                () -> new Recommendation(0, Reason.POPULAR, List.of(1), -1)).getMessage());
        assertEquals("segment must be -1 for SIMILAR_ITEMS, found 2", assertThrows(IllegalArgumentException.class,
                () -> new Recommendation(0, Reason.SIMILAR_ITEMS, List.of(1), 2)).getMessage());
        assertEquals("segment must be >= 0 for POPULAR_IN_SEGMENT, found -1", assertThrows(
                IllegalArgumentException.class,
                () -> new Recommendation(0, Reason.POPULAR_IN_SEGMENT, List.of(), -1)).getMessage());
        assertThrows(NullPointerException.class, () -> RecommendationLists.of(null, x));
        assertThrows(NullPointerException.class, () -> new Recommendation(0, null, List.of(), -1));
    }

    @Test
    void becauseIsCopied() {
        List<Integer> because = new ArrayList<>(Arrays.asList(2, 3));
        Recommendation r = new Recommendation(0, Reason.SIMILAR_ITEMS, because, -1);
        because.add(4);
        assertEquals(List.of(2, 3), r.because());
        assertThrows(UnsupportedOperationException.class, () -> r.because().add(5));
        assertTrue(r.toString().contains("SIMILAR_ITEMS"));
    }
}
