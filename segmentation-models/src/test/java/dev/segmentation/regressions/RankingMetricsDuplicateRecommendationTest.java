package dev.segmentation.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.recommend.RankingMetrics;
import org.junit.jupiter.api.Test;

/** Issue 17: "`RankingMetrics` with a duplicated recommended item reports recall 3.0". */
class RankingMetricsDuplicateRecommendationTest {
    @Test
    void duplicatesAndNullsAreRefused() {
        assertEquals("recommended[0] must hold distinct items, found item 7 more than once",
                assertThrows(IllegalArgumentException.class, () -> RankingMetrics.of(new int[][] {{7, 7, 7}},
                        new int[][] {{7}}, 3)).getMessage());
        assertEquals("relevant[1] must hold distinct items, found item 2 more than once",
                assertThrows(IllegalArgumentException.class, () -> RankingMetrics.of(new int[][] {{1}, {2}},
                        new int[][] {{1}, {2, 2}}, 3)).getMessage());
        assertEquals("recommended[0] must not be null, found null", assertThrows(IllegalArgumentException.class,
                () -> RankingMetrics.of(new int[][] {null}, new int[][] {{1}}, 3)).getMessage());
        assertEquals(1.0, RankingMetrics.of(new int[][] {{7, 8, 9}}, new int[][] {{7}}, 3).recall());
    }
}
