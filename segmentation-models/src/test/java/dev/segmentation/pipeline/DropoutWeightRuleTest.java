package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.clv.BgNbd;
import org.junit.jupiter.api.Test;

/**
 * The dropout weight's rule (issue 15) on per-customer losses worked out by hand, and the grid's bad-input
 * messages. The rule: the largest weight whose mean loss exceeds the best's by at most one standard error of the
 * paired per-customer difference, {@code sd(l_w - l_best) / sqrt(n)} with the sample standard deviation.
 */
class DropoutWeightRuleTest {
    private static final double[] BASE = {1.0, 1.0, 1.0, 1.0};

    @Test
    void aWeightUniformlyWorseByMoreThanItsPairedErrorIsNotChosen() {
        // differences 0.1, 0.1, 0.2, 0: mean 0.1, deviations 0, 0, 0.1, -0.1, variance 0.02 / 3,
        // standard error sqrt(0.02 / 3 / 4) = 0.0408248; 0.1 > 0.0408 so the rule must pick weight 0
        DropoutWeightRule r = DropoutWeightRule.apply(new double[][] {BASE, {1.1, 1.1, 1.2, 1.0}});
        assertEquals(0, r.best);
        assertEquals(0, r.chosen);
        assertEquals(0.1, r.difference[1], 1e-15);
        assertEquals(Math.sqrt(0.02 / 3 / 4), r.standardError[1], 1e-15);
        assertEquals(0.0, r.difference[0]);
        assertEquals(0.0, r.standardError[0]);
        assertTrue(r.within(0));
        assertFalse(r.within(1));
    }

    @Test
    void aWeightWorseByLessThanItsPairedErrorIsChosen() {
        // differences 0.1, -0.1, 0.3, -0.1: mean 0.05, deviations 0.05, -0.15, 0.25, -0.15, sum of squares 0.11,
        // standard error sqrt(0.11 / 3 / 4) = 0.0957427; 0.05 <= 0.0957 so the rule must pick the positive weight
        DropoutWeightRule r = DropoutWeightRule.apply(new double[][] {BASE, {1.1, 0.9, 1.3, 0.9}});
        assertEquals(0, r.best);
        assertEquals(1, r.chosen);
        assertEquals(0.05, r.difference[1], 1e-15);
        assertEquals(Math.sqrt(0.11 / 3 / 4), r.standardError[1], 1e-15);
        assertEquals(1.05, r.meanLoss[1], 1e-15);
    }

    @Test
    void theBestCanBeAPositiveWeightAndTheLargestWithinTheRuleIsChosen() {
        double[] best = {0.5, 0.6, 0.7, 0.8};
        double[] near = {0.6, 0.5, 0.8, 0.7}; // differences +-0.1: mean 0, within
        double[] far = {0.9, 1.0, 1.1, 1.2}; // differences 0.4 each: standard error 0, outside
        DropoutWeightRule r = DropoutWeightRule.apply(new double[][] {{0.7, 0.7, 0.8, 0.8}, best, near, far});
        assertEquals(1, r.best);
        assertEquals(2, r.chosen);
        assertFalse(r.within(3));
        assertEquals(0.0, r.standardError[3], 1e-15);
    }

    @Test
    void anExactTieForTheBestGoesToTheSmallerWeightAndEqualLossesToTheLargerChoice() {
        DropoutWeightRule r = DropoutWeightRule.apply(new double[][] {BASE, BASE.clone(), BASE.clone()});
        assertEquals(0, r.best, "the smaller weight is the best on a tie");
        assertEquals(2, r.chosen, "a difference of 0 is within 0 standard errors: the largest weight");
    }

    @Test
    void weightsWhoseFitIsNotEligibleAreSkipped() {
        DropoutWeightRule r = DropoutWeightRule.apply(new double[][] {BASE, {1.1, 0.9, 1.3, 0.9}, null});
        assertEquals(1, r.chosen);
        assertTrue(Double.isNaN(r.meanLoss[2]) && Double.isNaN(r.difference[2]) && Double.isNaN(r.standardError[2]));
        assertFalse(r.within(2));
        DropoutWeightRule none = DropoutWeightRule.apply(new double[][] {null, null});
        assertEquals(-1, none.best);
        assertEquals(-1, none.chosen);
        assertFalse(none.within(0));
    }

    @Test
    void anInvalidGridIsRefusedWithItsExactMessage() {
        assertEquals("dropoutWeights must be non-empty, found []", assertThrows(IllegalArgumentException.class,
                () -> LifetimeValue.chosenByHoldout().dropoutWeights()).getMessage());
        assertEquals("dropoutWeights[1] must be finite and >= 0, found -1.0E-4",
                assertThrows(IllegalArgumentException.class,
                        () -> LifetimeValue.chosenByHoldout().dropoutWeights(0, -1e-4)).getMessage());
        assertEquals("dropoutWeights[0] must be finite and >= 0, found NaN", assertThrows(
                IllegalArgumentException.class, () -> LifetimeValue.chosenByHoldout().dropoutWeights(Double.NaN))
                .getMessage());
        assertEquals("dropoutWeights[2] must be finite and >= 0, found Infinity", assertThrows(
                IllegalArgumentException.class, () -> LifetimeValue.chosenByHoldout()
                        .dropoutWeights(0, 1, Double.POSITIVE_INFINITY)).getMessage());
        assertEquals("dropoutWeights must be strictly increasing, found [0.0, 0.01, 0.001]", assertThrows(
                IllegalArgumentException.class, () -> LifetimeValue.chosenByHoldout().dropoutWeights(0, 1e-2, 1e-3))
                .getMessage());
        assertEquals("dropoutWeights must be strictly increasing, found [0.0, 0.0]", assertThrows(
                IllegalArgumentException.class, () -> LifetimeValue.chosenByHoldout().dropoutWeights(0, 0))
                .getMessage());
        assertEquals("dropoutWeights must be set on a chosenByHoldout() configuration, found a given transaction "
                + "model", assertThrows(IllegalStateException.class,
                        () -> LifetimeValue.bgNbd(BgNbd.builder()).dropoutWeights(0, 1e-3)).getMessage());
        assertThrows(NullPointerException.class, () -> LifetimeValue.chosenByHoldout().dropoutWeights(null));
    }

    @Test
    void aNonDefaultGridIsShownByToString() {
        assertTrue(LifetimeValue.chosenByHoldout().dropoutWeights(0, 1e-3).toString()
                .contains("chosenByHoldout[BgNbd"));
        assertTrue(LifetimeValue.chosenByHoldout().dropoutWeights(0, 1e-3).toString()
                .contains("], dropoutWeights=[0.0, 0.001], spend="));
        assertFalse(LifetimeValue.chosenByHoldout().toString().contains("dropoutWeights"));
    }
}
