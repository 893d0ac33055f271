package dev.segmentation.data;

import dev.segmentation.internal.ChunkRunner;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A seeded generator of retail transaction logs with known ground truth: the built-in default data of the
 * examples and the ground truth of the models' tests (segments, churn, lifetime value, recommendations).
 *
 * <pre>{@code
 * SimulatedRetail sim = RetailSimulator.builder().customers(10_000).seed(7).build().generate();
 * TransactionLog log = sim.log();          // 10,000 customers, C00001..C10000
 * int[] segment = sim.segmentLabels();     // true segment per log customer index
 * boolean[] alive = sim.aliveAtEnd();      // true churn state at the end of observation
 * double lambda = sim.lambda(0);           // customer C00001's purchase rate per week
 * }</pre>
 *
 * <h2>The story</h2>
 * Each of {@link #customers()} customers belongs to a latent {@link SegmentProfile segment}, drawn with the
 * segments' normalized shares. Customers are acquired at a time uniform over the acquisition window
 * ({@link #start()} to {@link #acquisitionEnd()}, both days included), where they make their first purchase,
 * and are observed until the end of {@link #end()}. Time is measured in {@link #unit()}s (default one week):
 * <ol>
 *   <li>BG/NBD (Fader, Hardie and Lee 2005, Marketing Science 24(2), section 3): purchase rate
 *       {@code lambda ~ Gamma(shape r, rate alpha)} per unit, dropout probability {@code p ~ Beta(a, b)};
 *       while alive the times between purchases are exponential with rate {@code lambda}, and after each
 *       repeat purchase the customer becomes inactive for good with probability {@code p} (the time of death
 *       is the time of that purchase). Dropout is never drawn at the first purchase, as in the model.
 *   <li>Gamma-Gamma (Fader, Hardie and Lee 2005, JMR 42(4)): spend rate {@code nu ~ Gamma(shape q, rate v)} per
 *       customer; each purchase occasion's total {@code z ~ Gamma(shape p, rate nu)}.
 *   <li>An occasion is one invoice of {@code 1 + Poisson(linesPerOrder - 1)} lines whose amounts, shares of
 *       {@code z} drawn from a flat Dirichlet, sum to {@code z} (up to rounding). Amounts are not rounded to
 *       cents, so the Gamma-Gamma truth holds exactly. The invoice's channel follows the segment's channel
 *       mix; each line's category follows the customer's own taste, drawn per customer from
 *       {@code Dirichlet(tasteConcentration * segment taste)} (the segment's taste itself when the
 *       concentration is infinite), and its item follows a Zipf law of exponent {@link #zipfExponent()}
 *       over the category's {@link #itemsPerCategory()} items (item rank {@code k} has weight
 *       {@code 1 / k^s}). Items have log-normal list prices with median {@link #itemPriceMedian()} and
 *       log-sd 0.75; a line's quantity is its amount divided by the item's list price, rounded, at least 1.
 * </ol>
 * Customer ids are {@code C} plus a zero-padded number, invoice ids {@code I} plus a number, item ids
 * {@code SKU-cc-iiii} (category, rank within category). Customer index {@code i} of the log is the
 * {@code i}-th simulated customer, so the truth arrays of {@link SimulatedRetail} align with the log; the
 * item, category and channel dictionaries hold the whole catalogue in order, bought or not.
 *
 * <h2>Defaults</h2>
 * 37,000 customers, seed 42, acquired 2023-01-01 to 2023-12-31, observed to 2024-12-31, unit one week, the
 * five {@link SegmentProfile#defaults() default segments}, categories {@link #DEFAULT_CATEGORIES}, 50 items
 * per category, Zipf exponent 1, item price median 10, channels {@link #DEFAULT_CHANNELS}, taste
 * concentration 10, one thread. These give about one million lines (rows) on about 250,000 invoices, in
 * well under a second.
 *
 * <h2>Determinism and speed</h2>
 * One {@link SplittableRandom} is started from the seed on each {@link #generate()} call; the catalogue takes
 * the first split, and customers are generated in fixed chunks of {@value #CHUNK_CUSTOMERS}, each with the
 * next split, merged in chunk order. So the same settings give an identical log and truth whatever
 * {@link #threads()} is, and {@code generate()} is pure. Every variate is computed from the generator's
 * specified {@code nextLong()} with this library's own algorithms, so results do not change with the JDK
 * release; {@code Math.log}, {@code exp} and {@code pow} may differ in the last bit between CPU architectures,
 * so bit-identity is promised on one platform. Cost is O(rows) time; the finished log holds about 50 bytes
 * per row and generation needs about twice that at its peak (ten million rows ran in a 1.1 GB heap, not in
 * 0.9 GB). Ten million rows take about 1.5 s of CPU on one core (see {@code SimulatorBenchmark}).
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never accepted or returned.
 */
public final class RetailSimulator {
    /** The default categories, in order. */
    public static final List<String> DEFAULT_CATEGORIES = List.of("grocery", "household", "beauty", "fashion",
            "electronics", "home & garden", "toys", "sports");
    /** The default channels, in order. */
    public static final List<String> DEFAULT_CHANNELS = List.of("store", "web", "app");
    /** Customers per generation chunk; fixed, so that results do not depend on the thread count. */
    public static final int CHUNK_CUSTOMERS = 2048;

    private static final Logger LOG = LoggerFactory.getLogger(RetailSimulator.class);
    static final long MAX_ROWS = Integer.MAX_VALUE - 8L;
    private static final long SECONDS_PER_DAY = 86_400L;
    private static final double PRICE_LOG_SD = 0.75;

    private final int customers;
    private final long seed;
    private final LocalDate start;
    private final LocalDate acquisitionEnd;
    private final LocalDate end;
    private final Duration unit;
    private final List<SegmentProfile> segments;
    private final List<String> categories;
    private final int itemsPerCategory;
    private final double zipfExponent;
    private final double itemPriceMedian;
    private final List<String> channels;
    private final double tasteConcentration;
    private final int threads;

    private RetailSimulator(Builder b) {
        customers = b.customers;
        seed = b.seed;
        start = b.start;
        acquisitionEnd = b.acquisitionEnd;
        end = b.end;
        unit = b.unit;
        segments = List.copyOf(b.segments);
        categories = List.copyOf(b.categories);
        itemsPerCategory = b.itemsPerCategory;
        zipfExponent = b.zipfExponent;
        itemPriceMedian = b.itemPriceMedian;
        channels = List.copyOf(b.channels);
        tasteConcentration = b.tasteConcentration;
        threads = b.threads;
    }

    /**
     * Returns a builder with the defaults listed in the class description.
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder preset to this simulator's settings, for making variants.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.customers = customers;
        b.seed = seed;
        b.start = start;
        b.acquisitionEnd = acquisitionEnd;
        b.end = end;
        b.unit = unit;
        b.segments = segments;
        b.categories = categories;
        b.itemsPerCategory = itemsPerCategory;
        b.zipfExponent = zipfExponent;
        b.itemPriceMedian = itemPriceMedian;
        b.channels = channels;
        b.tasteConcentration = tasteConcentration;
        b.threads = threads;
        return b;
    }

    /**
     * Returns the number of customers simulated.
     *
     * @return the customer count, {@code >= 1}
     */
    public int customers() {
        return customers;
    }

    /**
     * Returns the seed.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * Returns the first day of the acquisition window and of the observation (time 0).
     *
     * @return the start date
     */
    public LocalDate start() {
        return start;
    }

    /**
     * Returns the last day of the acquisition window (included).
     *
     * @return the last acquisition day
     */
    public LocalDate acquisitionEnd() {
        return acquisitionEnd;
    }

    /**
     * Returns the last observed day (included): no purchase is dated after it.
     *
     * @return the observation end date
     */
    public LocalDate end() {
        return end;
    }

    /**
     * Returns the time unit of the BG/NBD rates ({@code lambda} is in purchases per unit).
     *
     * @return the unit, positive
     */
    public Duration unit() {
        return unit;
    }

    /**
     * Returns the segments.
     *
     * @return an immutable list, not empty
     */
    public List<SegmentProfile> segments() {
        return segments;
    }

    /**
     * Returns the segments' shares normalized to sum to 1.
     *
     * @return a new array, one share per segment
     */
    public double[] segmentShares() {
        double[] shares = new double[segments.size()];
        double sum = 0.0;
        for (int s = 0; s < shares.length; s++) {
            shares[s] = segments.get(s).share();
            sum += shares[s];
        }
        for (int s = 0; s < shares.length; s++) {
            shares[s] /= sum;
        }
        return shares;
    }

    /**
     * Returns the product categories, in dictionary order.
     *
     * @return an immutable list, not empty
     */
    public List<String> categories() {
        return categories;
    }

    /**
     * Returns the number of items in each category.
     *
     * @return the count, {@code >= 1}
     */
    public int itemsPerCategory() {
        return itemsPerCategory;
    }

    /**
     * Returns the Zipf exponent {@code s} of item popularity within a category (0 is uniform).
     *
     * @return the exponent, finite and {@code >= 0}
     */
    public double zipfExponent() {
        return zipfExponent;
    }

    /**
     * Returns the median of the items' log-normal list prices.
     *
     * @return the median price, finite and &gt; 0
     */
    public double itemPriceMedian() {
        return itemPriceMedian;
    }

    /**
     * Returns the sales channels, in dictionary order.
     *
     * @return an immutable list, not empty
     */
    public List<String> channels() {
        return channels;
    }

    /**
     * Returns the concentration of customers' category tastes around their segment's taste: each customer's
     * taste is {@code Dirichlet(tasteConcentration * segmentTaste)}; infinite means every customer has exactly
     * the segment's taste.
     *
     * @return the concentration, &gt; 0, possibly infinite
     */
    public double tasteConcentration() {
        return tasteConcentration;
    }

    /**
     * Returns the number of threads {@link #generate()} uses. Results do not depend on it.
     *
     * @return the thread count, {@code >= 1}
     */
    public int threads() {
        return threads;
    }

    /**
     * Lists every setting, for example {@code RetailSimulator{customers=37000, seed=42, start=2023-01-01,
     * acquisitionEnd=2023-12-31, end=2024-12-31, unit=PT168H, categories=[...], itemsPerCategory=50,
     * zipfExponent=1.0, itemPriceMedian=10.0, channels=[store, web, app], tasteConcentration=10.0, threads=1,
     * segments=[SegmentProfile{...}, ...]}}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "RetailSimulator{customers=" + customers + ", seed=" + seed + ", start=" + start
                + ", acquisitionEnd=" + acquisitionEnd + ", end=" + end + ", unit=" + unit + ", categories="
                + categories + ", itemsPerCategory=" + itemsPerCategory + ", zipfExponent=" + zipfExponent
                + ", itemPriceMedian=" + itemPriceMedian + ", channels=" + channels + ", tasteConcentration="
                + tasteConcentration + ", threads=" + threads + ", segments=" + segments + "}";
    }

    /**
     * Simulates the customers and returns the transaction log with its ground truth. Pure: every call starts
     * a new {@code SplittableRandom(seed)}, so repeated calls give identical results. Logs one {@code info}
     * line.
     *
     * @return the log and the truth
     * @throws IllegalStateException if the log would exceed {@code Integer.MAX_VALUE - 8} rows
     */
    public SimulatedRetail generate() {
        long started = System.nanoTime();
        SplittableRandom root = new SplittableRandom(seed);
        Plan plan = new Plan(this, new RandomVariates(root.split()));
        int chunks = (customers + CHUNK_CUSTOMERS - 1) / CHUNK_CUSTOMERS;
        SplittableRandom[] rngs = new SplittableRandom[chunks];
        for (int k = 0; k < chunks; k++) {
            rngs[k] = root.split();
        }
        Chunk[] done = new Chunk[chunks];
        SimulatedRetail result;
        try (ChunkRunner runner = new ChunkRunner(Math.min(threads, chunks), "simulator")) {
            runner.run(chunks, (k, worker) -> done[k] = generateChunk(plan, k, new RandomVariates(rngs[k])));
            result = SimulationMerge.merge(this, plan, done, runner);
        }
        LOG.info("simulated {} rows, {} customers, {} invoices in {} ms", result.log().size(), customers,
                result.log().invoiceCount(), (System.nanoTime() - started) / 1_000_000L);
        return result;
    }

    /** Everything the chunks share, fixed before generation: times in units, cumulative weights, catalogue. */
    static final class Plan {
        final long startEpoch;
        final long endEpochExclusive;
        final double unitSeconds;
        final double acquisitionUnits;
        final double endUnits;
        final double[] segmentCumulative;
        final SegmentProfile[] segments;
        final double[][] segmentTaste;
        final double[][] channelCumulative;
        final int[] lastChannel;
        final double[] extraLinesP0;
        final int categoryCount;
        final int itemsPerCategory;
        final double tasteConcentration;
        final RandomVariates.AliasTable rankTable;
        final String[] itemIds;
        final double[] itemPrice;

        Plan(RetailSimulator sim, RandomVariates catalogueRng) {
            startEpoch = sim.start.toEpochDay() * SECONDS_PER_DAY;
            long acquisitionEndExclusive = (sim.acquisitionEnd.toEpochDay() + 1) * SECONDS_PER_DAY;
            endEpochExclusive = (sim.end.toEpochDay() + 1) * SECONDS_PER_DAY;
            unitSeconds = sim.unit.getSeconds() + sim.unit.getNano() * 1e-9;
            acquisitionUnits = (acquisitionEndExclusive - startEpoch) / unitSeconds;
            endUnits = (endEpochExclusive - startEpoch) / unitSeconds;
            int nSeg = sim.segments.size();
            segments = sim.segments.toArray(new SegmentProfile[0]);
            segmentCumulative = cumulative(sim.segmentShares());
            categoryCount = sim.categories.size();
            int channelCount = sim.channels.size();
            segmentTaste = new double[nSeg][];
            channelCumulative = new double[nSeg][];
            lastChannel = new int[nSeg];
            extraLinesP0 = new double[nSeg];
            for (int s = 0; s < nSeg; s++) {
                segmentTaste[s] = normalized(segments[s].categoryTaste(), categoryCount);
                double[] mix = normalized(segments[s].channelMix(), channelCount);
                channelCumulative[s] = cumulative(mix);
                lastChannel[s] = lastPositive(mix);
                extraLinesP0[s] = Math.exp(-(segments[s].linesPerOrder() - 1.0));
            }
            itemsPerCategory = sim.itemsPerCategory;
            tasteConcentration = sim.tasteConcentration;
            double[] zipf = new double[itemsPerCategory];
            for (int k = 0; k < itemsPerCategory; k++) {
                zipf[k] = Math.pow(k + 1.0, -sim.zipfExponent);
            }
            rankTable = new RandomVariates.AliasTable(zipf);
            int items = categoryCount * itemsPerCategory;
            itemIds = new String[items];
            itemPrice = new double[items];
            for (int c = 0; c < categoryCount; c++) {
                for (int k = 0; k < itemsPerCategory; k++) {
                    int i = c * itemsPerCategory + k;
                    itemIds[i] = "SKU-" + pad(c + 1, 2) + "-" + pad(k + 1, 4);
                    itemPrice[i] = sim.itemPriceMedian * Math.exp(PRICE_LOG_SD * catalogueRng.normal());
                }
            }
        }

        long epochSecond(double units) {
            long t = startEpoch + (long) Math.floor(units * unitSeconds);
            return Math.min(t, endEpochExclusive - 1);
        }

        private static double[] normalized(double[] weights, int n) {
            double[] out = new double[n];
            double sum = 0.0;
            for (int i = 0; i < n; i++) {
                out[i] = weights.length == 0 ? 1.0 : weights[i];
                sum += out[i];
            }
            for (int i = 0; i < n; i++) {
                out[i] /= sum;
            }
            return out;
        }
    }

    static double[] cumulative(double[] weights) {
        double[] cum = new double[weights.length];
        double sum = 0.0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cum[i] = sum;
        }
        return cum;
    }

    static int lastPositive(double[] weights) {
        int last = weights.length - 1;
        while (last > 0 && !(weights[last] > 0.0)) {
            last--;
        }
        return last;
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

    /**
     * One chunk's invoices (customer local to the chunk, time, channel, line count), lines (item, quantity,
     * amount) and truth. Lines are expanded to full rows only in the merge, so generation writes three columns
     * per line instead of eight.
     */
    static final class Chunk {
        final int firstCustomer;
        final int size;
        final IntArrayList invoiceCustomer = new IntArrayList();
        final LongArrayList invoiceTime = new LongArrayList();
        final IntArrayList invoiceChannel = new IntArrayList();
        final IntArrayList invoiceLines = new IntArrayList();
        final IntArrayList item = new IntArrayList();
        final DoubleArrayList quantity = new DoubleArrayList();
        final DoubleArrayList amount = new DoubleArrayList();
        final int[] segment;
        final double[] acquisition;
        final double[] lambda;
        final double[] dropout;
        final double[] nu;
        final double[] death;
        final int[] repeats;
        final double[] taste;
        /** Where this chunk's rows and invoices start in the merged log; set before the merge. */
        int rowOffset;
        int invoiceOffset;

        Chunk(int firstCustomer, int size, int categories) {
            this.firstCustomer = firstCustomer;
            this.size = size;
            segment = new int[size];
            acquisition = new double[size];
            lambda = new double[size];
            dropout = new double[size];
            nu = new double[size];
            death = new double[size];
            repeats = new int[size];
            taste = new double[size * categories];
        }

        int rows() {
            return amount.size();
        }

        int invoices() {
            return invoiceLines.size();
        }
    }

    private Chunk generateChunk(Plan plan, int chunkIndex, RandomVariates rng) {
        int first = chunkIndex * CHUNK_CUSTOMERS;
        int size = Math.min(CHUNK_CUSTOMERS, customers - first);
        int nCat = plan.categoryCount;
        Chunk out = new Chunk(first, size, nCat);
        double[] tasteCumulative = new double[nCat];
        double[] lineWeights = new double[(int) SegmentProfile.MAX_LINES_PER_ORDER * 4];
        for (int j = 0; j < size; j++) {
            int s = pick(rng, plan.segmentCumulative, plan.segmentCumulative.length - 1);
            SegmentProfile seg = plan.segments[s];
            double t = rng.nextDouble() * plan.acquisitionUnits;
            double lambda = rng.gamma(seg.r()) / seg.alpha();
            double dropout = rng.beta(seg.a(), seg.b());
            double nu = rng.gamma(seg.q()) / seg.v();
            drawTaste(rng, plan, s, out.taste, j * nCat);
            double sum = 0.0;
            for (int c = 0; c < nCat; c++) {
                sum += out.taste[j * nCat + c];
                tasteCumulative[c] = sum;
            }
            int lastCategory = nCat - 1;
            while (lastCategory > 0 && !(out.taste[j * nCat + lastCategory] > 0.0)) {
                lastCategory--;
            }
            out.segment[j] = s;
            out.acquisition[j] = t;
            out.lambda[j] = lambda;
            out.dropout[j] = dropout;
            out.nu[j] = nu;
            double death = Double.NaN;
            int repeats = 0;
            emitOrder(rng, plan, out, j, s, seg, nu, t, tasteCumulative, lastCategory, lineWeights);
            while (true) {
                t += rng.exponential() / lambda;
                if (!(t < plan.endUnits)) {
                    break;
                }
                emitOrder(rng, plan, out, j, s, seg, nu, t, tasteCumulative, lastCategory, lineWeights);
                repeats++;
                if (rng.nextDouble() < dropout) {
                    death = t;
                    break;
                }
            }
            out.death[j] = death;
            out.repeats[j] = repeats;
        }
        return out;
    }

    private static void drawTaste(RandomVariates rng, Plan plan, int s, double[] taste, int offset) {
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

    private static void emitOrder(RandomVariates rng, Plan plan, Chunk out, int localCustomer, int s,
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
            out.quantity.add(Math.max(1.0, Math.rint(amount / plan.itemPrice[item])));
            out.amount.add(amount);
        }
        if (out.amount.size() > MAX_ROWS) {
            throw new IllegalStateException(tooManyRows(out.amount.size()));
        }
    }

    static String tooManyRows(long rows) {
        return "the simulated log must have at most " + MAX_ROWS + " rows, found " + rows
                + " (lower customers or the segments' purchase rates)";
    }

    private static double clampPositive(double x) {
        if (!(x >= Double.MIN_VALUE)) {
            return Double.MIN_VALUE;
        }
        return Math.min(x, Double.MAX_VALUE);
    }

    private static String pad(int x, int width) {
        String s = Integer.toString(x);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    /**
     * Builds a {@link RetailSimulator}. Setters check their own argument; {@link #build()} checks the
     * combinations (dates in order, one taste weight per category and one mix weight per channel) and does not
     * change the builder.
     *
     * <p>Builders are mutable and not thread-safe.
     */
    public static final class Builder {
        private int customers = 37_000;
        private long seed = 42L;
        private LocalDate start = LocalDate.of(2023, 1, 1);
        private LocalDate acquisitionEnd = LocalDate.of(2023, 12, 31);
        private LocalDate end = LocalDate.of(2024, 12, 31);
        private Duration unit = Duration.ofDays(7);
        private List<SegmentProfile> segments = SegmentProfile.defaults();
        private List<String> categories = DEFAULT_CATEGORIES;
        private int itemsPerCategory = 50;
        private double zipfExponent = 1.0;
        private double itemPriceMedian = 10.0;
        private List<String> channels = DEFAULT_CHANNELS;
        private double tasteConcentration = 10.0;
        private int threads = 1;

        private Builder() {
        }

        /**
         * Sets the number of customers (default 37,000: about one million rows with the other defaults).
         *
         * @param customers the count, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder customers(int customers) {
            if (customers < 1) {
                throw new IllegalArgumentException("customers must be >= 1, found " + customers);
            }
            this.customers = customers;
            return this;
        }

        /**
         * Sets the seed (default 42).
         *
         * @param seed any value
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the first day of acquisition and observation (default 2023-01-01).
         *
         * @param start the date; not null
         * @return this builder
         */
        public Builder start(LocalDate start) {
            this.start = Objects.requireNonNull(start, "start");
            return this;
        }

        /**
         * Sets the last acquisition day, included (default 2023-12-31); {@code build()} checks it is on or
         * after {@code start}.
         *
         * @param acquisitionEnd the date; not null
         * @return this builder
         */
        public Builder acquisitionEnd(LocalDate acquisitionEnd) {
            this.acquisitionEnd = Objects.requireNonNull(acquisitionEnd, "acquisitionEnd");
            return this;
        }

        /**
         * Sets the last observed day, included (default 2024-12-31); {@code build()} checks it is on or after
         * {@code acquisitionEnd}.
         *
         * @param end the date; not null
         * @return this builder
         */
        public Builder end(LocalDate end) {
            this.end = Objects.requireNonNull(end, "end");
            return this;
        }

        /**
         * Sets the time unit of the segments' BG/NBD rates (default one week, {@code PT168H}).
         *
         * @param unit a positive duration; not null
         * @return this builder
         * @throws IllegalArgumentException if zero or negative
         */
        public Builder unit(Duration unit) {
            Objects.requireNonNull(unit, "unit");
            if (unit.isNegative() || unit.isZero()) {
                throw new IllegalArgumentException("unit must be positive, found " + unit);
            }
            this.unit = unit;
            return this;
        }

        /**
         * Sets the segments (default {@link SegmentProfile#defaults()}).
         *
         * @param segments one or more profiles with distinct names; not null. Not modified.
         * @return this builder
         * @throws IllegalArgumentException if empty or if two names are equal
         */
        public Builder segments(List<SegmentProfile> segments) {
            Objects.requireNonNull(segments, "segments");
            List<SegmentProfile> copy = List.copyOf(segments);
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("segments must not be empty, found []");
            }
            HashSet<String> names = new HashSet<>();
            for (SegmentProfile s : copy) {
                if (!names.add(s.name())) {
                    throw new IllegalArgumentException(
                            "segments must have distinct names, found '" + s.name() + "' twice");
                }
            }
            this.segments = copy;
            return this;
        }

        /**
         * Sets the segments (default {@link SegmentProfile#defaults()}).
         *
         * @param segments one or more profiles with distinct names; not null. Not modified.
         * @return this builder
         * @throws IllegalArgumentException if empty or if two names are equal
         */
        public Builder segments(SegmentProfile... segments) {
            return segments(List.of(Objects.requireNonNull(segments, "segments")));
        }

        /**
         * Sets the product categories (default {@link RetailSimulator#DEFAULT_CATEGORIES}).
         *
         * @param categories one or more distinct, non-blank names; not null. Not modified.
         * @return this builder
         * @throws IllegalArgumentException if empty, blank or repeated
         */
        public Builder categories(List<String> categories) {
            this.categories = names("categories", categories);
            return this;
        }

        /**
         * Sets the number of items per category (default 50).
         *
         * @param itemsPerCategory the count, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder itemsPerCategory(int itemsPerCategory) {
            if (itemsPerCategory < 1 || itemsPerCategory > 9999) {
                throw new IllegalArgumentException("itemsPerCategory must be in [1, 9999], found "
                        + itemsPerCategory);
            }
            this.itemsPerCategory = itemsPerCategory;
            return this;
        }

        /**
         * Sets the Zipf exponent of item popularity within a category (default 1; 0 is uniform).
         *
         * @param zipfExponent the exponent, finite and {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if negative or not finite
         */
        public Builder zipfExponent(double zipfExponent) {
            if (!(zipfExponent >= 0.0) || zipfExponent == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("zipfExponent must be finite and >= 0, found " + zipfExponent);
            }
            this.zipfExponent = zipfExponent;
            return this;
        }

        /**
         * Sets the median list price of items (default 10), which sets line quantities.
         *
         * @param itemPriceMedian the median, finite and &gt; 0
         * @return this builder
         * @throws IllegalArgumentException if not finite and positive
         */
        public Builder itemPriceMedian(double itemPriceMedian) {
            SegmentProfile.requirePositive("itemPriceMedian", itemPriceMedian);
            this.itemPriceMedian = itemPriceMedian;
            return this;
        }

        /**
         * Sets the sales channels (default {@link RetailSimulator#DEFAULT_CHANNELS}).
         *
         * @param channels one or more distinct, non-blank names; not null. Not modified.
         * @return this builder
         * @throws IllegalArgumentException if empty, blank or repeated
         */
        public Builder channels(List<String> channels) {
            this.channels = names("channels", channels);
            return this;
        }

        /**
         * Sets how closely customers' category tastes follow their segment's (default 10): a customer's taste
         * is {@code Dirichlet(tasteConcentration * segmentTaste)}, so larger is closer;
         * {@code Double.POSITIVE_INFINITY} gives every customer exactly the segment's taste.
         *
         * @param tasteConcentration &gt; 0, possibly infinite
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder tasteConcentration(double tasteConcentration) {
            if (!(tasteConcentration > 0.0)) {
                throw new IllegalArgumentException(
                        "tasteConcentration must be > 0, found " + tasteConcentration);
            }
            this.tasteConcentration = tasteConcentration;
            return this;
        }

        /**
         * Sets the number of threads (default 1). The results do not depend on it.
         *
         * @param threads the count, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, found " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * Checks the combination of settings and builds the simulator. The builder is not changed.
         *
         * @return the immutable simulator
         * @throws IllegalArgumentException if {@code acquisitionEnd} is before {@code start}, {@code end} is
         *     before {@code acquisitionEnd}, a segment's non-empty taste or mix has the wrong length, or
         *     {@code customers} times the number of categories exceeds {@code Integer.MAX_VALUE - 8}
         */
        public RetailSimulator build() {
            if (acquisitionEnd.isBefore(start)) {
                throw new IllegalArgumentException("acquisitionEnd must be on or after start (" + start
                        + "), found " + acquisitionEnd);
            }
            if (end.isBefore(acquisitionEnd)) {
                throw new IllegalArgumentException("end must be on or after acquisitionEnd (" + acquisitionEnd
                        + "), found " + end);
            }
            long maxCustomers = MAX_ROWS / categories.size();
            if (customers > maxCustomers) {
                throw new IllegalArgumentException("customers must be <= " + maxCustomers + " with "
                        + categories.size() + " categories (the truth keeps a taste per customer), found "
                        + customers);
            }
            for (int s = 0; s < segments.size(); s++) {
                SegmentProfile seg = segments.get(s);
                int nTaste = seg.categoryTaste().length;
                if (nTaste != 0 && nTaste != categories.size()) {
                    throw new IllegalArgumentException("segments[" + s + "].categoryTaste must have "
                            + categories.size() + " weights (one per category), found " + nTaste);
                }
                int nMix = seg.channelMix().length;
                if (nMix != 0 && nMix != channels.size()) {
                    throw new IllegalArgumentException("segments[" + s + "].channelMix must have "
                            + channels.size() + " weights (one per channel), found " + nMix);
                }
            }
            return new RetailSimulator(this);
        }

        private static List<String> names(String param, List<String> names) {
            Objects.requireNonNull(names, param);
            List<String> copy = List.copyOf(names);
            if (copy.isEmpty()) {
                throw new IllegalArgumentException(param + " must not be empty, found []");
            }
            HashSet<String> seen = new HashSet<>();
            for (String n : copy) {
                if (n.isBlank()) {
                    throw new IllegalArgumentException(param + " must not be blank, found '" + n + "'");
                }
                if (!seen.add(n)) {
                    throw new IllegalArgumentException(param + " must be distinct, found '" + n + "' twice");
                }
            }
            return copy;
        }
    }
}
