package dev.segmentation.pipeline;

import java.util.Objects;

/**
 * The number format of {@code customers.csv} and {@code segments.csv} ({@link SegmentationResult#writeCustomersCsv}
 * and {@link SegmentationResult#writeSegmentsCsv}) for writers outside this package, e.g. the Spark command line's
 * {@code customers.csv}, so that every writer of those files formats a value the same way.
 *
 * <p>All methods are static and safe for concurrent use.
 */
public final class CustomerCsvNumbers {
    private CustomerCsvNumbers() {
    }

    /**
     * Formats one value of a column as the single-JVM writers do: NaN as an empty field; with
     * {@link SegmentationResult.Precision#FULL} {@link Double#toString}; rounded, money columns ({@code monetary},
     * {@code clv}, ...) with 2 decimals, whole counts ({@code recency}, {@code frequency}, {@code size}, ...) as
     * integers, other values with 6 significant digits, never in exponent notation.
     *
     * @param column the column's name in {@code customers.csv} or {@code segments.csv}; not null
     * @param value the value
     * @param precision the precision; not null
     * @return the field's text
     */
    public static String format(String column, double value, SegmentationResult.Precision precision) {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(precision, "precision");
        return CsvNumbers.format(column, value, precision);
    }
}
