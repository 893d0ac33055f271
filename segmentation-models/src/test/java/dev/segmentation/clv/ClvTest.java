package dev.segmentation.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.features.BtydSummary;
import java.time.Duration;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** Discounted CLV with explicit time units. */
class ClvTest {
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration DAY = Duration.ofDays(1);
    private final BgNbdModel weekly = BgNbdModel.of(0.242593, 4.413532, 0.792886, 2.425754, WEEK);
    // The same model in days: alpha is a time scale, so it is multiplied by 7.
    private final BgNbdModel daily = BgNbdModel.of(0.242593, 4.413532 * 7, 0.792886, 2.425754, DAY);

    @Test
    void monthIsAGregorianTwelfthNotThirtyDays() {
        assertEquals(30.436875, TimeUnits.inUnits(1, ChronoUnit.MONTHS, DAY), 1e-12);
        assertEquals(52.1775, TimeUnits.inUnits(Period.ofMonths(12), WEEK), 1e-12);
        assertEquals(52.1775, TimeUnits.inUnits(Period.ofYears(1), WEEK), 1e-12);
        assertEquals(2.0, TimeUnits.inUnits(Period.ofDays(14), WEEK), 1e-15);
        assertEquals(36.0, TimeUnits.inUnits(Duration.ofDays(1).multipliedBy(3), Duration.ofHours(2)), 1e-15);
        assertEquals("span must be >= 0, found P-1M", assertThrows(IllegalArgumentException.class,
                () -> TimeUnits.inUnits(Period.ofMonths(-1), WEEK)).getMessage());
    }

    @Test
    void undiscountedValueTelescopesToSpendTimesExpectedPurchases() {
        Clv clv = Clv.builder().horizon(Period.ofMonths(12)).build();
        double e = weekly.conditionalExpectedPurchases(52.1775, 2, 30.43, 38.86);
        assertEquals(25.0 * e, clv.customerValue(weekly, 25, 2, 30.43, 38.86), 1e-12);
        double[] ends = clv.stepEnds(WEEK);
        assertEquals(12, ends.length);
        assertEquals(52.1775, ends[11], 1e-12);
        assertEquals(4.348125, ends[0], 1e-12);
    }

    @Test
    void weeklyAndDailyModelsGiveTheSameValue() {
        // A fit in weeks and a horizon in months must convert correctly: the same model expressed in days,
        // scoring the same customers recorded in days, gives the same CLV.
        Clv clv = Clv.builder().horizon(12, ChronoUnit.MONTHS).annualDiscountRate(0.10).build();
        BtydSummary inWeeks = BtydSummary.of(new String[] {"a", "b", "c"}, new double[] {2, 0, 7},
                new double[] {30.43, 0, 20}, new double[] {38.86, 20, 21}, new double[] {30, 0, 12}, WEEK);
        BtydSummary inDays = BtydSummary.of(new String[] {"a", "b", "c"}, new double[] {2, 0, 7},
                new double[] {30.43 * 7, 0, 140}, new double[] {38.86 * 7, 140, 147}, new double[] {30, 0, 12}, DAY);
        double[] spend = {30, 35, 12};
        double[] w = new double[3];
        double[] d = new double[3];
        double[] mixed = new double[3];
        clv.compute(weekly, spend, inWeeks, w);
        clv.compute(daily, spend, inDays, d);
        clv.compute(weekly, spend, inDays, mixed); // summary in days, model in weeks: converted
        for (int i = 0; i < 3; i++) {
            assertEquals(w[i], d[i], 1e-10 * w[i]);
            assertEquals(w[i], mixed[i], 1e-10 * w[i]);
            assertTrue(w[i] > 0);
        }
    }

    @Test
    void discountingPerStepMatchesTheHandSum() {
        Clv clv = Clv.builder().horizon(3, ChronoUnit.MONTHS).discountRatePerStep(0.01).margin(0.5).build();
        double month = 4.348125;
        double v = 0;
        double prev = 0;
        for (int k = 1; k <= 3; k++) {
            double e = weekly.conditionalExpectedPurchases(k * month, 3, 20, 30);
            v += (e - prev) / Math.pow(1.01, k);
            prev = e;
        }
        assertEquals(0.5 * 40 * v, clv.customerValue(weekly, 40, 3, 20, 30), 1e-12);
        // An annual rate equals the per-step rate (1 + d)^(1/12) - 1 for monthly steps.
        Clv annual = Clv.builder().horizon(Period.ofYears(2)).annualDiscountRate(0.12).build();
        Clv perStep = Clv.builder().horizon(Period.ofYears(2)).discountRatePerStep(Math.pow(1.12, 1.0 / 12) - 1)
                .build();
        assertEquals(annual.customerValue(weekly, 40, 3, 20, 30), perStep.customerValue(weekly, 40, 3, 20, 30),
                1e-12);
    }

    @Test
    void usesGammaGammaSpend() {
        BtydSummary s = BtydSummary.of(new String[] {"a", "b"}, new double[] {2, 0}, new double[] {30.43, 0},
                new double[] {38.86, 20}, new double[] {30, 0}, WEEK);
        GammaGammaModel gg = GammaGammaModel.of(6.25, 3.74, 15.44);
        double[] v = Clv.builder().horizon(Period.ofMonths(6)).build().compute(weekly, gg, s);
        assertEquals(gg.conditionalExpectedAverageSpend(2, 30)
                * weekly.conditionalExpectedPurchases(TimeUnits.inUnits(Period.ofMonths(6), WEEK), 2, 30.43, 38.86),
                v[0], 1e-12);
        assertEquals(gg.populationMeanSpend() * weekly.conditionalExpectedPurchases(26.08875, 0, 0, 20), v[1],
                1e-10);
    }

    @Test
    void badSettings() {
        assertEquals("horizon must be set, found none", assertThrows(IllegalStateException.class,
                () -> Clv.builder().build()).getMessage());
        assertEquals("margin must be in (0, 1], found 1.5", assertThrows(IllegalArgumentException.class,
                () -> Clv.builder().margin(1.5)).getMessage());
        assertEquals("annualDiscountRate must be finite and >= 0, found -0.1", assertThrows(
                IllegalArgumentException.class, () -> Clv.builder().annualDiscountRate(-0.1)).getMessage());
        assertEquals("horizon must be positive, found PT0S", assertThrows(IllegalArgumentException.class,
                () -> Clv.builder().horizon(Duration.ZERO)).getMessage());
        assertEquals("horizon must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> Clv.builder().horizon(0, ChronoUnit.DAYS)).getMessage());
        assertEquals("step must be from DAYS to YEARS, found Hours", assertThrows(IllegalArgumentException.class,
                () -> Clv.builder().step(ChronoUnit.HOURS)).getMessage());
        assertEquals("Clv{horizon=PT8765H49M12S, step=PT730H29M6S, annualDiscountRate=0.1, discountRatePerStep=0.0, "
                + "margin=1.0}", Clv.builder().horizon(Period.ofYears(1)).annualDiscountRate(0.1).build().toString());
    }

    @Test
    void reproducesLifetimesQuickstartAndShowsItsHiddenUnit() {
        // lifetimes docs/Quickstart.md: customer_lifetime_value(bgf, ..., time=12, discount_rate=0.01) on the weekly
        // CDNOW summary gives 140.096211 for customer 1 and 38.180574 for customer 3. lifetimes' default
        // freq="D" steps by 30 *units*, here 30 weeks: we reproduce it only by saying so, declaring the weekly
        // parameters to be daily and stepping by 30 "days" over 360.
        BtydSummary s = GammaGammaCdnowTest.cdnowWithSpend();
        BgNbdModel weeklyFit = BgNbd.builder().build().fit(s);
        GammaGammaModel gg = GammaGamma.builder().build().fit(s);
        BgNbdModel sameNumbersAsDays = BgNbdModel.of(weeklyFit.r(), weeklyFit.alpha(), weeklyFit.a(), weeklyFit.b(),
                DAY);
        Clv asLifetimes = Clv.builder().horizon(Duration.ofDays(360)).step(Duration.ofDays(30))
                .discountRatePerStep(0.01).build();
        double spend1 = gg.conditionalExpectedAverageSpend(s.frequency(0), s.monetary(0));
        double spend3 = gg.conditionalExpectedAverageSpend(s.frequency(2), s.monetary(2));
        assertEquals(140.096211, asLifetimes.customerValue(sameNumbersAsDays, spend1, s.frequency(0), s.recency(0),
                s.T(0)), 1e-5);
        assertEquals(38.180574, asLifetimes.customerValue(sameNumbersAsDays, spend3, s.frequency(2), s.recency(2),
                s.T(2)), 1e-5);
        // What the example meant, a year of monthly steps in weeks, is far smaller.
        Clv meant = Clv.builder().horizon(Period.ofYears(1)).discountRatePerStep(0.01).build();
        double year = meant.customerValue(weeklyFit, spend1, s.frequency(0), s.recency(0), s.T(0));
        assertTrue(year < 60, "one year is worth " + year);
    }
}
