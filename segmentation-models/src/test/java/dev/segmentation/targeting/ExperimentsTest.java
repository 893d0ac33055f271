package dev.segmentation.targeting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

class ExperimentsTest {
    /**
     * Montgomery and Runger, Applied Statistics and Probability for Engineers, section 10-6, the St. John's Wort
     * example: 27 of 100 improved on St. John's Wort, 19 of 100 on placebo; the book prints z0 = 1.34 and
     * P = 0.18 (rounded). The expected values to 1e-6 were computed by hand (Python, math.erfc and
     * statistics.NormalDist) from the printed formulas: z0 = (0.27 - 0.19) / sqrt(0.23 * 0.77 * (1/100 + 1/100)),
     * P = erfc(z0 / sqrt 2), interval 0.08 -/+ 1.959963984540054 * sqrt(0.27 * 0.73 / 100 + 0.19 * 0.81 / 100).
     */
    @Test
    void twoProportionTestMatchesMontgomeryRunger() {
        ProportionTest t = Experiments.twoProportionTest(27, 100, 19, 100, 0.95);
        assertEquals(1.34, t.z(), 0.005);
        assertEquals(0.18, t.pValue(), 0.005);
        assertEquals(1.3442056254198995, t.z(), 1e-6);
        assertEquals(0.17888190308175567, t.pValue(), 1e-6);
        assertEquals(0.08, t.difference(), 1e-12);
        assertEquals(-0.036118562084777706, t.lower(), 1e-6);
        assertEquals(0.1961185620847777, t.upper(), 1e-6);
        assertEquals(0.27, t.rateA(), 0);
        assertEquals(0.19, t.rateB(), 0);
    }

    /**
     * NIST/SEMATECH e-Handbook of Statistical Methods, section 1.3.5.3 (two-sample t-test, AUTO83B.DAT): US cars
     * n = 249, mean 20.14458, sd 6.41470; Japanese cars n = 79, mean 30.48101, sd 6.10771. The handbook prints
     * T = -12.94627 and 136.8750 degrees of freedom for unequal variances; computed by hand from its formulas
     * with the printed summaries: T = -12.946267565658848, df = 136.8749900936937.
     */
    @Test
    void welchTTestMatchesNistHandbook() {
        MeanTest t = Experiments.welchTTest(20.14458, 6.41470, 249, 30.48101, 6.10771, 79, 0.95);
        assertEquals(-12.94627, t.t(), 5e-6);
        assertEquals(136.8750, t.degreesOfFreedom(), 5e-5);
        assertEquals(-12.946267565658848, t.t(), 1e-6);
        assertEquals(136.8749900936937, t.degreesOfFreedom(), 1e-6);
        assertTrue(t.pValue() < 1e-20);
        assertEquals(t.difference(), (t.lower() + t.upper()) / 2, 1e-9);
    }

    @Test
    void welchOnSamplesAgreesWithCommonsMathAndSummaryForm() {
        SplittableRandom r = new SplittableRandom(3);
        double[] a = new double[200];
        double[] b = new double[150];
        for (int i = 0; i < a.length; i++) {
            a[i] = 20 + 10 * r.nextDouble();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = 21 + 15 * r.nextDouble();
        }
        MeanTest t = Experiments.welchTTest(a, b, 0.9);
        assertEquals(new TTest().t(a, b), t.t(), 1e-12);
        assertEquals(new TTest().tTest(a, b), t.pValue(), 1e-12);
        org.apache.commons.math3.stat.descriptive.SummaryStatistics sa = new org.apache.commons.math3.stat
                .descriptive.SummaryStatistics();
        org.apache.commons.math3.stat.descriptive.SummaryStatistics sb = new org.apache.commons.math3.stat
                .descriptive.SummaryStatistics();
        for (double x : a) {
            sa.addValue(x);
        }
        for (double x : b) {
            sb.addValue(x);
        }
        MeanTest s = Experiments.welchTTest(sa.getMean(), sa.getStandardDeviation(), a.length, sb.getMean(),
                sb.getStandardDeviation(), b.length, 0.9);
        assertEquals(s.t(), t.t(), 1e-9);
        assertEquals(s.lower(), t.lower(), 1e-9);
    }

    /**
     * Sample size for 10% against 15%, alpha 0.05, power 0.8: 685.5969 from the formula by hand, so 686 per
     * group (the figure usually quoted for this textbook case).
     */
    @Test
    void sampleSizeAndPowerMatchTheFormula() {
        assertEquals(686, Experiments.sampleSizePerGroup(0.10, 0.15, 0.05, 0.8));
        assertEquals(0.8002309499884546, Experiments.power(0.10, 0.15, 686, 0.05), 1e-6);
    }

    @Property(tries = 100)
    void powerAtTheSampleSizeReachesTheTarget(@ForAll @DoubleRange(min = 0.01, max = 0.5) double p1,
            @ForAll @DoubleRange(min = 0.01, max = 0.3) double lift, @ForAll @DoubleRange(min = 0.5, max = 0.95)
            double target) {
        double p2 = Math.min(0.99, p1 + lift);
        long n = Experiments.sampleSizePerGroup(p1, p2, 0.05, target);
        assertTrue(Experiments.power(p1, p2, n, 0.05) >= target - 1e-9);
        if (n > 1) {
            assertTrue(Experiments.power(p1, p2, n - 1, 0.05) < target + 1e-9);
        }
    }

    @Property(tries = 100)
    void intervalContainsTheDifferenceAndPValueIsAProbability(@ForAll @LongRange(min = 1, max = 5000) long na,
            @ForAll @LongRange(min = 1, max = 5000) long nb, @ForAll @DoubleRange(min = 0, max = 1) double fa,
            @ForAll @DoubleRange(min = 0, max = 1) double fb) {
        ProportionTest t = Experiments.twoProportionTest(Math.round(fa * na), na, Math.round(fb * nb), nb, 0.95);
        assertTrue(t.lower() <= t.difference() + 1e-12 && t.difference() <= t.upper() + 1e-12);
        assertTrue(Double.isNaN(t.pValue()) || t.pValue() >= 0 && t.pValue() <= 1);
    }

    @Test
    void peekingIsFlaggedBeforeThePlannedSize() {
        assertEquals(Optional.of("peeking: analyzed at n = 120 and 130 of 686 planned per group; repeated looks "
                + "inflate the false-positive rate, so decide only at the planned size"),
                Experiments.peekingWarning(120, 130, 686));
        assertEquals(Optional.empty(), Experiments.peekingWarning(686, 700, 686));
    }

    @Test
    void badInputIsRefusedWithExactMessages() {
        assertEquals("conversionsA must be in [0, 100], found 120", assertThrows(IllegalArgumentException.class,
                () -> Experiments.twoProportionTest(120, 100, 1, 100, 0.95)).getMessage());
        assertEquals("nB must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> Experiments.twoProportionTest(1, 100, 0, 0, 0.95)).getMessage());
        assertEquals("confidence must be in (0, 1), found 1.0", assertThrows(IllegalArgumentException.class,
                () -> Experiments.twoProportionTest(1, 100, 1, 100, 1.0)).getMessage());
        assertEquals("p1 must be in [0, 1], found 1.2", assertThrows(IllegalArgumentException.class,
                () -> Experiments.sampleSizePerGroup(1.2, 0.1, 0.05, 0.8)).getMessage());
        assertEquals("p2 must differ from p1, found 0.1 and 0.1", assertThrows(IllegalArgumentException.class,
                () -> Experiments.sampleSizePerGroup(0.1, 0.1, 0.05, 0.8)).getMessage());
        assertEquals("a must have >= 2 values, found 1", assertThrows(IllegalArgumentException.class,
                () -> Experiments.welchTTest(new double[] {1}, new double[] {1, 2}, 0.95)).getMessage());
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> Experiments.welchTTest(new double[] {1, 2}, new double[] {1, Double.NaN}, 0.95));
        assertEquals("b row 1: value must be finite, found NaN", e.getMessage());
        assertEquals("a and b must not both have zero variance, found 0.0 and 0.0", assertThrows(
                IllegalArgumentException.class, () -> Experiments.welchTTest(new double[] {1, 1},
                        new double[] {2, 2}, 0.95)).getMessage());
        assertEquals("plannedPerGroup must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> Experiments.peekingWarning(1, 1, 0)).getMessage());
    }
}
