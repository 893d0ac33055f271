package dev.segmentation.bench.recommend;

import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionCsv;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.recommend.ImplicitAls;
import dev.segmentation.recommend.ImplicitAlsModel;
import dev.segmentation.recommend.InteractionMatrix;
import dev.segmentation.recommend.RankingMetrics;
import dev.segmentation.recommend.TemporalSplit;
import java.nio.file.Path;
import java.time.LocalDate;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Implicit ALS (issue 6): the fit ({@code factors} factors, {@code iterations} iterations, l2 0.01 scaled by
 * counts as Spark's {@code regParam}, alpha 3, binary weights, no early stop) and one customer's top-10
 * ({@code top10}, seen items excluded, {@code impl=segmentation} only). Data: Online Retail's training part
 * ({@code data = online-retail}: rows before 2011-11-01, non-product codes excluded; after the trial the
 * recall@10 of the fitted model on the customers of 2011-11-01..2011-12-09 is printed as
 * {@code # recall@10 impl=... value=...}, so that "similar recall" is checked, not assumed) or a
 * {@link RetailSimulator} log of {@code customers} customers ({@code data = simulated}, seed 42).
 *
 * <p>{@code impl} picks an {@link AlsPeer} by class name: {@code segmentation} ({@link SegmentationAlsPeer},
 * Cholesky), {@code segmentation-cg} (three conjugate-gradient steps per row) or {@code spark} (Spark MLlib's {@code ALS} with {@code implicitPrefs}, in local mode with {@code threads} cores;
 * compiled only with the {@code peers} profile). Spark on Java 17 needs the {@code --add-opens} flags in
 * {@code jvmArgsAppend}.
 *
 * <p>Run:
 * <pre>
 * mvn -B -q -o -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar AlsBenchmark -p data=online-retail -p impl=segmentation,segmentation-cg
 * java -jar benchmarks/target/benchmarks.jar AlsBenchmark.fit -p data=simulated -p customers=1000000 -p impl=segmentation-cg
 * mvn -B -q -Ppeers -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar AlsBenchmark.fit -p data=online-retail -p impl=segmentation,segmentation-cg,spark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g", "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
    "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class AlsBenchmark {
    @Param({"online-retail", "simulated"})
    String data;

    @Param({"100000"})
    int customers;

    @Param({"64"})
    int factors;

    @Param({"15"})
    int iterations;

    @Param({"2"})
    int threads;

    @Param({"segmentation"})
    String impl;

    @Param({"../shared/data/online-retail/online_retail.csv.gz"})
    String file;

    InteractionMatrix matrix;
    InteractionMatrix test;
    int[] testUsers;
    AlsPeer peer;
    ImplicitAlsModel model;
    int[] users;
    int next;
    boolean fitted;

    @Setup(Level.Trial)
    public void setup() throws ReflectiveOperationException {
        TransactionLog log;
        if (data.equals("simulated")) {
            log = RetailSimulator.builder().customers(customers).seed(42).build().generate().log();
        } else {
            TemporalSplit split = TemporalSplit.of(TransactionCsv.readPreset(Path.of(file), "online-retail").log(),
                    LocalDate.of(2011, 11, 1), LocalDate.of(2011, 12, 9));
            log = split.train();
            test = InteractionMatrix.builder().build(split.test());
            testUsers = split.users();
        }
        matrix = InteractionMatrix.builder().build(log);
        String cls = impl.equals("segmentation") ? "dev.segmentation.bench.recommend.SegmentationAlsPeer"
                : impl.equals("segmentation-cg") ? "dev.segmentation.bench.recommend.SegmentationAlsPeer$Cg"
                : "dev.segmentation.bench.recommend.SparkAlsPeer";
        peer = (AlsPeer) Class.forName(cls).getDeclaredConstructor().newInstance();
        peer.prepare(matrix, factors, 0.01, 3.0, iterations, threads);
        if (impl.startsWith("segmentation")) {
            model = ImplicitAls.builder().factors(factors).l2(0.01).l2ScaledByCount(true).alpha(3).iterations(1)
                    .build().fit(matrix);
        }
        SplittableRandom rnd = new SplittableRandom(12345);
        users = new int[1024];
        for (int q = 0; q < users.length; q++) {
            users[q] = rnd.nextInt(matrix.customers());
        }
    }

    /** Prints the recall@10 of the last fit on the Online Retail hold-out (if {@code fit} ran), then releases the peer. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (test != null && fitted) {
            int[][] lists = peer.recommend(testUsers, 10);
            int[][] relevant = new int[testUsers.length][];
            for (int q = 0; q < testUsers.length; q++) {
                relevant[q] = test.itemsOf(testUsers[q]);
            }
            System.out.println("# recall@10 impl=" + impl + " value=" + RankingMetrics.of(lists, relevant, 10));
        }
        peer.close();
    }

    /**
     * Fits the factors.
     *
     * @param bh the sink
     */
    @Benchmark
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public void fit(Blackhole bh) {
        fitted = true;
        bh.consume(peer.fit());
    }

    /**
     * One customer's top-10 with seen items excluded (this library's model; the factor count is what matters).
     *
     * @param bh the sink
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 5)
    public void top10(Blackhole bh) {
        if (model != null) {
            int u = users[next++ & (users.length - 1)];
            bh.consume(model.recommend(u, 10, true));
        }
    }
}
