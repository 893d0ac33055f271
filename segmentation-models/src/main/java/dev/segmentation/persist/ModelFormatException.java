package dev.segmentation.persist;

import dev.segmentation.InvalidDataException;

/**
 * The one exception by which {@link ModelJson} refuses a document it cannot read: not JSON, another format, an
 * unsupported version or type, a missing or mistyped field, wrong dimensions, a non-finite value or a parameter
 * outside its model's constraints. The message names the source (file name, or {@code "model"} for a
 * {@link java.io.Reader}) and the JSON path of the field, e.g.
 * {@code "model.json: $.version: unsupported format version 3; this build reads up to 2"}.
 *
 * <p>It is an {@link InvalidDataException}, so a command-line front end reports it as bad data.
 */
public final class ModelFormatException extends InvalidDataException {
    private static final long serialVersionUID = 1L;

    /** The JSON path of the offending field. */
    private final String path;

    /**
     * Creates the exception.
     *
     * @param message the full message, naming the source and the path
     * @param path the JSON path of the offending field, e.g. {@code "$.centroids[1]"}
     * @param cause the underlying exception, or null
     */
    public ModelFormatException(String message, String path, Throwable cause) {
        super(message, -1, path, cause);
        this.path = path;
    }

    /**
     * Returns the JSON path of the offending field, {@code "$"} for the document as a whole.
     *
     * @return the path
     */
    public String path() {
        return path;
    }
}
