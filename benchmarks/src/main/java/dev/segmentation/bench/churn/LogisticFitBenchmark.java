package dev.segmentation.bench.churn;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * L2 logistic-regression fit (lambda = 1, i.e. scikit-learn {@code C = 1}) on the 1,000,000 x 20 data of
 * {@code shared/bench/gen_peer_data.py} ({@code /tmp/peers-data/LR1M_X.bin}, float64 little-endian, and
 * {@code LR1M_y.bin}, int32), this library against Smile in the same run. scikit-learn is timed on the same
 * files by {@code /usr/bin/python3 -u shared/bench/sklearn_peer.py lr}.
 *
 * <p>At the end of each trial the penalized objective of the last fit is printed
 * ({@code # objective impl=... value=...}), so that "same optimum" is checked, not assumed.
 *
 * <p>Run (Smile needs the peers profile; without it only {@code impl=segmentation} runs):
 * <pre>
 * /usr/bin/python3 shared/bench/gen_peer_data.py
 * mvn -B -q -o -Ppeers -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar LogisticFit -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class LogisticFitBenchmark {
    @Param({"segmentation", "smile"})
    public String impl;

    @Param({"1", "2"})
    public int threads;

    @Param({"/tmp/peers-data/LR1M_X.bin"})
    public String dataFile;

    @Param({"/tmp/peers-data/LR1M_y.bin"})
    public String labelFile;

    @Param({"20"})
    public int columns;

    @Param({"1.0"})
    public double lambda;

    private LogisticPeer peer;
    private double[] x;
    private int[] y;
    private double[] last;

    @Setup(Level.Trial)
    public void setUp() throws IOException, ReflectiveOperationException {
        ByteBuffer bx = ByteBuffer.wrap(Files.readAllBytes(Path.of(dataFile))).order(ByteOrder.LITTLE_ENDIAN);
        x = new double[bx.remaining() / 8];
        bx.asDoubleBuffer().get(x);
        ByteBuffer by = ByteBuffer.wrap(Files.readAllBytes(Path.of(labelFile))).order(ByteOrder.LITTLE_ENDIAN);
        y = new int[by.remaining() / 4];
        by.asIntBuffer().get(y);
        String cls = impl.equals("segmentation") ? "dev.segmentation.bench.churn.SegmentationLogisticPeer"
                : "dev.segmentation.bench.churn.SmileLogisticPeer";
        peer = (LogisticPeer) Class.forName(cls).getDeclaredConstructor().newInstance();
        peer.prepare(x, y.length, columns, y, lambda, threads);
    }

    @Benchmark
    public double[] fit() {
        last = peer.fit();
        return last;
    }

    @TearDown(Level.Trial)
    public void report() {
        if (last != null) {
            System.out.printf("%n# objective impl=%s threads=%d value=%.10f intercept=%.8f w0=%.8f%n", impl, threads,
                    objective(last), last[0], last[1]);
        }
    }

    /** The penalized objective of a coefficient vector (intercept first) on the benchmark data. */
    double objective(double[] beta) {
        int d = columns;
        double f = 0;
        for (int i = 0; i < y.length; i++) {
            double eta = beta[0];
            for (int j = 0; j < d; j++) {
                eta += beta[j + 1] * x[i * d + j];
            }
            f += Math.max(eta, 0) + Math.log1p(Math.exp(-Math.abs(eta))) - y[i] * eta;
        }
        for (int j = 1; j <= d; j++) {
            f += 0.5 * lambda * beta[j] * beta[j];
        }
        return f;
    }
}
