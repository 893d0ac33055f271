package dev.segmentation.bench.embed;

import dev.segmentation.streaming.CustomerScore;
import dev.segmentation.streaming.CustomerScorer;
import dev.segmentation.streaming.CustomerState;
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
 * Scoring one customer through segment (k-means, k = 6) + churn (logistic) + P(alive), expected purchases and CLV
 * (BG/NBD, Gamma-Gamma), one thread, from a {@link CustomerState}; goal under 2 us. {@code features}: raw RFM and
 * tenure, or through a fitted log1p + standardize pipeline; {@code clvMonths}: the number of monthly CLV steps
 * (each a conditional expectation).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ScoreCustomerBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ScoreCustomerBenchmark {
    /** Raw features or a fitted encoder pipeline. */
    @Param({"raw", "encoded"})
    public String features;

    /** Monthly CLV steps. */
    @Param({"1", "12"})
    public int clvMonths;

    private CustomerScorer scorer;
    private CustomerState[] customers;
    private int next;

    /** Builds the customers and fits the models from a fixed seed. */
    @Setup(Level.Trial)
    public void setUp() {
        customers = EmbedFixture.customers(42, 4096);
        scorer = EmbedFixture.scorer(EmbedFixture.customers(7, 5000), features.equals("encoded"), clvMonths);
    }

    /**
     * Scores the next customer.
     *
     * @return the scores
     */
    @Benchmark
    public CustomerScore scoreOne() {
        CustomerState s = customers[next];
        next = (next + 1) & (customers.length - 1);
        return scorer.score(s, EmbedFixture.AS_OF);
    }
}
