package dev.segmentation.bench.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
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
 * What one Spark job costs in {@code local[2]} when its tasks do almost nothing: the floor under every per-iteration
 * figure of {@link SparkKMeansBenchmark} and {@link SparkLogisticBenchmark}, since each Lloyd or Newton iteration is
 * one job. Neither library's code runs here.
 *
 * <ul>
 *   <li>{@code tiny}: two one-element partitions, mapped and collected;</li>
 *   <li>{@code chunks}: {@code chunks} cached chunks of 4,096 x 8 doubles in 2 partitions (as {@code SparkKMeans}
 *       caches 1 M rows at 245 chunks, 10 M at 2,442), each returning 160 doubles (about one {@code LloydStats}
 *       of k = d = 8) to the driver, which reads none of its rows;</li>
 *   <li>{@code chunksRead}: the same, each task also summing the squares of its chunk's 32,768 values (reading the
 *       cached rows once, as a pass must).</li>
 * </ul>
 *
 * <pre>
 * java -Xmx6g -cp benchmarks/target/classes:$(cat benchmarks/target/spark-classpath.txt) org.openjdk.jmh.Main \
 *     SparkJobFloorBenchmark -f 0
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class SparkJobFloorBenchmark {
    static final int CHUNK = 4096 * 8;

    @Param({"245", "2442"})
    public int chunks;

    private JavaSparkContext sc;
    private JavaRDD<double[]> blocks;

    @Setup(Level.Trial)
    public void setUp() {
        sc = JavaSparkContext.fromSparkContext(SparkBench.session().sparkContext());
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            ids.add(i);
        }
        blocks = sc.parallelize(ids, 2).map(i -> {
            double[] x = new double[CHUNK];
            Arrays.fill(x, i);
            return x;
        });
        blocks.persist(StorageLevel.MEMORY_ONLY());
        blocks.count();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        blocks.unpersist(true);
    }

    @Benchmark
    public List<Integer> tiny() {
        return sc.parallelize(Arrays.asList(1, 2), 2).map(v -> v + 1).collect();
    }

    @Benchmark
    public List<double[]> chunks() {
        double[] centres = new double[64];
        return blocks.map(x -> {
            double[] out = new double[160];
            out[0] = x[0] + centres[0];
            return out;
        }).collect();
    }

    @Benchmark
    public List<double[]> chunksRead() {
        double[] centres = new double[64];
        return blocks.map(x -> {
            double q = 0;
            for (double v : x) {
                q += v * v;
            }
            double[] out = new double[160];
            out[0] = q + centres[0];
            return out;
        }).collect();
    }
}
