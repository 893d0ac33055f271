package dev.segmentation.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.features.BtydSummary;
import dev.segmentation.testing.SharedData;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Gamma-Gamma on CDNOW against shared/docs/reference-numbers.md. */
class GammaGammaCdnowTest {
    private static BtydSummary summary;
    private static GammaGammaModel model;

    static BtydSummary cdnowWithSpend() {
        return BtydSummary.readCsv(SharedData.file("cdnow/cdnow_customers_summary_with_transactions.csv"),
                StandardCharsets.UTF_8, BgNbdCdnowTest.WEEK, "ID", "x", "t_x", "T", "zbar");
    }

    @BeforeAll
    static void fit() {
        summary = cdnowWithSpend();
        model = GammaGamma.builder().build().fit(summary);
    }

    @Test
    void mleMatchesReference() {
        // [ref] p = 6.248803, q = 3.744588, v = 15.447747, LL = -4055.92324 (we assert 1e-6 relative, 1e-5).
        assertEquals(6.248803, model.p(), 1e-6 * 6.248803);
        assertEquals(3.744588, model.q(), 1e-6 * 3.744588);
        assertEquals(15.447747, model.v(), 1e-6 * 15.447747);
        assertEquals(-4055.92324, model.logLikelihood(), 1e-5);
        assertEquals(946, model.customers());
        assertTrue(model.converged());
        // [paper] 6.25, 3.74, 15.44 (2 decimals).
        assertEquals(6.25, model.p(), 5e-3);
        assertEquals(3.74, model.q(), 5e-3);
        assertEquals(15.44, model.v(), 1e-2);
    }

    @Test
    void conditionalSpendMatchesLifetimes() {
        // [lt] customers 1, 2, 3: 24.6586, 18.9115, 35.1710 (customer 3 has x = 0: the population mean).
        double[] out = new double[summary.size()];
        model.conditionalExpectedAverageSpend(summary, out);
        assertEquals(24.6586, out[0], 1e-4);
        assertEquals(18.9115, out[1], 1e-4);
        assertEquals(35.1710, out[2], 1e-4);
        assertEquals(model.populationMeanSpend(), out[2], 1e-12);
    }

    @Test
    void refusesQAtMostOne() {
        GammaGammaModel bad = GammaGammaModel.of(2, 0.8, 10);
        IllegalStateException e = assertThrows(IllegalStateException.class, bad::populationMeanSpend);
        assertEquals("q must be > 1 for the population mean spend p*v/(q-1), found 0.8", e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> bad.conditionalExpectedAverageSpend(0, 0));
        assertEquals("p*frequency + q must be > 1 for a finite expected spend, found 0.8 (p=2.0, q=0.8, "
                + "frequency=0.0)", e.getMessage());
        // With repeat purchases the posterior mean exists: p x + q > 1.
        assertEquals(2 * (10 + 3 * 20.0) / (2 * 3 + 0.8 - 1), bad.conditionalExpectedAverageSpend(3, 20), 1e-12);
        e = assertThrows(IllegalStateException.class, () -> bad.conditionalExpectedAverageSpend(summary,
                new double[summary.size()]));
        assertEquals("q must be > 1 for the population mean spend p*v/(q-1), found 0.8", e.getMessage());
    }
}
