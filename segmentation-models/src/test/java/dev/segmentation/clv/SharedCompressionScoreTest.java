package dev.segmentation.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.SimulatedRetail;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * {@link BtydLifetimeValueModel#score}, which compresses the summary once for the scores and the CLV (issue 19), is
 * bit for bit the two calls it replaced, {@link BtydModel#score(BtydSummary, Period, double[], double[])} and
 * {@link Clv#compute(BtydModel, GammaGammaModel, BtydSummary)}, each compressing the summary, for the three models,
 * with and without a unit conversion.
 */
class SharedCompressionScoreTest {
    private static final Duration WEEK = Duration.ofDays(7);

    private static void assertSameAsTwoCalls(BtydModel m, GammaGammaModel spend, BtydSummary s, Period horizon) {
        Clv clv = Clv.builder().horizon(horizon).annualDiscountRate(0.1).build();
        int n = s.size();
        double[] pa0 = new double[n];
        double[] e0 = new double[n];
        m.score(s, horizon, pa0, e0);
        double[] v0 = clv.compute(m, spend, s);
        double[] pa = new double[n];
        double[] e = new double[n];
        double[] v = new double[n];
        BtydLifetimeValueModel.of(m, spend).score(s, horizon, clv, pa, e, v);
        for (int i = 0; i < n; i++) {
            String row = m.name() + " row " + i;
            assertEquals(Double.doubleToRawLongBits(pa0[i]), Double.doubleToRawLongBits(pa[i]), row + " P(alive)");
            assertEquals(Double.doubleToRawLongBits(e0[i]), Double.doubleToRawLongBits(e[i]), row + " expected");
            assertEquals(Double.doubleToRawLongBits(v0[i]), Double.doubleToRawLongBits(v[i]), row + " CLV");
        }
    }

    @Test
    void simulatorSummaryScoresAsTheTwoCallsForEveryModel() {
        SimulatedRetail sim = RetailSimulator.builder().customers(3000).seed(19).threads(2).build().generate();
        BtydSummary s = BtydSummarizer.builder().end(sim.simulator().end()).unit(WEEK).build().summarize(sim.log());
        GammaGammaModel spend = GammaGamma.builder().build().fit(s.repeatCustomers());
        List<BtydModel> models = List.of(BgNbd.builder().build().fit(s), ModifiedBgNbd.builder().build().fit(s),
                ParetoNbd.builder().build().fit(s));
        BtydSummary days = BtydSummarizer.builder().end(sim.simulator().end()).unit(Duration.ofDays(1)).build()
                .summarize(sim.log());
        for (BtydModel m : models) {
            assertSameAsTwoCalls(m, spend, s, Period.ofYears(1));
            assertSameAsTwoCalls(m, spend, s, Period.ofMonths(3));
            // a summary in days scored by a model in weeks: recency and T converted
            assertSameAsTwoCalls(m, spend, days, Period.ofMonths(6));
        }
    }

    @Property(tries = 100)
    void randomSummariesScoreAsTheTwoCalls(@ForAll @IntRange(min = 1, max = 80) int n,
            @ForAll @LongRange(min = 0, max = 1L << 40) long seed,
            @ForAll @DoubleRange(min = 0.05, max = 20) double r, @ForAll @DoubleRange(min = 0.1, max = 50) double alpha,
            @ForAll @DoubleRange(min = 0.05, max = 5) double a, @ForAll @DoubleRange(min = 0.05, max = 20) double b,
            @ForAll @IntRange(min = 1, max = 24) int months) {
        SplittableRandom rnd = new SplittableRandom(seed);
        String[] ids = new String[n];
        double[] x = new double[n];
        double[] tx = new double[n];
        double[] age = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "c" + i;
            // few distinct values, so that rows share triples
            age[i] = 1 + rnd.nextInt(40) / 2.0;
            x[i] = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(30);
            tx[i] = x[i] == 0 ? 0 : rnd.nextInt((int) (2 * age[i]) + 1) / 2.0;
            z[i] = x[i] == 0 ? 0 : 1 + rnd.nextInt(200);
        }
        BtydSummary s = BtydSummary.of(ids, x, tx, age, z, WEEK);
        GammaGammaModel spend = GammaGammaModel.of(6, 4, 15);
        Period horizon = Period.ofMonths(months);
        for (BtydModel m : List.of(BgNbdModel.of(r, alpha, a, b, WEEK), ModifiedBgNbdModel.of(r, alpha, a, b, WEEK),
                ParetoNbdModel.of(r, alpha, a, b, WEEK))) {
            assertSameAsTwoCalls(m, spend, s, horizon);
        }
    }
}
