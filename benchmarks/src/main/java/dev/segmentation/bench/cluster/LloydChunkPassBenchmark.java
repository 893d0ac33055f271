package dev.segmentation.bench.cluster;

import dev.segmentation.cluster.LloydBounds;
import dev.segmentation.cluster.LloydStats;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The chunk pass of the Spark k-means outside Spark (issue 20): {@link LloydBounds#accumulate} over 245 chunks of
 * 4,096 x 8 rows (1 M rows, as {@code SparkKMeansBenchmark} caches them), k = 8, {@code passes} Lloyd passes from
 * rows 0-7 on one thread, each chunk keeping its bounds from pass to pass as a cached Spark chunk does; the chunks'
 * statistics merged in chunk order and the centres moved by {@link LloydStats#centres}, centred on the column means.
 * The time per pass is {@code (time(passes = 11) - time(passes = 1)) / 10}.
 *
 * <p>{@code data = uniform}: every coordinate uniform in [0, 1) (the Spark benchmark's rows), on which the bounds
 * spare about 1% of the distances at the second pass, 35-40% at the third and 63% at the eleventh;
 * {@code clustered}: 8 Gaussian clusters (unit spread, centres in [0, 10]^8), 62% at the third, 75-80% from the
 * fourth. {@code passVector} runs in a JVM with {@code --add-modules=jdk.incubator.vector}, where the chunks'
 * passes use the vector kernel and choose plain or bounded per pass.
 *
 * <p>Run:
 * <pre>
 * mvn -B -q -o -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar LloydChunkPassBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class LloydChunkPassBenchmark {
    static final int CHUNKS = 245;
    static final int ROWS = 4096;
    static final int D = 8;
    static final int K = 8;

    @Param({"uniform", "clustered"})
    String data;

    @Param({"1", "11"})
    int passes;

    double[][] rows;
    double[] reference;
    double[] start;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(42);
        double[][] truth = new double[K][D];
        for (double[] t : truth) {
            for (int j = 0; j < D; j++) {
                t[j] = rnd.nextDouble() * 10;
            }
        }
        boolean clustered = data.equals("clustered");
        rows = new double[CHUNKS][ROWS * D];
        for (double[] r : rows) {
            for (int i = 0; i < ROWS; i++) {
                double[] c = truth[rnd.nextInt(K)];
                for (int j = 0; j < D; j++) {
                    r[i * D + j] = clustered ? c[j] + rnd.nextGaussian() : rnd.nextDouble();
                }
            }
        }
        reference = new double[D];
        for (double[] r : rows) {
            for (int i = 0; i < ROWS; i++) {
                for (int j = 0; j < D; j++) {
                    reference[j] += r[i * D + j];
                }
            }
        }
        for (int j = 0; j < D; j++) {
            reference[j] /= (double) CHUNKS * ROWS;
        }
        start = Arrays.copyOf(rows[0], K * D);
    }

    /** {@code passes} Lloyd passes over the chunks, each chunk with its own bounds; returns the last inertia. */
    double fit() {
        LloydBounds[] bounds = new LloydBounds[CHUNKS];
        for (int c = 0; c < CHUNKS; c++) {
            bounds[c] = new LloydBounds();
        }
        double[] centres = start;
        double inertia = 0;
        for (int p = 0; p < passes; p++) {
            LloydStats total = LloydStats.empty(K, D);
            for (int c = 0; c < CHUNKS; c++) {
                total.merge(bounds[c].accumulate(rows[c], ROWS, D, null, centres, K, reference));
            }
            inertia = total.inertia();
            centres = total.centres(centres, reference);
        }
        return inertia;
    }

    @Benchmark
    public double pass() {
        return fit();
    }

    /** {@link #pass} in a JVM with {@code jdk.incubator.vector}: the chunks' passes use the vector kernel. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--add-modules=jdk.incubator.vector"})
    public double passVector() {
        return fit();
    }
}
