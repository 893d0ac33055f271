package dev.segmentation.bench.data;

import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.SimulatedRetail;
import dev.segmentation.data.TransactionLog;
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
 * Time to simulate a retail log with {@link RetailSimulator} (default segments and catalogue, seed 42):
 * 37,000 customers give about 1.0 million rows (the default), 368,000 customers about 10 million rows (the
 * exact count is fixed by the seed). Each operation is a whole {@code generate()}: drawing customers, orders
 * and lines, merging the chunks and building the {@link TransactionLog} with its per-customer index.
 * {@code threads} 1 and 2 give identical logs; the machine has 2 cores.
 *
 * <p>No peer library simulates this story, so there is no {@code impl} parameter. For scale,
 * {@link #publicBuilder} feeds the default one-million-row log through the public
 * {@code TransactionLog.Builder} (string ids interned per row), which is the cost the simulator's
 * package-private columnar fast path avoids.
 *
 * <p>Run: {@code mvn -B -q -o -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar SimulatorBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 5, time = 10)
public class SimulatorBenchmark {
    /** The simulator under test, per size and thread count. */
    @State(Scope.Benchmark)
    public static class Simulation {
        /** Customers: 37,000 is about one million rows, 368,000 about ten million. */
        @Param({"37000", "368000"})
        public int customers;

        /** Generation threads; results are identical for every value. */
        @Param({"1", "2"})
        public int threads;

        RetailSimulator simulator;

        /** Builds the simulator. */
        @Setup(Level.Trial)
        public void setUp() {
            simulator = RetailSimulator.builder().customers(customers).threads(threads).seed(42).build();
        }
    }

    /** The default one-million-row log, for the builder baseline. */
    @State(Scope.Benchmark)
    public static class DefaultLog {
        TransactionLog log;

        /** Simulates the default log once. */
        @Setup(Level.Trial)
        public void setUp() {
            log = RetailSimulator.builder().seed(42).build().generate().log();
        }
    }

    /**
     * Simulates the whole log.
     *
     * @param s the simulator
     * @return the log and truth, consumed by JMH
     */
    @Benchmark
    public SimulatedRetail generate(Simulation s) {
        return s.simulator.generate();
    }

    /**
     * Baseline for scale: re-adds the default one-million-row log row by row through the public builder.
     *
     * @param d the log to copy
     * @return the rebuilt log, consumed by JMH
     */
    @Benchmark
    public TransactionLog publicBuilder(DefaultLog d) {
        TransactionLog src = d.log;
        TransactionLog.Builder b = TransactionLog.builder();
        for (int r = 0; r < src.size(); r++) {
            b.add(src.customerId(src.customer(r)), src.invoiceId(src.invoice(r)), src.itemId(src.item(r)),
                    src.epochSecond(r), src.quantity(r), src.amount(r), src.channelId(src.channel(r)),
                    src.categoryId(src.category(r)));
        }
        return b.build();
    }
}
