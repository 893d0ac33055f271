package dev.segmentation.cluster;

import dev.segmentation.internal.ChunkRunner;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The two ways of running the iterations after the first (Hamerly's bounds, plain Lloyd) and the three distance
 * kernels (d padded to 8, d = 8, generic d > 8) make the same assignments: the nearest centre, ties to the lowest
 * index.
 */
class LloydModesTest {
    @Property(tries = 40)
    void plainAndBoundedIterationsMakeTheSameAssignments(@ForAll @IntRange(min = 20, max = 1300) int n,
            @ForAll @IntRange(min = 1, max = 11) int d, @ForAll @IntRange(min = 1, max = 7) int k,
            @ForAll @IntRange(min = 1, max = 2) int threads, @ForAll boolean weighted, @ForAll long seed) {
        double[] x = data(n, d, seed);
        double[] w = weighted ? weights(n, seed + 1) : null;
        double[] init = new double[k * d];
        System.arraycopy(x, 0, init, 0, k * d);
        Lloyd.Result plain = run(x, n, d, k, w, init, threads, Lloyd.Mode.PLAIN);
        Lloyd.Result bounded = run(x, n, d, k, w, init, threads, Lloyd.Mode.BOUNDED);
        List<LloydIteration> hp = plain.history;
        List<LloydIteration> hb = bounded.history;
        assertEquals(hb.size(), hp.size());
        for (int t = 0; t < hp.size(); t++) {
            assertEquals(hb.get(t).reassigned(), hp.get(t).reassigned(), "iteration " + (t + 1));
        }
        assertArrayEquals(bounded.counts, plain.counts);
        for (int i = 0; i < init.length; i++) {
            assertEquals(bounded.centres[i], plain.centres[i], 1e-12 * (1 + Math.abs(bounded.centres[i])));
        }
    }

    @Property(tries = 30)
    void plainPassesKeepTheCentresAtTheMeansOfTheirRows(@ForAll @IntRange(min = 600, max = 9000) int n,
            @ForAll @IntRange(min = 1, max = 10) int d, @ForAll @IntRange(min = 2, max = 9) int k,
            @ForAll long seed) {
        // the statistics of plain passes are updated by the rows that move only; after many iterations the
        // centres must still be the means of the rows assigned to them
        double[] x = data(n, d, seed);
        for (int i = 0; i < x.length; i++) {
            x[i] = 1000 + 50 * x[i]; // far from the origin: rounding in the running sums would show
        }
        double[] init = new double[k * d];
        System.arraycopy(x, 0, init, 0, k * d);
        try (ChunkRunner runner = new ChunkRunner(2, "test")) {
            Lloyd lloyd = new Lloyd(x, n, d, k, null, runner, Lloyd.Mode.PLAIN);
            Lloyd.Result result = lloyd.run(init, 200, 0);
            List<LloydIteration> h = result.history;
            assertTrue(h.size() > 2);
            assumeTrue(h.get(h.size() - 1).reassigned() == 0, "converged: the labels belong to the centres");
            double[] sums = new double[k * d];
            long[] counts = new long[k];
            for (int i = 0; i < n; i++) {
                int a = lloyd.labels[i];
                counts[a]++;
                for (int j = 0; j < d; j++) {
                    sums[a * d + j] += x[i * d + j];
                }
            }
            assertArrayEquals(counts, result.counts);
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < d; j++) {
                    double mean = sums[c * d + j] / counts[c];
                    assertEquals(mean, result.centres[c * d + j], 1e-12 * Math.abs(mean), "centre " + c);
                }
            }
        }
    }

    @Property(tries = 40)
    void everyPassAssignsTheNearestCentreWithTiesToTheLowestIndex(@ForAll @IntRange(min = 1, max = 600) int n,
            @ForAll @IntRange(min = 1, max = 11) int d, @ForAll @IntRange(min = 1, max = 7) int k,
            @ForAll long seed) {
        // integer coordinates on a small grid and repeated centres make exact ties common
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextInt(4);
        }
        double[] centres = new double[k * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = r.nextInt(4);
        }
        if (k > 1) {
            System.arraycopy(centres, 0, centres, (k - 1) * d, d);
        }
        int[] expected = new int[n];
        for (int i = 0; i < n; i++) {
            for (int c = 1; c < k; c++) {
                if (LloydKernels.distance2(x, i * d, centres, c * d, d) < LloydKernels.distance2(x, i * d, centres,
                        expected[i] * d, d)) {
                    expected[i] = c;
                }
            }
        }
        try (ChunkRunner runner = new ChunkRunner(1, "test")) {
            Lloyd full = new Lloyd(x, n, d, k, null, runner);
            full.fullPass(centres);
            assertArrayEquals(expected, full.labels);
            Lloyd plain = new Lloyd(x, n, d, k, null, runner);
            plain.plainPass(centres);
            assertArrayEquals(expected, plain.labels);
        }
    }

    @Test
    void spreadDataSwitchesToPlainPassesAndClusteredDataKeepsTheBounds() {
        int n = 20_000;
        int d = 8;
        int k = 8;
        double[] spread = data(n, d, 7);
        double[] init = new double[k * d];
        System.arraycopy(spread, 0, init, 0, k * d);
        Lloyd.Result auto = run(spread, n, d, k, init, 1, Lloyd.Mode.AUTO);
        List<LloydIteration> h = auto.history;
        assertTrue(h.size() > 3);
        // the bounds, tried on a sample of rows before iteration 2, would skip little: plain from iteration 2 on,
        // until the centres settle and the sample says the bounds would skip nine distances in ten (issue 19):
        // then the bounds come back and stay
        Lloyd.Result bounded = run(spread, n, d, k, init, 1, Lloyd.Mode.BOUNDED);
        assertTrue(bounded.history.get(1).distancesSkipped() * 2 < (long) n * k, "bounds skip little");
        assertEquals(0, h.get(1).distancesSkipped(), "iteration 2 is plain");
        int back = 2;
        while (back < h.size() && h.get(back).distancesSkipped() == 0) {
            back++;
        }
        assertTrue(back > 2 && back < h.size(), "plain passes, then the bounds again from iteration " + (back + 1));
        for (int t = back; t < h.size(); t++) {
            assertTrue(h.get(t).distancesSkipped() > 0, "iteration " + (t + 1) + " runs with bounds");
        }
        LloydIteration lastSpread = h.get(h.size() - 1);
        assertTrue(lastSpread.distancesSkipped() * 2 > (long) n * k, "the bounds skip most distances at the end");
        // and the same run as plain passes throughout: the same assignments, centres and inertia, bit for bit
        assertSameRun(run(spread, n, d, k, init, 1, Lloyd.Mode.PLAIN), auto);
        // well-separated clusters: the bounds skip most distances from iteration 2 on and are kept
        SplittableRandom r = new SplittableRandom(11);
        double[] clustered = new double[n * d];
        for (int i = 0; i < n; i++) {
            int c = i % k;
            for (int j = 0; j < d; j++) {
                clustered[i * d + j] = 100.0 * (j == c ? 1 : 0) + r.nextGaussian();
            }
        }
        System.arraycopy(clustered, 0, init, 0, k * d);
        List<LloydIteration> hc = run(clustered, n, d, k, init, 1, Lloyd.Mode.AUTO).history;
        for (int t = 1; t < hc.size(); t++) {
            assertTrue(hc.get(t).distancesSkipped() > 0, "iteration " + (t + 1) + " runs with bounds");
        }
        LloydIteration last = hc.get(hc.size() - 1);
        assertTrue(last.distancesSkipped() * 2 > (long) n * k, "the last iteration runs with bounds");
    }

    @Test
    void plainPassesAreBitIdenticalWithOneOrThreeThreads() {
        int n = 30_000; // 8 chunks
        int d = 8;
        int k = 8;
        double[] x = data(n, d, 5);
        double[] init = new double[k * d];
        System.arraycopy(x, 0, init, 0, k * d);
        Lloyd.Result one = run(x, n, d, k, init, 1, Lloyd.Mode.PLAIN);
        Lloyd.Result three = run(x, n, d, k, init, 3, Lloyd.Mode.PLAIN);
        assertEquals(0, one.history.get(one.history.size() - 1).distancesSkipped(), "plain passes");
        assertBitIdentical(one, three);
        // plain passes that return to the bounds (issue 19): the same with any thread count
        Lloyd.Result autoOne = run(x, n, d, k, init, 1, Lloyd.Mode.AUTO);
        Lloyd.Result autoThree = run(x, n, d, k, init, 3, Lloyd.Mode.AUTO);
        assertEquals(0, autoOne.history.get(1).distancesSkipped(), "iteration 2 is plain");
        assertTrue(autoOne.history.get(autoOne.history.size() - 1).distancesSkipped() > 0, "bounds at the end");
        assertBitIdentical(autoOne, autoThree);
        assertSameRun(one, autoOne);
    }

    @Property(tries = 40)
    void returningToTheBoundsChangesNoAssignmentNorAnyBitOfTheCentres(
            @ForAll @IntRange(min = 2_000, max = 40_000) int n, @ForAll @IntRange(min = 1, max = 19) int d,
            @ForAll @IntRange(min = 2, max = 8) int k, @ForAll @IntRange(min = 1, max = 2) int threads,
            @ForAll boolean weighted, @ForAll long seed) {
        // spread rows: plain passes from iteration 2, the bounds back once the centres settle (issue 19)
        double[] x = data(n, d, seed);
        double[] w = weighted ? weights(n, seed + 1) : null;
        double[] init = new double[k * d];
        System.arraycopy(x, 0, init, 0, k * d);
        try (ChunkRunner runner = new ChunkRunner(threads, "test")) {
            Lloyd plain = new Lloyd(x, n, d, k, w, runner, Lloyd.Mode.PLAIN);
            Lloyd auto = new Lloyd(x, n, d, k, w, runner, Lloyd.Mode.AUTO);
            Lloyd.Result p = plain.run(init, 60, 0);
            Lloyd.Result a = auto.run(init, 60, 0);
            assertSameRun(p, a);
            assertArrayEquals(plain.labels, auto.labels);
            // the property is about the return: enough tries must make it (plain at iteration 2, bounded later)
            List<LloydIteration> h = a.history;
            boolean back = h.size() > 2 && h.get(1).distancesSkipped() == 0
                    && h.get(h.size() - 1).distancesSkipped() > 0;
            Statistics.label("plain passes returned to the bounds").collect(back)
                    .coverage(c -> c.check(true).percentage(share -> share >= 20));
        }
    }

    /**
     * Asserts that two runs of different kinds of pass made the same assignments (rows reassigned per iteration),
     * centres, counts and inertia, bit for bit (the per-iteration inertia and distance counts differ by kind).
     */
    static void assertSameRun(Lloyd.Result expected, Lloyd.Result actual) {
        assertEquals(expected.history.size(), actual.history.size(), "iterations");
        for (int t = 0; t < expected.history.size(); t++) {
            assertEquals(expected.history.get(t).reassigned(), actual.history.get(t).reassigned(),
                    "iteration " + (t + 1));
        }
        assertArrayEquals(expected.centres, actual.centres);
        assertArrayEquals(expected.counts, actual.counts);
        assertEquals(expected.inertia, actual.inertia);
    }

    /** Asserts that two runs have the same centres, counts, inertia and history, bit for bit. */
    static void assertBitIdentical(Lloyd.Result expected, Lloyd.Result actual) {
        assertArrayEquals(expected.centres, actual.centres);
        assertArrayEquals(expected.counts, actual.counts);
        assertEquals(expected.inertia, actual.inertia);
        assertEquals(expected.history, actual.history);
    }

    @Test
    void thePlainPassesUseTheKernelThisTestRunExpects() {
        // surefire sets segmentation.kernel: "scalar" in the default run, whose JVM has no jdk.incubator.vector,
        // and "vector" in the vector-kernel fork (LloydVectorKernelTest); the other tests here pass the
        // kernel explicitly and cover the scalar one
        String expected = System.getProperty("segmentation.kernel", "");
        assumeFalse(expected.isEmpty(), "run through Maven: its surefire executions say which kernel to expect");
        assertEquals(expected.equals("vector"), ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "segmentation.kernel=" + expected);
        assertEquals(expected.equals("vector"), LloydKernel.detect() != null, "segmentation.kernel=" + expected);
    }

    private static Lloyd.Result run(double[] x, int n, int d, int k, double[] init, int threads, Lloyd.Mode mode) {
        return run(x, n, d, k, null, init, threads, mode);
    }

    private static Lloyd.Result run(double[] x, int n, int d, int k, double[] w, double[] init, int threads,
            Lloyd.Mode mode) {
        try (ChunkRunner runner = new ChunkRunner(threads, "test")) {
            return new Lloyd(x, n, d, k, w, runner, mode).run(init, 30, 0);
        }
    }

    /** Row weights 0.25 + {0, ..., 7}. */
    private static double[] weights(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.25 + r.nextInt(8);
        }
        return w;
    }

    private static double[] data(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble();
        }
        return x;
    }
}
