package dev.segmentation.bench.recommend;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Float against double for the kernel of the batched conjugate-gradient solver (issue 19): a block of 64 rows
 * times the k x k Gram matrix, four rows per pass over it, as {@code ImplicitAls.multiply} does
 * ({@code block4}); {@code rowByRow} is the former one matrix-vector product per row. One call is
 * {@code 2 * 64 * k^2} flops (0.52 MFLOP at k = 64).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar AlsKernelBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AlsKernelBenchmark {
    private static final int ROWS = 64;

    @Param({"64"})
    int k;

    double[] v;
    double[] g;
    double[] out;
    double[][] t;
    float[] vf;
    float[] gf;
    float[] outf;
    float[][] tf;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(1);
        v = new double[ROWS * k];
        g = new double[k * k];
        out = new double[ROWS * k];
        t = new double[4][k];
        vf = new float[ROWS * k];
        gf = new float[k * k];
        outf = new float[ROWS * k];
        tf = new float[4][k];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextDouble();
            vf[i] = (float) v[i];
        }
        for (int i = 0; i < g.length; i++) {
            g[i] = rnd.nextDouble();
            gf[i] = (float) g[i];
        }
    }

    /**
     * One matrix-vector product per row.
     *
     * @return the output block
     */
    @Benchmark
    public double[] rowByRowDouble() {
        for (int b = 0; b < ROWS; b++) {
            int o = b * k;
            double[] t0 = t[0];
            java.util.Arrays.fill(t0, 0.0);
            for (int j = 0; j < k; j++) {
                double vj = v[o + j];
                int gj = j * k;
                for (int i = 0; i < k; i++) {
                    t0[i] += vj * g[gj + i];
                }
            }
            System.arraycopy(t0, 0, out, o, k);
        }
        return out;
    }

    /**
     * Four rows per pass over the Gram matrix, doubles.
     *
     * @return the output block
     */
    @Benchmark
    public double[] block4Double() {
        double[] t0 = t[0];
        double[] t1 = t[1];
        double[] t2 = t[2];
        double[] t3 = t[3];
        for (int b = 0; b < ROWS; b += 4) {
            int o0 = b * k;
            int o1 = o0 + k;
            int o2 = o1 + k;
            int o3 = o2 + k;
            java.util.Arrays.fill(t0, 0.0);
            java.util.Arrays.fill(t1, 0.0);
            java.util.Arrays.fill(t2, 0.0);
            java.util.Arrays.fill(t3, 0.0);
            for (int j = 0; j < k; j++) {
                double v0 = v[o0 + j];
                double v1 = v[o1 + j];
                double v2 = v[o2 + j];
                double v3 = v[o3 + j];
                int gj = j * k;
                for (int i = 0; i < k; i++) {
                    double gv = g[gj + i];
                    t0[i] += v0 * gv;
                    t1[i] += v1 * gv;
                    t2[i] += v2 * gv;
                    t3[i] += v3 * gv;
                }
            }
            System.arraycopy(t0, 0, out, o0, k);
            System.arraycopy(t1, 0, out, o1, k);
            System.arraycopy(t2, 0, out, o2, k);
            System.arraycopy(t3, 0, out, o3, k);
        }
        return out;
    }

    /**
     * Four rows per pass over the Gram matrix, floats.
     *
     * @return the output block
     */
    @Benchmark
    public float[] block4Float() {
        float[] t0 = tf[0];
        float[] t1 = tf[1];
        float[] t2 = tf[2];
        float[] t3 = tf[3];
        for (int b = 0; b < ROWS; b += 4) {
            int o0 = b * k;
            int o1 = o0 + k;
            int o2 = o1 + k;
            int o3 = o2 + k;
            java.util.Arrays.fill(t0, 0f);
            java.util.Arrays.fill(t1, 0f);
            java.util.Arrays.fill(t2, 0f);
            java.util.Arrays.fill(t3, 0f);
            for (int j = 0; j < k; j++) {
                float v0 = vf[o0 + j];
                float v1 = vf[o1 + j];
                float v2 = vf[o2 + j];
                float v3 = vf[o3 + j];
                int gj = j * k;
                for (int i = 0; i < k; i++) {
                    float gv = gf[gj + i];
                    t0[i] += v0 * gv;
                    t1[i] += v1 * gv;
                    t2[i] += v2 * gv;
                    t3[i] += v3 * gv;
                }
            }
            System.arraycopy(t0, 0, outf, o0, k);
            System.arraycopy(t1, 0, outf, o1, k);
            System.arraycopy(t2, 0, outf, o2, k);
            System.arraycopy(t3, 0, outf, o3, k);
        }
        return outf;
    }
}
