package dev.segmentation.internal;

import dev.segmentation.progress.CancelledException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Not API: the library's one deterministic parallel loop. Every parallel pass (k-means, mixtures, logistic
 * regression, item kNN, ALS, the simulator) runs through it, so that all of them share one determinism contract
 * and one failure policy.
 *
 * <h2>Determinism</h2>
 * Work is split into fixed chunks whose boundaries depend only on the problem size and a chunk size
 * ({@link #CHUNK_ROWS} by default), never on the number of threads. A body writes only its own chunk's slots (and
 * scratch owned by the worker that runs it); {@link #map} returns the results in chunk order, and callers reduce
 * them in that order, so every result is bit-identical with 1 or N threads. Which worker runs which chunk is
 * decided by a shared counter and does not matter.
 *
 * <h2>Threads</h2>
 * A runner on {@code threads} threads owns {@code threads - 1} daemon helper threads named
 * {@code segmentation-<name>-<i>} that live until {@link #close()}; the calling thread is worker 0 and takes chunks
 * too. With one thread every chunk runs on the calling thread, in order.
 *
 * <h2>Failure and interrupt policy</h2>
 * <ul>
 *   <li>The first chunk that throws wins: no further chunk is started, the call waits for chunks already running
 *       on other workers to finish (so no body runs after the call returns), then rethrows that throwable as is
 *       when it is a {@link RuntimeException} or an {@link Error}, or wrapped in an {@link IllegalStateException}
 *       (its cause) when it is a checked exception. Later failures are dropped.</li>
 *   <li>If the calling thread is interrupted (before a chunk it takes, or while it waits for the helpers), no
 *       further chunk is started, the running ones are awaited, the interrupt flag is restored and a
 *       {@link CancelledException} naming the runner ({@code "cancelled during stage <name>"}) is thrown. A body
 *       failure that happened first is thrown instead (the flag is still restored).</li>
 * </ul>
 * A runner serves one fit on one thread at a time: {@link #run} and {@link #map} are not reentrant.
 */
public final class ChunkRunner implements AutoCloseable {
    /** Rows per chunk of the row-wise passes. Fixed: part of the determinism contract. */
    public static final int CHUNK_ROWS = 4096;

    /** The work done for one chunk, without a result. */
    @FunctionalInterface
    public interface Body {
        /**
         * Processes one chunk.
         *
         * @param chunk the chunk index
         * @param worker the index of the worker running it, in {@code [0, workers())}, to pick scratch buffers
         * @throws Exception to fail the whole run (see the class's failure policy)
         */
        void run(int chunk, int worker) throws Exception;
    }

    /**
     * The work done for one chunk, with a result.
     *
     * @param <T> the result type
     */
    @FunctionalInterface
    public interface Task<T> {
        /**
         * Processes one chunk.
         *
         * @param chunk the chunk index
         * @param worker the index of the worker running it, in {@code [0, workers())}
         * @return the chunk's result
         * @throws Exception to fail the whole run (see the class's failure policy)
         */
        T apply(int chunk, int worker) throws Exception;
    }

    /**
     * The work done for one range {@code [from, to)} of a range split.
     *
     * @param <T> the result type
     */
    @FunctionalInterface
    public interface Range<T> {
        /**
         * Processes one range.
         *
         * @param from the first index
         * @param to the end index, exclusive
         * @return the range's result
         * @throws Exception to fail the whole run (see the class's failure policy)
         */
        T apply(int from, int to) throws Exception;
    }

    /**
     * The helpers' handler. Every failure of a body reaches the caller through the failure slot, so nothing may
     * print on a helper: without it, an {@link OutOfMemoryError} thrown while a helper records a failure escaped
     * the pool's task and the JVM's default handler printed a stack trace over the CLI's one-line message.
     */
    private static final Thread.UncaughtExceptionHandler SILENT = (thread, error) -> { };

    static {
        // Links AtomicReference.compareAndSet's VarHandle now, while memory is plentiful: its first call spins
        // classes, and a first call made to record an OutOfMemoryError failed with another one.
        new AtomicReference<Throwable>().compareAndSet(null, null);
    }

    private final int threads;
    private final String name;
    private final ExecutorService pool;

    /**
     * Creates a runner.
     *
     * @param threads the number of workers, {@code >= 1}; the calling thread is one of them
     * @param name the name of the pass, used in thread names and the cancellation message; not null
     * @throws IllegalArgumentException {@code threads must be >= 1, found <n>}
     */
    public ChunkRunner(int threads, String name) {
        this.threads = ParamChecks.threads(threads);
        this.name = Objects.requireNonNull(name, "name");
        if (threads > 1) {
            AtomicInteger count = new AtomicInteger();
            ThreadFactory factory = r -> {
                Thread t = new Thread(r, "segmentation-" + name + "-" + count.incrementAndGet());
                t.setDaemon(true);
                t.setUncaughtExceptionHandler(SILENT);
                return t;
            };
            this.pool = Executors.newFixedThreadPool(threads - 1, factory);
        } else {
            this.pool = null;
        }
    }

    /**
     * Returns the number of workers (the calling thread is worker 0).
     *
     * @return the number of workers
     */
    public int workers() {
        return threads;
    }

    /**
     * Returns the number of chunks of {@link #CHUNK_ROWS} rows for n rows.
     *
     * @param n the number of rows
     * @return the number of chunks
     */
    public static int chunks(int n) {
        return chunks(n, CHUNK_ROWS);
    }

    /**
     * Returns the number of chunks of {@code size} for n items.
     *
     * @param n the number of items
     * @param size the chunk size, {@code >= 1}
     * @return the number of chunks
     */
    public static int chunks(int n, int size) {
        return (int) (((long) n + size - 1) / size);
    }

    /**
     * Returns the first row of a chunk of {@link #CHUNK_ROWS}.
     *
     * @param chunk the chunk
     * @return its first row
     */
    public static int from(int chunk) {
        return chunk * CHUNK_ROWS;
    }

    /**
     * Returns the end (exclusive) of a chunk of {@link #CHUNK_ROWS}, without int overflow near 2^31.
     *
     * @param chunk the chunk
     * @param n the number of rows
     * @return its end
     */
    public static int to(int chunk, int n) {
        return (int) Math.min(n, (chunk + 1L) * CHUNK_ROWS);
    }

    /**
     * Runs {@code body} for every chunk in {@code [0, chunks)} and returns when all are done.
     *
     * @param chunks the number of chunks
     * @param body the work; not null
     * @throws CancelledException if the calling thread was interrupted (the flag is restored)
     */
    public void run(int chunks, Body body) {
        Objects.requireNonNull(body, "body");
        int helpers = pool == null ? 0 : Math.min(threads, chunks) - 1;
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        if (helpers <= 0) {
            drain(chunks, body, 0, next, failure, true);
            finish(failure.get(), false);
            return;
        }
        CountDownLatch done = new CountDownLatch(helpers);
        for (int h = 1; h <= helpers; h++) {
            int worker = h;
            pool.execute(() -> {
                try {
                    drain(chunks, body, worker, next, failure, false);
                } finally {
                    done.countDown();
                }
            });
        }
        drain(chunks, body, 0, next, failure, true);
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                failure.compareAndSet(null, new Interrupt());
            }
        }
        finish(failure.get(), interrupted);
    }

    /**
     * Runs {@code task} for every chunk in {@code [0, chunks)}; returns the results in chunk order.
     *
     * @param <T> the result type
     * @param chunks the number of chunks
     * @param task the work; not null
     * @return the results, element c from chunk c; unmodifiable
     * @throws CancelledException if the calling thread was interrupted (the flag is restored)
     */
    public <T> List<T> map(int chunks, Task<T> task) {
        Objects.requireNonNull(task, "task");
        Object[] out = new Object[chunks];
        run(chunks, (c, w) -> out[c] = task.apply(c, w));
        @SuppressWarnings("unchecked")
        List<T> list = (List<T>) Collections.unmodifiableList(Arrays.asList(out));
        return list;
    }

    /**
     * Runs {@code range} on consecutive ranges of {@code size} over {@code [0, n)}; returns the results in range
     * order.
     *
     * @param <T> the result type
     * @param n the number of items
     * @param size the range size, {@code >= 1}
     * @param range the work; not null
     * @return the results, one per range, in order
     * @throws CancelledException if the calling thread was interrupted (the flag is restored)
     */
    public <T> List<T> map(int n, int size, Range<T> range) {
        Objects.requireNonNull(range, "range");
        int chunks = chunks(n, size);
        return map(chunks, (c, w) -> range.apply((int) ((long) c * size), (int) Math.min(n, ((long) c + 1) * size)));
    }

    private static void drain(int chunks, Body body, int worker, AtomicInteger next, AtomicReference<Throwable> failure,
            boolean caller) {
        try {
            for (int c = next.getAndIncrement(); c < chunks && failure.get() == null; c = next.getAndIncrement()) {
                if (caller && Thread.currentThread().isInterrupted()) {
                    failure.compareAndSet(null, new Interrupt());
                    return;
                }
                body.run(c, worker);
            }
        } catch (Throwable t) {
            record(failure, t);
        }
    }

    /**
     * Records the first failure. Should recording itself fail (out of memory again), the plain volatile write, which
     * allocates nothing, still stores it, so the caller never mistakes an unfinished run for a finished one.
     */
    private static void record(AtomicReference<Throwable> failure, Throwable t) {
        try {
            failure.compareAndSet(null, t);
        } catch (Throwable again) {
            if (failure.get() == null) {
                failure.set(t);
            }
        }
    }

    private void finish(Throwable t, boolean interrupted) {
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (t == null) {
            return;
        }
        if (t instanceof Interrupt) {
            Thread.currentThread().interrupt();
            throw new CancelledException(name);
        }
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        throw new IllegalStateException(t);
    }

    /** Marks an interrupt of the calling thread in the failure slot (never thrown out of this class). */
    private static final class Interrupt extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Interrupt() {
            super(null, null, false, false);
        }
    }

    /** Stops the helper threads. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
