package dev.segmentation.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one read of a transaction file did: how many rows it read and kept, how many it skipped and why
 * (with the first few examples of each reason, with their line numbers), and what the kept rows hold.
 *
 * <p>Reason keys are stable (scripts rely on them) and each skipped row counts under exactly one reason, the
 * first that applies in this order: {@link #WRONG_FIELD_COUNT}; an unparseable value, checked in the order
 * {@link #UNPARSEABLE_DATE}, {@link #UNPARSEABLE_AMOUNT}, {@link #UNPARSEABLE_UNIT_PRICE},
 * {@link #UNPARSEABLE_QUANTITY}; then the cleaning rules {@link #MISSING_CUSTOMER}, {@link #CANCELLATION},
 * {@link #NON_POSITIVE_QUANTITY}, {@link #NON_POSITIVE_PRICE}; last {@link #NON_FINITE_AMOUNT}. So a malformed
 * row is reported as bad even when a cleaning rule would have removed it: {@link BadRows#FAIL} means the file
 * has no malformed rows at all. {@link #DUPLICATE} (with {@link TransactionCsv.Options#dropDuplicates()}) is
 * checked after the unparseable values and before {@link #MISSING_CUSTOMER}; {@link #CANCELLED_ORDER} (with
 * {@link TransactionCsv.Options#netCancellations()}) counts kept orders removed later by a cancellation.
 *
 * <p>Besides the skips, the report counts exact duplicate records whether dropped or not
 * ({@link #duplicates()}), kept rows dated after the as-of date ({@link #futureDates()}) and, when netting,
 * the cancellations netted and unmatched.
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never returned.
 */
public final class IngestReport {
    /** The record has a different number of fields from the header. A bad row. */
    public static final String WRONG_FIELD_COUNT = "wrong_field_count";
    /** The date column is empty or not a date in the configured format. A bad row. */
    public static final String UNPARSEABLE_DATE = "unparseable_date";
    /** The amount column is empty, not a number or not finite. A bad row. */
    public static final String UNPARSEABLE_AMOUNT = "unparseable_amount";
    /** The unit price column is empty, not a number or not finite. A bad row. */
    public static final String UNPARSEABLE_UNIT_PRICE = "unparseable_unit_price";
    /** The quantity column is empty, not a number or not finite. A bad row. */
    public static final String UNPARSEABLE_QUANTITY = "unparseable_quantity";
    /**
     * The customer id is empty: removed by {@link TransactionCsv.Options#dropMissingCustomer()}, else a bad
     * row.
     */
    public static final String MISSING_CUSTOMER = "missing_customer";
    /** The invoice id starts with the cancellation prefix; removed by the cancellation rule. */
    public static final String CANCELLATION = "cancellation";
    /** The quantity is zero or negative; removed by the non-positive quantity rule. */
    public static final String NON_POSITIVE_QUANTITY = "non_positive_quantity";
    /** The unit price (or, without one, the amount) is zero or negative; removed by the non-positive price rule. */
    public static final String NON_POSITIVE_PRICE = "non_positive_price";
    /**
     * {@code quantity * unitPrice} overflows to an infinite amount. A bad row; the example names the factor
     * with the larger magnitude as its column and the other factor in its message.
     */
    public static final String NON_FINITE_AMOUNT = "non_finite_amount";
    /**
     * The record repeats an earlier record exactly (every field equal); removed by
     * {@link TransactionCsv.Options#dropDuplicates()}. The example's value names the earlier line.
     */
    public static final String DUPLICATE = "duplicate";
    /**
     * A kept order removed because a later cancellation netted it ({@link TransactionCsv.Options#netCancellations()}).
     */
    public static final String CANCELLED_ORDER = "cancelled_order";

    private final String source;
    private final long rowsRead;
    private final long rowsKept;
    private final Map<String, Long> skipped;
    private final Map<String, List<Example>> examples;
    private final int customers;
    private final int items;
    private final int nonProductItems;
    private final int invoices;
    private final LocalDateTime first;
    private final LocalDateTime last;
    private final double revenue;
    private final Checks checks;

    /** The counts of a read beyond the skips. */
    static final class Checks {
        final long duplicates;
        final long futureDates;
        final LocalDate futureAfter;
        final long firstFutureLine;
        final long netted;
        final long unmatched;

        Checks(long duplicates, long futureDates, LocalDate futureAfter, long firstFutureLine, long netted,
                long unmatched) {
            this.duplicates = duplicates;
            this.futureDates = futureDates;
            this.futureAfter = Objects.requireNonNull(futureAfter, "futureAfter");
            this.firstFutureLine = firstFutureLine;
            this.netted = netted;
            this.unmatched = unmatched;
        }
    }

    IngestReport(String source, long rowsRead, long rowsKept, Map<String, Long> skipped,
            Map<String, List<Example>> examples, TransactionLog log, int nonProductItems, double revenue,
            Checks checks) {
        this.source = Objects.requireNonNull(source, "source");
        this.rowsRead = rowsRead;
        this.rowsKept = rowsKept;
        this.skipped = Collections.unmodifiableMap(new TreeMap<>(skipped));
        TreeMap<String, List<Example>> ex = new TreeMap<>();
        examples.forEach((k, v) -> ex.put(k, List.copyOf(v)));
        this.examples = Collections.unmodifiableMap(ex);
        this.customers = log.customerCount();
        this.items = log.itemCount();
        this.nonProductItems = nonProductItems;
        this.invoices = log.invoiceCount();
        this.first = log.size() == 0 ? null : log.firstDateTime();
        this.last = log.size() == 0 ? null : log.lastDateTime();
        this.revenue = revenue;
        this.checks = Objects.requireNonNull(checks, "checks");
    }

    /**
     * Returns the number of records that repeat an earlier record exactly (every field equal), whether kept
     * or dropped ({@link TransactionCsv.Options#dropDuplicates()}). The first occurrence is not counted:
     * a record appearing three times counts 2.
     *
     * @return the duplicate count
     */
    public long duplicates() {
        return checks.duplicates;
    }

    /**
     * Returns the number of kept rows dated after {@link #futureAfter()}: usually a data error (a wrong
     * year, a date format read the wrong way round).
     *
     * @return the count
     */
    public long futureDates() {
        return checks.futureDates;
    }

    /**
     * Returns the date after which kept rows count as {@link #futureDates()}: the options' as-of date, or
     * the day of the read (UTC).
     *
     * @return the date
     */
    public LocalDate futureAfter() {
        return checks.futureAfter;
    }

    /**
     * Returns the line of the first kept row dated after {@link #futureAfter()}.
     *
     * @return the 1-based line, or empty when there is none
     */
    public Optional<Long> firstFutureLine() {
        return checks.firstFutureLine < 0 ? Optional.empty() : Optional.of(checks.firstFutureLine);
    }

    /**
     * Returns the number of cancellations netted against an order
     * ({@link TransactionCsv.Options#netCancellations()}); each removed one kept order.
     *
     * @return the count, 0 without netting
     */
    public long cancellationsNetted() {
        return checks.netted;
    }

    /**
     * Returns the number of cancellations that matched no earlier order line exactly (same customer, item and
     * opposite quantity); they net nothing.
     *
     * @return the count, 0 without netting
     */
    public long cancellationsUnmatched() {
        return checks.unmatched;
    }

    /**
     * Returns the name of what was read (the file name, without its folder).
     *
     * @return the source name
     */
    public String source() {
        return source;
    }

    /**
     * Returns the number of data records read: every record after the header, kept or skipped. Blank lines
     * are not records.
     *
     * @return the rows read
     */
    public long rowsRead() {
        return rowsRead;
    }

    /**
     * Returns the number of rows kept in the log.
     *
     * @return {@code rowsRead() - skippedTotal()}
     */
    public long rowsKept() {
        return rowsKept;
    }

    /**
     * Returns the number of skipped rows per reason, for the reasons that occurred, sorted by reason key.
     *
     * @return an unmodifiable map from reason key to count
     */
    public Map<String, Long> skipped() {
        return skipped;
    }

    /**
     * Returns the number of rows skipped for one reason.
     *
     * @param reason a reason key such as {@link #MISSING_CUSTOMER}; not null
     * @return the count, 0 if the reason did not occur
     */
    public long skipped(String reason) {
        return skipped.getOrDefault(Objects.requireNonNull(reason, "reason"), 0L);
    }

    /**
     * Returns the total number of skipped rows.
     *
     * @return the sum of {@link #skipped()}
     */
    public long skippedTotal() {
        return rowsRead - rowsKept;
    }

    /**
     * Returns the first examples of each reason, in file order (at most
     * {@link TransactionCsv.Options#maxExamples()} per reason).
     *
     * @return an unmodifiable map from reason key to examples, sorted by reason key
     */
    public Map<String, List<Example>> examples() {
        return examples;
    }

    /**
     * Returns the first examples of one reason, in file order.
     *
     * @param reason a reason key; not null
     * @return an unmodifiable list, empty if the reason did not occur
     */
    public List<Example> examples(String reason) {
        return examples.getOrDefault(Objects.requireNonNull(reason, "reason"), List.of());
    }

    /**
     * Returns the number of distinct customers in the kept rows.
     *
     * @return the customer count of the log
     */
    public int customers() {
        return customers;
    }

    /**
     * Returns the number of distinct items in the kept rows, non-product codes included.
     *
     * @return the item count of the log
     */
    public int items() {
        return items;
    }

    /**
     * Returns how many of the {@link #items()} are marked as non-product codes.
     *
     * @return the count of marked items in the log
     */
    public int nonProductItems() {
        return nonProductItems;
    }

    /**
     * Returns the number of distinct invoices in the kept rows.
     *
     * @return the invoice count of the log (0 without an invoice column)
     */
    public int invoices() {
        return invoices;
    }

    /**
     * Returns the earliest date-time of the kept rows.
     *
     * @return the first date-time, or empty when no row was kept
     */
    public Optional<LocalDateTime> firstDateTime() {
        return Optional.ofNullable(first);
    }

    /**
     * Returns the latest date-time of the kept rows.
     *
     * @return the last date-time, or empty when no row was kept
     */
    public Optional<LocalDateTime> lastDateTime() {
        return Optional.ofNullable(last);
    }

    /**
     * Returns the earliest date of the kept rows.
     *
     * @return the first date, or empty when no row was kept
     */
    public Optional<LocalDate> firstDate() {
        return firstDateTime().map(LocalDateTime::toLocalDate);
    }

    /**
     * Returns the latest date of the kept rows.
     *
     * @return the last date, or empty when no row was kept
     */
    public Optional<LocalDate> lastDate() {
        return lastDateTime().map(LocalDateTime::toLocalDate);
    }

    /**
     * Returns the sum of the kept rows' amounts, added in file order.
     *
     * @return the revenue
     */
    public double revenue() {
        return revenue;
    }

    /**
     * Returns a one-line summary (duplicates, future dates and netting only when non-zero), e.g.
     * {@code IngestReport{source=x.csv, rowsRead=10, rowsKept=8, skipped={cancellation=2}, customers=3, ...}}.
     *
     * @return a readable form
     */
    @Override
    public String toString() {
        return "IngestReport{source=" + source + ", rowsRead=" + rowsRead + ", rowsKept=" + rowsKept
                + ", skipped=" + skipped + ", customers=" + customers + ", items=" + items + ", invoices="
                + invoices + ", firstDateTime=" + first + ", lastDateTime=" + last + ", revenue=" + revenue
                + (checks.duplicates > 0 ? ", duplicates=" + checks.duplicates : "")
                + (checks.futureDates > 0 ? ", futureDates=" + checks.futureDates : "")
                + (checks.netted + checks.unmatched > 0 ? ", cancellationsNetted=" + checks.netted
                        + ", cancellationsUnmatched=" + checks.unmatched : "") + "}";
    }

    /**
     * One skipped row: where it is and why it was skipped.
     *
     * <p>Instances are immutable and safe for concurrent use.
     */
    public static final class Example {
        private final long line;
        private final String column;
        private final String value;
        private final String message;

        Example(long line, String column, String value, String message) {
            this.line = line;
            this.column = column;
            this.value = Objects.requireNonNull(value, "value");
            this.message = Objects.requireNonNull(message, "message");
        }

        /**
         * Returns the 1-based line of the file where the row starts.
         *
         * @return the line number
         */
        public long line() {
            return line;
        }

        /**
         * Returns the header name of the column at fault.
         *
         * @return the column, or empty when the fault is the whole record (a wrong field count)
         */
        public Optional<String> column() {
            return Optional.ofNullable(column);
        }

        /**
         * Returns the offending value as it appears in the file (for a wrong field count, the count).
         *
         * @return the value, possibly empty
         */
        public String value() {
            return value;
        }

        /**
         * Returns the rule the row broke, e.g. {@code value must be a number}.
         *
         * @return the message, without location or value
         */
        public String message() {
            return message;
        }

        /**
         * Returns the location, rule and value in the form of {@link BadRows#FAIL} messages without the file,
         * e.g. {@code line 17, column Quantity: value must be a number, found "x"}.
         *
         * @return a readable form
         */
        @Override
        public String toString() {
            return TransactionCsv.describe(line, column, message, value);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Example)) {
                return false;
            }
            Example e = (Example) o;
            return line == e.line && Objects.equals(column, e.column) && value.equals(e.value)
                    && message.equals(e.message);
        }

        @Override
        public int hashCode() {
            return Objects.hash(line, column, value, message);
        }
    }
}
