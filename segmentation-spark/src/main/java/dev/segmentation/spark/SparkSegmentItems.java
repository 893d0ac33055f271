package dev.segmentation.spark;

import dev.segmentation.pipeline.SegmentItems;
import dev.segmentation.pipeline.SegmentationResult;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Tuple2;

/**
 * The segment summaries' item columns and value at risk from Spark aggregates, as the single JVM's summaries
 * stage computes them ({@link SegmentItems} on the same counts): the item index and descriptions (one row per
 * item), the purchase lines and buyers per segment and item (one array of segments x items per partition, added
 * up), and the value at risk per segment (one row per segment). Nothing proportional to the customers reaches the
 * driver.
 */
final class SparkSegmentItems {
    private SparkSegmentItems() {
    }

    /**
     * The lines' items in the single JVM's item order ({@link SparkItemKnn#itemIndex}: {@code leading}, then by
     * first line) and their descriptions: an item's is the {@link SparkIngest#DESCRIPTION} of its first line,
     * stripped, none when null or blank ({@link dev.segmentation.data.TransactionLog#itemDescription}).
     *
     * @param ids the item ids in item order
     * @param descriptions the description of each item that has one
     */
    record Items(List<String> ids, Map<String, String> descriptions) {
        Items {
            ids = List.copyOf(ids);
            descriptions = Collections.unmodifiableMap(new HashMap<>(descriptions));
        }

        /** Tells whether any item has a description ({@code TransactionLog#hasItemDescriptions}). */
        boolean described() {
            return !descriptions.isEmpty();
        }
    }

    /**
     * One scan of the lines by item, shared by the recommendations stage (the item index and which items are
     * non-products) and the summaries stage (the item index and the descriptions): the items in the order of their
     * first line, each with whether any of its lines is a non-product and its first line's description.
     *
     * @param byFirstLine the item ids of the lines, by first line
     * @param nonProducts the items with a line marked non-product
     * @param descriptions the description of each item that has one ({@link Items})
     */
    record Scan(List<String> byFirstLine, Set<String> nonProducts, Map<String, String> descriptions) {
        Scan {
            byFirstLine = List.copyOf(byFirstLine);
            nonProducts = Set.copyOf(nonProducts);
            descriptions = Collections.unmodifiableMap(new HashMap<>(descriptions));
        }

        /** The items in the single JVM's item order ({@code leading}, then by first line) with their descriptions. */
        Items items(List<String> leading) {
            return new Items(SparkItemKnn.itemIndex(leading, byFirstLine), descriptions);
        }
    }

    /**
     * The lines' items in one pass over the lines (one job, {@code job}, no shuffle): each partition keeps, per item
     * id (its UTF-8 bytes), the item's first line there, whether any of its lines is a non-product, and the
     * description of that first line (made a Java string only when a line becomes the item's first); the
     * partitions' few thousand entries are merged on the driver. An item's description is its first line's, the
     * least description (none first) should two lines of the item share that line number. (Before: a hash
     * aggregation of the lines by item, sorted by first line, then a second read of the lines for the first lines'
     * descriptions.)
     */
    static Scan scan(Dataset<Row> lines, String job) {
        SparkSession spark = lines.sparkSession();
        boolean described = LineLogs.hasDescriptions(lines);
        List<Column> columns = new ArrayList<>(List.of(functions.col(SparkIngest.ITEM),
                functions.col(SparkIngest.LINE), functions.col(SparkIngest.NON_PRODUCT)));
        if (described) {
            columns.add(functions.col(SparkIngest.DESCRIPTION));
        }
        // internal rows: the ids compared as UTF-8 bytes, a Java string made once per item and partition
        List<ArrayList<FirstLine>> parts = Jobs.run(spark, job, () -> lines.select(columns.toArray(new Column[0]))
                .queryExecution().toRdd().toJavaRDD().mapPartitions(read -> firstLines(read, described)).collect());
        Map<String, FirstLine> all = new HashMap<>();
        for (List<FirstLine> part : parts) {
            for (FirstLine f : part) {
                FirstLine had = all.putIfAbsent(f.item, f);
                if (had == null) {
                    continue;
                }
                had.nonProduct |= f.nonProduct;
                if (f.line < had.line) {
                    had.line = f.line;
                    had.description = f.description;
                } else if (f.line == had.line && had.description != null) {
                    had.keepLeast(f.description);
                }
            }
        }
        List<FirstLine> firsts = new ArrayList<>(all.values());
        // by first line; an item's lines have one line number each, so two items share one only if lines do
        firsts.sort(java.util.Comparator.comparingLong((FirstLine f) -> f.line).thenComparing(f -> f.item));
        List<String> byFirstLine = new ArrayList<>(firsts.size());
        Set<String> nonProducts = new HashSet<>();
        Map<String, String> descriptions = new HashMap<>();
        for (FirstLine f : firsts) {
            byFirstLine.add(f.item);
            if (f.nonProduct) {
                nonProducts.add(f.item);
            }
            String stripped = f.description == null ? "" : f.description.strip();
            if (!stripped.isEmpty()) {
                descriptions.put(f.item, stripped);
            }
        }
        return new Scan(byFirstLine, nonProducts, descriptions);
    }

    /**
     * One partition's items (rows: item, line, non-product and, when {@code described}, description), each with its
     * first line there, whether any of its lines is a non-product and that first line's description: one list.
     */
    private static Iterator<ArrayList<FirstLine>> firstLines(Iterator<InternalRow> read, boolean described) {
        Object2ObjectOpenHashMap<UTF8String, FirstLine> seen = new Object2ObjectOpenHashMap<>();
        while (read.hasNext()) {
            InternalRow r = read.next();
            if (r.isNullAt(0)) {
                continue;
            }
            UTF8String item = r.getUTF8String(0);
            long line = r.getLong(1);
            boolean nonProduct = !r.isNullAt(2) && r.getBoolean(2);
            FirstLine f = seen.get(item);
            if (f == null) {
                // the row's bytes may be reused by the next row: the key kept is a copy
                seen.put(item.clone(), new FirstLine(item.toString(), line, nonProduct, description(r, described)));
                continue;
            }
            f.nonProduct |= nonProduct;
            if (line < f.line) {
                f.line = line;
                f.description = description(r, described);
            } else if (line == f.line && f.description != null) {
                f.keepLeast(description(r, described));
            }
        }
        return Collections.singletonList(new ArrayList<>(seen.values())).iterator();
    }

    /** The row's description (column 3) as a Java string, null when none or the lines have no such column. */
    private static String description(InternalRow r, boolean described) {
        return described && !r.isNullAt(3) ? r.getUTF8String(3).toString() : null;
    }

    /** An item's first line so far, whether any of its lines is a non-product, and that first line's description. */
    private static final class FirstLine implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final String item;
        long line;
        boolean nonProduct;
        String description;

        FirstLine(String item, long line, boolean nonProduct, String description) {
            this.item = item;
            this.line = line;
            this.nonProduct = nonProduct;
            this.description = description;
        }

        /** Another description of a line with the same line number: the least kept, none first. */
        void keepLeast(String d) {
            if (d == null || d.compareTo(description) < 0) {
                description = d;
            }
        }
    }

    /**
     * The items of all lines ({@link #scan}: one job, {@code job}); lines without
     * the description column have none.
     */
    static Items items(Dataset<Row> lines, List<String> leading, String job) {
        return scan(lines, job).items(leading);
    }

    /**
     * The customers with their {@code top_item_descriptions} column after {@code top_items} (ids separated by one
     * space), as the single JVM's {@code customers.csv} writes it ({@link SegmentItems#descriptions}); the map is
     * broadcast.
     */
    static Dataset<Row> withDescriptions(Dataset<Row> customers, Map<String, String> descriptions) {
        Broadcast<HashMap<String, String>> shipped = JavaSparkContext.fromSparkContext(
                customers.sparkSession().sparkContext()).broadcast(new HashMap<>(descriptions));
        UDF1<String, String> f = ids -> ids == null || ids.isEmpty() ? ""
                : SegmentItems.descriptions(List.of(ids.split(" ")), shipped.value()::get);
        return customers.withColumn(SegmentationResult.ITEM_DESCRIPTION_COLUMN,
                functions.udf(f, DataTypes.StringType).apply(functions.col("top_items")));
    }

    /**
     * Per segment and item the purchase lines and the buying customers, non-products and lines without an item
     * left out (the single JVM's {@code ItemTallies}), in one job ({@code job}) and without a shuffle: each
     * partition of the lines is read with the same partition of the customers (their segments), counted into its
     * own arrays (segments x items), and the integer counts are added (the same for every partitioning).
     *
     * @param observed the lines before the as-of date arranged by customer ({@link LineLogs}: each customer's lines
     *     in one partition), in LINE_SCHEMA
     * @param customers one row per customer, {@code customer_id} and an int {@code segment} in {@code [0, k)},
     *     partition {@code p} holding the customers of the lines' partition {@code p} (as {@link SparkScoring}
     *     gives them for those lines)
     * @param items the item index
     * @return {@code [0]} the lines and {@code [1]} the buyers, each {@code [segment][item]}
     * @throws IllegalArgumentException if the two have different numbers of partitions
     */
    static long[][][] tallies(Dataset<Row> observed, Dataset<Row> customers, int k, List<String> items, String job) {
        HashMap<String, Integer> index = new HashMap<>();
        for (int j = 0; j < items.size(); j++) {
            index.put(items.get(j), j);
        }
        // internal rows: the ids compared as UTF-8 bytes, never made into Java strings
        JavaRDD<InternalRow> lines = observed.select(SparkIngest.CUSTOMER_ID, SparkIngest.ITEM,
                SparkIngest.NON_PRODUCT).queryExecution().toRdd().toJavaRDD();
        JavaRDD<InternalRow> segments = customers.select(SparkIngest.CUSTOMER_ID, "segment").queryExecution().toRdd()
                .toJavaRDD();
        if (lines.getNumPartitions() != segments.getNumPartitions()) {
            throw new IllegalArgumentException("customers must have the lines' partitions " + lines.getNumPartitions()
                    + ", found " + segments.getNumPartitions());
        }
        Broadcast<HashMap<String, Integer>> shipped = JavaSparkContext.fromSparkContext(observed.sparkSession()
                .sparkContext()).broadcast(index);
        int n = items.size();
        FlatMapFunction2<Iterator<InternalRow>, Iterator<InternalRow>, long[][][]> count = (lineRows, customerRows) -> {
            Object2IntOpenHashMap<UTF8String> item = utf8Index(shipped.value());
            // each customer's number in the partition, and the segment of each number
            Object2IntOpenHashMap<UTF8String> customer = new Object2IntOpenHashMap<>();
            customer.defaultReturnValue(-1);
            IntArrayList segment = new IntArrayList();
            while (customerRows.hasNext()) {
                InternalRow r = customerRows.next();
                customer.put(r.getUTF8String(0).clone(), segment.size());
                segment.add(r.getInt(1));
            }
            long[][][] t = new long[2][k][n];
            LongOpenHashSet bought = new LongOpenHashSet();
            while (lineRows.hasNext()) {
                InternalRow r = lineRows.next();
                if (r.isNullAt(1) || r.getBoolean(2)) {
                    continue;
                }
                int c = customer.getInt(r.getUTF8String(0));
                if (c < 0) {
                    continue; // a customer without a segment counts nowhere, as in the single JVM
                }
                int s = segment.getInt(c);
                int j = item.getInt(r.getUTF8String(1));
                t[0][s][j]++;
                if (bought.add(((long) c << 32) | j)) {
                    t[1][s][j]++;
                }
            }
            return Collections.singletonList(t).iterator();
        };
        return Jobs.run(observed.sparkSession(), job, () -> lines.zipPartitions(segments, count)
                .treeReduce(SparkSegmentItems::add));
    }

    /** The index keyed by the ids' UTF-8 bytes (absent ids give -1). */
    static Object2IntOpenHashMap<UTF8String> utf8Index(Map<String, Integer> index) {
        Object2IntOpenHashMap<UTF8String> out = new Object2IntOpenHashMap<>(index.size());
        out.defaultReturnValue(-1);
        index.forEach((id, j) -> out.put(UTF8String.fromString(id), (int) j));
        return out;
    }

    /** The element-wise sum of two tallies, into the first. */
    private static long[][][] add(long[][][] a, long[][][] b) {
        for (int x = 0; x < a.length; x++) {
            for (int s = 0; s < a[x].length; s++) {
                for (int j = 0; j < a[x][s].length; j++) {
                    a[x][s][j] += b[x][s][j];
                }
            }
        }
        return a;
    }

    /**
     * Per segment the value at risk, as the single JVM sums it: over the members in the single JVM's customer order
     * (their first line), CLV x P(churn) of each member with a CLV (not null and not NaN); a null P(churn) counts as
     * NaN. The rows are grouped by segment and sorted by first line in Spark, and each segment summed in order in
     * one task, so the sum is the single JVM's bit for bit whatever the partitioning. One job ({@code job}).
     *
     * @param customers one row per customer: an int {@code segment} in {@code [0, k)}, a long {@code firstLine}
     *     column, and double {@code clv} and {@code p_churn}
     * @return per segment the value at risk (0 for a segment without members)
     */
    static double[] valueAtRisk(Dataset<Row> customers, String firstLine, int k, String job) {
        Dataset<Row> sorted = customers.select(functions.col("segment"), functions.col(firstLine),
                functions.col("clv"), functions.col("p_churn"))
                .repartition(functions.col("segment")).sortWithinPartitions("segment", firstLine);
        List<Tuple2<Integer, Double>> sums = Jobs.run(customers.sparkSession(), job, () -> sorted.javaRDD()
                .mapPartitions((Iterator<Row> rows) -> {
                    List<Tuple2<Integer, Double>> out = new ArrayList<>();
                    int segment = -1;
                    double risk = 0;
                    while (rows.hasNext()) {
                        Row r = rows.next();
                        if (r.getInt(0) != segment) {
                            if (segment >= 0) {
                                out.add(new Tuple2<>(segment, risk));
                            }
                            segment = r.getInt(0);
                            risk = 0;
                        }
                        double clv = r.isNullAt(2) ? Double.NaN : r.getDouble(2);
                        if (!Double.isNaN(clv)) {
                            risk += clv * (r.isNullAt(3) ? Double.NaN : r.getDouble(3));
                        }
                    }
                    if (segment >= 0) {
                        out.add(new Tuple2<>(segment, risk));
                    }
                    return out.iterator();
                }).collect());
        double[] risk = new double[k];
        for (Tuple2<Integer, Double> t : sums) {
            risk[t._1()] = t._2();
        }
        return risk;
    }
}
