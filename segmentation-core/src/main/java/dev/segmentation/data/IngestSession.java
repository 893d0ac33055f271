package dev.segmentation.data;

import static dev.segmentation.data.ColumnMapping.AMOUNT;
import static dev.segmentation.data.ColumnMapping.CATEGORY;
import static dev.segmentation.data.ColumnMapping.CHANNEL;
import static dev.segmentation.data.ColumnMapping.CUSTOMER;
import static dev.segmentation.data.ColumnMapping.DATE;
import static dev.segmentation.data.ColumnMapping.DESCRIPTION;
import static dev.segmentation.data.ColumnMapping.INVOICE;
import static dev.segmentation.data.ColumnMapping.ITEM;
import static dev.segmentation.data.ColumnMapping.QUANTITY;
import static dev.segmentation.data.ColumnMapping.ROLES;
import static dev.segmentation.data.ColumnMapping.UNIT_PRICE;

import dev.segmentation.InvalidDataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The row logic of one read, independent of the tokenizer: the tokenizer calls {@link #begin},
 * {@link #field} for each field and {@link #end} for each record (the first record is the header unless the
 * options give header names), then {@link #finish}. Mapped fields are copied into a scratch buffer so that
 * the row can be checked as a whole. Single-threaded; one per read.
 */
final class IngestSession {
    /** Reason keys in the order of their counters. */
    private static final List<String> REASONS = List.of(
        IngestReport.WRONG_FIELD_COUNT, IngestReport.UNPARSEABLE_DATE, IngestReport.UNPARSEABLE_AMOUNT,
        IngestReport.UNPARSEABLE_UNIT_PRICE, IngestReport.UNPARSEABLE_QUANTITY, IngestReport.MISSING_CUSTOMER,
        IngestReport.CANCELLATION, IngestReport.NON_POSITIVE_QUANTITY, IngestReport.NON_POSITIVE_PRICE,
        IngestReport.NON_FINITE_AMOUNT);
    private static final int WRONG_FIELD_COUNT = 0;
    private static final int UNPARSEABLE_DATE = 1;
    private static final int UNPARSEABLE_AMOUNT = 2;
    private static final int UNPARSEABLE_UNIT_PRICE = 3;
    private static final int UNPARSEABLE_QUANTITY = 4;
    private static final int MISSING_CUSTOMER = 5;
    private static final int CANCELLATION = 6;
    private static final int NON_POSITIVE_QUANTITY = 7;
    private static final int NON_POSITIVE_PRICE = 8;
    private static final int NON_FINITE_AMOUNT = 9;

    private final TransactionCsv.Options options;
    private final String source;
    private final ColumnMapping mapping;
    private final DateParser dates;
    private final boolean fail;
    private final String dateMessage;

    private final boolean hasAmount;
    private final boolean hasUnitPrice;
    private final boolean hasQuantity;
    private final boolean dropMissingCustomer;
    private final boolean dropCancellations;
    private final char[] cancellationPrefix;
    private final boolean dropNonPositiveQuantity;
    private final boolean dropNonPositivePrice;
    private final boolean normalizeCustomerIds;
    private final boolean trimLeadingZeros;
    private final Set<String> nonProductItems;
    private final List<String> nonProductPrefixes;
    private final int maxExamples;

    private final TransactionLog.Builder builder = TransactionLog.builder();
    private final CharInterner customers = new CharInterner();
    private final CharInterner invoices = new CharInterner();
    private final CharInterner items = new CharInterner();
    private final CharInterner channels = new CharInterner();
    private final CharInterner categories = new CharInterner();

    /** Role of each field index, -1 for unmapped fields; null until the header is known. */
    private int[] roles;
    private String[] header;
    private List<String> headerFields = new ArrayList<>();
    private boolean firstField = true;

    private long line;
    private char[] scratch = new char[256];
    private int used;
    private final int[] start = new int[ROLES];
    private final int[] length = new int[ROLES];

    private long rowsRead;
    private long rowsKept;
    private final long[] counts = new long[REASONS.size()];
    private final List<List<IngestReport.Example>> examples = new ArrayList<>();
    private int nonProductMarked;
    private double revenue;

    IngestSession(TransactionCsv.Options options, String source) {
        this.options = options;
        this.source = source;
        this.mapping = options.mapping();
        this.dates = options.dateParser();
        this.fail = options.badRows() == BadRows.FAIL;
        this.dateMessage = "value must be a date in the format " + dates.pattern();
        this.hasAmount = mapping.column(AMOUNT) != null;
        this.hasUnitPrice = mapping.column(UNIT_PRICE) != null;
        this.hasQuantity = mapping.column(QUANTITY) != null;
        this.dropMissingCustomer = options.dropMissingCustomer();
        this.dropCancellations = options.dropCancellations();
        this.cancellationPrefix = options.cancellationPrefix().toCharArray();
        this.dropNonPositiveQuantity = options.dropNonPositiveQuantity();
        this.dropNonPositivePrice = options.dropNonPositivePrice();
        this.normalizeCustomerIds = options.normalizeCustomerIds();
        this.trimLeadingZeros = options.trimLeadingZeros();
        this.nonProductItems = options.nonProductItems();
        this.nonProductPrefixes = List.copyOf(options.nonProductItemPrefixes());
        this.maxExamples = options.maxExamples();
        for (int i = 0; i < REASONS.size(); i++) {
            examples.add(new ArrayList<>());
        }
        if (!options.headerNames().isEmpty()) {
            resolveHeader(options.headerNames(), 0);
        }
    }

    void begin(long line) {
        this.line = line;
        used = 0;
    }

    void field(int index, char[] b, int off, int len) {
        if (firstField) {
            firstField = false;
            if (index == 0 && len > 0 && b[off] == '\uFEFF') {
                off++;
                len--;
            }
        }
        if (roles == null) {
            headerFields.add(new String(b, off, len));
            return;
        }
        if (index >= roles.length) {
            return;
        }
        int role = roles[index];
        if (role < 0) {
            return;
        }
        if (used + len > scratch.length) {
            scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, used + len));
        }
        System.arraycopy(b, off, scratch, used, len);
        start[role] = used;
        length[role] = len;
        used += len;
    }

    void end(int fieldCount) {
        if (roles == null) {
            resolveHeader(headerFields, line);
            headerFields = null;
            return;
        }
        rowsRead++;
        if (fieldCount != roles.length) {
            bad(WRONG_FIELD_COUNT, -1, String.valueOf(fieldCount),
                    "record must have " + roles.length + " fields like the header");
            return;
        }
        long time = dates.parse(scratch, start[DATE], length[DATE]);
        if (time == DateParser.INVALID) {
            bad(UNPARSEABLE_DATE, DATE, null, dateMessage);
            return;
        }
        double amount = 0;
        double unitPrice = 0;
        double quantity = 1;
        if (hasAmount) {
            amount = number(AMOUNT, UNPARSEABLE_AMOUNT);
            if (Double.isNaN(amount)) {
                return;
            }
        }
        if (hasUnitPrice) {
            unitPrice = number(UNIT_PRICE, UNPARSEABLE_UNIT_PRICE);
            if (Double.isNaN(unitPrice)) {
                return;
            }
        }
        if (hasQuantity) {
            quantity = number(QUANTITY, UNPARSEABLE_QUANTITY);
            if (Double.isNaN(quantity)) {
                return;
            }
        }
        int customerLength = length[CUSTOMER];
        if (customerLength == 0) {
            if (dropMissingCustomer) {
                skip(MISSING_CUSTOMER, CUSTOMER, "value must be non-empty");
            } else {
                bad(MISSING_CUSTOMER, CUSTOMER, null, "value must be non-empty");
            }
            return;
        }
        if (dropCancellations && startsWithCancellationPrefix()) {
            skip(CANCELLATION, INVOICE, "value must not start with \"" + options.cancellationPrefix() + "\"");
            return;
        }
        if (dropNonPositiveQuantity && !(quantity > 0)) {
            skip(NON_POSITIVE_QUANTITY, QUANTITY, "value must be > 0");
            return;
        }
        if (hasUnitPrice) {
            if (dropNonPositivePrice && !(unitPrice > 0)) {
                skip(NON_POSITIVE_PRICE, UNIT_PRICE, "value must be > 0");
                return;
            }
            amount = quantity * unitPrice;
            if (!Double.isFinite(amount)) {
                bad(NON_FINITE_AMOUNT, UNIT_PRICE, null,
                        "value times " + mapping.column(QUANTITY) + " must be a finite number");
                return;
            }
        } else if (dropNonPositivePrice && !(amount > 0)) {
            skip(NON_POSITIVE_PRICE, AMOUNT, "value must be > 0");
            return;
        }
        add(time, quantity, amount, customerLength);
    }

    private void add(long time, double quantity, double amount, int customerLength) {
        int cs = start[CUSTOMER];
        if (normalizeCustomerIds) {
            customerLength = integerPart(scratch, cs, customerLength);
        }
        if (trimLeadingZeros) {
            int zeros = leadingZeros(scratch, cs, customerLength);
            cs += zeros;
            customerLength -= zeros;
        }
        String customer = customers.intern(scratch, cs, customerLength);
        String invoice = optional(INVOICE, invoices);
        String item = optional(ITEM, items);
        boolean newItem = item != null && items.added();
        if (newItem && isNonProduct(item)) {
            builder.markNonProduct(item);
            nonProductMarked++;
        }
        if (newItem && roles != null && length[DESCRIPTION] > 0 && mapping.column(DESCRIPTION) != null) {
            builder.describeItem(item, text(DESCRIPTION).strip());
        }
        String channel = optional(CHANNEL, channels);
        String category = optional(CATEGORY, categories);
        builder.add(customer, invoice, item, time, quantity, amount, channel, category);
        rowsKept++;
        revenue += amount;
    }

    private String optional(int role, CharInterner interner) {
        if (roles == null || length[role] <= 0 || mapping.column(role) == null) {
            return null;
        }
        return interner.intern(scratch, start[role], length[role]);
    }

    private boolean isNonProduct(String item) {
        if (nonProductItems.contains(item)) {
            return true;
        }
        for (String p : nonProductPrefixes) {
            if (item.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** For {@code digits.0...} (an integer id written as a float), the length of the digits; else len. */
    static int integerPart(char[] b, int off, int len) {
        int dot = -1;
        for (int i = 0; i < len; i++) {
            char c = b[off + i];
            if (c == '.') {
                if (dot >= 0) {
                    return len;
                }
                dot = i;
            } else if (c < '0' || c > '9' || (dot >= 0 && c != '0')) {
                return len;
            }
        }
        return dot > 0 && dot < len - 1 ? dot : len;
    }

    /** For an id of digits, the number of leading zeros to drop (keeping one digit); else 0. */
    static int leadingZeros(char[] b, int off, int len) {
        int zeros = 0;
        boolean leading = true;
        for (int i = 0; i < len; i++) {
            char c = b[off + i];
            if (c < '0' || c > '9') {
                return 0;
            }
            if (leading && c == '0' && i < len - 1) {
                zeros++;
            } else {
                leading = false;
            }
        }
        return zeros;
    }

    private boolean startsWithCancellationPrefix() {
        if (mapping.column(INVOICE) == null || length[INVOICE] < cancellationPrefix.length) {
            return false;
        }
        int s = start[INVOICE];
        for (int i = 0; i < cancellationPrefix.length; i++) {
            if (scratch[s + i] != cancellationPrefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Parses a numeric role; on failure reports the row (or throws) and returns NaN. */
    private double number(int role, int reason) {
        double v = Numbers.parse(scratch, start[role], length[role]);
        if (Double.isFinite(v)) {
            return v;
        }
        bad(reason, role, null, Double.isNaN(v) ? "value must be a number" : "value must be a finite number");
        return Double.NaN;
    }

    private String text(int role) {
        return new String(scratch, start[role], length[role]);
    }

    /** A bad row: throws under {@link BadRows#FAIL}, else counts it. {@code value} null means the role's text. */
    private void bad(int reason, int role, String value, String message) {
        String column = role < 0 ? null : mapping.column(role);
        String v = value != null ? value : text(role);
        if (fail) {
            throw new InvalidDataException(source + ": " + TransactionCsv.describe(line, column, message, v),
                    line, column, null);
        }
        record(reason, column, role < 0 ? v : null, role, message);
    }

    /** A row removed by a cleaning rule: always counted, never an error. */
    private void skip(int reason, int role, String message) {
        record(reason, mapping.column(role), null, role, message);
    }

    private void record(int reason, String column, String value, int role, String message) {
        counts[reason]++;
        List<IngestReport.Example> list = examples.get(reason);
        if (list.size() < maxExamples) {
            list.add(new IngestReport.Example(line, column, value != null ? value : text(role), message));
        }
    }

    private void resolveHeader(List<String> names, long headerLine) {
        header = names.toArray(new String[0]);
        int[] r = new int[header.length];
        Arrays.fill(r, -1);
        for (int role = 0; role < ROLES; role++) {
            String column = mapping.column(role);
            if (column == null) {
                continue;
            }
            int found = -1;
            for (int i = 0; i < header.length; i++) {
                if (header[i].equals(column)) {
                    if (found >= 0) {
                        throw new InvalidDataException(source + ": line " + headerLine + ": header must name column \""
                                + column + "\" once, found it as fields " + (found + 1) + " and " + (i + 1), headerLine,
                                column, null);
                    }
                    found = i;
                }
            }
            if (found < 0) {
                String where = headerLine > 0 ? "line " + headerLine + ": header" : "headerNames";
                throw new InvalidDataException(source + ": " + where + " must contain the " + ColumnMapping.roleName(role)
                        + " column \"" + column + "\", found " + Arrays.toString(header), headerLine, column, null);
            }
            r[found] = role;
        }
        roles = r;
    }

    String source() {
        return source;
    }

    /** The line where the current (or last) record starts. */
    long line() {
        return line;
    }

    /** Tells whether the header has been read (or given). */
    boolean hasHeader() {
        return roles != null;
    }

    IngestResult finish() {
        TransactionLog log = builder.build();
        Map<String, Long> skipped = new LinkedHashMap<>();
        Map<String, List<IngestReport.Example>> ex = new LinkedHashMap<>();
        for (int i = 0; i < REASONS.size(); i++) {
            if (counts[i] > 0) {
                skipped.put(REASONS.get(i), counts[i]);
                ex.put(REASONS.get(i), examples.get(i));
            }
        }
        IngestReport report = new IngestReport(source, rowsRead, rowsKept, skipped, ex, log, nonProductMarked,
                revenue);
        return new IngestResult(log, report);
    }
}
