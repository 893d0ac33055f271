package dev.segmentation.bench.clv;

import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.ModifiedBgNbd;
import dev.segmentation.clv.ParetoNbd;
import dev.segmentation.features.BtydSummary;
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
 * Fitting BG/NBD, MBG/NBD and Pareto/NBD, single thread, on CDNOW (2,357 customers) and on simulated
 * cohorts of 1,000,000 and 10,000,000 customers ({@link CohortSampler}, seed 42). The measured time
 * includes compressing the summary into distinct (frequency, recency, T) triples, which is what makes
 * millions of customers cheap; {@code impl=rowwise} fits without compression for comparison. There is no
 * peer library with these models on the JVM (Smile has none), so the peer is our own uncompressed path.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar BtydFitBenchmark -f 1 -wi 3 -i 5} (from the
 * checkout, so that {@code ../shared/data} is found), e.g. with {@code -p model=bgnbd}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class BtydFitBenchmark {
    /** Data set: cdnow or a simulated cohort size. */
    @Param({"cdnow", "1000000", "10000000"})
    public String data;

    /** Model. */
    @Param({"bgnbd", "mbgnbd", "paretonbd"})
    public String model;

    /** compressed (default) or rowwise. */
    @Param({"compressed"})
    public String impl;

    private BtydSummary summary;

    /** Builds the data from a fixed seed. */
    @Setup(Level.Trial)
    public void setUp() {
        summary = data.equals("cdnow") ? CohortSampler.cdnow() : CohortSampler.cohort(42, Integer.parseInt(data));
    }

    /**
     * One fit.
     *
     * @param bh the sink
     */
    @Benchmark
    public void fit(Blackhole bh) {
        boolean compress = impl.equals("compressed");
        switch (model) {
            case "bgnbd":
                bh.consume(BgNbd.builder().compress(compress).build().fit(summary));
                break;
            case "mbgnbd":
                bh.consume(ModifiedBgNbd.builder().compress(compress).build().fit(summary));
                break;
            default:
                bh.consume(ParetoNbd.builder().compress(compress).build().fit(summary));
                break;
        }
    }
}
