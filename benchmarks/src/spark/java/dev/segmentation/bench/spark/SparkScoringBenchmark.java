package dev.segmentation.bench.spark;

import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.SimulatedRetail;
import dev.segmentation.persist.ModelBundle;
import dev.segmentation.persist.ModelJson;
import dev.segmentation.pipeline.LifetimeValue;
import dev.segmentation.pipeline.Segmentation;
import dev.segmentation.pipeline.SegmentationResult;
import dev.segmentation.recommend.ItemKnn;
import dev.segmentation.spark.SparkScoring;
import dev.segmentation.spark.SparkSimulator;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Customers scored per second by {@link SparkScoring} ({@code local[2]}): a bundle saved by the single-JVM pipeline
 * (k-means segments k = 4, BG/NBD lifetime value, churn at 90 days with L2 logistic regression, item kNN top 5,
 * behaviour and share features; fitted on 5,000 simulated customers, seed 5, and read back through its JSON text)
 * scores every customer of a larger simulated population (seed 7) whose lines ({@link SparkSimulator#lines}, 2
 * partitions) are cached in the session. The measured time is one scoring to the last row
 * ({@code count()} of the result: features, segment, RFM scores, P(churn), P(alive), expected purchases, CLV and
 * top items of every customer); customers per second = customers / time.
 *
 * <p>Run: {@code java -Xmx6g -cp benchmarks/target/classes:$(cat benchmarks/target/spark-classpath.txt)
 * org.openjdk.jmh.Main SparkScoringBenchmark -f 0}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 4)
public class SparkScoringBenchmark {
    @Param({"100000"})
    public int customers;

    private Dataset<Row> lines;
    private ModelBundle bundle;
    private LocalDate asOf;

    @Setup(Level.Trial)
    public void setUp() {
        SparkSession spark = SparkBench.session();
        SimulatedRetail train = RetailSimulator.builder().customers(5000).seed(5).threads(2).build().generate();
        SegmentationResult run = Segmentation.of(train.log())
                .features(f -> f.behaviour().categoryShares().channelShares())
                .segments(KMeans.builder().k(4).nInit(1).seed(9))
                .lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder()).unit(train.simulator().unit()))
                .churn(90, LogisticRegression.builder().l2(1.0)).recommend(ItemKnn.builder().neighbors(20), 5).run();
        bundle = (ModelBundle) ModelJson.fromJson(ModelJson.toJson(run.models()));
        asOf = run.asOf();
        RetailSimulator population = RetailSimulator.builder().customers(customers).seed(7).threads(2).build();
        lines = SparkBench.cached("scoring-lines-" + customers, () -> SparkSimulator.lines(spark, population, 2));
    }

    @Benchmark
    public long score() {
        return SparkScoring.score(lines, bundle, asOf).count();
    }
}
