package dev.segmentation.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.BgNbdModel;
import dev.segmentation.clv.GammaGamma;
import dev.segmentation.clv.ParetoNbd;
import dev.segmentation.features.BtydSummary;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: "BG/NBD on one customer or 50 identical rows gives parameters near 1e24-1e55 with `logLikelihood
 * 0.0`"; "an all-zero-frequency summary gives `converged: true` with NaN errors"; "Gamma-Gamma on one customer
 * reports a log-likelihood of 4.3e45".
 */
class DegenerateBtydFitsTest {
    private static final Duration WEEK = Duration.ofDays(7);

    private static BtydSummary rows(int n, double x, double tx, double age, double m) {
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "c" + i;
        }
        double[] f = new double[n];
        double[] r = new double[n];
        double[] t = new double[n];
        double[] v = new double[n];
        Arrays.fill(f, x);
        Arrays.fill(r, tx);
        Arrays.fill(t, age);
        Arrays.fill(v, m);
        return BtydSummary.of(ids, f, r, t, v, WEEK);
    }

    @Test
    void oneCustomerIsRefused() {
        assertEquals("summary: the data cannot identify the bgnbd parameters: all 1.0 customers have the same"
                + " (frequency, recency, T) = (2.0, 20.0, 38.0); at least 2 distinct customers are needed",
                assertThrows(InvalidDataException.class, () -> BgNbd.builder().build().fit(rows(1, 2, 20, 38, 10)))
                        .getMessage());
    }

    @Test
    void fiftyIdenticalRowsAreRefused() {
        assertEquals("summary: the data cannot identify the paretonbd parameters: all 50.0 customers have the"
                + " same (frequency, recency, T) = (3.0, 30.0, 39.0); at least 2 distinct customers are needed",
                assertThrows(InvalidDataException.class,
                        () -> ParetoNbd.builder().build().fit(rows(50, 3, 30, 39, 10))).getMessage());
    }

    @Test
    void nobodyRepeatingIsRefused() {
        BtydSummary s = BtydSummary.of(new String[] {"a", "b", "c"}, new double[] {0, 0, 0}, new double[] {0, 0, 0},
                new double[] {10, 20, 30}, null, WEEK);
        assertEquals("frequency: the data cannot identify the bgnbd parameters: no customer has a repeat purchase"
                + " (frequency > 0) among 3.0 customers", assertThrows(InvalidDataException.class,
                () -> BgNbd.builder().build().fit(s)).getMessage());
    }

    @Test
    void aFitThatRunsOffTheAccurateRangeIsFlaggedWithItsTrueLogLikelihood() {
        // two customers, both buying every week up to today: nothing suggests dropout, so b runs off to infinity
        BtydSummary s = BtydSummary.of(new String[] {"a", "b"}, new double[] {10, 20}, new double[] {39, 38},
                new double[] {39, 38}, null, WEEK);
        BgNbdModel m = BgNbd.builder().build().fit(s);
        // here a runs towards 0 (no dropout) and the likelihood is flat along a and b: since issue 15 that
        // boundary optimum is reported as converged at the boundary, with its reason, once r and alpha have
        // converged (it was "stopped after n iterations ..." before); a parameter leaving [1e-12, 1e12] still
        // gives the other documented reason, as not converged
        String reason = m.convergenceReason();
        assertTrue(m.converged() && reason.startsWith("converged at a boundary: the likelihood is flat (to the"
                + " tolerance) along ") || !m.converged() && reason.matches("the data do not identify the model:"
                + " \\w+ = \\S+ left \\[1e-12, 1e12\\] during the fit, so the parameters were put back at the edge"
                + " of that range"), m.params() + " " + reason);
        for (double v : m.params().values()) {
            assertTrue(v >= 1e-12 && v <= 1e12, m.params().toString());
        }
        // the reported log-likelihood is the true one at the returned parameters (not 0.0)
        double ll = m.logLikelihood(10, 39, 39) + m.logLikelihood(20, 38, 38);
        assertEquals(ll, m.logLikelihood(), 1e-9 * Math.abs(ll));
        assertTrue(ll < 0);
    }

    @Test
    void gammaGammaOnOneCustomerIsRefused() {
        assertEquals("summary: the data cannot identify the Gamma-Gamma parameters: all 1 repeat customers have"
                + " the same (frequency, monetary) = (4.0, 25.0); at least 2 distinct repeat customers are needed",
                assertThrows(InvalidDataException.class,
                        () -> GammaGamma.builder().build().fit(rows(1, 4, 30, 39, 25))).getMessage());
    }
}
