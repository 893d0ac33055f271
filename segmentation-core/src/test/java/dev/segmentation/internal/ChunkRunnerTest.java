package dev.segmentation.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.progress.CancelledException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The library's one chunk runner: determinism across thread counts, its failure and its interrupt policy. */
class ChunkRunnerTest {
    /** A reduction whose floating-point result depends on the order of its partial sums. */
    private static double[] partialSums(double[] x, int threads) {
        int n = x.length;
        try (ChunkRunner runner = new ChunkRunner(threads, "test")) {
            List<double[]> parts = runner.map(ChunkRunner.chunks(n), (c, w) -> {
                double s = 0;
                double s2 = 0;
                for (int i = ChunkRunner.from(c); i < ChunkRunner.to(c, n); i++) {
                    s += x[i];
                    s2 += x[i] * x[i];
                }
                return new double[] {s, s2};
            });
            double[] total = new double[2];
            for (double[] p : parts) {
                total[0] += p[0];
                total[1] += p[1];
            }
            return total;
        }
    }

    @Test
    void oneAndManyThreadsGiveBitIdenticalResultsInChunkOrder() {
        SplittableRandom rng = new SplittableRandom(7);
        double[] x = new double[100_003];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.exp(20 * rng.nextDouble()) * (rng.nextBoolean() ? 1 : -1);
        }
        double[] one = partialSums(x, 1);
        for (int threads : new int[] {2, 3, 4, 8}) {
            assertArrayEquals(one, partialSums(x, threads), "threads = " + threads);
        }
        try (ChunkRunner runner = new ChunkRunner(4, "test")) {
            List<int[]> ranges = runner.map(10, 3, (from, to) -> new int[] {from, to});
            assertEquals(4, ranges.size());
            assertArrayEquals(new int[] {0, 3}, ranges.get(0));
            assertArrayEquals(new int[] {9, 10}, ranges.get(3));
        }
    }

    @Test
    void everyChunkRunsOnceOnAWorkerInRange() {
        for (int threads : new int[] {1, 3}) {
            int[] seen = new int[37];
            AtomicBoolean badWorker = new AtomicBoolean();
            try (ChunkRunner runner = new ChunkRunner(threads, "test")) {
                assertEquals(threads, runner.workers());
                runner.run(seen.length, (c, w) -> {
                    seen[c]++;
                    if (w < 0 || w >= threads) {
                        badWorker.set(true);
                    }
                });
            }
            for (int s : seen) {
                assertEquals(1, s);
            }
            assertFalse(badWorker.get());
        }
    }

    @Test
    void helperThreadsAreDaemonsNamedAfterThePass() throws Exception {
        AtomicBoolean allDaemon = new AtomicBoolean(true);
        AtomicBoolean named = new AtomicBoolean(false);
        CountDownLatch both = new CountDownLatch(2);
        try (ChunkRunner runner = new ChunkRunner(2, "pass")) {
            runner.run(2, (c, w) -> {
                both.countDown();
                both.await();
                Thread t = Thread.currentThread();
                if (w > 0) {
                    allDaemon.compareAndSet(true, t.isDaemon());
                    named.set(t.getName().startsWith("segmentation-pass-"));
                }
            });
        }
        assertTrue(allDaemon.get());
        assertTrue(named.get());
    }

    /**
     * Nothing prints on a helper: an error escaping a helper's task (an OutOfMemoryError thrown while recording a
     * failure did, in CI) would go to its thread's handler, and the JVM's default one prints a stack trace over the
     * CLI's one-line message.
     */
    @Test
    void helperThreadsPrintNothingForAnUncaughtError() throws Exception {
        AtomicReference<Thread.UncaughtExceptionHandler> handler = new AtomicReference<>();
        AtomicReference<Thread> helper = new AtomicReference<>();
        CountDownLatch both = new CountDownLatch(2);
        try (ChunkRunner runner = new ChunkRunner(2, "pass")) {
            runner.run(2, (c, w) -> {
                both.countDown();
                both.await();
                if (w > 0) {
                    helper.set(Thread.currentThread());
                    handler.set(Thread.currentThread().getUncaughtExceptionHandler());
                }
            });
        }
        assertFalse(handler.get() instanceof ThreadGroup, "the default handler, which prints");
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            handler.get().uncaughtException(helper.get(), new OutOfMemoryError("Java heap space"));
        } finally {
            System.setErr(err);
        }
        assertEquals("", printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theFirstFailureCancelsTheRestAndIsRethrownAsIs() {
        for (int threads : new int[] {1, 2, 4}) {
            IllegalArgumentException boom = new IllegalArgumentException("boom");
            AtomicInteger ran = new AtomicInteger();
            try (ChunkRunner runner = new ChunkRunner(threads, "test")) {
                IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                        () -> runner.run(10_000, (c, w) -> {
                            ran.incrementAndGet();
                            if (c == 3) {
                                throw boom;
                            }
                        }));
                assertSame(boom, thrown);
            }
            assertTrue(ran.get() < 10_000, "threads = " + threads + ": the remaining chunks must not start");
            StackOverflowError error = new StackOverflowError("deep");
            try (ChunkRunner runner = new ChunkRunner(threads, "test")) {
                assertSame(error, assertThrows(StackOverflowError.class, () -> runner.run(5, (c, w) -> {
                    throw error;
                })));
            }
            IOException checked = new IOException("disk");
            try (ChunkRunner runner = new ChunkRunner(threads, "test")) {
                IllegalStateException wrapped = assertThrows(IllegalStateException.class,
                        () -> runner.map(5, (c, w) -> {
                            throw checked;
                        }));
                assertSame(checked, wrapped.getCause());
            }
        }
    }

    @Test
    void anInterruptedCallerStopsRestoresTheFlagAndThrowsCancelled() {
        for (int threads : new int[] {1, 3}) {
            AtomicInteger ranOnCaller = new AtomicInteger();
            CountDownLatch callerInterrupted = new CountDownLatch(1);
            try (ChunkRunner runner = new ChunkRunner(threads, "k-means")) {
                CancelledException e = assertThrows(CancelledException.class, () -> runner.run(1000, (c, w) -> {
                    if (w == 0) {
                        if (ranOnCaller.incrementAndGet() == 1) {
                            Thread.currentThread().interrupt();
                            callerInterrupted.countDown();
                        }
                    } else {
                        // helpers wait for the caller's first chunk, so that the caller surely takes one
                        callerInterrupted.await(10, TimeUnit.SECONDS);
                    }
                }));
                assertEquals("cancelled during stage k-means", e.getMessage());
                assertTrue(Thread.interrupted(), "the interrupt flag must be restored (and is cleared here)");
            }
            assertEquals(1, ranOnCaller.get(), "threads = " + threads + ": the caller takes no chunk after it");
        }
        try (ChunkRunner runner = new ChunkRunner(2, "test")) {
            Thread.currentThread().interrupt();
            assertThrows(CancelledException.class, () -> runner.run(4, (c, w) -> {
            }));
            assertTrue(Thread.interrupted());
        }
    }

    @Test
    void threadsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ChunkRunner(0, "x"));
        assertEquals("threads must be >= 1, found 0", e.getMessage());
    }
}
