package dev.segmentation.clv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import dev.segmentation.data.CsvPreset;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.SimulatedRetail;
import dev.segmentation.data.TransactionCsv;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.eval.BinaryMetrics;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.testing.SharedData;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * {@link BtydHoldoutHistogram}: its calibration histogram is {@link BtydHistogram#of(BtydSummary)} entry for
 * entry (so fits are bit for bit the summary fits), each customer's P0 is {@link BtydEvaluation#noPurchase}'s bit
 * for bit, the AUC is {@link BinaryMetrics#rocAuc}'s exactly, and the sums (log loss, predicted purchases, MAE)
 * are the per-customer sums within rounding; merging is exact and order-free; bad input gets exact messages.
 */
class BtydHoldoutHistogramTest {
    private static final Duration WEEK = Duration.ofDays(7);

    /** The calibration summary with the holdout of the last quarter, as the pipeline's model choice cuts it. */
    private static BtydSummary calibration(TransactionLog log) {
        LocalDate last = log.lastDateTime().toLocalDate();
        int span = (int) ChronoUnit.DAYS.between(log.firstDateTime().toLocalDate(), last);
        return BtydSummarizer.builder().end(last).calibrationEnd(last.minusDays(span / 4)).unit(WEEK).build()
                .summarize(log);
    }

    private static BtydSummary simulated(int customers, long seed) {
        SimulatedRetail sim = RetailSimulator.builder().customers(customers).seed(seed).threads(2).build().generate();
        return calibration(sim.log());
    }

    /** Checks every figure of the histogram's evaluation against the per-customer computation. */
    private static void assertEvaluationIsPerCustomer(BtydModel m, BtydSummary cal, BtydHoldoutHistogram h) {
        int n = cal.size();
        double d = cal.durationHoldout()[0];
        double[] p0 = BtydEvaluation.noPurchase(m, cal, d);
        double[] holdout = cal.frequencyHoldout();
        int[] none = new int[n];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            none[i] = holdout[i] == 0 ? 1 : 0;
            double p = Math.max(1e-15, Math.min(1 - 1e-15, p0[i]));
            loss -= none[i] == 1 ? Math.log(p) : Math.log1p(-p);
        }
        loss /= n;
        BtydEvaluation.HoldoutComparison c = BtydEvaluation.holdout(m, cal);
        BtydHoldoutHistogram.Evaluation e = h.evaluate(m);

        // per row: the P0 of every customer with that row's values, bit for bit
        double[] rowP0 = e.noPurchase();
        for (int i = 0; i < n; i++) {
            int row = row(h, cal.frequency(i), cal.recency(i), cal.T(i), holdout[i]);
            assertEquals(Double.doubleToLongBits(p0[i]), Double.doubleToLongBits(rowP0[row]), m.name() + " " + i);
        }
        assertEquals(loss, e.logLoss(), 1e-13 * loss, m.name());
        assertEquals(BinaryMetrics.rocAuc(p0, none), e.auc(), 0.0, m.name() + ": the AUC is exact");
        assertEquals(c.totalPredicted(), e.predictedPurchases(), 1e-12 * c.totalPredicted(), m.name());
        assertEquals(c.totalActual(), e.actualPurchases(), 0.0, m.name());
        assertEquals(c.meanAbsoluteError(), e.meanAbsoluteError(), 1e-12 * c.meanAbsoluteError(), m.name());
    }

    private static int row(BtydHoldoutHistogram h, double x, double tx, double t, double hx) {
        for (int k = 0; k < h.size(); k++) {
            if (h.frequency(k) == x && h.recency(k) == tx && h.T(k) == t && h.holdoutFrequency(k) == hx) {
                return k;
            }
        }
        throw new AssertionError("no row for " + x + ", " + tx + ", " + t + ", " + hx);
    }

    private static void assertSameHistogram(BtydHistogram a, BtydHistogram b) {
        assertEquals(a.size(), b.size());
        assertEquals(a.unit(), b.unit());
        for (int k = 0; k < a.size(); k++) {
            assertEquals(Double.doubleToLongBits(a.frequency(k)), Double.doubleToLongBits(b.frequency(k)), "x " + k);
            assertEquals(Double.doubleToLongBits(a.recency(k)), Double.doubleToLongBits(b.recency(k)), "t_x " + k);
            assertEquals(Double.doubleToLongBits(a.T(k)), Double.doubleToLongBits(b.T(k)), "T " + k);
            assertEquals(Double.doubleToLongBits(a.weight(k)), Double.doubleToLongBits(b.weight(k)), "w " + k);
        }
        assertEquals(a.totalWeight(), b.totalWeight(), 0.0);
    }

    @Test
    void onTheSimulatorTheFitsAreTheSummaryFitsAndTheFiguresThePerCustomerOnes() {
        BtydSummary cal = simulated(3000, 19);
        BtydHoldoutHistogram h = BtydHoldoutHistogram.of(cal);
        assertEquals(cal.size(), h.customers());
        assertTrue(h.size() < cal.size() && h.calibration().size() <= h.size(), h.toString());
        assertSameHistogram(BtydHistogram.of(cal), h.calibration());
        List<BtydModel> bySummary = List.of(BgNbd.builder().build().fit(cal), ModifiedBgNbd.builder().build()
                .fit(cal), ParetoNbd.builder().build().fit(cal),
                ModifiedBgNbd.builder().dropoutPenalty(1e-3).build().fit(cal));
        List<BtydModel> byHistogram = List.of(BgNbd.builder().build().fit(h.calibration()),
                ModifiedBgNbd.builder().build().fit(h.calibration()),
                ParetoNbd.builder().build().fit(h.calibration()),
                ModifiedBgNbd.builder().dropoutPenalty(1e-3).build().fit(h.calibration()));
        for (int k = 0; k < bySummary.size(); k++) {
            assertEquals(bySummary.get(k).params(), byHistogram.get(k).params(), "bit for bit: " + k);
            assertEquals(bySummary.get(k).logLikelihood(), byHistogram.get(k).logLikelihood(), 0.0);
            assertEvaluationIsPerCustomer(byHistogram.get(k), cal, h);
        }
    }

    @Test
    void aModelInAnotherUnitIsEvaluatedInItsUnit() {
        SimulatedRetail sim = RetailSimulator.builder().customers(1500).seed(7).threads(1).build().generate();
        LocalDate last = sim.log().lastDateTime().toLocalDate();
        BtydSummary days = BtydSummarizer.builder().end(last).calibrationEnd(last.minusDays(90))
                .unit(Duration.ofDays(1)).build().summarize(sim.log());
        BtydModel weeks = ModifiedBgNbd.builder().build().fit(calibration(sim.log()));
        BtydHoldoutHistogram.Evaluation e = BtydHoldoutHistogram.of(days).evaluate(weeks);
        BtydEvaluation.HoldoutComparison c = BtydEvaluation.holdout(weeks, days);
        assertEquals(c.totalPredicted(), e.predictedPurchases(), 1e-12 * c.totalPredicted());
        assertEquals(c.meanAbsoluteError(), e.meanAbsoluteError(), 1e-12 * c.meanAbsoluteError());
    }

    @Test
    void onCdnowAndOnlineRetailTheFiguresAreThePerCustomerOnes() {
        Path cdnow = SharedData.file("cdnow/CDNOW_master.txt");
        Path retail = SharedData.file("online-retail/online_retail.csv.gz");
        for (BtydSummary cal : List.of(
                calibration(TransactionCsv.read(cdnow, CsvPreset.named("cdnow").runOptions(cdnow)).log()),
                calibration(TransactionCsv.read(retail, CsvPreset.named("online-retail").runOptions(retail)).log()))) {
            BtydHoldoutHistogram h = BtydHoldoutHistogram.of(cal);
            assertSameHistogram(BtydHistogram.of(cal), h.calibration());
            for (BtydModel m : List.<BtydModel>of(ModifiedBgNbd.builder().build().fit(h.calibration()),
                    ParetoNbd.builder().build().fit(h.calibration()))) {
                assertEvaluationIsPerCustomer(m, cal, h);
            }
        }
    }

    /** Random rows with many ties: small integer-valued triples and holdout counts. */
    private static double[][] rows(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] r = new double[n][];
        for (int i = 0; i < n; i++) {
            double t = 1 + rnd.nextInt(8);
            double x = rnd.nextInt(4);
            double tx = x == 0 ? 0 : rnd.nextInt((int) t + 1);
            r[i] = new double[] {x, tx, t, rnd.nextInt(3), 1 + rnd.nextInt(5)};
        }
        return r;
    }

    private static BtydHoldoutHistogram build(List<double[]> rows) {
        BtydHoldoutHistogram.Builder b = BtydHoldoutHistogram.builder(WEEK, 13);
        for (double[] r : rows) {
            b.add(r[0], r[1], r[2], r[3], (long) r[4]);
        }
        return b.build();
    }

    private static void assertSame(BtydHoldoutHistogram a, BtydHoldoutHistogram b) {
        assertEquals(a.size(), b.size());
        assertEquals(a.customers(), b.customers());
        for (int k = 0; k < a.size(); k++) {
            assertArrayEquals(new double[] {a.frequency(k), a.recency(k), a.T(k), a.holdoutFrequency(k)},
                    new double[] {b.frequency(k), b.recency(k), b.T(k), b.holdoutFrequency(k)}, "row " + k);
            assertEquals(a.count(k), b.count(k), "row " + k);
        }
        assertSameHistogram(a.calibration(), b.calibration());
    }

    @Property(tries = 200)
    void mergingPartsInAnyOrderGivesTheWhole(@ForAll @LongRange(min = 0, max = 1L << 40) long seed,
            @ForAll @IntRange(min = 0, max = 60) int n, @ForAll @IntRange(min = 0, max = 60) int cut1,
            @ForAll @IntRange(min = 0, max = 60) int cut2) {
        List<double[]> all = List.of(rows(seed, n));
        int a = Math.min(cut1, n);
        int b = Math.max(a, Math.min(cut2, n));
        BtydHoldoutHistogram whole = build(all);
        BtydHoldoutHistogram p1 = build(all.subList(0, a));
        BtydHoldoutHistogram p2 = build(all.subList(a, b));
        BtydHoldoutHistogram p3 = build(all.subList(b, n));
        assertSame(whole, p1.merge(p2).merge(p3));
        assertSame(whole, p3.merge(p1.merge(p2)));
        assertSame(whole, p2.merge(p3).merge(p1));
        BtydHoldoutHistogram empty = BtydHoldoutHistogram.builder(WEEK, 13).build();
        assertSame(whole, whole.merge(empty));
        assertSame(whole, empty.merge(whole));
        // rows added in reverse order give the same histogram
        List<double[]> reversed = new ArrayList<>(all);
        java.util.Collections.reverse(reversed);
        assertSame(whole, build(reversed));
        long customers = 0;
        for (double[] r : all) {
            customers += (long) r[4];
        }
        assertEquals(customers, whole.customers());
        assertEquals(customers, whole.calibration().totalWeight(), 0.0);
    }

    @Test
    void countsAreLongsAndTheirSumsExactPast2To31() {
        BtydHoldoutHistogram h = BtydHoldoutHistogram.builder(WEEK, 13).add(0, 0, 10, 0, 3_000_000_000L)
                .add(2, 5, 10, 1, 2_000_000_000L).add(0, 0, 10, 0, 1_000_000_000L).add(2, 5, 10, 0, 7).build();
        assertEquals(3, h.size());
        assertEquals(6_000_000_007L, h.customers());
        assertArrayEquals(new long[] {4_000_000_000L, 7, 2_000_000_000L}, h.counts());
        assertEquals(2_000_000_007.0, h.calibration().weight(1), 0.0);
        BtydModel m = BgNbdModel.of(0.5, 4, 0.8, 2.5, WEEK);
        BtydHoldoutHistogram.Evaluation e = h.evaluate(m);
        assertEquals(2_000_000_000.0, e.actualPurchases(), 0.0);
        double[] p0 = e.noPurchase();
        // the AUC of three rows, by hand: positives (no holdout purchase) 4e9 at p0[0] and 7 at p0[1],
        // negatives 2e9 at p0[2] == p0[1] (the same triple): pairs won at p0[0] > p0[2] or half at ties
        assertEquals(Double.doubleToLongBits(p0[1]), Double.doubleToLongBits(p0[2]));
        double won = (p0[0] > p0[2] ? 4e9 : p0[0] == p0[2] ? 2e9 : 0) + 3.5;
        assertEquals(won / 4_000_000_007.0, e.auc(), 1e-15);
    }

    @Test
    void oneClassGivesNoAuc() {
        BtydHoldoutHistogram h = BtydHoldoutHistogram.builder(WEEK, 13).add(0, 0, 10, 0, 3).add(2, 5, 10, 0, 2)
                .build();
        assertTrue(Double.isNaN(h.evaluate(BgNbdModel.of(0.5, 4, 0.8, 2.5, WEEK)).auc()));
    }

    @Test
    void badInputIsRefusedWithExactMessages() {
        BtydHoldoutHistogram.Builder b = BtydHoldoutHistogram.builder(WEEK, 13).add(1, 2, 3, 0, 1);
        assertEquals("entry 1: frequency must be a non-negative integer, found 1.5",
                assertThrows(InvalidDataException.class, () -> b.add(1.5, 2, 3, 0, 1)).getMessage());
        assertEquals("entry 1: recency must be <= T = 3.0, found 4.0",
                assertThrows(InvalidDataException.class, () -> b.add(1, 4, 3, 0, 1)).getMessage());
        assertEquals("entry 1: T must be finite and >= 0, found NaN",
                assertThrows(InvalidDataException.class, () -> b.add(1, 2, Double.NaN, 0, 1)).getMessage());
        assertEquals("entry 1: holdoutFrequency must be a non-negative integer, found -1.0",
                assertThrows(InvalidDataException.class, () -> b.add(1, 2, 3, -1, 1)).getMessage());
        assertEquals("entry 1: count must be >= 1, found 0",
                assertThrows(InvalidDataException.class, () -> b.add(1, 2, 3, 0, 0)).getMessage());
        assertEquals("holdout must be finite and >= 0, found -1.0", assertThrows(IllegalArgumentException.class,
                () -> BtydHoldoutHistogram.builder(WEEK, -1)).getMessage());
        BtydHoldoutHistogram h = b.build();
        assertEquals("other.holdout must be 13.0, found 12.0", assertThrows(IllegalArgumentException.class,
                () -> h.merge(BtydHoldoutHistogram.builder(WEEK, 12).build())).getMessage());
        assertEquals("other.unit must be PT168H, found PT24H", assertThrows(IllegalArgumentException.class,
                () -> h.merge(BtydHoldoutHistogram.builder(Duration.ofDays(1), 13).build())).getMessage());
        BtydSummary plain = BtydSummary.of(new String[] {"a", "b"}, new double[] {1, 0}, new double[] {2, 0},
                new double[] {3, 3}, null, WEEK);
        assertEquals("summary must have holdout columns, found none",
                assertThrows(IllegalArgumentException.class, () -> BtydHoldoutHistogram.of(plain)).getMessage());
        BtydSummary uneven = BtydSummary.of(new String[] {"a", "b"}, new double[] {1, 0}, new double[] {2, 0},
                new double[] {3, 3}, null, new double[] {0, 1}, new double[] {0, 5}, new double[] {13, 12}, WEEK);
        assertEquals("summary durationHoldout must be the same for every customer, found 13.0 at row 0 and 12.0 at "
                + "row 1", assertThrows(IllegalArgumentException.class, () -> BtydHoldoutHistogram.of(uneven))
                        .getMessage());
        assertEquals("histogram must have at least one customer, found 0", assertThrows(InvalidDataException.class,
                () -> BtydHoldoutHistogram.builder(WEEK, 13).build().evaluate(BgNbdModel.of(0.5, 4, 0.8, 2.5, WEEK)))
                        .getMessage());
    }
}
