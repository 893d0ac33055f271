package dev.segmentation.clv;

import java.util.Arrays;
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
 * The value indexes of the lifetime-value stage (issue 19, helper ltv19f), before and after in one run, on the
 * compressed summary of the 1 M-customer simulator log ({@link SimulatedSummaries#whole}: seed 42, weeks, about
 * 512,000 distinct (x, t_x, T) triples), one thread:
 * <ul>
 *   <li>{@code wholeColumns*}: the indexes of the histogram's x, t_x and T columns, as every histogram build and
 *   fit makes them. Before: the radix sort of each column ({@code ValueIndex.of(column, true)}, six scattering
 *   passes); after: {@link ValueIndex#of(double[])} (hashed while at most 4,096 values are distinct). The same
 *   indexes.</li>
 *   <li>{@code holdoutChunks*}: the indexes of x, t_x, T and T + d of every chunk of 4,096 triples, as the holdout
 *   evaluation of each candidate model makes them for its P(no purchase). Before: each chunk's four columns hashed
 *   and their values sorted ({@link ValueIndex#of(double[])} of the chunk's copies); after: the whole columns'
 *   indexes restricted to the chunk ({@link ValueIndex#restrict}). The same indexes.</li>
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ValueIndexBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class ValueIndexBenchmark {
    /** Simulated customers. */
    @Param({"1000000"})
    public int customers;

    private static final int CHUNK = 4096;
    /** The holdout's length in weeks, as at 1 M customers (a quarter of the simulated span). */
    private static final double D = 26;

    private double[][] columns;
    private ValueIndex[] whole;

    /** Simulates, summarizes and compresses once. */
    @Setup(Level.Trial)
    public void setUp() {
        BtydHistogram h = BtydHistogram.of(SimulatedSummaries.whole(customers));
        double[] later = h.ages().clone();
        for (int i = 0; i < later.length; i++) {
            later[i] += D;
        }
        columns = new double[][] {h.frequencies(), h.recencies(), h.ages(), later};
        whole = ValueIndex.of(columns[0], columns[1], columns[2]);
    }

    /** Before: each whole column sorted by radix. */
    @Benchmark
    public void wholeColumnsBefore(Blackhole bh) {
        for (int c = 0; c < 3; c++) {
            bh.consume(ValueIndex.of(columns[c], true));
        }
    }

    /** After: each whole column hashed. */
    @Benchmark
    public void wholeColumnsAfter(Blackhole bh) {
        for (int c = 0; c < 3; c++) {
            bh.consume(ValueIndex.of(columns[c]));
        }
    }

    /** Before: each chunk's four columns copied and indexed anew. */
    @Benchmark
    public void holdoutChunksBefore(Blackhole bh) {
        int n = columns[0].length;
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            for (double[] column : columns) {
                bh.consume(ValueIndex.of(Arrays.copyOfRange(column, from, to)));
            }
        }
    }

    /** After: the whole columns' indexes (T + d by {@link ValueIndex#mapped}) restricted to each chunk. */
    @Benchmark
    public void holdoutChunksAfter(Blackhole bh) {
        int n = columns[0].length;
        ValueIndex later = whole[2].mapped(v -> v + D);
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            bh.consume(whole[0].restrict(from, to));
            bh.consume(whole[1].restrict(from, to));
            bh.consume(whole[2].restrict(from, to));
            bh.consume(later.restrict(from, to));
        }
    }
}
