package dev.segmentation.bench.clv;

import dev.segmentation.clv.BgNbdModel;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.clv.ModifiedBgNbdModel;
import dev.segmentation.clv.ParetoNbdModel;
import dev.segmentation.features.BtydSummary;
import java.time.Duration;
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
 * Scoring P(alive) and expected purchases over 39 weeks for 1,000,000 simulated customers
 * ({@link CohortSampler}, seed 42), single thread, with the CDNOW MLE parameters of each model.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar BtydScoreBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class BtydScoreBenchmark {
    /** Customers. */
    @Param({"1000000"})
    public int n;

    /** Model. */
    @Param({"bgnbd", "mbgnbd", "paretonbd"})
    public String model;

    private BtydSummary summary;
    private BtydModel fitted;
    private double[] pAlive;
    private double[] expected;

    /** Builds the data from a fixed seed. */
    @Setup(Level.Trial)
    public void setUp() {
        summary = CohortSampler.cohort(42, n);
        Duration week = Duration.ofDays(7);
        switch (model) {
            case "bgnbd":
                fitted = BgNbdModel.of(0.242593, 4.413532, 0.792886, 2.425754, week);
                break;
            case "mbgnbd":
                fitted = ModifiedBgNbdModel.of(0.524838, 6.182992, 0.891356, 1.613999, week);
                break;
            default:
                fitted = ParetoNbdModel.of(0.553276, 10.577612, 0.606214, 11.667911, week);
                break;
        }
        pAlive = new double[n];
        expected = new double[n];
    }

    /**
     * Scores every customer.
     *
     * @param bh the sink
     */
    @Benchmark
    public void score(Blackhole bh) {
        fitted.score(summary, 39, pAlive, expected);
        bh.consume(pAlive);
        bh.consume(expected);
    }
}
