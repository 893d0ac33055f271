package dev.segmentation.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.SimulatedRetail;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * {@link BtydEvaluation#noPurchase}, which evaluates each distinct (x, t_x, T) once through the models' batch
 * likelihoods, is bit for bit the per-customer ratio of the scalar likelihoods
 * {@code exp(LL(x, t_x, T + d) - LL(x, t_x, T))}, clamped to [0, 1] (the pipeline's old path), for the three
 * models, on the simulator and on random summaries.
 */
class NoPurchaseBatchBitsTest {
    private static final Duration WEEK = Duration.ofDays(7);

    /** The per-customer path the batch replaced. */
    private static double scalar(BtydModel m, double x, double tx, double age, double d) {
        double p = Math.exp(m.logLikelihood(x, tx, age + d) - m.logLikelihood(x, tx, age));
        return Double.isNaN(p) ? 1.0 : Math.max(0.0, Math.min(1.0, p));
    }

    private static void assertBatchIsScalar(BtydModel m, BtydSummary s, double d, double scale) {
        double[] batch = BtydEvaluation.noPurchase(m, s, d);
        assertEquals(s.size(), batch.length);
        for (int i = 0; i < s.size(); i++) {
            double one = scalar(m, s.frequency(i), s.recency(i) * scale, s.T(i) * scale, d);
            assertEquals(Double.doubleToLongBits(one), Double.doubleToLongBits(batch[i]),
                    m.name() + " d=" + d + " row " + i + ": " + one + " vs " + batch[i]);
        }
    }

    @Test
    void simulatorSummaryGivesTheScalarValuesBitForBitForEveryModel() {
        SimulatedRetail sim = RetailSimulator.builder().customers(4000).seed(19).threads(2).build().generate();
        BtydSummary s = BtydSummarizer.builder().end(sim.simulator().end()).unit(WEEK).build().summarize(sim.log());
        List<BtydModel> models = List.of(BgNbd.builder().build().fit(s), ModifiedBgNbd.builder().build().fit(s),
                ParetoNbd.builder().build().fit(s));
        for (BtydModel m : models) {
            for (double d : new double[] {0, 1.5, 13, 52}) {
                assertBatchIsScalar(m, s, d, 1.0);
            }
        }
        // a summary in days scored by a model in weeks: recency and T converted, as the scalar caller would
        BtydSummary days = BtydSummarizer.builder().end(sim.simulator().end()).unit(Duration.ofDays(1)).build()
                .summarize(sim.log());
        assertBatchIsScalar(models.get(1), days, 4, 1.0 / 7);
    }

    @Property(tries = 150)
    void randomSummariesGiveTheScalarValuesBitForBit(@ForAll @IntRange(min = 1, max = 120) int n,
            @ForAll @LongRange(min = 0, max = 1L << 40) long seed,
            @ForAll @DoubleRange(min = 0.05, max = 20) double r, @ForAll @DoubleRange(min = 0.1, max = 50) double alpha,
            @ForAll @DoubleRange(min = 0.05, max = 5) double a, @ForAll @DoubleRange(min = 0.05, max = 20) double b,
            @ForAll @DoubleRange(min = 0, max = 30) double d) {
        SplittableRandom rnd = new SplittableRandom(seed);
        String[] ids = new String[n];
        double[] x = new double[n];
        double[] tx = new double[n];
        double[] age = new double[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "c" + i;
            // few distinct values, so that rows share triples, x values and ages
            age[i] = 1 + rnd.nextInt(40) / 2.0;
            x[i] = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(30);
            tx[i] = x[i] == 0 ? 0 : rnd.nextInt((int) (2 * age[i]) + 1) / 2.0;
        }
        BtydSummary s = BtydSummary.of(ids, x, tx, age, null, WEEK);
        for (BtydModel m : List.of(BgNbdModel.of(r, alpha, a, b, WEEK), ModifiedBgNbdModel.of(r, alpha, a, b, WEEK),
                ParetoNbdModel.of(r, alpha, a, b, WEEK))) {
            assertBatchIsScalar(m, s, d, 1.0);
        }
    }

    @Test
    void negativeLengthIsRefused() {
        BtydSummary s = BtydSummary.of(new String[] {"a"}, new double[] {1}, new double[] {1}, new double[] {2}, null,
                WEEK);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BtydEvaluation.noPurchase(BgNbdModel.of(1, 1, 1, 1, WEEK), s, -1));
        assertEquals("d must be finite and >= 0, found -1.0", e.getMessage());
        assertTrue(BtydEvaluation.noPurchase(BgNbdModel.of(1, 1, 1, 1, WEEK), s, 0)[0] == 1.0);
    }
}
