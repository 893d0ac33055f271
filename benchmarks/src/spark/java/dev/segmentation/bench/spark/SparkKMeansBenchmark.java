package dev.segmentation.bench.spark;

import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.spark.SparkKMeans;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * k-means (k = 8) on n x 8 uniform rows held by one Spark session in {@code local[2]}: {@link SparkKMeans} against
 * Spark MLlib's k-means, each a whole fit of {@code iterations} Lloyd iterations (tolerance 0), so that the time
 * per iteration is {@code (T11 - T1) / 10} (the preparation of each fit cancels).
 *
 * <ul>
 *   <li>{@code segmentation}: {@code SparkKMeans.fit} from the given centres (its preparation sorts the rows by id
 *       into fixed chunks, cached for the fit; it ends with one more pass for the exact inertia);</li>
 *   <li>{@code mllib-row}: MLlib's row solver ({@code mllib.clustering.KMeans.run}, which {@code ml}'s
 *       {@code KMeans} with {@code solver=row} calls) from the same centres with {@code setInitialModel}; its input
 *       is the vector column of the cached rows as an uncached RDD, so MLlib caches its own vectors with norms
 *       (the fast set-up: caching its input for it made the row solver about 3x slower, see
 *       {@code shared/docs/spark.md});</li>
 *   <li>{@code mllib-block}: {@code ml.clustering.KMeans} with {@code solver=block} on the cached rows. It has no
 *       way to start from given centres, so it starts from {@code initMode=random} (seed 42): its time per
 *       iteration is comparable, its inertia is not from the same start.</li>
 * </ul>
 *
 * <p>Data: {@code x_j = rand(42 + j)} over {@code spark.range(n)} in 2 partitions, with the vector column of
 * {@code VectorAssembler}, cached once per JVM ({@link SparkBench}); the starting centres are the rows with id 0
 * to 7. After each trial the inertia of the last fit's centres is computed by one neutral Spark pass over the same
 * rows and printed ({@code # inertia impl=... iterations=... value=...}). With {@code -Dsparkbench.fitCpu=true} every
 * fit also prints the CPU time the whole JVM used during it ({@code # fit cpu impl=... iterations=... ms=...}), so
 * that {@code (C11 - C1) / 10} is the CPU per iteration of everything, the driver's side included, which a loaded
 * machine inflates much less than wall time.
 *
 * <p>Run (JMH in one JVM so that every implementation uses the same session and cached data):
 * <pre>
 * mvn -B -Pspark-peers -pl benchmarks -am package -DskipTests
 * java -Xmx6g -cp benchmarks/target/classes:$(cat benchmarks/target/spark-classpath.txt) org.openjdk.jmh.Main \
 *     SparkKMeansBenchmark -f 0 -p n=1000000
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 4)
public class SparkKMeansBenchmark {
    static final int K = 8;
    static final int D = 8;

    @Param({"1000000"})
    public long n;

    @Param({"segmentation", "mllib-row", "mllib-block"})
    public String impl;

    @Param({"1", "11"})
    public int iterations;

    private Dataset<Row> rows;
    private double[][] start;
    private List<String> columns;
    private double[][] last;

    @Setup(Level.Trial)
    public void setUp() {
        SparkSession spark = SparkBench.session();
        columns = new ArrayList<>();
        for (int j = 0; j < D; j++) {
            columns.add("x" + j);
        }
        rows = SparkBench.cached("kmeans-" + n, () -> {
            List<Column> cols = new ArrayList<>();
            cols.add(functions.col("id"));
            for (int j = 0; j < D; j++) {
                cols.add(functions.rand(42 + j).as("x" + j));
            }
            Dataset<Row> x = spark.range(0, n, 1, 2).select(cols.toArray(new Column[0]));
            return new VectorAssembler().setInputCols(columns.toArray(new String[0])).setOutputCol("features")
                    .transform(x);
        });
        List<Row> first = rows.filter(functions.col("id").lt(K)).orderBy("id").select(
                columns.stream().map(functions::col).toArray(Column[]::new)).collectAsList();
        start = new double[K][D];
        for (int c = 0; c < K; c++) {
            for (int j = 0; j < D; j++) {
                start[c][j] = first.get(c).getDouble(j);
            }
        }
    }

    @Benchmark
    public double[][] fit() {
        long cpu = processCpuNanos();
        double[][] out = fitOnce();
        if (Boolean.getBoolean("sparkbench.fitCpu")) {
            System.out.printf("# fit cpu impl=%s iterations=%d ms=%.1f%n", impl, iterations,
                    (processCpuNanos() - cpu) / 1e6);
        }
        return out;
    }

    /** The CPU time of the whole JVM (every thread: the driver, the tasks, Spark's own, GC and JIT), or 0. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private double[][] fitOnce() {
        switch (impl) {
            case "segmentation" -> {
                KMeansModel m = SparkKMeans.fit(KMeans.builder().k(K).nInit(1).initialCentroids(start)
                        .maxIterations(iterations).tolerance(0).build(), rows, "id", columns);
                last = m.centroidArray();
            }
            case "mllib-row" -> {
                org.apache.spark.mllib.linalg.Vector[] init = new org.apache.spark.mllib.linalg.Vector[K];
                for (int c = 0; c < K; c++) {
                    init[c] = Vectors.dense(start[c]);
                }
                var vectors = rows.select("features").javaRDD()
                        .map(r -> Vectors.fromML((Vector) r.get(0)));
                var model = new org.apache.spark.mllib.clustering.KMeans().setK(K).setMaxIterations(iterations)
                        .setEpsilon(0).setInitialModel(new org.apache.spark.mllib.clustering.KMeansModel(init))
                        .run(vectors.rdd());
                last = centres(model.clusterCenters());
            }
            case "mllib-block" -> {
                var model = new org.apache.spark.ml.clustering.KMeans().setK(K).setMaxIter(iterations).setTol(0)
                        .setSolver("block").setInitMode("random").setSeed(42).setFeaturesCol("features")
                        .fit(rows);
                Vector[] c = model.clusterCenters();
                last = new double[K][];
                for (int i = 0; i < K; i++) {
                    last[i] = c[i].toArray();
                }
            }
            default -> throw new IllegalArgumentException("impl must be segmentation, mllib-row or mllib-block, found "
                    + impl);
        }
        return last;
    }

    private static double[][] centres(org.apache.spark.mllib.linalg.Vector[] v) {
        double[][] out = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i].toArray();
        }
        return out;
    }

    @TearDown(Level.Trial)
    public void report() {
        System.out.printf("%n# inertia impl=%s n=%d iterations=%d value=%.9e%n", impl, n, iterations,
                inertia(rows, columns, last));
    }

    /** The sum over the rows of the squared distance to the nearest centre: one Spark pass, neither library. */
    static double inertia(Dataset<Row> rows, List<String> columns, double[][] centres) {
        int d = columns.size();
        return rows.select(columns.stream().map(functions::col).toArray(Column[]::new)).javaRDD().map(r -> {
            double best = Double.POSITIVE_INFINITY;
            for (double[] c : centres) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double t = r.getDouble(j) - c[j];
                    s += t * t;
                }
                best = Math.min(best, s);
            }
            return best;
        }).reduce(Double::sum);
    }
}
