package dev.segmentation.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.features.BtydSummary;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dropout prior ({@code dropoutPenalty}, issue 15): weight 0 is today's fit bit for bit; a positive weight
 * moves a no-dropout boundary fit off the boundary so that long-silent one-time buyers are no longer "alive for
 * sure"; and the fitted parameters minimize the documented objective
 * {@code -LL / W + lambda * sum_k (log p_k - log c_k)^2}, evaluated here independently of the fitter, from the
 * models' published per-customer log-likelihoods.
 */
class DropoutPenaltyTest {
    private static final Duration WEEK = Duration.ofDays(7);
    /** No dropout: p ~ Beta(1e-6, 1e3), as in {@link BoundaryFitTest}. */
    private static final BtydSummary NO_DROPOUT = BtydSampler.bgNbd(15, 3000, 0.7, 9.0, 1e-6, 1e3, 2, 3, 10,
            20, 52, 1.0 / 7, WEEK);
    private static final double LAMBDA = 1e-3;

    @Test
    void weightZeroIsTheUnpenalizedFitBitForBit() {
        assertEquals(BgNbd.builder().build().fit(NO_DROPOUT).params(),
                BgNbd.builder().dropoutPenalty(0).build().fit(NO_DROPOUT).params());
        assertEquals(ModifiedBgNbd.builder().build().fit(NO_DROPOUT).params(),
                ModifiedBgNbd.builder().dropoutPenalty(0).build().fit(NO_DROPOUT).params());
        assertEquals(ParetoNbd.builder().build().fit(NO_DROPOUT).params(),
                ParetoNbd.builder().dropoutPenalty(0).build().fit(NO_DROPOUT).params());
        assertEquals("BgNbd{penalty=0.0, tolerance=1.0E-8, maxIterations=1000, compress=true}",
                BgNbd.builder().dropoutPenalty(0).build().toString());
        assertEquals("ParetoNbd{penalty=0.0, tolerance=1.0E-8, maxIterations=1000, compress=true, "
                + "dropoutPenalty=0.001}", ParetoNbd.builder().dropoutPenalty(LAMBDA).build().toBuilder().build()
                        .toString());
    }

    @Test
    void aNegativeOrNonFiniteWeightIsRefused() {
        assertEquals("dropoutPenalty must be finite and >= 0, found -1.0", assertThrows(
                IllegalArgumentException.class, () -> BgNbd.builder().dropoutPenalty(-1)).getMessage());
        assertEquals("dropoutPenalty must be finite and >= 0, found NaN", assertThrows(
                IllegalArgumentException.class, () -> ParetoNbd.builder().dropoutPenalty(Double.NaN)).getMessage());
    }

    @Test
    void mbgNbdMapFitMinimizesTheDocumentedObjective() {
        ModifiedBgNbdModel m = ModifiedBgNbd.builder().dropoutPenalty(LAMBDA).build().fit(NO_DROPOUT);
        assertTrue(m.converged(), m.convergenceReason());
        Map<String, Double> p = m.params();
        double[] theta = {Math.log(p.get("r")), Math.log(p.get("alpha")), Math.log(p.get("a")),
            Math.log(p.get("b"))};
        assertIsMinimum(theta, t -> objective(ModifiedBgNbdModel.of(Math.exp(t[0]), Math.exp(t[1]),
                Math.exp(t[2]), Math.exp(t[3]), WEEK), t[2] * t[2] + t[3] * t[3]));
        offTheBoundary(m, ModifiedBgNbd.builder().build().fit(NO_DROPOUT));
    }

    @Test
    void paretoNbdMapFitMinimizesTheDocumentedObjective() {
        ParetoNbdModel m = ParetoNbd.builder().dropoutPenalty(LAMBDA).build().fit(NO_DROPOUT);
        assertTrue(m.converged(), m.convergenceReason());
        Map<String, Double> p = m.params();
        double[] theta = {Math.log(p.get("r")), Math.log(p.get("alpha")), Math.log(p.get("s")),
            Math.log(p.get("beta"))};
        // s centred at 1, beta at alpha
        assertIsMinimum(theta, t -> objective(ParetoNbdModel.of(Math.exp(t[0]), Math.exp(t[1]), Math.exp(t[2]),
                Math.exp(t[3]), WEEK), t[2] * t[2] + (t[3] - t[1]) * (t[3] - t[1])));
        offTheBoundary(m, ParetoNbd.builder().build().fit(NO_DROPOUT));
    }

    @Test
    void bgNbdMapFitMinimizesTheDocumentedObjective() {
        BgNbdModel m = BgNbd.builder().dropoutPenalty(LAMBDA).build().fit(NO_DROPOUT);
        assertTrue(m.converged(), m.convergenceReason());
        double[] theta = {Math.log(m.r()), Math.log(m.alpha()), Math.log(m.a()), Math.log(m.b())};
        assertIsMinimum(theta, t -> objective(BgNbdModel.of(Math.exp(t[0]), Math.exp(t[1]), Math.exp(t[2]),
                Math.exp(t[3]), WEEK), t[2] * t[2] + t[3] * t[3]));
    }

    /** -LL / W + lambda * prior, the log-likelihood summed customer by customer with the model's scalar form. */
    private static double objective(BtydModel m, double prior) {
        double ll = 0;
        for (int i = 0; i < NO_DROPOUT.size(); i++) {
            ll += m.logLikelihood(NO_DROPOUT.frequency(i), NO_DROPOUT.recency(i), NO_DROPOUT.T(i));
        }
        return -ll / NO_DROPOUT.size() + LAMBDA * prior;
    }

    /** The objective does not fall when any log-parameter moves by +-1e-3 from the fit (a local minimum). */
    private static void assertIsMinimum(double[] theta, java.util.function.ToDoubleFunction<double[]> f) {
        double at = f.applyAsDouble(theta);
        assertTrue(Double.isFinite(at));
        for (int j = 0; j < theta.length; j++) {
            for (double step : new double[] {-1e-3, 1e-3}) {
                double[] t = theta.clone();
                t[j] += step;
                double moved = f.applyAsDouble(t);
                assertTrue(moved >= at - 1e-12, "parameter " + j + " step " + step + ": " + moved + " < " + at);
            }
        }
    }

    /** The prior moves the fit off the no-dropout boundary: P(alive) of long-silent one-time buyers below 1. */
    private static void offTheBoundary(BtydModel map, BtydModel ml) {
        assertTrue(ml.probabilityAlive(0, 0, 52) > 0.9999, "the maximum-likelihood fit is at the boundary");
        double alive = map.probabilityAlive(0, 0, 52);
        assertTrue(alive < 0.999 && alive >= 0, map.name() + " P(alive) " + alive);
        for (int x = 0; x <= 5; x++) {
            for (double age : new double[] {x + 0.5, 10, 52}) {
                double pa = map.probabilityAlive(x, Math.min(x, age), age);
                assertTrue(pa >= 0 && pa <= 1, x + " " + age + " " + pa);
            }
        }
    }
}
