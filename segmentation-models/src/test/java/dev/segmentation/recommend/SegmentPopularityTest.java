package dev.segmentation.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.InvalidDataException;
import org.junit.jupiter.api.Test;

/** Segment popularity by hand, batch recommendation, exact messages. */
class SegmentPopularityTest {
    /**
     * 5 x 5: segment 0 = customers 0, 1 buy {3, 4} and {4}; segment 1 = customers 2, 3 buy {0, 1} and {0};
     * customer 4 (no segment) buys {0, 2}. Global buyers: item 0: 3, item 4: 2, items 1, 2, 3: 1.
     */
    private static InteractionMatrix matrix() {
        return InteractionMatrix.of(5, 5, new int[] {0, 2, 3, 5, 6, 8}, new int[] {3, 4, 4, 0, 1, 0, 0, 2},
                new double[] {1, 1, 1, 1, 1, 1, 1, 1});
    }

    @Test
    void rankingsByHand() {
        SegmentPopularityModel m = SegmentPopularity.builder().build().fit(matrix(), new int[] {0, 0, 1, 1, -1});
        assertEquals(2, m.segments());
        assertArrayEquals(new int[] {4, 3}, m.ranking(0));
        assertArrayEquals(new int[] {0, 1}, m.ranking(1));
        // segment 0's list, completed by global popularity {0, 4, 1, 2, 3}
        assertArrayEquals(new int[] {4, 3, 0, 1}, m.recommend(0, 4, false));
        assertArrayEquals(new int[] {3, 0, 1, 2}, m.recommend(1, 4, true));
        assertArrayEquals(new int[] {1, 4, 2, 3}, m.recommend(3, 5, true));
        // no segment, unknown customer, new customer of a known or unknown segment
        assertArrayEquals(new int[] {4, 1, 3}, m.recommend(4, 3, true));
        assertArrayEquals(new int[] {0, 4, 1}, m.recommend(9, 3, true));
        assertArrayEquals(new int[] {0, 1, 4}, m.recommendSegment(1, 3));
        assertArrayEquals(new int[] {0, 4}, m.recommendSegment(7, 2));
        assertEquals("SegmentPopularity{}", SegmentPopularity.builder().build().toString());
    }

    @Test
    void batchEqualsSingleListsForAnyThreadCount() {
        InteractionMatrix x = RandomInteractions.counts(700, 15, 3);
        Recommender[] recs = {Popularity.builder().build().fit(x), ItemKnn.builder().neighbors(4).build().fit(x),
            ImplicitAls.builder().factors(3).iterations(2).build().fit(x)};
        int[] who = new int[x.customers() + 2];
        for (int q = 0; q < who.length; q++) {
            who[q] = q - 1;
        }
        for (Recommender r : recs) {
            int[][] one = r.recommendAll(who, 5, true, 1);
            int[][] four = r.recommendAll(who, 5, true, 4);
            for (int q = 0; q < who.length; q++) {
                assertArrayEquals(r.recommend(who[q], 5, true), one[q]);
                assertArrayEquals(one[q], four[q]);
            }
        }
    }

    @Test
    void badInputMessages() {
        SegmentPopularity t = SegmentPopularity.builder().build();
        assertEquals("segments length must be customers = 5, found 4", assertThrows(IllegalArgumentException.class,
                () -> t.fit(matrix(), new int[4])).getMessage());
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> t.fit(matrix(), new int[] {0, 0, -2, 1, 1}));
        assertEquals("row 2, column segment: segment must be >= -1, found -2", e.getMessage());
        assertEquals(2, e.row());
        SegmentPopularityModel m = t.fit(matrix(), new int[5]);
        assertEquals("n must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> m.recommendSegment(0, 0)).getMessage());
        assertEquals("threads must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> m.recommendAll(new int[] {0}, 3, true, 0)).getMessage());
        assertEquals("n must be >= 1, found -1", assertThrows(IllegalArgumentException.class,
                () -> m.recommendAll(new int[] {0}, -1, true, 1)).getMessage());
    }
}
