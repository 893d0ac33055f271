package dev.segmentation.clv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.features.BtydSummary;
import dev.segmentation.testing.SharedData;
import dev.segmentation.testing.StdoutGuard;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * BG/NBD on CDNOW against shared/docs/reference-numbers.md: [paper] Fader, Hardie and Lee 2005, [lt] the
 * lifetimes test suite, [BTYD] the R package, [ref] a high-precision recomputation. Tolerances are the ones
 * stated there unless tighter.
 */
class BgNbdCdnowTest {
    static final Duration WEEK = Duration.ofDays(7);
    private static BtydSummary summary;
    private static BgNbdModel model;

    static BtydSummary cdnow() {
        return BtydSummary.readCsv(SharedData.file("cdnow/cdnow_customers_summary.csv"), StandardCharsets.UTF_8,
                WEEK, "ID", "frequency", "recency", "T", null);
    }

    @BeforeAll
    static void fit() {
        summary = cdnow();
        model = BgNbd.builder().build().fit(summary);
    }

    @Test
    void mleMatchesReference() {
        // [ref]: parameters to 1e-4 relative (we reach about 1e-6, the reference's printed precision), LL to 1e-3.
        assertEquals(0.242593, model.r(), 1e-5 * 0.242593);
        assertEquals(4.413532, model.alpha(), 1e-5 * 4.413532);
        assertEquals(0.792886, model.a(), 1e-5 * 0.792886);
        assertEquals(2.425754, model.b(), 1e-5 * 2.425754);
        assertEquals(-9582.4256, model.logLikelihood(), 1e-4);
        assertTrue(model.converged());
        assertTrue(model.gradientNorm() <= 1e-8, "gradient norm " + model.gradientNorm());
        assertEquals(2357, model.customers());
        assertEquals(WEEK, model.unit());
        assertEquals("bgnbd", model.name());
    }

    @Test
    void mleMatchesPaperToItsPrecision() {
        // [paper] 0.243, 4.414, 0.793, 2.426, LL -9582.4 (3 decimals; the paper used unrounded times).
        assertEquals(0.243, model.r(), 5e-4);
        assertEquals(4.414, model.alpha(), 5e-4);
        assertEquals(0.793, model.a(), 5e-4);
        assertEquals(2.426, model.b(), 5e-4);
        assertEquals(-9582.4, model.logLikelihood(), 0.05);
    }

    @Test
    void standardErrorsMatchLifetimesQuickstart() {
        // lifetimes docs/Quickstart.md, bgf.summary: se(coef) 0.012557, 0.378221, 0.185719, 0.705345 (6 decimals).
        double[] se = model.standardErrors();
        assertArrayEquals(new double[] {0.012557, 0.378221, 0.185719, 0.705345}, se, 1e-6);
    }

    @Test
    void nextPeriodPredictionsMatchLifetimesQuickstart() {
        // lifetimes docs/Quickstart.md, t = 1: customer 1516 (26, 30.86, 31.00) 0.710623, 157 (29, 37.71, 38.00)
        // 0.662396, 1981 (17, 28.43, 28.86) 0.486526 (6 decimals, at lifetimes' own optimum).
        assertEquals(0.710623, model.conditionalExpectedPurchases(1, 26, 30.86, 31.00), 2e-6);
        assertEquals(0.662396, model.conditionalExpectedPurchases(1, 29, 37.71, 38.00), 2e-6);
        assertEquals(0.486526, model.conditionalExpectedPurchases(1, 17, 28.43, 28.86), 2e-6);
    }

    @Test
    void expectedPurchasesMatchLifetimes() {
        // [lt] 3 decimals (numpy decimal=3, i.e. 1.5e-3); against mpmath at our MLE (golden.py) to 1e-12.
        double[] t = {0.1429, 1, 3, 31.8571, 32, 78};
        double[] lt = {0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576};
        double[] mp = {0.0078160720642253824223, 0.053184740776217486972, 0.15063193018574187683,
            1.040494307097507917, 1.0437372296840348842, 1.8579717824279279799};
        for (int i = 0; i < t.length; i++) {
            assertEquals(lt[i], model.expectedPurchases(t[i]), 1e-3, "t = " + t[i]);
            assertEquals(mp[i], model.expectedPurchases(t[i]), 1e-9 * mp[i], "t = " + t[i]);
        }
        // Long horizons use the 1 - z transformation (z = 0.99915 at t = 5200).
        assertEquals(4.9687483369158718047, model.expectedPurchases(520), 1e-8);
        assertEquals(12.136876785560898717, model.expectedPurchases(5200), 1e-7);
    }

    @Test
    void conditionalExpectedPurchasesMatchLifetimes() {
        // [lt] 1.226 +- 0.001 for (2, 30.43, 38.86) over 39 weeks.
        double v = model.conditionalExpectedPurchases(39, 2, 30.43, 38.86);
        assertEquals(1.226, v, 1e-3);
        assertEquals(1.2259104521227030715, v, 1e-12);
    }

    @Test
    void probabilityOfPurchasesMatchesBtyd() {
        // [BTYD] at the paper's parameters, +-1e-6 (we reach 1e-12 relative).
        BgNbdModel paper = BgNbdModel.of(0.243, 4.414, 0.793, 2.426, WEEK);
        assertEquals(1.07869e-07, paper.probabilityOfPurchases(10, 2), 1e-12);
        assertEquals(0.5737864, paper.probabilityOfPurchases(0, 39), 1e-7);
    }

    @Test
    void stableLogLikelihoodForExtremeCustomers() {
        // [ref] at a = 0.80, b = 2.50, r = 0.25, alpha = 4.00, T = 40, +-1e-4.
        BgNbdModel m = BgNbdModel.of(0.25, 4.00, 0.80, 2.50, WEEK);
        assertEquals(-0.59947382, m.logLikelihood(0, 0, 40), 1e-8);
        assertEquals(100.7957, m.logLikelihood(200, 38, 40), 1e-4);
        double ll = m.logLikelihood(900, 39.5, 40);
        assertTrue(Double.isFinite(ll), "x = 900 gives " + ll);
    }

    @Test
    void probabilityAliveOfExtremeCustomerIsZeroNotNaN() {
        assertEquals(0.0, model.probabilityAlive(1000, 10, 100));
        assertEquals(0.0, model.conditionalExpectedPurchases(39, 1000, 10, 100));
        double v = model.conditionalExpectedPurchases(39, 1000, 99.9, 100);
        assertTrue(v > 100 && Double.isFinite(v), "E[Y] = " + v);
        assertEquals(1.0, model.probabilityAlive(0, 0, 50));
    }

    @Test
    void aliveMatrixHasTheDocumentedShape() {
        double[][] m = model.probabilityAliveMatrix(3, 10);
        assertEquals(4, m.length);
        assertEquals(11, m[0].length);
        assertEquals(1.0, m[0][0]);
        assertEquals(model.probabilityAlive(2, 7, 10), m[2][7]);
        assertTrue(m[3][10] > m[3][2]);
    }

    @Test
    void penaltyShrinksParameters() {
        BgNbdModel p = BgNbd.builder().penalty(0.01).build().fit(summary);
        assertTrue(p.converged());
        double sumSq = p.r() * p.r() + p.alpha() * p.alpha() + p.a() * p.a() + p.b() * p.b();
        double sumSq0 = model.r() * model.r() + model.alpha() * model.alpha() + model.a() * model.a()
                + model.b() * model.b();
        assertTrue(sumSq < sumSq0, sumSq + " vs " + sumSq0);
        assertTrue(p.logLikelihood() < model.logLikelihood());
    }

    @Test
    void compressedAndRowByRowFitsAgree() {
        BgNbdModel rows = BgNbd.builder().compress(false).build().fit(summary);
        assertTrue(BtydHistogram.of(summary).size() < summary.size());
        assertEquals(model.r(), rows.r(), 1e-7 * model.r());
        assertEquals(model.alpha(), rows.alpha(), 1e-7 * model.alpha());
        assertEquals(model.a(), rows.a(), 1e-7 * model.a());
        assertEquals(model.b(), rows.b(), 1e-7 * model.b());
        assertEquals(model.logLikelihood(), rows.logLikelihood(), 1e-8);
    }

    @Test
    void fitIsDeterministicAndSilent() {
        String printed = StdoutGuard.capture(() -> {
            BgNbdModel again = BgNbd.builder().build().fit(summary);
            assertEquals(model.toString(), again.toString());
            assertArrayEquals(model.standardErrors(), again.standardErrors());
        });
        assertEquals("", printed);
    }

    @Test
    void nonConvergenceIsReportedNotThrown() {
        BgNbdModel m = BgNbd.builder().maxIterations(2).build().fit(summary);
        assertFalse(m.converged());
        assertTrue(m.iterations() <= 2);
    }

    @Test
    void scoreAgreesWithSingleCalls() {
        double[] pa = new double[summary.size()];
        double[] e = new double[summary.size()];
        model.score(summary, 39, pa, e);
        for (int i = 0; i < summary.size(); i += 97) {
            assertEquals(model.probabilityAlive(summary.frequency(i), summary.recency(i), summary.T(i)), pa[i]);
            assertEquals(model.conditionalExpectedPurchases(39, summary.frequency(i), summary.recency(i),
                    summary.T(i)), e[i], 1e-14);
        }
    }
}
