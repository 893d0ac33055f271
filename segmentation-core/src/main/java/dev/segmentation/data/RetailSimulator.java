package dev.segmentation.data;

import dev.segmentation.internal.ChunkRunner;
import dev.segmentation.internal.ParamChecks;
import java.time.Duration;
import java.time.LocalDate;
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
 * <p>{@link #generateCustomers(int, int)} generates any range of customers alone with the same draws, so that
 * machines or Spark partitions can each make their own customers and together the same log.
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
    /**
     * Lines per worker slab in {@link #generate()} (issue 19): 12 MiB of items and amounts, so that the slabs are
     * allocated outside G1's young generation for any heap up to 16 GB (regions of at most 8 MiB at that size)
     * and hold about 20 of the simulator's default chunks.
     */
    static final int SLAB_ROWS = 1 << 20;
    /** Invoices per worker slab in {@link #generate()}: 5 MiB, for about as many chunks as {@link #SLAB_ROWS}. */
    static final int SLAB_INVOICES = 1 << 18;

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
        return generate(SLAB_ROWS, SLAB_INVOICES);
    }

    /** {@link #generate()} with the workers' slabs of the given sizes (tests use small ones). */
    SimulatedRetail generate(int slabRows, int slabInvoices) {
        long started = System.nanoTime();
        SplittableRandom root = new SplittableRandom(seed);
        SimulationPlan plan = new SimulationPlan(this, new RandomVariates(root.split()));
        int chunks = chunkCount();
        SplittableRandom[] rngs = new SplittableRandom[chunks];
        for (int k = 0; k < chunks; k++) {
            rngs[k] = root.split();
        }
        CustomerGeneration.Chunk[] done = new CustomerGeneration.Chunk[chunks];
        CustomerGeneration.Truth truth = new CustomerGeneration.Truth(customers, plan.categoryCount);
        SimulatedRetail result;
        try (ChunkRunner runner = new ChunkRunner(Math.min(threads, chunks), "simulator")) {
            CustomerGeneration.Scratch[] scratch = new CustomerGeneration.Scratch[runner.workers()];
            CustomerGeneration.Slabs[] slabs = new CustomerGeneration.Slabs[runner.workers()];
            runner.run(chunks, (k, worker) -> {
                if (scratch[worker] == null) {
                    scratch[worker] = new CustomerGeneration.Scratch();
                    slabs[worker] = new CustomerGeneration.Slabs(slabRows, slabInvoices);
                }
                int first = k * CHUNK_CUSTOMERS;
                done[k] = CustomerGeneration.generate(plan, first, Math.min(CHUNK_CUSTOMERS, customers - first),
                        new RandomVariates(rngs[k]), scratch[worker], truth, slabs[worker]);
                rngs[k] = null;
            });
            result = SimulationMerge.merge(this, plan, done, truth, runner);
        }
        LOG.info("simulated {} rows, {} customers, {} invoices in {} ms", result.log().size(), customers,
                result.log().invoiceCount(), (System.nanoTime() - started) / 1_000_000L);
        return result;
    }

    /**
     * Simulates only the customers with indices {@code from} (included) to {@code to} (excluded), with exactly
     * the draws {@link #generate()} makes for them: their rows, in the log's order, equal the log's rows of
     * those customers, field for field. Any range can be generated alone, in any order, on any machine (a
     * Spark partition generates its own customers this way); ranges that start and end on multiples of
     * {@value #CHUNK_CUSTOMERS} cost no more than their share of {@code generate()}, others also generate the
     * rest of their first and last chunks. Single-threaded; logs nothing.
     *
     * @param from the first customer index, {@code 0 <= from <= to}
     * @param to the customer index after the last, {@code <= customers()}
     * @return the customers' rows, invoices numbered from 0 within the range
     * @throws IllegalArgumentException if the range is not within {@code [0, customers()]} or {@code from > to}
     */
    public SimulatedCustomers generateCustomers(int from, int to) {
        if (from < 0 || from > to || to > customers) {
            throw new IllegalArgumentException("customer range must be within [0, " + customers + "] with from <= to,"
                    + " found [" + from + ", " + to + ")");
        }
        SplittableRandom root = new SplittableRandom(seed);
        SimulationPlan plan = new SimulationPlan(this, new RandomVariates(root.split()));
        List<CustomerGeneration.Chunk> chunks = new ArrayList<>();
        if (from < to) {
            int firstChunk = from / CHUNK_CUSTOMERS;
            int lastChunk = (to - 1) / CHUNK_CUSTOMERS;
            for (int k = 0; k < firstChunk; k++) {
                root.split();
            }
            CustomerGeneration.Scratch scratch = new CustomerGeneration.Scratch();
            for (int k = firstChunk; k <= lastChunk; k++) {
                chunks.add(generateChunk(plan, k, new RandomVariates(root.split()), scratch));
            }
        }
        return new SimulatedCustomers(this, plan, chunks, from, to);
    }

    /** The number of generation chunks: {@code ceil(customers / CHUNK_CUSTOMERS)}. */
    int chunkCount() {
        return (customers + CHUNK_CUSTOMERS - 1) / CHUNK_CUSTOMERS;
    }

    private CustomerGeneration.Chunk generateChunk(SimulationPlan plan, int chunkIndex, RandomVariates rng,
            CustomerGeneration.Scratch scratch) {
        int first = chunkIndex * CHUNK_CUSTOMERS;
        int size = Math.min(CHUNK_CUSTOMERS, customers - first);
        return CustomerGeneration.generate(plan, first, size, rng, scratch);
    }

    static String tooManyRows(long rows) {
        return "the simulated log must have at most " + MAX_ROWS + " rows, found " + rows
                + " (lower customers or the segments' purchase rates)";
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
            this.customers = ParamChecks.atLeast("customers", customers, 1);
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
            this.unit = ParamChecks.positive("unit", unit);
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
            List<SegmentProfile> copy = List.copyOf(ParamChecks.nonEmpty("segments", segments));
            HashSet<String> names = new HashSet<>();
            for (SegmentProfile s : copy) {
                if (!names.add(s.name())) {
                    throw new IllegalArgumentException(
                            "segments must have distinct names, found \"" + s.name() + "\" twice");
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
            this.itemsPerCategory = (int) ParamChecks.inRange("itemsPerCategory", itemsPerCategory, 1, 9999);
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
            this.zipfExponent = ParamChecks.nonNegative("zipfExponent", zipfExponent);
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
            this.threads = ParamChecks.threads(threads);
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
            String[] copy = ParamChecks.names(param, names);
            for (String n : copy) {
                ParamChecks.nonBlank(param, n);
            }
            return List.of(copy);
        }
    }
}
