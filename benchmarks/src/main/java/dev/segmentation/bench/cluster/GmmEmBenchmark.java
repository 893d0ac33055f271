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
 * Gaussian mixture EM with full covariances (k = 8, d = 8), this library side by side with Smile, from the same
 * initial parameters (the clusters of the rows' nearest shared k-means++ centre), on the bytes scikit-learn's
 * {@code sklearn_peer.py gmm} reads. The cost of one EM iteration is
 * {@code (time(iterations = 20) - time(iterations = 1)) / 19}.
 *
 * <p>Run:
 * <pre>
 * mvn -B -q -o -Ppeers -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar GmmEmBenchmark
 * </pre>
 * Without {@code -Ppeers}, add {@code -p impl=segmentation}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class GmmEmBenchmark {
    @Param({"100000", "1000000"})
    int n;

    @Param({"segmentation", "smile"})
    String impl;

    @Param({"1", "2"})
    int threads;

    @Param({"1", "20"})
    int iterations;

    @Param({"/tmp/peers-data"})
    String dataDir;

    static final int K = 8;
    static final int D = 8;

    GmmPeer peer;

    @Setup(Level.Trial)
    public void setup() {
        double[] x = PeerData.uniform(dataDir, n, D);
        peer = GmmPeer.create(impl);
        peer.prepare(x, n, D, PeerData.kMeansPlusPlus(x, n, D, K, 12345));
    }

    @Benchmark
    public void fit(Blackhole bh) throws Exception {
        bh.consume(peer.fit(iterations, threads));
    }
}
