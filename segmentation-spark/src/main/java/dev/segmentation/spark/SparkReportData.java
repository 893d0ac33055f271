package dev.segmentation.spark;

import dev.segmentation.clv.BtydModel;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.CustomerFeatures;
import dev.segmentation.pipeline.SegmentCatalog;
import dev.segmentation.report.ReportData;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The figures of the HTML report ({@link ReportData}) of a Spark run, computed with Spark aggregates: what is
 * collected to the driver is a row per segment, score cell, week, day of first purchase, distinct frequency or
 * quantile position, never a row per customer.
 *
 * <p>The figures equal {@link ReportData#of} of the single-JVM result with the same segments and scores: counts
 * exactly, the CLV percentiles exactly (the same order statistics), sums and means up to the order of summation.
 * What the Spark run does not compute is absent and its section left out: the lifetime-value model choice (the
 * Spark pipeline fits the given model), the k sweep, the churn model's out-of-sample check and gains, the
 * transaction model's P(no purchase) per segment, the segments' best sellers and the recommendation examples.
 */
public final class SparkReportData {
    private static final String DAY = "day";
    private static final String BIRTH = "birth";
    private static final String REVENUE = "revenue";

    private SparkReportData() {
    }

    /**
     * Computes the report's figures in Spark.
     *
     * @param result the Spark run's result; not null
     * @param lines the lines the run read, in {@link SparkIngest#LINE_SCHEMA}; not null
     * @param churnHorizonDays the churn horizon of the run, in days
     * @param currency the amounts' currency code, or {@code ""}; not null
     * @param warnings the run's warnings; not null
     * @return the report data
     */
    public static ReportData of(SparkSegmentationResult result, Dataset<Row> lines, int churnHorizonDays,
            String currency, List<String> warnings) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(warnings, "warnings");
        SparkSession spark = lines.sparkSession();
        boolean days = result.models().names().contains("transactions");
        // the run's lines arranged by customer, with the customers in the same partitions: one pass over the lines
        LineFigures f = result.linesByCustomer() != null
                ? LineFigures.arranged(spark, result.linesByCustomer(), result.customers(), days) : null;
        if (f == null) {
            f = LineFigures.anyPartitioning(spark, lines, result.customers());
        }
        return build(result, lines, result.customers(), f, churnHorizonDays, currency, warnings);
    }

    /**
     * What the report reads from the lines: their count and date range, per segment the summed amounts of its
     * members' lines (lines of customers without a segment left out), and, when {@code births} is not null, each
     * customer's purchase days (the first its birth, every later one a repeat purchase) as births per day and
     * repeat purchases per day.
     */
    private record LineFigures(long lineCount, long firstDay, long lastDay, Map<Integer, Double> revenue,
            TreeMap<Long, Long> births, TreeMap<Long, Long> repeats) {

        /**
         * From lines arranged by customer (LineLogs) and the customers in the same partitions (as
         * {@link SparkScoring} gives them for those lines): one job (described {@code report: lines}) reading the
         * lines once, without a shuffle. Each partition counts its lines, takes their date range, sums its
         * customers' amounts in line order (the segments' sums of those customer sums are added on the driver, in
         * partition order) and, with {@code days}, sorts each (customer, day) as one long key (a customer's first
         * key its birth, its other distinct keys its repeat purchase days); the counts are summed on the driver
         * (exact). Null when the two have different partition counts.
         */
        static LineFigures arranged(SparkSession spark, Dataset<Row> byCustomer, Dataset<Row> customers,
                boolean days) {
            // internal rows: the ids compared as UTF-8 bytes, never made into Java strings
            JavaRDD<InternalRow> read = byCustomer.select(SparkIngest.CUSTOMER_ID, SparkIngest.AMOUNT,
                    SparkIngest.EPOCH_SECOND).queryExecution().toRdd().toJavaRDD();
            JavaRDD<InternalRow> segments = customers.select("customer_id", "segment").queryExecution().toRdd()
                    .toJavaRDD();
            if (read.getNumPartitions() != segments.getNumPartitions()) {
                return null;
            }
            List<PartitionFigures> parts = Jobs.run(spark, "report: lines", () -> read.zipPartitions(segments,
                    (org.apache.spark.api.java.function.FlatMapFunction2<java.util.Iterator<InternalRow>,
                            java.util.Iterator<InternalRow>, PartitionFigures>) (lineRows, customerRows) ->
                            java.util.Collections.singletonList(PartitionFigures.of(lineRows, customerRows, days))
                                    .iterator()).collect());
            long lineCount = 0;
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            Map<Integer, Double> revenue = new TreeMap<>();
            TreeMap<Long, Long> births = days ? new TreeMap<>() : null;
            TreeMap<Long, Long> repeats = days ? new TreeMap<>() : null;
            for (PartitionFigures p : parts) {
                lineCount += p.lines;
                min = Math.min(min, p.minSecond);
                max = Math.max(max, p.maxSecond);
                int k = p.revenue.length / 2;
                for (int s = 0; s < k; s++) {
                    if (p.revenue[k + s] > 0) {
                        revenue.merge(s, p.revenue[s], Double::sum);
                    }
                }
                if (days) {
                    for (int d = 0; d < p.births.length; d++) {
                        if (p.births[d] > 0) {
                            births.merge(p.firstDay + d, p.births[d], Long::sum);
                        }
                        if (p.repeats[d] > 0) {
                            repeats.merge(p.firstDay + d, p.repeats[d], Long::sum);
                        }
                    }
                }
            }
            return new LineFigures(lineCount, Math.floorDiv(min, 86_400L), Math.floorDiv(max, 86_400L), revenue,
                    births, repeats);
        }

        /**
         * From lines in any partitioning: their count and range (one job, {@code report: lines}) and the revenue (a
         * group-by of the lines joined with the customers, {@code report: revenue}); the purchase days left to
         * {@link #purchaseDays} (null).
         */
        static LineFigures anyPartitioning(SparkSession spark, Dataset<Row> lines, Dataset<Row> customers) {
            Row range = Jobs.run(spark, "report: lines", () -> lines.agg(functions.count(functions.lit(1)),
                    functions.min(SparkIngest.EPOCH_SECOND), functions.max(SparkIngest.EPOCH_SECOND)).first());
            return new LineFigures(range.getLong(0), Math.floorDiv(range.getLong(1), 86_400L),
                    Math.floorDiv(range.getLong(2), 86_400L), SparkReportData.revenue(spark, lines, customers), null,
                    null);
        }
    }

    /**
     * One partition's share of {@link LineFigures#arranged}: its line count and date range (seconds), per segment
     * its members' summed amounts (k sums, then a flag per segment that has a member), and with the purchase days,
     * per day from its first day the customers born that day and the repeat purchases that day.
     */
    private static final class PartitionFigures implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        long lines;
        long minSecond = Long.MAX_VALUE;
        long maxSecond = Long.MIN_VALUE;
        double[] revenue;
        long firstDay;
        long[] births;
        long[] repeats;

        static PartitionFigures of(java.util.Iterator<InternalRow> lineRows,
                java.util.Iterator<InternalRow> customerRows, boolean days) {
            PartitionFigures out = new PartitionFigures();
            it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap<UTF8String> index =
                    new it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap<>();
            index.defaultReturnValue(-1);
            it.unimi.dsi.fastutil.ints.IntArrayList segment = new it.unimi.dsi.fastutil.ints.IntArrayList();
            int k = 0;
            while (customerRows.hasNext()) {
                InternalRow r = customerRows.next();
                index.put(r.getUTF8String(0).clone(), segment.size());
                segment.add(r.getInt(1));
                k = Math.max(k, r.getInt(1) + 1);
            }
            int known = segment.size();
            double[] sum = new double[known];
            // each (customer, day) as one long key: the customer's index in the partition (customers without a
            // segment numbered after those with one), then the day with its sign bit flipped (unsigned order is
            // day order)
            it.unimi.dsi.fastutil.longs.LongArrayList keys = new it.unimi.dsi.fastutil.longs.LongArrayList();
            while (lineRows.hasNext()) {
                InternalRow r = lineRows.next();
                UTF8String id = r.getUTF8String(0);
                int c = index.getInt(id);
                if (c < 0 && days) {
                    c = index.size();
                    index.put(id.clone(), c);
                }
                if (c >= 0 && c < known) {
                    sum[c] += r.getDouble(1);
                }
                long second = r.getLong(2);
                out.lines++;
                out.minSecond = Math.min(out.minSecond, second);
                out.maxSecond = Math.max(out.maxSecond, second);
                if (days) {
                    keys.add((long) c << 32 | (Math.toIntExact(Math.floorDiv(second, 86_400L)) ^ Integer.MIN_VALUE)
                            & 0xffff_ffffL);
                }
            }
            out.revenue = new double[2 * k];
            for (int c = 0; c < known; c++) {
                out.revenue[segment.getInt(c)] += sum[c];
                out.revenue[k + segment.getInt(c)] = 1;
            }
            if (days) {
                out.firstDay = out.lines == 0 ? 0 : Math.floorDiv(out.minSecond, 86_400L);
                int span = out.lines == 0 ? 0 : (int) (Math.floorDiv(out.maxSecond, 86_400L) - out.firstDay) + 1;
                out.births = new long[span];
                out.repeats = new long[span];
                long[] sorted = keys.toLongArray();
                java.util.Arrays.sort(sorted);
                for (int i = 0; i < sorted.length; i++) {
                    if (i > 0 && sorted[i] == sorted[i - 1]) {
                        continue; // the same customer and day
                    }
                    int offset = (int) (((int) sorted[i] ^ Integer.MIN_VALUE) - out.firstDay);
                    if (i == 0 || sorted[i] >>> 32 != sorted[i - 1] >>> 32) {
                        out.births[offset]++; // the customer's first day
                    } else {
                        out.repeats[offset]++;
                    }
                }
            }
            return out;
        }
    }

    /**
     * Per segment the summed amounts of its members' lines, lines of customers without a segment left out, of lines
     * in any partitioning: a group-by of the lines, joined with the customers (one job, {@code report: revenue}).
     */
    private static Map<Integer, Double> revenue(SparkSession spark, Dataset<Row> lines, Dataset<Row> customers) {
        Dataset<Row> perCustomer = lines.groupBy(functions.col(SparkIngest.CUSTOMER_ID).as("customer_id"))
                .agg(functions.sum(SparkIngest.AMOUNT).as(REVENUE));
        Map<Integer, Double> bySegment = new TreeMap<>();
        for (Row r : Jobs.run(spark, "report: revenue", () -> customers.select("customer_id", "segment")
                .join(perCustomer, "customer_id").groupBy("segment").agg(functions.sum(REVENUE)).collectAsList())) {
            bySegment.put(r.getInt(0), r.getDouble(1));
        }
        return bySegment;
    }

    private static ReportData build(SparkSegmentationResult result, Dataset<Row> lines, Dataset<Row> customers,
            LineFigures f, int churnHorizonDays, String currency, List<String> warnings) {
        SparkSession spark = lines.sparkSession();
        Map<Integer, Double> revenue = f.revenue();
        long firstDay = f.firstDay();
        long lastDay = f.lastDay();
        Column clv = usable("clv");
        Column churn = usable("p_churn");
        Row t = Jobs.run(spark, "report: totals", () -> customers.agg(functions.sum(clv), functions.count(clv),
                functions.count(churn), functions.sum(clv.multiply(churn))).first());
        boolean hasClv = t.getLong(1) > 0;
        boolean hasChurn = t.getLong(2) > 0;
        double totalRevenue = 0;
        for (double v : revenue.values()) {
            totalRevenue += v;
        }
        ReportData.Totals totals = new ReportData.Totals(totalRevenue,
                hasClv ? OptionalDouble.of(t.getDouble(0)) : OptionalDouble.empty(),
                hasClv && hasChurn ? OptionalDouble.of(t.isNullAt(3) ? 0 : t.getDouble(3)) : OptionalDouble.empty());

        // per segment: members, mean P(alive) and P(churn)
        Map<Integer, Row> bySegment = new HashMap<>();
        for (Row r : Jobs.run(spark, "report: segment aggregates", () -> customers.groupBy("segment").agg(
                functions.count(functions.lit(1)), functions.avg(usable("p_alive")),
                functions.avg(churn)).collectAsList())) {
            bySegment.put(r.getInt(0), r);
        }
        SegmentCatalog catalog = result.models().get("catalog", SegmentCatalog.class);
        Map<Integer, double[]> quantiles = clvQuantiles(spark, customers, clv, catalog.segments().size());
        List<String> features = catalog.features();
        int d = features.size();
        double[] overall = new double[d];
        long weight = 0;
        List<ReportData.Segment> segments = new ArrayList<>();
        for (SparkSegmentationResult.Segment s : result.segments()) {
            Row r = bySegment.get(s.segment());
            double[] centre = s.centre();
            Map<String, Double> centreByName = new LinkedHashMap<>();
            for (int j = 0; j < d; j++) {
                centreByName.put(features.get(j), centre[j]);
                overall[j] += centre[j] * s.size();
            }
            weight += s.size();
            Map<String, Double> medians = new LinkedHashMap<>();
            medians.put(CustomerFeatures.RECENCY, s.medians().recencyDays());
            medians.put(CustomerFeatures.FREQUENCY, s.medians().orders());
            medians.put(CustomerFeatures.MONETARY, s.medians().monetary());
            long members = r == null ? 0 : r.getLong(1);
            double[] nan5 = {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
            segments.add(new ReportData.Segment(s.segment(), s.name(), s.size(), s.share(), s.meanClv(),
                    s.churnRate(), s.action(), medians, centreByName, s.topItems(), s.distinctiveItems(),
                    s.itemDescriptions(),
                    r == null ? 0 : revenue.getOrDefault(s.segment(), 0.0), members, value(r, 2), Double.NaN,
                    value(r, 3),
                    quantiles.getOrDefault(s.segment(), nan5), centre));
        }
        for (int j = 0; j < d; j++) {
            overall[j] = weight == 0 ? Double.NaN : overall[j] / weight;
        }

        long[][] rfmCounts = new long[5][5];
        double[][] rfmSpend = new double[5][5];
        for (Row r : Jobs.run(spark, "report: RFM cells", () -> customers.groupBy("f_score", "r_score")
                .agg(functions.count(functions.lit(1)), functions.sum("monetary")).collectAsList())) {
            rfmCounts[r.getInt(0) - 1][r.getInt(1) - 1] = r.getLong(2);
            rfmSpend[r.getInt(0) - 1][r.getInt(1) - 1] = r.getDouble(3);
        }

        Optional<ReportData.Btyd> btyd = Optional.empty();
        if (result.models().names().contains("transactions")) {
            BtydModel model = result.models().get("transactions", BtydModel.class);
            btyd = Optional.of(btyd(spark, lines, result, model, f));
        }
        Optional<ReportData.Churn> churnSection = result.models().names().contains("churn")
                ? Optional.of(new ReportData.Churn(Optional.empty(), Optional.empty())) : Optional.empty();
        return new ReportData(result.asOf(), result.size(), f.lineCount(), LocalDate.ofEpochDay(firstDay),
                LocalDate.ofEpochDay(lastDay), currency, warnings, totals, segments, features, overall,
                Optional.empty(), rfmCounts, rfmSpend, Optional.empty(), btyd.map(ReportData.Btyd::model), btyd,
                churnHorizonDays, churnSection,
                Optional.empty(), Map.of(), result.timings());
    }

    /** The column where it holds a number, null where it is null or NaN (a stage that did not run). */
    private static Column usable(String column) {
        Column c = functions.col(column);
        return functions.when(c.isNotNull().and(functions.not(functions.isnan(c))), c);
    }

    private static double value(Row r, int i) {
        return r == null || r.isNullAt(i) ? Double.NaN : r.getDouble(i);
    }

    /**
     * The 5th to 95th CLV percentiles per segment, exact: the order statistics either side of each percentile's
     * position are picked by their rank within the segment from its counted values ({@link SparkQuantiles#quantiles}),
     * then interpolated as {@link ReportData#quantile}.
     */
    private static Map<Integer, double[]> clvQuantiles(SparkSession spark, Dataset<Row> customers, Column clv,
            int segments) {
        double[] qs = {0.05, 0.25, 0.5, 0.75, 0.95};
        return SparkQuantiles.quantiles(customers.select(functions.col("segment"), clv.as("v")), "segment", segments,
                "v", qs, "report: CLV percentiles");
    }

    /** The P(alive) matrix and the repeat-purchase curves of the transaction model. */
    private static ReportData.Btyd btyd(SparkSession spark, Dataset<Row> lines, SparkSegmentationResult result,
            BtydModel model, LineFigures f) {
        long firstDay = f.firstDay();
        long lastDay = f.lastDay();
        // the run's own summary (the same end and unit) when it kept it, else computed again
        Dataset<Row> summary = result.btydSummary() != null ? result.btydSummary()
                : SparkFeatures.btydSummary(lines, BtydSummarizer.builder().end(result.asOf().minusDays(1))
                        .unit(model.unit()).build()).rows();
        // the frequencies' 99th percentile from their histogram (one row per distinct frequency), and the oldest T
        List<Row> histogram = Jobs.run(spark, "report: frequency histogram", () -> summary.groupBy("frequency")
                .agg(functions.count(functions.lit(1)), functions.max("T")).orderBy("frequency").collectAsList());
        long n = 0;
        double maxT = 0;
        for (Row r : histogram) {
            n += r.getLong(1);
            maxT = Math.max(maxT, r.getDouble(2));
        }
        double pos = 0.99 * (n - 1);
        long lo = (long) Math.floor(pos);
        long hi = Math.min(n - 1, lo + 1);
        double loValue = Double.NaN;
        double hiValue = Double.NaN;
        long seen = 0;
        for (Row r : histogram) {
            long next = seen + r.getLong(1);
            if (Double.isNaN(loValue) && lo < next) {
                loValue = r.getDouble(0);
            }
            if (Double.isNaN(hiValue) && hi < next) {
                hiValue = r.getDouble(0);
            }
            seen = next;
        }
        double p99 = n == 0 ? Double.NaN : loValue + (pos - lo) * (hiValue - loValue);
        int maxF = (int) Math.max(1, Math.min(40, Math.ceil(p99)));
        int maxR = (int) Math.max(1, Math.min(120, Math.ceil(maxT)));

        int weeks = (int) ((lastDay - firstDay) / 7) + 1;
        long[] actual = new long[weeks];
        TreeMap<Long, Long> births;
        if (f.births() != null) {
            // counted in the one pass over the lines
            births = f.births();
            f.repeats().forEach((day, count) -> actual[(int) ((day - firstDay) / 7)] += count);
        } else {
            births = new TreeMap<>();
            purchaseDays(spark, lines, firstDay, births, actual);
        }
        double[][] curves = ReportData.cumulative(model, firstDay, lastDay, actual, births);
        return new ReportData.Btyd(model.name(), model.unit(), model.probabilityAliveMatrix(maxF, maxR), curves[0],
                curves[1]);
    }

    /**
     * Purchase days per customer of lines in any partitioning (the first is the birth, every later one a repeat
     * purchase): two jobs over the distinct purchase days.
     */
    private static void purchaseDays(SparkSession spark, Dataset<Row> lines, long firstDay, TreeMap<Long, Long> births,
            long[] actual) {
        // purchase days per customer: the first is the birth, every later one a repeat purchase
        Dataset<Row> days = lines.select(functions.col(SparkIngest.CUSTOMER_ID),
                functions.floor(functions.col(SparkIngest.EPOCH_SECOND).divide(86_400L)).as(DAY)).distinct()
                .withColumn(BIRTH, functions.min(DAY).over(Window.partitionBy(SparkIngest.CUSTOMER_ID)));
        for (Row r : Jobs.run(spark, "report: first purchases per day", () -> days
                .filter(functions.col(DAY).equalTo(functions.col(BIRTH))).groupBy(DAY).count().collectAsList())) {
            births.put(r.getLong(0), r.getLong(1));
        }
        for (Row r : Jobs.run(spark, "report: repeat purchases per week", () -> days
                .filter(functions.col(DAY).notEqual(functions.col(BIRTH)))
                .groupBy(functions.col(DAY).minus(firstDay).divide(7).cast("long")).count().collectAsList())) {
            actual[(int) r.getLong(0)] = r.getLong(1);
        }
    }
}
