package dev.segmentation.data;

/**
 * What {@link TransactionCsv} does with a row it cannot use as given: a wrong number of fields, a value that
 * is not a number or not a date in the configured format, or an empty customer id that the options do not
 * drop.
 *
 * <p>Rows removed by a cleaning rule (for example {@link TransactionCsv.Options#dropCancellations()}) are not
 * bad rows: they are always skipped and counted in the {@link IngestReport}, whatever this policy says.
 */
public enum BadRows {
    /**
     * Stop at the first bad row with an {@link dev.segmentation.InvalidDataException} whose message names
     * the file, the line, the column and the value, for example
     * {@code online_retail.csv: line 17, column Quantity: value must be a number, found "x"}. The default.
     */
    FAIL,
    /**
     * Skip bad rows, count them per reason in the {@link IngestReport} and keep the first few of each reason
     * as examples with their line numbers.
     */
    SKIP_AND_REPORT
}
