package dev.segmentation.recommend;

import dev.segmentation.Provenance;
import dev.segmentation.internal.ChunkRunner;
import dev.segmentation.internal.ParamChecks;
import dev.segmentation.math.Cholesky;
import dev.segmentation.math.Dot;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alternating least squares for implicit feedback (Hu, Koren and Volinsky 2008, "Collaborative Filtering for
 * Implicit Feedback Datasets", ICDM). With weights {@code r_ui} from an {@link InteractionMatrix}, preference
 * {@code p_ui = 1} if {@code r_ui > 0} else 0 and confidence {@code c_ui = 1 + alpha r_ui} (their eq. 2), it
 * minimizes (their eq. 3)
 * <pre>
 *   L = sum over all (u, i) of c_ui (p_ui - x_u . y_i)^2 + l2 (sum_u s_u ||x_u||^2 + sum_i s_i ||y_i||^2)
 * </pre>
 * where {@code s_u = s_i = 1} by default: the regularization is not scaled, as in the {@code implicit} library's
 * {@code regularization} and in the paper. With {@link Builder#l2ScaledByCount(boolean) l2ScaledByCount(true)}
 * {@code s_u} is the number of items of customer {@code u} and {@code s_i} the number of customers of item
 * {@code i}, as Spark MLlib's {@code regParam} (ALS-WR, Zhou et al. 2008), so that one {@code l2} means the same
 * in both libraries.
 *
 * <p>Each iteration solves every customer row given the item factors, then every item row given the customer
 * factors. A row's normal equations are {@code (Y^T Y + Y^T (C_u - I) Y + l2 s_u I) x_u = Y^T C_u p(u)}; with
 * {@code Y^T Y} computed once per half-iteration the system costs O(n_u k^2) to build (their section 4 trick) and
 * O(k^3) to solve:
 * <ul>
 *   <li>{@link Solver#CONJUGATE_GRADIENT} runs {@code cgSteps} conjugate-gradient steps from the
 *       current row (Takacs, Pilaszy and Tikk 2011, "Applications of the conjugate gradient method for implicit
 *       feedback collaborative filtering", RecSys; the {@code implicit} library's default, 3 steps), O(n_u k +
 *       k^2) per step; each step lowers that row's quadratic, so the loss does not increase, up to rounding.
 *       The rows are solved {@value #BLOCK} at a time so that the products with {@code Y^T Y} of a step form one
 *       block matrix product instead of one k x k matrix-vector product per row and step (issue 19);</li>
 *   <li>{@link Solver#CHOLESKY} solves it exactly by a Cholesky factorization, so the loss never increases from
 *       one iteration to the next; about 4x slower than three conjugate-gradient steps at 64 factors, with the
 *       same recall on Online Retail.</li>
 *   <li>{@link Solver#WOODBURY} (default) solves each customer with {@code n_u <= k} items exactly: with
 *       {@code B = (Y^T Y + l2 I)^-1}, {@code x_u = B Y_u^T z} where {@code (D_u^-1 + Y_u B Y_u^T) z = D_u^-1 c_u},
 *       {@code D_u = diag(alpha r_ui)} (the Woodbury identity), an n_u x n_u system whose matrix is read from
 *       {@code Y B Y^T}, computed once per half-iteration from the eigen-decomposition of {@code Y^T Y} (at most
 *       {@value #TABLE_ITEMS} items; else from dot products); O(n_u^2 + n_u^3 / 6 + n_u k) per customer instead
 *       of the conjugate gradient's O(n_u k + k^2) per step and row (issue 19: 1 M simulated customers average 17
 *       items for k = 64). Longer customers and every item take {@code cgSteps} conjugate-gradient steps. Its
 *       loss is at or below {@link Solver#CONJUGATE_GRADIENT}'s at every iteration on Online Retail and the
 *       simulator, with recall@10 0.0264 against 0.0263 (Online Retail) and 0.0639 against 0.0630
 *       (simulator, 100k customers), seen items excluded.</li>
 * </ul>
 * Customers (items) without interactions get zero factors, the minimizer of their terms. Initialization: every
 * factor is drawn uniformly from [0, 0.01) by {@code new SplittableRandom(seed)} (the {@code implicit} library's
 * scale), customer factors first. After each iteration the loss {@code L} is recorded; the fit stops early, with
 * {@code converged() == true}, when an iteration lowers it by no more than {@code tolerance} times its previous
 * value.
 *
 * <p>Rows are solved in fixed chunks of {@value #CHUNK} on {@code threads} threads, and the Gram matrices and
 * the loss are sums of per-chunk partials added in chunk order, so the model is bit-identical for every thread
 * count. Memory O((customers + items) k + threads k^2).
 *
 * <p>Defaults (64 factors, l2 1, alpha 3, 15 iterations) come from a small grid on Online Retail (train before
 * 2011-11-01, {@link InteractionMatrix.Weighting#LOG} weights, recall@10 of the next five weeks): alpha 1 to 3
 * beat 10 to 40 (the paper's 40 suits their TV-watching times, larger than purchase counts), and l2 from 0.1 to 10
 * changed recall by less than 0.002.
 *
 * <p>{@code ImplicitAls.builder().factors(64).l2(1).alpha(3).iterations(15).threads(2).build().fit(matrix)}.
 * Instances are immutable and safe for concurrent use; null is never accepted or returned.
 */
public final class ImplicitAls {
    /** How each row's least-squares system is solved. */
    public enum Solver {
        /** Exact solve by Cholesky factorization of the k x k system. */
        CHOLESKY,
        /**
         * {@code cgSteps} conjugate-gradient steps started from the current row (Takacs et al. 2011), rows
         * batched in blocks.
         */
        CONJUGATE_GRADIENT,
        /**
         * Customers with at most {@code factors} items solved exactly through the Woodbury identity, an n x n
         * system in their n items instead of the k x k one, in O(n^2 + n^3 / 6 + n k) once {@code Y B Y^T} is
         * tabulated; the other customers and every item by {@code cgSteps} conjugate-gradient steps as
         * {@link #CONJUGATE_GRADIENT}. With {@code l2ScaledByCount} (a regularization per row) every row is solved
         * by conjugate gradient. The default: each customer half-step is then at least as good as three
         * conjugate-gradient steps, so its loss is at or below theirs (issue 19).
         */
        WOODBURY
    }

    /** Rows per parallel chunk. */
    static final int CHUNK = 512;

    private static final Logger LOG = LoggerFactory.getLogger(ImplicitAls.class);
    private static final double INIT_SCALE = 0.01;
    /** The largest Java array this class allocates (factor arrays are one contiguous array per side). */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final int factors;
    private final double l2;
    private final boolean l2ScaledByCount;
    private final double alpha;
    private final int iterations;
    private final double tolerance;
    private final Solver solver;
    private final int cgSteps;
    private final long seed;
    private final int threads;

    private ImplicitAls(Builder b) {
        this.factors = b.factors;
        this.l2 = b.l2;
        this.l2ScaledByCount = b.l2ScaledByCount;
        this.alpha = b.alpha;
        this.iterations = b.iterations;
        this.tolerance = b.tolerance;
        this.solver = b.solver;
        this.cgSteps = b.cgSteps;
        this.seed = b.seed;
        this.threads = b.threads;
    }

    /**
     * Returns a new builder with the defaults listed on its setters.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the number of latent factors.
     *
     * @return factors
     */
    public int factors() {
        return factors;
    }

    /**
     * Returns the L2 regularization weight.
     *
     * @return l2
     */
    public double l2() {
        return l2;
    }

    /**
     * Returns whether the regularization of a row is scaled by its number of interactions (Spark's convention).
     *
     * @return l2ScaledByCount
     */
    public boolean l2ScaledByCount() {
        return l2ScaledByCount;
    }

    /**
     * Returns the confidence slope: {@code c = 1 + alpha r}.
     *
     * @return alpha
     */
    public double alpha() {
        return alpha;
    }

    /**
     * Returns the maximum number of iterations (one customer pass and one item pass each).
     *
     * @return iterations
     */
    public int iterations() {
        return iterations;
    }

    /**
     * Returns the relative loss decrease at or below which the fit stops.
     *
     * @return tolerance
     */
    public double tolerance() {
        return tolerance;
    }

    /**
     * Returns the row solver.
     *
     * @return solver
     */
    public Solver solver() {
        return solver;
    }

    /**
     * Returns the number of conjugate-gradient steps per row (used by {@link Solver#CONJUGATE_GRADIENT}).
     *
     * @return cgSteps
     */
    public int cgSteps() {
        return cgSteps;
    }

    /**
     * Returns the seed of the initialization.
     *
     * @return seed
     */
    public long seed() {
        return seed;
    }

    /**
     * Returns the number of threads of {@link #fit}.
     *
     * @return threads
     */
    public int threads() {
        return threads;
    }

    /**
     * Fits the factors. Pure: the same trainer and matrix give a bit-identical model. O(iterations cgSteps (nnz k
     * + (customers + items) k^2)) with {@link Solver#CONJUGATE_GRADIENT}, O(iterations (nnz k^2 + (customers +
     * items) k^3)) with {@link Solver#CHOLESKY}.
     *
     * @param matrix the training interactions (weights {@code r_ui}, positive by construction); not null. Not
     *     modified.
     * @return the fitted model
     * @throws IllegalArgumentException if the matrix has no entries: {@code "matrix non-zeros must be >= 1,
     *     found 0"}
     */
    public ImplicitAlsModel fit(InteractionMatrix matrix) {
        Objects.requireNonNull(matrix, "matrix");
        if (matrix.nonZeros() < 1) {
            throw new IllegalArgumentException("matrix non-zeros must be >= 1, found " + matrix.nonZeros());
        }
        int users = matrix.customers();
        int items = matrix.items();
        int k = factors;
        long cells = (long) Math.max(users, items) * k;
        if (cells > MAX_ARRAY) {
            throw new IllegalArgumentException("customers x factors must be <= " + MAX_ARRAY + ", found "
                    + cells + " (" + Math.max(users, items) + " x " + k + ")");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[users * k];
        double[] y = new double[items * k];
        for (int p = 0; p < x.length; p++) {
            x[p] = rnd.nextDouble() * INIT_SCALE;
        }
        for (int p = 0; p < y.length; p++) {
            y[p] = rnd.nextDouble() * INIT_SCALE;
        }
        double[] history = new double[iterations];
        int done = 0;
        boolean converged = false;
        try (ChunkRunner run = new ChunkRunner(threads, "recommend")) {
            Side rows = new Side(matrix.rowPtrRef(), matrix.colsRef(), matrix.valuesRef());
            Side cols = new Side(matrix.colPtrRef(), matrix.rowIdxRef(), matrix.colValuesRef());
            double[] gy = gram(run, y, items);
            while (done < iterations) {
                Thin thin = solver == Solver.WOODBURY ? thin(run, items, y, gy) : null;
                solveAll(run, rows, x, users, y, gy, thin, cols, items);
                double[] gx = gram(run, x, users);
                solveAll(run, cols, y, items, x, gx, null, rows, users);
                gy = gram(run, y, items);
                double loss = loss(run, rows, x, users, y, gx, gy) + penalty(run, cols, y, items);
                history[done++] = loss;
                LOG.debug("implicit ALS iteration {}: loss {}", done, loss);
                if (done > 1 && history[done - 2] - loss <= tolerance * Math.abs(history[done - 2])) {
                    converged = true;
                    break;
                }
            }
        }
        double[] lossHistory = Arrays.copyOf(history, done);
        LOG.info("implicit ALS: {} customers, {} items, {} factors, {} iterations, loss {}, converged {}", users,
                items, k, done, lossHistory[done - 1], converged);
        PopularityModel popularity = Popularity.builder().build().fit(matrix);
        return new ImplicitAlsModel(Provenance.notRecorded(), matrix, k, x, y, lossHistory, converged, popularity)
                .withProvenance(Provenance.builder(this).rows(matrix.customers())
                        .dataFingerprint(Provenance.fingerprint(matrix.values()))
                        .iterations(lossHistory.length, converged).objectiveHistory(lossHistory).build());
    }

    /** One side of the matrix in compressed form: the rows being solved and their entries. */
    private static final class Side {
        final int[] ptr;
        final int[] idx;
        final double[] val;

        Side(int[] ptr, int[] idx, double[] val) {
            this.ptr = ptr;
            this.idx = idx;
            this.val = val;
        }
    }

    /** F^T F (k x k, full) as chunk partials summed in chunk order. */
    private double[] gram(ChunkRunner run, double[] f, int rows) {
        int k = factors;
        List<double[]> parts = run.map(rows, CHUNK * 8, (from, to) -> {
            double[] g = new double[k * k];
            for (int r = from; r < to; r++) {
                int off = r * k;
                for (int a = 0; a < k; a++) {
                    double fa = f[off + a];
                    if (fa == 0.0) {
                        continue;
                    }
                    int ga = a * k;
                    for (int b = 0; b <= a; b++) {
                        g[ga + b] += fa * f[off + b];
                    }
                }
            }
            return g;
        });
        double[] g = new double[k * k];
        for (double[] p : parts) {
            for (int q = 0; q < g.length; q++) {
                g[q] += p[q];
            }
        }
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < a; b++) {
                g[b * k + a] = g[a * k + b];
            }
        }
        return g;
    }

    /**
     * Solves every row of {@code target} given the other side's factors {@code f} and their Gram matrix;
     * {@code other} is the same matrix seen from the other side ({@code others} rows). {@code thin} not null
     * ({@link Solver#WOODBURY}, customer side): rows of at most k entries are solved exactly by the Woodbury
     * identity (and the side is not solved in lockstep, {@link #streamed}).
     */
    private void solveAll(ChunkRunner run, Side side, double[] target, int rows, double[] f, double[] gram, Thin thin,
            Side other, int others) {
        int k = factors;
        if (solver != Solver.CHOLESKY && thin == null && streamed(rows, others, k)) {
            conjugateGradientStreamed(run, side, target, rows, f, gram, other, others);
            return;
        }
        // Each row's solve reads only its own entries, so the chunk size does not change any result: a side with
        // few rows (items: hundreds of rows of tens of thousands of entries each) is cut into blocks so that
        // every thread gets work.
        int size = rows < 16 * CHUNK ? BLOCK : CHUNK;
        run.map(rows, size, (from, to) -> {
            if (solver != Solver.CHOLESKY) {
                // Blocks of BLOCK rows in index order; with thin != null the rows that the Woodbury identity
                // solves exactly are left out of them.
                Block w = new Block(k);
                int n = 0;
                for (int u = from; u < to; u++) {
                    int s = side.ptr[u];
                    int e = side.ptr[u + 1];
                    if (thin != null && e > s && e - s <= k && AlsKernels.woodbury(side.idx, side.val, s, e, f,
                            thin.w, thin.table, others, k, alpha, w.m, w.z, target, u * k)) {
                        continue;
                    }
                    w.ids[n++] = u;
                    if (n == BLOCK) {
                        conjugateGradient(side, n, f, gram, target, w);
                        n = 0;
                    }
                }
                if (n > 0) {
                    conjugateGradient(side, n, f, gram, target, w);
                }
                return null;
            }
            double[] a = new double[k * k];
            double[] b = new double[k];
            double[] z = new double[k];
            for (int u = from; u < to; u++) {
                int s = side.ptr[u];
                int e = side.ptr[u + 1];
                int off = u * k;
                if (s == e) {
                    Arrays.fill(target, off, off + k, 0.0);
                    continue;
                }
                cholesky(side, s, e, f, gram, regularization(e - s), a, b, z, target, off);
            }
            return null;
        });
    }

    private double regularization(int count) {
        return l2ScaledByCount ? l2 * count : l2;
    }

    private void cholesky(Side side, int s, int e, double[] f, double[] gram, double reg, double[] a, double[] b,
            double[] z, double[] target, int off) {
        int k = factors;
        System.arraycopy(gram, 0, a, 0, k * k);
        Arrays.fill(b, 0.0);
        for (int d = 0; d < k; d++) {
            a[d * k + d] += reg;
        }
        // A += sum over entries of (c - 1) y y^T on the lower triangle, four entries per pass over A (register
        // blocking: a quarter of the loads and stores of A, which dominate), then the remainder one by one.
        int q = s;
        for (; q + 4 <= e; q += 4) {
            int f0 = side.idx[q] * k;
            int f1 = side.idx[q + 1] * k;
            int f2 = side.idx[q + 2] * k;
            int f3 = side.idx[q + 3] * k;
            double w0 = alpha * side.val[q];
            double w1 = alpha * side.val[q + 1];
            double w2 = alpha * side.val[q + 2];
            double w3 = alpha * side.val[q + 3];
            for (int i = 0; i < k; i++) {
                double a0 = w0 * f[f0 + i];
                double a1 = w1 * f[f1 + i];
                double a2 = w2 * f[f2 + i];
                double a3 = w3 * f[f3 + i];
                b[i] += (a0 + f[f0 + i]) + (a1 + f[f1 + i]) + (a2 + f[f2 + i]) + (a3 + f[f3 + i]);
                int ai = i * k;
                for (int j = 0; j <= i; j++) {
                    a[ai + j] += a0 * f[f0 + j] + a1 * f[f1 + j] + a2 * f[f2 + j] + a3 * f[f3 + j];
                }
            }
        }
        for (; q < e; q++) {
            int fo = side.idx[q] * k;
            double w = alpha * side.val[q];
            for (int i = 0; i < k; i++) {
                double fi = f[fo + i];
                double wf = w * fi;
                b[i] += wf + fi;
                int ai = i * k;
                for (int j = 0; j <= i; j++) {
                    a[ai + j] += wf * f[fo + j];
                }
            }
        }
        // A = L L^T in place, then L z = b and L^T x = z (the library's textbook kernel, Cholesky#decompose).
        int bad = Cholesky.decompose(a, k, z);
        if (bad >= 0) {
            throw new IllegalStateException("normal equations of row " + off / k + " must be positive definite, found pivot "
                    + z[0] + " at factor " + (bad + 1));
        }
        Cholesky.forward(a, k, b, z);
        Cholesky.backward(a, k, z, target, off);
    }

    /** Items at most this many: {@code Y B Y^T} is tabulated (8 MB at most) for the Woodbury solves. */
    static final int TABLE_ITEMS = 1024;

    /**
     * What the Woodbury solves of one customer half-step share: the rows {@code w_j = B y_j} with
     * {@code B = (Y^T Y + l2 I)^-1}, and {@code Y B Y^T} ({@code table}, items x items) when there are at most
     * {@value #TABLE_ITEMS} items, else null.
     */
    private static final class Thin {
        final double[] w;
        final double[] table;

        Thin(double[] w, double[] table) {
            this.w = w;
            this.table = table;
        }
    }

    /**
     * The shared part of the Woodbury solves given the item factors y and their Gram matrix, from the
     * eigen-decomposition {@code Y^T Y = Q diag(lambda) Q^T} ({@link AlsKernels#eigen}); null (every row by
     * conjugate gradient) with {@code l2ScaledByCount}, whose regularization differs per row, or when the
     * decomposition fails. Rows of items in chunks; each cell is computed alone, so the thread count does not
     * change it.
     */
    private Thin thin(ChunkRunner run, int items, double[] y, double[] gy) {
        int k = factors;
        if (l2ScaledByCount) {
            return null;
        }
        double[][] eigen = AlsKernels.eigen(gy, k);
        if (eigen == null) {
            return null;
        }
        double[] w = new double[items * k];
        double[] yq = new double[items * k];
        run.map(items, BLOCK, (from, to) -> {
            AlsKernels.turned(y, from, to, eigen[0], k, yq);
            AlsKernels.inverseRows(yq, from, to, eigen[0], eigen[1], l2, k, w);
            return null;
        });
        if (items > TABLE_ITEMS) {
            return new Thin(w, null);
        }
        double[] table = new double[items * items];
        run.map(items, BLOCK, (from, to) -> {
            for (int a = from; a < to; a++) {
                for (int b = 0; b <= a; b++) {
                    table[a * items + b] = Dot.product(y, a * k, w, b * k, k);
                }
            }
            return null;
        });
        for (int a = 0; a < items; a++) {
            for (int b = 0; b < a; b++) {
                table[b * items + a] = table[a * items + b];
            }
        }
        return new Thin(w, table);
    }

    /** Rows of one batched conjugate-gradient block. */
    static final int BLOCK = 64;

    /** Work arrays of one chunk's conjugate-gradient blocks: BLOCK rows of k each, row-major. */
    private static final class Block {
        final double[] x;
        final double[] r;
        final double[] p;
        final double[] ap;
        final double[] reg = new double[BLOCK];
        final int[] ids = new int[BLOCK];
        final double[] m;
        final double[] z;
        final double[] rs = new double[BLOCK];
        final boolean[] active = new boolean[BLOCK];
        final double[] t0;
        final double[] t1;
        final double[] t2;
        final double[] t3;

        Block(int k) {
            x = new double[BLOCK * k];
            r = new double[BLOCK * k];
            p = new double[BLOCK * k];
            ap = new double[BLOCK * k];
            t0 = new double[k];
            t1 = new double[k];
            t2 = new double[k];
            t3 = new double[k];
            m = new double[k * k];
            z = new double[k];
        }
    }

    /**
     * {@code cgSteps} conjugate-gradient steps (Takacs et al. 2011) on the n rows {@code w.ids[0..n)} at once (in
     * increasing order; consecutive rows unless {@link Solver#WOODBURY} solved some in between), each row
     * started from its current factors. Per row this is the textbook iteration on
     * {@code A_u = G + reg_u I + sum_i (c_ui - 1) y_i y_i^T}, {@code b_u = sum_i c_ui y_i}; the rows are only
     * batched so that the products with the shared Gram matrix {@code G} become one block x G matrix product
     * per step ({@link #multiply}) instead of one k x k matrix-vector product per row. A row stops early when its
     * residual vanishes ({@code r.r <= 1e-20}) or its curvature {@code p.A p} is not positive, exactly as the
     * row-by-row form does. Rows without entries get zero factors.
     */
    private void conjugateGradient(Side side, int n, double[] f, double[] gram, double[] target, Block w) {
        int k = factors;
        int[] ids = w.ids;
        for (int b = 0; b < n; b++) {
            System.arraycopy(target, ids[b] * k, w.x, b * k, k);
        }
        for (int b = 0; b < n; b++) {
            int count = side.ptr[ids[b] + 1] - side.ptr[ids[b]];
            w.reg[b] = regularization(count);
            w.active[b] = count > 0;
        }
        // r = b - A x, with A x = (G + reg I) x + sum_i (c_i - 1)(y_i . x) y_i and b = sum_i c_i y_i.
        multiply(gram, w.x, w.reg, n, w.r, w);
        for (int b = 0; b < n; b++) {
            int off = b * k;
            double[] r = w.r;
            for (int i = 0; i < k; i++) {
                r[off + i] = -r[off + i];
            }
            for (int q = side.ptr[ids[b]]; q < side.ptr[ids[b] + 1]; q++) {
                int fo = side.idx[q] * k;
                double c = 1.0 + alpha * side.val[q];
                double coef = c - (c - 1.0) * Dot.product(f, fo, w.x, off, k);
                for (int i = 0; i < k; i++) {
                    r[off + i] += coef * f[fo + i];
                }
            }
            System.arraycopy(r, off, w.p, off, k);
            w.rs[b] = Dot.product(r, off, r, off, k);
            w.active[b] &= w.rs[b] > 1e-20;
        }
        for (int step = 0; step < cgSteps; step++) {
            boolean any = false;
            for (int b = 0; b < n; b++) {
                any |= w.active[b];
            }
            if (!any) {
                break;
            }
            multiply(gram, w.p, w.reg, n, w.ap, w);
            for (int b = 0; b < n; b++) {
                if (!w.active[b]) {
                    continue;
                }
                int off = b * k;
                double[] p = w.p;
                double[] ap = w.ap;
                for (int q = side.ptr[ids[b]]; q < side.ptr[ids[b] + 1]; q++) {
                    int fo = side.idx[q] * k;
                    double d = alpha * side.val[q] * Dot.product(f, fo, p, off, k);
                    for (int i = 0; i < k; i++) {
                        ap[off + i] += d * f[fo + i];
                    }
                }
                double pap = Dot.product(p, off, ap, off, k);
                if (!(pap > 0)) {
                    w.active[b] = false;
                    continue;
                }
                double step1 = w.rs[b] / pap;
                double[] x = w.x;
                double[] r = w.r;
                for (int i = 0; i < k; i++) {
                    x[off + i] += step1 * p[off + i];
                    r[off + i] -= step1 * ap[off + i];
                }
                double rsNew = Dot.product(r, off, r, off, k);
                double beta = rsNew / w.rs[b];
                for (int i = 0; i < k; i++) {
                    p[off + i] = r[off + i] + beta * p[off + i];
                }
                w.rs[b] = rsNew;
                w.active[b] = rsNew > 1e-20;
            }
        }
        for (int b = 0; b < n; b++) {
            if (side.ptr[ids[b] + 1] == side.ptr[ids[b]]) {
                Arrays.fill(w.x, b * k, (b + 1) * k, 0.0);
            }
        }
        for (int b = 0; b < n; b++) {
            System.arraycopy(w.x, b * k, target, ids[b] * k, k);
        }
    }

    /**
     * Most factor cells of a side solved in lockstep by {@link #conjugateGradientStreamed}: each chunk of the
     * other side keeps one partial of this size (2 MB), and all of them fit in cache while the other side streams.
     */
    static final int STREAM_CELLS = 1 << 18;

    /** The most partials of one streamed pass (fixed, so that the sums do not depend on the thread count). */
    static final int STREAM_PARTS = 32;

    /**
     * Whether a side of {@code rows} rows is solved in lockstep: a few rows (items, typically) with many entries
     * each, whose factors fit in cache, against a larger other side.
     */
    static boolean streamed(int rows, int others, int k) {
        return (long) rows * k <= STREAM_CELLS && rows < others;
    }

    /**
     * The same {@code cgSteps} conjugate-gradient steps as {@link #conjugateGradient}, for every row of a short
     * side at once (issue 19). Row by row, each of the side's rows (an item bought by 42,000 of 1 M customers)
     * walks its entries' factor rows of the other side once per product, so one pass reads the other side's
     * factors once per entry (8.6 GB at 1 M customers for 512 MB of factors). Here all rows advance in lockstep
     * and each product with the entries, {@code sum_e coef_e f_o(e)} with {@code coef_e} a function of
     * {@code f_o(e) . v_row(e)}, is one pass over the other side in its own compressed order: each of its factor
     * rows is read once and used for all its entries, against this side's vectors held in cache. The sums are
     * per fixed chunk of the other side ({@link #STREAM_PARTS} at most, whatever the thread count) added in chunk
     * order, so the result is bit-identical for every thread count. The iteration per row is that of
     * {@link #conjugateGradient}, rows stopping at the same tests.
     */
    private void conjugateGradientStreamed(ChunkRunner run, Side side, double[] target, int rows, double[] f,
            double[] gram, Side other, int others) {
        int k = factors;
        int cells = rows * k;
        double[] x = Arrays.copyOf(target, cells);
        double[] r = new double[cells];
        double[] p = new double[cells];
        double[] ap = new double[cells];
        double[] reg = new double[rows];
        double[] rs = new double[rows];
        boolean[] active = new boolean[rows];
        for (int u = 0; u < rows; u++) {
            int count = side.ptr[u + 1] - side.ptr[u];
            reg[u] = regularization(count);
            active[u] = count > 0;
        }
        // r = b - A x = -(G + reg I) x + sum over entries of (c - (c - 1) f_o . x) f_o.
        products(run, gram, x, reg, rows, r);
        for (int q = 0; q < cells; q++) {
            r[q] = -r[q];
        }
        double[] sums = stream(run, other, others, f, x, rows, true);
        for (int u = 0; u < rows; u++) {
            int off = u * k;
            for (int i = 0; i < k; i++) {
                r[off + i] += sums[off + i];
            }
            System.arraycopy(r, off, p, off, k);
            rs[u] = Dot.product(r, off, r, off, k);
            active[u] &= rs[u] > 1e-20;
        }
        for (int step = 0; step < cgSteps; step++) {
            boolean any = false;
            for (int u = 0; u < rows; u++) {
                any |= active[u];
            }
            if (!any) {
                break;
            }
            products(run, gram, p, reg, rows, ap);
            sums = stream(run, other, others, f, p, rows, false);
            for (int u = 0; u < rows; u++) {
                if (!active[u]) {
                    continue;
                }
                int off = u * k;
                for (int i = 0; i < k; i++) {
                    ap[off + i] += sums[off + i];
                }
                double pap = Dot.product(p, off, ap, off, k);
                if (!(pap > 0)) {
                    active[u] = false;
                    continue;
                }
                double step1 = rs[u] / pap;
                for (int i = 0; i < k; i++) {
                    x[off + i] += step1 * p[off + i];
                    r[off + i] -= step1 * ap[off + i];
                }
                double rsNew = Dot.product(r, off, r, off, k);
                double beta = rsNew / rs[u];
                for (int i = 0; i < k; i++) {
                    p[off + i] = r[off + i] + beta * p[off + i];
                }
                rs[u] = rsNew;
                active[u] = rsNew > 1e-20;
            }
        }
        for (int u = 0; u < rows; u++) {
            if (side.ptr[u + 1] == side.ptr[u]) {
                Arrays.fill(x, u * k, (u + 1) * k, 0.0);
            }
        }
        System.arraycopy(x, 0, target, 0, cells);
    }

    /** out[u] = reg[u] v[u] + G v[u] for every row, in blocks of {@value #BLOCK} rows on the chunk runner. */
    private void products(ChunkRunner run, double[] gram, double[] v, double[] reg, int rows, double[] out) {
        int k = factors;
        run.map(rows, BLOCK, (from, to) -> {
            Block w = new Block(k);
            int n = to - from;
            System.arraycopy(v, from * k, w.x, 0, n * k);
            System.arraycopy(reg, from, w.reg, 0, n);
            multiply(gram, w.x, w.reg, n, w.ap, w);
            System.arraycopy(w.ap, 0, out, from * k, n * k);
            return null;
        });
    }

    /**
     * One pass over the other side: for every entry (o, u) with weight r, s = f_o . v_u and coef = c - (c - 1) s
     * (the residual, {@code residual} true) or alpha r s (a product with A); returns sum over entries of coef f_o
     * per row u ({@code rows} x k), summed per fixed chunk of the other side and the chunks added in order.
     */
    private double[] stream(ChunkRunner run, Side other, int others, double[] f, double[] v, int rows,
            boolean residual) {
        int k = factors;
        int cells = rows * k;
        int size = Math.max(CHUNK, (others + STREAM_PARTS - 1) / STREAM_PARTS);
        List<double[]> parts = run.map(others, size, (from, to) -> {
            double[] acc = new double[cells];
            AlsKernels.entries(other.ptr, other.idx, other.val, from, to, f, v, k, alpha, residual, acc);
            return acc;
        });
        double[] sum = parts.get(0);
        for (int c = 1; c < parts.size(); c++) {
            double[] part = parts.get(c);
            for (int q = 0; q < cells; q++) {
                sum[q] += part[q];
            }
        }
        return sum;
    }

    /**
     * out[b] = reg[b] v[b] + G v[b] for the n rows of the block v (row-major, k columns), G symmetric k x k: a
     * block x G matrix product, four rows per pass over G. Each output element adds {@code v[b][j] G[j][i]} in
     * increasing j after {@code reg[b] v[b][i]}, whatever the grouping of the rows, so a row's result does not
     * depend on its neighbours. The four rows accumulate in separate arrays so that the JIT vectorizes the inner
     * loop.
     */
    private void multiply(double[] g, double[] v, double[] reg, int n, double[] out, Block w) {
        AlsKernels.multiply(g, v, reg, n, factors, out, w.t0, w.t1, w.t2, w.t3);
    }

    /**
     * The data term of the loss plus the customers' penalty: sum over customers of x^T G_y x (every cell as if
     * empty), which is trace(G_x G_y) = sum of the elementwise products of the two Gram matrices (O(k^2) instead of
     * one k x k product per customer, issue 19), corrected on each entry by c (1 - s)^2 - s^2, with s = x . y.
     */
    private double loss(ChunkRunner run, Side side, double[] x, int rows, double[] y, double[] gx, double[] gy) {
        int k = factors;
        List<Double> parts = run.map(rows, CHUNK, (from, to) -> {
            double total = 0.0;
            for (int u = from; u < to; u++) {
                int off = u * k;
                double norm = 0.0;
                for (int i = 0; i < k; i++) {
                    double xi = x[off + i];
                    norm += xi * xi;
                }
                double data = 0.0;
                for (int q = side.ptr[u]; q < side.ptr[u + 1]; q++) {
                    double s = Dot.product(x, off, y, side.idx[q] * k, k);
                    double c = 1.0 + alpha * side.val[q];
                    data += c * (1.0 - s) * (1.0 - s) - s * s;
                }
                total += data + regularization(side.ptr[u + 1] - side.ptr[u]) * norm;
            }
            return total;
        });
        double sum = 0.0;
        for (int q = 0; q < gx.length; q++) {
            sum += gx[q] * gy[q];
        }
        for (double p : parts) {
            sum += p;
        }
        return sum;
    }

    /** The items' penalty: l2 s_i ||y_i||^2 summed. */
    private double penalty(ChunkRunner run, Side side, double[] y, int rows) {
        int k = factors;
        List<Double> parts = run.map(rows, CHUNK * 8, (from, to) -> {
            double total = 0.0;
            for (int i = from; i < to; i++) {
                double norm = 0.0;
                for (int t = i * k; t < (i + 1) * k; t++) {
                    norm += y[t] * y[t];
                }
                total += regularization(side.ptr[i + 1] - side.ptr[i]) * norm;
            }
            return total;
        });
        double sum = 0.0;
        for (double p : parts) {
            sum += p;
        }
        return sum;
    }

    /**
     * Returns a builder holding this trainer's settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder().factors(factors).l2(l2).l2ScaledByCount(l2ScaledByCount).alpha(alpha)
                .iterations(iterations).tolerance(tolerance).solver(solver).cgSteps(cgSteps).seed(seed)
                .threads(threads);
    }

    @Override
    public String toString() {
        return "ImplicitAls{factors=" + factors + ", l2=" + l2 + ", l2ScaledByCount=" + l2ScaledByCount + ", alpha="
                + alpha + ", iterations=" + iterations + ", tolerance=" + tolerance + ", solver=" + solver
                + ", cgSteps=" + cgSteps + ", seed=" + seed + ", threads=" + threads + "}";
    }

    /** Builder of {@link ImplicitAls}. Mutable and single-threaded; {@link #build} does not change it. */
    public static final class Builder {
        private int factors = 64;
        private double l2 = 1.0;
        private boolean l2ScaledByCount;
        private double alpha = 3.0;
        private int iterations = 15;
        private double tolerance = 1e-4;
        private Solver solver = Solver.WOODBURY;
        private int cgSteps = 3;
        private long seed = 42;
        private int threads = 1;

        private Builder() {
        }

        /**
         * Sets the number of latent factors {@code k}. Default 64.
         *
         * @param factors at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code factors < 1}
         */
        public Builder factors(int factors) {
            ParamChecks.atLeast("factors", factors, 1);
            this.factors = factors;
            return this;
        }

        /**
         * Sets the L2 regularization weight. Default 1 (with {@code alpha} 3, the best of a small grid on Online Retail,
         * see the class comment).
         *
         * @param l2 finite and &gt; 0 (so that every row system is positive definite)
         * @return this builder
         * @throws IllegalArgumentException if {@code l2} is not finite and positive
         */
        public Builder l2(double l2) {
            ParamChecks.positive("l2", l2);
            this.l2 = l2;
            return this;
        }

        /**
         * Sets whether a row's regularization is {@code l2} times its number of interactions (Spark MLlib's
         * convention) rather than {@code l2} (the paper's and the {@code implicit} library's). Default false.
         *
         * @param l2ScaledByCount true for Spark's scaling
         * @return this builder
         */
        public Builder l2ScaledByCount(boolean l2ScaledByCount) {
            this.l2ScaledByCount = l2ScaledByCount;
            return this;
        }

        /**
         * Sets the confidence slope in {@code c = 1 + alpha r}. Default 3.
         *
         * @param alpha finite and &gt; 0
         * @return this builder
         * @throws IllegalArgumentException if {@code alpha} is not finite and positive
         */
        public Builder alpha(double alpha) {
            ParamChecks.positive("alpha", alpha);
            this.alpha = alpha;
            return this;
        }

        /**
         * Sets the maximum number of iterations. Default 15.
         *
         * @param iterations at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code iterations < 1}
         */
        public Builder iterations(int iterations) {
            ParamChecks.atLeast("iterations", iterations, 1);
            this.iterations = iterations;
            return this;
        }

        /**
         * Sets the relative loss decrease at or below which the fit stops early. Default 1e-4; 0 stops only when
         * the loss stops falling.
         *
         * @param tolerance finite and at least 0
         * @return this builder
         * @throws IllegalArgumentException if {@code tolerance} is negative or not finite
         */
        public Builder tolerance(double tolerance) {
            ParamChecks.nonNegative("tolerance", tolerance);
            this.tolerance = tolerance;
            return this;
        }

        /**
         * Sets the row solver. Default {@link Solver#WOODBURY} (customers of at most {@code factors} items exact,
         * other rows three conjugate-gradient steps; {@link Solver#CONJUGATE_GRADIENT} for conjugate gradient
         * everywhere, {@link Solver#CHOLESKY} for exact row solves everywhere).
         *
         * @param solver the solver; not null
         * @return this builder
         */
        public Builder solver(Solver solver) {
            this.solver = Objects.requireNonNull(solver, "solver");
            return this;
        }

        /**
         * Sets the conjugate-gradient steps per row for {@link Solver#CONJUGATE_GRADIENT}. Default 3.
         *
         * @param cgSteps at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code cgSteps < 1}
         */
        public Builder cgSteps(int cgSteps) {
            ParamChecks.atLeast("cgSteps", cgSteps, 1);
            this.cgSteps = cgSteps;
            return this;
        }

        /**
         * Sets the seed of the initialization. Default 42.
         *
         * @param seed any value
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the number of threads of {@link ImplicitAls#fit}. Default 1.
         *
         * @param threads at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code threads < 1}
         */
        public Builder threads(int threads) {
            ParamChecks.threads(threads);
            this.threads = threads;
            return this;
        }

        /**
         * Builds the trainer.
         *
         * @return a new trainer
         */
        public ImplicitAls build() {
            return new ImplicitAls(this);
        }
    }
}
