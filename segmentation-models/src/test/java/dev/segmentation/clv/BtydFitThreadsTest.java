package dev.segmentation.clv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.SimulatedRetail;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.internal.ChunkRunner;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The BG/NBD, MBG/NBD and Pareto/NBD fits on several threads ({@code threads} on the builders, issue 19) are bit for bit the
 * fits on one: each evaluation's row terms are computed in chunks and summed in row order on the calling thread.
 * The summary (daily unit) has more distinct triples than one chunk, so the parallel path runs.
 */
class BtydFitThreadsTest {
    private static BtydHistogram histogram;
    private static BtydHoldoutHistogram holdout;

    @BeforeAll
    static void simulate() {
        SimulatedRetail sim = RetailSimulator.builder().customers(20_000).seed(11).threads(2).build().generate();
        BtydSummary summary = BtydSummarizer.builder().end(sim.simulator().end()).unit(Duration.ofDays(1)).build()
                .summarize(sim.log());
        histogram = BtydHistogram.of(summary);
        java.time.LocalDate end = sim.simulator().end();
        holdout = BtydHoldoutHistogram.of(BtydSummarizer.builder().end(end).calibrationEnd(end.minusDays(120))
                .unit(Duration.ofDays(1)).build().summarize(sim.log()));
        assertTrue(holdout.calibration().size() > 2 * ChunkRunner.CHUNK_ROWS,
                "triples: " + holdout.calibration().size());
        assertTrue(histogram.size() > 2 * ChunkRunner.CHUNK_ROWS, "distinct triples: " + histogram.size());
    }

    @Test
    void bgNbdFitIsTheSameOnOneAndFourThreads() {
        BgNbdModel one = BgNbd.builder().build().fit(histogram);
        BgNbdModel four = BgNbd.builder().threads(4).build().fit(histogram);
        assertSame(one.params(), four.params(), one.logLikelihood(), four.logLikelihood(), one.iterations(),
                four.iterations());
        assertArrayEquals(one.standardErrors(), four.standardErrors(), 0.0);
    }

    @Test
    void modifiedBgNbdFitIsTheSameOnOneAndFourThreadsWithADropoutPrior() {
        ModifiedBgNbdModel one = ModifiedBgNbd.builder().dropoutPenalty(1e-3).build().fit(histogram);
        ModifiedBgNbdModel four = ModifiedBgNbd.builder().dropoutPenalty(1e-3).threads(4).build().fit(histogram);
        assertSame(one.params(), four.params(), one.logLikelihood(), four.logLikelihood(), one.iterations(),
                four.iterations());
        assertArrayEquals(one.standardErrors(), four.standardErrors(), 0.0);
    }

    @Test
    void paretoNbdFitIsTheSameOnOneAndFourThreads() {
        ParetoNbdModel one = ParetoNbd.builder().build().fit(histogram);
        ParetoNbdModel four = ParetoNbd.builder().threads(4).build().fit(histogram);
        assertSame(one.params(), four.params(), one.logLikelihood(), four.logLikelihood(), one.iterations(),
                four.iterations());
        assertArrayEquals(one.standardErrors(), four.standardErrors(), 0.0);
        ParetoNbdModel onePrior = ParetoNbd.builder().dropoutPenalty(1e-3).build().fit(histogram);
        ParetoNbdModel fourPrior = ParetoNbd.builder().dropoutPenalty(1e-3).threads(4).build().fit(histogram);
        assertSame(onePrior.params(), fourPrior.params(), onePrior.logLikelihood(), fourPrior.logLikelihood(),
                onePrior.iterations(), fourPrior.iterations());
    }

    @Test
    void parallelParetoLikelihoodIsTheSequentialOneBitForBit() {
        double[] f = histogram.frequencies();
        double[] rec = histogram.recencies();
        double[] age = histogram.ages();
        double[] w = histogram.weights();
        ValueIndex[] idx = histogram.valueIndexes();
        ParetoFamily.Pairs pairs = ParetoFamily.Pairs.of(idx[0], idx[1], idx[2]);
        for (double[] p : new double[][] {{0.7, 30, 0.9, 4.5}, {1.2, 3, 0.5, 40}}) {
            double[] g1 = new double[4];
            double[] rows1 = new double[w.length];
            double ll1 = ParetoFamily.logLikelihood(f, rec, age, w, p, g1, pairs, rows1);
            // without the memo: ln I per row, the same values
            double[] g0 = new double[4];
            assertEquals(Double.doubleToLongBits(ll1), Double.doubleToLongBits(ParetoFamily.logLikelihood(f, rec,
                    age, w, p, g0)));
            assertArrayEquals(g1, g0, 0.0);
            try (ChunkRunner runner = new ChunkRunner(3, "test")) {
                ParetoFamily.RowTerms terms = new ParetoFamily.RowTerms(runner, w.length, pairs);
                double[] g3 = new double[4];
                double[] rows3 = new double[w.length];
                double ll3 = ParetoFamily.logLikelihood(f, rec, age, w, p, g3, pairs, rows3, terms);
                assertEquals(Double.doubleToLongBits(ll1), Double.doubleToLongBits(ll3));
                assertArrayEquals(g1, g3, 0.0);
                assertArrayEquals(rows1, rows3, 0.0);
                assertEquals(Double.doubleToLongBits(ParetoFamily.logLikelihood(f, rec, age, w, p, null, pairs)),
                        Double.doubleToLongBits(ParetoFamily.logLikelihood(f, rec, age, w, p, null, pairs, null,
                                terms)));
            }
        }
    }

    @Test
    void parallelLikelihoodIsTheSequentialOneBitForBit() {
        double[] p = {0.7, 30, 0.9, 4.5};
        ValueIndex x = ValueIndex.of(histogram.frequencies());
        ValueIndex rec = ValueIndex.of(histogram.recencies());
        ValueIndex age = ValueIndex.of(histogram.ages());
        double[] w = histogram.weights();
        for (int m = 0; m <= 1; m++) {
            double[] g1 = new double[4];
            double[] rows1 = new double[w.length];
            double ll1 = BgFamily.logLikelihood(m, x, rec, age, w, p, g1, rows1);
            try (ChunkRunner runner = new ChunkRunner(3, "test")) {
                BgFamily.RowTerms terms = new BgFamily.RowTerms(runner, w.length);
                double[] g3 = new double[4];
                double[] rows3 = new double[w.length];
                double ll3 = BgFamily.logLikelihood(m, x, rec, age, w, p, g3, rows3, terms);
                assertEquals(Double.doubleToLongBits(ll1), Double.doubleToLongBits(ll3), "m = " + m);
                assertArrayEquals(g1, g3, 0.0);
                assertArrayEquals(rows1, rows3, 0.0);
                // without the gradient, as the fit's final and per-row evaluations call it
                assertEquals(Double.doubleToLongBits(BgFamily.logLikelihood(m, x, rec, age, w, p, null)),
                        Double.doubleToLongBits(BgFamily.logLikelihood(m, x, rec, age, w, p, null, null, terms)));
            }
        }
    }

    @Test
    void holdoutFiguresAreTheSameOnOneAndThreeThreads() {
        BtydModel[] models = {BgNbd.builder().build().fit(holdout.calibration()),
            ModifiedBgNbd.builder().build().fit(holdout.calibration()),
            ParetoNbd.builder().build().fit(holdout.calibration())};
        for (BtydModel m : models) {
            BtydHoldoutHistogram.Evaluation one = holdout.evaluate(m);
            BtydHoldoutHistogram.Evaluation three = holdout.evaluate(m, 3);
            assertArrayEquals(one.noPurchase(), three.noPurchase(), 0.0, m.name());
            assertArrayEquals(one.losses(), three.losses(), 0.0, m.name());
            assertEquals(Double.doubleToLongBits(one.logLoss()), Double.doubleToLongBits(three.logLoss()), m.name());
            assertEquals(Double.doubleToLongBits(one.auc()), Double.doubleToLongBits(three.auc()), m.name());
            assertEquals(Double.doubleToLongBits(one.predictedPurchases()),
                    Double.doubleToLongBits(three.predictedPurchases()), m.name());
            assertEquals(Double.doubleToLongBits(one.meanAbsoluteError()),
                    Double.doubleToLongBits(three.meanAbsoluteError()), m.name());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> holdout.evaluate(models[0], 0));
        assertEquals("threads must be >= 1, found 0", e.getMessage());
    }

    @Test
    void threadsBelowOneAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModifiedBgNbd.builder().threads(0));
        assertEquals("threads must be >= 1, found 0", e.getMessage());
    }

    @Test
    void threadsAppearInTheDescriptionOnlyWhenNotOne() {
        assertEquals("BgNbd{penalty=0.0, tolerance=1.0E-8, maxIterations=1000, compress=true}",
                BgNbd.builder().threads(1).build().toString());
        assertEquals("BgNbd{penalty=0.0, tolerance=1.0E-8, maxIterations=1000, compress=true, threads=2}",
                BgNbd.builder().threads(2).build().toString());
        // toBuilder keeps the count
        assertEquals("BgNbd{penalty=0.0, tolerance=1.0E-8, maxIterations=1000, compress=true, threads=2}",
                BgNbd.builder().threads(2).build().toBuilder().build().toString());
    }

    private static void assertSame(java.util.Map<String, Double> a, java.util.Map<String, Double> b, double llA,
            double llB, int itA, int itB) {
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            assertEquals(Double.doubleToLongBits(a.get(k)), Double.doubleToLongBits(b.get(k)), k);
        }
        assertEquals(Double.doubleToLongBits(llA), Double.doubleToLongBits(llB));
        assertEquals(itA, itB);
    }
}
