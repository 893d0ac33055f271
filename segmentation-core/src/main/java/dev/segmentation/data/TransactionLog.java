package dev.segmentation.data;

import dev.segmentation.InvalidDataException;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * An immutable, columnar log of purchase lines: who bought, when, how much, and optionally which item, on
 * which invoice (order), through which channel and in which category.
 *
 * <p>String ids (customer, item, invoice, channel, category) are interned to dense ints
 * {@code 0..count-1} in order of first appearance, so models work on primitive arrays. Rows keep their
 * input order; {@link #rowsOf(int)} gives one customer's rows sorted by time (ties in input order) through
 * a shared index, without copying the log.
 *
 * <p>Timestamps are wall-clock date-times without a zone, held as seconds since 1970-01-01T00:00 on the
 * same wall clock ({@link #epochSecond(int)}); {@link #dateTime(int)} and {@link #date(int)} convert back.
 * Days are {@code Math.floorDiv(epochSecond, 86400)}.
 *
 * <p>Items can be marked as non-product codes (postage, fees, manual adjustments): they stay in the log,
 * so revenue is complete, and item-level models can leave them out with {@link #isNonProduct(int)}.
 *
 * <p>Build one with {@link #builder()} or read one with {@code TransactionCsv}.
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never accepted or returned unless a
 * method says so.
 */
public final class TransactionLog {
    /** The index used for "no value" in the optional int columns (item, invoice, channel, category). */
    public static final int NONE = -1;

    private static final int SECONDS_PER_DAY = 86_400;

    private final int size;
    private final int[] customer;
    private final int[] invoice;
    private final int[] item;
    private final int[] channel;
    private final int[] category;
    private final long[] epochSecond;
    private final double[] quantity;
    private final double[] amount;
    private final IdDictionary customers;
    private final IdDictionary invoices;
    private final IdDictionary items;
    private final IdDictionary channels;
    private final IdDictionary categories;
    private final BitSet nonProduct;
    /** The description of each item index, null where none; null when the log has none at all. */
    private final String[] itemDescription;
    private final int[] customerStart;
    private final int[] byCustomer;
    private final long minEpochSecond;
    private final long maxEpochSecond;

    private TransactionLog(Builder b) {
        size = b.customer.size();
        customer = b.customer.toIntArray();
        invoice = b.invoice.toIntArray();
        item = b.item.toIntArray();
        channel = b.anyChannel ? b.channel.toIntArray() : null;
        category = b.anyCategory ? b.category.toIntArray() : null;
        epochSecond = b.epochSecond.toLongArray();
        quantity = b.quantity.toDoubleArray();
        amount = b.amount.toDoubleArray();
        customers = b.customers.frozenCopy();
        invoices = b.invoices.frozenCopy();
        items = b.items.frozenCopy();
        channels = b.channels.frozenCopy();
        categories = b.categories.frozenCopy();
        nonProduct = (BitSet) b.nonProduct.clone();
        if (b.descriptions.isEmpty()) {
            itemDescription = null;
        } else {
            itemDescription = new String[items.size()];
            for (int i = 0; i < itemDescription.length; i++) {
                itemDescription[i] = b.descriptions.get(items.id(i));
            }
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long t : epochSecond) {
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        minEpochSecond = min;
        maxEpochSecond = max;
        customerStart = new int[customers.size() + 1];
        byCustomer = indexByCustomer(customer, epochSecond, customerStart);
    }

    private TransactionLog(TransactionLog src, int[] rows) {
        size = rows.length;
        customer = select(src.customer, rows);
        invoice = select(src.invoice, rows);
        item = select(src.item, rows);
        channel = src.channel == null ? null : select(src.channel, rows);
        category = src.category == null ? null : select(src.category, rows);
        epochSecond = new long[size];
        quantity = new double[size];
        amount = new double[size];
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            int r = rows[i];
            epochSecond[i] = src.epochSecond[r];
            quantity[i] = src.quantity[r];
            amount[i] = src.amount[r];
            min = Math.min(min, epochSecond[i]);
            max = Math.max(max, epochSecond[i]);
        }
        minEpochSecond = min;
        maxEpochSecond = max;
        customers = src.customers;
        invoices = src.invoices;
        items = src.items;
        channels = src.channels;
        categories = src.categories;
        nonProduct = src.nonProduct;
        itemDescription = src.itemDescription;
        customerStart = new int[customers.size() + 1];
        byCustomer = indexByCustomer(customer, epochSecond, customerStart);
    }

    /**
     * Fast path for generators in this package (the simulator), which intern their own ids: takes ownership of
     * the columns (no copy; the caller must not keep them) and of frozen dictionaries. Indices must be in range
     * of their dictionaries (or {@link #NONE}); {@code channel} or {@code category} may be null for none.
     */
    static TransactionLog ofColumns(int[] customer, int[] invoice, int[] item, int[] channel, int[] category,
            long[] epochSecond, double[] quantity, double[] amount, IdDictionary customers, IdDictionary invoices,
            IdDictionary items, IdDictionary channels, IdDictionary categories) {
        int n = customer.length;
        if (invoice.length != n || item.length != n || (channel != null && channel.length != n)
                || (category != null && category.length != n) || epochSecond.length != n || quantity.length != n
                || amount.length != n) {
            throw new IllegalArgumentException("columns must all have " + n + " rows");
        }
        return new TransactionLog(customer, invoice, item, channel, category, epochSecond, quantity, amount,
                customers, invoices, items, channels, categories);
    }

    /**
     * Makes a log from the columns and id dictionaries of another one, as its accessors give them (the rows'
     * indexes, {@link #NONE} for none, and the ids by index): the same log, row for row and index for index, as the
     * one they were read from, without adding its rows to a {@link Builder} again (an engine that writes a log out
     * as these arrays and reads it back, such as the Spark module's kept logs, interned every line's ids anew). A
     * log has a channel (category) column when {@code channelIds} ({@code categoryIds}) is not empty; item
     * descriptions are not part of this form. Takes ownership of the arrays (the caller must not modify them).
     *
     * @param customerIds the customer ids by index, distinct
     * @param invoiceIds the invoice ids by index, distinct
     * @param itemIds the item ids by index, distinct
     * @param nonProduct per item index, whether the item is a non-product code; as long as {@code itemIds}
     * @param channelIds the channel ids by index, distinct; empty for none
     * @param categoryIds the category ids by index, distinct; empty for none
     * @param customer per row, the customer's index
     * @param invoice per row, the invoice's index or {@link #NONE}
     * @param item per row, the item's index or {@link #NONE}
     * @param channel per row, the channel's index or {@link #NONE}; all {@code NONE} without channel ids
     * @param category per row, the category's index or {@link #NONE}; all {@code NONE} without category ids
     * @param epochSecond per row, the time in seconds since 1970-01-01T00:00
     * @param quantity per row, the quantity, finite
     * @param amount per row, the amount, finite
     * @return the log
     * @throws IllegalArgumentException if the row columns differ in length, {@code nonProduct} is not as long as
     *     {@code itemIds}, an id is null or repeats in its dictionary, or an index is out of its dictionary's range
     * @throws InvalidDataException if a quantity or amount is not finite (as {@link Builder#add} refuses it)
     */
    public static TransactionLog ofColumns(String[] customerIds, String[] invoiceIds, String[] itemIds,
            boolean[] nonProduct, String[] channelIds, String[] categoryIds, int[] customer, int[] invoice, int[] item,
            int[] channel, int[] category, long[] epochSecond, double[] quantity, double[] amount) {
        if (nonProduct.length != itemIds.length) {
            throw new IllegalArgumentException("nonProduct must have " + itemIds.length + " entries, found "
                    + nonProduct.length);
        }
        int n = customer.length;
        if (invoice.length != n || item.length != n || channel.length != n || category.length != n
                || epochSecond.length != n || quantity.length != n || amount.length != n) {
            throw new IllegalArgumentException("columns must all have " + n + " rows");
        }
        checkIndexes("customer", customer, customerIds.length, false);
        checkIndexes("invoice", invoice, invoiceIds.length, true);
        checkIndexes("item", item, itemIds.length, true);
        checkIndexes("channel", channel, channelIds.length, true);
        checkIndexes("category", category, categoryIds.length, true);
        for (int r = 0; r < n; r++) {
            requireFinite(r, quantity[r], amount[r]);
        }
        TransactionLog log = new TransactionLog(customer, invoice, item, channelIds.length == 0 ? null : channel,
                categoryIds.length == 0 ? null : category, epochSecond, quantity, amount,
                IdDictionary.of(customerIds, "customer"), IdDictionary.of(invoiceIds, "invoice"),
                IdDictionary.of(itemIds, "item"), IdDictionary.of(channelIds, "channel"),
                IdDictionary.of(categoryIds, "category"));
        for (int i = 0; i < nonProduct.length; i++) {
            if (nonProduct[i]) {
                log.nonProduct.set(i);
            }
        }
        return log;
    }

    /** Refuses a row's amount, then its quantity, when not finite (the builder's and {@link #ofColumns}' check). */
    private static void requireFinite(int row, double quantity, double amount) {
        if (!Double.isFinite(amount)) {
            throw new InvalidDataException("row " + row + ": amount must be finite, found " + amount, row, "amount",
                    null);
        }
        if (!Double.isFinite(quantity)) {
            throw new InvalidDataException("row " + row + ": quantity must be finite, found " + quantity, row,
                    "quantity", null);
        }
    }

    /** Refuses an index out of {@code [0, size)} ({@link #NONE} allowed when {@code none}). */
    private static void checkIndexes(String column, int[] index, int size, boolean none) {
        for (int r = 0; r < index.length; r++) {
            int i = index[r];
            if (i >= size || i < 0 && !(none && i == NONE)) {
                throw new IllegalArgumentException(column + " index must be in [0, " + size + ")"
                        + (none ? " or NONE" : "") + ", found " + i + " at row " + r);
            }
        }
    }

    private TransactionLog(int[] customer, int[] invoice, int[] item, int[] channel, int[] category,
            long[] epochSecond, double[] quantity, double[] amount, IdDictionary customers, IdDictionary invoices,
            IdDictionary items, IdDictionary channels, IdDictionary categories) {
        this.size = customer.length;
        this.customer = customer;
        this.invoice = invoice;
        this.item = item;
        this.channel = channel;
        this.category = category;
        this.epochSecond = epochSecond;
        this.quantity = quantity;
        this.amount = amount;
        this.customers = customers;
        this.invoices = invoices;
        this.items = items;
        this.channels = channels;
        this.categories = categories;
        this.nonProduct = new BitSet();
        this.itemDescription = null;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long t : epochSecond) {
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        minEpochSecond = min;
        maxEpochSecond = max;
        customerStart = new int[customers.size() + 1];
        byCustomer = indexByCustomer(customer, epochSecond, customerStart);
    }

    private static int[] select(int[] column, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = column[rows[i]];
        }
        return out;
    }

    /** Counting sort by customer, then a stable sort by time within each customer when needed. */
    private static int[] indexByCustomer(int[] customer, long[] time, int[] start) {
        int n = customer.length;
        for (int c : customer) {
            start[c + 1]++;
        }
        for (int c = 0; c + 1 < start.length; c++) {
            start[c + 1] += start[c];
        }
        int[] next = Arrays.copyOf(start, start.length - 1);
        int[] order = new int[n];
        for (int r = 0; r < n; r++) {
            order[next[customer[r]]++] = r;
        }
        for (int c = 0; c + 1 < start.length; c++) {
            int from = start[c];
            int to = start[c + 1];
            boolean sorted = true;
            for (int k = from + 1; k < to && sorted; k++) {
                sorted = time[order[k - 1]] <= time[order[k]];
            }
            if (!sorted) {
                // Stable merge sort on primitives: equal times keep input (row) order.
                IntArrays.mergeSort(order, from, to, (x, y) -> Long.compare(time[x], time[y]));
            }
        }
        return order;
    }

    /**
     * Returns a new, empty builder.
     *
     * @return a builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the number of rows (purchase lines).
     *
     * @return the row count, {@code >= 0}
     */
    public int size() {
        return size;
    }

    /**
     * Returns the number of distinct customer ids known to this log. A log made by {@link #filter} keeps its
     * source's ids, so some customers may have no rows; see {@link #activeCustomerCount()}.
     *
     * @return the size of the customer dictionary
     */
    public int customerCount() {
        return customers.size();
    }

    /**
     * Returns the number of customers with at least one row.
     *
     * @return the count of customers with rows
     */
    public int activeCustomerCount() {
        int n = 0;
        for (int c = 0; c < customers.size(); c++) {
            if (customerStart[c + 1] > customerStart[c]) {
                n++;
            }
        }
        return n;
    }

    /**
     * Returns the customer index of a row.
     *
     * @param row the row, {@code 0 <= row < size()}
     * @return the dense customer index
     */
    public int customer(int row) {
        return customer[row];
    }

    /**
     * Returns the original id of a customer index.
     *
     * @param customerIndex a dense customer index, {@code 0 <= customerIndex < customerCount()}
     * @return the id as read or added
     */
    public String customerId(int customerIndex) {
        return customers.id(customerIndex);
    }

    /**
     * Returns the dense index of a customer id.
     *
     * @param customerId the original id; not null
     * @return the index, or {@link #NONE} if the id is unknown
     */
    public int customerIndex(String customerId) {
        return customers.indexOf(customerId);
    }

    /**
     * Returns the timestamp of a row as seconds since 1970-01-01T00:00 on the log's wall clock.
     *
     * @param row the row
     * @return the timestamp in seconds
     */
    public long epochSecond(int row) {
        return epochSecond[row];
    }

    /**
     * Returns the day of a row, as days since 1970-01-01.
     *
     * @param row the row
     * @return {@code floorDiv(epochSecond(row), 86400)}
     */
    public long epochDay(int row) {
        return Math.floorDiv(epochSecond[row], SECONDS_PER_DAY);
    }

    /**
     * Returns the timestamp of a row as a date-time.
     *
     * @param row the row
     * @return the wall-clock date-time
     */
    public LocalDateTime dateTime(int row) {
        return LocalDateTime.ofEpochSecond(epochSecond[row], 0, ZoneOffset.UTC);
    }

    /**
     * Returns the date of a row.
     *
     * @param row the row
     * @return the wall-clock date
     */
    public LocalDate date(int row) {
        return LocalDate.ofEpochDay(epochDay(row));
    }

    /**
     * Returns the monetary amount of a row (for a retail line: quantity times unit price).
     *
     * @param row the row
     * @return the amount, finite
     */
    public double amount(int row) {
        return amount[row];
    }

    /**
     * Returns the quantity of a row (1 when the source has no quantity).
     *
     * @param row the row
     * @return the quantity, finite
     */
    public double quantity(int row) {
        return quantity[row];
    }

    /**
     * Returns the invoice (order) index of a row.
     *
     * @param row the row
     * @return the dense invoice index, or {@link #NONE} if the row has no invoice
     */
    public int invoice(int row) {
        return invoice[row];
    }

    /**
     * Returns the number of distinct invoices.
     *
     * @return the size of the invoice dictionary
     */
    public int invoiceCount() {
        return invoices.size();
    }

    /**
     * Returns the original id of an invoice index.
     *
     * @param invoiceIndex a dense invoice index
     * @return the invoice id
     */
    public String invoiceId(int invoiceIndex) {
        return invoices.id(invoiceIndex);
    }

    /**
     * Returns the item index of a row.
     *
     * @param row the row
     * @return the dense item index, or {@link #NONE} if the row has no item
     */
    public int item(int row) {
        return item[row];
    }

    /**
     * Returns the number of distinct items, non-product codes included.
     *
     * @return the size of the item dictionary
     */
    public int itemCount() {
        return items.size();
    }

    /**
     * Returns the original id of an item index.
     *
     * @param itemIndex a dense item index
     * @return the item id (for example a stock code)
     */
    public String itemId(int itemIndex) {
        return items.id(itemIndex);
    }

    /**
     * Returns the dense index of an item id.
     *
     * @param itemId the original id; not null
     * @return the index, or {@link #NONE} if unknown
     */
    public int itemIndex(String itemId) {
        return items.indexOf(itemId);
    }

    /**
     * Tells whether an item is marked as a non-product code (postage, fees, adjustments).
     *
     * @param itemIndex a dense item index
     * @return true if marked
     */
    public boolean isNonProduct(int itemIndex) {
        return itemIndex >= 0 && nonProduct.get(itemIndex);
    }

    /**
     * Returns an item's description, read from the description column ({@link ColumnMapping#description(String)})
     * on the item's first kept row, or set with {@link Builder#describeItem(String, String)}.
     *
     * @param itemIndex the item index, {@code 0 <= itemIndex < itemCount()}
     * @return the description, or empty if the item has none (or the log has no descriptions)
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public java.util.Optional<String> itemDescription(int itemIndex) {
        Objects.checkIndex(itemIndex, items.size());
        if (itemDescription == null || itemDescription[itemIndex] == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(itemDescription[itemIndex]);
    }

    /**
     * Tells whether any item has a description.
     *
     * @return true if {@link #itemDescription(int)} is present for at least one item
     */
    public boolean hasItemDescriptions() {
        return itemDescription != null;
    }

    /**
     * Tells whether the log has a channel column.
     *
     * @return true if channels were given for at least one row
     */
    public boolean hasChannel() {
        return channel != null;
    }

    /**
     * Returns the channel index of a row.
     *
     * @param row the row
     * @return the dense channel index, or {@link #NONE} if the row has none or the log has no channels
     */
    public int channel(int row) {
        return channel == null ? NONE : channel[row];
    }

    /**
     * Returns the number of distinct channels.
     *
     * @return the size of the channel dictionary
     */
    public int channelCount() {
        return channels.size();
    }

    /**
     * Returns the name of a channel index.
     *
     * @param channelIndex a dense channel index
     * @return the channel name
     */
    public String channelId(int channelIndex) {
        return channels.id(channelIndex);
    }

    /**
     * Tells whether the log has a category column.
     *
     * @return true if categories were given for at least one row
     */
    public boolean hasCategory() {
        return category != null;
    }

    /**
     * Returns the category index of a row.
     *
     * @param row the row
     * @return the dense category index, or {@link #NONE} if the row has none or the log has no categories
     */
    public int category(int row) {
        return category == null ? NONE : category[row];
    }

    /**
     * Returns the number of distinct categories.
     *
     * @return the size of the category dictionary
     */
    public int categoryCount() {
        return categories.size();
    }

    /**
     * Returns the name of a category index.
     *
     * @param categoryIndex a dense category index
     * @return the category name
     */
    public String categoryId(int categoryIndex) {
        return categories.id(categoryIndex);
    }

    /**
     * Returns the earliest timestamp in the log.
     *
     * @return seconds since the epoch
     * @throws IllegalStateException if the log is empty
     */
    public long minEpochSecond() {
        requireRows();
        return minEpochSecond;
    }

    /**
     * Returns the latest timestamp in the log.
     *
     * @return seconds since the epoch
     * @throws IllegalStateException if the log is empty
     */
    public long maxEpochSecond() {
        requireRows();
        return maxEpochSecond;
    }

    /**
     * Returns the earliest date-time in the log.
     *
     * @return the first timestamp
     * @throws IllegalStateException if the log is empty
     */
    public LocalDateTime firstDateTime() {
        return LocalDateTime.ofEpochSecond(minEpochSecond(), 0, ZoneOffset.UTC);
    }

    /**
     * Returns the latest date-time in the log.
     *
     * @return the last timestamp
     * @throws IllegalStateException if the log is empty
     */
    public LocalDateTime lastDateTime() {
        return LocalDateTime.ofEpochSecond(maxEpochSecond(), 0, ZoneOffset.UTC);
    }

    private void requireRows() {
        if (size == 0) {
            throw new IllegalStateException("the transaction log is empty");
        }
    }

    /**
     * Returns one customer's rows in time order (ties in input order), as a view over a shared index.
     * O(1); nothing is copied.
     *
     * @param customerIndex a dense customer index
     * @return the customer's rows; empty if the customer has none in this log
     */
    public CustomerRows rowsOf(int customerIndex) {
        Objects.checkIndex(customerIndex, customers.size());
        return new CustomerRows(this, byCustomer, customerStart[customerIndex], customerStart[customerIndex + 1]);
    }

    /**
     * Returns the rows for which {@code keep} is true as a new log that shares this log's id dictionaries,
     * so an index means the same customer or item in both. Typical uses: a calibration window
     * ({@code row -> log.epochSecond(row) <= cut}), one channel, products only.
     *
     * @param keep the row filter; not null. Not modified.
     * @return the filtered log
     */
    public TransactionLog filter(IntPredicate keep) {
        Objects.requireNonNull(keep, "keep");
        IntArrayList rows = new IntArrayList();
        for (int r = 0; r < size; r++) {
            if (keep.test(r)) {
                rows.add(r);
            }
        }
        return new TransactionLog(this, rows.toIntArray());
    }

    /**
     * Returns the rows dated on or before the end of {@code lastDay} (all times on that day included).
     *
     * @param lastDay the last day kept; not null
     * @return the filtered log, sharing this log's dictionaries
     */
    public TransactionLog onOrBefore(LocalDate lastDay) {
        long limit = (lastDay.toEpochDay() + 1) * SECONDS_PER_DAY;
        return filter(r -> epochSecond[r] < limit);
    }

    @Override
    public String toString() {
        return "TransactionLog{rows=" + size + ", customers=" + customers.size() + ", items=" + items.size()
                + ", invoices=" + invoices.size() + "}";
    }

    /**
     * One customer's rows in time order: a cheap view over the log's shared index.
     *
     * <p>Instances are immutable and safe for concurrent use.
     */
    public static final class CustomerRows {
        private final TransactionLog log;
        private final int[] order;
        private final int from;
        private final int to;

        CustomerRows(TransactionLog log, int[] order, int from, int to) {
            this.log = log;
            this.order = order;
            this.from = from;
            this.to = to;
        }

        /**
         * Returns the number of rows.
         *
         * @return the customer's row count
         */
        public int size() {
            return to - from;
        }

        /**
         * Tells whether the customer has no rows.
         *
         * @return true if empty
         */
        public boolean isEmpty() {
            return to == from;
        }

        /**
         * Returns the log row of the k-th purchase line in time order.
         *
         * @param k the position, {@code 0 <= k < size()}
         * @return a row index into the log
         */
        public int row(int k) {
            Objects.checkIndex(k, to - from);
            return order[from + k];
        }

        /**
         * Returns the timestamp of the k-th row in time order.
         *
         * @param k the position
         * @return seconds since the epoch
         */
        public long epochSecond(int k) {
            return log.epochSecond[row(k)];
        }

        /**
         * Returns the amount of the k-th row in time order.
         *
         * @param k the position
         * @return the amount
         */
        public double amount(int k) {
            return log.amount[row(k)];
        }
    }

    /**
     * Accumulates rows for a {@link TransactionLog}; for services that append purchases in code.
     *
     * <p>Builders are mutable and not thread-safe. {@link #build()} does not change the builder, so more rows
     * can be added and another log built.
     */
    public static final class Builder {
        private final IntArrayList customer = new IntArrayList();
        private final IntArrayList invoice = new IntArrayList();
        private final IntArrayList item = new IntArrayList();
        private final IntArrayList channel = new IntArrayList();
        private final IntArrayList category = new IntArrayList();
        private final LongArrayList epochSecond = new LongArrayList();
        private final DoubleArrayList quantity = new DoubleArrayList();
        private final DoubleArrayList amount = new DoubleArrayList();
        private final IdDictionary customers = new IdDictionary();
        private final IdDictionary invoices = new IdDictionary();
        private final IdDictionary items = new IdDictionary();
        private final IdDictionary channels = new IdDictionary();
        private final IdDictionary categories = new IdDictionary();
        private final BitSet nonProduct = new BitSet();
        private final java.util.Set<String> nonProductIds = new java.util.HashSet<>();
        private final java.util.Map<String, String> descriptions = new java.util.HashMap<>();
        private boolean anyChannel;
        private boolean anyCategory;

        private Builder() {
        }

        /**
         * Adds a purchase with only a customer, a time and an amount (quantity 1, no item or invoice).
         *
         * @param customerId the customer id; not null
         * @param time the purchase time; not null
         * @param amount the monetary amount, finite
         * @return this builder
         * @throws InvalidDataException if the amount is not finite
         */
        public Builder add(String customerId, LocalDateTime time, double amount) {
            return add(customerId, null, null, time, 1.0, amount, null, null);
        }

        /**
         * Adds a purchase line.
         *
         * @param customerId the customer id; not null
         * @param invoiceId the invoice (order) id, or null for none
         * @param itemId the item id, or null for none
         * @param time the purchase time; not null
         * @param quantity the quantity, finite
         * @param amount the monetary amount of the line, finite
         * @return this builder
         * @throws InvalidDataException if the quantity or amount is not finite
         */
        public Builder add(String customerId, String invoiceId, String itemId, LocalDateTime time, double quantity,
                double amount) {
            return add(customerId, invoiceId, itemId, time, quantity, amount, null, null);
        }

        /**
         * Adds a purchase line with a channel and a category.
         *
         * @param customerId the customer id; not null
         * @param invoiceId the invoice (order) id, or null for none
         * @param itemId the item id, or null for none
         * @param time the purchase time; not null
         * @param quantity the quantity, finite
         * @param amount the monetary amount of the line, finite
         * @param channelId the sales channel, or null for none
         * @param categoryId the product category, or null for none
         * @return this builder
         * @throws InvalidDataException if the quantity or amount is not finite
         */
        public Builder add(String customerId, String invoiceId, String itemId, LocalDateTime time, double quantity,
                double amount, String channelId, String categoryId) {
            Objects.requireNonNull(time, "time");
            return add(customerId, invoiceId, itemId, time.toEpochSecond(ZoneOffset.UTC), quantity, amount,
                    channelId, categoryId);
        }

        /**
         * Adds a purchase line with the time given as seconds since 1970-01-01T00:00 (the fastest form).
         *
         * @param customerId the customer id; not null
         * @param invoiceId the invoice (order) id, or null for none
         * @param itemId the item id, or null for none
         * @param epochSecond the purchase time in seconds
         * @param quantity the quantity, finite
         * @param amount the monetary amount of the line, finite
         * @param channelId the sales channel, or null for none
         * @param categoryId the product category, or null for none
         * @return this builder
         * @throws InvalidDataException if the quantity or amount is not finite
         */
        public Builder add(String customerId, String invoiceId, String itemId, long epochSecond, double quantity,
                double amount, String channelId, String categoryId) {
            Objects.requireNonNull(customerId, "customerId");
            requireFinite(customer.size(), quantity, amount);
            customer.add(customers.intern(customerId));
            invoice.add(invoiceId == null ? NONE : invoices.intern(invoiceId));
            if (itemId == null) {
                item.add(NONE);
            } else {
                int i = items.intern(itemId);
                item.add(i);
                if (!nonProductIds.isEmpty() && nonProductIds.contains(itemId)) {
                    nonProduct.set(i);
                }
            }
            channel.add(channelId == null ? NONE : channels.intern(channelId));
            anyChannel |= channelId != null;
            category.add(categoryId == null ? NONE : categories.intern(categoryId));
            anyCategory |= categoryId != null;
            this.epochSecond.add(epochSecond);
            this.quantity.add(quantity);
            this.amount.add(amount);
            return this;
        }

        /**
         * Marks an item id as a non-product code (postage, a fee, a manual adjustment), for rows added before
         * or after this call.
         *
         * @param itemId the item id; not null
         * @return this builder
         */
        public Builder markNonProduct(String itemId) {
            Objects.requireNonNull(itemId, "itemId");
            nonProductIds.add(itemId);
            int i = items.indexOf(itemId);
            if (i >= 0) {
                nonProduct.set(i);
            }
            return this;
        }

        /**
         * Sets an item's description, if it has none yet and the description is not blank (the first one
         * wins), for rows added before or after this call.
         *
         * @param itemId the item id; not null
         * @param description the description; not null
         * @return this builder
         */
        public Builder describeItem(String itemId, String description) {
            Objects.requireNonNull(itemId, "itemId");
            Objects.requireNonNull(description, "description");
            if (!description.isBlank()) {
                descriptions.putIfAbsent(itemId, description);
            }
            return this;
        }

        /**
         * Returns the number of rows added so far.
         *
         * @return the row count
         */
        public int size() {
            return customer.size();
        }

        /**
         * Builds an immutable log of the rows added so far. The builder is not changed.
         *
         * @return the log
         */
        public TransactionLog build() {
            return new TransactionLog(this);
        }
    }
}
