package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The weighted form of {@link DropoutWeightRule} (rows of customers with equal losses, issue 19): with the counts
 * expanded into one row per customer it is the per-customer rule within rounding and makes the same choice; with
 * every count 1 (or no counts) it is the per-customer rule bit for bit.
 */
class DropoutWeightRuleCountsTest {

    private static double[][] expand(double[][] losses, long[] counts) {
        int n = 0;
        for (long c : counts) {
            n += (int) c;
        }
        double[][] out = new double[losses.length][];
        for (int w = 0; w < losses.length; w++) {
            if (losses[w] == null) {
                continue;
            }
            out[w] = new double[n];
            int i = 0;
            for (int r = 0; r < counts.length; r++) {
                for (long c = 0; c < counts[r]; c++) {
                    out[w][i++] = losses[w][r];
                }
            }
        }
        return out;
    }

    @Test
    void aHandWorkedGroupedExample() {
        // rows of 2 and 1 and 1 customers: per customer 0.1, 0.1, 0.2, 0 as in DropoutWeightRuleTest
        double[][] grouped = {{1.0, 1.0, 1.0}, {1.1, 1.2, 1.0}};
        DropoutWeightRule r = DropoutWeightRule.apply(grouped, new long[] {2, 1, 1});
        assertEquals(0, r.chosen);
        assertEquals(0.1, r.difference[1], 1e-15);
        assertEquals(Math.sqrt(0.02 / 3 / 4), r.standardError[1], 1e-15);
        assertEquals(1.1, r.meanLoss[1], 1e-15);
    }

    @Property(tries = 300)
    void countsAreCustomersRepeated(@ForAll @LongRange(min = 0, max = 1L << 40) long seed,
            @ForAll @IntRange(min = 1, max = 40) int rows, @ForAll @IntRange(min = 1, max = 5) int weights) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] counts = new long[rows];
        for (int i = 0; i < rows; i++) {
            counts[i] = 1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 50);
        }
        double[][] losses = new double[weights][];
        for (int w = 0; w < weights; w++) {
            if (w > 0 && rnd.nextInt(5) == 0) {
                continue; // an ineligible weight
            }
            losses[w] = new double[rows];
            for (int i = 0; i < rows; i++) {
                losses[w][i] = rnd.nextDouble() * (1 + 0.05 * w);
            }
        }
        DropoutWeightRule grouped = DropoutWeightRule.apply(losses, counts);
        DropoutWeightRule perCustomer = DropoutWeightRule.apply(expand(losses, counts));
        assertEquals(perCustomer.best, grouped.best);
        for (int w = 0; w < weights; w++) {
            assertEquals(perCustomer.meanLoss[w], grouped.meanLoss[w], 1e-12, "mean " + w);
            assertEquals(perCustomer.difference[w], grouped.difference[w], 1e-12, "difference " + w);
            assertEquals(perCustomer.standardError[w], grouped.standardError[w], 1e-12, "se " + w);
            boolean clear = Double.isNaN(perCustomer.difference[w])
                    || Math.abs(perCustomer.difference[w] - perCustomer.standardError[w]) > 1e-9;
            if (clear) {
                assertEquals(perCustomer.within(w), grouped.within(w), "within " + w);
            }
        }
        // unit counts: the per-customer rule bit for bit
        long[] ones = new long[rows];
        Arrays.fill(ones, 1);
        DropoutWeightRule unit = DropoutWeightRule.apply(losses, ones);
        DropoutWeightRule plain = DropoutWeightRule.apply(losses);
        assertEquals(plain.best, unit.best);
        assertEquals(plain.chosen, unit.chosen);
        assertArrayEquals(plain.meanLoss, unit.meanLoss);
        assertArrayEquals(plain.difference, unit.difference);
        assertArrayEquals(plain.standardError, unit.standardError);
    }
}
