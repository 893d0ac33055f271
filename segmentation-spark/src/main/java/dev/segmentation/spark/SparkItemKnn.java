package dev.segmentation.spark;

import dev.segmentation.Provenance;
import dev.segmentation.internal.ParamChecks;
import dev.segmentation.recommend.CooccurrenceStats;
import dev.segmentation.recommend.InteractionMatrix;
import dev.segmentation.recommend.ItemKnn;
import dev.segmentation.recommend.ItemKnnModel;
import dev.segmentation.recommend.ItemKnnNeighborsModel;
import it.unimi.dsi.fastutil.longs.Long2DoubleOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Tuple2;

/**
 * Item kNN fitted in Spark from item-pair co-occurrence sums over customers. Two entries:
 * <ul>
 *   <li>{@link #fit(Dataset, int, ItemKnn, int, InteractionMatrix.Weighting, boolean)}, the scale-out one: from
 *   a {@code Dataset} of per-customer histories (built in Spark from the lines by {@link #interactions}) to an
 *   {@link ItemKnnNeighborsModel}, the neighbour-list form that holds no customer (its size is items x
 *   neighbours), so nothing proportional to the customers reaches the driver;</li>
 *   <li>{@link #fit(SparkSession, InteractionMatrix, ItemKnn, int, int)}: from a matrix on the driver to an
 *   ordinary {@link ItemKnnModel} holding that matrix (for tests and small data).</li>
 * </ul>
 *
 * <pre>{@code
 * SparkItemKnn.Interactions in = SparkItemKnn.interactions(lines, asOf, InteractionMatrix.Weighting.BINARY, false);
 * ItemKnnNeighborsModel model = SparkItemKnn.fit(in.histories(), in.itemIds().length,
 *         ItemKnn.builder().neighbors(50).build(), SparkItemKnn.DEFAULT_CAP, InteractionMatrix.Weighting.BINARY,
 *         false);
 * }</pre>
 *
 * <p><b>How.</b> The histories are spread over the partitions. Each partition computes the
 * {@link CooccurrenceStats} of its customers (the data pass of {@link ItemKnn#fit}: per item, the items it shares
 * a customer with and the sums of {@code r_ui * r_uj}, the O(sum of history length squared) part of the fit) and
 * emits one sparse row per item; Spark merges an item's rows from all partitions (one shuffle of at most items x
 * partitions rows), and its co-occurring items and dot products go through
 * {@link ItemKnn#neighbors(int, int[], double[], double[])} on the executors, the single-JVM selection (with the item
 * norms, summed per item in Spark and broadcast). Only the kept lists (at most
 * {@code items x neighbors}), the norms and the customers per item come back to the driver.
 *
 * <p><b>Item index.</b> {@link #interactions} numbers the items as the single JVM's {@code TransactionLog} does:
 * in order of first appearance in the lines (their {@link SparkIngest#LINE}), over all lines with an item (also
 * those after the as-of date and non-products), so item ids map to the same indices, ties between equal scores
 * break the same way, and the recommendations equal the single JVM's.
 *
 * <p><b>Equality.</b> The sums per pair and per item are added in no fixed order. With integer weights
 * ({@code BINARY}, the default, or {@code COUNT}) every sum is exact (below 2^53), so the neighbour lists equal
 * {@link ItemKnn#fit} bit for bit whatever the partitioning. With {@code LOG} or {@code QUANTITY} weights a dot
 * product or norm may differ in the last bits (relative 1e-15 per addition), which can swap two neighbours whose
 * similarities tie to that precision.
 *
 * <p><b>Heavy buyers.</b> A customer with {@code d} distinct items adds {@code d(d-1)/2} pairs: one wholesale
 * account with 5,000 items adds 12.5 M, more than thousands of ordinary customers. With
 * {@code maxItemsPerCustomer} set, a customer with more distinct items than that adds no pair and no weight to the
 * norms: the similarities are exactly those of {@code ItemKnn.fit} on the matrix without those customers' rows
 * (their items' other customers still count). Such customers still count in the popularity fallback and are
 * still recommended for from their whole history with these neighbours. {@link #DEFAULT_CAP} (5,000 distinct
 * items, at most 12.5 M pairs per customer) changes nothing on Online Retail (its largest history has fewer than
 * 1,800 distinct items) or the simulator; {@link #NO_CAP} keeps every customer.
 *
 * <p>All methods are static and safe for concurrent use. Null is never accepted or returned.
 */
public final class SparkItemKnn {
    /** A {@code maxItemsPerCustomer} that keeps every customer. */
    public static final int NO_CAP = Integer.MAX_VALUE;

    /**
     * The {@code maxItemsPerCustomer} of {@code SparkSegmentation}'s recommendations stage unless set: 5,000
     * distinct items (a customer adds at most 12.5 M pairs).
     */
    public static final int DEFAULT_CAP = 5_000;

    /** Column of the histories: the customer's item indices, strictly increasing (array of int). */
    public static final String ITEMS = "items";

    /** Column of the histories: the weights, aligned with {@link #ITEMS} (array of double). */
    public static final String WEIGHTS = "weights";

    private static final StructType ROWS = new StructType(new StructField[] {
        new StructField("items", DataTypes.createArrayType(DataTypes.IntegerType, false), false, Metadata.empty()),
        new StructField("weights", DataTypes.createArrayType(DataTypes.DoubleType, false), false,
                Metadata.empty())});

    private SparkItemKnn() {
    }

    /**
     * Fits item kNN (jobs described {@code recommendations: item kNN co-occurrence}).
     *
     * @param spark the session; not null
     * @param matrix the training interactions; not null. Not modified.
     * @param trainer the neighbours and shrinkage (its thread count is not used); not null
     * @param partitions the partitions the customers are spread over, {@code >= 1}
     * @param maxItemsPerCustomer customers with more distinct items add no co-occurrence, {@code >= 1};
     *     {@link #NO_CAP} for none
     * @return the model: with {@link #NO_CAP} and integer weights equal to {@code trainer.fit(matrix)}
     * @throws IllegalArgumentException if partitions or maxItemsPerCustomer is below 1
     */
    public static ItemKnnModel fit(SparkSession spark, InteractionMatrix matrix, ItemKnn trainer, int partitions,
            int maxItemsPerCustomer) {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(matrix, "matrix");
        Objects.requireNonNull(trainer, "trainer");
        ParamChecks.atLeast("partitions", partitions, 1);
        ParamChecks.atLeast("maxItemsPerCustomer", maxItemsPerCustomer, 1);
        InteractionMatrix used = withoutHeavyCustomers(matrix, maxItemsPerCustomer);
        double[] norms = ItemKnn.itemNorms(used);
        List<Row> rows = new ArrayList<>(used.customers());
        int[] rowPtr = used.rowPtr();
        int[] cols = used.cols();
        double[] values = used.values();
        for (int u = 0; u < used.customers(); u++) {
            if (rowPtr[u + 1] - rowPtr[u] < 2) {
                continue; // no pair
            }
            Integer[] it = new Integer[rowPtr[u + 1] - rowPtr[u]];
            Double[] w = new Double[it.length];
            for (int p = rowPtr[u]; p < rowPtr[u + 1]; p++) {
                it[p - rowPtr[u]] = cols[p];
                w[p - rowPtr[u]] = values[p];
            }
            rows.add(RowFactory.create(it, w));
        }
        Lists kept = lists(spark.createDataFrame(rows, ROWS).repartition(partitions), used.items(), norms, trainer,
                NO_CAP);
        double shrink = trainer.shrink();
        int[][] ids = kept.ids;
        double[][] sims = kept.sims;
        return ItemKnnModel.of(trainer.toString(), matrix, shrink, ids, sims)
                .withProvenance(Provenance.builder(trainer).rows(matrix.customers())
                        .dataFingerprint(Provenance.fingerprint(matrix.values())).notIterative().build());
    }

    /** Kept neighbour lists per item. */
    private record Lists(int[][] ids, double[][] sims) {
    }

    /**
     * The kept lists from histories (columns {@link #ITEMS}, {@link #WEIGHTS}; those with fewer than 2 or more
     * than {@code cap} items add no pair): partial pair sums per partition, summed per pair, selected per item.
     */
    private static Lists lists(Dataset<Row> histories, int items, double[] norms, ItemKnn trainer, int cap) {
        // per partition: its customers as a matrix, their co-occurrence statistics
        JavaRDD<Block> blocks = histories.select(functions.col(ITEMS), functions.col(WEIGHTS)).javaRDD()
                .mapPartitions(customers -> {
                    List<int[]> rowItems = new ArrayList<>();
                    List<double[]> rowWeights = new ArrayList<>();
                    int nnz = 0;
                    while (customers.hasNext()) {
                        Row r = customers.next();
                        List<Integer> it = r.getList(0);
                        List<Double> w = r.getList(1);
                        int d = it.size();
                        int[] ids = new int[d];
                        double[] ws = new double[d];
                        for (int a = 0; a < d; a++) {
                            ids[a] = it.get(a);
                            ws[a] = w.get(a);
                        }
                        rowItems.add(ids);
                        rowWeights.add(ws);
                        nnz += d;
                    }
                    int n = rowItems.size();
                    int[] rowPtr = new int[n + 1];
                    int[] cols = new int[nnz];
                    double[] values = new double[nnz];
                    for (int u = 0; u < n; u++) {
                        int[] ids = rowItems.get(u);
                        System.arraycopy(ids, 0, cols, rowPtr[u], ids.length);
                        System.arraycopy(rowWeights.get(u), 0, values, rowPtr[u], ids.length);
                        rowPtr[u + 1] = rowPtr[u] + ids.length;
                    }
                    return java.util.Collections.singletonList(new Block(n, rowPtr, cols, values)).iterator();
                });
        return lists(histories.sparkSession(), blocks.flatMapToPair(b -> partialStats(b, items, cap)), items,
                norms, trainer);
    }

    /**
     * The co-occurrence statistics of one partition's customers ({@link CooccurrenceStats}, the data pass of
     * {@link ItemKnn#fit}) over those with 2 to {@code cap} items: one (item, its co-occurring items and dot
     * products) pair per item that has any.
     */
    private static Iterator<Tuple2<Integer, Tuple2<int[], double[]>>> partialStats(Block b, int items, int cap) {
        int[] rowPtr = new int[b.customers() + 1];
        int[] cols = new int[b.cols().length];
        double[] values = new double[cols.length];
        int n = 0;
        int nnz = 0;
        for (int u = 0; u < b.customers(); u++) {
            int from = b.rowPtr()[u];
            int d = b.rowPtr()[u + 1] - from;
            if (d < 2 || d > cap) {
                continue; // no pair, or a heavy buyer left out
            }
            System.arraycopy(b.cols(), from, cols, nnz, d);
            System.arraycopy(b.values(), from, values, nnz, d);
            nnz += d;
            rowPtr[++n] = nnz;
        }
        CooccurrenceStats stats = CooccurrenceStats.accumulate(InteractionMatrix.of(n, items,
                Arrays.copyOf(rowPtr, n + 1), Arrays.copyOf(cols, nnz), Arrays.copyOf(values, nnz)), 0, n);
        List<Tuple2<Integer, Tuple2<int[], double[]>>> out = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            int[] others = stats.others(i);
            if (others.length > 0) {
                out.add(new Tuple2<>(i, new Tuple2<>(others, stats.dots(i))));
            }
        }
        return out.iterator();
    }

    /**
     * The kept lists from partial co-occurrence statistics: summed per item (one shuffle of at most items x
     * partitions rows) and selected per item on the executors with the broadcast norms.
     */
    private static Lists lists(SparkSession spark, JavaPairRDD<Integer, Tuple2<int[], double[]>> partials,
            int items, double[] norms, ItemKnn trainer) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<double[]> shippedNorms = jsc.broadcast(norms);
        int neighbors = trainer.neighbors();
        double shrink = trainer.shrink();
        Function<Tuple2<Integer, Tuple2<int[], double[]>>, Tuple2<Integer, Tuple2<int[], double[]>>> select = g -> {
            ItemKnn.Neighbors nb = ItemKnn.builder().neighbors(neighbors).shrink(shrink).build().neighbors(g._1(),
                    g._2()._1(), g._2()._2(), shippedNorms.value());
            return new Tuple2<>(g._1(), new Tuple2<>(nb.ids(), nb.similarities()));
        };
        JavaRDD<Tuple2<Integer, Tuple2<int[], double[]>>> lists = partials.reduceByKey(SparkItemKnn::mergeSparse)
                .map(select);
        List<Tuple2<Integer, Tuple2<int[], double[]>>> kept = Jobs.run(spark,
                "recommendations: item kNN co-occurrence", lists::collect);
        shippedNorms.destroy();
        int[][] ids = new int[items][0];
        double[][] sims = new double[items][0];
        for (Tuple2<Integer, Tuple2<int[], double[]>> r : kept) {
            ids[r._1()] = r._2()._1();
            sims[r._1()] = r._2()._2();
        }
        return new Lists(ids, sims);
    }

    /** The sum of two sparse vectors with increasing indices (an item's co-occurrences from two partitions). */
    private static Tuple2<int[], double[]> mergeSparse(Tuple2<int[], double[]> a, Tuple2<int[], double[]> b) {
        int[] ai = a._1();
        int[] bi = b._1();
        double[] ad = a._2();
        double[] bd = b._2();
        int[] idx = new int[ai.length + bi.length];
        double[] dot = new double[idx.length];
        int p = 0;
        int q = 0;
        int k = 0;
        while (p < ai.length || q < bi.length) {
            if (q == bi.length || p < ai.length && ai[p] < bi[q]) {
                idx[k] = ai[p];
                dot[k++] = ad[p++];
            } else if (p == ai.length || bi[q] < ai[p]) {
                idx[k] = bi[q];
                dot[k++] = bd[q++];
            } else {
                idx[k] = ai[p];
                dot[k++] = ad[p++] + bd[q++];
            }
        }
        return new Tuple2<>(Arrays.copyOf(idx, k), Arrays.copyOf(dot, k));
    }

    /**
     * Fits item kNN from per-customer histories (jobs described {@code recommendations: item kNN norms} and
     * {@code recommendations: item kNN co-occurrence}): the item norms and customers per item by one aggregate,
     * the neighbour lists from pair sums over the histories' partitions. Nothing proportional to the customers
     * reaches the driver.
     *
     * @param histories one row per customer with the columns {@link #ITEMS} (item indices in {@code [0, items)},
     *     strictly increasing) and {@link #WEIGHTS} (aligned, finite and {@code > 0}), as {@link #interactions}
     *     gives them (other columns are ignored); not null
     * @param items the number of items
     * @param trainer the neighbours and shrinkage (its thread count is not used); not null
     * @param maxItemsPerCustomer customers with more distinct items add no co-occurrence and no norm,
     *     {@code >= 1}; {@link #NO_CAP} for none
     * @param weighting how the histories were weighted (recorded in the model); not null
     * @param includeNonProducts whether the histories kept non-product items (recorded in the model)
     * @return the neighbour-list model: with {@link #NO_CAP} and integer weights its lists equal
     *     {@code trainer.fit(matrix)}'s for the matrix of the same histories, and it recommends as that model
     * @throws IllegalArgumentException if {@code items < 0} or {@code maxItemsPerCustomer < 1}
     */
    public static ItemKnnNeighborsModel fit(Dataset<Row> histories, int items, ItemKnn trainer,
            int maxItemsPerCustomer, InteractionMatrix.Weighting weighting, boolean includeNonProducts) {
        Objects.requireNonNull(histories, "histories");
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(weighting, "weighting");
        ParamChecks.atLeast("items", items, 0);
        ParamChecks.atLeast("maxItemsPerCustomer", maxItemsPerCustomer, 1);
        SparkSession spark = histories.sparkSession();
        Dataset<Row> cells = histories.select(functions.size(functions.col(ITEMS)).as("d"),
                functions.posexplode(functions.col(ITEMS)).as(new String[] {"pos", "item"}),
                functions.col(WEIGHTS));
        Column w = functions.element_at(functions.col(WEIGHTS), functions.col("pos").plus(1));
        Column light = functions.col("d").leq(maxItemsPerCustomer);
        List<Row> perItem = Jobs.run(spark, "recommendations: item kNN norms", () -> cells.groupBy("item")
                .agg(functions.count(functions.lit(1)), functions.sum(functions.when(light, w.multiply(w))
                        .otherwise(0.0)))
                .collectAsList());
        long customers = Jobs.run(spark, "recommendations: item kNN customers", histories::count);
        double[] norms = new double[items];
        long[] counts = new long[items];
        for (Row r : perItem) {
            int j = r.getInt(0);
            counts[j] = r.getLong(1);
            norms[j] = Math.sqrt(r.getDouble(2));
        }
        Lists kept = lists(histories, items, norms, trainer, maxItemsPerCustomer);
        return ItemKnnNeighborsModel.of(trainer.toString(), trainer.shrink(), norms, kept.ids, kept.sims, counts,
                weighting, includeNonProducts).withProvenance(Provenance.builder(trainer).setting("engine", "spark")
                        .setting("maxItemsPerCustomer", maxItemsPerCustomer == NO_CAP ? "none"
                                : Integer.toString(maxItemsPerCustomer))
                        .rows(customers).notIterative().build());
    }

    /**
     * The item index and per-customer histories of transaction lines, built in Spark.
     *
     * @param itemIds the id of each item index, in the single JVM's order (first appearance in the lines)
     * @param histories one row per customer with a kept interaction before the as-of date: {@code customer_id}
     *     (string), {@link #ITEMS} and {@link #WEIGHTS}
     */
    public record Interactions(String[] itemIds, Dataset<Row> histories) {
    }

    /**
     * Builds the item index and the customers' histories from lines as the single JVM's
     * {@code InteractionMatrix.builder().weighting(weighting).includeNonProducts(includeNonProducts)} builds the
     * matrix of the log before the as-of date: items numbered by first appearance ({@link SparkIngest#LINE}) over
     * all lines with an item, lines of non-product items left out unless kept, one cell per customer and item
     * weighted by the rule ({@code BINARY} 1, {@code COUNT} the lines, {@code LOG} {@code log1p} of the lines,
     * {@code QUANTITY} the summed quantity), cells with a weight not {@code > 0} dropped. One job (described
     * {@code recommendations: item index}) gathers the item ids on the driver (proportional to the items); the
     * histories are computed when used.
     *
     * @param lines the lines in {@link SparkIngest#LINE_SCHEMA}; not null
     * @param asOf the first day not observed; not null
     * @param weighting how lines become weights; not null
     * @param includeNonProducts whether non-product items are kept
     * @return the item ids and the histories
     */
    public static Interactions interactions(Dataset<Row> lines, LocalDate asOf, InteractionMatrix.Weighting weighting,
            boolean includeNonProducts) {
        return interactions(lines, asOf, weighting, includeNonProducts, List.of());
    }

    /**
     * {@link #interactions(Dataset, LocalDate, InteractionMatrix.Weighting, boolean)} with a given start of the item
     * index: the ids of {@code leading} take indices {@code 0..leading.size()-1} in that order (bought or not),
     * the other items follow in order of first appearance. For logs whose item dictionary is not in line order,
     * e.g. the simulator's, which holds its whole catalogue in order ({@link SparkSimulator#itemIds}).
     *
     * @param lines the lines in {@link SparkIngest#LINE_SCHEMA}; not null
     * @param asOf the first day not observed; not null
     * @param weighting how lines become weights; not null
     * @param includeNonProducts whether non-product items are kept
     * @param leading the first item ids of the index, distinct; not null. Not modified.
     * @return the item ids and the histories
     * @throws IllegalArgumentException if {@code leading} repeats an id
     */
    public static Interactions interactions(Dataset<Row> lines, LocalDate asOf, InteractionMatrix.Weighting weighting,
            boolean includeNonProducts, List<String> leading) {
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(leading, "leading");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(weighting, "weighting");
        SparkSegmentItems.Scan scan = SparkSegmentItems.scan(lines.drop(SparkIngest.DESCRIPTION),
                "recommendations: item index");
        SparkSession spark = lines.sparkSession();
        String[] ids = itemIndex(leading, scan.byFirstLine()).toArray(new String[0]);
        List<Row> index = new ArrayList<>(ids.length);
        for (int j = 0; j < ids.length; j++) {
            if (includeNonProducts || !scan.nonProducts().contains(ids[j])) {
                index.add(RowFactory.create(ids[j], j));
            }
        }
        Dataset<Row> kept = spark.createDataFrame(index, new StructType(new StructField[] {
            new StructField("__item", DataTypes.StringType, false, Metadata.empty()),
            new StructField("__index", DataTypes.IntegerType, false, Metadata.empty())}));
        Column weight = switch (weighting) {
            case BINARY -> functions.lit(1.0);
            case COUNT -> functions.col("n").cast(DataTypes.DoubleType);
            case LOG -> functions.log1p(functions.col("n").cast(DataTypes.DoubleType));
            case QUANTITY -> functions.col("q");
        };
        Dataset<Row> cells = lines.filter(functions.col(SparkIngest.EPOCH_SECOND).lt(asOf.toEpochDay() * 86_400L)
                .and(functions.col(SparkIngest.ITEM).isNotNull()))
                .groupBy(SparkIngest.CUSTOMER_ID, SparkIngest.ITEM)
                .agg(functions.count(functions.lit(1)).as("n"), functions.sum(SparkIngest.QUANTITY).as("q"))
                .join(functions.broadcast(kept), functions.col(SparkIngest.ITEM).equalTo(functions.col("__item")))
                .select(functions.col(SparkIngest.CUSTOMER_ID), functions.col("__index"), weight.as("w"))
                .filter(functions.col("w").gt(0));
        Dataset<Row> histories = cells.groupBy(SparkIngest.CUSTOMER_ID)
                .agg(functions.sort_array(functions.collect_list(functions.struct(functions.col("__index"),
                        functions.col("w")))).as("cells"))
                .select(functions.col(SparkIngest.CUSTOMER_ID),
                        functions.col("cells.__index").as(ITEMS), functions.col("cells.w").as(WEIGHTS));
        return new Interactions(ids, histories);
    }

    /**
     * The single JVM's item index: the ids of {@code leading} first, in that order, then the other items of
     * {@code byFirstLine} (the lines' items ordered by their first line) in that order.
     *
     * @throws IllegalArgumentException if {@code leading} repeats an id
     */
    static List<String> itemIndex(List<String> leading, List<String> byFirstLine) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<String> order = new ArrayList<>(leading.size() + byFirstLine.size());
        for (String id : leading) {
            if (!seen.add(Objects.requireNonNull(id, "leading element"))) {
                throw new IllegalArgumentException("leading must be distinct item ids, found \"" + id + "\" twice");
            }
            order.add(id);
        }
        for (String id : byFirstLine) {
            if (seen.add(id)) {
                order.add(id);
            }
        }
        return order;
    }

    /**
     * The item index, item ids and fitted model of {@link #fitArranged}.
     *
     * @param itemIds the id of each item index, in the single JVM's order
     * @param model the fitted model, or null when the lines have no item id
     */
    record Fitted(String[] itemIds, ItemKnnNeighborsModel model) {
    }

    /**
     * The histories of a partition's customers as one sparse matrix: row {@code u} holds the {@code u}-th customer
     * (in order of first appearance in the partition's lines) with a kept cell, its item indices increasing in
     * {@code cols[rowPtr[u]..rowPtr[u+1])} and their weights in {@code values}.
     */
    record Block(int customers, int[] rowPtr, int[] cols, double[] values) implements java.io.Serializable {
    }

    /**
     * {@link #interactions(Dataset, LocalDate, InteractionMatrix.Weighting, boolean, List)} and
     * {@link #fit(Dataset, int, ItemKnn, int, InteractionMatrix.Weighting, boolean)} in one, for lines arranged by
     * customer (LineLogs: each customer's lines in one partition, in line order) whose items are already scanned
     * ({@link SparkSegmentItems#scan} of the same lines). Each partition's histories are built once from its own
     * lines into one {@link Block} of primitive arrays (no shuffle, no row per customer; the internal rows read
     * without conversion) and kept while two jobs read them: the norms, customers per item and customers (described
     * {@code recommendations: item kNN norms}) and the co-occurrence lists (described
     * {@code recommendations: item kNN co-occurrence}). The histories, item ids, norms, counts and lists equal
     * those of the two calls (each customer's cells in line order, weights summed in that order, the partitions'
     * customers in order of first appearance).
     *
     * @return the item ids and the model, the model null (and no job run) when the lines have no item id
     */
    static Fitted fitArranged(Dataset<Row> lines, LocalDate asOf, InteractionMatrix.Weighting weighting,
            boolean includeNonProducts, List<String> leading, SparkSegmentItems.Scan scan, ItemKnn trainer,
            int maxItemsPerCustomer) {
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(asOf, "asOf");
        return fitArranged(lines.sparkSession(), kept -> blocks(lines, asOf, weighting, kept), weighting,
                includeNonProducts, leading, scan, trainer, maxItemsPerCustomer);
    }

    /**
     * {@link #fitArranged(Dataset, LocalDate, InteractionMatrix.Weighting, boolean, List, SparkSegmentItems.Scan,
     * ItemKnn, int)} of the lines the kept logs were built from, as-of their date, with the histories read from
     * each partition's kept log ({@link KeptLogs}: its customer and item indices per line, no read of the lines):
     * the same blocks, so the same item ids and model bit for bit, whatever the weighting. The log's rows are the
     * partition's lines before the as-of date in line order, so numbering its customers by their first line with a
     * kept item, and mapping its items to the single JVM's index by id, gives the lines' numbering.
     *
     * @param logs the kept logs of the lines the scan read; not null
     * @return the item ids and the model, the model null (and no job run) when the lines have no item id
     */
    static Fitted fitArranged(KeptLogs logs, InteractionMatrix.Weighting weighting, boolean includeNonProducts,
            List<String> leading, SparkSegmentItems.Scan scan, ItemKnn trainer, int maxItemsPerCustomer) {
        Objects.requireNonNull(logs, "logs");
        return fitArranged(logs.sparkSession(), kept -> blocks(logs, weighting, kept), weighting,
                includeNonProducts, leading, scan, trainer, maxItemsPerCustomer);
    }

    /**
     * The two {@code fitArranged}'s one body: the item index from the scan, then, when it is not empty, the model
     * fitted on the histories {@code blocks} makes with the index of the kept items.
     */
    private static Fitted fitArranged(SparkSession spark,
            java.util.function.Function<java.util.HashMap<String, Integer>, JavaRDD<Block>> blocks,
            InteractionMatrix.Weighting weighting, boolean includeNonProducts, List<String> leading,
            SparkSegmentItems.Scan scan, ItemKnn trainer, int maxItemsPerCustomer) {
        Objects.requireNonNull(weighting, "weighting");
        Objects.requireNonNull(leading, "leading");
        Objects.requireNonNull(scan, "scan");
        Objects.requireNonNull(trainer, "trainer");
        ParamChecks.atLeast("maxItemsPerCustomer", maxItemsPerCustomer, 1);
        String[] ids = itemIndex(leading, scan.byFirstLine()).toArray(new String[0]);
        if (ids.length == 0) {
            return new Fitted(ids, null);
        }
        return fitBlocks(spark, blocks.apply(keptIndex(ids, scan, includeNonProducts)), ids, weighting,
                includeNonProducts, trainer, maxItemsPerCustomer);
    }

    /** The index of each item whose lines count (every item, or the products only). */
    static java.util.HashMap<String, Integer> keptIndex(String[] ids, SparkSegmentItems.Scan scan,
            boolean includeNonProducts) {
        java.util.HashMap<String, Integer> keptIndex = new java.util.HashMap<>();
        for (int j = 0; j < ids.length; j++) {
            if (includeNonProducts || !scan.nonProducts().contains(ids[j])) {
                keptIndex.put(ids[j], j);
            }
        }
        return keptIndex;
    }

    /**
     * The model from each partition's histories: the blocks kept while the norms job and the co-occurrence job read
     * them.
     */
    private static Fitted fitBlocks(SparkSession spark, JavaRDD<Block> unkept, String[] ids,
            InteractionMatrix.Weighting weighting, boolean includeNonProducts, ItemKnn trainer,
            int maxItemsPerCustomer) {
        int items = ids.length;
        int cap = maxItemsPerCustomer;
        JavaRDD<Block> blocks = unkept.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        try {
            // per item: the customers (every history), the squared weights of the customers within the cap; and
            // the customers with a history, all added up over the partitions (exact with integer weights)
            Totals totals = Jobs.run(spark, "recommendations: item kNN norms", () -> blocks.map(b -> {
                Totals t = new Totals(items);
                for (int u = 0; u < b.customers(); u++) {
                    boolean light = b.rowPtr()[u + 1] - b.rowPtr()[u] <= cap;
                    for (int p = b.rowPtr()[u]; p < b.rowPtr()[u + 1]; p++) {
                        int j = b.cols()[p];
                        t.counts[j]++;
                        if (light) {
                            t.squares[j] += b.values()[p] * b.values()[p];
                        }
                    }
                }
                t.customers = b.customers();
                return t;
            }).treeReduce(Totals::add));
            double[] norms = new double[items];
            for (int j = 0; j < items; j++) {
                norms[j] = Math.sqrt(totals.squares[j]);
            }
            Lists kept = lists(spark, blocks.flatMapToPair(b -> partialStats(b, items, cap)), items, norms,
                    trainer);
            ItemKnnNeighborsModel model = ItemKnnNeighborsModel.of(trainer.toString(), trainer.shrink(), norms,
                    kept.ids, kept.sims, totals.counts, weighting, includeNonProducts)
                    .withProvenance(Provenance.builder(trainer).setting("engine", "spark")
                            .setting("maxItemsPerCustomer", maxItemsPerCustomer == NO_CAP ? "none"
                                    : Integer.toString(maxItemsPerCustomer))
                            .rows(totals.customers).notIterative().build());
            return new Fitted(ids, model);
        } finally {
            blocks.unpersist(false);
        }
    }

    /** Per item the customers and squared weights, and the customers, of some partitions (mutable, summed). */
    private static final class Totals implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final long[] counts;
        final double[] squares;
        long customers;

        Totals(int items) {
            counts = new long[items];
            squares = new double[items];
        }

        /** Adds {@code b} into {@code a}; returns {@code a}. */
        static Totals add(Totals a, Totals b) {
            for (int j = 0; j < a.counts.length; j++) {
                a.counts[j] += b.counts[j];
                a.squares[j] += b.squares[j];
            }
            a.customers += b.customers;
            return a;
        }
    }

    /**
     * Per partition of lines arranged by customer: its customers' lines before the as-of date with a kept item,
     * one cell per customer and item (lines counted, quantities summed in line order), weighted, cells with a
     * weight not {@code > 0} dropped, each customer's cells by item index, the customers in order of first
     * appearance: the rows of the group-by of {@link #interactions}, without its two shuffles, as one
     * {@link Block}. Reads the lines' internal rows (four columns), not {@code Row}s.
     */
    static JavaRDD<Block> blocks(Dataset<Row> lines, LocalDate asOf, InteractionMatrix.Weighting weighting,
            java.util.HashMap<String, Integer> keptIndex) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(lines.sparkSession().sparkContext());
        Broadcast<java.util.HashMap<String, Integer>> shipped = jsc.broadcast(keptIndex);
        long asOfSecond = asOf.toEpochDay() * 86_400L;
        JavaRDD<org.apache.spark.sql.catalyst.InternalRow> read = lines.select(functions.col(SparkIngest.CUSTOMER_ID),
                functions.col(SparkIngest.ITEM), functions.col(SparkIngest.EPOCH_SECOND),
                functions.col(SparkIngest.QUANTITY)).queryExecution().toRdd().toJavaRDD();
        String rule = weighting.name();
        return read.mapPartitions(rows -> {
            // the item index by the ids' UTF-8 bytes; each customer numbered by first appearance
            Object2IntOpenHashMap<UTF8String> items = new Object2IntOpenHashMap<>();
            items.defaultReturnValue(-1);
            shipped.value().forEach((id, j) -> items.put(UTF8String.fromString(id), (int) j));
            Object2IntOpenHashMap<UTF8String> customers = new Object2IntOpenHashMap<>();
            customers.defaultReturnValue(-1);
            Cells cells = new Cells(rule);
            while (rows.hasNext()) {
                org.apache.spark.sql.catalyst.InternalRow r = rows.next();
                if (r.isNullAt(1) || r.getLong(2) >= asOfSecond) {
                    continue;
                }
                int j = items.getInt(r.getUTF8String(1));
                if (j < 0) {
                    continue; // a non-product left out
                }
                UTF8String id = r.getUTF8String(0);
                int c = customers.getInt(id);
                if (c < 0) {
                    c = customers.size();
                    customers.put(id.clone(), c);
                }
                cells.add(c, j, r.getDouble(3));
            }
            return java.util.Collections.singletonList(cells.block(customers.size())).iterator();
        });
    }

    /**
     * {@link #blocks(Dataset, LocalDate, InteractionMatrix.Weighting, java.util.HashMap)} from each partition's
     * kept log: its rows (the lines before the as-of date, in line order, then the extra line without an item) with
     * a kept item, the log's item indices mapped to the kept index by id (once per item of the partition) and its
     * customers numbered by their first such row. No line is read or decoded again.
     */
    static JavaRDD<Block> blocks(KeptLogs logs, InteractionMatrix.Weighting weighting,
            java.util.HashMap<String, Integer> keptIndex) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(logs.sparkSession().sparkContext());
        Broadcast<java.util.HashMap<String, Integer>> shipped = jsc.broadcast(keptIndex);
        String rule = weighting.name();
        return logs.perPartition(log -> {
            Cells cells = new Cells(rule);
            if (log == null) {
                return cells.block(0);
            }
            java.util.HashMap<String, Integer> index = shipped.value();
            int[] item = new int[log.itemCount()];
            for (int i = 0; i < item.length; i++) {
                Integer j = index.get(log.itemId(i));
                item[i] = j == null ? -1 : j; // -1: a non-product left out
            }
            int[] customer = new int[log.customerCount()];
            Arrays.fill(customer, -1);
            int customers = 0;
            for (int r = 0; r < log.size(); r++) {
                int i = log.item(r);
                if (i == dev.segmentation.data.TransactionLog.NONE || item[i] < 0) {
                    continue;
                }
                int c = customer[log.customer(r)];
                if (c < 0) {
                    c = customers++;
                    customer[log.customer(r)] = c;
                }
                cells.add(c, item[i], log.quantity(r));
            }
            return cells.block(customers);
        });
    }

    /**
     * One partition's lines as cells, then a {@link Block}: each line as the long key of its (customer, item) cell;
     * sorted, a cell's lines are a run (its line count), the keys of a customer follow each other by item, and the
     * customers come in order of first appearance. Only the QUANTITY rule sums the cells' quantities, in line order.
     */
    private static final class Cells {
        private final String rule;
        private final boolean quantities;
        private final LongArrayList lineKeys = new LongArrayList();
        private final Long2DoubleOpenHashMap quantity = new Long2DoubleOpenHashMap();

        Cells(String rule) {
            this.rule = rule;
            this.quantities = rule.equals("QUANTITY");
        }

        /** A line of customer {@code c} (numbered by first appearance) and item index {@code j}. */
        void add(int c, int j, double q) {
            long key = (long) c << 32 | j;
            lineKeys.add(key);
            if (quantities) {
                quantity.addTo(key, q);
            }
        }

        /** The cells weighted by the rule, those not {@code > 0} dropped, of {@code customers} numbered customers. */
        Block block(int customers) {
            long[] keys = lineKeys.toLongArray();
            Arrays.sort(keys);
            int[] rowPtr = new int[customers + 1];
            int[] cols = new int[keys.length];
            double[] values = new double[keys.length];
            int kept = 0;
            int nnz = 0;
            for (int i = 0; i < keys.length; ) {
                int end = i + 1;
                while (end < keys.length && keys[end] == keys[i]) {
                    end++;
                }
                double n = end - i;
                double w = switch (rule) {
                    case "BINARY" -> 1.0;
                    case "COUNT" -> n;
                    case "LOG" -> Math.log1p(n);
                    default -> quantity.get(keys[i]);
                };
                if (w > 0) {
                    cols[nnz] = (int) keys[i];
                    values[nnz++] = w;
                }
                if ((end == keys.length || keys[end] >>> 32 != keys[i] >>> 32) && nnz > rowPtr[kept]) {
                    rowPtr[++kept] = nnz; // the customer's last cell, the customer kept when it has one
                }
                i = end;
            }
            return new Block(kept, Arrays.copyOf(rowPtr, kept + 1), Arrays.copyOf(cols, nnz),
                    Arrays.copyOf(values, nnz));
        }
    }

    /** The matrix with the rows of customers above the cap emptied (the same matrix when none is). */
    static InteractionMatrix withoutHeavyCustomers(InteractionMatrix matrix, int maxItemsPerCustomer) {
        int[] rowPtr = matrix.rowPtr();
        int n = matrix.customers();
        boolean any = false;
        for (int u = 0; u < n && !any; u++) {
            any = rowPtr[u + 1] - rowPtr[u] > maxItemsPerCustomer;
        }
        if (!any) {
            return matrix;
        }
        int[] cols = matrix.cols();
        double[] values = matrix.values();
        int[] ptr = new int[n + 1];
        int[] keptCols = new int[cols.length];
        double[] keptValues = new double[values.length];
        int nnz = 0;
        for (int u = 0; u < n; u++) {
            if (rowPtr[u + 1] - rowPtr[u] <= maxItemsPerCustomer) {
                for (int p = rowPtr[u]; p < rowPtr[u + 1]; p++) {
                    keptCols[nnz] = cols[p];
                    keptValues[nnz++] = values[p];
                }
            }
            ptr[u + 1] = nnz;
        }
        return InteractionMatrix.of(n, matrix.items(), ptr, Arrays.copyOf(keptCols, nnz),
                Arrays.copyOf(keptValues, nnz));
    }
}
