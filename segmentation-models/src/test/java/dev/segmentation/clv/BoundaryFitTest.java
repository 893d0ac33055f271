package dev.segmentation.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.features.BtydSummary;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Fits whose optimum is on the boundary of the parameter space (issue 15): customers who never drop out, so
 * the BG/NBD and MBG/NBD likelihoods rise as a falls to 0 (dropout probability about 0) and are flat along a
 * and b there. On Online Retail's calibration window both fits stopped with a gradient of about 5e-7 (in r and
 * alpha, above the 1e-8 tolerance) and were reported as not converged, because BFGS's line search failed on
 * the likelihood's rounding noise along the flat directions and the Newton polish needed the whole Hessian to
 * be positive definite. They now converge on the identified parameters and say so.
 */
class BoundaryFitTest {
    /** No dropout: p ~ Beta(1e-6, 1e3) is 0 to double precision for every customer. */
    private static final BtydSummary NO_DROPOUT = BtydSampler.bgNbd(15, 3000, 0.7, 9.0, 1e-6, 1e3, 2, 3, 10,
            20, 52, 1.0 / 7, Duration.ofDays(7));

    @Test
    void bgNbdConvergesAtTheNoDropoutBoundaryAndSaysSo() {
        check(BgNbd.builder().build().fit(NO_DROPOUT));
    }

    @Test
    void modifiedBgNbdConvergesAtTheNoDropoutBoundaryAndSaysSo() {
        check(ModifiedBgNbd.builder().build().fit(NO_DROPOUT));
    }

    private static void check(BgFamilyModel m) {
        assertTrue(m.converged(), m.convergenceReason());
        assertTrue(m.gradientNorm() <= 1e-8, "gradient norm " + m.gradientNorm());
        double a = m.params().get("a");
        double b = m.params().get("b");
        // the mean dropout probability a / (a + b) is about 0: the boundary optimum
        assertTrue(a / (a + b) < 1e-6, m.params().toString());
        assertTrue(m.convergenceReason().startsWith("converged at a boundary: the likelihood is flat (to the "
                + "tolerance) along "), m.convergenceReason());
        // at that boundary the model is the NBD: the same r and alpha and log-likelihood as Pareto/NBD's own
        // no-dropout limit (s -> 0), fitted independently
        ParetoNbdModel p = ParetoNbd.builder().build().fit(NO_DROPOUT);
        assertEquals(p.params().get("r"), m.params().get("r"), 1e-5 * p.params().get("r"));
        assertEquals(p.params().get("alpha"), m.params().get("alpha"), 1e-5 * p.params().get("alpha"));
        assertEquals(p.logLikelihood(), m.logLikelihood(), 1e-6 * Math.abs(p.logLikelihood()));
    }
}
