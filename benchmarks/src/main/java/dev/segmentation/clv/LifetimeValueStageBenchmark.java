package dev.segmentation.clv;

import dev.segmentation.features.BtydSummary;
import dev.segmentation.math.Special;
import java.util.HashMap;
import java.util.Map;
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
import org.slf4j.helpers.NOPLogger;

/**
 * The two parts of the lifetime-value stage that issue 19's profile of the 1 M-customer {@code run} found
 * dominant, before and after in one run, on the summary of the 1 M-customer simulator log
 * ({@link SimulatedSummaries#whole}: seed 42, weeks, as {@code run --customers 1000000} builds it), one thread:
 * <ul>
 *   <li>{@code gammaGamma*}: the Gamma-Gamma spend fit. Before: the per-pair likelihood loop (four log-gamma or
 *   digamma and three logarithms per pair and evaluation); after: {@link GammaGamma.Terms} (one logarithm per
 *   pair, log-gamma and digamma once per distinct frequency). The same fit bit for bit.</li>
 *   <li>{@code noPurchase*}: P(no purchase in the next {@code d} weeks) for every customer. Before: the
 *   pipeline's boxed-triple {@code HashMap} and two scalar log-likelihood calls per distinct triple (each
 *   allocating one-row arrays and value indexes); after: {@link BtydEvaluation#noPurchase} (the histogram's
 *   hash table and the families' batch likelihoods). The same values bit for bit.</li>
 * </ul>
 * Lives in {@code dev.segmentation.clv} to reach the package-private fitter for the "before" fit.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar LifetimeValueStageBenchmark -f 1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx5g"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class LifetimeValueStageBenchmark {
    /** Simulated customers. */
    @Param({"1000000"})
    public int customers;

    /** The transaction model of the no-purchase benchmarks (the 1 M run chooses mbgnbd). */
    @Param({"mbgnbd", "paretonbd"})
    public String model;

    private GammaGammaStats stats;
    private BtydSummary summary;
    private BtydModel fitted;
    private final double d = 13;

    /** Simulates, summarizes and fits once. */
    @Setup(Level.Trial)
    public void setUp() {
        summary = SimulatedSummaries.whole(customers);
        stats = GammaGammaStats.accumulate(summary);
        fitted = model.equals("paretonbd") ? ParetoNbd.builder().build().fit(summary)
                : ModifiedBgNbd.builder().build().fit(summary);
    }

    /** Before: the per-pair Gamma-Gamma likelihood, through the same fitter and settings. */
    @Benchmark
    public double gammaGammaBefore() {
        double[] x = stats.frequencies();
        double[] z = stats.meanSpends();
        double[] w = stats.weights();
        double mean = 0;
        for (int i = 0; i < x.length; i++) {
            mean += w[i] * z[i];
        }
        mean /= stats.repeatCustomers();
        FitInfo info = LogParamFitter.fit((p, g) -> perPair(x, z, w, p, g), new double[] {1, 2, mean},
                new String[] {"p", "q", "v"}, stats.repeatCustomers(), x.length, 0, 1e-8, 1000,
                NOPLogger.NOP_LOGGER, "GammaGamma");
        return info.params[0];
    }

    /** After: {@link GammaGamma#fit(GammaGammaStats)}. */
    @Benchmark
    public double gammaGammaAfter() {
        return GammaGamma.builder().build().fit(stats).p();
    }

    /** Before: boxed triples in a {@code HashMap}, two scalar log-likelihoods per distinct triple. */
    @Benchmark
    public double[] noPurchaseBefore() {
        int n = summary.size();
        double[] out = new double[n];
        Map<Triple, Double> seen = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Triple key = new Triple(summary.frequency(i), summary.recency(i), summary.T(i));
            Double p = seen.get(key);
            if (p == null) {
                double r = Math.exp(fitted.logLikelihood(key.x, key.tx, key.age + d)
                        - fitted.logLikelihood(key.x, key.tx, key.age));
                p = Double.isNaN(r) ? 1.0 : Math.max(0.0, Math.min(1.0, r));
                seen.put(key, p);
            }
            out[i] = p;
        }
        return out;
    }

    /** After: {@link BtydEvaluation#noPurchase}. */
    @Benchmark
    public double[] noPurchaseAfter() {
        return BtydEvaluation.noPurchase(fitted, summary, d);
    }

    private record Triple(double x, double tx, double age) {
    }

    /** The Gamma-Gamma log-likelihood loop as it was before issue 19's change. */
    static double perPair(double[] x, double[] z, double[] w, double[] par, double[] grad) {
        double p = par[0];
        double q = par[1];
        double v = par[2];
        double lgQ = Special.logGamma(q);
        double lnV = Math.log(v);
        boolean g = grad != null;
        double dgQ = g ? Special.digamma(q) : 0;
        double ll = 0;
        double gp = 0;
        double gq = 0;
        double gv = 0;
        for (int i = 0; i < x.length; i++) {
            double px = p * x[i];
            double lnZ = Math.log(z[i]);
            double lnX = Math.log(x[i]);
            double vxz = v + x[i] * z[i];
            double lnVxz = Math.log(vxz);
            double lg = Special.logGamma(px + q) - Special.logGamma(px) - lgQ + q * lnV + (px - 1) * lnZ
                    + px * lnX - (px + q) * lnVxz;
            ll += w[i] * lg;
            if (g) {
                double dgPxQ = Special.digamma(px + q);
                gp += w[i] * x[i] * (dgPxQ - Special.digamma(px) + lnZ + lnX - lnVxz);
                gq += w[i] * (dgPxQ - dgQ + lnV - lnVxz);
                gv += w[i] * (q / v - (px + q) / vxz);
            }
        }
        if (g) {
            grad[0] = gp;
            grad[1] = gq;
            grad[2] = gv;
        }
        return ll;
    }
}
