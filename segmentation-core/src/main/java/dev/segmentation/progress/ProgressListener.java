package dev.segmentation.progress;

/**
 * Receives progress of a long run: which stage is running and how much of it is done.
 *
 * <p>Calls come from the thread that runs the work, in order: for one stage the fractions never decrease,
 * the first call of a stage has fraction 0 and the last has fraction 1. A listener must return quickly and
 * must not throw; to stop a run, cancel its {@link CancellationToken} instead.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * ProgressListener plain = (stage, fraction) -> log.info("{} {}%", stage, Math.round(100 * fraction));
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores every call; the default of every progress option. */
    ProgressListener NONE = (stage, fraction) -> { };

    /**
     * Reports that {@code stage} is {@code fraction} done.
     *
     * @param stage the stage name, e.g. {@code "segments"}; never null
     * @param fraction the fraction done, in [0, 1]
     */
    void progress(String stage, double fraction);
}
