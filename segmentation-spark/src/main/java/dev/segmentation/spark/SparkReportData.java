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
        Row range = Jobs.run(spark, "report: lines", () -> lines.agg(functions.count(functions.lit(1)),
                functions.min(SparkIngest.EPOCH_SECOND), functions.max(SparkIngest.EPOCH_SECOND)).first());
        long lineCount = range.getLong(0);
        long firstDay = Math.floorDiv(range.getLong(1), 86_400L);
        long lastDay = Math.floorDiv(range.getLong(2), 86_400L);

        // per segment the revenue of its members' lines; the other figures from the customers alone
        Map<Integer, Double> revenue = result.linesByCustomer() != null
                ? arrangedRevenue(spark, result.linesByCustomer(), result.customers())
                : revenue(spark, lines, result.customers());
        return build(result, lines, result.customers(), revenue, churnHorizonDays, currency, warnings, lineCount,
                firstDay, lastDay);
    }

    /**
     * Per segment the summed amounts of its members' lines, lines of customers without a segment left out; from
     * lines arranged by customer (LineLogs) and the customers in the same partitions (as {@link SparkScoring} gives
     * them for those lines), one job (described {@code report: revenue}) without a shuffle: each partition sums
     * its customers' lines in line order, and the segments' sums of those customer sums are added on the driver.
     */
    private static Map<Integer, Double> arrangedRevenue(SparkSession spark, Dataset<Row> byCustomer,
            Dataset<Row> customers) {
        // internal rows: the ids compared as UTF-8 bytes, never made into Java strings
        JavaRDD<InternalRow> amounts = byCustomer.select(SparkIngest.CUSTOMER_ID, SparkIngest.AMOUNT)
                .queryExecution().toRdd().toJavaRDD();
        JavaRDD<InternalRow> segments = customers.select("customer_id", "segment").queryExecution().toRdd()
                .toJavaRDD();
        if (amounts.getNumPartitions() != segments.getNumPartitions()) {
            return revenue(spark, byCustomer, customers);
        }
        List<double[]> parts = Jobs.run(spark, "report: revenue", () -> amounts.zipPartitions(segments,
                (org.apache.spark.api.java.function.FlatMapFunction2<java.util.Iterator<InternalRow>,
                        java.util.Iterator<InternalRow>, double[]>) (lineRows, customerRows) -> {
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
                    double[] sum = new double[segment.size()];
                    while (lineRows.hasNext()) {
                        InternalRow r = lineRows.next();
                        int c = index.getInt(r.getUTF8String(0));
                        if (c >= 0) {
                            sum[c] += r.getDouble(1);
                        }
                    }
                    // per segment (k sums), then a flag per segment that has a member
                    double[] out = new double[2 * k];
                    for (int c = 0; c < sum.length; c++) {
                        out[segment.getInt(c)] += sum[c];
                        out[k + segment.getInt(c)] = 1;
                    }
                    return java.util.Collections.singletonList(out).iterator();
                }).collect());
        Map<Integer, Double> bySegment = new TreeMap<>();
        for (double[] p : parts) {
            int k = p.length / 2;
            for (int s = 0; s < k; s++) {
                if (p[k + s] > 0) {
                    bySegment.merge(s, p[s], Double::sum);
                }
            }
        }
        return bySegment;
    }

    /** {@link #arrangedRevenue} of lines in any partitioning: a group-by of the lines, joined with the customers. */
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
            Map<Integer, Double> revenue, int churnHorizonDays, String currency, List<String> warnings,
            long lineCount, long firstDay, long lastDay) {
        SparkSession spark = lines.sparkSession();
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
            btyd = Optional.of(btyd(spark, lines, result, model, firstDay, lastDay));
        }
        Optional<ReportData.Churn> churnSection = result.models().names().contains("churn")
                ? Optional.of(new ReportData.Churn(Optional.empty(), Optional.empty())) : Optional.empty();
        return new ReportData(result.asOf(), result.size(), lineCount, LocalDate.ofEpochDay(firstDay),
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
            BtydModel model, long firstDay, long lastDay) {
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
        TreeMap<Long, Long> births = new TreeMap<>();
        if (result.linesByCustomer() != null) {
            arrangedPurchaseDays(spark, result.linesByCustomer(), firstDay, births, actual);
        } else {
            purchaseDays(spark, lines, firstDay, births, actual);
        }
        double[][] curves = ReportData.cumulative(model, firstDay, lastDay, actual, births);
        return new ReportData.Btyd(model.name(), model.unit(), model.probabilityAliveMatrix(maxF, maxR), curves[0],
                curves[1]);
    }

    /**
     * Purchase days per customer of lines partitioned by customer (LineLogs): the first is the birth, every later
     * one a repeat purchase; one job (described {@code report: purchase days}), each partition counting its own
     * customers' days, the counts summed on the driver (exact).
     */
    private static void arrangedPurchaseDays(SparkSession spark, Dataset<Row> byCustomer, long firstDay,
            TreeMap<Long, Long> births, long[] actual) {
        // two columns only; per partition, each (customer, day) as one long key (the customer's index in the
        // partition, the day after the first): sorted, a customer's first key is its birth, its other distinct
        // keys its repeat purchase days. Counts per day offset and per week, summed on the driver (exact).
        Dataset<Row> read = byCustomer.select(functions.col(SparkIngest.CUSTOMER_ID),
                functions.col(SparkIngest.EPOCH_SECOND));
        int days = actual.length * 7;
        // internal rows: the ids compared as UTF-8 bytes, never made into Java strings
        JavaRDD<InternalRow> internal = read.queryExecution().toRdd().toJavaRDD();
        List<long[][]> parts = Jobs.run(spark, "report: purchase days", () -> internal.mapPartitions(rows -> {
            it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap<UTF8String> ids =
                    new it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap<>();
            ids.defaultReturnValue(-1);
            it.unimi.dsi.fastutil.longs.LongArrayList keys = new it.unimi.dsi.fastutil.longs.LongArrayList();
            while (rows.hasNext()) {
                InternalRow r = rows.next();
                UTF8String id = r.getUTF8String(0);
                int c = ids.getInt(id);
                if (c < 0) {
                    c = ids.size();
                    ids.put(id.clone(), c);
                }
                long offset = Math.floorDiv(r.getLong(1), 86_400L) - firstDay;
                keys.add((long) c << 31 | offset);
            }
            long[] k = keys.toLongArray();
            java.util.Arrays.sort(k);
            long[][] counts = {new long[days], new long[days / 7]};
            for (int i = 0; i < k.length; i++) {
                if (i > 0 && k[i] == k[i - 1]) {
                    continue; // the same customer and day
                }
                int offset = (int) (k[i] & 0x7fff_ffffL);
                if (i == 0 || k[i] >>> 31 != k[i - 1] >>> 31) {
                    counts[0][offset]++; // the customer's first day
                } else {
                    counts[1][offset / 7]++;
                }
            }
            return java.util.Collections.singletonList(counts).iterator();
        }).collect());
        for (long[][] p : parts) {
            for (int d = 0; d < days; d++) {
                if (p[0][d] > 0) {
                    births.merge(firstDay + d, p[0][d], Long::sum);
                }
            }
            for (int w = 0; w < actual.length; w++) {
                actual[w] += p[1][w];
            }
        }
    }

    /** {@link #arrangedPurchaseDays} of lines in any partitioning: two jobs over the distinct purchase days. */
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
