package dev.segmentation.data;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;

/**
 * The per-customer generation step of {@link RetailSimulator}, apart from the settings, the plan and the
 * merge: draws each customer's latent state (segment, acquisition time, BG/NBD and Gamma-Gamma rates, category
 * taste) and then its purchase occasions and their lines, from one generator per chunk of
 * {@link RetailSimulator#CHUNK_CUSTOMERS} customers. A chunk depends only on the plan and its own generator, so
 * any chunk can be generated alone, in any order, on any machine. Not API.
 */
final class CustomerGeneration {
    private CustomerGeneration() {
    }

    /**
     * One chunk's invoices (customer local to the chunk, time, channel, line count), lines (item, amount) and
     * truth. Lines are expanded to full rows only in the merge, so generation keeps two columns per line instead
     * of eight; the quantity is not kept either but derived from the amount and the item's price
     * ({@link #quantity}) where the rows are written (issue 19: the load stage's garbage and live set while the
     * chunks wait for the merge).
     *
     * <p>The invoices are {@code [invoiceBase, invoiceBase + invoices())} of the invoice arrays and the lines
     * {@code [rowBase, rowBase + rows())} of the line arrays: either arrays of exactly this chunk's length (base
     * 0) or a worker's {@link Slabs}, shared by the chunks that worker generated. The truth is
     * {@code [truthBase, truthBase + size)} of the truth arrays (taste: times the category count): the chunk's own
     * (base 0) or the whole run's {@link Truth} (base {@link #firstCustomer}).
     */
    static final class Chunk {
        final int firstCustomer;
        final int size;
        int[] invoiceCustomer;
        long[] invoiceTime;
        int[] invoiceChannel;
        int[] invoiceLines;
        int invoiceBase;
        int invoiceCount;
        int[] item;
        double[] amount;
        int rowBase;
        int rowCount;
        final int truthBase;
        /** Where the chunk writes its customers' truth, from index {@code truthBase}: its own or the whole run's. */
        final Truth truth;

        Chunk(int firstCustomer, int size, int categories) {
            this(firstCustomer, size, new Truth(size, categories), 0);
        }

        Chunk(int firstCustomer, int size, Truth truth, int truthBase) {
            this.firstCustomer = firstCustomer;
            this.size = size;
            this.truthBase = truthBase;
            this.truth = truth;
        }

        int rows() {
            return rowCount;
        }

        int invoices() {
            return invoiceCount;
        }
    }

    /**
     * Per-customer truth arrays: one chunk's, or the whole run's, which every chunk writes its own disjoint range
     * of (so that the merge copies nothing and no chunk keeps 2,048 customers' truth alive in the young
     * generation until the merge).
     */
    static final class Truth {
        final int[] segment;
        final double[] acquisition;
        final double[] lambda;
        final double[] dropout;
        final double[] nu;
        final double[] death;
        final int[] repeats;
        final double[] taste;

        Truth(int customers, int categories) {
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

    /**
     * One worker's slabs: large line and invoice arrays that the chunks the worker generates are copied into one
     * after another, a new slab started when a chunk does not fit in the rest of the current one (issue 19).
     * Arrays of a few MB are allocated outside the young generation (G1's humongous regions), so the young
     * collections during generation no longer copy every waiting chunk's lines; a chunk's slice is read only by
     * the merge. Not thread-safe: one per worker.
     */
    static final class Slabs {
        private final int slabRows;
        private final int slabInvoices;
        private int[] item;
        private double[] amount;
        private int rowsUsed;
        private int[] invoiceCustomer;
        private long[] invoiceTime;
        private int[] invoiceChannel;
        private int[] invoiceLines;
        private int invoicesUsed;

        /** Slabs of {@code slabRows} lines and {@code slabInvoices} invoices (larger for a larger chunk). */
        Slabs(int slabRows, int slabInvoices) {
            this.slabRows = slabRows;
            this.slabInvoices = slabInvoices;
        }

        /** Copies the scratch's lines and invoices into the slabs and points the chunk at them. */
        void store(Scratch buf, Chunk out) {
            int rows = buf.item.size();
            if (item == null || item.length - rowsUsed < rows) {
                int length = Math.max(slabRows, rows);
                item = new int[length];
                amount = new double[length];
                rowsUsed = 0;
            }
            buf.item.getElements(0, item, rowsUsed, rows);
            buf.amount.getElements(0, amount, rowsUsed, rows);
            out.item = item;
            out.amount = amount;
            out.rowBase = rowsUsed;
            out.rowCount = rows;
            rowsUsed += rows;
            int invoices = buf.invoiceLines.size();
            if (invoiceLines == null || invoiceLines.length - invoicesUsed < invoices) {
                int length = Math.max(slabInvoices, invoices);
                invoiceCustomer = new int[length];
                invoiceTime = new long[length];
                invoiceChannel = new int[length];
                invoiceLines = new int[length];
                invoicesUsed = 0;
            }
            buf.invoiceCustomer.getElements(0, invoiceCustomer, invoicesUsed, invoices);
            buf.invoiceTime.getElements(0, invoiceTime, invoicesUsed, invoices);
            buf.invoiceChannel.getElements(0, invoiceChannel, invoicesUsed, invoices);
            buf.invoiceLines.getElements(0, invoiceLines, invoicesUsed, invoices);
            out.invoiceCustomer = invoiceCustomer;
            out.invoiceTime = invoiceTime;
            out.invoiceChannel = invoiceChannel;
            out.invoiceLines = invoiceLines;
            out.invoiceBase = invoicesUsed;
            out.invoiceCount = invoices;
            invoicesUsed += invoices;
        }
    }

    /** A line's quantity: its amount over its item's price, rounded, at least 1. */
    static double quantity(SimulationPlan plan, int item, double amount) {
        return Math.max(1.0, Math.rint(amount / plan.itemPrice[item]));
    }

    /**
     * Growable buffers one worker reuses for chunk after chunk: a chunk's columns grow here and are copied once,
     * at their final length, into the {@link Chunk}, instead of each chunk growing its own lists from empty
     * (about 3 times its final size in discarded arrays). Not thread-safe: one per worker.
     */
    static final class Scratch {
        final IntArrayList invoiceCustomer = new IntArrayList();
        final LongArrayList invoiceTime = new LongArrayList();
        final IntArrayList invoiceChannel = new IntArrayList();
        final IntArrayList invoiceLines = new IntArrayList();
        final IntArrayList item = new IntArrayList();
        final DoubleArrayList amount = new DoubleArrayList();

        void clear() {
            invoiceCustomer.clear();
            invoiceTime.clear();
            invoiceChannel.clear();
            invoiceLines.clear();
            item.clear();
            amount.clear();
        }
    }

    /**
     * Generates the {@code size} customers starting at {@code firstCustomer}, all from {@code rng} in customer
     * order: a customer's draws are those left in the generator by the customers before it in its chunk. The
     * columns grow in {@code scratch} (cleared first) and are copied into the chunk at their final length.
     */
    static Chunk generate(SimulationPlan plan, int firstCustomer, int size, RandomVariates rng, Scratch scratch) {
        return generate(plan, firstCustomer, size, rng, scratch, null, null);
    }

    /**
     * As {@link #generate(SimulationPlan, int, int, RandomVariates, Scratch)}, with the truth written into
     * {@code truth} at {@code firstCustomer} and the lines and invoices copied into {@code slabs} when these are
     * not null: the same draws and the same values, only where they are kept differs.
     */
    static Chunk generate(SimulationPlan plan, int firstCustomer, int size, RandomVariates rng, Scratch scratch,
            Truth truth, Slabs slabs) {
        int nCat = plan.categoryCount;
        Chunk out = truth == null ? new Chunk(firstCustomer, size, nCat)
                : new Chunk(firstCustomer, size, truth, firstCustomer);
        int base = out.truthBase;
        Scratch buf = scratch;
        buf.clear();
        double[] tasteCumulative = new double[nCat];
        double[] lineWeights = new double[(int) SegmentProfile.MAX_LINES_PER_ORDER * 4];
        for (int j = 0; j < size; j++) {
            int s = pick(rng, plan.segmentCumulative, plan.segmentCumulative.length - 1);
            SegmentProfile seg = plan.segments[s];
            double t = rng.nextDouble() * plan.acquisitionUnits;
            double lambda = rng.gamma(seg.r()) / seg.alpha();
            double dropout = rng.beta(seg.a(), seg.b());
            double nu = rng.gamma(seg.q()) / seg.v();
            drawTaste(rng, plan, s, out.truth.taste, (base + j) * nCat);
            double sum = 0.0;
            for (int c = 0; c < nCat; c++) {
                sum += out.truth.taste[(base + j) * nCat + c];
                tasteCumulative[c] = sum;
            }
            int lastCategory = nCat - 1;
            while (lastCategory > 0 && !(out.truth.taste[(base + j) * nCat + lastCategory] > 0.0)) {
                lastCategory--;
            }
            out.truth.segment[base + j] = s;
            out.truth.acquisition[base + j] = t;
            out.truth.lambda[base + j] = lambda;
            out.truth.dropout[base + j] = dropout;
            out.truth.nu[base + j] = nu;
            double death = Double.NaN;
            int repeats = 0;
            emitOrder(rng, plan, buf, j, s, seg, nu, t, tasteCumulative, lastCategory, lineWeights);
            while (true) {
                t += rng.exponential() / lambda;
                if (!(t < plan.endUnits)) {
                    break;
                }
                emitOrder(rng, plan, buf, j, s, seg, nu, t, tasteCumulative, lastCategory, lineWeights);
                repeats++;
                if (rng.nextDouble() < dropout) {
                    death = t;
                    break;
                }
            }
            out.truth.death[base + j] = death;
            out.truth.repeats[base + j] = repeats;
        }
        if (slabs != null) {
            slabs.store(buf, out);
            return out;
        }
        out.invoiceCustomer = buf.invoiceCustomer.toIntArray();
        out.invoiceTime = buf.invoiceTime.toLongArray();
        out.invoiceChannel = buf.invoiceChannel.toIntArray();
        out.invoiceLines = buf.invoiceLines.toIntArray();
        out.invoiceCount = out.invoiceLines.length;
        out.item = buf.item.toIntArray();
        out.amount = buf.amount.toDoubleArray();
        out.rowCount = out.amount.length;
        return out;
    }

    /** Draws from unnormalized cumulative weights; never returns an index past {@code last}. */
    private static int pick(RandomVariates rng, double[] cumulative, int last) {
        double u = rng.nextDouble() * cumulative[cumulative.length - 1];
        int i = 0;
        while (i < last && u >= cumulative[i]) {
            i++;
        }
        return i;
    }

    private static void drawTaste(RandomVariates rng, SimulationPlan plan, int s, double[] taste, int offset) {
        double[] base = plan.segmentTaste[s];
        int n = base.length;
        if (Double.isInfinite(plan.tasteConcentration)) {
            System.arraycopy(base, 0, taste, offset, n);
            return;
        }
        // Dirichlet through log-Gamma variates, scaled by the largest so that nothing underflows to all-zero.
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < n; c++) {
            double lg = base[c] > 0.0 ? rng.logGamma(plan.tasteConcentration * base[c])
                    : Double.NEGATIVE_INFINITY;
            taste[offset + c] = lg;
            max = Math.max(max, lg);
        }
        double sum = 0.0;
        for (int c = 0; c < n; c++) {
            double w = Math.exp(taste[offset + c] - max);
            taste[offset + c] = w;
            sum += w;
        }
        for (int c = 0; c < n; c++) {
            taste[offset + c] /= sum;
        }
    }

    private static void emitOrder(RandomVariates rng, SimulationPlan plan, Scratch out, int localCustomer, int s,
            SegmentProfile seg, double nu, double t, double[] tasteCumulative, int lastCategory,
            double[] lineWeights) {
        int channel = pick(rng, plan.channelCumulative[s], plan.lastChannel[s]);
        double z = seg.p() >= 1.0 ? rng.gamma(seg.p()) / nu
                : Math.exp(rng.logGamma(seg.p()) - Math.log(nu));
        z = clampPositive(z);
        int lines = 1 + rng.poisson(seg.linesPerOrder() - 1.0, plan.extraLinesP0[s]);
        out.invoiceCustomer.add(localCustomer);
        out.invoiceTime.add(plan.epochSecond(t));
        out.invoiceChannel.add(channel);
        out.invoiceLines.add(lines);
        double[] w = lines <= lineWeights.length ? lineWeights : new double[lines];
        double total = 0.0;
        if (lines > 1) {
            for (int k = 0; k < lines; k++) {
                w[k] = rng.exponential();
                total += w[k];
            }
        }
        for (int k = 0; k < lines; k++) {
            int category = pick(rng, tasteCumulative, lastCategory);
            int item = category * plan.itemsPerCategory + plan.rankTable.sample(rng);
            double amount = lines == 1 ? z : clampPositive(z * (w[k] / total));
            out.item.add(item);
            out.amount.add(amount);
        }
        if (out.amount.size() > RetailSimulator.MAX_ROWS) {
            throw new IllegalStateException(RetailSimulator.tooManyRows(out.amount.size()));
        }
    }

    private static double clampPositive(double x) {
        if (!(x >= Double.MIN_VALUE)) {
            return Double.MIN_VALUE;
        }
        return Math.min(x, Double.MAX_VALUE);
    }
}
