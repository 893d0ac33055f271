package dev.segmentation.bench.recommend;

import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionCsv;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.recommend.InteractionMatrix;
import dev.segmentation.recommend.ItemKnn;
import dev.segmentation.recommend.ItemKnnModel;
import java.nio.file.Path;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Item kNN (issue 6): the neighbour build ({@code fit}, binary weights, 20 neighbours, shrink 20) and one
 * customer's top-10 ({@code recommend}, seen items excluded, customers drawn from a fixed seed), on Online Retail
 * ({@code data = online-retail}, non-product codes excluded) or on a {@link RetailSimulator} log of
 * {@code customers} customers ({@code data = simulated}, seed 42).
 *
 * <p>Run:
 * <pre>
 * mvn -B -q -o -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar ItemKnnBenchmark -p data=online-retail -p threads=1,2
 * java -jar benchmarks/target/benchmarks.jar ItemKnnBenchmark -p data=simulated -p customers=1000000
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class ItemKnnBenchmark {
    @Param({"online-retail", "simulated"})
    String data;

    @Param({"100000"})
    int customers;

    @Param({"1", "2"})
    int threads;

    @Param({"../shared/data/online-retail/online_retail.csv.gz"})
    String file;

    InteractionMatrix matrix;
    ItemKnn trainer;
    ItemKnnModel model;
    int[] users;
    int next;

    @Setup(Level.Trial)
    public void setup() {
        TransactionLog log = data.equals("simulated")
                ? RetailSimulator.builder().customers(customers).seed(42).build().generate().log()
                : TransactionCsv.readPreset(Path.of(file), "online-retail").log();
        matrix = InteractionMatrix.builder().build(log);
        trainer = ItemKnn.builder().neighbors(20).shrink(20).threads(threads).build();
        model = trainer.fit(matrix);
        SplittableRandom rnd = new SplittableRandom(12345);
        users = new int[1024];
        for (int q = 0; q < users.length; q++) {
            users[q] = rnd.nextInt(matrix.customers());
        }
    }

    /**
     * Builds the neighbour lists.
     *
     * @param bh the sink
     */
    @Benchmark
    public void fit(Blackhole bh) {
        bh.consume(trainer.fit(matrix));
    }

    /**
     * One customer's top-10 with seen items excluded.
     *
     * @param bh the sink
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void top10(Blackhole bh) {
        int u = users[next++ & (users.length - 1)];
        bh.consume(model.recommend(u, 10, true));
    }
}
