package dev.segmentation.spark;

import dev.segmentation.InvalidDataException;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.drift.DriftReport;
import dev.segmentation.drift.PopulationStabilityModel;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.features.QuantileBinnerModel;
import dev.segmentation.persist.ModelBundle;
import dev.segmentation.persist.ModelJson;
import dev.segmentation.pipeline.BundleScorer;
import dev.segmentation.pipeline.ScoreDrift;
import dev.segmentation.pipeline.SegmentCatalog;
import dev.segmentation.pipeline.SegmentMovement;
import dev.segmentation.pipeline.SegmentationResult;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Customers scored in Spark with a saved pipeline bundle (e.g. written by {@code run --save-models}): one row per
 * customer with the columns of the single-JVM {@code customers.csv}.
 *
 * <pre>{@code
 * ModelBundle bundle = ModelJson.read(file, ModelBundle.class);
 * Dataset<Row> customers = SparkScoring.score(lines, bundle, LocalDate.of(2011, 12, 10));
 * }</pre>
 *
 * <p><b>How.</b> The bundle is checked on the driver by {@link BundleScorer#of} (a missing entry or an entry of
 * the wrong type is refused with its message before any job), and one small job checks the as-of date against
 * the lines' first and last dates as {@link BundleScorer#score} does. The bundle then travels to the executors as
 * its {@link ModelJson} text in a broadcast variable (never Java serialization). The lines before the as-of date
 * are partitioned by customer and sorted by {@link SparkIngest#LINE}; each partition becomes a
 * {@link TransactionLog} and {@link BundleScorer#scoreCustomers} scores its customers: the single-JVM code
 * ({@link BundleScorer#score}'s rows), no second implementation. Every customer's features, segment, RFM scores,
 * P(churn), P(alive), expected purchases, CLV and recommendations depend on that customer's lines and the bundle
 * only, so the rows equal the single-JVM scores bit for bit whatever the partitioning. (The segment summaries and
 * movement of {@code BundleScorer#score} describe the whole population; they are not computed per partition. The
 * drift is, from counts summed over partitions: {@link #scoreWithDriftBins} and {@link #drift}.)
 *
 * <p>Columns: {@code customer_id} (string), {@code segment} (int), {@code segment_name} (string),
 * {@code r_score}, {@code f_score}, {@code m_score} (int), {@code recency}, {@code frequency}, {@code monetary}
 * (double), {@code p_churn}, {@code p_alive}, {@code expected_purchases}, {@code clv} (double, null when the
 * bundle has no churn or lifetime-value model, where {@code customers.csv} has an empty field), {@code top_items}
 * (string, item ids separated by one space as in {@code customers.csv}; empty for a customer the bundle's
 * recommender does not know; with a neighbour-list recommender ({@code ItemKnnNeighborsModel}, as the Spark
 * {@code run} saves it) every customer's list comes from the customer's own lines).
 *
 * <p>All methods are static and safe for concurrent use. Null is never accepted or returned.
 */
public final class SparkScoring {
    /** The result's schema: the columns of {@link SegmentationResult#CUSTOMER_COLUMNS}. */
    public static final StructType CUSTOMER_SCHEMA = schema();

    /**
     * The column {@link #scoreWithDriftBins} adds after {@link #CUSTOMER_SCHEMA}'s: the customer's bin of each
     * baseline feature (0-based, in the baseline's column order), four bytes each, big-endian.
     */
    public static final String DRIFT_BINS = "drift_bins";

    private static final StructType WITH_DRIFT_BINS = CUSTOMER_SCHEMA.add(DRIFT_BINS, DataTypes.BinaryType, false);

    private SparkScoring() {
    }

    private static StructType schema() {
        List<StructField> fields = new ArrayList<>();
        for (String c : SegmentationResult.CUSTOMER_COLUMNS) {
            DataType type;
            boolean nullable = false;
            switch (c) {
                case "customer_id", "segment_name", "top_items" -> type = DataTypes.StringType;
                case "segment", "r_score", "f_score", "m_score" -> type = DataTypes.IntegerType;
                case "p_churn", "p_alive", "expected_purchases", "clv" -> {
                    type = DataTypes.DoubleType;
                    nullable = true;
                }
                default -> type = DataTypes.DoubleType;
            }
            fields.add(new StructField(c, type, nullable, Metadata.empty()));
        }
        return new StructType(fields.toArray(new StructField[0]));
    }

    /**
     * Scores every customer with a line before the as-of date. The date check runs one job (described
     * {@code scoring: date range}); the scores are computed when the result is used.
     *
     * @param lines the lines, in {@link SparkIngest#LINE_SCHEMA} (more columns allowed); not null
     * @param bundle a bundle with at least the entries {@link BundleScorer#REQUIRED}; not null
     * @param asOf the first day not observed: after the lines' first purchase date and at most the day after
     *     their last; not null
     * @return one row per customer, in {@link #CUSTOMER_SCHEMA}
     * @throws IllegalArgumentException if the bundle lacks an entry or has one of the wrong type (the message of
     *     {@link BundleScorer#of}), or the as-of date is out of range ({@code "asOf must be after the first
     *     purchase date 2010-12-01, found 2010-11-01"}); the bundle is checked before any job; or the bundle's
     *     segments use category (channel) shares and no line has a category (channel), checked by the date-range
     *     job before the scoring ({@link BundleScorer#checkColumns}: {@code "lines must have a category column
     *     (the bundle's segments use category shares; map it, e.g. --category), found none"})
     * @throws InvalidDataException if a line column is missing or mistyped (before any job) or there is no line
     *     ({@code lines must have at least one row, found 0})
     */
    public static Dataset<Row> score(Dataset<Row> lines, ModelBundle bundle, LocalDate asOf) {
        return score(lines, bundle, asOf, false);
    }

    /**
     * {@link #score(Dataset, ModelBundle, LocalDate)} with one more column, {@link #DRIFT_BINS}: each customer's bin
     * of every feature of the bundle's baseline, from which {@link #drift} computes the population drift against the
     * bundle's training data without scoring again. Cache the result when both the scores and the drift are read.
     *
     * @param lines the lines, as for {@code score}; not null
     * @param bundle the bundle, as for {@code score}; not null
     * @param asOf the first day not observed, as for {@code score}; not null
     * @return one row per customer, {@link #CUSTOMER_SCHEMA}'s columns then {@link #DRIFT_BINS}
     * @throws IllegalArgumentException as {@code score}
     * @throws InvalidDataException as {@code score}
     */
    public static Dataset<Row> scoreWithDriftBins(Dataset<Row> lines, ModelBundle bundle, LocalDate asOf) {
        return score(lines, bundle, asOf, true);
    }

    /**
     * The population drift of scored customers against the bundle's training data, as the single-JVM
     * {@code BundleScorer} reports it for the same customers ({@code SegmentationResult.drift()}): each baseline
     * feature's PSI and the segment shares' PSI. One job (described {@code scoring: drift}) adds up every
     * partition's counts per feature bin and per segment; counts are exact, so the figures equal the single JVM's
     * bit for bit whatever the partitioning.
     *
     * @param scored customers from {@link #scoreWithDriftBins} with the same bundle; not null
     * @param bundle the bundle they were scored with; not null
     * @return the drift
     * @throws IllegalArgumentException if the customers lack the {@link #DRIFT_BINS} column, or the bundle lacks an
     *     entry ({@link BundleScorer#of})
     * @throws InvalidDataException if there is no customer ({@code "window must have >= 1 rows, found 0"})
     */
    public static ScoreDrift drift(Dataset<Row> scored, ModelBundle bundle) {
        Objects.requireNonNull(scored, "scored");
        Objects.requireNonNull(bundle, "bundle");
        BundleScorer.of(bundle);
        if (!Arrays.asList(scored.columns()).contains(DRIFT_BINS)) {
            throw new IllegalArgumentException("scored must have the column " + DRIFT_BINS + " (from "
                    + "scoreWithDriftBins), found " + Arrays.toString(scored.columns()));
        }
        PopulationStabilityModel baseline = (PopulationStabilityModel) bundle.models().get("baseline");
        SegmentCatalog catalog = (SegmentCatalog) bundle.models().get("catalog");
        int d = baseline.binner().columns().size();
        int bins = baseline.binner().bins();
        int k = catalog.segments().size();
        // per partition: counts per (feature, bin), then per segment, then the customers; summed (exact)
        int width = d * bins + k + 1;
        MapPartitionsFunction<Row, long[]> count = rows -> {
            long[] c = new long[width];
            while (rows.hasNext()) {
                Row r = rows.next();
                ByteBuffer b = ByteBuffer.wrap((byte[]) r.getAs(DRIFT_BINS));
                for (int j = 0; j < d; j++) {
                    c[j * bins + b.getInt()]++;
                }
                c[d * bins + r.<Integer>getAs("segment")]++;
                c[width - 1]++;
            }
            return List.of(c).iterator();
        };
        List<long[]> parts = Jobs.run(scored.sparkSession(), "scoring: drift", () -> scored
                .select(functions.col("segment"), functions.col(DRIFT_BINS))
                .mapPartitions(count, Encoders.javaSerialization(long[].class)).collectAsList());
        long[] total = new long[width];
        for (long[] c : parts) {
            for (int p = 0; p < width; p++) {
                total[p] += c[p];
            }
        }
        DriftReport features = baseline.compare(Arrays.copyOf(total, d * bins), total[width - 1]);
        return ScoreDrift.of(features, catalog, Arrays.copyOfRange(total, d * bins, d * bins + k),
                baseline.epsilon());
    }

    /**
     * How the bundle's training customers moved between segments, as the single-JVM {@code BundleScorer} reports
     * it for the same customers ({@code SegmentationResult.movement()}): for each customer of the bundle's catalog
     * who is also among the scored, the count per (training segment, new segment). One job (described
     * {@code scoring: movement}) counts per partition against the catalog's membership, broadcast once (a bundle
     * from the single JVM keeps its training customers: they fitted on one machine); counts are exact, so the result
     * equals the single JVM's whatever the partitioning.
     *
     * @param scored customers from {@link #score} or {@link #scoreWithDriftBins} with the same bundle; not null
     * @param bundle the bundle they were scored with; not null
     * @return the movement, or empty when the bundle keeps no training customers (a bundle fitted in Spark, whose
     *     customers are not collected to the driver)
     * @throws IllegalArgumentException if the bundle lacks an entry ({@link BundleScorer#of})
     */
    public static Optional<SegmentMovement> movement(Dataset<Row> scored, ModelBundle bundle) {
        Objects.requireNonNull(scored, "scored");
        Objects.requireNonNull(bundle, "bundle");
        BundleScorer.of(bundle);
        SegmentCatalog catalog = (SegmentCatalog) bundle.models().get("catalog");
        if (catalog.customers().length == 0) {
            return Optional.empty();
        }
        int k = catalog.segments().size();
        Broadcast<Map<String, Integer>> membership = new JavaSparkContext(scored.sparkSession().sparkContext())
                .broadcast(catalog.membership());
        MapPartitionsFunction<Row, long[]> count = rows -> {
            Map<String, Integer> old = membership.value();
            long[] c = new long[k * k];
            while (rows.hasNext()) {
                Row r = rows.next();
                Integer o = old.get(r.getString(0));
                if (o != null) {
                    c[o * k + r.getInt(1)]++;
                }
            }
            return List.of(c).iterator();
        };
        try {
            List<long[]> parts = Jobs.run(scored.sparkSession(), "scoring: movement", () -> scored
                    .select(functions.col("customer_id"), functions.col("segment"))
                    .mapPartitions(count, Encoders.javaSerialization(long[].class)).collectAsList());
            long[][] total = new long[k][k];
            for (long[] c : parts) {
                for (int p = 0; p < c.length; p++) {
                    total[p / k][p % k] += c[p];
                }
            }
            return Optional.of(SegmentMovement.of(catalog.names(), catalog.names(), total));
        } finally {
            membership.destroy();
        }
    }

    /**
     * Counts the scored customers without recommended items (an empty {@code top_items}: the bundle has no
     * recommender, or the customer is unknown to it), as the single-JVM {@code score} counts them for its warning
     * ({@link BundleScorer#topItemsWarning}). One job, described {@code scoring: customers without items}.
     *
     * @param scored customers from {@link #score} or {@link #scoreWithDriftBins}; not null
     * @return the count
     */
    public static long customersWithoutItems(Dataset<Row> scored) {
        Objects.requireNonNull(scored, "scored");
        return Jobs.run(scored.sparkSession(), "scoring: customers without items", () -> scored
                .filter(functions.length(functions.col("top_items")).equalTo(0)).count());
    }

    private static Dataset<Row> score(Dataset<Row> lines, ModelBundle bundle, LocalDate asOf, boolean driftBins) {
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(asOf, "asOf");
        BundleScorer checked = BundleScorer.of(bundle);
        LineLogs.check(lines);
        String json = ModelJson.toJson(bundle);
        // the column counts count non-null values: whether the lines as a whole have a category and a channel,
        // which every partition's scorer is told (a partition none of whose lines has one still scores shares of 0)
        Row range = Jobs.run(lines.sparkSession(), "scoring: date range", () -> lines.agg(
                functions.min(SparkIngest.EPOCH_SECOND), functions.max(SparkIngest.EPOCH_SECOND),
                functions.count(functions.lit(1)), functions.count(SparkIngest.CATEGORY),
                functions.count(SparkIngest.CHANNEL)).first());
        if (range.getLong(2) == 0) {
            throw new InvalidDataException("lines must have at least one row, found 0");
        }
        LocalDate first = LocalDate.ofEpochDay(Math.floorDiv(range.getLong(0), 86_400L));
        LocalDate dayAfterLast = LocalDate.ofEpochDay(Math.floorDiv(range.getLong(1), 86_400L)).plusDays(1);
        if (!asOf.isAfter(first)) {
            throw new IllegalArgumentException("asOf must be after the first purchase date " + first + ", found "
                    + asOf);
        }
        if (asOf.isAfter(dayAfterLast)) {
            throw new IllegalArgumentException("asOf must be on or before the day after the last purchase "
                    + dayAfterLast + ", found " + asOf);
        }
        boolean category = range.getLong(3) > 0;
        boolean channel = range.getLong(4) > 0;
        // before the scoring job: a missing column is one line on the driver, not a failed task per partition
        checked.checkColumns(category, channel);
        Broadcast<String> shipped = broadcast(lines.sparkSession(), json);
        long asOfSecond = asOf.toEpochDay() * 86_400L;
        long lastDaySecond = asOfSecond - 86_400L;
        MapPartitionsFunction<Row, Row> scoring = rows -> {
            if (!rows.hasNext()) {
                return Collections.emptyIterator(); // no customer of this partition bought before the as-of date
            }
            // the extra line on the day before the as-of date: BundleScorer.score's as-of check (at most the day
            // after the last purchase) holds for every partition as it holds for all lines
            return scoreRows(LineLogs.log(rows, LineLogs.sentinelLine(lastDaySecond)), shipped, asOf, category,
                    channel, driftBins);
        };
        Dataset<Row> observed = lines.filter(functions.col(SparkIngest.EPOCH_SECOND).lt(asOfSecond));
        return LineLogs.byCustomer(observed, range.getLong(2), false).mapPartitions(scoring,
                Encoders.row(driftBins ? WITH_DRIFT_BINS : CUSTOMER_SCHEMA));
    }

    /**
     * Adds the {@code top_item_descriptions} column of the single JVM's {@code customers.csv} to scored customers
     * when the lines carry item descriptions ({@link SparkIngest#DESCRIPTION}, read with a description column
     * mapped): for each customer, the descriptions of the items of {@code top_items}, in order, joined by
     * {@link SegmentationResult#DESCRIPTION_SEPARATOR}, empty for an item without one. An item's description is that
     * of its first line, as in the single JVM's log. Runs one job (described {@code scoring: item descriptions})
     * when the lines have the column; without it, returns the customers unchanged.
     *
     * @param customers scored customers ({@link #score}); not null
     * @param lines the lines they were scored from; not null
     * @return the customers, with the column last when the lines have descriptions
     */
    public static Dataset<Row> withItemDescriptions(Dataset<Row> customers, Dataset<Row> lines) {
        Objects.requireNonNull(customers, "customers");
        Objects.requireNonNull(lines, "lines");
        if (!LineLogs.hasDescriptions(lines)) {
            return customers;
        }
        SparkSegmentItems.Items items = SparkSegmentItems.items(lines, List.of(), "scoring: item descriptions");
        return items.described() ? SparkSegmentItems.withDescriptions(customers, items.descriptions()) : customers;
    }

    /**
     * {@link #score(Dataset, ModelBundle, LocalDate)} for the pipeline: the bundle checked, the scores from the kept
     * logs (whose as-of date must be {@code asOf}; the pipeline's validation made the date checks), the extra line's
     * customer left out. The scores are not kept: each use of the result scores the logs again ({@link #scoreKept}
     * keeps them).
     */
    static Dataset<Row> score(KeptLogs kept, ModelBundle bundle, LocalDate asOf) {
        return scoreKept(kept, bundle, asOf, null, false).customers();
    }

    /**
     * The kept logs' customers scored as {@link #score(KeptLogs, ModelBundle, LocalDate)} scores them, each
     * partition's scores held as one compact binary value ({@link ScoredPartition}: about 100 bytes a customer, no
     * object per customer), with, when {@code items} is given, the partition's purchase lines and buyers per
     * (provisional segment, item) counted from its log while it is at hand ({@link Scored#tallies}). With
     * {@code keep} the binary values are persisted ({@code MEMORY_AND_DISK}; {@link Scored#kept()} releases them)
     * when first computed, so that the logs can be released after the first job that reads the scores.
     *
     * @param items the item index of the tallies ({@link SparkSegmentItems.Items#ids()}: every item of the logs'
     *     lines), or null for none
     */
    static Scored scoreKept(KeptLogs kept, ModelBundle bundle, LocalDate asOf, List<String> items, boolean keep) {
        Objects.requireNonNull(kept, "kept");
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(asOf, "asOf");
        BundleScorer checked = BundleScorer.of(bundle);
        if (!asOf.equals(kept.asOf())) {
            throw new IllegalStateException("asOf must be the kept logs' " + kept.asOf() + ", found " + asOf);
        }
        SparkSession spark = kept.sparkSession();
        Broadcast<String> shipped = broadcast(spark, ModelJson.toJson(bundle));
        Broadcast<HashMap<String, Integer>> itemIndex = null;
        if (items != null) {
            HashMap<String, Integer> index = new HashMap<>(items.size() * 2);
            for (int j = 0; j < items.size(); j++) {
                index.put(items.get(j), j);
            }
            itemIndex = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(index);
        }
        Broadcast<HashMap<String, Integer>> tallied = itemIndex;
        int k = checked.catalog().segments().size();
        int itemCount = items == null ? -1 : items.size();
        Dataset<Row> blobs = kept.rows(log -> {
            BundleScorer scorer = BundleScorer.of((ModelBundle) ModelJson.fromJson(shipped.value()));
            // the bundle was fitted on these lines: share features in it mean the lines have the column, whatever
            // one partition's lines have
            BundleScorer.CustomerScores scores = scorer.scoreCustomers(log, asOf, true, true);
            byte[] blob = ScoredPartition.write(scores, log, k, tallied == null ? null : tallied.value(), itemCount);
            return List.of(RowFactory.create((Object) blob)).iterator();
        }, ScoredPartition.SCHEMA);
        if (keep) {
            blobs = blobs.persist(StorageLevel.MEMORY_AND_DISK());
        }
        // the persisted plan read through a new Dataset (its query execution made after the persist); the text of
        // the segment names and the recommender's item ids shipped once, for the rows made from every binary value
        Dataset<Row> read = blobs.select(ScoredPartition.COLUMN);
        Broadcast<ScoredPartition.Dictionary> words = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(new ScoredPartition.Dictionary(checked.catalog().names(),
                        List.of(checked.catalog().recommenderItems())));
        JavaRDD<InternalRow> rows = read.queryExecution().toRdd().toJavaRDD().mapPartitions(
                it -> ScoredPartition.rows(it, words.value()), true);
        // internal rows straight into a DataFrame, as SparkSimulator's lines (internalCreateDataFrame is
        // private[sql] in Scala, public in bytecode)
        Dataset<Row> customers = ((org.apache.spark.sql.classic.SparkSession) spark)
                .internalCreateDataFrame(rows.rdd(), CUSTOMER_SCHEMA, false);
        return new Scored(customers, blobs, read, k, itemCount);
    }

    /**
     * Scored customers ({@link #scoreKept}): the rows, the binary values they are made from, and the tallies.
     */
    static final class Scored {
        private final Dataset<Row> customers;
        private final Dataset<Row> kept;
        private final Dataset<Row> read;
        private final int k;
        private final int items;

        private Scored(Dataset<Row> customers, Dataset<Row> kept, Dataset<Row> read, int k, int items) {
            this.customers = customers;
            this.kept = kept;
            this.read = read;
            this.k = k;
            this.items = items;
        }

        /**
         * One row per customer in {@link #CUSTOMER_SCHEMA} ({@code segment_name} the bundle catalog's), in the logs'
         * partitions and each partition in its log's customer order (the rows of {@link #score}), computed when
         * used from the binary values.
         */
        Dataset<Row> customers() {
            return customers;
        }

        /** The binary values, one row per log partition: persisted when {@link #scoreKept} was asked to keep them. */
        Dataset<Row> kept() {
            return kept;
        }

        /**
         * Per provisional segment and item the purchase lines and the buying customers, non-products and lines
         * without an item left out (the single JVM's {@code ItemTallies}, as {@link SparkSegmentItems#tallies}
         * counts them from the lines), added up over the partitions: one job ({@code job}) reading the binary
         * values.
         *
         * @return {@code [0]} the lines and {@code [1]} the buyers, each {@code [segment][item]}
         * @throws IllegalStateException if the scores were made without an item index
         */
        long[][][] tallies(String job) {
            if (items < 0) {
                throw new IllegalStateException("tallies must be asked for with an item index, found none");
            }
            int segments = k;
            int n = items;
            JavaRDD<long[][][]> parts = read.queryExecution().toRdd().toJavaRDD().map(r -> ScoredPartition.tallies(
                    r.getBinary(0)));
            return Jobs.run(read.sparkSession(), job, () -> parts.fold(new long[2][segments][n],
                    ScoredPartition::add));
        }
    }

    /** The bundle's JSON text in a broadcast variable (never Java serialization). */
    private static Broadcast<String> broadcast(SparkSession spark, String json) {
        return JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(json);
    }

    /**
     * One partition's scores: its log ends with the extra line ({@link LineLogs#SENTINEL}) on the day before the
     * as-of date, whose row is left out.
     */
    private static Iterator<Row> scoreRows(TransactionLog log, Broadcast<String> shipped, LocalDate asOf,
            boolean category, boolean channel, boolean driftBins) {
        ModelBundle bundle = (ModelBundle) ModelJson.fromJson(shipped.value());
        BundleScorer scorer = BundleScorer.of(bundle);
        BundleScorer.CustomerScores s = scorer.scoreCustomers(log, asOf, category, channel);
        String[] recItems = scorer.catalog().recommenderItems();
        FeatureMatrix bins = null;
        if (driftBins) {
            // the baseline's bins of the features the bundle's segments saw (BundleScorer's drift reads the same)
            QuantileBinnerModel binner = ((PopulationStabilityModel) bundle.models().get("baseline")).binner();
            bins = binner.transform(s.modelFeatures().select(binner.columns()));
        }
        List<Row> out = new ArrayList<>(s.size());
        StringBuilder top = new StringBuilder();
        for (int i = 0; i < s.size(); i++) {
            String id = s.id(i);
            if (id.equals(LineLogs.SENTINEL)) {
                continue;
            }
            top.setLength(0);
            for (int q = 0; q < s.topItemCount(i); q++) {
                top.append(q == 0 ? "" : " ").append(recItems[s.topItem(i, q)]);
            }
            Object[] v = {id, s.segment(i), s.segmentName(i), s.recencyScore(i), s.frequencyScore(i),
                s.monetaryScore(i), s.recency(i), s.frequency(i), s.monetary(i), orNull(s.churnProbability(i)),
                orNull(s.aliveProbability(i)), orNull(s.expectedPurchases(i)), orNull(s.clv(i)), top.toString()};
            if (bins != null) {
                ByteBuffer b = ByteBuffer.allocate(4 * bins.columns());
                for (int j = 0; j < bins.columns(); j++) {
                    b.putInt((int) bins.get(i, j) - 1);
                }
                v = Arrays.copyOf(v, v.length + 1);
                v[v.length - 1] = b.array();
            }
            out.add(RowFactory.create(v));
        }
        return out.iterator();
    }

    /** A stage that did not run (NaN in the single JVM, an empty field in customers.csv) is null. */
    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
