package dev.segmentation.data;

import dev.segmentation.data.CustomerGeneration.Chunk;
import dev.segmentation.internal.ChunkRunner;
import java.util.List;

/**
 * The merge step of {@link RetailSimulator}, apart from generation: lays the chunks' invoices out at their row
 * and invoice offsets (chunk order, so the log is the same for any thread count), expands them from the workers'
 * slabs into the log's columns in parallel (each chunk writes a disjoint range) and builds the
 * {@link SimulatedRetail}. Not API.
 */
final class SimulationMerge {
    private SimulationMerge() {
    }

    /** The merged columns that every chunk writes its own disjoint range of. */
    private static final class Merged {
        final int[] customer;
        final int[] invoice;
        final int[] item;
        final int[] channel;
        final int[] category;
        final long[] epochSecond;
        final double[] quantity;
        final double[] amount;

        Merged(int rows) {
            customer = new int[rows];
            invoice = new int[rows];
            item = new int[rows];
            channel = new int[rows];
            category = new int[rows];
            epochSecond = new long[rows];
            quantity = new double[rows];
            amount = new double[rows];
        }
    }

    /**
     * Merges the chunks, which wrote their truth into {@code truth} already (at their customers' indices), into
     * the log.
     */
    static SimulatedRetail merge(RetailSimulator sim, SimulationPlan plan, Chunk[] chunks,
            CustomerGeneration.Truth truth, ChunkRunner runner) {
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
        Merged m = new Merged((int) rows);
        runner.run(chunks.length, (k, worker) -> copyChunk(plan, chunks[k], rowOffset[k], invoiceOffset[k], m));
        TransactionLog log = TransactionLog.ofColumns(m.customer, m.invoice, m.item, m.channel, m.category,
                m.epochSecond, m.quantity, m.amount, IdDictionary.sequential('C', customers),
                IdDictionary.sequential('I', (int) invoiceTotal), dictionary(List.of(plan.itemIds)),
                dictionary(sim.channels()), dictionary(sim.categories()));
        return new SimulatedRetail(sim, log, plan.endUnits, truth.segment, truth.acquisition, truth.lambda,
                truth.dropout, truth.nu, truth.death, truth.repeats, truth.taste);
    }

    /** Expands one chunk's invoices into rows at its offsets; chunks write disjoint ranges. */
    private static void copyChunk(SimulationPlan plan, Chunk c, int rowOffset, int invoiceOffset, Merged m) {
        int n = c.rows();
        int pos = rowOffset;
        int base = c.rowBase;
        System.arraycopy(c.item, base, m.item, pos, n);
        System.arraycopy(c.amount, base, m.amount, pos, n);
        int[] item = c.item;
        double[] amount = c.amount;
        int perCategory = plan.itemsPerCategory;
        for (int k = 0; k < n; k++) {
            m.category[pos + k] = item[base + k] / perCategory;
            m.quantity[pos + k] = CustomerGeneration.quantity(plan, item[base + k], amount[base + k]);
        }
        int[] cust = c.invoiceCustomer;
        long[] time = c.invoiceTime;
        int[] channel = c.invoiceChannel;
        int[] lines = c.invoiceLines;
        int invoices = c.invoices();
        int from = c.invoiceBase;
        int row = pos;
        for (int i = 0; i < invoices; i++) {
            int to = row + lines[from + i];
            int customer = cust[from + i] + c.firstCustomer;
            int invoice = i + invoiceOffset;
            int ch = channel[from + i];
            long t = time[from + i];
            for (; row < to; row++) {
                m.customer[row] = customer;
                m.invoice[row] = invoice;
                m.channel[row] = ch;
                m.epochSecond[row] = t;
            }
        }
        // the truth is in the run's arrays already (CustomerGeneration.Truth): nothing to copy
    }

    private static IdDictionary dictionary(List<String> ids) {
        IdDictionary d = new IdDictionary();
        for (String id : ids) {
            d.intern(id);
        }
        return d.frozenCopy();
    }
}
