package dev.segmentation.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: the shared test generator gives, seed for seed, the matrices of the two generators it replaces
 * ({@code RecommendPropertiesTest.random} and {@code ItemKnnNeighborsModelTest.randomFractional} at a6e5ecb), so the
 * tests that use it see the same data as before.
 */
class RandomInteractionsTest {
    @Test
    void countsAreTheFormerRecommendPropertiesGenerator() {
        // printed by the a6e5ecb generator: random(4, 5, 7)
        InteractionMatrix m = RandomInteractions.counts(4, 5, 7);
        assertArrayEquals(new int[] {0, 2, 4, 4, 5}, m.rowPtr());
        assertArrayEquals(new int[] {1, 4, 1, 2, 2}, m.cols());
        assertArrayEquals(new double[] {4, 2, 5, 1, 4}, m.values());
    }

    @Test
    void fractionalIsTheFormerItemKnnNeighborsGenerator() {
        // printed by the a6e5ecb generator: randomFractional(4, 5, 7)
        InteractionMatrix m = RandomInteractions.fractional(4, 5, 7);
        assertArrayEquals(new int[] {0, 1, 3, 5, 6}, m.rowPtr());
        assertArrayEquals(new int[] {0, 0, 1, 1, 4, 2}, m.cols());
        assertArrayEquals(new double[] {2.8022820418206504, 1.339424192253338, 2.9796222297192747,
            1.9573618035059872, 1.1333283708854118, 1.3211321047152025}, m.values());
    }

    @Property(tries = 100)
    void weightsStayInTheirRanges(@ForAll @IntRange(min = 0, max = 30) int customers,
            @ForAll @IntRange(min = 0, max = 20) int items, @ForAll long seed) {
        InteractionMatrix c = RandomInteractions.counts(customers, items, seed);
        assertEquals(customers, c.customers());
        assertEquals(items, c.items());
        for (double v : c.values()) {
            assertTrue(v == Math.rint(v) && v >= 1 && v <= 5, "count " + v);
        }
        InteractionMatrix f = RandomInteractions.fractional(customers, items, seed);
        assertEquals(customers, f.customers());
        for (double v : f.values()) {
            assertTrue(v >= 0.1 && v < 3.1, "weight " + v);
        }
    }
}
