package dev.segmentation.spark;

import dev.segmentation.InvalidDataException;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.features.CustomerFeatureTable;
import dev.segmentation.features.CustomerFeatures;
import dev.segmentation.features.PurchasePeriod;
import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Per-customer features computed in Spark from lines in {@link SparkIngest#LINE_SCHEMA}: the
 * {@link CustomerFeatures} table and the {@link BtydSummarizer} summary, value for value equal to the
 * single-JVM classes on the same lines.
 *
 * <pre>{@code
 * Dataset<Row> features = SparkFeatures.customerFeatures(lines,
 *         CustomerFeatures.builder().asOf(LocalDate.of(2011, 12, 10)).rfm().tenure().behaviour().build());
 * SparkBtydSummary summary = SparkFeatures.btydSummary(lines,
 *         BtydSummarizer.builder().end(LocalDate.of(2011, 12, 9)).build());
 * }</pre>
 *
 * <p><b>How.</b> One small job reads the first date, the line count and (for share features) the category
 * and channel names on the driver and makes the same checks as the single-JVM classes (an empty input, an
 * as-of or end date before the first purchase). The lines are then partitioned by customer and sorted by
 * {@link SparkIngest#LINE} within each partition, so each customer's lines are together and in input order;
 * each partition becomes a {@link TransactionLog} and the single-JVM class computes its customers. Every value
 * depends on one customer's lines only, so the result does not depend on the partitioning. Share columns are
 * the union of the partitions' names, sorted, as one log would give; a customer without spend in a category
 * has share 0 there, as in the single JVM.
 *
 * <p>All methods are static and safe for concurrent use. Null is never accepted or returned.
 */
public final class SparkFeatures {
    private SparkFeatures() {
    }

    /**
     * Computes the features of every customer with a line before the as-of date.
     *
     * @param lines the lines, in {@link SparkIngest#LINE_SCHEMA} (more columns allowed); not null
     * @param features the feature settings; not null
     * @return one row per customer: {@code customer_id}, then the feature columns as
     *     {@link CustomerFeatureTable#names()} gives them, doubles
     * @throws InvalidDataException if a line column is missing or mistyped (before any job), if there is no line
     *     ({@code lines must have at least one row, found 0}), if the as-of date is not after the first purchase
     *     date, or if a line in the window has a negative amount
     */
    public static Dataset<Row> customerFeatures(Dataset<Row> lines, CustomerFeatures features) {
        return features(lines, features, null, null);
    }

    /**
     * {@link #customerFeatures(Dataset, CustomerFeatures)} for the pipeline: the driver's checks and share names
     * from the lines, the features from the kept logs (whose as-of date is the features'), the extra line's
     * customer left out.
     */
    static Dataset<Row> customerFeatures(Dataset<Row> lines, CustomerFeatures features, KeptLogs kept) {
        Objects.requireNonNull(kept, "kept");
        if (!features.asOf().equals(kept.asOf())) {
            throw new IllegalStateException("features asOf must be the kept logs' " + kept.asOf() + ", found "
                    + features.asOf());
        }
        return features(lines, features, kept, null);
    }

    /**
     * {@link #customerFeatures(Dataset, CustomerFeatures, KeptLogs)} with one more column, last:
     * {@code firstLineColumn} (long), each customer's first line ({@link SparkIngest#LINE}) before the as-of date,
     * computed in the same pass over the kept logs. The customers' order of the single JVM, which the segments' fit
     * reads: carried by the features' rows, no join of the features with the first lines.
     */
    static Dataset<Row> customerFeatures(Dataset<Row> lines, CustomerFeatures features, KeptLogs kept,
            String firstLineColumn) {
        Objects.requireNonNull(kept, "kept");
        Objects.requireNonNull(firstLineColumn, "firstLineColumn");
        if (!features.asOf().equals(kept.asOf())) {
            throw new IllegalStateException("features asOf must be the kept logs' " + kept.asOf() + ", found "
                    + features.asOf());
        }
        return features(lines, features, kept, firstLineColumn);
    }

    /**
     * The features from each partition's lines, or from the kept logs when not null (then with the first lines'
     * column last when {@code firstLineColumn} is not null).
     */
    private static Dataset<Row> features(Dataset<Row> lines, CustomerFeatures features, KeptLogs kept,
            String firstLineColumn) {
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(features, "features");
        LineLogs.check(lines);
        FeaturesSpec spec = FeaturesSpec.of(features);
        long asOfSecond = features.asOf().toEpochDay() * 86_400L;
        // one row per (category, channel) pair of the lines before the as-of date (null for the lines after):
        // a hash aggregation with few groups, where a global collect_set of each column was an interpreted
        // object aggregate over every line
        long count = 0;
        long min = Long.MAX_VALUE;
        SortedSet<String> categories = new TreeSet<>();
        SortedSet<String> channels = new TreeSet<>();
        if (kept != null) {
            // the kept logs hold exactly the lines before the as-of date: read from them (this job builds them),
            // not from another pass over the lines
            KeptLogs.Names n = kept.names("features: date range and share names");
            count = n.count();
            min = n.minSecond();
            categories = n.categories();
            channels = n.channels();
        } else {
            Column before = functions.col(SparkIngest.EPOCH_SECOND).lt(asOfSecond);
            List<Row> pairs = Jobs.run(lines.sparkSession(), "features: date range and share names", () -> lines
                    .groupBy(functions.when(before, functions.col(SparkIngest.CATEGORY)).as("c"),
                            functions.when(before, functions.col(SparkIngest.CHANNEL)).as("h"))
                    .agg(functions.min(SparkIngest.EPOCH_SECOND), functions.count(functions.lit(1)))
                    .collectAsList());
            for (Row g : pairs) {
                count += g.getLong(3);
                min = Math.min(min, g.getLong(2));
                if (!g.isNullAt(0)) {
                    categories.add(g.getString(0));
                }
                if (!g.isNullAt(1)) {
                    channels.add(g.getString(1));
                }
            }
        }
        if (count == 0) {
            throw new InvalidDataException("lines must have at least one row, found 0");
        }
        LocalDate first = LocalDate.ofEpochDay(Math.floorDiv(min, 86_400L));
        if (!features.asOf().isAfter(first)) {
            throw new InvalidDataException("asOf must be after the first purchase date " + first + ", found "
                    + features.asOf());
        }
        List<String> names = new ArrayList<>(spec.baseNames());
        if (spec.categoryShares) {
            for (String c : categories) {
                names.add(CustomerFeatures.CATEGORY_SHARE_PREFIX + c);
            }
        }
        if (spec.channelShares) {
            for (String c : channels) {
                names.add(CustomerFeatures.CHANNEL_SHARE_PREFIX + c);
            }
        }
        List<StructField> fields = new ArrayList<>();
        fields.add(new StructField("customer_id", DataTypes.StringType, false, Metadata.empty()));
        for (String n : names) {
            fields.add(new StructField(n, DataTypes.DoubleType, false, Metadata.empty()));
        }
        if (firstLineColumn != null) {
            fields.add(new StructField(firstLineColumn, DataTypes.LongType, false, Metadata.empty()));
        }
        StructType schema = new StructType(fields.toArray(new StructField[0]));
        ArrayList<String> columns = new ArrayList<>(names);
        if (kept != null) {
            return firstLineColumn == null
                    ? kept.rows(log -> featureRows(log, null, spec, columns, LineLogs.SENTINEL), schema)
                    : kept.rowsWithFirstLines((log, firstLine) -> featureRows(log, firstLine, spec, columns,
                            LineLogs.SENTINEL), schema);
        }
        MapPartitionsFunction<Row, Row> compute = rows -> featureRows(LineLogs.log(rows), null, spec, columns,
                null);
        return LineLogs.byCustomer(lines, count, false).mapPartitions(compute, Encoders.row(schema));
    }

    /**
     * One partition's feature rows in the columns given, a column the partition does not have 0, then (when
     * {@code firstLine} is not null) the customer's first line from {@code firstLine} by the log's customer index;
     * skips a customer.
     */
    private static Iterator<Row> featureRows(TransactionLog log, long[] firstLine, FeaturesSpec spec,
            List<String> columns, String skip) {
        if (log.size() == 0 || !spec.asOf.isAfter(log.firstDateTime().toLocalDate())) {
            return Collections.emptyIterator(); // no customer of this partition bought before the as-of date
        }
        CustomerFeatureTable t = spec.features().compute(log);
        int[] at = new int[columns.size()];
        List<String> local = t.names();
        for (int j = 0; j < at.length; j++) {
            at[j] = local.indexOf(columns.get(j));
        }
        dev.segmentation.features.FeatureMatrix x = t.matrix();
        List<Row> out = new ArrayList<>(t.size());
        for (int i = 0; i < t.size(); i++) {
            String id = t.id(i);
            if (id.equals(skip)) {
                continue;
            }
            Object[] v = new Object[at.length + (firstLine == null ? 1 : 2)];
            v[0] = id;
            for (int j = 0; j < at.length; j++) {
                v[j + 1] = at[j] < 0 ? 0.0 : x.get(i, at[j]);
            }
            if (firstLine != null) {
                v[at.length + 1] = firstLine[log.customerIndex(id)];
            }
            out.add(RowFactory.create(v));
        }
        return out.iterator();
    }

    /**
     * Each customer's {@value CustomerFeatures#MEAN_INTERPURCHASE_DAYS} alone, from the kept logs
     * ({@link CustomerFeatures#meanInterpurchaseDays}, the same values as the behaviour group's column): for a
     * pipeline whose features lack that column. One row per customer with a line before the as-of date:
     * {@code customer_id} and {@code column} (double); computed when used.
     */
    static Dataset<Row> meanInterpurchaseDays(KeptLogs kept, String column) {
        LocalDate asOf = kept.asOf();
        StructType schema = new StructType(new StructField[] {
            new StructField("customer_id", DataTypes.StringType, false, Metadata.empty()),
            new StructField(column, DataTypes.DoubleType, false, Metadata.empty())});
        return kept.rows(log -> {
            double[] gap = CustomerFeatures.meanInterpurchaseDays(log, asOf);
            List<Row> out = new ArrayList<>();
            for (int c = 0; c < gap.length; c++) {
                if (!Double.isNaN(gap[c]) && !log.customerId(c).equals(LineLogs.SENTINEL)) {
                    out.add(RowFactory.create(log.customerId(c), gap[c]));
                }
            }
            return out.iterator();
        }, schema);
    }

    /**
     * Computes the BTYD summary (frequency, recency, T, monetary value; with a calibration end also the holdout
     * columns) of every customer with a line in the (calibration) window.
     *
     * @param lines the lines, in {@link SparkIngest#LINE_SCHEMA}; not null
     * @param summarizer the period, unit, end and calibration end; not null
     * @return the summary: rows with the columns of {@link BtydSummary#CSV_COLUMNS} (and
     *     {@link BtydSummary#CSV_HOLDOUT_COLUMNS} with a holdout), unit {@link BtydSummarizer#unit()}
     * @throws InvalidDataException as {@link BtydSummarizer#summarize}: no line, an end or calibration end before
     *     the first purchase date, a negative amount in the window; a missing or mistyped line column before any
     *     job
     */
    public static SparkBtydSummary btydSummary(Dataset<Row> lines, BtydSummarizer summarizer) {
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(summarizer, "summarizer");
        LineLogs.check(lines);
        Row range = Jobs.run(lines.sparkSession(), "features: date range", () -> lines.agg(
                functions.min(SparkIngest.EPOCH_SECOND), functions.count(functions.lit(1))).first());
        summarizer.checkDates(firstDate(range));
        return summary(summarizer, lines, range.getLong(1), null);
    }

    /**
     * {@link #btydSummary(Dataset, BtydSummarizer)} for the pipeline, from the kept logs, the extra line's customer
     * left out: the summarizer's end must be the logs' last observed day, and the caller has made the date checks
     * on all lines (the pipeline's validation: the first purchase date is before the end).
     */
    static SparkBtydSummary btydSummary(KeptLogs kept, BtydSummarizer summarizer) {
        Objects.requireNonNull(kept, "kept");
        Objects.requireNonNull(summarizer, "summarizer");
        if (!summarizer.end().equals(kept.lastDay())) {
            throw new IllegalStateException("summarizer end must be the kept logs' last day " + kept.lastDay()
                    + ", found " + summarizer.end());
        }
        return summary(summarizer, null, 0, kept);
    }

    /** The summary from the lines ({@code count} of them), or from the kept logs when not null. */
    private static SparkBtydSummary summary(BtydSummarizer summarizer, Dataset<Row> lines, long count,
            KeptLogs kept) {
        boolean holdout = summarizer.calibrationEnd().isPresent();
        SummarizerSpec spec = new SummarizerSpec(summarizer);
        List<StructField> fields = new ArrayList<>();
        for (String c : BtydSummary.CSV_COLUMNS) {
            fields.add(new StructField(c, c.equals("customer_id") ? DataTypes.StringType : DataTypes.DoubleType,
                    false, Metadata.empty()));
        }
        if (holdout) {
            for (String c : BtydSummary.CSV_HOLDOUT_COLUMNS) {
                fields.add(new StructField(c, DataTypes.DoubleType, false, Metadata.empty()));
            }
        }
        StructType schema = new StructType(fields.toArray(new StructField[0]));
        Dataset<Row> rows;
        if (kept != null) {
            rows = kept.rows(log -> summaryRows(log, spec, LineLogs.SENTINEL), schema);
        } else {
            MapPartitionsFunction<Row, Row> compute = it -> summaryRows(LineLogs.log(it), spec, null);
            // the summarizer reads a customer's dates and amounts only
            rows = LineLogs.byCustomer(LineLogs.slim(lines), count, false).mapPartitions(compute,
                    Encoders.row(schema));
        }
        return new SparkBtydSummary(rows, summarizer.unit(), holdout);
    }

    /** One partition's summary rows; skips a customer. */
    private static Iterator<Row> summaryRows(TransactionLog log, SummarizerSpec spec, String skip) {
        BtydSummarizer s = spec.summarizer();
        LocalDate windowEnd = s.calibrationEnd().orElse(s.end());
        if (log.size() == 0 || windowEnd.isBefore(log.firstDateTime().toLocalDate())) {
            return Collections.emptyIterator(); // no customer of this partition bought in the window
        }
        BtydSummary b = s.summarize(log);
        List<Row> out = new ArrayList<>(b.size());
        // the holdout accessors return copies: taken once, not once per customer (quadratic)
        double[] fh = b.hasHoldout() ? b.frequencyHoldout() : null;
        double[] mh = b.hasHoldout() ? b.monetaryHoldout() : null;
        double[] dh = b.hasHoldout() ? b.durationHoldout() : null;
        for (int i = 0; i < b.size(); i++) {
            if (b.id(i).equals(skip)) {
                continue;
            }
            out.add(b.hasHoldout()
                    ? RowFactory.create(b.id(i), b.frequency(i), b.recency(i), b.T(i), b.monetary(i), fh[i], mh[i],
                            dh[i])
                    : RowFactory.create(b.id(i), b.frequency(i), b.recency(i), b.T(i), b.monetary(i)));
        }
        return out.iterator();
    }

    private static LocalDate firstDate(Row range) {
        if (range.getLong(1) == 0) {
            throw new InvalidDataException("lines must have at least one row, found 0");
        }
        return LocalDate.ofEpochDay(Math.floorDiv(range.getLong(0), 86_400L));
    }

    /** CustomerFeatures' settings for tasks, read from the columns it computes on a one-line probe log. */
    private static final class FeaturesSpec implements Serializable {
        private static final long serialVersionUID = 1L;
        private final LocalDate asOf;
        private final boolean rfm;
        private final boolean tenure;
        private final boolean behaviour;
        private final boolean categoryShares;
        private final boolean channelShares;

        private FeaturesSpec(LocalDate asOf, List<String> probe) {
            this.asOf = asOf;
            this.rfm = probe.contains(CustomerFeatures.RECENCY);
            this.tenure = probe.contains(CustomerFeatures.TENURE);
            this.behaviour = probe.contains(CustomerFeatures.MEAN_BASKET_VALUE);
            this.categoryShares = probe.contains(CustomerFeatures.CATEGORY_SHARE_PREFIX + "c");
            this.channelShares = probe.contains(CustomerFeatures.CHANNEL_SHARE_PREFIX + "h");
        }

        static FeaturesSpec of(CustomerFeatures features) {
            TransactionLog probe = TransactionLog.builder().add("p", null, null,
                    features.asOf().minusDays(1).atStartOfDay(), 1.0, 1.0, "h", "c").build();
            FeaturesSpec spec = new FeaturesSpec(features.asOf(), features.compute(probe).names());
            if (!spec.features().toString().equals(features.toString())) {
                throw new IllegalStateException("features must be rebuilt equal for Spark tasks, found "
                        + spec.features() + " for " + features);
            }
            return spec;
        }

        CustomerFeatures features() {
            CustomerFeatures.Builder b = CustomerFeatures.builder().asOf(asOf);
            if (rfm) {
                b.rfm();
            }
            if (tenure) {
                b.tenure();
            }
            if (behaviour) {
                b.behaviour();
            }
            if (categoryShares) {
                b.categoryShares();
            }
            if (channelShares) {
                b.channelShares();
            }
            return b.build();
        }

        /** The columns before the shares, in the order CustomerFeatures writes them. */
        List<String> baseNames() {
            List<String> names = new ArrayList<>();
            if (rfm) {
                names.addAll(List.of(CustomerFeatures.RECENCY, CustomerFeatures.FREQUENCY, CustomerFeatures.MONETARY));
            }
            if (tenure) {
                names.add(CustomerFeatures.TENURE);
            }
            if (behaviour) {
                names.addAll(List.of(CustomerFeatures.MEAN_BASKET_VALUE, CustomerFeatures.MEAN_ITEMS_PER_ORDER,
                        CustomerFeatures.MEAN_DISTINCT_ITEMS_PER_ORDER, CustomerFeatures.MEAN_INTERPURCHASE_DAYS));
            }
            return names;
        }
    }

    /** BtydSummarizer's settings for tasks. */
    private static final class SummarizerSpec implements Serializable {
        private static final long serialVersionUID = 1L;
        private final LocalDate end;
        private final LocalDate calibrationEnd;
        private final String period;
        private final Duration unit;

        SummarizerSpec(BtydSummarizer s) {
            this.end = s.end();
            this.calibrationEnd = s.calibrationEnd().orElse(null);
            this.period = s.period().name();
            this.unit = s.unit();
        }

        BtydSummarizer summarizer() {
            BtydSummarizer.Builder b = BtydSummarizer.builder().end(end).period(PurchasePeriod.valueOf(period))
                    .unit(unit);
            if (calibrationEnd != null) {
                b.calibrationEnd(calibrationEnd);
            }
            return b.build();
        }
    }
}
