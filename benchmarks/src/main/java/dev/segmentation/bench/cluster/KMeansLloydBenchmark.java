package dev.segmentation.bench.cluster;

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
 * k-means with a fixed number of Lloyd iterations (k = 8, d = 8), this library side by side with commons-math
 * and Smile on the bytes scikit-learn's {@code sklearn_peer.py km} reads.
 *
 * <p>Every implementation runs its own k-means++ seeding and then exactly {@code iterations} Lloyd iterations
 * (tolerance 0; commons-math would stop earlier only if no point moved). The cost of one Lloyd iteration is
 * {@code (time(iterations = 20) - time(iterations = 1)) / 19}, which cancels the seeding whatever it costs;
 * {@code segmentation-given} starts from shared k-means++ centres instead (Lloyd only). {@code data = segments}
 * uses Gaussian segments (unit spread, centres in [0, 10]^8), on which Lloyd converges in about 6 iterations and
 * Hamerly's bounds skip 96-100% of the distances from the fourth on (see {@link BoundsReport}); the marginal
 * cost {@code time(m) - time(m - 1)} there is small next to the fixed cost of a fit, so it needs a quiet
 * machine.
 *
 * <p>Run (after {@code /usr/bin/python3 ../shared/bench/gen_peer_data.py}):
 * <pre>
 * mvn -B -q -o -Ppeers -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar KMeansLloydBenchmark -p iterations=1,20
 * java -jar benchmarks/target/benchmarks.jar KMeansLloydBenchmark -p data=segments -p impl=segmentation-given \
 *     -p n=1000000 -p iterations=1,2,3,4,5,6
 * </pre>
 * Warm-up is five iterations of 10 s: a fit allocates the rows' transposed blocks (n x d doubles), and the first
 * 20-40 s of a fork pay the operating system's first touch of every young-generation page, which made scores up
 * to 2x slower until the whole 4 GB heap had been used once. Pre-touching the heap ({@code -XX:+AlwaysPreTouch})
 * removes that phase but measured the vector kernel slower in steady state (5.8 against 4.5 ms per iteration),
 * so the forks run with the heap size as their only flag.
 * Without {@code -Ppeers}, add {@code -p impl=segmentation,segmentation-given,commons-math}. {@code fitVector}
 * runs in a JVM with {@code --add-modules=jdk.incubator.vector}, where this library's plain Lloyd passes use the
 * optional vector kernel; for the library alone, both ways in one run:
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar KMeansLloydBenchmark -p impl=segmentation-given -p iterations=1,20
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 5, time = 10)
@Measurement(iterations = 5)
public class KMeansLloydBenchmark {
    @Param({"100000", "1000000"})
    int n;

    @Param({"segmentation", "segmentation-given", "commons-math", "smile"})
    String impl;

    @Param({"1", "2"})
    int threads;

    @Param({"1", "20"})
    int iterations;

    @Param({"uniform"})
    String data;

    @Param({"/tmp/peers-data"})
    String dataDir;

    static final int K = 8;
    static final int D = 8;

    KMeansPeer peer;

    @Setup(Level.Trial)
    public void setup() {
        double[] x = data.equals("segments") ? PeerData.segments(n, D, K) : PeerData.uniform(dataDir, n, D);
        peer = KMeansPeer.create(impl);
        peer.prepare(x, n, D, PeerData.kMeansPlusPlus(x, n, D, K, 12345));
    }

    @Benchmark
    public void fit(Blackhole bh) throws Exception {
        bh.consume(peer.fit(K, iterations, threads, 12345));
    }

    /**
     * {@link #fit} in a JVM with {@code jdk.incubator.vector}: this library's plain passes run the vector kernel
     * (the peers are unaffected).
     */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "--add-modules=jdk.incubator.vector"})
    public void fitVector(Blackhole bh) throws Exception {
        bh.consume(peer.fit(K, iterations, threads, 12345));
    }
}
