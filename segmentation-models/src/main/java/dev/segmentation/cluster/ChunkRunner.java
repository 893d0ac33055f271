package dev.segmentation.cluster;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a body over fixed row chunks on a pool that lives for one fit.
 *
 * <p>Chunk boundaries depend only on the number of rows ({@link #CHUNK_ROWS}), never on the number of threads;
 * callers store one partial result per chunk and reduce the partials in chunk order, which makes every result
 * bit-identical with 1 or N threads. Workers pull chunk indices from a shared counter; which worker runs which
 * chunk does not matter because a body only writes its chunk's own slots and scratch owned by its worker.
 */
final class ChunkRunner implements AutoCloseable {
    /** Rows per chunk. Fixed: part of the determinism contract. */
    static final int CHUNK_ROWS = 4096;

    /** The work done for one chunk. */
    @FunctionalInterface
    interface Body {
        /**
         * Processes one chunk.
         *
         * @param chunk the chunk index
         * @param worker the index of the worker running it, in {@code [0, workers())}, to pick scratch buffers
         */
        void run(int chunk, int worker);
    }

    private final int threads;
    private final ExecutorService pool;

    ChunkRunner(int threads, String name) {
        this.threads = threads;
        if (threads > 1) {
            AtomicInteger count = new AtomicInteger();
            ThreadFactory factory = r -> {
                Thread t = new Thread(r, "segmentation-" + name + "-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            this.pool = Executors.newFixedThreadPool(threads - 1, factory);
        } else {
            this.pool = null;
        }
    }

    /** Returns the number of workers (the calling thread is worker 0). */
    int workers() {
        return threads;
    }

    /** Returns the number of chunks for n rows. */
    static int chunks(int n) {
        return (int) (((long) n + CHUNK_ROWS - 1) / CHUNK_ROWS);
    }

    /** Returns the first row of a chunk. */
    static int from(int chunk) {
        return chunk * CHUNK_ROWS;
    }

    /** Returns the end (exclusive) of a chunk. */
    static int to(int chunk, int n) {
        return (int) Math.min(n, (chunk + 1L) * CHUNK_ROWS);
    }

    /**
     * Runs {@code body} for every chunk in {@code [0, chunks)} and returns when all are done. An exception
     * thrown by a body stops the remaining chunks and is rethrown here.
     */
    void run(int chunks, Body body) {
        int helpers = pool == null ? 0 : Math.min(threads, chunks) - 1;
        if (helpers <= 0) {
            for (int c = 0; c < chunks; c++) {
                body.run(c, 0);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(helpers);
        for (int h = 1; h <= helpers; h++) {
            int worker = h;
            pool.execute(() -> {
                try {
                    drain(chunks, body, worker, next, failure);
                } finally {
                    done.countDown();
                }
            });
        }
        drain(chunks, body, 0, next, failure);
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    private static void drain(int chunks, Body body, int worker, AtomicInteger next,
            AtomicReference<Throwable> failure) {
        try {
            for (int c = next.getAndIncrement(); c < chunks && failure.get() == null; c = next.getAndIncrement()) {
                body.run(c, worker);
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
