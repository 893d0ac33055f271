package dev.segmentation.bench.features;

import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.features.OneHotEncoder;
import dev.segmentation.features.QuantileBinner;
import java.util.List;
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

/**
 * RFM quintile scoring (fit plus transform of {@link QuantileBinner} with recency descending) and one-hot coding
 * of a 4-level column, on n RFM-like rows. Smile has no counterpart of either (its {@code DataFrame} encodes
 * categories only while converting to a matrix), so this suite has no peer: it tracks this library alone.
 *
 * <p>Run: {@code mvn -B -q -o -pl benchmarks -am package -DskipTests} then
 * {@code java -jar benchmarks/target/benchmarks.jar QuantileBinnerBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class QuantileBinnerBenchmark {
    private static final String[] LEVELS = {"Month-to-month", "One year", "Two year", "Unknown"};

    /** Rows. */
    @Param({"100000", "1000000"})
    public int n;

    /** The implementation (this library only: no peer has these encoders). */
    @Param({"segmentation"})
    public String impl;

    private FeatureMatrix x;
    private String[] categories;
    private QuantileBinner binner;
    private OneHotEncoder oneHot;

    /** Builds the data from a fixed seed. */
    @Setup(Level.Trial)
    public void setup() {
        x = FeatureMatrix.ofRows(List.of(EncoderData.NAMES), EncoderData.rows(n, 42));
        SplittableRandom rnd = new SplittableRandom(7);
        categories = new String[n];
        for (int i = 0; i < n; i++) {
            categories[i] = LEVELS[rnd.nextInt(LEVELS.length)];
        }
        binner = QuantileBinner.builder().columns("recency", "frequency", "monetary").descending("recency").build();
        oneHot = OneHotEncoder.builder().column("Contract").dropFirst(true).build();
    }

    /**
     * Fits RFM quintiles on three columns and scores the same rows.
     *
     * @return the scores (consumed by JMH)
     */
    @Benchmark
    public FeatureMatrix rfmScores() {
        return binner.fit(x).transform(x);
    }

    /**
     * Learns the categories of a 4-level column and codes it.
     *
     * @return the dummies (consumed by JMH)
     */
    @Benchmark
    public FeatureMatrix oneHot() {
        return oneHot.fit(categories).transform(categories);
    }
}
