package dev.segmentation.bench.recommend;

import dev.segmentation.recommend.InteractionMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Spark MLlib's {@code ALS} with {@code implicitPrefs = true} in local mode ({@code local[threads]}, as many user
 * and item blocks as threads) as an {@link AlsPeer}: confidence {@code 1 + alpha r}, {@code regParam} scaled by
 * each row's count, Cholesky row solves, the same loss as {@code ImplicitAls.l2ScaledByCount(true)}.
 */
public final class SparkAlsPeer implements AlsPeer {
    private SparkSession spark;
    private Dataset<Row> ratings;
    private ALS als;
    private ALSModel model;
    private int items;

    /** Creates an unprepared peer (looked up by class name). */
    public SparkAlsPeer() {
    }

    @Override
    public void prepare(InteractionMatrix matrix, int factors, double l2, double alpha, int iterations, int threads) {
        spark = SparkSession.builder().master("local[" + threads + "]").appName("als-benchmark")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", threads)
                .config("spark.driver.host", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        items = matrix.items();
        int[] rowPtr = matrix.rowPtr();
        int[] cols = matrix.cols();
        double[] vals = matrix.values();
        List<Row> rows = new ArrayList<>(cols.length);
        for (int u = 0; u < matrix.customers(); u++) {
            for (int q = rowPtr[u]; q < rowPtr[u + 1]; q++) {
                rows.add(RowFactory.create(u, cols[q], (float) vals[q]));
            }
        }
        StructType schema = new StructType().add("user", DataTypes.IntegerType).add("item", DataTypes.IntegerType)
                .add("rating", DataTypes.FloatType);
        ratings = spark.createDataFrame(rows, schema).repartition(threads).cache();
        ratings.count();
        als = new ALS().setRank(factors).setMaxIter(iterations).setRegParam(l2).setAlpha(alpha)
                .setImplicitPrefs(true).setUserCol("user").setItemCol("item").setRatingCol("rating")
                .setNumUserBlocks(threads).setNumItemBlocks(threads).setSeed(42).setCheckpointInterval(-1);
    }

    @Override
    public Object fit() {
        model = als.fit(ratings);
        // ALS.fit materializes the factors; counting them makes sure no work is left lazy
        model.userFactors().count();
        return model;
    }

    @Override
    public int[][] recommend(int[] users, int n) {
        float[][] itemF = new float[items][];
        for (Row r : model.itemFactors().collectAsList()) {
            itemF[r.getInt(0)] = toFloats(r.getList(1));
        }
        float[][] userF = new float[Arrays.stream(users).max().orElse(0) + 1][];
        for (Row r : model.userFactors().collectAsList()) {
            if (r.getInt(0) < userF.length) {
                userF[r.getInt(0)] = toFloats(r.getList(1));
            }
        }
        int[][] out = new int[users.length][];
        for (int q = 0; q < users.length; q++) {
            float[] x = userF[users[q]];
            double[] best = new double[n];
            int[] ids = new int[n];
            Arrays.fill(best, Double.NEGATIVE_INFINITY);
            Arrays.fill(ids, -1);
            for (int j = 0; j < items && x != null; j++) {
                if (itemF[j] == null) {
                    continue;
                }
                double s = 0;
                for (int t = 0; t < x.length; t++) {
                    s += x[t] * itemF[j][t];
                }
                int p = n - 1;
                if (s <= best[p]) {
                    continue;
                }
                while (p > 0 && s > best[p - 1]) {
                    best[p] = best[p - 1];
                    ids[p] = ids[p - 1];
                    p--;
                }
                best[p] = s;
                ids[p] = j;
            }
            out[q] = Arrays.stream(ids).filter(j -> j >= 0).toArray();
        }
        return out;
    }

    private static float[] toFloats(List<Object> list) {
        float[] f = new float[list.size()];
        for (int t = 0; t < f.length; t++) {
            f[t] = ((Number) list.get(t)).floatValue();
        }
        return f;
    }

    @Override
    public void close() {
        spark.stop();
    }
}
