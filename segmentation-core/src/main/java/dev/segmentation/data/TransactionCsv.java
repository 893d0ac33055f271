package dev.segmentation.data;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.RecordType;
import dev.segmentation.InvalidDataException;
import dev.segmentation.InvalidSettingException;
import dev.segmentation.internal.ParamChecks;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a transaction file (CSV, or whitespace-separated text) into a {@link TransactionLog} with an
 * {@link IngestReport} of what was read, kept and skipped.
 *
 * <pre>{@code
 * TransactionCsv.Options options = TransactionCsv.Options.builder(
 *                 ColumnMapping.ofUnitPrice("CustomerID", "InvoiceDate", "UnitPrice", "Quantity")
 *                         .item("StockCode").invoice("InvoiceNo"),
 *                 StandardCharsets.UTF_8)
 *         .dateFormat("yyyy-MM-dd HH:mm:ss")
 *         .badRows(BadRows.SKIP_AND_REPORT)
 *         .build();
 * IngestResult result = TransactionCsv.read(Path.of("online_retail.csv.gz"), options);
 * TransactionLog log = result.log();
 * result.report().skipped();   // {unparseable_quantity=2, ...}
 *
 * // or, for the two public data sets this library is tested on:
 * IngestResult retail = TransactionCsv.readPreset(Path.of("online_retail.csv.gz"), "online-retail");
 * }</pre>
 *
 * <h2>Format</h2>
 * <ul>
 *   <li>CSV is parsed by FastCSV (RFC 4180: quoted fields, doubled quotes, LF, CRLF or CR line ends) with the
 *       {@linkplain Options#separator() separator} of the options. With
 *       {@link Options#whitespaceSeparated()} a line is a record and runs of spaces and tabs separate its
 *       fields (no quoting; for CDNOW's {@code .txt} logs).</li>
 *   <li>The first line is the header, unless {@link Options#headerNames()} names the columns of a file without
 *       one. Blank lines are skipped and are not rows. A byte order mark at the start is skipped.</li>
 *   <li>A file whose name ends in {@code .gz} (any case) is gunzipped on the fly.</li>
 *   <li>The charset is a required option and is never guessed. Decoding is strict: bytes that are not valid
 *       in it stop the read with an {@link InvalidDataException} naming the line (for example a Latin-1
 *       {@code £}, byte {@code 0xA3}, read as UTF-8), whatever the {@link BadRows} policy.</li>
 *   <li>Ids (customer, invoice, item, channel, category) are taken verbatim, except that with
 *       {@link Options#normalizeCustomerIds()} (the default) a customer id that is an integer written as a
 *       float, {@code [0-9]+\.0+} such as {@code 17850.0} (as pandas writes an integer column with missing
 *       values), becomes its integer part {@code 17850}, and with {@link Options#trimLeadingZeros()} a
 *       customer id of digits loses its leading zeros ({@code 0001} becomes {@code 1}). Empty invoice, item, channel and category fields
 *       mean "none" ({@link TransactionLog#NONE}).</li>
 *   <li>Numbers: {@code [+-]? digits ['.' digits] [e[+-]digits]}, spaces around allowed, converted to the
 *       correctly rounded double (a hand-written parser with {@link Double#parseDouble} as the fallback;
 *       {@code NaN} and {@code Infinity} are not numbers). Dates: see {@link Options#dateFormat()}.</li>
 * </ul>
 *
 * <h2>Bad rows and cleaning rules</h2>
 * A row is <em>bad</em> when it has a different number of fields from the header, when its date, amount,
 * unit price or quantity does not parse, when its customer id is empty and the options do not drop such
 * rows, or when {@code quantity * unitPrice} overflows. Under {@link BadRows#FAIL} the first bad row throws an
 * {@link InvalidDataException} whose message has the exact form
 * <pre>{@code <file name>: line <n>, column <header name>: <rule>, found "<value>"}</pre>
 * for example {@code online_retail.csv: line 17, column Quantity: value must be a number, found "x"}, or
 * {@code <file name>: line <n>: record must have <k> fields like the header, found <m>} for a wrong field
 * count; line numbers are 1-based lines of the file (the header is line 1). Under
 * {@link BadRows#SKIP_AND_REPORT} bad rows are counted per reason in the report instead.
 *
 * <p>The cleaning rules ({@link Options#dropMissingCustomer()}, {@link Options#dropCancellations()},
 * {@link Options#dropNonPositiveQuantity()}, {@link Options#dropNonPositivePrice()}) remove valid rows that an
 * analysis does not want; those rows are always skipped and counted, whatever the bad-row policy. Non-product
 * item codes ({@link Options#nonProductItems()}) are not removed: they stay in the log, marked with
 * {@link TransactionLog.Builder#markNonProduct(String)}, so revenue stays complete and item models can leave
 * them out. See {@link IngestReport} for the reason keys and their order.
 *
 * <p>Every read also counts exact duplicate records ({@link IngestReport#duplicates()}; dropped with
 * {@link Options#dropDuplicates()}) and kept rows dated after the as-of date ({@link Options#asOf()},
 * {@link IngestReport#futureDates()}); {@link Options#netCancellations()} nets each cancellation against the
 * order line it cancels (the rule, with partial cancellations, is on that method). A revenue (sum of kept
 * amounts) that overflows stops the read with an {@link InvalidDataException} naming the line.
 *
 * <p>Complexity: one pass, O(rows) time; memory is the log's columns plus one hash entry per distinct id.
 * Reading the gzipped Online Retail file (541,909 rows) with its preset takes about 0.28 s of CPU on one
 * core, about 1.9 million rows per second, some three quarters of the speed of bare FastCSV record iteration
 * that parses and stores nothing ({@code IngestBenchmark} in {@code benchmarks/}).
 *
 * <p>Thread-safety: the methods are stateless and may be called concurrently; each read is single-threaded.
 * Null is never accepted or returned.
 */
public final class TransactionCsv {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionCsv.class);
    private static final int BUFFER_SIZE = 1 << 16;
    private static final int MAX_VALUE_CHARS = 80;

    private TransactionCsv() {
    }

    /**
     * Reads a transaction file.
     *
     * @param file the file; gunzipped when its name ends in {@code .gz}; not null
     * @param options the mapping, charset, format and policies; not null
     * @return the log of the kept rows and the report
     * @throws InvalidDataException if the file is empty, its header lacks a mapped column, its bytes are not
     *     valid in the charset, it is not valid CSV or gzip, or (under {@link BadRows#FAIL}) a row is bad; the
     *     message names the file, line, column and value
     * @throws UncheckedIOException if the file cannot be read
     */
    public static IngestResult read(Path file, Options options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        String source = sourceName(file);
        long started = System.nanoTime();
        IngestSession session = new IngestSession(options, source);
        try (DecodingReader reader = open(file, options.charset(), source)) {
            if (options.whitespaceSeparated()) {
                WhitespaceRecords.parse(reader, session);
            } else {
                readCsv(reader, session, options.separator());
            }
        } catch (IOException e) {
            throw ioFailure(source, file, e);
        } catch (UncheckedIOException e) {
            throw ioFailure(source, file, e.getCause());
        }
        if (!session.hasHeader()) {
            throw new InvalidDataException(source + ": line 1: file must start with a header line, found an empty file",
                    1, null, null);
        }
        IngestResult result = session.finish();
        if (LOG.isInfoEnabled()) {
            IngestReport r = result.report();
            LOG.info("read {}: {} rows, kept {}, skipped {} in {} ms", source, r.rowsRead(), r.rowsKept(),
                    r.skipped(), (System.nanoTime() - started) / 1_000_000);
        }
        return result;
    }

    /**
     * Reads a file with a named preset: {@code online-retail} or {@code cdnow} (see {@link CsvPreset}).
     *
     * @param file the file; not null
     * @param preset the preset name; not null
     * @return the log of the kept rows and the report
     * @throws IllegalArgumentException if the preset name is unknown
     * @throws InvalidDataException if the file does not have the preset's format
     * @throws UncheckedIOException if the file cannot be read
     */
    public static IngestResult readPreset(Path file, String preset) {
        Objects.requireNonNull(file, "file");
        return read(file, CsvPreset.named(preset).options(file));
    }

    static String sourceName(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    /** Opens the file for strict decoding, gunzipping a {@code .gz} file. */
    static DecodingReader open(Path file, Charset charset, String source) throws IOException {
        boolean gzip = source.toLowerCase(Locale.ROOT).endsWith(".gz");
        return new DecodingReader(() -> {
            InputStream in = Files.newInputStream(file);
            try {
                return gzip ? new GZIPInputStream(in, BUFFER_SIZE) : in;
            } catch (IOException e) {
                in.close();
                throw e;
            }
        }, charset, source, BUFFER_SIZE);
    }

    private static RuntimeException ioFailure(String source, Path file, IOException e) {
        if (e instanceof ZipException || e instanceof EOFException) {
            return new InvalidDataException(source + ": file must be a complete gzip stream as its name ends in .gz, "
                    + "found: " + e.getMessage(), e);
        }
        if (e instanceof NoSuchFileException) {
            return new UncheckedIOException(source + ": file not found: " + file, e);
        }
        return new UncheckedIOException(source + ": cannot read " + file + ": "
                + dev.segmentation.internal.CsvSource.reason(file, e), e);
    }

    private static void readCsv(DecodingReader reader, IngestSession session, char separator) throws IOException {
        CsvReader<Object> csv = CsvReader.builder()
                .fieldSeparator(separator)
                .quoteCharacter('"')
                .commentStrategy(CommentStrategy.NONE)
                .skipEmptyLines(true)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .detectBomHeader(false)
                .build(new Handler(session), reader);
        try (csv) {
            var it = csv.iterator();
            while (it.hasNext()) {
                it.next();
            }
        } catch (CsvParseException e) {
            // FastCSV wraps whatever the parser or the handler throws in a CsvParseException: unwrap.
            Throwable cause = e.getCause();
            if (cause instanceof CsvParseException || cause == null) {
                String reason = cause != null && cause.getMessage() != null ? cause.getMessage() : e.getMessage();
                long line = session.line();
                throw new InvalidDataException(session.source() + ": line " + line
                        + ": record must be valid CSV, found: " + reason, line, null, e);
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        }
    }

    /**
     * Formats a location, rule and value the way error messages and report examples show them.
     * Long values are cut to 80 chars; line breaks and tabs are shown as {@code \n}, {@code \r}, {@code \t}.
     */
    static String describe(long line, String column, String message, String value) {
        if (column == null) {
            return "line " + line + ": " + message + ", found " + value;
        }
        return "line " + line + ", column " + column + ": " + message + ", found " + quote(value);
    }

    static String quote(String value) {
        String v = value.length() > MAX_VALUE_CHARS ? value.substring(0, MAX_VALUE_CHARS - 3) + "..." : value;
        return "\"" + v.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "\"";
    }

    /** Adapts FastCSV's zero-copy callbacks to the session: no String is made for unmapped fields. */
    private static final class Handler extends AbstractBaseCsvCallbackHandler<Object> {
        private static final Object ROW = new Object();
        private final IngestSession session;

        Handler(IngestSession session) {
            this.session = session;
        }

        @Override
        protected void handleBegin(long startingLineNumber) {
            session.begin(startingLineNumber);
        }

        @Override
        protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
            session.field(fieldIdx, buf, offset, len);
        }

        @Override
        protected Object buildRecord() {
            if (getRecordType() != RecordType.DATA) {
                return null;
            }
            session.end(getFieldCount());
            return ROW;
        }
    }

    /**
     * How to read a transaction file: the column mapping, the charset, the format, the bad-row policy and
     * the cleaning rules. Make one with {@link #builder(ColumnMapping, Charset)} or from a {@link CsvPreset}.
     *
     * <p>Instances are immutable and safe for concurrent use. Null is never accepted or returned.
     */
    public static final class Options {
        /** The default {@link #dateFormat()}: an ISO date with an optional time of day. */
        public static final String DEFAULT_DATE_FORMAT = "yyyy-MM-dd[ HH:mm[:ss]]";

        private final ColumnMapping mapping;
        private final Charset charset;
        private final String dateFormat;
        private final DateParser dateParser;
        private final char separator;
        private final boolean whitespaceSeparated;
        private final List<String> headerNames;
        private final BadRows badRows;
        private final boolean dropMissingCustomer;
        private final boolean dropCancellations;
        private final String cancellationPrefix;
        private final boolean dropNonPositiveQuantity;
        private final boolean dropNonPositivePrice;
        private final SortedSet<String> nonProductItems;
        private final SortedSet<String> nonProductItemPrefixes;
        private final boolean normalizeCustomerIds;
        private final boolean trimLeadingZeros;
        private final int maxExamples;
        private final boolean dropDuplicates;
        private final boolean netCancellations;
        private final LocalDate asOf;

        private Options(Builder b) {
            mapping = b.mapping;
            charset = b.charset;
            dateFormat = b.dateFormat;
            dateParser = DateParser.of(b.dateFormat);
            separator = b.separator;
            whitespaceSeparated = b.whitespaceSeparated;
            headerNames = List.copyOf(b.headerNames);
            badRows = b.badRows;
            dropMissingCustomer = b.dropMissingCustomer;
            dropCancellations = b.dropCancellations;
            cancellationPrefix = b.cancellationPrefix;
            dropNonPositiveQuantity = b.dropNonPositiveQuantity;
            dropNonPositivePrice = b.dropNonPositivePrice;
            nonProductItems = Collections.unmodifiableSortedSet(new TreeSet<>(b.nonProductItems));
            nonProductItemPrefixes = Collections.unmodifiableSortedSet(new TreeSet<>(b.nonProductItemPrefixes));
            normalizeCustomerIds = b.normalizeCustomerIds;
            trimLeadingZeros = b.trimLeadingZeros;
            maxExamples = b.maxExamples;
            dropDuplicates = b.dropDuplicates;
            netCancellations = b.netCancellations;
            asOf = b.asOf;
        }

        /**
         * Returns a builder with the defaults listed on each setter.
         *
         * @param mapping which columns hold which fields; not null
         * @param charset the file's charset, never guessed; not null
         * @return a new builder; not thread-safe
         */
        public static Builder builder(ColumnMapping mapping, Charset charset) {
            return new Builder(mapping, charset);
        }

        /**
         * Returns a builder holding these options, to make a variant.
         *
         * @return a new builder
         */
        public Builder toBuilder() {
            Builder b = new Builder(mapping, charset);
            b.dateFormat = dateFormat;
            b.separator = separator;
            b.whitespaceSeparated = whitespaceSeparated;
            b.headerNames = headerNames;
            b.badRows = badRows;
            b.dropMissingCustomer = dropMissingCustomer;
            b.dropCancellations = dropCancellations;
            b.cancellationPrefix = cancellationPrefix;
            b.dropNonPositiveQuantity = dropNonPositiveQuantity;
            b.dropNonPositivePrice = dropNonPositivePrice;
            b.nonProductItems = new HashSet<>(nonProductItems);
            b.nonProductItemPrefixes = new HashSet<>(nonProductItemPrefixes);
            b.normalizeCustomerIds = normalizeCustomerIds;
            b.trimLeadingZeros = trimLeadingZeros;
            b.maxExamples = maxExamples;
            b.dropDuplicates = dropDuplicates;
            b.netCancellations = netCancellations;
            b.asOf = asOf;
            return b;
        }

        /**
         * Returns which columns hold which fields.
         *
         * @return the column mapping
         */
        public ColumnMapping mapping() {
            return mapping;
        }

        /**
         * Returns the charset the file is decoded with.
         *
         * @return the charset
         */
        public Charset charset() {
            return charset;
        }

        /**
         * Returns the {@link java.time.format.DateTimeFormatter} pattern of the date column. The patterns
         * {@code yyyy-MM-dd HH:mm:ss}, {@code yyyy-MM-dd}, {@code yyyyMMdd} and {@code yyyy-MM-dd[ HH:mm[:ss]]}
         * have a fast hand-written parser (four-digit years); others use a {@code DateTimeFormatter} with the
         * STRICT resolver ({@code yyyy} read as {@code uuuu} unless the pattern has an era) and English names.
         * Invalid calendar dates such as 2011-02-30 are errors. A date without a time means midnight.
         *
         * @return the pattern
         */
        public String dateFormat() {
            return dateFormat;
        }

        DateParser dateParser() {
            return dateParser;
        }

        /**
         * Returns the CSV field separator (unused when {@link #whitespaceSeparated()}).
         *
         * @return the separator char
         */
        public char separator() {
            return separator;
        }

        /**
         * Tells whether fields are separated by runs of blanks instead of a separator char.
         *
         * @return true for whitespace-separated text
         */
        public boolean whitespaceSeparated() {
            return whitespaceSeparated;
        }

        /**
         * Returns the column names of a file without a header line; empty when the first line is the header.
         *
         * @return an unmodifiable list
         */
        public List<String> headerNames() {
            return headerNames;
        }

        /**
         * Returns what happens to bad rows.
         *
         * @return the bad-row policy
         */
        public BadRows badRows() {
            return badRows;
        }

        /**
         * Tells whether rows with an empty customer id are dropped ({@link IngestReport#MISSING_CUSTOMER}).
         * When false they are bad rows.
         *
         * @return the rule
         */
        public boolean dropMissingCustomer() {
            return dropMissingCustomer;
        }

        /**
         * Tells whether rows whose invoice id starts with {@link #cancellationPrefix()} are dropped
         * ({@link IngestReport#CANCELLATION}).
         *
         * @return the rule
         */
        public boolean dropCancellations() {
            return dropCancellations;
        }

        /**
         * Returns the invoice id prefix that marks a cancellation.
         *
         * @return the prefix
         */
        public String cancellationPrefix() {
            return cancellationPrefix;
        }

        /**
         * Tells whether rows with quantity {@code <= 0} are dropped ({@link IngestReport#NON_POSITIVE_QUANTITY}).
         *
         * @return the rule
         */
        public boolean dropNonPositiveQuantity() {
            return dropNonPositiveQuantity;
        }

        /**
         * Tells whether rows with unit price {@code <= 0} (or, without a unit price column, amount
         * {@code <= 0}) are dropped ({@link IngestReport#NON_POSITIVE_PRICE}).
         *
         * @return the rule
         */
        public boolean dropNonPositivePrice() {
            return dropNonPositivePrice;
        }

        /**
         * Returns the item ids marked as non-product codes (they stay in the log).
         *
         * @return an unmodifiable sorted set
         */
        public SortedSet<String> nonProductItems() {
            return nonProductItems;
        }

        /**
         * Returns the prefixes of item ids marked as non-product codes, e.g. {@code gift_0001_}.
         *
         * @return an unmodifiable sorted set
         */
        public SortedSet<String> nonProductItemPrefixes() {
            return nonProductItemPrefixes;
        }

        /**
         * Tells whether customer ids of the form {@code [0-9]+\.0+} are cut to their integer part.
         *
         * @return the rule
         */
        public boolean normalizeCustomerIds() {
            return normalizeCustomerIds;
        }

        /**
         * Tells whether customer ids made only of digits lose their leading zeros ({@code 0001} becomes
         * {@code 1}, {@code 000} becomes {@code 0}).
         *
         * @return the rule
         */
        public boolean trimLeadingZeros() {
            return trimLeadingZeros;
        }

        /**
         * Returns how many examples the report keeps per reason.
         *
         * @return the number of examples, {@code >= 0}
         */
        public int maxExamples() {
            return maxExamples;
        }

        /**
         * Tells whether exact duplicate records (every field equal to an earlier record's, byte for byte after
         * decoding) are dropped. They are always counted ({@link IngestReport#duplicates()}).
         *
         * @return the rule
         */
        public boolean dropDuplicates() {
            return dropDuplicates;
        }

        /**
         * Tells whether cancellations are netted against the orders they cancel. The rule: a cancellation is a
         * record whose invoice id starts with the {@linkplain #cancellationPrefix() cancellation prefix}; it
         * cancels the most recent earlier record (earlier in the file) that is kept, is not itself a
         * cancellation, has not been netted yet, and has the same customer id, the same item id and the opposite
         * quantity ({@code order quantity == -cancellation quantity}). Both records are removed: the order is
         * counted under {@link IngestReport#CANCELLED_ORDER} and in {@link IngestReport#cancellationsNetted()}.
         * A cancellation that matches no single order line exactly (a partial cancellation of a larger line,
         * one spanning several lines, or one whose order precedes the file) nets nothing: it is counted in
         * {@link IngestReport#cancellationsUnmatched()} and the orders stay. Every cancellation record is
         * removed from the log (under {@link IngestReport#CANCELLATION}), matched or not, so a customer whose
         * every order was cancelled has no purchases left. Needs invoice, item and quantity columns.
         *
         * @return the rule
         */
        public boolean netCancellations() {
            return netCancellations;
        }

        /**
         * Returns the as-of date: kept rows dated after it are counted as {@link IngestReport#futureDates()}
         * (and reported as a warning).
         *
         * @return the date, or empty for "today" (UTC) at the time of the read
         */
        public Optional<LocalDate> asOf() {
            return Optional.ofNullable(asOf);
        }

        /**
         * Lists every option (dropDuplicates, netCancellations and asOf only when set), e.g. {@code Options{mapping=ColumnMapping{...}, charset=UTF-8, ...}}.
         *
         * @return a readable form
         */
        @Override
        public String toString() {
            return "Options{mapping=" + mapping + ", charset=" + charset.name() + ", dateFormat=" + dateFormat
                    + ", separator='" + separator + "', whitespaceSeparated=" + whitespaceSeparated
                    + ", headerNames=" + headerNames + ", badRows=" + badRows
                    + ", dropMissingCustomer=" + dropMissingCustomer + ", dropCancellations=" + dropCancellations
                    + ", cancellationPrefix=" + cancellationPrefix
                    + ", dropNonPositiveQuantity=" + dropNonPositiveQuantity
                    + ", dropNonPositivePrice=" + dropNonPositivePrice + ", nonProductItems=" + nonProductItems
                    + ", nonProductItemPrefixes=" + nonProductItemPrefixes
                    + ", normalizeCustomerIds=" + normalizeCustomerIds + ", trimLeadingZeros=" + trimLeadingZeros
                    + ", maxExamples=" + maxExamples
                    // settings added later are listed when set, so that older forms stay as they were
                    + (dropDuplicates ? ", dropDuplicates=true" : "")
                    + (netCancellations ? ", netCancellations=true" : "")
                    + (asOf != null ? ", asOf=" + asOf : "") + "}";
        }

        /**
         * Builds {@link Options}. Mutable and single-threaded; {@link #build()} does not change it.
         */
        public static final class Builder {
            private ColumnMapping mapping;
            private Charset charset;
            private String dateFormat = DEFAULT_DATE_FORMAT;
            private char separator = ',';
            private boolean whitespaceSeparated;
            private List<String> headerNames = List.of();
            private BadRows badRows = BadRows.FAIL;
            private boolean dropMissingCustomer;
            private boolean dropCancellations;
            private String cancellationPrefix = "C";
            private boolean dropNonPositiveQuantity;
            private boolean dropNonPositivePrice;
            private Set<String> nonProductItems = new HashSet<>();
            private Set<String> nonProductItemPrefixes = new HashSet<>();
            private boolean normalizeCustomerIds = true;
            private boolean trimLeadingZeros;
            private int maxExamples = 5;
            private boolean dropDuplicates;
            private boolean netCancellations;
            private LocalDate asOf;

            private Builder(ColumnMapping mapping, Charset charset) {
                mapping(mapping);
                charset(charset);
            }

            /**
             * Sets which columns hold which fields. Required (given to {@link Options#builder}).
             *
             * @param mapping the column mapping; not null
             * @return this builder
             */
            public Builder mapping(ColumnMapping mapping) {
                this.mapping = Objects.requireNonNull(mapping, "mapping");
                return this;
            }

            /**
             * Sets the charset the file is decoded with. Required (given to {@link Options#builder}); never
             * guessed.
             *
             * @param charset the charset; not null
             * @return this builder
             */
            public Builder charset(Charset charset) {
                this.charset = Objects.requireNonNull(charset, "charset");
                return this;
            }

            /**
             * Sets the date pattern (see {@link Options#dateFormat()}). Default
             * {@value Options#DEFAULT_DATE_FORMAT}.
             *
             * @param dateFormat a {@link java.time.format.DateTimeFormatter} pattern; not null
             * @return this builder
             * @throws IllegalArgumentException if the pattern is invalid or gives no date: an
             *     {@link InvalidSettingException} with setting {@code dateFormat}, e.g.
             *     {@code "dateFormat must give a date or a date-time, found \"HH:mm\""}
             */
            public Builder dateFormat(String dateFormat) {
                Objects.requireNonNull(dateFormat, "dateFormat");
                DateParser.of(dateFormat);
                this.dateFormat = dateFormat;
                return this;
            }

            /**
             * Sets the CSV field separator. Default {@code ','}.
             *
             * @param separator the separator; not a quote, CR or LF
             * @return this builder
             * @throws IllegalArgumentException if the separator is a quote or a line break: an
             *     {@link InvalidSettingException} with setting {@code separator}
             */
            public Builder separator(char separator) {
                if (separator == '"' || separator == '\r' || separator == '\n') {
                    throw new InvalidSettingException("separator", "must not be a quote or a line break, found "
                            + quote(String.valueOf(separator)), null);
                }
                this.separator = separator;
                return this;
            }

            /**
             * Sets whether fields are separated by runs of spaces and tabs (no quoting) instead of a
             * separator char. Default false.
             *
             * @param whitespaceSeparated true for whitespace-separated text
             * @return this builder
             */
            public Builder whitespaceSeparated(boolean whitespaceSeparated) {
                this.whitespaceSeparated = whitespaceSeparated;
                return this;
            }

            /**
             * Names the columns of a file that has no header line (its first line is data). Default: none,
             * the first line is the header.
             *
             * @param headerNames the column names in file order, distinct and non-empty; not null. Not modified.
             * @return this builder
             * @throws IllegalArgumentException if a name is empty or repeated
             */
            public Builder headerNames(List<String> headerNames) {
                List<String> copy = List.copyOf(Objects.requireNonNull(headerNames, "headerNames"));
                if (new HashSet<>(copy).size() != copy.size() || copy.contains("")) {
                    throw new IllegalArgumentException("headerNames must be distinct and non-empty, found " + copy);
                }
                this.headerNames = copy;
                return this;
            }

            /**
             * Sets what happens to bad rows. Default {@link BadRows#FAIL}.
             *
             * @param badRows the policy; not null
             * @return this builder
             */
            public Builder badRows(BadRows badRows) {
                this.badRows = Objects.requireNonNull(badRows, "badRows");
                return this;
            }

            /**
             * Sets whether rows with an empty customer id are dropped (else they are bad rows). Default false.
             *
             * @param dropMissingCustomer the rule
             * @return this builder
             */
            public Builder dropMissingCustomer(boolean dropMissingCustomer) {
                this.dropMissingCustomer = dropMissingCustomer;
                return this;
            }

            /**
             * Sets whether rows whose invoice id starts with the cancellation prefix are dropped. Default
             * false. Needs an invoice column.
             *
             * @param dropCancellations the rule
             * @return this builder
             */
            public Builder dropCancellations(boolean dropCancellations) {
                this.dropCancellations = dropCancellations;
                return this;
            }

            /**
             * Sets the invoice id prefix that marks a cancellation. Default {@code C}.
             *
             * @param cancellationPrefix the prefix; not null or empty
             * @return this builder
             * @throws IllegalArgumentException if the prefix is empty
             */
            public Builder cancellationPrefix(String cancellationPrefix) {
                Objects.requireNonNull(cancellationPrefix, "cancellationPrefix");
                if (cancellationPrefix.isEmpty()) {
                    throw new IllegalArgumentException("cancellationPrefix must be non-empty, found \"\"");
                }
                this.cancellationPrefix = cancellationPrefix;
                return this;
            }

            /**
             * Sets whether rows with quantity {@code <= 0} are dropped. Default false. Needs a quantity column.
             *
             * @param dropNonPositiveQuantity the rule
             * @return this builder
             */
            public Builder dropNonPositiveQuantity(boolean dropNonPositiveQuantity) {
                this.dropNonPositiveQuantity = dropNonPositiveQuantity;
                return this;
            }

            /**
             * Sets whether rows with unit price (or, without a unit price column, amount) {@code <= 0} are
             * dropped. Default false.
             *
             * @param dropNonPositivePrice the rule
             * @return this builder
             */
            public Builder dropNonPositivePrice(boolean dropNonPositivePrice) {
                this.dropNonPositivePrice = dropNonPositivePrice;
                return this;
            }

            /**
             * Sets the item ids to mark as non-product codes (postage, fees, manual adjustments); they stay in
             * the log. Replaces the previous set. Default empty.
             *
             * @param nonProductItems exact item ids; not null. Not modified.
             * @return this builder
             */
            public Builder nonProductItems(Collection<String> nonProductItems) {
                this.nonProductItems = copy(nonProductItems, "nonProductItems");
                return this;
            }

            /**
             * Sets item id prefixes to mark as non-product codes, e.g. {@code gift_0001_}. Replaces the
             * previous set. Default empty.
             *
             * @param nonProductItemPrefixes non-empty prefixes; not null. Not modified.
             * @return this builder
             * @throws IllegalArgumentException if a prefix is empty
             */
            public Builder nonProductItemPrefixes(Collection<String> nonProductItemPrefixes) {
                Set<String> c = copy(nonProductItemPrefixes, "nonProductItemPrefixes");
                if (c.contains("")) {
                    throw new IllegalArgumentException("nonProductItemPrefixes must be non-empty strings, found \"\"");
                }
                this.nonProductItemPrefixes = c;
                return this;
            }

            private static Set<String> copy(Collection<String> values, String name) {
                Objects.requireNonNull(values, name);
                Set<String> out = new HashSet<>();
                for (String v : values) {
                    out.add(Objects.requireNonNull(v, name));
                }
                return out;
            }

            /**
             * Sets whether customer ids of the form {@code [0-9]+\.0+} (such as {@code 17850.0}) are cut to
             * their integer part. Default true.
             *
             * @param normalizeCustomerIds the rule
             * @return this builder
             */
            public Builder normalizeCustomerIds(boolean normalizeCustomerIds) {
                this.normalizeCustomerIds = normalizeCustomerIds;
                return this;
            }

            /**
             * Sets whether customer ids made only of digits lose their leading zeros ({@code 0001} becomes
             * {@code 1}), after {@link #normalizeCustomerIds}. Default false: zero-padded ids are often keys in
             * another system and are kept as written unless asked.
             *
             * @param trimLeadingZeros the rule
             * @return this builder
             */
            public Builder trimLeadingZeros(boolean trimLeadingZeros) {
                this.trimLeadingZeros = trimLeadingZeros;
                return this;
            }

            /**
             * Sets how many examples the report keeps per reason. Default 5.
             *
             * @param maxExamples the count, {@code >= 0}
             * @return this builder
             * @throws IllegalArgumentException if negative
             */
            public Builder maxExamples(int maxExamples) {
                ParamChecks.atLeast("maxExamples", maxExamples, 0);
                this.maxExamples = maxExamples;
                return this;
            }

            /**
             * Sets whether exact duplicate records are dropped (see {@link Options#dropDuplicates()}). Default
             * false: they are kept and counted.
             *
             * @param dropDuplicates the rule
             * @return this builder
             */
            public Builder dropDuplicates(boolean dropDuplicates) {
                this.dropDuplicates = dropDuplicates;
                return this;
            }

            /**
             * Sets whether cancellations are netted against the orders they cancel (see
             * {@link Options#netCancellations()} for the rule). Default false. Needs invoice, item and quantity
             * columns.
             *
             * @param netCancellations the rule
             * @return this builder
             */
            public Builder netCancellations(boolean netCancellations) {
                this.netCancellations = netCancellations;
                return this;
            }

            /**
             * Sets the as-of date after which kept rows count as {@link IngestReport#futureDates()}. Default:
             * none, meaning today (UTC) when the file is read.
             *
             * @param asOf the date; not null
             * @return this builder
             */
            public Builder asOf(LocalDate asOf) {
                this.asOf = Objects.requireNonNull(asOf, "asOf");
                return this;
            }

            /**
             * Checks the combination and builds the options. The builder is not changed.
             *
             * @return the options
             * @throws IllegalArgumentException if a rule needs a column the mapping does not have, or
             *     {@link #headerNames} lacks a mapped column; netting cancellations without invoice, item and
             *     quantity columns throws an {@link InvalidSettingException} with setting {@code netCancellations}
             */
            public Options build() {
                if (dropCancellations && mapping.invoice().isEmpty()) {
                    throw new IllegalArgumentException("dropCancellations requires an invoice column, found " + mapping);
                }
                if (netCancellations && (mapping.invoice().isEmpty() || mapping.item().isEmpty()
                        || mapping.quantity().isEmpty())) {
                    throw new InvalidSettingException("netCancellations", "requires invoice, item and quantity "
                            + "columns, found " + mapping, null);
                }
                if (dropNonPositiveQuantity && mapping.quantity().isEmpty()) {
                    throw new IllegalArgumentException("dropNonPositiveQuantity requires a quantity column, found "
                            + mapping);
                }
                if (!headerNames.isEmpty()) {
                    List<String> missing = new ArrayList<>(mapping.columns());
                    missing.removeAll(headerNames);
                    if (!missing.isEmpty()) {
                        throw new IllegalArgumentException("headerNames must contain every mapped column, found "
                                + headerNames + " without " + missing);
                    }
                }
                return new Options(this);
            }
        }
    }
}
