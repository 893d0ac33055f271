package dev.segmentation.spark;

import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.SimulatedCustomers;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One partition of the simulator's lines in compact arrays (for {@link SparkSimulator#cachedLines}): per line the
 * item, quantity and amount; per invoice its first line, customer, time and channel. About 20 bytes a line and
 * 17 an invoice, where Spark's columnar cache of the same lines in {@link SparkIngest#LINE_SCHEMA} costs most of
 * the load stage's CPU to build (its compression gathers hash-map statistics of every value of every column).
 * Invoices are numbered from 0 within the block; {@link #rows} adds the partition's line and invoice offsets and
 * makes the rows of LINE_SCHEMA as Spark's internal rows, strings as UTF-8 bytes, without Java strings or
 * external {@code Row}s.
 *
 * <p>Holds primitive arrays only, so that a cache that spills writes it cheaply. Not modified after
 * construction.
 */
final class SimulatedBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int rows;
    /** Per line: the item's index in {@link SparkSimulator#itemIds} (category-major). */
    private final int[] item;
    private final double[] quantity;
    private final double[] amount;
    /** Per invoice: its first line, and {@code rows} after the last invoice. */
    private final int[] invoiceStart;
    private final int[] customer;
    private final long[] epochSecond;
    private final byte[] channel;

    private SimulatedBlock(int rows, int[] item, double[] quantity, double[] amount, int[] invoiceStart,
            int[] customer, long[] epochSecond, byte[] channel) {
        this.rows = rows;
        this.item = item;
        this.quantity = quantity;
        this.amount = amount;
        this.invoiceStart = invoiceStart;
        this.customer = customer;
        this.epochSecond = epochSecond;
        this.channel = channel;
    }

    /**
     * Copies the customers' lines. Every line of an invoice has the invoice's customer, time and channel, and an
     * invoice's lines are consecutive (as {@link SimulatedCustomers} makes them); checked here.
     *
     * @throws IllegalStateException if the lines are not so
     */
    static SimulatedBlock of(SimulatedCustomers c, RetailSimulator sim) {
        Map<String, Integer> items = indexOf(SparkSimulator.itemIds(sim));
        Map<String, Integer> channels = indexOf(sim.channels());
        if (channels.size() > Byte.MAX_VALUE) {
            throw new IllegalStateException("channels must be at most " + Byte.MAX_VALUE + ", found "
                    + channels.size());
        }
        List<String> categories = sim.categories();
        int perCategory = sim.itemsPerCategory();
        int n = c.rowCount();
        int invoices = c.invoiceCount();
        int[] item = new int[n];
        double[] quantity = new double[n];
        double[] amount = new double[n];
        int[] invoiceStart = new int[invoices + 1];
        int[] customer = new int[invoices];
        long[] epochSecond = new long[invoices];
        byte[] channel = new byte[invoices];
        int inv = -1;
        for (int r = 0; r < n; r++) {
            int v = c.invoice(r);
            if (v != inv) {
                if (v != inv + 1) {
                    throw new IllegalStateException("invoice lines must be consecutive, found invoice " + v
                            + " after " + inv + " at row " + r);
                }
                inv = v;
                invoiceStart[v] = r;
                customer[v] = c.customer(r);
                epochSecond[v] = c.epochSecond(r);
                channel[v] = (byte) (int) channels.get(c.channelId(r));
            } else if (c.customer(r) != customer[v] || c.epochSecond(r) != epochSecond[v]
                    || !c.channelId(r).equals(sim.channels().get(channel[v]))) {
                throw new IllegalStateException("an invoice's lines must share customer, time and channel, "
                        + "found otherwise at row " + r);
            }
            int k = items.get(c.itemId(r));
            if (!c.categoryId(r).equals(categories.get(k / perCategory))) {
                throw new IllegalStateException("item " + c.itemId(r) + " must be of category "
                        + categories.get(k / perCategory) + ", found " + c.categoryId(r));
            }
            item[r] = k;
            quantity[r] = c.quantity(r);
            amount[r] = c.amount(r);
        }
        if (inv + 1 != invoices) {
            throw new IllegalStateException("invoices must be " + invoices + ", found " + (inv + 1));
        }
        invoiceStart[invoices] = n;
        return new SimulatedBlock(n, item, quantity, amount, invoiceStart, customer, epochSecond, channel);
    }

    private static Map<String, Integer> indexOf(List<String> ids) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            m.put(ids.get(i), i);
        }
        return m;
    }

    /** The number of lines. */
    int rowCount() {
        return rows;
    }

    /** The number of invoices. */
    int invoiceCount() {
        return customer.length;
    }

    /**
     * The lines as rows of {@link SparkIngest#LINE_SCHEMA} ({@code line} from {@code rowOffset + 1}, invoices
     * numbered from {@code invoiceOffset} of {@code invoiceTotal}, {@code non_product} false, no description).
     * One row object is reused: each row, and each of its strings, is valid until the next call of {@code next()},
     * as Spark's scans read them (they copy each row into their own). The customer and invoice ids are written into
     * one buffer each, the next id by adding one to the last one's digits when it is the next number (every
     * invoice, most customers), instead of a new array and a division per digit for every id (the lead's JFR
     * profile found {@code id} high: it ran once per invoice on every read of the lines).
     */
    Iterator<InternalRow> rows(RetailSimulator sim, long rowOffset, int invoiceOffset, int invoiceTotal) {
        List<String> itemIds = SparkSimulator.itemIds(sim);
        UTF8String[] items = new UTF8String[itemIds.size()];
        UTF8String[] categoryOfItem = new UTF8String[itemIds.size()];
        int perCategory = sim.itemsPerCategory();
        for (int k = 0; k < items.length; k++) {
            items[k] = UTF8String.fromString(itemIds.get(k));
            categoryOfItem[k] = UTF8String.fromString(sim.categories().get(k / perCategory));
        }
        UTF8String[] channels = new UTF8String[sim.channels().size()];
        for (int k = 0; k < channels.length; k++) {
            channels[k] = UTF8String.fromString(sim.channels().get(k));
        }
        int customerWidth = digits(sim.customers());
        int invoiceWidth = digits(invoiceTotal);
        SpecificInternalRow row = new SpecificInternalRow(SparkIngest.LINE_SCHEMA);
        row.setBoolean(9, false);
        row.setNullAt(10);
        byte[] customerBytes = new byte[customerWidth + 1];
        byte[] invoiceBytes = new byte[invoiceWidth + 1];
        row.update(1, UTF8String.fromBytes(customerBytes));
        row.update(2, UTF8String.fromBytes(invoiceBytes));
        return new Iterator<>() {
            private int r;
            private int inv = -1;
            private int lastCustomer = -1;

            @Override
            public boolean hasNext() {
                return r < rows;
            }

            @Override
            public InternalRow next() {
                if (r >= rows) {
                    throw new NoSuchElementException();
                }
                if (r == invoiceStart[inv + 1]) {
                    inv++;
                    if (customer[inv] != lastCustomer) {
                        if (lastCustomer >= 0 && customer[inv] == lastCustomer + 1) {
                            increment(customerBytes);
                        } else {
                            write(customerBytes, 'C', customer[inv]);
                        }
                        lastCustomer = customer[inv];
                    }
                    if (inv == 0) {
                        write(invoiceBytes, 'I', invoiceOffset);
                    } else {
                        increment(invoiceBytes);
                    }
                    row.setLong(4, epochSecond[inv]);
                    row.update(7, channels[channel[inv]]);
                }
                int k = item[r];
                row.setLong(0, rowOffset + r + 1);
                row.update(3, items[k]);
                row.setDouble(5, quantity[r]);
                row.setDouble(6, amount[r]);
                row.update(8, categoryOfItem[k]);
                r++;
                return row;
            }
        };
    }

    /** The digits of {@code max(count, 1)}: the width of the simulator's sequential ids. */
    static int digits(int count) {
        return Integer.toString(Math.max(count, 1)).length();
    }

    /**
     * The simulator's sequential id of index {@code i}: {@code prefix} and {@code i + 1} zero-padded to
     * {@code width} digits (as the single-JVM log writes its customer and invoice ids).
     */
    static UTF8String id(char prefix, int i, int width) {
        byte[] b = new byte[width + 1];
        write(b, prefix, i);
        return UTF8String.fromBytes(b);
    }

    /** Writes the id of index {@code i} ({@link #id}) into {@code b}, as wide as {@code b} after the prefix. */
    static void write(byte[] b, char prefix, int i) {
        b[0] = (byte) prefix;
        int x = i + 1;
        for (int k = b.length - 1; k >= 1; k--) {
            b[k] = (byte) ('0' + x % 10);
            x /= 10;
        }
        if (x != 0) {
            throw new IllegalStateException("id " + (i + 1) + " must fit " + (b.length - 1) + " digits");
        }
    }

    /**
     * Turns the id in {@code b} into the next one ({@link #id} of the next index) in place: adds one to its
     * zero-padded digits.
     *
     * @throws IllegalStateException if the next number does not fit the digits
     */
    static void increment(byte[] b) {
        for (int k = b.length - 1; k >= 1; k--) {
            if (b[k] != '9') {
                b[k]++;
                return;
            }
            b[k] = '0';
        }
        throw new IllegalStateException("id must fit " + (b.length - 1) + " digits, found the one after "
                + "9".repeat(b.length - 1));
    }
}
