package dev.segmentation;

import java.util.function.UnaryOperator;

/**
 * Thrown when input data (a file, a row, a feature matrix, a summary) cannot be used as given.
 *
 * <p>The message names where the problem is (file, line or row, column) and the offending value, in the
 * form {@code "<where>: <column> must be <constraint>, found <value>"}. Bad arguments to builders and
 * methods (as opposed to bad data) are reported with {@link IllegalArgumentException} instead.
 *
 * <p>Where the location is known it is also available from {@link #row()} and {@link #column()}; where the
 * library knows them, also the {@link #file()}, the {@link #constraint()} broken and the offending
 * {@link #value()} (see {@link #of(String, long, String, String, String, String)}), and for a constraint that
 * compares with another column its {@link #boundColumn()} (see {@link #compared}), so that a caller can restate
 * the error in its own terms (its file's line numbers, the column names its user typed) from these fields instead
 * of parsing the message. An error about one cell of a matrix, {@code "row 3, column b: value must be finite, found
 * NaN"}, is made with {@link #cell} and records the same fields.
 */
public class InvalidDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The row or line of the problem, or -1. */
    private final long row;
    /** The column of the problem, or null. */
    private final String column;
    /** The file of the problem, or null. */
    private final String file;
    /** The constraint the value breaks, e.g. {@code "an integer"}, or null. */
    private final String constraint;
    /** The offending value as text, or null. */
    private final String value;
    /** For a constraint comparing with another column ({@code "<= T = 4.0"}): the comparison, else null. */
    private final String comparison;
    /** For a constraint comparing with another column: that column, else null. */
    private final String boundColumn;
    /** For a constraint comparing with another column: that column's value as text, else null. */
    private final String boundValue;
    /** True for the shape {@code "column <column>: value must be ..."} made by {@link #cell}. */
    private final boolean cell;

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
        this(message, row, column, cause, null, null, null, null, null, null, false);
    }

    private InvalidDataException(String message, long row, String column, Throwable cause, String file,
            String constraint, String value, String comparison, String boundColumn, String boundValue,
            boolean cell) {
        super(message, cause);
        this.row = row;
        this.column = column;
        this.file = file;
        this.constraint = constraint;
        this.value = value;
        this.comparison = comparison;
        this.boundColumn = boundColumn;
        this.boundValue = boundValue;
        this.cell = cell;
    }

    /**
     * Creates an exception with every location field, its message
     * {@code "<where>: <column> must be <constraint>, found <value>"} (or {@code "<column> must be ..."} when
     * {@code where} is empty).
     *
     * @param file the file, or null when the data did not come from a file
     * @param row the 0-based row or 1-based line, as {@code where} says, or -1 if unknown
     * @param where the location as the message shows it, e.g. {@code "row 3 (customer c)"} or
     *     {@code "data.csv: line 5"}; not null, may be empty
     * @param column the column name; not null
     * @param constraint the constraint the value breaks, e.g. {@code "an integer"}; not null
     * @param value the offending value as text; not null
     * @return the exception
     */
    public static InvalidDataException of(String file, long row, String where, String column, String constraint,
            String value) {
        java.util.Objects.requireNonNull(where, "where");
        java.util.Objects.requireNonNull(column, "column");
        java.util.Objects.requireNonNull(constraint, "constraint");
        java.util.Objects.requireNonNull(value, "value");
        return new InvalidDataException(message(where, column, constraint, value), row, column, null, file,
                constraint, value, null, null, null, false);
    }

    /**
     * Creates an exception about one value of a named column (a cell of a matrix), with every location field: its
     * message is {@code "<where>, column <column>: value must be <constraint>, found <value>"} (or
     * {@code "column <column>: value must be ..."} when {@code where} is empty), e.g.
     * {@code "row 3, column b: value must be finite, found NaN"}. {@link #relocate(String, long, String,
     * UnaryOperator)} restates it as {@code "<where'>: column <column'>: value must be <constraint>, found
     * <value>"}, e.g. {@code "data.csv:5: column b: value must be finite, found NaN"}.
     *
     * @param file the file, or null when the data did not come from a file
     * @param row the 0-based row or 1-based line, as {@code where} says, or -1 if unknown
     * @param where the location as the message shows it, e.g. {@code "row 3"}; not null, may be empty
     * @param column the column name; not null
     * @param constraint the constraint the value breaks, e.g. {@code "finite"}; not null
     * @param value the offending value as text; not null
     * @return the exception
     */
    public static InvalidDataException cell(String file, long row, String where, String column, String constraint,
            String value) {
        java.util.Objects.requireNonNull(where, "where");
        java.util.Objects.requireNonNull(column, "column");
        java.util.Objects.requireNonNull(constraint, "constraint");
        java.util.Objects.requireNonNull(value, "value");
        String detail = cellDetail(column, constraint, value);
        return new InvalidDataException(where.isEmpty() ? detail : where + ", " + detail, row, column, null, file,
                constraint, value, null, null, null, true);
    }

    private static String cellDetail(String column, String constraint, String value) {
        return "column " + column + ": value must be " + constraint + ", found " + value;
    }

    /**
     * Creates an exception whose constraint compares the value with another column of the same row, with every
     * location field: the constraint is {@code "<comparison> <boundColumn> = <boundValue>"} and the message
     * {@code "<where>: <column> must be <comparison> <boundColumn> = <boundValue>, found <value>"}, e.g.
     * {@code "row 3 (customer c): recency must be <= T = 4.0, found 5.0"}. {@link #relocate(String, long, String,
     * UnaryOperator)} renames both columns.
     *
     * @param file the file, or null when the data did not come from a file
     * @param row the 0-based row or 1-based line, as {@code where} says, or -1 if unknown
     * @param where the location as the message shows it; not null, may be empty
     * @param column the column name; not null
     * @param comparison the comparison, e.g. {@code "<="}; not null
     * @param boundColumn the column the value is compared with, e.g. {@code "T"}; not null
     * @param boundValue that column's value as text, e.g. {@code "4.0"}; not null
     * @param value the offending value as text; not null
     * @return the exception
     */
    public static InvalidDataException compared(String file, long row, String where, String column, String comparison,
            String boundColumn, String boundValue, String value) {
        java.util.Objects.requireNonNull(where, "where");
        java.util.Objects.requireNonNull(column, "column");
        java.util.Objects.requireNonNull(comparison, "comparison");
        java.util.Objects.requireNonNull(boundColumn, "boundColumn");
        java.util.Objects.requireNonNull(boundValue, "boundValue");
        java.util.Objects.requireNonNull(value, "value");
        String constraint = comparison + " " + boundColumn + " = " + boundValue;
        return new InvalidDataException(message(where, column, constraint, value), row, column, null, file,
                constraint, value, comparison, boundColumn, boundValue, false);
    }

    private static String message(String where, String column, String constraint, String value) {
        return (where.isEmpty() ? "" : where + ": ") + column + " must be " + constraint + ", found " + value;
    }

    /**
     * Restates this error at another location with another column name, keeping its constraint and value, e.g.
     * a library row as a line of the user's file: {@code "<where>: <column> must be <constraint>, found
     * <value>"} (for an error made by {@link #cell}: {@code "<where>: column <column>: value must be
     * <constraint>, found <value>"}), with this exception as the cause. Only for an exception with a
     * {@link #constraint()}.
     *
     * @param file the file, or null
     * @param line the 1-based line (or row) the new message names
     * @param where the location as the new message shows it; not null, may be empty
     * @param column the column name the new message shows; not null
     * @param constraint the constraint as the new message shows it (usually {@link #constraint()}); not null
     * @return a new exception
     * @throws IllegalStateException if this exception has no constraint
     */
    public InvalidDataException relocate(String file, long line, String where, String column, String constraint) {
        if (this.constraint == null) {
            throw new IllegalStateException("constraint must be recorded to relocate an error, found none");
        }
        java.util.Objects.requireNonNull(where, "where");
        java.util.Objects.requireNonNull(column, "column");
        java.util.Objects.requireNonNull(constraint, "constraint");
        return new InvalidDataException(restated(where, column, constraint), line, column, this, file,
                constraint, value, null, null, null, cell);
    }

    /**
     * Restates this error at another location with every column renamed, keeping its constraint and value, e.g. a
     * library row as a line of the user's file with the column names the user gave: {@code "<where>: <column'> must
     * be <constraint'>, found <value>"}, where {@code column'} is {@code columnName.apply(column())} and, for a
     * constraint that compares with another column ({@link #boundColumn()}), {@code constraint'} names
     * {@code columnName.apply(boundColumn())} instead; this exception is the cause. An error made by {@link #cell}
     * keeps its shape: {@code "<where>: column <column'>: value must be <constraint>, found <value>"}. Only for an
     * exception with a {@link #constraint()}.
     *
     * @param file the file, or null
     * @param line the 1-based line (or row) the new message names
     * @param where the location as the new message shows it; not null, may be empty
     * @param columnName the name to show for each of this error's column names; not null, must not return null
     * @return a new exception
     * @throws IllegalStateException if this exception has no constraint
     */
    public InvalidDataException relocate(String file, long line, String where, UnaryOperator<String> columnName) {
        if (this.constraint == null) {
            throw new IllegalStateException("constraint must be recorded to relocate an error, found none");
        }
        java.util.Objects.requireNonNull(where, "where");
        java.util.Objects.requireNonNull(columnName, "columnName");
        String shown = java.util.Objects.requireNonNull(columnName.apply(column), "columnName");
        if (boundColumn == null) {
            return new InvalidDataException(restated(where, shown, constraint), line, shown, this, file,
                    constraint, value, null, null, null, cell);
        }
        String bound = java.util.Objects.requireNonNull(columnName.apply(boundColumn), "columnName");
        String renamed = comparison + " " + bound + " = " + boundValue;
        return new InvalidDataException(restated(where, shown, renamed), line, shown, this, file, renamed,
                value, comparison, bound, boundValue, cell);
    }

    /** The message of a relocated error: {@code "<where>: "} and this error's shape without its location. */
    private String restated(String where, String column, String constraint) {
        if (!cell) {
            return message(where, column, constraint, value);
        }
        String detail = cellDetail(column, constraint, value);
        return where.isEmpty() ? detail : where + ": " + detail;
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

    /**
     * Returns the file the problem was found in.
     *
     * @return the file as the message names it, or null when unknown or not from a file
     */
    public String file() {
        return file;
    }

    /**
     * Returns the constraint the value breaks, e.g. {@code "an integer"} or {@code "a finite number >= 0"}.
     *
     * @return the constraint, or null when not recorded
     */
    public String constraint() {
        return constraint;
    }

    /**
     * Returns the column a comparing constraint names, e.g. {@code "T"} in {@code "<= T = 4.0"} (see
     * {@link #compared}).
     *
     * @return the column, or null when the constraint does not compare with another column or is not recorded
     */
    public String boundColumn() {
        return boundColumn;
    }

    /**
     * Returns the offending value as text.
     *
     * @return the value, or null when not recorded
     */
    public String value() {
        return value;
    }
}
