package dev.segmentation.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.features.BtydSummary;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Parameter recovery on simulated customers with known parameters (issue 4): within 5% for 100,000
 * customers, and coverage of the true values by the standard-error intervals. Uses the test-only
 * {@link BtydSampler} until {@code RetailSimulator} is merged.
 */
class RecoveryTest {
    private static final Duration WEEK = Duration.ofDays(7);
    private static final double[] TRUE_BG = {0.8, 6.0, 0.6, 3.0};
    private static final double[] TRUE_GG = {6.0, 4.0, 15.0};

    @Test
    void recoversBgNbdAndGammaGammaFrom100kCustomers() {
        BtydSummary s = BtydSampler.bgNbd(42, 100_000, TRUE_BG[0], TRUE_BG[1], TRUE_BG[2], TRUE_BG[3],
                TRUE_GG[0], TRUE_GG[1], TRUE_GG[2], 52, 104, 0, WEEK);
        BgNbdModel m = BgNbd.builder().build().fit(s);
        assertTrue(m.converged());
        double[] est = {m.r(), m.alpha(), m.a(), m.b()};
        double[] se = m.standardErrors();
        for (int j = 0; j < 4; j++) {
            assertEquals(TRUE_BG[j], est[j], 0.05 * TRUE_BG[j], "BG/NBD parameter " + j);
            assertTrue(Math.abs(est[j] - TRUE_BG[j]) < 3 * se[j], "parameter " + j + " outside 3 SE");
        }
        GammaGammaModel g = GammaGamma.builder().build().fit(s);
        assertTrue(g.converged());
        double[] estG = {g.p(), g.q(), g.v()};
        double[] seG = g.standardErrors();
        for (int j = 0; j < 3; j++) {
            assertEquals(TRUE_GG[j], estG[j], 0.05 * TRUE_GG[j], "Gamma-Gamma parameter " + j);
            assertTrue(Math.abs(estG[j] - TRUE_GG[j]) < 3 * seG[j], "parameter " + j + " outside 3 SE");
        }
    }

    @Test
    void standardErrorIntervalsCoverTheTruth() {
        // 40 replications of 3,000 customers: the 95% intervals est +- 1.96 SE should cover the truth about
        // 38 times; we require at least 33 for each parameter (P(<= 32 | p = 0.95) < 0.4%).
        int reps = 40;
        int[] covered = new int[4];
        for (int k = 0; k < reps; k++) {
            BtydSummary s = BtydSampler.bgNbd(1000 + k, 3_000, TRUE_BG[0], TRUE_BG[1], TRUE_BG[2], TRUE_BG[3],
                    TRUE_GG[0], TRUE_GG[1], TRUE_GG[2], 52, 104, 0, WEEK);
            BgNbdModel m = BgNbd.builder().build().fit(s);
            double[] est = {m.r(), m.alpha(), m.a(), m.b()};
            double[] se = m.standardErrors();
            for (int j = 0; j < 4; j++) {
                if (Math.abs(est[j] - TRUE_BG[j]) <= 1.96 * se[j]) {
                    covered[j]++;
                }
            }
        }
        for (int j = 0; j < 4; j++) {
            assertTrue(covered[j] >= 33, "parameter " + j + " covered " + covered[j] + " of " + reps);
        }
    }
}
