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
import dev.segmentation.pipeline.CustomerProfile;
import dev.segmentation.pipeline.ScoreDrift;
import dev.segmentation.pipeline.SegmentCatalog;
import dev.segmentation.pipeline.SegmentationResult;
import dev.segmentation.features.CustomerFeatures;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

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
 * {@link TransactionLog} and {@link BundleScorer#score} scores its customers: the single-JVM code, no second
 * implementation. Every customer's features, segment, RFM scores, P(churn), P(alive), expected purchases, CLV and
 * recommendations depend on that customer's lines and the bundle only, so the rows equal the single-JVM scores
 * bit for bit whatever the partitioning. (The segment summaries and movement that {@code BundleScorer} also
 * computes per partition describe the whole population and are not returned here; the drift is, from counts summed
 * over partitions: {@link #scoreWithDriftBins} and {@link #drift}.)
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
     * customer left out.
     */
    static Dataset<Row> score(KeptLogs kept, ModelBundle bundle, LocalDate asOf) {
        Objects.requireNonNull(kept, "kept");
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(asOf, "asOf");
        BundleScorer.of(bundle);
        if (!asOf.equals(kept.asOf())) {
            throw new IllegalStateException("asOf must be the kept logs' " + kept.asOf() + ", found " + asOf);
        }
        Broadcast<String> shipped = broadcast(kept.sparkSession(), ModelJson.toJson(bundle));
        // the bundle was fitted on these lines: share features in it mean the lines have the column, whatever one
        // partition's lines have
        return kept.rows(log -> scoreRows(log, shipped, asOf, true, true, false), CUSTOMER_SCHEMA);
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
        SegmentationResult r = BundleScorer.of(bundle).score(log, asOf, category, channel);
        double[] rec = r.features().column(CustomerFeatures.RECENCY);
        double[] freq = r.features().column(CustomerFeatures.FREQUENCY);
        double[] mon = r.features().column(CustomerFeatures.MONETARY);
        FeatureMatrix bins = null;
        if (driftBins) {
            // the baseline's bins of the features the bundle's segments saw (BundleScorer's drift reads the same)
            QuantileBinnerModel binner = ((PopulationStabilityModel) bundle.models().get("baseline")).binner();
            bins = binner.transform(r.modelFeatures().select(binner.columns()));
        }
        List<Row> out = new ArrayList<>(r.size());
        for (int i = 0; i < r.size(); i++) {
            CustomerProfile p = r.customer(i);
            if (p.id().equals(LineLogs.SENTINEL)) {
                continue;
            }
            Object[] v = {p.id(), p.segment(), p.segmentName(), p.recencyScore(), p.frequencyScore(),
                p.monetaryScore(), rec[i], freq[i], mon[i], orNull(p.churnProbability()),
                orNull(p.aliveProbability()), orNull(p.expectedPurchases()), orNull(p.clv()),
                String.join(" ", p.topItems())};
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
