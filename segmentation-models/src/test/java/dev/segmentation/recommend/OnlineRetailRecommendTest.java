package dev.segmentation.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.TransactionCsv;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.testing.SharedData;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real data (issue 6, must show): Online Retail after the standard cleaning, train before 2011-11-01, test
 * 2011-11-01..2011-12-09, test users who also appear in train. Reference (reference-numbers.md, non-product codes
 * kept): top-10 popularity recall@10 0.0301, precision@10 0.0785, hit rate@10 0.4722 over 1,544 users; with the
 * customer's own train items removed recall@10 0.0119, hit rate 0.2377. The reference is quoted to 4 decimals,
 * so the tolerance is half a unit in the last place (5e-5). The excluded variant is not asserted: it depends on
 * how popularity ties are broken deeper in the ranking; lower index first (this library) gives 0.0117 / 0.2370,
 * higher index first gives 0.0119 / 0.2377.
 *
 * <p>Item kNN (binary weights, 20 neighbours, shrink 20, non-product codes excluded) measured: recall@10 0.0823
 * vs popularity 0.0303; excluding seen items 0.0245 vs 0.0117.
 *
 * <p>Implicit ALS (log weights, 32 factors, l2 1, alpha 3, 8 iterations, non-product codes excluded) measured:
 * recall@10 0.1158, NDCG 0.2617, hit rate 0.7519; excluding seen items 0.0286, 0.0811, 0.3994.
 */
class OnlineRetailRecommendTest {
    private static final double QUOTED = 5e-5;

    private static TemporalSplit split;

    @BeforeAll
    static void read() {
        TransactionLog log = TransactionCsv.readPreset(SharedData.file("online-retail/online_retail.csv.gz"),
                "online-retail").log();
        split = TemporalSplit.of(log, LocalDate.of(2011, 11, 1), LocalDate.of(2011, 12, 9));
    }

    private static InteractionMatrix matrix(TransactionLog log, boolean nonProducts) {
        return InteractionMatrix.builder().includeNonProducts(nonProducts).build(log);
    }

    @Test
    void popularityReproducesTheReferenceWithNonProductCodesKept() {
        InteractionMatrix train = matrix(split.train(), true);
        InteractionMatrix test = matrix(split.test(), true);
        assertEquals(1544, split.users().length);
        PopularityModel pop = Popularity.builder().build().fit(train);
        RankingMetrics m = RankingMetrics.evaluate(pop, test, split.users(), 10, false);
        assertEquals(1544, m.users());
        assertEquals(0.0301, m.recall(), QUOTED, m.toString());
        assertEquals(0.0785, m.precision(), QUOTED, m.toString());
        assertEquals(0.4722, m.hitRate(), QUOTED, m.toString());
    }

    @Test
    void itemKnnDoublesPopularityRecallWithNonProductCodesExcluded() {
        InteractionMatrix train = matrix(split.train(), false);
        InteractionMatrix test = matrix(split.test(), false);
        PopularityModel pop = Popularity.builder().build().fit(train);
        ItemKnnModel knn = ItemKnn.builder().neighbors(20).shrink(20).threads(2).build().fit(train);
        for (boolean exclude : new boolean[] {false, true}) {
            RankingMetrics p = RankingMetrics.evaluate(pop, test, split.users(), 10, exclude);
            RankingMetrics k = RankingMetrics.evaluate(knn, test, split.users(), 10, exclude);
            assertTrue(k.recall() >= 2 * p.recall(), "excludeSeen=" + exclude + ": " + k + " vs " + p);
        }
    }

    @Test
    void implicitAlsDoublesPopularityRecallWithNonProductCodesExcluded() {
        InteractionMatrix train = InteractionMatrix.builder().weighting(InteractionMatrix.Weighting.LOG)
                .build(split.train());
        InteractionMatrix test = matrix(split.test(), false);
        PopularityModel pop = Popularity.builder().build().fit(matrix(split.train(), false));
        ImplicitAlsModel als = ImplicitAls.builder().factors(32).iterations(8).threads(2).build().fit(train);
        for (boolean exclude : new boolean[] {false, true}) {
            RankingMetrics p = RankingMetrics.evaluate(pop, test, split.users(), 10, exclude);
            RankingMetrics a = RankingMetrics.evaluate(als, test, split.users(), 10, exclude);
            assertTrue(a.recall() >= 2 * p.recall(), "excludeSeen=" + exclude + ": " + a + " vs " + p);
        }
    }

    /**
     * Customers new in the test period are reported apart: they have test rows and no train rows, and every
     * recommender answers them with popularity, so their metrics are popularity's.
     */
    @Test
    void coldStartUsersAreEvaluatedApartWithThePopularityAnswer() {
        int[] cold = split.coldStartUsers();
        assertTrue(cold.length > 100, "cold-start users: " + cold.length);
        for (int c : cold) {
            assertTrue(split.train().rowsOf(c).isEmpty() && !split.test().rowsOf(c).isEmpty());
            assertTrue(java.util.Arrays.binarySearch(split.users(), c) < 0);
        }
        InteractionMatrix train = matrix(split.train(), false);
        InteractionMatrix test = matrix(split.test(), false);
        PopularityModel pop = Popularity.builder().build().fit(train);
        ItemKnnModel knn = ItemKnn.builder().neighbors(20).shrink(20).build().fit(train);
        RankingMetrics p = RankingMetrics.evaluate(pop, test, cold, 10, true);
        RankingMetrics k = RankingMetrics.evaluate(knn, test, cold, 10, true);
        assertEquals(p.toString(), k.toString());
        assertEquals(cold.length, p.users() + p.skipped());
        assertTrue(p.recall() > 0, p.toString());
    }
}
