package dev.segmentation.clv;

import dev.segmentation.eval.BinaryMetrics;
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

/**
 * The lifetime-value stage's holdout model choice on the 1 M-customer simulator
 * ({@link SimulatedSummaries#withHoldout}: seed 42, weeks, the last quarter held out, as
 * {@code run --customers 1000000} cuts it), one thread, before and after issue 19's {@link BtydHoldoutHistogram}:
 * <ul>
 *   <li>{@code compressPerFit}: {@link BtydHistogram#of(BtydSummary)} of the calibration summary, which every
 *   calibration fit repeated before (the choice makes about 6 of them: three candidates and the dropout grid);
 *   {@code compressOnce}: {@link BtydHoldoutHistogram#of(BtydSummary)}, made once per choice.</li>
 *   <li>{@code figuresBefore}: one candidate's holdout figures as the choice computed them per customer (P0 of
 *   every customer, the log loss, {@link BinaryMetrics#rocAuc}, {@link BtydEvaluation#holdout}'s predicted
 *   purchases and MAE; the P0 call compresses once more); {@code figuresAfter}:
 *   {@link BtydHoldoutHistogram#evaluate} (the same figures over the histogram's rows). The choice computes
 *   them for each candidate and each dropout weight (about 6 times).</li>
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar HoldoutHistogramBenchmark -f 1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx5g"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class HoldoutHistogramBenchmark {
    /** Simulated customers. */
    @Param({"1000000"})
    public int customers;

    private BtydSummary cal;
    private BtydHoldoutHistogram histogram;
    private BtydModel fitted;

    /** Simulates, summarizes with the holdout, compresses and fits once. */
    @Setup(Level.Trial)
    public void setUp() {
        cal = SimulatedSummaries.withHoldout(customers);
        histogram = BtydHoldoutHistogram.of(cal);
        fitted = ModifiedBgNbd.builder().build().fit(histogram.calibration());
        System.out.println(histogram);
    }

    /** Before: the compression each calibration fit made. */
    @Benchmark
    public BtydHistogram compressPerFit() {
        return BtydHistogram.of(cal);
    }

    /** After: the one compression of the choice. */
    @Benchmark
    public BtydHoldoutHistogram compressOnce() {
        return BtydHoldoutHistogram.of(cal);
    }

    /** Before: one candidate's holdout figures customer by customer. */
    @Benchmark
    public double figuresBefore() {
        int n = cal.size();
        double d = cal.durationHoldout()[0];
        double[] holdout = cal.frequencyHoldout();
        int[] none = new int[n];
        for (int i = 0; i < n; i++) {
            none[i] = holdout[i] == 0 ? 1 : 0;
        }
        double[] p0 = BtydEvaluation.noPurchase(fitted, cal, d);
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double p = Math.max(1e-15, Math.min(1 - 1e-15, p0[i]));
            loss -= none[i] == 1 ? Math.log(p) : Math.log1p(-p);
        }
        loss /= n;
        double auc = BinaryMetrics.rocAuc(p0, none);
        BtydEvaluation.HoldoutComparison h = BtydEvaluation.holdout(fitted, cal);
        return loss + auc + h.totalPredicted() + h.meanAbsoluteError();
    }

    /** After: {@link BtydHoldoutHistogram#evaluate}. */
    @Benchmark
    public double figuresAfter() {
        BtydHoldoutHistogram.Evaluation e = histogram.evaluate(fitted);
        return e.logLoss() + e.auc() + e.predictedPurchases() + e.meanAbsoluteError();
    }
}
