package dev.segmentation;

/**
 * Thrown when input data (a file, a row, a feature matrix, a summary) cannot be used as given.
 *
 * <p>The message names where the problem is (file, line or row, column) and the offending value, in the
 * form {@code "<where>: <column> must be <constraint>, found <value>"}. Bad arguments to builders and
 * methods (as opposed to bad data) are reported with {@link IllegalArgumentException} instead.
 *
 * <p>Where the location is known it is also available from {@link #row()} and {@link #column()}.
 */
public class InvalidDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The row or line of the problem, or -1. */
    private final long row;
    /** The column of the problem, or null. */
    private final String column;

    /**
     * Creates an exception with a complete message and no structured location.
     *
     * @param message the full message; not null. Not modified.
     */
    public InvalidDataException(String message) {
        this(message, -1, null, null);
    }

    /**
     * Creates an exception with a complete message and a cause.
     *
     * @param message the full message; not null. Not modified.
     * @param cause the underlying failure, or null
     */
    public InvalidDataException(String message, Throwable cause) {
        this(message, -1, null, cause);
    }

    /**
     * Creates an exception that also records where in the data the problem is.
     *
     * @param message the full message, which should itself name the row, column and value; not null
     * @param row the 0-based row (or 1-based line, as the message says) of the problem, or -1 if unknown
     * @param column the column name, or null if unknown
     * @param cause the underlying failure, or null
     */
    public InvalidDataException(String message, long row, String column, Throwable cause) {
        super(message, cause);
        this.row = row;
        this.column = column;
    }

    /**
     * Returns the row or line the problem was found at, as the message describes it.
     *
     * @return the row or line, or -1 when the problem is not tied to one row
     */
    public long row() {
        return row;
    }

    /**
     * Returns the column the problem was found in.
     *
     * @return the column name, or null when the problem is not tied to one column
     */
    public String column() {
        return column;
    }
}
