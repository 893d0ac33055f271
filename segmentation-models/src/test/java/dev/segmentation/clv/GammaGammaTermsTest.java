package dev.segmentation.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.SimulatedRetail;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.math.Special;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The Gamma-Gamma log-likelihood with its parameter-free terms computed once per fit and the log-gamma and
 * digamma terms once per distinct frequency ({@link GammaGamma.Terms}) is bit for bit the straightforward
 * per-pair loop it replaced (kept here as the reference), value and gradient, and so is the whole fit.
 */
class GammaGammaTermsTest {
    /** The per-pair loop as it was before the change (four log-gamma/digamma and three logarithms per pair). */
    static double reference(double[] x, double[] z, double[] w, double[] par, double[] grad) {
        double p = par[0];
        double q = par[1];
        double v = par[2];
        double lgQ = Special.logGamma(q);
        double lnV = Math.log(v);
        boolean g = grad != null;
        double dgQ = g ? Special.digamma(q) : 0;
        double ll = 0;
        double gp = 0;
        double gq = 0;
        double gv = 0;
        for (int i = 0; i < x.length; i++) {
            double px = p * x[i];
            double lnZ = Math.log(z[i]);
            double lnX = Math.log(x[i]);
            double vxz = v + x[i] * z[i];
            double lnVxz = Math.log(vxz);
            double lg = Special.logGamma(px + q) - Special.logGamma(px) - lgQ + q * lnV + (px - 1) * lnZ
                    + px * lnX - (px + q) * lnVxz;
            ll += w[i] * lg;
            if (g) {
                double dgPxQ = Special.digamma(px + q);
                gp += w[i] * x[i] * (dgPxQ - Special.digamma(px) + lnZ + lnX - lnVxz);
                gq += w[i] * (dgPxQ - dgQ + lnV - lnVxz);
                gv += w[i] * (q / v - (px + q) / vxz);
            }
        }
        if (g) {
            grad[0] = gp;
            grad[1] = gq;
            grad[2] = gv;
        }
        return ll;
    }

    private static void assertSameBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                what + ": " + expected + " vs " + actual);
    }

    private static void assertSameAt(GammaGamma.Terms terms, double[] x, double[] z, double[] w, double[] par) {
        double[] g0 = new double[3];
        double[] g1 = new double[3];
        assertSameBits(reference(x, z, w, par, g0), terms.logLikelihood(par, g1), "log-likelihood");
        for (int j = 0; j < 3; j++) {
            assertSameBits(g0[j], g1[j], "gradient " + j);
        }
        assertSameBits(reference(x, z, w, par, null), terms.logLikelihood(par, null), "log-likelihood, no gradient");
    }

    @Test
    void simulatorStatsGiveTheReferenceValuesAndTheSameFitBitForBit() {
        SimulatedRetail sim = RetailSimulator.builder().customers(20_000).seed(31).threads(2).build().generate();
        BtydSummary s = BtydSummarizer.builder().end(sim.simulator().end()).unit(Duration.ofDays(7)).build()
                .summarize(sim.log());
        GammaGammaStats stats = GammaGammaStats.accumulate(s);
        double[] x = stats.frequencies();
        double[] z = stats.meanSpends();
        double[] w = stats.weights();
        GammaGamma.Terms terms = new GammaGamma.Terms(x, z, w);
        int distinct = 0;
        for (int i = 0; i < x.length; i++) {
            distinct += i == 0 || x[i] != x[i - 1] ? 1 : 0;
        }
        assertTrue(distinct * 20 < x.length, distinct + " distinct frequencies among " + x.length + " pairs");
        for (double[] par : new double[][] {{1, 2, 30}, {6.2, 3.7, 15.4}, {0.5, 1.2, 100}, {40, 0.3, 2e4}}) {
            assertSameAt(terms, x, z, w, par);
        }
        GammaGammaModel fitted = GammaGamma.builder().build().fit(stats);
        double mean = 0;
        for (int i = 0; i < x.length; i++) {
            mean += w[i] * z[i];
        }
        mean /= stats.repeatCustomers();
        FitInfo old = LogParamFitter.fit((p, g) -> reference(x, z, w, p, g), new double[] {1, 2, mean},
                new String[] {"p", "q", "v"}, stats.repeatCustomers(), x.length, 0, 1e-8, 1000,
                LoggerFactory.getLogger(GammaGammaTermsTest.class), GammaGamma.builder().build().toString());
        assertSameBits(old.params[0], fitted.p(), "p");
        assertSameBits(old.params[1], fitted.q(), "q");
        assertSameBits(old.params[2], fitted.v(), "v");
        assertSameBits(old.logLikelihood, fitted.logLikelihood(), "fitted log-likelihood");
        for (int j = 0; j < 3; j++) {
            assertSameBits(old.standardErrors()[j], fitted.standardErrors()[j], "standard error " + j);
        }
    }

    @Property(tries = 200)
    void anyPairsGiveTheReferenceValuesBitForBit(@ForAll @IntRange(min = 1, max = 400) int n,
            @ForAll @IntRange(min = 1, max = 60) int maxFrequency, @ForAll @LongRange(min = 0, max = 1L << 40) long seed,
            @ForAll @DoubleRange(min = 0.05, max = 50) double p, @ForAll @DoubleRange(min = 0.05, max = 50) double q,
            @ForAll @DoubleRange(min = 0.5, max = 1e4) double v) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        double[] x = new double[n];
        double[] z = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 1 + rnd.nextInt(maxFrequency);
            z[i] = Math.exp(rnd.nextDouble(-3, 8));
            w[i] = 1 + rnd.nextInt(9);
        }
        GammaGamma.Terms terms = new GammaGamma.Terms(x, z, w);
        assertSameAt(terms, x, z, w, new double[] {p, q, v});
        // the scratch of one evaluation must not leak into the next
        assertSameAt(terms, x, z, w, new double[] {q, p, v * 2});
    }
}
