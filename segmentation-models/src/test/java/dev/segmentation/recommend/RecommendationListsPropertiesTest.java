package dev.segmentation.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.recommend.Recommendation.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Issue 18: over random matrices and segments, an explained list is the recommender's own list (with its
 * reasons) followed by the first unlisted, unexcluded items of the customer's ranking, until {@code n} or the
 * ranking runs out.
 */
class RecommendationListsPropertiesTest {
    @Property(tries = 60)
    void theRecommendersListThenTheRankingInOrder(@ForAll @IntRange(min = 1, max = 25) int customers,
            @ForAll @IntRange(min = 1, max = 20) int items, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 12) int n, @ForAll @IntRange(min = 0, max = 3) int segmentCount,
            @ForAll boolean excludeSeen) {
        InteractionMatrix x = RandomInteractions.fractional(customers, items, seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] segments = new int[customers];
        for (int u = 0; u < customers; u++) {
            segments[u] = rnd.nextInt(segmentCount + 1) - 1;
        }
        int[] global = Popularity.builder().build().fit(x).ranking();
        SegmentPopularityModel bySegment = SegmentPopularity.builder().build().fit(x, segments);
        List<Recommender> recs = new ArrayList<>(List.of(ItemKnn.builder().neighbors(3).build().fit(x),
                Popularity.builder().build().fit(x)));
        if (x.nonZeros() > 0) { // implicit ALS refuses a matrix without interactions
            recs.add(ImplicitAls.builder().factors(2).iterations(1).seed(seed).build().fit(x));
        }
        for (Recommender rec : recs) {
            RecommendationLists lists = RecommendationLists.of(rec, x, segments);
            for (int u = 0; u < customers; u++) {
                List<Recommendation> got = lists.recommend(u, n, excludeSeen);
                int[] own = x.itemsOf(u).length == 0 ? new int[0] : rec.recommend(u, n, excludeSeen);
                boolean[] listed = new boolean[items];
                int q = 0;
                for (; q < own.length; q++) {
                    assertEquals(rec.recommendation(u, own[q]), got.get(q));
                    listed[own[q]] = true;
                }
                int[] ranking = segments[u] >= 0 ? bySegment.ranking(segments[u]) : global;
                Reason reason = segments[u] >= 0 ? Reason.POPULAR_IN_SEGMENT : Reason.POPULAR;
                for (int j : ranking) {
                    if (q == n) {
                        break;
                    }
                    if (listed[j] || excludeSeen && x.get(u, j) != 0) {
                        continue;
                    }
                    Recommendation r = got.get(q++);
                    assertEquals(j, r.item());
                    assertEquals(reason, r.reason());
                    assertEquals(segments[u] >= 0 ? segments[u] : -1, r.segment());
                    listed[j] = true;
                }
                assertEquals(q, got.size());
                assertTrue(got.size() <= n);
            }
        }
    }
}
