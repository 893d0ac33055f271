package dev.segmentation.bench.features;

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
 * Fit plus transform of the scalers (standardize, min-max, robust) on n x 4 RFM-like features, this library
 * against Smile 3.1.1's {@code smile.feature.transform} ({@code Standardizer}, {@code Scaler},
 * {@code RobustStandardizer}) on the same data in the same run. Each implementation gets the data in its own
 * input type, converted in the setup (a {@code FeatureMatrix}, a Smile {@code DataFrame}).
 *
 * <p>Run: {@code mvn -B -q -o -Ppeers -pl benchmarks -am package -DskipTests} then
 * {@code java -jar benchmarks/target/benchmarks.jar ScalerBenchmark -f 1 -wi 3 -i 5}
 * (without {@code -Ppeers}, add {@code -p impl=segmentation}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScalerBenchmark {
    /** Rows. */
    @Param({"100000", "1000000"})
    public int n;

    /** The scaler. */
    @Param({"standardize", "minmax", "robust"})
    public String scaler;

    /** The implementation. */
    @Param({"segmentation", "smile"})
    public String impl;

    private ScalerAdapter adapter;

    /** Builds the data from a fixed seed and converts it to the implementation's input type. */
    @Setup(Level.Trial)
    public void setup() {
        adapter = ScalerAdapter.of(impl);
        adapter.prepare(EncoderData.rows(n, 42), EncoderData.NAMES);
    }

    /**
     * Fits the scaler and transforms the training data.
     *
     * @return the transformed data (consumed by JMH)
     */
    @Benchmark
    public Object fitTransform() {
        return adapter.fitTransform(scaler);
    }
}
