package dev.segmentation.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.features.BtydSummary;
import dev.segmentation.testing.RequiresSharedData;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Invariants of the BTYD models (issue 4, "Must show: properties"). */
class BtydPropertiesTest {
    private static final Duration WEEK = Duration.ofDays(7);

    private static BtydModel[] models(double r, double alpha, double a, double b) {
        return new BtydModel[] {BgNbdModel.of(r, alpha, a, b, WEEK), ModifiedBgNbdModel.of(r, alpha, a, b, WEEK),
            ParetoNbdModel.of(r, alpha, a, b * 3, WEEK)};
    }

    @Property(tries = 300)
    void probabilityAliveIsAProbability(@ForAll @DoubleRange(min = 0.01, max = 20) double r,
            @ForAll @DoubleRange(min = 0.01, max = 100) double alpha, @ForAll @DoubleRange(min = 0.01, max = 20) double a,
            @ForAll @DoubleRange(min = 0.01, max = 20) double b, @ForAll @IntRange(min = 0, max = 2000) int x,
            @ForAll @DoubleRange(min = 0, max = 1) double share, @ForAll @DoubleRange(min = 0, max = 500) double age) {
        double tx = x == 0 ? 0 : share * age;
        for (BtydModel m : models(r, alpha, a, b)) {
            double p = m.probabilityAlive(x, tx, age);
            assertTrue(p >= 0 && p <= 1, m.name() + ": " + p);
            double e = m.conditionalExpectedPurchases(10, x, tx, age);
            assertTrue(e >= 0 && Double.isFinite(e), m.name() + ": E = " + e);
        }
    }

    @Property(tries = 200)
    void scoresStayFiniteWhenTheDropoutPriorIsConcentrated(@ForAll @DoubleRange(min = 0.05, max = 5) double r,
            @ForAll @DoubleRange(min = 0.5, max = 50) double alpha, @ForAll @DoubleRange(min = 3, max = 8) double log10A,
            @ForAll @DoubleRange(min = 1, max = 100) double bOverA, @ForAll @IntRange(min = 0, max = 60) int x,
            @ForAll @DoubleRange(min = 0, max = 1) double share, @ForAll @DoubleRange(min = 1, max = 100) double age,
            @ForAll @DoubleRange(min = 1, max = 400) double t) {
        // fits to data that do not identify a and b drift to a, b in the millions (converged() == false); the
        // fitted model must still score every customer with a number, never NaN
        double a = Math.pow(10, log10A);
        double tx = x == 0 ? 0 : share * age;
        for (BtydModel m : models(r, alpha, a, a * bOverA)) {
            double p = m.probabilityAlive(x, tx, age);
            assertTrue(p >= 0 && p <= 1, m.name() + ": " + p);
            double e = m.conditionalExpectedPurchases(t, x, tx, age);
            assertTrue(e >= 0 && Double.isFinite(e), m.name() + ": E = " + e);
        }
    }

    @Property(tries = 100)
    void severalHorizonsAtOnceEqualOneByOne(@ForAll @DoubleRange(min = 0.05, max = 5) double r,
            @ForAll @DoubleRange(min = 0.5, max = 50) double alpha, @ForAll @DoubleRange(min = 0.05, max = 5) double a,
            @ForAll @DoubleRange(min = 0.5, max = 10) double b, @ForAll @IntRange(min = 0, max = 40) int x,
            @ForAll @DoubleRange(min = 0, max = 1) double share, @ForAll @DoubleRange(min = 1, max = 100) double age) {
        double tx = x == 0 ? 0 : share * age;
        double[] t = {0, 4.3, 8.7, 13, 26, 52};
        for (BtydModel m : models(r, alpha, a, b)) {
            double[] out = new double[t.length];
            m.conditionalExpectedPurchases(t, x, tx, age, out);
            for (int k = 0; k < t.length; k++) {
                assertEquals(m.conditionalExpectedPurchases(t[k], x, tx, age), out[k], 0.0, m.name() + " t=" + t[k]);
            }
        }
    }

    @Property(tries = 200)
    void bgNbdOneTimeBuyersAreAlive(@ForAll @DoubleRange(min = 0.01, max = 20) double r,
            @ForAll @DoubleRange(min = 0.01, max = 100) double alpha, @ForAll @DoubleRange(min = 0.01, max = 20) double a,
            @ForAll @DoubleRange(min = 0.01, max = 20) double b, @ForAll @DoubleRange(min = 0, max = 500) double age) {
        assertEquals(1.0, BgNbdModel.of(r, alpha, a, b, WEEK).probabilityAlive(0, 0, age));
    }

    @Property(tries = 200)
    void conditionalExpectationIncreasesWithFrequencyAtRecencyT(@ForAll @DoubleRange(min = 0.05, max = 5) double r,
            @ForAll @DoubleRange(min = 0.5, max = 50) double alpha, @ForAll @DoubleRange(min = 0.05, max = 5) double a,
            @ForAll @DoubleRange(min = 0.5, max = 10) double b, @ForAll @DoubleRange(min = 1, max = 100) double age,
            @ForAll @DoubleRange(min = 1, max = 100) double t) {
        for (BtydModel m : models(r, alpha, a, b)) {
            // From x = 1 on: BG/NBD treats one-time buyers as alive for sure (P(alive) = 1), so x = 0 follows a
            // different formula and is not part of this invariant.
            double prev = m.conditionalExpectedPurchases(t, 1, age, age);
            for (int x = 2; x <= 60; x++) {
                double e = m.conditionalExpectedPurchases(t, x, age, age);
                assertTrue(e > prev, m.name() + " x = " + x + ": " + e + " <= " + prev);
                prev = e;
            }
        }
    }

    @Property(tries = 30)
    void purchaseCountDistributionSumsToOneWithMeanEx(@ForAll @DoubleRange(min = 0.1, max = 3) double r,
            @ForAll @DoubleRange(min = 1, max = 20) double alpha, @ForAll @DoubleRange(min = 0.2, max = 3) double a,
            @ForAll @DoubleRange(min = 1.5, max = 8) double b, @ForAll @DoubleRange(min = 0.5, max = 40) double t) {
        BtydModel[] ms = {BgNbdModel.of(r, alpha, a, b, WEEK), ModifiedBgNbdModel.of(r, alpha, a, b, WEEK)};
        for (BtydModel m : ms) {
            double sum = 0;
            double mean = 0;
            for (int n = 0; n < 3000; n++) {
                double p = m.probabilityOfPurchases(n, t);
                sum += p;
                mean += n * p;
            }
            assertEquals(1.0, sum, 1e-9, m.name());
            assertEquals(m.expectedPurchases(t), mean, 1e-7 * Math.max(1, mean), m.name());
        }
    }

    @Property(tries = 8)
    void paretoPurchaseCountDistributionSumsToOneWithMeanEx(@ForAll @DoubleRange(min = 0.3, max = 2) double r,
            @ForAll @DoubleRange(min = 2, max = 20) double alpha, @ForAll @DoubleRange(min = 0.3, max = 2) double s,
            @ForAll @DoubleRange(min = 2, max = 20) double beta) {
        ParetoNbdModel m = ParetoNbdModel.of(r, alpha, s, beta, WEEK);
        double sum = 0;
        double mean = 0;
        for (int n = 0; n < 150; n++) {
            double p = m.probabilityOfPurchases(n, 10);
            sum += p;
            mean += n * p;
        }
        assertEquals(1.0, sum, 1e-8);
        assertEquals(m.expectedPurchases(10), mean, 1e-7);
    }

    @Property(tries = 8)
    void rescalingTimeScalesAlphaOnly(@ForAll @LongRange(min = 1, max = 1000) long seed,
            @ForAll @DoubleRange(min = 0.1, max = 10) double c) {
        BtydSummary s = BtydSampler.bgNbd(seed, 800, 0.5, 5, 0.7, 2.5, 5, 3, 10, 20, 60, 0, WEEK);
        BtydSummary scaled = BtydSummary.of(s.ids(), s.frequency(), times(s.recency(), c), times(s.T(), c), null,
                WEEK);
        BgNbdModel m = BgNbd.builder().build().fit(s);
        BgNbdModel k = BgNbd.builder().build().fit(scaled);
        assertEquals(m.r(), k.r(), 1e-6 * m.r());
        assertEquals(m.alpha() * c, k.alpha(), 1e-6 * m.alpha() * c);
        assertEquals(m.a(), k.a(), 1e-6 * m.a());
        assertEquals(m.b(), k.b(), 1e-6 * m.b());
    }

    @Property(tries = 3)
    @RequiresSharedData("cdnow/cdnow_customers_summary.csv")
    void rescalingTimeScalesParetoAlphaAndBeta(@ForAll @DoubleRange(min = 0.1, max = 10) double c) {
        // On CDNOW, where the Pareto/NBD optimum is interior (on BG/NBD-simulated data it often lies on the
        // s, beta -> infinity boundary).
        BtydSummary s = BgNbdCdnowTest.cdnow();
        BtydSummary scaled = BtydSummary.of(s.ids(), s.frequency(), times(s.recency(), c), times(s.T(), c), null,
                WEEK);
        ParetoNbdModel p = ParetoNbd.builder().build().fit(s);
        ParetoNbdModel q = ParetoNbd.builder().build().fit(scaled);
        assertEquals(p.r(), q.r(), 1e-6 * p.r());
        assertEquals(p.alpha() * c, q.alpha(), 1e-6 * p.alpha() * c);
        assertEquals(p.s(), q.s(), 1e-6 * p.s());
        assertEquals(p.beta() * c, q.beta(), 1e-6 * p.beta() * c);
    }

    @Property(tries = 8)
    void compressedFitEqualsUncompressedFit(@ForAll @LongRange(min = 1, max = 1000) long seed) {
        // A cohort observed in whole weeks: ages 20..24, so many customers share a triple.
        BtydSummary s = BtydSampler.bgNbd(seed, 4000, 0.5, 5, 0.7, 2.5, 5, 3, 10, 20, 25, 1, WEEK);
        int distinct = BtydHistogram.of(s).size();
        assertTrue(distinct < s.size() / 2, distinct + " distinct triples");
        BgNbdModel c = BgNbd.builder().build().fit(s);
        BgNbdModel u = BgNbd.builder().compress(false).build().fit(s);
        assertEquals(c.r(), u.r(), 1e-7 * c.r());
        assertEquals(c.alpha(), u.alpha(), 1e-7 * c.alpha());
        assertEquals(c.a(), u.a(), 1e-7 * c.a());
        assertEquals(c.b(), u.b(), 1e-7 * c.b());
        assertEquals(c.logLikelihood(), u.logLikelihood(), 1e-8 * Math.abs(c.logLikelihood()));
    }

    private static double[] times(double[] v, double c) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= c;
        }
        return out;
    }
}
