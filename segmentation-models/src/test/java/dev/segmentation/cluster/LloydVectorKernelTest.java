package dev.segmentation.cluster;

import dev.segmentation.internal.ChunkRunner;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The vector kernel of plain passes ({@code VectorLloydKernel}) against the scalar one: the same labels,
 * statistics, inertia and whole runs, bit for bit, with any number of threads. Runs only in the surefire
 * execution {@code vector-kernel}, whose JVM has {@code --add-modules jdk.incubator.vector}; the default test run
 * excludes this class (and {@link LloydModesTest} checks the scalar fallback there).
 */
@AddLifecycleHook(LloydVectorKernelTest.VectorRunOnly.class)
class LloydVectorKernelTest {
    private static final int D = 8;

    /**
     * True in the vector-kernel fork (surefire sets {@code segmentation.kernel=vector} there, so a missing module
     * fails the tests instead of skipping them) and in any JVM that has the module; false in the default run,
     * where {@code -Dtest=...} can select this class too.
     */
    static boolean vectorRun() {
        return "vector".equals(System.getProperty("segmentation.kernel"))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** Skips the properties outside a vector run (JUnit's conditions do not reach jqwik properties). */
    static final class VectorRunOnly implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return vectorRun() ? SkipResult.doNotSkip()
                    : SkipResult.skip("needs --add-modules jdk.incubator.vector (the vector-kernel execution)");
        }
    }

    @Test
    @EnabledIf("vectorRun")
    void theVectorKernelIsLoadedWhenTheModuleIsPresent() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "run with the vector module");
        LloydKernel kernel = LloydKernel.detect();
        assertNotNull(kernel);
        assertEquals("dev.segmentation.cluster.VectorLloydKernel", kernel.getClass().getName());
    }

    @Test
    void aKernelThatCannotBeLoadedFallsBackToTheScalarPasses() {
        assertNull(LloydKernel.Loader.load("dev.segmentation.cluster.NoSuchKernel"));
    }

    @Property(tries = 60)
    void onePlainPassGivesTheSameLabelsStatisticsAndInertia(@ForAll @IntRange(min = 1, max = 9000) int n,
            @ForAll @IntRange(min = 1, max = 9) int k, @ForAll @IntRange(min = 0, max = 1) int grid,
            @ForAll long seed) {
        // integer coordinates on a small grid and repeated centres make exact ties common
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = data(n, grid == 1, r);
        double[] centres = data(k, grid == 1, r);
        if (k > 2) {
            System.arraycopy(centres, 0, centres, (k - 1) * D, D);
        }
        try (ChunkRunner runner = new ChunkRunner(1, "test")) {
            Lloyd scalar = new Lloyd(x, n, D, k, null, runner, Lloyd.Mode.PLAIN, null);
            Lloyd vector = new Lloyd(x, n, D, k, null, runner, Lloyd.Mode.PLAIN, LloydKernel.detect());
            LloydStats s = scalar.plainPass(centres);
            LloydStats v = vector.plainPass(centres);
            assertArrayEquals(scalar.labels, vector.labels);
            assertArrayEquals(s.sums, v.sums);
            assertArrayEquals(s.squares, v.squares);
            assertArrayEquals(s.weights, v.weights);
            assertArrayEquals(s.counts, v.counts);
            assertEquals(s.inertia, v.inertia);
            assertEquals(s.reassigned, v.reassigned);
            assertEquals(s.computed, v.computed);
        }
    }

    @Property(tries = 30)
    void wholeRunsAreBitIdenticalWithEitherKernelAndAnyThreads(@ForAll @IntRange(min = 9, max = 12000) int n,
            @ForAll @IntRange(min = 1, max = 9) int k, @ForAll @IntRange(min = 1, max = 3) int threads,
            @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = data(n, false, r);
        double[] init = new double[k * D];
        System.arraycopy(x, 0, init, 0, k * D);
        Lloyd.Result scalar = run(x, n, k, init, 1, null);
        Lloyd.Result vector = run(x, n, k, init, threads, LloydKernel.detect());
        LloydModesTest.assertBitIdentical(scalar, vector);
    }

    @Test
    @EnabledIf("vectorRun")
    void autoModeOnSpreadDataRunsVectorPlainPassesWithTheSameResult() {
        int n = 30_003; // 8 chunks, the last block ends with a partial group of rows
        int k = 8;
        double[] x = data(n, false, new SplittableRandom(5));
        double[] init = new double[k * D];
        System.arraycopy(x, 0, init, 0, k * D);
        Lloyd.Result scalar;
        Lloyd.Result one;
        Lloyd.Result three;
        try (ChunkRunner runner = new ChunkRunner(1, "test")) {
            scalar = new Lloyd(x, n, D, k, null, runner, Lloyd.Mode.AUTO, null).run(init, 30, 0);
            one = new Lloyd(x, n, D, k, null, runner, Lloyd.Mode.AUTO, LloydKernel.detect()).run(init, 30, 0);
        }
        try (ChunkRunner runner = new ChunkRunner(3, "test")) {
            three = new Lloyd(x, n, D, k, null, runner, Lloyd.Mode.AUTO, LloydKernel.detect()).run(init, 30, 0);
        }
        // plain passes from iteration 2 until the bounds would skip nine distances in ten; the pass that returns
        // to the bounds (issue 19) is a scalar one, as it also writes the bounds
        assertEquals(0, one.history.get(1).distancesSkipped(), "iteration 2 is plain");
        assertEquals(0, one.history.get(4).distancesSkipped(), "iteration 5 is plain");
        assertTrue(one.history.size() > 5);
        LloydModesTest.assertBitIdentical(scalar, one);
        LloydModesTest.assertBitIdentical(scalar, three);
    }

    private static Lloyd.Result run(double[] x, int n, int k, double[] init, int threads, LloydKernel kernel) {
        try (ChunkRunner runner = new ChunkRunner(threads, "test")) {
            return new Lloyd(x, n, D, k, null, runner, Lloyd.Mode.PLAIN, kernel).run(init, 15, 0);
        }
    }

    private static double[] data(int rows, boolean grid, SplittableRandom r) {
        double[] x = new double[rows * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = grid ? r.nextInt(3) : r.nextGaussian() * 3 + r.nextInt(4);
        }
        return x;
    }
}
