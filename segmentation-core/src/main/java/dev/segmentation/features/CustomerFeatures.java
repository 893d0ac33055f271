package dev.segmentation.features;

import dev.segmentation.InvalidDataException;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.internal.ChunkRunner;
import dev.segmentation.internal.ParamChecks;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes per-customer marketing features as of a date: RFM, tenure, behaviour (basket value, items per order,
 * inter-purchase time) and shares of spend per category and channel, as a {@link CustomerFeatureTable}.
 *
 * <p><b>The window.</b> Only rows dated strictly before the {@linkplain Builder#asOf(LocalDate) as-of date}
 * are used: the as-of day itself is the first day <em>not</em> observed, as when features are computed in the
 * morning of that day. Rows on or after it are never read for their values, so changing them cannot change
 * the features (no leakage). The usual choice is the day after the last date of the data: for Online Retail,
 * whose last invoice is on 2011-12-09, {@code asOf(LocalDate.of(2011, 12, 10))}, which gives the customers
 * who bought on the last day a recency of 1. Customers with no row in the window are not in the table; the
 * others are listed in ascending customer index order of the log. Dates are the rows' calendar dates (the
 * time of day is ignored) and differences are whole days.
 *
 * <p><b>Orders.</b> An order is an invoice; rows without an invoice id are grouped into one order per customer
 * and calendar day. <b>Spend</b> is the sum of the rows' amounts, non-product lines (postage, fees; see
 * {@link TransactionLog#isNonProduct(int)}) included, so monetary value is the customer's complete revenue.
 * <b>Item counts</b> leave non-product lines out: they are not goods bought. Amounts (and, with
 * {@link Builder#behaviour()}, quantities) in the window must be non-negative: returns and cancellations are
 * the ingestion's business (drop them, or net them into the original purchase), so a negative value is rejected
 * with an {@link InvalidDataException} naming the row, the customer, the column and the value.
 *
 * <p><b>Columns</b>, in this order whatever the order of the builder calls (names are stable, see the
 * constants):
 * <table>
 *   <caption>Feature columns</caption>
 *   <tr><th>group</th><th>column</th><th>definition</th></tr>
 *   <tr><td rowspan="3">{@link Builder#rfm()}</td><td>{@value #RECENCY}</td>
 *       <td>days from the last purchase date to the as-of date ({@code asOf - lastDate}, {@code >= 1})</td></tr>
 *   <tr><td>{@value #FREQUENCY}</td><td>number of orders (distinct invoices; rows without an invoice: distinct
 *       purchase days)</td></tr>
 *   <tr><td>{@value #MONETARY}</td><td>total spend</td></tr>
 *   <tr><td>{@link Builder#tenure()}</td><td>{@value #TENURE}</td>
 *       <td>days from the first purchase date to the as-of date ({@code asOf - firstDate}, {@code >= recency})</td></tr>
 *   <tr><td rowspan="4">{@link Builder#behaviour()}</td><td>{@value #MEAN_BASKET_VALUE}</td>
 *       <td>spend per order</td></tr>
 *   <tr><td>{@value #MEAN_ITEMS_PER_ORDER}</td><td>summed quantity of product lines per order</td></tr>
 *   <tr><td>{@value #MEAN_DISTINCT_ITEMS_PER_ORDER}</td><td>mean over orders of the number of distinct product
 *       item ids in the order (rows without an item id count none)</td></tr>
 *   <tr><td>{@value #MEAN_INTERPURCHASE_DAYS}</td><td>mean gap in days between consecutive distinct purchase
 *       days, {@code (lastDate - firstDate) / (distinct days - 1)}; for a customer with one purchase day, the
 *       censored gap {@code asOf - firstDate} (the time observed without a second purchase, a lower bound of the
 *       true gap; finite, so models can use it, and {@value #FREQUENCY} tells these customers apart)</td></tr>
 *   <tr><td>{@link Builder#categoryShares()}</td><td>{@value #CATEGORY_SHARE_PREFIX}{@code <name>}</td>
 *       <td>spend in the category / total spend, one column per category with a row in the window, sorted by
 *       name; none if the log has no categories</td></tr>
 *   <tr><td>{@link Builder#channelShares()}</td><td>{@value #CHANNEL_SHARE_PREFIX}{@code <name>}</td>
 *       <td>spend in the channel / total spend, likewise</td></tr>
 * </table>
 * Shares are in [0, 1]; rows without a category (channel) count in the total but in no column, so a customer's
 * shares sum to at most 1. When the total spend is 0 all shares are 0.
 *
 * <p><b>Cost.</b> One pass over each customer's time-ordered rows ({@link TransactionLog#rowsOf(int)}) plus a
 * sort of the customer's (order, item) keys when orders are counted: O(rows log(rows per customer)), no boxing
 * and no per-row allocation; the result is one n x d array.
 *
 * <p>Instances are immutable and safe for concurrent use; {@link #compute(TransactionLog)} is pure. Null is
 * never accepted or returned.
 *
 * <pre>{@code
 * CustomerFeatureTable table = CustomerFeatures.builder()
 *         .asOf(LocalDate.of(2011, 12, 10))
 *         .rfm().tenure().behaviour()
 *         .build()
 *         .compute(log);
 * FeatureMatrix x = table.matrix();      // recency, frequency, monetary, tenure, mean_basket_value, ...
 * }</pre>
 */
public final class CustomerFeatures {
    /** Column: days from the last purchase date to the as-of date. */
    public static final String RECENCY = "recency";
    /** Column: number of orders (distinct invoices, or distinct purchase days for rows without an invoice). */
    public static final String FREQUENCY = "frequency";
    /** Column: total spend, non-product lines included. */
    public static final String MONETARY = "monetary";
    /** Column: days from the first purchase date to the as-of date. */
    public static final String TENURE = "tenure";
    /** Column: spend per order. */
    public static final String MEAN_BASKET_VALUE = "mean_basket_value";
    /** Column: summed quantity of product lines per order. */
    public static final String MEAN_ITEMS_PER_ORDER = "mean_items_per_order";
    /** Column: mean number of distinct product items per order. */
    public static final String MEAN_DISTINCT_ITEMS_PER_ORDER = "mean_distinct_items_per_order";
    /** Column: mean days between distinct purchase days (one-time buyers: days since the purchase). */
    public static final String MEAN_INTERPURCHASE_DAYS = "mean_interpurchase_days";
    /** Prefix of the category share columns, followed by the category name. */
    public static final String CATEGORY_SHARE_PREFIX = "share_category=";
    /** Prefix of the channel share columns, followed by the channel name. */
    public static final String CHANNEL_SHARE_PREFIX = "share_channel=";

    private static final Logger LOG = LoggerFactory.getLogger(CustomerFeatures.class);
    private static final long LOW_32 = 0xffff_ffffL;

    private final LocalDate asOf;
    private final boolean rfm;
    private final boolean tenure;
    private final boolean behaviour;
    private final boolean categoryShares;
    private final boolean channelShares;
    private final int threads;

    private CustomerFeatures(Builder b) {
        this.asOf = b.asOf;
        this.rfm = b.rfm;
        this.tenure = b.tenure;
        this.behaviour = b.behaviour;
        this.categoryShares = b.categoryShares;
        this.channelShares = b.channelShares;
        this.threads = b.threads;
    }

    /**
     * Returns a new builder with no as-of date (it must be set) and no feature group selected (at least one
     * must be).
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding these settings, for making variants.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.asOf = asOf;
        b.rfm = rfm;
        b.tenure = tenure;
        b.behaviour = behaviour;
        b.categoryShares = categoryShares;
        b.channelShares = channelShares;
        b.threads = threads;
        return b;
    }

    /**
     * Returns the as-of date: the first day not observed.
     *
     * @return the as-of date
     */
    public LocalDate asOf() {
        return asOf;
    }

    /**
     * Computes the selected features of every customer with a row before the as-of date.
     *
     * @param log the transactions; not null. Not modified.
     * @return the table, rows in ascending customer index order, columns as in the class comment
     * @throws InvalidDataException if the log is empty ({@code "log must have at least one row, found 0"}), if
     *     the as-of date is not after the log's first purchase date, or if a row in the window has a negative
     *     amount (or, with {@link Builder#behaviour()}, a negative quantity)
     */
    public CustomerFeatureTable compute(TransactionLog log) {
        Objects.requireNonNull(log, "log");
        if (log.size() == 0) {
            throw LogChecks.empty();
        }
        LocalDate first = log.firstDateTime().toLocalDate();
        if (!asOf.isAfter(first)) {
            throw new InvalidDataException("asOf must be after the first purchase date " + first + ", found " + asOf);
        }
        long asOfDay = asOf.toEpochDay();

        List<String> names = new ArrayList<>();
        if (rfm) {
            names.addAll(List.of(RECENCY, FREQUENCY, MONETARY));
        }
        if (tenure) {
            names.add(TENURE);
        }
        if (behaviour) {
            names.addAll(List.of(MEAN_BASKET_VALUE, MEAN_ITEMS_PER_ORDER, MEAN_DISTINCT_ITEMS_PER_ORDER,
                    MEAN_INTERPURCHASE_DAYS));
        }
        int categoryOffset = names.size();
        int[] categoryColumn = categoryShares && log.hasCategory()
                ? shareColumns(log, asOfDay, false, names) : null;
        int channelOffset = names.size();
        int[] channelColumn = channelShares && log.hasChannel() ? shareColumns(log, asOfDay, true, names) : null;
        int d = names.size();

        // customers in fixed chunks: each chunk's rows start after those of the chunks before it, so the table is
        // the same for every thread count; a chunk's first bad row is kept and the first in chunk order thrown
        int customers = log.customerCount();
        int chunks = ChunkRunner.chunks(customers);
        int[] firstRow = new int[chunks + 1];
        for (int ch = 0; ch < chunks; ch++) {
            int count = 0;
            for (int c = ChunkRunner.from(ch), to = ChunkRunner.to(ch, customers); c < to; c++) {
                TransactionLog.CustomerRows rows = log.rowsOf(c);
                if (!rows.isEmpty() && log.epochDay(rows.row(0)) < asOfDay) {
                    count++;
                }
            }
            firstRow[ch + 1] = firstRow[ch] + count;
        }
        int n = firstRow[chunks];
        String[] ids = new String[n];
        double[] data = new double[Math.multiplyExact(n, d)];
        Layout layout = new Layout(asOfDay, d, categoryOffset, categoryColumn, channelOffset, channelColumn);
        InvalidDataException[] failures = new InvalidDataException[chunks];
        try (ChunkRunner runner = new ChunkRunner(Math.min(threads, Math.max(1, chunks)), "customer features")) {
            long[][] keys = new long[runner.workers()][];
            runner.run(chunks, (ch, worker) -> {
                if (keys[worker] == null) {
                    keys[worker] = new long[64];
                }
                try {
                    keys[worker] = rows(log, ChunkRunner.from(ch), ChunkRunner.to(ch, customers), firstRow[ch],
                            layout, ids, data, keys[worker]);
                } catch (InvalidDataException e) {
                    failures[ch] = e;
                }
            });
        }
        for (InvalidDataException e : failures) {
            if (e != null) {
                throw e;
            }
        }
        LOG.debug("customer features as of {}: {} customers x {} columns", asOf, n, d);
        return new CustomerFeatureTable(asOf, ids, FeatureMatrix.wrap(names.toArray(new String[0]), n, data));
    }

    /** Where a row's values go: the as-of day, the width and the share columns' offsets and maps. */
    private static final class Layout {
        final long asOfDay;
        final int d;
        final int categoryOffset;
        final int[] categoryColumn;
        final int channelOffset;
        final int[] channelColumn;

        Layout(long asOfDay, int d, int categoryOffset, int[] categoryColumn, int channelOffset, int[] channelColumn) {
            this.asOfDay = asOfDay;
            this.d = d;
            this.categoryOffset = categoryOffset;
            this.categoryColumn = categoryColumn;
            this.channelOffset = channelOffset;
            this.channelColumn = channelColumn;
        }
    }

    /**
     * Writes the rows of the customers {@code [from, to)} with a row before the as-of day, from table row
     * {@code first} on; returns the (possibly grown) key buffer.
     */
    private long[] rows(TransactionLog log, int from, int to, int first, Layout layout, String[] ids, double[] data,
            long[] keyBuffer) {
        long asOfDay = layout.asOfDay;
        int d = layout.d;
        int categoryOffset = layout.categoryOffset;
        int[] categoryColumn = layout.categoryColumn;
        int channelOffset = layout.channelOffset;
        int[] channelColumn = layout.channelColumn;
        boolean countOrders = rfm || behaviour;
        long[] keys = keyBuffer;
        int i = first;
        for (int c = from; c < to; c++) {
            TransactionLog.CustomerRows rows = log.rowsOf(c);
            int m = rows.size();
            if (m == 0 || log.epochDay(rows.row(0)) >= asOfDay) {
                continue;
            }
            int base = i * d;
            long firstDay = log.epochDay(rows.row(0));
            long lastDay = firstDay;
            int days = 0;
            double spend = 0;
            double quantity = 0;
            int k = 0;
            for (; k < m; k++) {
                int r = rows.row(k);
                long day = log.epochDay(r);
                if (day >= asOfDay) {
                    break; // rows are in time order: every later row is on or after the as-of date too
                }
                double a = log.amount(r);
                if (!(a >= 0)) {
                    throw LogChecks.negative(log, r, "amount", a);
                }
                if (days == 0 || day != lastDay) {
                    days++;
                    lastDay = day;
                }
                spend += a;
                long itemKey = 0;
                if (behaviour) {
                    int item = log.item(r);
                    boolean product = !log.isNonProduct(item);
                    double q = log.quantity(r);
                    if (!(q >= 0)) {
                        throw LogChecks.negative(log, r, "quantity", q);
                    }
                    if (product) {
                        quantity += q;
                        itemKey = item + 1L; // 0 for rows without an item id
                    }
                }
                if (countOrders) {
                    int invoice = log.invoice(r);
                    // An order key: the invoice index, or for rows without one a negative key per day.
                    long order = invoice >= 0 ? invoice : -1L - (day - firstDay);
                    if (k == keys.length) {
                        keys = Arrays.copyOf(keys, 2 * k);
                    }
                    keys[k] = (order << 32) | itemKey;
                }
                if (categoryColumn != null) {
                    int category = log.category(r);
                    if (category >= 0) {
                        data[base + categoryOffset + categoryColumn[category]] += a;
                    }
                }
                if (channelColumn != null) {
                    int channel = log.channel(r);
                    if (channel >= 0) {
                        data[base + channelOffset + channelColumn[channel]] += a;
                    }
                }
            }
            int orders = 0;
            int distinctItems = 0;
            if (countOrders) {
                Arrays.sort(keys, 0, k);
                for (int j = 0; j < k; j++) {
                    long key = keys[j];
                    boolean newPair = j == 0 || key != keys[j - 1];
                    if (j == 0 || (key >> 32) != (keys[j - 1] >> 32)) {
                        orders++;
                    }
                    if (newPair && (key & LOW_32) != 0) {
                        distinctItems++;
                    }
                }
            }
            ids[i] = log.customerId(c);
            int col = base;
            if (rfm) {
                data[col++] = asOfDay - lastDay;
                data[col++] = orders;
                data[col++] = spend;
            }
            if (tenure) {
                data[col++] = asOfDay - firstDay;
            }
            if (behaviour) {
                data[col++] = spend / orders;
                data[col++] = quantity / orders;
                data[col++] = (double) distinctItems / orders;
                data[col++] = meanGap(firstDay, lastDay, days, asOfDay);
            }
            if (spend > 0) {
                for (int j = base + categoryOffset; j < base + d; j++) {
                    data[j] /= spend;
                }
            }
            i++;
        }
        return keys;
    }

    /**
     * The {@value #MEAN_INTERPURCHASE_DAYS} column of every customer of a log, alone: the same values as the
     * {@linkplain Builder#behaviour() behaviour} group's column, without computing (or checking) the other
     * columns, e.g. to tell whether a customer is overdue when the features were computed without that group.
     *
     * @param log the transactions; not null
     * @param asOf the as-of date: only rows before it count; not null
     * @return per customer index of the log, the mean gap in days between its distinct purchase days before
     *     {@code asOf} (one purchase day: {@code asOf - firstDate}), NaN for a customer without a row before it
     */
    public static double[] meanInterpurchaseDays(TransactionLog log, LocalDate asOf) {
        Objects.requireNonNull(log, "log");
        long asOfDay = Objects.requireNonNull(asOf, "asOf").toEpochDay();
        double[] out = new double[log.customerCount()];
        for (int c = 0; c < out.length; c++) {
            TransactionLog.CustomerRows rows = log.rowsOf(c);
            long firstDay = rows.size() == 0 ? asOfDay : log.epochDay(rows.row(0));
            long lastDay = firstDay;
            int days = 0;
            for (int k = 0; k < rows.size() && log.epochDay(rows.row(k)) < asOfDay; k++) {
                long day = log.epochDay(rows.row(k));
                if (days == 0 || day != lastDay) {
                    days++;
                    lastDay = day;
                }
            }
            out[c] = days == 0 ? Double.NaN : meanGap(firstDay, lastDay, days, asOfDay);
        }
        return out;
    }

    /** The mean gap between {@code days} distinct purchase days; for one day, the censored gap to the as-of day. */
    private static double meanGap(long firstDay, long lastDay, int days, long asOfDay) {
        return days > 1 ? (double) (lastDay - firstDay) / (days - 1) : asOfDay - firstDay;
    }

    /**
     * Adds one share column per category (or channel) with at least one row before the as-of day, sorted by
     * name, and returns the map from dictionary index to column offset (-1 for none).
     */
    private static int[] shareColumns(TransactionLog log, long asOfDay, boolean channel, List<String> names) {
        int count = channel ? log.channelCount() : log.categoryCount();
        boolean[] seen = new boolean[count];
        for (int r = 0; r < log.size(); r++) {
            int v = channel ? log.channel(r) : log.category(r);
            if (v >= 0 && !seen[v] && log.epochDay(r) < asOfDay) {
                seen[v] = true;
            }
        }
        List<Integer> present = new ArrayList<>();
        for (int v = 0; v < count; v++) {
            if (seen[v]) {
                present.add(v);
            }
        }
        present.sort(Comparator.comparing(v -> channel ? log.channelId(v) : log.categoryId(v)));
        int[] column = new int[count];
        Arrays.fill(column, -1);
        String prefix = channel ? CHANNEL_SHARE_PREFIX : CATEGORY_SHARE_PREFIX;
        for (int j = 0; j < present.size(); j++) {
            int v = present.get(j);
            column[v] = j;
            names.add(prefix + (channel ? log.channelId(v) : log.categoryId(v)));
        }
        return column;
    }

    /**
     * Lists every setting, for logs and provenance.
     *
     * @return for example {@code CustomerFeatures{asOf=2011-12-10, rfm=true, tenure=true, behaviour=false,
     *     categoryShares=false, channelShares=false}}
     */
    @Override
    public String toString() {
        return "CustomerFeatures{asOf=" + asOf + ", rfm=" + rfm + ", tenure=" + tenure + ", behaviour=" + behaviour
                + ", categoryShares=" + categoryShares + ", channelShares=" + channelShares + ", threads=" + threads + "}";
    }

    /**
     * Collects the settings of a {@link CustomerFeatures}. Mutable and not thread-safe; {@link #build()} does
     * not change the builder. Each group method adds its columns; calling one twice has no further effect.
     */
    public static final class Builder {
        private LocalDate asOf;
        private boolean rfm;
        private boolean tenure;
        private boolean behaviour;
        private boolean categoryShares;
        private boolean channelShares;
        private int threads = 1;

        private Builder() {
        }

        /**
         * Sets the as-of date, the first day not observed: rows dated before it are used. Required.
         *
         * @param asOf the as-of date, typically the day after the last date of the data; not null
         * @return this builder
         */
        public Builder asOf(LocalDate asOf) {
            this.asOf = Objects.requireNonNull(asOf, "asOf");
            return this;
        }

        /**
         * Adds the columns {@value CustomerFeatures#RECENCY}, {@value CustomerFeatures#FREQUENCY} and
         * {@value CustomerFeatures#MONETARY}. Default: not added.
         *
         * @return this builder
         */
        public Builder rfm() {
            this.rfm = true;
            return this;
        }

        /**
         * Adds the column {@value CustomerFeatures#TENURE}. Default: not added.
         *
         * @return this builder
         */
        public Builder tenure() {
            this.tenure = true;
            return this;
        }

        /**
         * Adds the columns {@value CustomerFeatures#MEAN_BASKET_VALUE},
         * {@value CustomerFeatures#MEAN_ITEMS_PER_ORDER}, {@value CustomerFeatures#MEAN_DISTINCT_ITEMS_PER_ORDER}
         * and {@value CustomerFeatures#MEAN_INTERPURCHASE_DAYS}. Default: not added.
         *
         * @return this builder
         */
        public Builder behaviour() {
            this.behaviour = true;
            return this;
        }

        /**
         * Adds one {@value CustomerFeatures#CATEGORY_SHARE_PREFIX}{@code <name>} column per category seen before
         * the as-of date (none if the log has no categories). Default: not added.
         *
         * @return this builder
         */
        public Builder categoryShares() {
            this.categoryShares = true;
            return this;
        }

        /**
         * Adds one {@value CustomerFeatures#CHANNEL_SHARE_PREFIX}{@code <name>} column per channel seen before the
         * as-of date (none if the log has no channels). Default: not added.
         *
         * @return this builder
         */
        public Builder channelShares() {
            this.channelShares = true;
            return this;
        }

        /**
         * Sets the number of threads of {@link CustomerFeatures#compute}: customers are split into fixed chunks of
         * 4,096, each row is computed on its own from its customer's rows, so the table
         * (and the error thrown for bad data: the first bad row in customer order) is the same for every thread
         * count. Default 1.
         *
         * @param threads the number of threads, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException "threads must be >= 1, found 0"
         */
        public Builder threads(int threads) {
            this.threads = ParamChecks.threads(threads);
            return this;
        }

        /**
         * Validates the settings and builds an immutable feature computer. The builder is not changed.
         *
         * @return the feature computer
         * @throws IllegalStateException if the as-of date is not set ({@code "asOf must be set, found none"}) or
         *     no feature group is selected
         */
        public CustomerFeatures build() {
            if (asOf == null) {
                throw new IllegalStateException("asOf must be set, found none");
            }
            if (!(rfm || tenure || behaviour || categoryShares || channelShares)) {
                throw new IllegalStateException("features must include at least one of rfm, tenure, behaviour, "
                        + "categoryShares, channelShares, found none");
            }
            return new CustomerFeatures(this);
        }
    }
}
