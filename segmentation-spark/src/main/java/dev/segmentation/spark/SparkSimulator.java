package dev.segmentation.spark;

import dev.segmentation.data.ColumnMapping;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.SegmentProfile;
import dev.segmentation.data.SimulatedCustomers;
import dev.segmentation.data.TransactionCsv;
import dev.segmentation.internal.ParamChecks;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The built-in {@link RetailSimulator} as a Spark source: the same customers and lines as
 * {@link RetailSimulator#generate()} for the same settings, generated inside partitions, so that scale runs
 * need no input file and the driver never holds the log.
 *
 * <pre>{@code
 * RetailSimulator sim = RetailSimulator.builder().customers(1_000_000).seed(42).build();
 * Dataset<Row> lines = SparkSimulator.lines(spark, sim, 64);   // SparkIngest.LINE_SCHEMA
 * SparkSimulator.CachedLines kept = SparkSimulator.cachedLines(spark, sim, 64); // generated once, kept
 * Dataset<Row> table = SparkSimulator.table(spark, sim, 64);   // TABLE_SCHEMA, e.g. to write as Parquet
 * }</pre>
 *
 * <h2>How it generates</h2>
 * Partition {@code i} of {@code n} generates the customers of the simulator's generation chunks
 * {@code [i * chunks / n, (i + 1) * chunks / n)} with {@link RetailSimulator#generateCustomers(int, int)}, which
 * makes exactly the draws of the single-JVM run for them. Invoice ids are numbered over the whole log and as
 * wide as its invoice count, so a first job ({@code simulator: count invoices per partition}) generates every
 * partition once and collects one pair of counts per partition (n rows, not proportional to customers); the
 * second pass generates again and numbers rows and invoices from the partition offsets. Generation costs
 * about 0.15 s of CPU per million rows, so the second pass is cheaper than caching the first in Spark's columnar
 * cache; {@link #cachedLines} keeps the first pass's lines as compact arrays instead (a run reads the lines a
 * dozen times). The lines are made as Spark's internal rows (UTF-8 strings, no external {@code Row}). The rows,
 * their order and every field are identical whatever the number of partitions.
 *
 * <p>The simulator's settings travel to executors as plain values (its builder is replayed there), never by
 * Java serialization of library classes. Stateless; safe for concurrent use. Null is never accepted or returned.
 */
public final class SparkSimulator {
    /** Column of {@link #TABLE_SCHEMA}: the customer id ({@code C...}). */
    public static final String CUSTOMER_ID = "customer_id";
    /** Column: the invoice id ({@code I...}). */
    public static final String INVOICE = "invoice";
    /** Column: the item id ({@code SKU-cc-iiii}). */
    public static final String ITEM = "item";
    /** Column: the purchase time, a wall-clock timestamp without time zone. */
    public static final String DATE = "date";
    /** Column: the quantity. */
    public static final String QUANTITY = "quantity";
    /** Column: the line's amount. */
    public static final String AMOUNT = "amount";
    /** Column: the sales channel. */
    public static final String CHANNEL = "channel";
    /** Column: the product category. */
    public static final String CATEGORY = "category";

    /** The schema of {@link #table}: the simulator's lines as a file would hold them. */
    public static final StructType TABLE_SCHEMA = new StructType(new StructField[] {
        field(CUSTOMER_ID, DataTypes.StringType), field(INVOICE, DataTypes.StringType),
        field(ITEM, DataTypes.StringType), field(DATE, DataTypes.TimestampNTZType),
        field(QUANTITY, DataTypes.DoubleType), field(AMOUNT, DataTypes.DoubleType),
        field(CHANNEL, DataTypes.StringType), field(CATEGORY, DataTypes.StringType)});

    private SparkSimulator() {
    }

    /**
     * Returns the simulator's item ids in the order of its log's item dictionary: the whole catalogue,
     * {@code SKU-cc-iiii} for each category {@code cc} and rank {@code iiii} within it, bought or not (for
     * {@link SparkSegmentation#itemOrder}).
     *
     * @param simulator the simulator; not null
     * @return a new list of {@code categories x itemsPerCategory} ids
     */
    public static List<String> itemIds(RetailSimulator simulator) {
        Objects.requireNonNull(simulator, "simulator");
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < simulator.categories().size(); c++) {
            for (int k = 0; k < simulator.itemsPerCategory(); k++) {
                ids.add(String.format(java.util.Locale.ROOT, "SKU-%02d-%04d", c + 1, k + 1));
            }
        }
        return ids;
    }

    private static StructField field(String name, org.apache.spark.sql.types.DataType type) {
        return new StructField(name, type, false, Metadata.empty());
    }

    /**
     * Returns the reading options that map {@link #TABLE_SCHEMA}'s columns (customer, date, amount, quantity,
     * invoice, item, channel, category) with the default cleaning rules, for {@link SparkIngest#builder}.
     *
     * @return the options
     */
    public static TransactionCsv.Options tableOptions() {
        ColumnMapping mapping = ColumnMapping.of(CUSTOMER_ID, DATE, AMOUNT).quantity(QUANTITY).invoice(INVOICE)
                .item(ITEM).channel(CHANNEL).category(CATEGORY);
        return TransactionCsv.Options.builder(mapping, StandardCharsets.UTF_8).dateFormat("yyyy-MM-dd HH:mm:ss")
                .build();
    }

    /** Customers per partition at most for {@link #partitions}: about a million lines (27 per customer). */
    public static final int CUSTOMERS_PER_PARTITION = 40_000;

    /**
     * A partition count for {@code customers} simulated customers: Spark's default parallelism, or more so that a
     * partition holds at most {@link #CUSTOMERS_PER_PARTITION} customers (each task generates its partition's
     * customers in memory, so two partitions of 1 M customers would hold 13.5 M lines each). The lines do not
     * depend on it.
     *
     * @param spark the session; not null
     * @param customers the number of customers, {@code >= 1}
     * @return the partition count, {@code >= 1}
     * @throws IllegalArgumentException if {@code customers < 1}
     */
    public static int partitions(SparkSession spark, int customers) {
        Objects.requireNonNull(spark, "spark");
        ParamChecks.atLeast("customers", customers, 1);
        int bySize = (int) ((customers + (long) CUSTOMERS_PER_PARTITION - 1) / CUSTOMERS_PER_PARTITION);
        return Math.max(Math.max(1, spark.sparkContext().defaultParallelism()), bySize);
    }

    /**
     * Generates the simulator's lines in {@link SparkIngest#LINE_SCHEMA}, as {@link SparkIngest} would read them
     * ({@code line} is the 1-based row of the single-JVM log, {@code non_product} false, no {@code description}: the
     * simulator's log has none).
     *
     * @param spark the session; not null
     * @param simulator the settings; not null (its thread count plays no part)
     * @param partitions the number of partitions, {@code >= 1}; more than the simulator's chunks leaves some empty
     * @return the lines, in the single-JVM log's order
     * @throws IllegalArgumentException if {@code partitions < 1}
     */
    public static Dataset<Row> lines(SparkSession spark, RetailSimulator simulator, int partitions) {
        return generateLines(spark, simulator, partitions, StorageLevel.NONE()).lines();
    }

    /**
     * Generates the simulator's lines as {@link #lines} does, and keeps each partition's lines in memory (spilling to
     * disk if they do not fit) as compact arrays: about 20 bytes a line and 17 an invoice. The first job
     * ({@code simulator: count invoices per partition}) generates and keeps them; each use of
     * {@link CachedLines#lines()} then makes Spark's rows from the kept arrays without generating again. This is
     * what a run over the simulator should use: Spark's own cache of {@link #lines} ({@code Dataset.cache()})
     * holds the same lines, but building its compressed columns costs several times the generation's CPU.
     *
     * @param spark the session; not null
     * @param simulator the settings; not null (its thread count plays no part)
     * @param partitions the number of partitions, {@code >= 1}; more than the simulator's chunks leaves some empty
     * @return the kept lines; call {@link CachedLines#unpersist()} when done
     * @throws IllegalArgumentException if {@code partitions < 1}
     */
    public static CachedLines cachedLines(SparkSession spark, RetailSimulator simulator, int partitions) {
        return generateLines(spark, simulator, partitions, StorageLevel.MEMORY_AND_DISK());
    }

    /**
     * The simulator's lines kept by {@link #cachedLines}: the same rows as {@link #lines}, read from memory.
     * Safe for concurrent use; {@link #unpersist()} releases the memory (using {@link #lines()} after generates
     * again, with the same rows).
     */
    public static final class CachedLines {
        private final Dataset<Row> lines;
        private final JavaRDD<SimulatedBlock> blocks;
        private final long lineCount;

        private CachedLines(Dataset<Row> lines, JavaRDD<SimulatedBlock> blocks, long lineCount) {
            this.lines = lines;
            this.blocks = blocks;
            this.lineCount = lineCount;
        }

        /**
         * Returns the number of lines, counted when they were generated (no job). Every line has a channel and a
         * category, as the single-JVM simulator's.
         *
         * @return the number of rows of {@link #lines()}
         */
        public long lineCount() {
            return lineCount;
        }

        /**
         * Returns the lines in {@link SparkIngest#LINE_SCHEMA}, in the single-JVM log's order.
         *
         * @return the lines
         */
        public Dataset<Row> lines() {
            return lines;
        }

        /** Releases the kept lines (non-blocking). */
        public void unpersist() {
            blocks.unpersist(false);
        }
    }

    private static CachedLines generateLines(SparkSession spark, RetailSimulator simulator, int partitions,
            StorageLevel level) {
        Partitions plan = Partitions.of(spark, simulator, partitions);
        Spec spec = plan.spec;
        int chunks = plan.chunks;
        JavaRDD<SimulatedBlock> blocks = plan.indices
                .map(i -> SimulatedBlock.of(range(spec, i, partitions, chunks), spec.simulator()));
        if (!level.equals(StorageLevel.NONE())) {
            blocks = blocks.persist(level);
        }
        JavaRDD<SimulatedBlock> kept = blocks;
        List<long[]> counts = Jobs.run(spark, "simulator: count invoices per partition",
                () -> kept.mapPartitionsWithIndex((i, it) -> {
                    List<long[]> c = new ArrayList<>();
                    while (it.hasNext()) {
                        SimulatedBlock b = it.next();
                        c.add(new long[] {i, b.rowCount(), b.invoiceCount()});
                    }
                    return c.iterator();
                }, true).collect());
        long[] rowOffset = new long[partitions];
        long[] invoiceOffset = new long[partitions];
        int invoiceTotal = offsets(counts, rowOffset, invoiceOffset);
        JavaRDD<InternalRow> out = kept.mapPartitionsWithIndex((i, it) -> {
            if (!it.hasNext()) {
                return java.util.Collections.emptyIterator();
            }
            return it.next().rows(spec.simulator(), rowOffset[i], (int) invoiceOffset[i], invoiceTotal);
        }, true);
        // Spark's internal rows straight into a DataFrame: createDataFrame of external Rows would convert every
        // field of every row on every scan. internalCreateDataFrame is private[sql] in Scala, public in bytecode.
        Dataset<Row> lines = ((org.apache.spark.sql.classic.SparkSession) spark)
                .internalCreateDataFrame(out.rdd(), SparkIngest.LINE_SCHEMA, false);
        long lineCount = 0;
        for (long[] c : counts) {
            lineCount += c[1];
        }
        return new CachedLines(lines, kept, lineCount);
    }

    /**
     * Generates the simulator's lines in {@link #TABLE_SCHEMA}.
     *
     * @param spark the session; not null
     * @param simulator the settings; not null
     * @param partitions the number of partitions, {@code >= 1}
     * @return the lines, in the single-JVM log's order
     * @throws IllegalArgumentException if {@code partitions < 1}
     */
    public static Dataset<Row> table(SparkSession spark, RetailSimulator simulator, int partitions) {
        return generate(spark, simulator, partitions);
    }

    private static Dataset<Row> generate(SparkSession spark, RetailSimulator simulator, int partitions) {
        Partitions plan = Partitions.of(spark, simulator, partitions);
        Spec spec = plan.spec;
        int chunks = plan.chunks;
        JavaRDD<Integer> parts = plan.indices;
        List<long[]> counts = Jobs.run(spark, "simulator: count invoices per partition", () -> parts.map(i -> {
            SimulatedCustomers c = range(spec, i, partitions, chunks);
            return new long[] {i, c.rowCount(), c.invoiceCount()};
        }).collect());
        long[] rowOffset = new long[partitions];
        long[] invoiceOffset = new long[partitions];
        int invoiceTotal = offsets(counts, rowOffset, invoiceOffset);
        JavaRDD<Row> out = parts.mapPartitions(it -> {
            List<Row> none = List.of();
            if (!it.hasNext()) {
                return none.iterator();
            }
            int i = it.next();
            return new Rows(range(spec, i, partitions, chunks), rowOffset[i], (int) invoiceOffset[i], invoiceTotal);
        });
        return spark.createDataFrame(out, TABLE_SCHEMA);
    }

    /** A run's partition plan: the simulator's settings as plain values, its chunks and one index per partition. */
    private static final class Partitions {
        final Spec spec;
        final int chunks;
        final JavaRDD<Integer> indices;

        private Partitions(Spec spec, int chunks, JavaRDD<Integer> indices) {
            this.spec = spec;
            this.chunks = chunks;
            this.indices = indices;
        }

        static Partitions of(SparkSession spark, RetailSimulator simulator, int partitions) {
            Objects.requireNonNull(spark, "spark");
            Objects.requireNonNull(simulator, "simulator");
            ParamChecks.atLeast("partitions", partitions, 1);
            int chunks = (simulator.customers() + RetailSimulator.CHUNK_CUSTOMERS - 1)
                    / RetailSimulator.CHUNK_CUSTOMERS;
            List<Integer> indices = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                indices.add(i);
            }
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            return new Partitions(new Spec(simulator), chunks, sc.parallelize(indices, partitions));
        }
    }

    /**
     * Fills each partition's first row and invoice number from the per-partition counts ({partition, rows,
     * invoices}, one per partition, in any order) and returns the number of invoices, checked to fit an int as the
     * single-JVM simulator's invoice numbers do.
     */
    private static int offsets(List<long[]> counts, long[] rowOffset, long[] invoiceOffset) {
        long[][] byPartition = new long[rowOffset.length][];
        for (long[] c : counts) {
            byPartition[(int) c[0]] = c;
        }
        long rows = 0;
        long invoices = 0;
        for (int i = 0; i < byPartition.length; i++) {
            rowOffset[i] = rows;
            invoiceOffset[i] = invoices;
            rows += byPartition[i][1];
            invoices += byPartition[i][2];
        }
        return Math.toIntExact(invoices);
    }

    private static SimulatedCustomers range(Spec spec, int partition, int partitions, int chunks) {
        RetailSimulator sim = spec.simulator();
        long firstChunk = (long) partition * chunks / partitions;
        long endChunk = (long) (partition + 1) * chunks / partitions;
        int from = (int) Math.min(firstChunk * RetailSimulator.CHUNK_CUSTOMERS, sim.customers());
        int to = (int) Math.min(endChunk * RetailSimulator.CHUNK_CUSTOMERS, sim.customers());
        return sim.generateCustomers(from, to);
    }

    /** One partition's rows of {@link #TABLE_SCHEMA}, made lazily from its customers. */
    private static final class Rows implements Iterator<Row> {
        private final SimulatedCustomers c;
        private final long rowOffset;
        private final int invoiceOffset;
        private final int invoiceTotal;
        private int row;

        Rows(SimulatedCustomers c, long rowOffset, int invoiceOffset, int invoiceTotal) {
            this.c = c;
            this.rowOffset = rowOffset;
            this.invoiceOffset = invoiceOffset;
            this.invoiceTotal = invoiceTotal;
        }

        @Override
        public boolean hasNext() {
            return row < c.rowCount();
        }

        @Override
        public Row next() {
            if (row >= c.rowCount()) {
                throw new NoSuchElementException();
            }
            int r = row++;
            String invoice = SimulatedCustomers.invoiceId(invoiceOffset + c.invoice(r), invoiceTotal);
            LocalDateTime time = LocalDateTime.ofEpochSecond(c.epochSecond(r), 0, ZoneOffset.UTC);
            return RowFactory.create(c.customerId(r), invoice, c.itemId(r), time, c.quantity(r), c.amount(r),
                    c.channelId(r), c.categoryId(r));
        }
    }

    /** A simulator's settings as plain values, replayed through its builder on executors. */
    static final class Spec implements Serializable {
        private static final long serialVersionUID = 1L;
        private final int customers;
        private final long seed;
        private final LocalDate start;
        private final LocalDate acquisitionEnd;
        private final LocalDate end;
        private final Duration unit;
        private final ArrayList<String> categories;
        private final int itemsPerCategory;
        private final double zipfExponent;
        private final double itemPriceMedian;
        private final ArrayList<String> channels;
        private final double tasteConcentration;
        private final ArrayList<String> segmentNames = new ArrayList<>();
        private final ArrayList<double[]> segmentValues = new ArrayList<>();
        private final ArrayList<double[]> segmentTastes = new ArrayList<>();
        private final ArrayList<double[]> segmentMixes = new ArrayList<>();
        private transient RetailSimulator built;

        Spec(RetailSimulator s) {
            customers = s.customers();
            seed = s.seed();
            start = s.start();
            acquisitionEnd = s.acquisitionEnd();
            end = s.end();
            unit = s.unit();
            categories = new ArrayList<>(s.categories());
            itemsPerCategory = s.itemsPerCategory();
            zipfExponent = s.zipfExponent();
            itemPriceMedian = s.itemPriceMedian();
            channels = new ArrayList<>(s.channels());
            tasteConcentration = s.tasteConcentration();
            for (SegmentProfile p : s.segments()) {
                segmentNames.add(p.name());
                segmentValues.add(new double[] {p.share(), p.r(), p.alpha(), p.a(), p.b(), p.p(), p.q(), p.v(),
                    p.linesPerOrder()});
                segmentTastes.add(p.categoryTaste());
                segmentMixes.add(p.channelMix());
            }
        }

        synchronized RetailSimulator simulator() {
            if (built == null) {
                List<SegmentProfile> segments = new ArrayList<>();
                for (int k = 0; k < segmentNames.size(); k++) {
                    double[] v = segmentValues.get(k);
                    SegmentProfile.Builder b = SegmentProfile.builder(segmentNames.get(k)).share(v[0])
                            .bgNbd(v[1], v[2], v[3], v[4]).gammaGamma(v[5], v[6], v[7]).linesPerOrder(v[8]);
                    if (segmentTastes.get(k).length > 0) {
                        b.categoryTaste(segmentTastes.get(k));
                    }
                    if (segmentMixes.get(k).length > 0) {
                        b.channelMix(segmentMixes.get(k));
                    }
                    segments.add(b.build());
                }
                built = RetailSimulator.builder().customers(customers).seed(seed).start(start)
                        .acquisitionEnd(acquisitionEnd).end(end).unit(unit).segments(segments).categories(categories)
                        .itemsPerCategory(itemsPerCategory).zipfExponent(zipfExponent).itemPriceMedian(itemPriceMedian)
                        .channels(channels).tasteConcentration(tasteConcentration).build();
            }
            return built;
        }
    }
}
