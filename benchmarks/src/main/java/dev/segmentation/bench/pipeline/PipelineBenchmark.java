package dev.segmentation.bench.pipeline;

import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.pipeline.LifetimeValue;
import dev.segmentation.pipeline.Segmentation;
import dev.segmentation.pipeline.SegmentationResult;
import dev.segmentation.recommend.ItemKnn;
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
 * Time of one {@link Segmentation#run()} with every stage, as the {@code run} command configures it (features
 * RFM + behaviour + category and channel shares, k-means k = 5 with 4 starts, BG/NBD + Gamma-Gamma over a year,
 * 90-day logistic churn, item kNN with 50 neighbours and 10 items per customer), on the simulator's log (seed
 * 42): 37,000 customers are the default one million rows. {@code threads} is given to k-means, the logistic
 * regression and item kNN.
 *
 * <p>No peer library runs this whole pipeline, so there is no {@code impl} parameter; the per-model benchmarks
 * compare each stage with its peers.
 *
 * <p>Run: {@code mvn -B -q -o -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar PipelineBenchmark}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@State(Scope.Benchmark)
public class PipelineBenchmark {
    /** Simulated customers: 37,000 is about one million rows. */
    @Param({"10000", "37000"})
    public int customers;

    /** Threads of the parallel trainers; results are identical for every value. */
    @Param({"1", "2"})
    public int threads;

    TransactionLog log;

    /** Simulates the log once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        log = RetailSimulator.builder().customers(customers).seed(42).build().generate().log();
    }

    /**
     * Runs the whole pipeline.
     *
     * @return the result, consumed by JMH
     */
    @Benchmark
    public SegmentationResult run() {
        return Segmentation.of(log)
                .features(f -> f.behaviour().categoryShares().channelShares())
                .segments(KMeans.builder().k(5).nInit(4).seed(42).threads(threads))
                .lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder()))
                .churn(90, LogisticRegression.builder().l2(1.0).threads(threads))
                .recommend(ItemKnn.builder().neighbors(50).threads(threads), 10)
                .run();
    }
}
