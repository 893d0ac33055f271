package dev.segmentation.clv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/**
 * Issue 15: with a dropout the data identify (MBG/NBD's {@code a/(a+b)}, Pareto/NBD's {@code s/beta} not near
 * 0), a one-time buyer's P(alive) is below 1 and falls as the silence since the purchase grows; BG/NBD's is 1 by
 * assumption (tested in {@code BtydPropertiesTest}).
 */
class SilentAlivePropertiesTest {
    private static final Duration WEEK = Duration.ofDays(7);

    @Property(tries = 300)
    void oneTimeBuyersFadeAsTheySilence(@ForAll @DoubleRange(min = 0.05, max = 5) double r,
            @ForAll @DoubleRange(min = 0.5, max = 50) double alpha, @ForAll @DoubleRange(min = 0.05, max = 5) double a,
            @ForAll @DoubleRange(min = 0.05, max = 20) double b, @ForAll @DoubleRange(min = 0.05, max = 5) double s,
            @ForAll @DoubleRange(min = 0.5, max = 50) double beta, @ForAll @DoubleRange(min = 1, max = 300) double age) {
        for (BtydModel m : new BtydModel[] {ModifiedBgNbdModel.of(r, alpha, a, b, WEEK),
            ParetoNbdModel.of(r, alpha, s, beta, WEEK)}) {
            double now = m.probabilityAlive(0, 0, age);
            double later = m.probabilityAlive(0, 0, 2 * age);
            assertTrue(now < 1 && now > 0, m + " P(alive | x = 0, T = " + age + ") = " + now);
            assertTrue(later <= now, m + ": " + later + " after " + 2 * age + " > " + now + " after " + age);
        }
    }
}
