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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
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
        IngestReport.NON_FINITE_AMOUNT, IngestReport.DUPLICATE, IngestReport.CANCELLED_ORDER);
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
    private static final int DUPLICATE = 10;
    private static final int CANCELLED_ORDER = 11;
    private static final long SECONDS_PER_DAY = 86_400L;

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
    private final boolean dropDuplicates;
    private final boolean netCancellations;
    private final LocalDate futureAfter;
    private final long futureLimit;

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
    private long revenueOverflowLine = -1;

    private final RecordHashes seen = new RecordHashes();
    private long hash1;
    private long hash2;
    private long duplicates;
    private long futureDates;
    private long firstFutureLine = -1;

    /** Netting: "customer NUL item NUL quantity" of kept orders -> the most recent unnetted kept row. */
    private final Map<String, Integer> orderHeads = new HashMap<>();
    private int[] previousOrder = new int[0];
    private long[] keptLines = new long[0];
    private final BitSet netted = new BitSet();
    /** Each item's first kept row (netted or not), in order: its line and the description read from it. */
    private final List<TransactionRecords.ItemOrigin> itemOrigins = new ArrayList<>();
    private long cancellationsNetted;
    private long cancellationsUnmatched;

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
        this.dropDuplicates = options.dropDuplicates();
        this.netCancellations = options.netCancellations();
        this.futureAfter = options.asOf().orElseGet(() -> LocalDate.now(ZoneOffset.UTC));
        this.futureLimit = (futureAfter.toEpochDay() + 1) * SECONDS_PER_DAY;
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
        hash1 = RecordHashes.start1();
        hash2 = RecordHashes.start2();
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
        hash1 = RecordHashes.field1(hash1, index, b, off, len);
        hash2 = RecordHashes.field2(hash2, index, b, off, len);
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
        long earlier = seen.addOrGetLine(hash1, hash2 ^ fieldCount, line);
        if (earlier >= 0) {
            duplicates++;
        }
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
        if (earlier >= 0 && dropDuplicates) {
            record(DUPLICATE, null, "line " + earlier, -1, "record must not repeat an earlier record exactly");
            return;
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
        if ((dropCancellations || netCancellations) && startsWithCancellationPrefix()) {
            if (netCancellations) {
                net(customerLength, quantity);
            }
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
                // blame the factor with the larger magnitude, and name the other one too
                boolean quantityAtFault = Math.abs(quantity) >= Math.abs(unitPrice);
                int role = quantityAtFault ? QUANTITY : UNIT_PRICE;
                int other = quantityAtFault ? UNIT_PRICE : QUANTITY;
                bad(NON_FINITE_AMOUNT, role, null, "value times " + mapping.column(other) + " " + text(other).strip()
                        + " must be a finite amount (amount = " + mapping.column(QUANTITY) + " x "
                        + mapping.column(UNIT_PRICE) + ")");
                return;
            }
        } else if (dropNonPositivePrice && !(amount > 0)) {
            skip(NON_POSITIVE_PRICE, AMOUNT, "value must be > 0");
            return;
        }
        add(time, quantity, amount, customerLength);
    }

    /** The customer id as the log keeps it: start and length in the scratch buffer after normalizing. */
    private long customerRange(int customerLength) {
        int cs = start[CUSTOMER];
        if (normalizeCustomerIds) {
            customerLength = integerPart(scratch, cs, customerLength);
        }
        if (trimLeadingZeros) {
            int zeros = leadingZeros(scratch, cs, customerLength);
            cs += zeros;
            customerLength -= zeros;
        }
        return ((long) cs << 32) | customerLength;
    }

    private String orderKey(int customerLength, double quantity) {
        long range = customerRange(customerLength);
        int cs = (int) (range >>> 32);
        int cl = (int) range;
        String item = mapping.column(ITEM) == null ? "" : new String(scratch, start[ITEM], length[ITEM]);
        return new String(scratch, cs, cl) + '\u0000' + item + '\u0000' + (quantity == 0 ? 0.0 : quantity);
    }

    /** A cancellation line: removes the most recent matching kept order, if any (see Options#netCancellations). */
    private void net(int customerLength, double quantity) {
        String key = orderKey(customerLength, -quantity);
        Integer row = orderHeads.get(key);
        if (row == null) {
            cancellationsUnmatched++;
            return;
        }
        int previous = previousOrder[row];
        if (previous < 0) {
            orderHeads.remove(key);
        } else {
            orderHeads.put(key, previous);
        }
        netted.set(row);
        cancellationsNetted++;
        counts[CANCELLED_ORDER]++;
        List<IngestReport.Example> list = examples.get(CANCELLED_ORDER);
        if (list.size() < maxExamples) {
            list.add(new IngestReport.Example(keptLines[row], mapping.column(INVOICE), text(INVOICE),
                    "order must not be cancelled by a later line (cancelled on line " + line + ")"));
        }
    }

    private void add(long time, double quantity, double amount, int customerLength) {
        long range = customerRange(customerLength);
        int cs = (int) (range >>> 32);
        int customerChars = (int) range;
        int row = builder.size();
        if (netCancellations) {
            String key = orderKey(customerLength, quantity);
            if (row == previousOrder.length) {
                previousOrder = Arrays.copyOf(previousOrder, Math.max(1024, 2 * row));
                keptLines = Arrays.copyOf(keptLines, previousOrder.length);
            }
            Integer head = orderHeads.put(key, row);
            previousOrder[row] = head == null ? -1 : head;
            keptLines[row] = line;
        }
        if (time >= futureLimit) {
            futureDates++;
            if (firstFutureLine < 0) {
                firstFutureLine = line;
            }
        }
        String customer = customers.intern(scratch, cs, customerChars);
        String invoice = optional(INVOICE, invoices);
        String item = optional(ITEM, items);
        boolean newItem = item != null && items.added();
        if (newItem && isNonProduct(item)) {
            builder.markNonProduct(item);
            nonProductMarked++;
        }
        if (newItem) {
            String description = "";
            if (roles != null && length[DESCRIPTION] > 0 && mapping.column(DESCRIPTION) != null) {
                description = text(DESCRIPTION).strip();
                builder.describeItem(item, description);
            }
            itemOrigins.add(new TransactionRecords.ItemOrigin(item, line, description));
        }
        String channel = optional(CHANNEL, channels);
        String category = optional(CATEGORY, categories);
        builder.add(customer, invoice, item, time, quantity, amount, channel, category);
        rowsKept++;
        revenue += amount;
        if (!Double.isFinite(revenue) && revenueOverflowLine < 0) {
            revenueOverflowLine = line;
        }
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

    /** The log without the netted orders, rebuilt so that no id is left without rows. */
    private TransactionLog withoutNetted(TransactionLog log) {
        TransactionLog.Builder b = TransactionLog.builder();
        double sum = 0;
        int marked = 0;
        for (int i = 0; i < log.itemCount(); i++) {
            if (log.isNonProduct(i)) {
                b.markNonProduct(log.itemId(i));
            }
            String id = log.itemId(i);
            log.itemDescription(i).ifPresent(d -> b.describeItem(id, d)); // netting kept no descriptions (issue 15)
        }
        boolean[] itemKept = new boolean[log.itemCount()];
        for (int r = 0; r < log.size(); r++) {
            if (netted.get(r)) {
                continue;
            }
            int item = log.item(r);
            int invoice = log.invoice(r);
            int channel = log.channel(r);
            int category = log.category(r);
            b.add(log.customerId(log.customer(r)), invoice == TransactionLog.NONE ? null : log.invoiceId(invoice),
                    item == TransactionLog.NONE ? null : log.itemId(item), log.epochSecond(r), log.quantity(r),
                    log.amount(r), channel == TransactionLog.NONE ? null : log.channelId(channel),
                    category == TransactionLog.NONE ? null : log.categoryId(category));
            sum += log.amount(r);
            if (item != TransactionLog.NONE && !itemKept[item]) {
                itemKept[item] = true;
                marked += log.isNonProduct(item) ? 1 : 0;
            }
        }
        rowsKept -= netted.cardinality();
        revenue = sum;
        nonProductMarked = marked;
        return b.build();
    }

    String source() {
        return source;
    }

    /** The number of rows kept so far, netted ones included (the builder's size); for TransactionRecords. */
    int keptSoFar() {
        return builder.size();
    }

    /** Tells whether a kept row (an index below {@link #keptSoFar()}) was netted against a cancellation. */
    boolean wasNetted(int row) {
        return netted.get(row);
    }

    /** Each item's first kept row (netted or not), in order of those rows; for TransactionRecords. */
    List<TransactionRecords.ItemOrigin> itemOrigins() {
        return itemOrigins;
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
        if (!netted.isEmpty()) {
            log = withoutNetted(log);
        }
        if (!Double.isFinite(revenue)) {
            String amountColumn = hasUnitPrice ? mapping.column(QUANTITY) + " x " + mapping.column(UNIT_PRICE)
                    : mapping.column(AMOUNT);
            throw new InvalidDataException(source + ": line " + revenueOverflowLine + ": revenue (the sum of "
                    + amountColumn + " over the kept rows) must be a finite number, found an overflow at this line",
                    revenueOverflowLine, hasUnitPrice ? mapping.column(QUANTITY) : mapping.column(AMOUNT), null);
        }
        Map<String, Long> skipped = new LinkedHashMap<>();
        Map<String, List<IngestReport.Example>> ex = new LinkedHashMap<>();
        for (int i = 0; i < REASONS.size(); i++) {
            if (counts[i] > 0) {
                skipped.put(REASONS.get(i), counts[i]);
                ex.put(REASONS.get(i), examples.get(i));
            }
        }
        IngestReport report = new IngestReport(source, rowsRead, rowsKept, skipped, ex, log, nonProductMarked,
                revenue, new IngestReport.Checks(duplicates, futureDates, futureAfter, firstFutureLine,
                        cancellationsNetted, cancellationsUnmatched));
        return new IngestResult(log, report);
    }
}
