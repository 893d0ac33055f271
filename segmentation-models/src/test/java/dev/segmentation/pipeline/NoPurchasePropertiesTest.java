package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.clv.BgNbdModel;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.clv.ModifiedBgNbdModel;
import dev.segmentation.clv.ParetoNbdModel;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants of the transaction models' probability of no purchase over a horizon,
 * {@code L(x, t_x, T + d) / L(x, t_x, T)}: a probability, never below 1 - P(alive) (a customer who has left
 * never buys again), and not increasing with the horizon.
 */
class NoPurchasePropertiesTest {
    private static final Duration WEEK = Duration.ofDays(7);

    @Property(tries = 300)
    void isAProbabilityAboveOneMinusAliveAndFallsWithTheHorizon(
            @ForAll @IntRange(min = 0, max = 2) int family,
            @ForAll @DoubleRange(min = 0.05, max = 5) double r, @ForAll @DoubleRange(min = 0.5, max = 50) double alpha,
            @ForAll @DoubleRange(min = 0.05, max = 5) double a, @ForAll @DoubleRange(min = 0.05, max = 20) double b,
            @ForAll @IntRange(min = 0, max = 30) int x, @ForAll @DoubleRange(min = 0, max = 1) double share,
            @ForAll @DoubleRange(min = 1, max = 80) double age, @ForAll @DoubleRange(min = 0.1, max = 52) double d) {
        BtydModel m = family == 0 ? BgNbdModel.of(r, alpha, a, b, WEEK)
                : family == 1 ? ModifiedBgNbdModel.of(r, alpha, a, b, WEEK) : ParetoNbdModel.of(r, alpha, a, b, WEEK);
        double recency = x == 0 ? 0 : share * age;
        double p = TransactionModelChoice.noPurchase(m, x, recency, age, d);
        double longer = TransactionModelChoice.noPurchase(m, x, recency, age, 2 * d);
        double dead = 1 - m.probabilityAlive(x, recency, age);
        String c = m.name() + " " + m.params() + " x " + x + " tx " + recency + " T " + age + " d " + d;
        assertTrue(p >= 0 && p <= 1, c + ": " + p);
        assertTrue(p >= dead - 1e-9, c + ": P0 " + p + " < 1 - P(alive) " + dead);
        assertTrue(longer <= p + 1e-9, c + ": P0(2d) " + longer + " > P0(d) " + p);
    }
}
