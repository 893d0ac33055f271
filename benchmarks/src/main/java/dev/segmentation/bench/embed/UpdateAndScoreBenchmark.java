package dev.segmentation.bench.embed;

import dev.segmentation.streaming.CustomerScore;
import dev.segmentation.streaming.CustomerScorer;
import dev.segmentation.streaming.CustomerState;
import dev.segmentation.streaming.CustomerStateStore;
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
 * A purchase event applied to a customer in a {@link CustomerStateStore} of 1,000,000 customers, then that
 * customer re-scored (segment + churn + P(alive) + CLV); one thread; goal under 5 us. Events fall on the last day
 * before the as-of date, so they arrive in time order. {@code update} alone is measured too.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar UpdateAndScoreBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class UpdateAndScoreBenchmark {
    /** Raw features or a fitted encoder pipeline. */
    @Param({"raw", "encoded"})
    public String features;

    private CustomerScorer scorer;
    private CustomerStateStore store;
    private long day;
    private int next;

    /** Fills the store and fits the models from a fixed seed. */
    @Setup(Level.Trial)
    public void setUp() {
        int n = 1 << 20;
        store = CustomerStateStore.create(n, dev.segmentation.features.PurchasePeriod.DAY);
        CustomerState[] initial = EmbedFixture.customers(42, n);
        for (int i = 0; i < n; i++) {
            CustomerState s = initial[i];
            store.apply(i, s.lastDay(), s.spend());
        }
        scorer = EmbedFixture.scorer(EmbedFixture.customers(7, 5000), features.equals("encoded"), 12);
        day = EmbedFixture.AS_OF.toEpochDay() - 1;
    }

    /**
     * Applies an event to the next customer and re-scores it.
     *
     * @return the new scores
     */
    @Benchmark
    public CustomerScore updateAndScore() {
        int c = next;
        next = (next + 7919) & (store.size() - 1);
        CustomerState s = store.apply(c, day, 19.99);
        return scorer.score(s, EmbedFixture.AS_OF);
    }

    /**
     * Applies an event to the next customer.
     *
     * @return the new state
     */
    @Benchmark
    public CustomerState update() {
        int c = next;
        next = (next + 7919) & (store.size() - 1);
        return store.apply(c, day, 19.99);
    }
}
