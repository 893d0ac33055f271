package dev.segmentation.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.features.BtydSummary;
import dev.segmentation.math.Cholesky;
import java.time.Duration;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The warm-started fits ({@code fit(histogram, start)} on the BTYD trainers, issue 19): the lifetime-value stage fits
 * the chosen model at each dropout weight of its grid starting from the previous weight's optimum and curvature. A
 * warm fit must reach the cold fit's optimum to the optimizer's own tolerance. That tolerance is derived here from
 * the optimizer's settings, not chosen: both fits stop with a gradient max-norm of the objective (the mean penalized
 * negative log-likelihood over the log-parameters) of at most {@code tolerance} = 1e-8, so each lies within
 * {@code ||H^-1|| sqrt(d) tolerance} of the exact optimum in the log-parameters (H the objective's Hessian there,
 * computed below by central differences of its analytic gradient), and the two within twice that;
 * {@code ||H^-1|| <= trace(H^-1)}. The log-likelihood of the warm fit must not be lower than the cold fit's by more
 * than {@code 1e-12 |LL|}. On CDNOW at weight 1e-3 the bound is 8.4e-6 (BG/NBD), 1.0e-5 (MBG/NBD) and 1.5e-5
 * (Pareto/NBD) in the log-parameters; the warm fits differ from the cold ones by about 1e-12.
 */
class WarmStartTest {
    private static final Duration WEEK = Duration.ofDays(7);
    private static final double[] GRID = {0, 1e-4, 1e-3, 1e-2};
    /** The trainers' default tolerance, which the fits below use. */
    private static final double TOLERANCE = 1e-8;

    private static FittedBtydModel fit(String model, double w, BtydHistogram h, FittedBtydModel start) {
        switch (model) {
            case "bgnbd": {
                BgNbd t = BgNbd.builder().dropoutPenalty(w).build();
                return start == null ? t.fit(h) : t.fit(h, (BgNbdModel) start);
            }
            case "mbgnbd": {
                ModifiedBgNbd t = ModifiedBgNbd.builder().dropoutPenalty(w).build();
                return start == null ? t.fit(h) : t.fit(h, (ModifiedBgNbdModel) start);
            }
            default: {
                ParetoNbd t = ParetoNbd.builder().dropoutPenalty(w).build();
                return start == null ? t.fit(h) : t.fit(h, (ParetoNbdModel) start);
            }
        }
    }

    /** The objective's gradient over the log-parameters, as {@code LogParamFitter} defines it (penalty 0). */
    private static double[] objectiveGradient(String model, double w, BtydHistogram h, double[] theta) {
        double[] p = new double[4];
        for (int j = 0; j < 4; j++) {
            p[j] = Math.exp(theta[j]);
        }
        double[] g = new double[4];
        if (model.equals("paretonbd")) {
            ParetoFamily.logLikelihood(h.frequencies(), h.recencies(), h.ages(), h.weights(), p, g);
        } else {
            BgFamily.logLikelihood(model.equals("bgnbd") ? 0 : 1, h.frequencies(), h.recencies(), h.ages(),
                    h.weights(), p, g);
        }
        double[] grad = new double[4];
        for (int j = 0; j < 4; j++) {
            grad[j] = -g[j] * p[j] / h.totalWeight();
        }
        // the dropout prior: a, b centred at 0 (BG family); s at 0 and beta at log alpha (Pareto/NBD)
        grad[2] += 2 * w * theta[2];
        double diff = model.equals("paretonbd") ? theta[3] - theta[1] : theta[3];
        grad[3] += 2 * w * diff;
        if (model.equals("paretonbd")) {
            grad[1] -= 2 * w * diff;
        }
        return grad;
    }

    /** {@code 2 sqrt(d) tolerance trace(H^-1)}: the bound on the log-parameters' difference of two fits. */
    private static double tolerance(String model, double w, BtydHistogram h, FittedBtydModel at) {
        double[] theta = at.paramValues();
        for (int j = 0; j < 4; j++) {
            theta[j] = Math.log(theta[j]);
        }
        double[][] hess = new double[4][4];
        for (int j = 0; j < 4; j++) {
            double step = 1e-5 * Math.max(1, Math.abs(theta[j]));
            double[] plus = theta.clone();
            plus[j] += step;
            double[] minus = theta.clone();
            minus[j] -= step;
            double[] gp = objectiveGradient(model, w, h, plus);
            double[] gm = objectiveGradient(model, w, h, minus);
            for (int i = 0; i < 4; i++) {
                hess[i][j] = (gp[i] - gm[i]) / (2 * step);
            }
        }
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < i; j++) {
                double m = 0.5 * (hess[i][j] + hess[j][i]);
                hess[i][j] = m;
                hess[j][i] = m;
            }
        }
        double[][] inverse = Cholesky.inverseSpd(hess);
        assertTrue(inverse != null, "the objective's Hessian at the optimum is positive definite");
        double trace = 0;
        for (int j = 0; j < 4; j++) {
            trace += inverse[j][j];
        }
        return 2 * Math.sqrt(4) * TOLERANCE * trace;
    }

    /** The largest |log(warm / cold)| over the parameters. */
    private static double logDifference(FittedBtydModel warm, FittedBtydModel cold) {
        double[] pw = warm.paramValues();
        double[] pc = cold.paramValues();
        double max = 0;
        for (int j = 0; j < pw.length; j++) {
            max = Math.max(max, Math.abs(Math.log(pw[j] / pc[j])));
        }
        return max;
    }

    /** Checks the warm fit against the cold one; returns the warm fit. */
    private static FittedBtydModel checkWarm(String model, double w, BtydHistogram h, FittedBtydModel start) {
        FittedBtydModel cold = fit(model, w, h, null);
        FittedBtydModel warm = fit(model, w, h, start);
        assertTrue(cold.converged(), cold.convergenceReason());
        assertTrue(warm.converged(), warm.convergenceReason());
        double bound = tolerance(model, w, h, cold);
        assertTrue(logDifference(warm, cold) <= bound, model + " at " + w + ": " + warm.params() + " against "
                + cold.params() + ", bound " + bound);
        assertTrue(warm.logLikelihood() >= cold.logLikelihood() - 1e-12 * Math.abs(cold.logLikelihood()),
                model + " at " + w + ": LL " + warm.logLikelihood() + " against " + cold.logLikelihood());
        return warm;
    }

    @Test
    void theDropoutGridsWarmFitsReachTheColdOptimaOnCdnowInFewerIterations() {
        BtydHistogram h = BtydHistogram.of(BgNbdCdnowTest.cdnow());
        for (String model : new String[] {"bgnbd", "mbgnbd", "paretonbd"}) {
            FittedBtydModel previous = fit(model, GRID[0], h, null);
            for (int k = 1; k < GRID.length; k++) {
                FittedBtydModel cold = fit(model, GRID[k], h, null);
                FittedBtydModel warm = checkWarm(model, GRID[k], h, previous);
                assertTrue(warm.iterations() < cold.iterations(), model + " at " + GRID[k] + ": "
                        + warm.iterations() + " iterations warm, " + cold.iterations() + " cold");
                previous = warm;
            }
        }
    }

    @Test
    void aWarmStartAtTheOptimumStaysThere() {
        BtydHistogram h = BtydHistogram.of(BgNbdCdnowTest.cdnow());
        ModifiedBgNbdModel cold = ModifiedBgNbd.builder().dropoutPenalty(1e-3).build().fit(h);
        ModifiedBgNbdModel again = ModifiedBgNbd.builder().dropoutPenalty(1e-3).build().fit(h, cold);
        assertTrue(again.converged(), again.convergenceReason());
        assertTrue(again.iterations() <= 1 + 6, "at most the Newton polish: " + again.iterations());
        assertTrue(logDifference(again, cold) <= tolerance("mbgnbd", 1e-3, h, cold), again.params().toString());
    }

    @Test
    void aStartInAnotherUnitIsRefused() {
        BtydSummary weekly = BgNbdCdnowTest.cdnow();
        BtydHistogram h = BtydHistogram.of(weekly);
        BgNbdModel daily = BgNbdModel.of(0.24, 4.41 * 7, 0.79, 2.43, Duration.ofDays(1));
        assertEquals("start must have the histogram's unit PT168H, found PT24H", assertThrows(
                IllegalArgumentException.class, () -> BgNbd.builder().build().fit(h, daily)).getMessage());
        assertEquals("start", assertThrows(NullPointerException.class,
                () -> ParetoNbd.builder().build().fit(h, (ParetoNbdModel) null)).getMessage());
    }

    /**
     * On sampled customers (BG/NBD with dropout), a fit at a larger dropout weight started from the fit at a
     * smaller one reaches the cold fit's optimum to the optimizer's tolerance, with a log-likelihood not lower
     * beyond 1e-12 relative, for every model.
     */
    @Property(tries = 25)
    void aWarmFitEqualsTheColdFitToTheOptimizersTolerance(@ForAll @LongRange(min = 0, max = 1L << 40) long seed,
            @ForAll @IntRange(min = 0, max = 2) int model, @ForAll @IntRange(min = 0, max = 2) int from,
            @ForAll @IntRange(min = 1, max = 3) int gap) {
        int to = Math.min(GRID.length - 1, from + gap);
        String name = new String[] {"bgnbd", "mbgnbd", "paretonbd"}[model];
        BtydHistogram h = BtydHistogram.of(BtydSampler.bgNbd(seed, 1500, 0.7, 5.0, 0.8, 4.0, 2, 3, 10, 10, 60,
                1.0 / 7, WEEK));
        FittedBtydModel start = fit(name, GRID[from], h, null);
        Assume.that(start.converged()); // a warm start is only taken from a converged fit
        checkWarm(name, GRID[to], h, start);
    }
}
