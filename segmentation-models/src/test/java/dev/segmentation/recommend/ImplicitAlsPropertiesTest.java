package dev.segmentation.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Implicit ALS invariants over random sparse matrices. */
class ImplicitAlsPropertiesTest {
    /**
     * Exact (Cholesky) half-steps minimize the loss over one side, so it never rises; conjugate-gradient steps
     * lower each row's quadratic too. The slack is rounding: 1e-12 of the loss.
     */
    @Property(tries = 60)
    void lossNeverIncreases(@ForAll @IntRange(min = 1, max = 25) int customers,
            @ForAll @IntRange(min = 1, max = 20) int items, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 6) int factors, @ForAll boolean cg, @ForAll boolean scaled) {
        InteractionMatrix x = RandomInteractions.counts(customers, items, seed);
        if (x.nonZeros() == 0) {
            return;
        }
        ImplicitAlsModel m = ImplicitAls.builder().factors(factors).iterations(8).tolerance(0).seed(seed)
                .l2ScaledByCount(scaled)
                .solver(cg ? ImplicitAls.Solver.CONJUGATE_GRADIENT : ImplicitAls.Solver.CHOLESKY).build().fit(x);
        double[] loss = m.lossHistory();
        assertEquals(m.iterations(), loss.length);
        for (int t = 1; t < loss.length; t++) {
            assertTrue(loss[t] <= loss[t - 1] * (1 + 1e-12), "iteration " + t + ": " + loss[t] + " > " + loss[t - 1]);
        }
        assertTrue(loss[loss.length - 1] >= 0);
    }

    @Property(tries = 60)
    void listsHaveNoDuplicatesNorExcludedItems(@ForAll @IntRange(min = 1, max = 25) int customers,
            @ForAll @IntRange(min = 1, max = 20) int items, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 25) int n) {
        InteractionMatrix x = RandomInteractions.counts(customers, items, seed);
        if (x.nonZeros() == 0) {
            return;
        }
        ImplicitAlsModel m = ImplicitAls.builder().factors(3).iterations(3).seed(seed).build().fit(x);
        for (int u = -1; u <= customers; u++) {
            for (boolean exclude : new boolean[] {false, true}) {
                RecommendPropertiesTest.assertValidList(x, u, n, exclude, m.recommend(u, n, exclude));
            }
        }
        for (int i = 0; i < items; i++) {
            int item = i;
            int[] sim = m.similarItems(item, n);
            assertEquals(sim.length, java.util.Arrays.stream(sim).distinct().count());
            assertTrue(java.util.Arrays.stream(sim).noneMatch(j -> j == item));
        }
    }

    /** G4: same seed, 1 vs 4 threads, bit-identical (more than one chunk of rows, so chunks really run apart). */
    @Property(tries = 8)
    void fitIsIdenticalForOneAndFourThreads(@ForAll long seed, @ForAll boolean cg) {
        InteractionMatrix x = RandomInteractions.counts(3 * ImplicitAls.CHUNK + 17, 12, seed);
        ImplicitAls t = ImplicitAls.builder().factors(4).iterations(3).seed(seed)
                .solver(cg ? ImplicitAls.Solver.CONJUGATE_GRADIENT : ImplicitAls.Solver.CHOLESKY).build();
        ImplicitAlsModel a = t.fit(x);
        ImplicitAlsModel b = t.toBuilder().threads(4).build().fit(x);
        assertArrayEquals(a.lossHistory(), b.lossHistory());
        for (int u = 0; u < x.customers(); u++) {
            assertArrayEquals(a.userFactors(u), b.userFactors(u));
        }
        for (int i = 0; i < x.items(); i++) {
            assertArrayEquals(a.itemFactors(i), b.itemFactors(i));
        }
    }
}
