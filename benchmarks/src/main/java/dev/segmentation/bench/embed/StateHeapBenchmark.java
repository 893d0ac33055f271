package dev.segmentation.bench.embed;

import dev.segmentation.features.PurchasePeriod;
import dev.segmentation.streaming.CustomerState;
import dev.segmentation.streaming.CustomerStateStore;
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
 * The heap of 1,000,000 customer states with purchases (goal under 200 MB): used heap after a full GC, before and
 * after filling a {@link CustomerStateStore}, measured in {@code @Setup} and printed to the fork's output as
 * {@code state heap: ... MB, ... bytes per customer}; the timed part reads every state.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar StateHeapBenchmark -f 1 -wi 1 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-XX:+UseSerialGC"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class StateHeapBenchmark {
    /** Customers. */
    @Param({"1000000"})
    public int n;

    private CustomerStateStore store;
    private long bytes;

    /** Fills the store from a fixed seed and measures the used heap it adds. */
    @Setup(Level.Trial)
    public void setUp() {
        long before = usedAfterGc();
        store = CustomerStateStore.create(n, PurchasePeriod.DAY);
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < n; i++) {
            CustomerState s = EmbedFixture.customer(rnd);
            store.apply(i, s.lastDay(), s.spend());
        }
        bytes = usedAfterGc() - before;
        System.out.printf("state heap: %.1f MB, %.1f bytes per customer (%d customers)%n", bytes / 1e6,
                bytes / (double) n, n);
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    /**
     * Reads every state.
     *
     * @param bh the sink
     */
    @Benchmark
    public void scanStates(Blackhole bh) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += store.state(i).spend();
        }
        bh.consume(total);
    }
}
