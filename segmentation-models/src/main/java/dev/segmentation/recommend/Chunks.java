package dev.segmentation.recommend;

import dev.segmentation.internal.ChunkRunner;
import java.util.List;

/**
 * The recommenders' view of the library's one chunk runner ({@link ChunkRunner}): fixed ranges over
 * {@code [0, n)}, results in range order, and its failure and interrupt policy. Not API.
 */
final class Chunks implements AutoCloseable {
    /** The work of one chunk {@code [from, to)}. */
    interface Body<T> {
        T run(int from, int to);
    }

    private final ChunkRunner runner;

    /** A runner on {@code threads} threads; with one thread the chunks run on the calling thread. */
    Chunks(int threads) {
        this.runner = new ChunkRunner(threads, "recommend");
    }

    /** Runs {@code body} on chunks of {@code size} over {@code [0, n)}; returns the results in chunk order. */
    <T> List<T> map(int n, int size, Body<T> body) {
        return runner.map(n, size, body::run);
    }

    @Override
    public void close() {
        runner.close();
    }
}
