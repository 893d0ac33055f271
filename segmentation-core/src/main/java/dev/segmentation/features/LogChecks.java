package dev.segmentation.features;

import dev.segmentation.InvalidDataException;
import dev.segmentation.data.TransactionLog;

/** Data checks shared by the summarizers; package-private. */
final class LogChecks {
    private LogChecks() {
    }

    /** The error for a negative (or NaN) value in a row of a log, naming the row, customer, column and value. */
    static InvalidDataException negative(TransactionLog log, int row, String column, double value) {
        return new InvalidDataException("row " + row + " (customer " + log.customerId(log.customer(row)) + "): "
                + column + " must be >= 0, found " + value, row, column, null);
    }

    /** The error for an empty log. */
    static InvalidDataException empty() {
        return new InvalidDataException("log must have at least one row, found 0");
    }
}
