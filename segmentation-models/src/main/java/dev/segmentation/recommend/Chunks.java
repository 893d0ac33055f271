package dev.segmentation.recommend;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fixed-chunk parallel loops with results in chunk order, so that a reduction over the results is the same for
 * every thread count. The chunk boundaries depend only on {@code n} and the chunk size, never on the threads.
 * Not API.
 */
final class Chunks implements AutoCloseable {
    /** The work of one chunk {@code [from, to)}. */
    interface Body<T> {
        T run(int from, int to);
    }

    private final ExecutorService pool;

    /** A runner on {@code threads} threads; with one thread the chunks run on the calling thread. */
    Chunks(int threads) {
        this.pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
    }

    /** Runs {@code body} on chunks of {@code size} over {@code [0, n)}; returns the results in chunk order. */
    <T> List<T> map(int n, int size, Body<T> body) {
        List<T> out = new ArrayList<>();
        if (pool == null) {
            for (int from = 0; from < n; from = end(n, from, size)) {
                out.add(body.run(from, end(n, from, size)));
            }
            return out;
        }
        List<Future<T>> parts = new ArrayList<>();
        for (int from = 0; from < n; from = end(n, from, size)) {
            int f = from;
            int t = end(n, from, size);
            parts.add(pool.submit(() -> body.run(f, t)));
        }
        try {
            for (Future<T> p : parts) {
                out.add(p.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof RuntimeException ? (RuntimeException) c : new IllegalStateException(c);
        }
        return out;
    }

    /** The end of the chunk starting at {@code from}, without int overflow when n is near 2^31. */
    static int end(int n, int from, int size) {
        return (int) Math.min(n, (long) from + size);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
