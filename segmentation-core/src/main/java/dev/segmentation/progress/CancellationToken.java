package dev.segmentation.progress;

import java.util.Objects;

/**
 * A flag that asks a running computation to stop. The caller keeps the token, hands it to the run and calls
 * {@link #cancel()} from any thread; the run calls {@link #check(String)} between chunks and iterations and
 * stops with a {@link CancelledException} at the next check. Cancellation is one-way: a cancelled token stays
 * cancelled, so use a new token per run.
 *
 * <p>Instances are safe for concurrent use (the flag is volatile).
 *
 * <h2>Example</h2>
 * <pre>{@code
 * CancellationToken token = new CancellationToken();
 * executor.submit(() -> Segmentation.of(log).cancellation(token).run());
 * token.cancel();   // the run throws CancelledException at its next check
 * }</pre>
 */
public final class CancellationToken {
    /** A token that is never cancelled; the default of every cancellation option. */
    public static final CancellationToken NEVER = new CancellationToken(false);

    private final boolean cancellable;
    private volatile boolean cancelled;

    /** Creates a token that is not yet cancelled. */
    public CancellationToken() {
        this(true);
    }

    private CancellationToken(boolean cancellable) {
        this.cancellable = cancellable;
    }

    /**
     * Asks the run to stop. Idempotent.
     *
     * @throws UnsupportedOperationException on {@link #NEVER}, which is shared and must stay uncancelled
     */
    public void cancel() {
        if (!cancellable) {
            throw new UnsupportedOperationException("CancellationToken.NEVER cannot be cancelled");
        }
        cancelled = true;
    }

    /**
     * Tells whether {@link #cancel()} was called.
     *
     * @return true once cancelled
     */
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Throws if the token was cancelled; the run calls this between units of work.
     *
     * @param stage the stage that is checking, named in the exception; not null
     * @throws CancelledException if cancelled
     */
    public void check(String stage) {
        Objects.requireNonNull(stage, "stage");
        if (cancelled) {
            throw new CancelledException(stage);
        }
    }

    @Override
    public String toString() {
        return "CancellationToken{cancelled=" + cancelled + "}";
    }
}
