package dev.segmentation.data;

import dev.segmentation.data.CustomerGeneration.Chunk;
import dev.segmentation.internal.ChunkRunner;
import java.util.List;

/**
 * The merge step of {@link RetailSimulator}, apart from generation: lays the chunks' invoices out at their row
 * and invoice offsets (chunk order, so the log is the same for any thread count), expands them into the log's
 * columns in parallel (each chunk writes a disjoint range) and builds the {@link SimulatedRetail}. Not API.
 */
final class SimulationMerge {
    private SimulationMerge() {
    }

    /** The merged columns and truth arrays that every chunk writes its own disjoint range of. */
    private static final class Merged {
        final int[] customer;
        final int[] invoice;
        final int[] item;
        final int[] channel;
        final int[] category;
        final long[] epochSecond;
        final double[] quantity;
        final double[] amount;
        final int[] segment;
        final double[] acquisition;
        final double[] lambda;
        final double[] dropout;
        final double[] nu;
        final double[] death;
        final int[] repeats;
        final double[] taste;

        Merged(int rows, int customers, int categories) {
            customer = new int[rows];
            invoice = new int[rows];
            item = new int[rows];
            channel = new int[rows];
            category = new int[rows];
            epochSecond = new long[rows];
            quantity = new double[rows];
            amount = new double[rows];
            segment = new int[customers];
            acquisition = new double[customers];
            lambda = new double[customers];
            dropout = new double[customers];
            nu = new double[customers];
            death = new double[customers];
            repeats = new int[customers];
            taste = new double[customers * categories];
        }
    }

    static SimulatedRetail merge(RetailSimulator sim, SimulationPlan plan, Chunk[] chunks, ChunkRunner runner) {
        int customers = sim.customers();
        long rows = 0;
        long invoiceTotal = 0;
        int[] rowOffset = new int[chunks.length];
        int[] invoiceOffset = new int[chunks.length];
        for (int k = 0; k < chunks.length; k++) {
            Chunk c = chunks[k];
            rowOffset[k] = (int) Math.min(rows, RetailSimulator.MAX_ROWS);
            invoiceOffset[k] = (int) Math.min(invoiceTotal, RetailSimulator.MAX_ROWS);
            rows += c.rows();
            invoiceTotal += c.invoices();
        }
        if (rows > RetailSimulator.MAX_ROWS) {
            throw new IllegalStateException(RetailSimulator.tooManyRows(rows));
        }
        Merged m = new Merged((int) rows, customers, plan.categoryCount);
        runner.run(chunks.length, (k, worker) -> copyChunk(plan, chunks[k], rowOffset[k], invoiceOffset[k], m));
        TransactionLog log = TransactionLog.ofColumns(m.customer, m.invoice, m.item, m.channel, m.category,
                m.epochSecond, m.quantity, m.amount, IdDictionary.sequential('C', customers),
                IdDictionary.sequential('I', (int) invoiceTotal), dictionary(List.of(plan.itemIds)),
                dictionary(sim.channels()), dictionary(sim.categories()));
        return new SimulatedRetail(sim, log, plan.endUnits, m.segment, m.acquisition, m.lambda, m.dropout, m.nu,
                m.death, m.repeats, m.taste);
    }

    /** Expands one chunk's invoices into rows at its offsets; chunks write disjoint ranges. */
    private static void copyChunk(SimulationPlan plan, Chunk c, int rowOffset, int invoiceOffset, Merged m) {
        int n = c.rows();
        int pos = rowOffset;
        System.arraycopy(c.item, 0, m.item, pos, n);
        System.arraycopy(c.amount, 0, m.amount, pos, n);
        int[] item = c.item;
        double[] amount = c.amount;
        int perCategory = plan.itemsPerCategory;
        for (int k = 0; k < n; k++) {
            m.category[pos + k] = item[k] / perCategory;
            m.quantity[pos + k] = CustomerGeneration.quantity(plan, item[k], amount[k]);
        }
        int[] cust = c.invoiceCustomer;
        long[] time = c.invoiceTime;
        int[] channel = c.invoiceChannel;
        int[] lines = c.invoiceLines;
        int invoices = c.invoices();
        int row = pos;
        for (int i = 0; i < invoices; i++) {
            int to = row + lines[i];
            int customer = cust[i] + c.firstCustomer;
            int invoice = i + invoiceOffset;
            int ch = channel[i];
            long t = time[i];
            for (; row < to; row++) {
                m.customer[row] = customer;
                m.invoice[row] = invoice;
                m.channel[row] = ch;
                m.epochSecond[row] = t;
            }
        }
        int f = c.firstCustomer;
        System.arraycopy(c.segment, 0, m.segment, f, c.size);
        System.arraycopy(c.acquisition, 0, m.acquisition, f, c.size);
        System.arraycopy(c.lambda, 0, m.lambda, f, c.size);
        System.arraycopy(c.dropout, 0, m.dropout, f, c.size);
        System.arraycopy(c.nu, 0, m.nu, f, c.size);
        System.arraycopy(c.death, 0, m.death, f, c.size);
        System.arraycopy(c.repeats, 0, m.repeats, f, c.size);
        int nCat = plan.categoryCount;
        System.arraycopy(c.taste, 0, m.taste, f * nCat, c.size * nCat);
    }

    private static IdDictionary dictionary(List<String> ids) {
        IdDictionary d = new IdDictionary();
        for (String id : ids) {
            d.intern(id);
        }
        return d.frozenCopy();
    }
}
