package dev.segmentation.bench.recommend;

import dev.segmentation.data.RetailSimulator;
import dev.segmentation.recommend.ImplicitAls;
import dev.segmentation.recommend.InteractionMatrix;
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
 * Implicit ALS per-iteration time (issue 19): one iteration (a customer half-step, an item half-step, the two
 * Gram matrices and the loss) of {@code factors} factors, l2 1, alpha 3, on {@code threads} threads, on a
 * {@link RetailSimulator} log of {@code customers} customers (seed 42, binary weights; 400 items, 1 M customers
 * give 16.8 M entries). The fit is {@code iterations(1)}, so the score also holds the random initialization and
 * the popularity fallback (both O(customers k), small against an iteration).
 *
 * <p>Small size (default):
 * <pre>
 * mvn -B -q -o -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar AlsIterationBenchmark -p solver=WOODBURY,CONJUGATE_GRADIENT,CHOLESKY
 * </pre>
 * The 1 M-customer size is a manual run (about 4 GB of heap, a few minutes of setup):
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar AlsIterationBenchmark -p customers=1000000 -jvmArgs -Xmx5g
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx5g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class AlsIterationBenchmark {
    @Param({"100000"})
    int customers;

    @Param({"64"})
    int factors;

    @Param({"2"})
    int threads;

    @Param({"WOODBURY", "CONJUGATE_GRADIENT"})
    String solver;

    InteractionMatrix matrix;
    ImplicitAls trainer;

    @Setup(Level.Trial)
    public void setup() {
        matrix = InteractionMatrix.builder()
                .build(RetailSimulator.builder().customers(customers).seed(42).build().generate().log());
        trainer = ImplicitAls.builder().factors(factors).l2(1).alpha(3).iterations(1).tolerance(0).threads(threads)
                .solver(ImplicitAls.Solver.valueOf(solver)).build();
    }

    /**
     * One ALS iteration.
     *
     * @return the loss after it
     */
    @Benchmark
    public double iteration() {
        return trainer.fit(matrix).lossHistory()[0];
    }
}
