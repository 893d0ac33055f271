package dev.segmentation.spark;

import dev.segmentation.cluster.SegmentMedians;
import dev.segmentation.persist.ModelBundle;
import dev.segmentation.pipeline.LifetimeValueReport;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What {@link SparkSegmentation#run()} computed: the per-customer Dataset (the columns of {@code customers.csv},
 * {@link SparkScoring#CUSTOMER_SCHEMA}), the segment summaries (from Spark aggregates), the model bundle (the
 * entries {@code encoder, rfm, baseline, segments, catalog} and, with those stages, {@code transactions, spend,
 * churn}; loadable by {@link dev.segmentation.pipeline.BundleScorer} and {@link SparkScoring}) and the stage
 * timings.
 *
 * <p>The customers Dataset is lazy and reads cached intermediate data; {@link #unpersist()} releases that cache
 * when the result is no longer used. Null is never accepted or returned.
 */
public final class SparkSegmentationResult {
    /**
     * One segment's summary.
     *
     * @param segment the id, 0 the most valuable (mean CLV, else mean monetary value)
     * @param name the name ({@link dev.segmentation.cluster.SegmentArchetypes#assign} on the medians)
     * @param archetype the archetype's name, or {@code ""} for a descriptive name
     * @param action the suggested action's label, or {@code ""}
     * @param size the customers in the segment
     * @param share the share of all customers
     * @param centre the mean of each raw feature, in {@link dev.segmentation.pipeline.SegmentCatalog#features()}
     *     order
     * @param medians the exact medians of recency, frequency, monetary and of the R, F, M scores, the share of
     *     members with R score 1 and the share of overdue members (as the single JVM's)
     * @param meanClv the mean CLV, NaN without the lifetime-value stage
     * @param churnRate the mean P(churn), NaN without the churn stage
     * @param revenue the sum of the members' monetary values
     * @param clvTotal the sum of the members' CLV, NaN without the lifetime-value stage
     * @param valueAtRisk the sum over members of CLV x P(churn), NaN unless both the lifetime-value and the churn
     *     stage ran ({@link dev.segmentation.pipeline.SegmentSummary#valueAtRisk()})
     * @param topItems the most bought items, most first ({@link dev.segmentation.pipeline.SegmentSummary#topItems()})
     * @param distinctiveItems the distinctive items, most distinctive first
     *     ({@link dev.segmentation.pipeline.SegmentSummary#distinctiveItems()})
     * @param itemDescriptions the descriptions of the items of both lists that have one, in list order
     *     ({@link dev.segmentation.pipeline.SegmentSummary#itemDescriptions()})
     */
    public record Segment(int segment, String name, String archetype, String action, long size, double share,
            double[] centre, SegmentMedians medians, double meanClv, double churnRate, double revenue,
            double clvTotal, double valueAtRisk, List<String> topItems, List<String> distinctiveItems,
            Map<String, String> itemDescriptions) {
        /**
         * Copies the centre.
         *
         * @param segment the segment id
         * @param name the segment's name
         * @param archetype the archetype matched, or {@code ""}
         * @param action the suggested action's label, or {@code ""}
         * @param size the customers in the segment
         * @param share the share of all customers
         * @param centre the mean of each raw feature. Not modified.
         * @param medians the exact medians and the lapsed and overdue shares
         * @param meanClv the mean CLV, NaN without the lifetime-value stage
         * @param churnRate the mean P(churn), NaN without the churn stage
         * @param revenue the sum of the members' monetary values
         * @param clvTotal the sum of the members' CLV, NaN without the lifetime-value stage
         * @param valueAtRisk the sum over members of CLV x P(churn), NaN without both stages
         * @param topItems the most bought items. Copied.
         * @param distinctiveItems the distinctive items. Copied.
         * @param itemDescriptions the items' descriptions. Copied.
         */
        public Segment {
            centre = centre.clone();
            topItems = List.copyOf(topItems);
            distinctiveItems = List.copyOf(distinctiveItems);
            itemDescriptions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(itemDescriptions));
        }

        /**
         * Returns the mean of each raw feature.
         *
         * @return a copy of the centre
         */
        @Override
        public double[] centre() {
            return centre.clone();
        }
    }

    private final LocalDate asOf;
    private final Dataset<Row> customers;
    private final List<Segment> segments;
    private final ModelBundle models;
    private final Map<String, Duration> timings;
    private final long size;
    private final List<Dataset<Row>> cached;
    /** The lifetime-value stage's report, or null without that stage. */
    private final LifetimeValueReport lifetimeValueReport;
    private final List<String> warnings;
    /** The run's lines partitioned by customer (LineLogs), or null. */
    private final Dataset<Row> byCustomer;
    /** The run's BTYD summary rows (the lifetime-value stage's, unit of its model), or null. */
    private final Dataset<Row> btydSummary;
    private final boolean itemDescriptions;

    SparkSegmentationResult(LocalDate asOf, Dataset<Row> customers, List<Segment> segments, ModelBundle models,
            Map<String, Duration> timings, long size, List<Dataset<Row>> cached, boolean itemDescriptions) {
        this(asOf, customers, segments, models, timings, size, cached, null, List.of(), null, null,
                itemDescriptions);
    }

    private SparkSegmentationResult(LocalDate asOf, Dataset<Row> customers, List<Segment> segments,
            ModelBundle models, Map<String, Duration> timings, long size, List<Dataset<Row>> cached,
            LifetimeValueReport lifetimeValueReport, List<String> warnings, Dataset<Row> byCustomer,
            Dataset<Row> btydSummary, boolean itemDescriptions) {
        this.itemDescriptions = itemDescriptions;
        this.byCustomer = byCustomer;
        this.btydSummary = btydSummary;
        this.lifetimeValueReport = lifetimeValueReport;
        this.warnings = List.copyOf(warnings);
        this.asOf = asOf;
        this.customers = customers;
        this.segments = List.copyOf(segments);
        this.models = models;
        this.timings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(timings));
        this.size = size;
        this.cached = cached;
    }

    SparkSegmentationResult withTimings(Map<String, Duration> t) {
        return new SparkSegmentationResult(asOf, customers, segments, models, t, size, cached, lifetimeValueReport,
                warnings, byCustomer, btydSummary, itemDescriptions);
    }

    SparkSegmentationResult withLines(Dataset<Row> arranged, Dataset<Row> summary) {
        return new SparkSegmentationResult(asOf, customers, segments, models, timings, size, cached,
                lifetimeValueReport, warnings, arranged, summary, itemDescriptions);
    }

    /** The run's lines partitioned by customer and sorted by line in each partition (LineLogs), or null. */
    Dataset<Row> linesByCustomer() {
        return byCustomer;
    }

    /** The run's BTYD summary rows (end the day before the as-of date, the transaction model's unit), or null. */
    Dataset<Row> btydSummary() {
        return btydSummary;
    }

    SparkSegmentationResult withLifetimeValue(LifetimeValueReport report, List<String> w) {
        return new SparkSegmentationResult(asOf, customers, segments, models, timings, size, cached, report, w,
                byCustomer, btydSummary, itemDescriptions);
    }

    /**
     * The lifetime-value stage's report, as the single JVM's {@code SegmentationResult.lifetimeValueReport()}: the
     * transaction model used and, when it was chosen on a holdout, every candidate's figures, the criterion and
     * the dropout weight.
     *
     * @return the report; empty without the lifetime-value stage
     */
    public Optional<LifetimeValueReport> lifetimeValueReport() {
        return Optional.ofNullable(lifetimeValueReport);
    }

    /**
     * The run's warnings, as the single JVM words them: today those of the lifetime-value stage (a fit that did
     * not converge, a choice not validated, P(alive) of about 1 for long-silent one-time buyers).
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Tells whether the lines have item descriptions ({@link SparkIngest#DESCRIPTION}; the single JVM's
     * {@link dev.segmentation.data.TransactionLog#hasItemDescriptions()}): then {@link #customers()} ends with
     * {@code top_item_descriptions} and {@code segments.csv} with {@code top_item_descriptions,
     * distinctive_item_descriptions} ({@link dev.segmentation.pipeline.SegmentationResult#ITEM_DESCRIPTION_COLUMN},
     * {@link dev.segmentation.pipeline.SegmentationResult#SEGMENT_DESCRIPTION_COLUMNS}).
     *
     * @return true if at least one item has a description
     */
    public boolean hasItemDescriptions() {
        return itemDescriptions;
    }

    /**
     * The as-of date: the first day not observed.
     *
     * @return the date
     */
    public LocalDate asOf() {
        return asOf;
    }

    /**
     * One row per customer with a purchase before the as-of date, in {@link SparkScoring#CUSTOMER_SCHEMA} and,
     * when the lines have item descriptions ({@link #hasItemDescriptions()}), a last string column
     * {@code top_item_descriptions} (the descriptions of {@code top_items}, in order, separated by {@code " | "},
     * empty for an item without one): the columns of the single-JVM {@code customers.csv}.
     *
     * @return the lazy Dataset
     */
    public Dataset<Row> customers() {
        return customers;
    }

    /**
     * The number of customers.
     *
     * @return the count
     */
    public long size() {
        return size;
    }

    /**
     * The summaries of the segments with members, by id: every segment for k-means; a Gaussian mixture's component
     * that is no customer's most probable has none (the bundle's catalog names it {@code "Unused segment A"}), as
     * in the single JVM's summaries.
     *
     * @return an unmodifiable list
     */
    public List<Segment> segments() {
        return segments;
    }

    /**
     * The fitted models as one bundle, e.g. for {@code ModelJson.write} and the single-JVM {@code score}.
     *
     * @return the bundle
     */
    public ModelBundle models() {
        return models;
    }

    /**
     * The wall-clock time of each stage, in run order ({@code validate, features, segments, lifetimeValue,
     * churn, summaries}).
     *
     * @return an unmodifiable map
     */
    public Map<String, Duration> timings() {
        return timings;
    }

    /** Releases the cached intermediate data; the customers Dataset then recomputes it when used. */
    public void unpersist() {
        cached.forEach(Dataset::unpersist);
    }

    @Override
    public String toString() {
        return "SparkSegmentationResult{asOf=" + asOf + ", customers=" + size + ", segments=" + segments.size()
                + ", models=" + models.names() + "}";
    }
}
