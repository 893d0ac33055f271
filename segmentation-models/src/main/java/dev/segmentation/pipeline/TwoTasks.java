package dev.segmentation.pipeline;

import dev.segmentation.internal.ChunkRunner;
import java.util.function.Supplier;

/**
 * Two independent computations of the lifetime-value stage run at once (issue 19): where the stage has work on one
 * thread only (compressing a summary, the Gamma-Gamma fit), a second thread takes an independent part of it. Each
 * computation is the same function of the same inputs on whichever thread runs it, so the results are bit for bit
 * those of running them one after the other. Failures are reported as the sequential order would report them: the
 * first computation's, then the second's (the sequential run would not have started the second). Not API.
 *
 * @param <A> the first result's type
 * @param <B> the second result's type
 */
final class TwoTasks<A, B> {
    /** The first computation's result. */
    final A first;
    /** The second computation's result. */
    final B second;

    private TwoTasks(A first, B second) {
        this.first = first;
        this.second = second;
    }

    /**
     * Runs {@code first} and {@code second}: one after the other when {@code threads} is 1, else at once on two
     * threads (the calling thread and one helper of a {@link ChunkRunner}), waiting for both.
     *
     * @param threads the stage's thread count, {@code >= 1}
     * @param name the runner's name (its helper thread is {@code segmentation-<name>-1})
     * @param first the first computation
     * @param second the second computation, independent of the first
     * @return both results
     * @throws RuntimeException the first computation's failure if it failed, else the second's
     */
    static <A, B> TwoTasks<A, B> run(int threads, String name, Supplier<A> first, Supplier<B> second) {
        if (threads <= 1) {
            A a = first.get();
            return new TwoTasks<>(a, second.get());
        }
        Object[] results = new Object[2];
        Throwable[] failures = new Throwable[2];
        try (ChunkRunner runner = new ChunkRunner(2, name)) {
            runner.run(2, (c, worker) -> {
                try {
                    results[c] = c == 0 ? first.get() : second.get();
                } catch (RuntimeException | Error e) {
                    failures[c] = e;
                }
            });
        }
        for (Throwable t : failures) {
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t != null) {
                throw (Error) t;
            }
        }
        @SuppressWarnings("unchecked")
        A a = (A) results[0];
        @SuppressWarnings("unchecked")
        B b = (B) results[1];
        return new TwoTasks<>(a, b);
    }
}
