package dev.segmentation.progress;

/**
 * Thrown by a run whose {@link CancellationToken} was cancelled. The run leaves no partial result behind: the
 * method that throws it returns nothing, and inputs are unchanged.
 *
 * <p>The message names the stage that noticed the cancellation: {@code "cancelled during stage segments"}.
 */
public class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The stage that noticed the cancellation. */
    private final String stage;

    /**
     * Creates the exception for a stage.
     *
     * @param stage the stage that noticed the cancellation; not null
     */
    public CancelledException(String stage) {
        super("cancelled during stage " + java.util.Objects.requireNonNull(stage, "stage"));
        this.stage = stage;
    }

    /**
     * Returns the stage that noticed the cancellation.
     *
     * @return the stage name
     */
    public String stage() {
        return stage;
    }
}
