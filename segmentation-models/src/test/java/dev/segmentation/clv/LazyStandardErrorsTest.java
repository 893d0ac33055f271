package dev.segmentation.clv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.SimulatedRetail;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.internal.ChunkRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The BTYD fits' standard errors are computed when first asked for (issue 19: the lifetime-value stage's holdout
 * choice fits about nine models and reads the errors of none). They are bit for bit the errors computed right after
 * the fit from the Hessian of the fit's own likelihood, sequential or on the fit's threads, and every caller, on any
 * thread, gets the same values.
 */
class LazyStandardErrorsTest {
    private static BtydHistogram histogram;

    @BeforeAll
    static void simulate() {
        SimulatedRetail sim = RetailSimulator.builder().customers(20_000).seed(11).threads(2).build().generate();
        BtydSummary summary = BtydSummarizer.builder().end(sim.simulator().end()).unit(Duration.ofDays(1)).build()
                .summarize(sim.log());
        histogram = BtydHistogram.of(summary);
        assertTrue(histogram.size() > 2 * ChunkRunner.CHUNK_ROWS, "distinct triples: " + histogram.size());
    }

    /** The errors of the BG family's parameters, computed now from the sequential and from the parallel likelihood. */
    private static void assertBgFamilyErrors(int m, BtydModel model) {
        double[] p = paramsOf(model);
        ValueIndex[] idx = histogram.valueIndexes();
        double[] w = histogram.weights();
        double[] sequential = LogParamFitter.standardErrors(
                (q, g) -> BgFamily.logLikelihood(m, idx[0], idx[1], idx[2], w, q, g), p);
        double[] parallel;
        try (ChunkRunner runner = new ChunkRunner(3, "test")) {
            BgFamily.RowTerms terms = new BgFamily.RowTerms(runner, w.length);
            parallel = LogParamFitter.standardErrors(
                    (q, g) -> BgFamily.logLikelihood(m, idx[0], idx[1], idx[2], w, q, g, null, terms), p);
        }
        assertArrayEquals(sequential, parallel, 0.0);
        assertArrayEquals(sequential, model.standardErrors(), 0.0, model.name());
        for (double se : sequential) {
            assertTrue(se > 0 && Double.isFinite(se), "a finite positive error: " + se);
        }
    }

    private static double[] paramsOf(BtydModel model) {
        double[] p = new double[4];
        int j = 0;
        for (double v : model.params().values()) {
            p[j++] = v;
        }
        return p;
    }

    @Test
    void bgNbdErrorsAreThoseComputedRightAfterTheFit() {
        assertBgFamilyErrors(0, BgNbd.builder().build().fit(histogram));
        assertBgFamilyErrors(0, BgNbd.builder().threads(4).build().fit(histogram));
    }

    @Test
    void modifiedBgNbdErrorsAreThoseComputedRightAfterTheFit() {
        assertBgFamilyErrors(1, ModifiedBgNbd.builder().build().fit(histogram));
        assertBgFamilyErrors(1, ModifiedBgNbd.builder().dropoutPenalty(1e-3).threads(4).build().fit(histogram));
    }

    @Test
    void paretoNbdErrorsAreThoseComputedRightAfterTheFit() {
        double[] f = histogram.frequencies();
        double[] rec = histogram.recencies();
        double[] age = histogram.ages();
        double[] w = histogram.weights();
        ValueIndex[] idx = histogram.valueIndexes();
        ParetoFamily.Pairs pairs = ParetoFamily.Pairs.of(idx[0], idx[1], idx[2]);
        for (int threads : new int[] {1, 4}) {
            ParetoNbdModel model = ParetoNbd.builder().threads(threads).build().fit(histogram);
            double[] p = paramsOf(model);
            double[] sequential = LogParamFitter.standardErrors(
                    (q, g) -> ParetoFamily.logLikelihood(f, rec, age, w, q, g, pairs), p);
            double[] parallel;
            try (ChunkRunner runner = new ChunkRunner(3, "test")) {
                ParetoFamily.RowTerms terms = new ParetoFamily.RowTerms(runner, w.length, pairs);
                parallel = LogParamFitter.standardErrors(
                        (q, g) -> ParetoFamily.logLikelihood(f, rec, age, w, q, g, pairs, null, terms), p);
            }
            assertArrayEquals(sequential, parallel, 0.0);
            assertArrayEquals(sequential, model.standardErrors(), 0.0, "threads " + threads);
            assertArrayEquals(sequential, model.standardErrorEstimates().orElseThrow(), 0.0);
        }
    }

    @Test
    void callersOnSeveralThreadsGetTheSameErrorsAndTheirOwnCopies() throws InterruptedException {
        ModifiedBgNbdModel model = ModifiedBgNbd.builder().build().fit(histogram);
        int callers = 4;
        double[][] seen = new double[callers][];
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < callers; t++) {
            int k = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                seen[k] = model.standardErrors();
            });
            threads.add(thread);
            thread.start();
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        double[] again = model.standardErrors();
        for (double[] s : seen) {
            assertArrayEquals(again, s, 0.0);
            assertNotSame(again, s);
        }
        again[0] = -1;
        assertEquals(Double.doubleToLongBits(seen[0][0]), Double.doubleToLongBits(model.standardErrors()[0]),
                "the model's errors are not the caller's array");
    }
}
