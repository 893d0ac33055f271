package dev.segmentation.recommend;

import dev.segmentation.math.Dot;
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
 * The kernels of the batched conjugate-gradient solver of {@link ImplicitAls} (issue 19). This class is in the
 * library's package so that it calls the library's own package-private {@link AlsKernels}, not a copy:
 * <ul>
 *   <li>{@code block4Double}: {@link AlsKernels#multiply}, a block of 64 rows times the k x k Gram matrix, four
 *       rows per pass over it ({@code 2 * 64 * k^2} flops, 0.52 MFLOP at k = 64); {@code rowByRowDouble} is the
 *       former one matrix-vector product per row and {@code block4Float} the same block product in floats (both
 *       written here: the library has neither);</li>
 *   <li>{@code entriesStreamed}: {@link AlsKernels#entries}, the entries' part of one conjugate-gradient product
 *       on the item side, {@code users} customers of 17 entries each over 400 items (the simulator's shape),
 *       each customer's factor row read once for all its entries;</li>
 *   <li>{@code woodburyRows}: {@link AlsKernels#woodbury}, the exact solves of 64 customers of 17 items each
 *       (the simulator's mean) from the tabulated {@code Y B Y^T} over 400 items, the customer half-step of
 *       {@link ImplicitAls.Solver#WOODBURY}; {@code woodburyRowsNoTable} the same with the n x n matrices from
 *       dot products (more than {@code ImplicitAls.TABLE_ITEMS} items); {@code woodburyShared} what one
 *       half-step computes once for them ({@link AlsKernels#eigen}, {@link AlsKernels#turned},
 *       {@link AlsKernels#inverseRows} and the table, 400 items).</li>
 * </ul>
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
    private static final int ITEMS = 400;

    @Param({"64"})
    int k;

    @Param({"4096"})
    int users;

    int[] ptr;
    int[] idx;
    double[] val;
    double[] f;
    double[] items;
    double[] acc;
    double[] reg;

    double[] v;
    double[] g;
    double[] out;
    double[][] t;
    float[] vf;
    float[] gf;
    float[] outf;
    float[][] tf;

    double[] table;
    double[] w;
    double[] gy;
    double[] m;
    double[] z;
    double[] xs;

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
        reg = new double[ROWS];
        java.util.Arrays.fill(reg, 1.0);
        int per = 17;
        ptr = new int[users + 1];
        idx = new int[users * per];
        val = new double[users * per];
        for (int u = 0; u < users; u++) {
            ptr[u + 1] = ptr[u] + per;
            int start = rnd.nextInt(ITEMS - per);
            for (int q = 0; q < per; q++) {
                idx[u * per + q] = start + q;
                val[u * per + q] = 1.0;
            }
        }
        f = new double[users * k];
        for (int i = 0; i < f.length; i++) {
            f[i] = rnd.nextDouble() * 0.01;
        }
        items = new double[ITEMS * k];
        for (int i = 0; i < items.length; i++) {
            items[i] = rnd.nextDouble() * 0.01;
        }
        acc = new double[ITEMS * k];
        gy = new double[k * k];
        for (int j = 0; j < ITEMS; j++) {
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    gy[a * k + b] += items[j * k + a] * items[j * k + b];
                }
            }
        }
        w = new double[ITEMS * k];
        table = shared();
        m = new double[k * k];
        z = new double[k];
        xs = new double[ROWS * k];
    }

    /** The shared part of one Woodbury half-step: returns Y B Y^T and fills w. */
    private double[] shared() {
        double[][] eigen = AlsKernels.eigen(gy, k);
        double[] yq = new double[ITEMS * k];
        AlsKernels.turned(items, 0, ITEMS, eigen[0], k, yq);
        AlsKernels.inverseRows(yq, 0, ITEMS, eigen[0], eigen[1], 1.0, k, w);
        double[] t = new double[ITEMS * ITEMS];
        for (int a = 0; a < ITEMS; a++) {
            for (int b = 0; b <= a; b++) {
                t[a * ITEMS + b] = Dot.product(items, a * k, w, b * k, k);
                t[b * ITEMS + a] = t[a * ITEMS + b];
            }
        }
        return t;
    }

    /**
     * What one Woodbury half-step computes once (eigen-decomposition, B y_j for 400 items, the 400 x 400 table).
     *
     * @return the table
     */
    @Benchmark
    public double[] woodburyShared() {
        return shared();
    }

    /**
     * 64 customers of 17 items solved exactly from the table.
     *
     * @return their factors
     */
    @Benchmark
    public double[] woodburyRows() {
        for (int u = 0; u < ROWS; u++) {
            AlsKernels.woodbury(idx, val, ptr[u], ptr[u + 1], items, w, table, ITEMS, k, 3.0, m, z, xs, u * k);
        }
        return xs;
    }

    /**
     * 64 customers of 17 items solved exactly, the n x n matrices from dot products.
     *
     * @return their factors
     */
    @Benchmark
    public double[] woodburyRowsNoTable() {
        for (int u = 0; u < ROWS; u++) {
            AlsKernels.woodbury(idx, val, ptr[u], ptr[u + 1], items, w, null, ITEMS, k, 3.0, m, z, xs, u * k);
        }
        return xs;
    }

    /**
     * The library's entries' part of one item-side product ({@link AlsKernels#entries}).
     *
     * @return the item accumulators
     */
    @Benchmark
    public double[] entriesStreamed() {
        java.util.Arrays.fill(acc, 0.0);
        AlsKernels.entries(ptr, idx, val, 0, users, f, items, k, 3.0, false, acc);
        return acc;
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
     * Four rows per pass over the Gram matrix, doubles: the library's {@link AlsKernels#multiply}.
     *
     * @return the output block
     */
    @Benchmark
    public double[] block4Double() {
        AlsKernels.multiply(g, v, reg, ROWS, k, out, t[0], t[1], t[2], t[3]);
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
