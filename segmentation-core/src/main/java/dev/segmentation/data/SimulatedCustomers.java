package dev.segmentation.data;

import java.util.List;

/**
 * A contiguous range of a {@link RetailSimulator}'s customers with their transaction lines, as made by
 * {@link RetailSimulator#generateCustomers(int, int)}: the rows that {@link RetailSimulator#generate()}'s log
 * holds for these customers, in the log's order and field for field equal, without the rest of the log.
 *
 * <pre>{@code
 * RetailSimulator sim = RetailSimulator.builder().customers(10_000).seed(7).build();
 * SimulatedCustomers part = sim.generateCustomers(4096, 6144);   // customers C04097..C06144
 * for (int r = 0; r < part.rowCount(); r++) {
 *     String customer = part.customerId(r);
 *     long when = part.epochSecond(r);
 *     double amount = part.amount(r);
 * }
 * }</pre>
 *
 * <p>Invoices are numbered from 0 within the range ({@link #invoice(int)}), in the log's order: the log's
 * invoice index of a row is {@code invoice(row)} plus the invoices of all customers before {@link #from()}.
 * The log's invoice ids are as wide as its invoice count ({@code I001..I250}); {@link #invoiceId(int, int)}
 * makes them once that count is known (for example summed over partitions).
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never accepted or returned.
 */
public final class SimulatedCustomers {
    private final RetailSimulator simulator;
    private final IdDictionary customerIds;
    private final String[] itemIds;
    private final int itemsPerCategory;
    private final int from;
    private final int to;
    private final int invoices;
    private final int[] customer;
    private final int[] invoice;
    private final long[] epochSecond;
    private final int[] channel;
    private final int[] item;
    private final double[] quantity;
    private final double[] amount;

    SimulatedCustomers(RetailSimulator simulator, SimulationPlan plan, List<CustomerGeneration.Chunk> chunks,
            int from, int to) {
        this.simulator = simulator;
        this.customerIds = IdDictionary.sequential('C', simulator.customers());
        this.itemIds = plan.itemIds;
        this.itemsPerCategory = plan.itemsPerCategory;
        this.from = from;
        this.to = to;
        long rows = 0;
        int invoiceCount = 0;
        for (CustomerGeneration.Chunk c : chunks) {
            int[] lines = c.invoiceLines;
            int[] cust = c.invoiceCustomer;
            for (int i = 0; i < c.invoices(); i++) {
                int k = cust[i] + c.firstCustomer;
                if (k >= from && k < to) {
                    rows += lines[i];
                    invoiceCount++;
                }
            }
        }
        if (rows > RetailSimulator.MAX_ROWS) {
            throw new IllegalStateException(RetailSimulator.tooManyRows(rows));
        }
        int n = (int) rows;
        invoices = invoiceCount;
        customer = new int[n];
        invoice = new int[n];
        epochSecond = new long[n];
        channel = new int[n];
        item = new int[n];
        quantity = new double[n];
        amount = new double[n];
        int row = 0;
        int inv = 0;
        for (CustomerGeneration.Chunk c : chunks) {
            int[] lines = c.invoiceLines;
            int[] cust = c.invoiceCustomer;
            long[] time = c.invoiceTime;
            int[] ch = c.invoiceChannel;
            int line = 0;
            for (int i = 0; i < c.invoices(); i++) {
                int k = cust[i] + c.firstCustomer;
                int m = lines[i];
                if (k >= from && k < to) {
                    System.arraycopy(c.item, line, item, row, m);
                    System.arraycopy(c.amount, line, amount, row, m);
                    for (int q = 0; q < m; q++) {
                        quantity[row + q] = CustomerGeneration.quantity(plan, c.item[line + q], c.amount[line + q]);
                    }
                    for (int q = 0; q < m; q++) {
                        customer[row + q] = k;
                        invoice[row + q] = inv;
                        epochSecond[row + q] = time[i];
                        channel[row + q] = ch[i];
                    }
                    row += m;
                    inv++;
                }
                line += m;
            }
        }
    }

    /**
     * Returns the simulator that made these customers.
     *
     * @return the simulator
     */
    public RetailSimulator simulator() {
        return simulator;
    }

    /**
     * Returns the first customer index of the range (included).
     *
     * @return the index, {@code >= 0}
     */
    public int from() {
        return from;
    }

    /**
     * Returns the customer index after the last of the range.
     *
     * @return the index, {@code >= from()}
     */
    public int to() {
        return to;
    }

    /**
     * Returns the number of rows (transaction lines) of the range's customers; every customer has at least one.
     *
     * @return the row count, {@code >= to() - from()}
     */
    public int rowCount() {
        return amount.length;
    }

    /**
     * Returns the number of invoices (purchase occasions) of the range's customers.
     *
     * @return the invoice count
     */
    public int invoiceCount() {
        return invoices;
    }

    /**
     * Returns the customer index of a row (as in the whole log).
     *
     * @param row the row, {@code 0 <= row < rowCount()}
     * @return the customer index, in {@code [from(), to())}
     */
    public int customer(int row) {
        return customer[row];
    }

    /**
     * Returns the customer id of a row, as the whole log writes it ({@code C} and the zero-padded index + 1,
     * as wide as {@link RetailSimulator#customers()}).
     *
     * @param row the row, {@code 0 <= row < rowCount()}
     * @return the id
     */
    public String customerId(int row) {
        return customerIds.id(customer[row]);
    }

    /**
     * Returns the invoice of a row, numbered from 0 within the range in the log's order.
     *
     * @param row the row, {@code 0 <= row < rowCount()}
     * @return the invoice index, in {@code [0, invoiceCount())}
     */
    public int invoice(int row) {
        return invoice[row];
    }

    /**
     * Returns the time of a row as wall-clock seconds since 1970-01-01T00:00
     * ({@link TransactionLog#epochSecond(int)}).
     *
     * @param row the row, {@code 0 <= row < rowCount()}
     * @return the epoch second
     */
    public long epochSecond(int row) {
        return epochSecond[row];
    }

    /**
     * Returns the item id of a row ({@code SKU-cc-iiii}).
     *
     * @param row the row, {@code 0 <= row < rowCount()}
     * @return the id
     */
    public String itemId(int row) {
        return itemIds[item[row]];
    }

    /**
     * Returns the sales channel of a row.
     *
     * @param row the row, {@code 0 <= row < rowCount()}
     * @return one of {@link RetailSimulator#channels()}
     */
    public String channelId(int row) {
        return simulator.channels().get(channel[row]);
    }

    /**
     * Returns the product category of a row.
     *
     * @param row the row, {@code 0 <= row < rowCount()}
     * @return one of {@link RetailSimulator#categories()}
     */
    public String categoryId(int row) {
        return simulator.categories().get(item[row] / itemsPerCategory);
    }

    /**
     * Returns the quantity of a row.
     *
     * @param row the row, {@code 0 <= row < rowCount()}
     * @return the quantity, a whole number {@code >= 1}
     */
    public double quantity(int row) {
        return quantity[row];
    }

    /**
     * Returns the amount of a row.
     *
     * @param row the row, {@code 0 <= row < rowCount()}
     * @return the amount, finite and &gt; 0
     */
    public double amount(int row) {
        return amount[row];
    }

    /**
     * Returns the id the whole log gives an invoice: {@code I} and the zero-padded index + 1, as wide as the
     * log's invoice count (so {@code invoiceId(0, 250)} is {@code I001}).
     *
     * @param invoiceIndex the log's invoice index, {@code 0 <= invoiceIndex < invoiceCount}
     * @param invoiceCount the log's number of invoices, {@code >= 1}
     * @return the id
     * @throws IndexOutOfBoundsException if the index is not below the count
     */
    public static String invoiceId(int invoiceIndex, int invoiceCount) {
        return IdDictionary.sequential('I', invoiceCount).id(invoiceIndex);
    }

    /**
     * Describes the range.
     *
     * @return for example {@code SimulatedCustomers{from=4096, to=6144, rows=55123, invoices=13901}}
     */
    @Override
    public String toString() {
        return "SimulatedCustomers{from=" + from + ", to=" + to + ", rows=" + amount.length + ", invoices="
                + invoices + "}";
    }
}
