package dev.segmentation.spark;

import dev.segmentation.Provenance;
import dev.segmentation.internal.ParamChecks;
import dev.segmentation.recommend.InteractionMatrix;
import dev.segmentation.recommend.ItemKnn;
import dev.segmentation.recommend.ItemKnnModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Item kNN fitted in Spark from item-pair co-occurrence sums over customers; the result is an ordinary
 * {@link ItemKnnModel} (so {@code ModelJson} saves it and a service loads it unchanged).
 *
 * <pre>{@code
 * InteractionMatrix matrix = InteractionMatrix.builder().build(log);
 * ItemKnnModel model = SparkItemKnn.fit(spark, matrix, ItemKnn.builder().neighbors(20).build(), 8,
 *         SparkItemKnn.NO_CAP);
 * }</pre>
 *
 * <p><b>How.</b> The matrix's customer rows are spread over {@code partitions} partitions. Each partition sums
 * {@code r_ui * r_uj} over its customers for every pair {@code i < j} of items a customer shares (the
 * O(sum of row length squared) part of the fit); Spark adds the partial sums per pair, and for each item its
 * co-occurring items and dot products go through {@link ItemKnn#neighbors(int, int[], double[], double[])} on the
 * executors, the single-JVM selection (norms from {@link ItemKnn#itemNorms}, broadcast). Only the kept lists (at
 * most {@code items x neighbors}) come back to the driver, which builds the model with {@link ItemKnnModel#of}.
 * The model holds the matrix (it recommends from each customer's row), so the matrix lives on the driver.
 *
 * <p><b>Equality.</b> The sums per pair are added in no fixed order. With integer weights ({@code BINARY}, the
 * default, or {@code COUNT}) every sum is exact (below 2^53), so the model equals {@link ItemKnn#fit} bit for bit
 * whatever the partitioning. With {@code LOG} or {@code QUANTITY} weights a dot product may differ in the last
 * bits (relative 1e-15 per addition), which can swap two neighbours whose similarities tie to that precision.
 *
 * <p><b>Heavy buyers.</b> A customer with {@code d} distinct items adds {@code d(d-1)/2} pairs: one wholesale
 * account with 5,000 items adds 12.5 M, more than thousands of ordinary customers. With
 * {@code maxItemsPerCustomer} set, a customer with more distinct items than that adds no pair and no weight to the
 * norms: the similarities are exactly those of {@code ItemKnn.fit} on the matrix without those customers' rows
 * (their items' other customers still count). The model keeps the full matrix, so such customers are still
 * recommended for from their whole history with these neighbours. {@link #NO_CAP} keeps every customer.
 *
 * <p>All methods are static and safe for concurrent use. Null is never accepted or returned.
 */
public final class SparkItemKnn {
    /** A {@code maxItemsPerCustomer} that keeps every customer. */
    public static final int NO_CAP = Integer.MAX_VALUE;

    private static final StructType ROWS = new StructType(new StructField[] {
        new StructField("items", DataTypes.createArrayType(DataTypes.IntegerType, false), false, Metadata.empty()),
        new StructField("weights", DataTypes.createArrayType(DataTypes.DoubleType, false), false,
                Metadata.empty())});
    private static final StructType PAIRS = new StructType(new StructField[] {
        new StructField("i", DataTypes.IntegerType, false, Metadata.empty()),
        new StructField("j", DataTypes.IntegerType, false, Metadata.empty()),
        new StructField("dot", DataTypes.DoubleType, false, Metadata.empty())});
    private static final StructType LISTS = new StructType(new StructField[] {
        new StructField("item", DataTypes.IntegerType, false, Metadata.empty()),
        new StructField("ids", DataTypes.createArrayType(DataTypes.IntegerType, false), false, Metadata.empty()),
        new StructField("similarities", DataTypes.createArrayType(DataTypes.DoubleType, false), false,
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
        int items = used.items();
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
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<double[]> shippedNorms = jsc.broadcast(norms);
        int neighbors = trainer.neighbors();
        double shrink = trainer.shrink();
        MapPartitionsFunction<Row, Row> partial = customers -> {
            PairSums sums = new PairSums();
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
                for (int a = 0; a < d; a++) {
                    for (int b = a + 1; b < d; b++) {
                        sums.add(ids[a], ids[b], ws[a] * ws[b]);
                    }
                }
            }
            return sums.rows().iterator();
        };
        MapFunction<Row, Row> select = g -> {
            int item = g.getInt(0);
            List<Row> pairs = g.getList(1);
            int[] others = new int[pairs.size()];
            double[] dots = new double[pairs.size()];
            for (int q = 0; q < others.length; q++) {
                others[q] = pairs.get(q).getInt(0);
                dots[q] = pairs.get(q).getDouble(1);
            }
            ItemKnn.Neighbors n = ItemKnn.builder().neighbors(neighbors).shrink(shrink).build().neighbors(item,
                    others, dots, shippedNorms.value());
            Integer[] ids = new Integer[n.ids().length];
            Double[] sims = new Double[ids.length];
            for (int k = 0; k < ids.length; k++) {
                ids[k] = n.ids()[k];
                sims[k] = n.similarities()[k];
            }
            return RowFactory.create(item, ids, sims);
        };
        Dataset<Row> pairSums = spark.createDataFrame(rows, ROWS).repartition(partitions)
                .mapPartitions(partial, Encoders.row(PAIRS))
                .groupBy("i", "j").agg(functions.sum("dot").as("dot"));
        Dataset<Row> bothWays = pairSums.union(pairSums.select(functions.col("j").as("i"), functions.col("i").as("j"),
                functions.col("dot")));
        Dataset<Row> lists = bothWays.groupBy("i")
                .agg(functions.collect_list(functions.struct(functions.col("j"), functions.col("dot"))).as("pairs"))
                .map(select, Encoders.row(LISTS));
        List<Row> kept = Jobs.run(spark, "recommendations: item kNN co-occurrence", lists::collectAsList);
        shippedNorms.destroy();
        int[][] ids = new int[items][0];
        double[][] sims = new double[items][0];
        for (Row r : kept) {
            int item = r.getInt(0);
            List<Integer> n = r.getList(1);
            List<Double> s = r.getList(2);
            ids[item] = n.stream().mapToInt(Integer::intValue).toArray();
            sims[item] = s.stream().mapToDouble(Double::doubleValue).toArray();
        }
        return ItemKnnModel.of(trainer.toString(), matrix, shrink, ids, sims)
                .withProvenance(Provenance.builder(trainer).rows(matrix.customers())
                        .dataFingerprint(Provenance.fingerprint(matrix.values())).notIterative().build());
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

    /** Open-addressing map from an item pair (i < j) to its partial dot product. Single-threaded. */
    private static final class PairSums {
        private long[] keys = new long[1 << 12];
        private double[] sums = new double[1 << 12];
        private boolean[] used = new boolean[1 << 12];
        private int size;

        void add(int i, int j, double v) {
            long key = ((long) i << 32) | (j & 0xffffffffL);
            int mask = keys.length - 1;
            int h = Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
            while (used[h] && keys[h] != key) {
                h = (h + 1) & mask;
            }
            if (!used[h]) {
                used[h] = true;
                keys[h] = key;
                if (++size * 2 > keys.length) {
                    sums[h] = v;
                    grow();
                    return;
                }
            }
            sums[h] += v;
        }

        private void grow() {
            long[] k = keys;
            double[] s = sums;
            boolean[] u = used;
            keys = new long[k.length * 2];
            sums = new double[k.length * 2];
            used = new boolean[k.length * 2];
            int mask = keys.length - 1;
            for (int p = 0; p < k.length; p++) {
                if (u[p]) {
                    int h = Long.hashCode(k[p] * 0x9E3779B97F4A7C15L) & mask;
                    while (used[h]) {
                        h = (h + 1) & mask;
                    }
                    used[h] = true;
                    keys[h] = k[p];
                    sums[h] = s[p];
                }
            }
        }

        List<Row> rows() {
            List<Row> out = new ArrayList<>(size);
            for (int p = 0; p < keys.length; p++) {
                if (used[p]) {
                    out.add(RowFactory.create((int) (keys[p] >>> 32), (int) keys[p], sums[p]));
                }
            }
            return out;
        }
    }
}
