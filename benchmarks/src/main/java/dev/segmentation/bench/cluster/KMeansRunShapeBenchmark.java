package dev.segmentation.bench.cluster;

import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.pipeline.Segmentation;
import dev.segmentation.pipeline.SegmentationResult;
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
 * The segments stage's k-means fit of {@code run --customers N} (issue 19): the simulator's customers (seed 42),
 * their encoded features as the pipeline makes them (at 1 M, 18 columns: behaviour, category and channel shares),
 * and {@code KMeans.builder().k(5).nInit(4).seed(42).threads(2)}, the run's defaults. One fit is k-means++ seeding
 * and Lloyd iterations for each of the four restarts (at 1 M: 51, 16, 46 and 21 iterations), plus the final
 * exact pass; it covers the plain Lloyd passes, their return to Hamerly's bounds and the seeding.
 *
 * <p>Single-shot: one fit takes seconds, and the setup (simulating and encoding the customers) tens of seconds.
 * Run:
 * <pre>
 * mvn -B -q -o -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar KMeansRunShapeBenchmark
 * </pre>
 * To compare with another build of the library in the same way, put its segmentation-models classes first on
 * the class path (the forks inherit it):
 * {@code java -cp OTHER_MODELS_CLASSES:benchmarks/target/benchmarks.jar org.openjdk.jmh.Main KMeansRunShapeBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 2)
@Measurement(iterations = 6)
public class KMeansRunShapeBenchmark {
    @Param({"1000000"})
    int customers;

    FeatureMatrix features;

    @Setup(Level.Trial)
    public void setup() {
        TransactionLog log = RetailSimulator.builder().customers(customers).seed(42).threads(2).build().generate()
                .log();
        // the pipeline's features and encoder; a one-iteration fit stands in for the segments stage
        SegmentationResult r = Segmentation.of(log).features(f -> {
            f.behaviour();
            f.categoryShares();
            f.channelShares();
            return f;
        }).segments(KMeans.builder().k(5).nInit(1).maxIterations(1).seed(42)).threads(2)
                .skipStagesThatCannotRun(true).run();
        features = r.encoder().transform(r.modelFeatures());
    }

    @Benchmark
    public KMeansModel fit() {
        return KMeans.builder().k(5).nInit(4).seed(42).threads(2).build().fit(features);
    }
}
