package dev.segmentation.data;

import dev.segmentation.InvalidDataException;
import java.util.List;
import java.util.Objects;

/**
 * Reads transaction records that are already split into fields, such as the rows of a table or of one Apache
 * Spark partition, with exactly the per-row rules of {@link TransactionCsv}: the same {@link ColumnMapping},
 * number and date parsing, customer id normalization, bad-row policy, cleaning rules, duplicate counting,
 * cancellation netting and {@link IngestReport} reasons. Only the tokenizing of a file is left out.
 *
 * <pre>{@code
 * TransactionRecords records = TransactionRecords.start(List.of("customer", "date", "amount"),
 *         TransactionCsv.Options.builder(ColumnMapping.of("customer", "date", "amount"), StandardCharsets.UTF_8)
 *                 .build(), "orders");
 * records.add(1, new String[] {"c1", "2024-01-05", "12.50"});
 * IngestResult result = records.finish();
 * }</pre>
 *
 * <p>A field given as {@code null} is read as an empty field. The line numbers given to {@link #add} are
 * what messages and report examples show; duplicates are judged and cancellations netted in the order the
 * records are added, so records must be added in their original order for results equal to reading the whole
 * file. The file-format settings of the options ({@linkplain TransactionCsv.Options#charset() charset},
 * separator, whitespace separation, header names) are not used.
 *
 * <p>Not thread-safe: one instance per sequence of records. Null is never returned.
 */
public final class TransactionRecords {
    private final IngestSession session;
    private final int width;
    private char[] buffer = new char[64];
    private long[] lines = new long[64];
    private long[] keptLines;

    private TransactionRecords(IngestSession session, int width) {
        this.session = session;
        this.width = width;
    }

    /**
     * Starts a read of records whose fields are in the order of {@code header}.
     *
     * @param header the column names, one per field, distinct and non-empty; not null. Not modified.
     * @param options the mapping and the cleaning rules; not null
     * @param source the name messages start with (in place of a file name); not null
     * @return a new reader
     * @throws IllegalArgumentException if the header is empty, repeats a name or lacks a mapped column
     */
    public static TransactionRecords start(List<String> header, TransactionCsv.Options options, String source) {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(source, "source");
        if (header.isEmpty()) {
            throw new IllegalArgumentException("header must name at least one column, found []");
        }
        TransactionCsv.Options o = options.toBuilder().headerNames(header).build();
        return new TransactionRecords(new IngestSession(o, source), header.size());
    }

    /**
     * Reads one record.
     *
     * @param line the record's line (or row) number, shown in messages and examples
     * @param fields the fields in header order, null meaning empty; not null. Not modified.
     * @throws InvalidDataException under {@link BadRows#FAIL}, if the record is bad (the message as
     *     {@link TransactionCsv} writes it)
     */
    public void add(long line, String[] fields) {
        Objects.requireNonNull(fields, "fields");
        session.begin(line);
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i];
            int n = f == null ? 0 : f.length();
            if (n > buffer.length) {
                buffer = new char[Math.max(n, 2 * buffer.length)];
            }
            if (n > 0) {
                f.getChars(0, n, buffer, 0);
            }
            session.field(i, buffer, 0, n);
        }
        int before = session.keptSoFar();
        session.end(fields.length);
        if (session.keptSoFar() > before) {
            if (before == lines.length) {
                lines = java.util.Arrays.copyOf(lines, 2 * lines.length);
            }
            lines[before] = line;
        }
    }

    /**
     * Ends the read.
     *
     * @return the log of the kept records and the report (its {@link IngestReport#source()} is the source)
     * @throws InvalidDataException if the revenue of the kept records overflows
     */
    public IngestResult finish() {
        IngestResult result = session.finish();
        int kept = session.keptSoFar();
        long[] out = new long[result.log().size()];
        int k = 0;
        for (int r = 0; r < kept; r++) {
            if (!session.wasNetted(r)) {
                out[k++] = lines[r];
            }
        }
        keptLines = out;
        return result;
    }

    /**
     * Returns the line number of each row of the log {@link #finish()} returned, in log row order.
     *
     * @return a new array, one line per log row
     * @throws IllegalStateException if {@link #finish()} has not been called
     */
    public long[] keptLines() {
        if (keptLines == null) {
            throw new IllegalStateException("finish must be called before keptLines, found an unfinished read");
        }
        return keptLines.clone();
    }

    /**
     * An item's first kept record, as a read of these records met it.
     *
     * @param itemId the item id as the log keeps it
     * @param line the record's line (or row) number, as given to {@link #add}
     * @param description the description read from that record, stripped of surrounding white space; {@code ""}
     *     when it has none (no description column, or an empty or blank field)
     */
    public record ItemOrigin(String itemId, long line, String description) {
        /**
         * Checks the components.
         *
         * @param itemId the item id; not null
         * @param line the record's line
         * @param description the description, {@code ""} for none; not null
         */
        public ItemOrigin {
            Objects.requireNonNull(itemId, "itemId");
            Objects.requireNonNull(description, "description");
        }
    }

    /**
     * Returns each item's first kept record, in the order of those records, including records later netted against
     * a cancellation ({@link TransactionCsv.Options#netCancellations()}) and items left without a record by
     * netting. The log's {@link TransactionLog#itemDescription(int)} is the description of the item's first kept
     * record, so a reader that splits the records (one Spark partition per group of customers) finds every item's
     * description as one read of all the records would: the description of the origin with the smallest line.
     *
     * @return an unmodifiable list, one origin per item kept so far
     */
    public List<ItemOrigin> itemOrigins() {
        return java.util.Collections.unmodifiableList(session.itemOrigins());
    }

    /**
     * Returns the error {@link BadRows#FAIL} raises for a bad row, from what a {@link BadRows#SKIP_AND_REPORT}
     * read recorded for it ({@link IngestReport.Example}): the message is the one {@link TransactionCsv} throws,
     * {@code <source>: line <n>, column <name>: <rule>, found "<value>"}.
     *
     * @param source the name the message starts with; not null
     * @param line the row's line
     * @param column the column, or null for a row-level problem
     * @param value the value as recorded; not null
     * @param message the rule, e.g. {@code value must be a number}; not null
     * @return the exception, not thrown
     */
    public static InvalidDataException failure(String source, long line, String column, String value,
            String message) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(message, "message");
        return new InvalidDataException(source + ": " + TransactionCsv.describe(line, column, message, value), line,
                column, null);
    }

    /**
     * Returns the number of fields each record has in the header given to {@link #start}.
     *
     * @return the header width
     */
    public int width() {
        return width;
    }

    /**
     * Returns a customer id as a read with these options keeps it: {@link TransactionCsv.Options#normalizeCustomerIds()}
     * and {@link TransactionCsv.Options#trimLeadingZeros()} applied. Records whose ids give the same key belong to
     * the same customer, so a distributed reader partitions records by this key.
     *
     * @param customerId the id as written, null meaning empty
     * @param options the options; not null
     * @return the id as kept (empty for a null or empty id)
     */
    public static String customerKey(String customerId, TransactionCsv.Options options) {
        Objects.requireNonNull(options, "options");
        if (customerId == null || customerId.isEmpty()) {
            return "";
        }
        char[] c = customerId.toCharArray();
        int start = 0;
        int length = c.length;
        if (options.normalizeCustomerIds()) {
            length = IngestSession.integerPart(c, 0, length);
        }
        if (options.trimLeadingZeros()) {
            int zeros = IngestSession.leadingZeros(c, 0, length);
            start += zeros;
            length -= zeros;
        }
        return new String(c, start, length);
    }
}
