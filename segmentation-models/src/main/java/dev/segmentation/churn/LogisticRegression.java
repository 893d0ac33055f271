package dev.segmentation.churn;

import dev.segmentation.InvalidDataException;
import dev.segmentation.Provenance;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.internal.ChunkRunner;
import dev.segmentation.internal.Internals;
import dev.segmentation.internal.ParamChecks;
import dev.segmentation.features.SparseMatrix;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binary logistic regression by penalized maximum likelihood: the trainer. Build one with {@link #builder()},
 * then {@link #fit(FeatureMatrix, int[])} returns an immutable {@link LogisticRegressionModel}.
 *
 * <h2>Objective</h2>
 * With row weights {@code w_i} (sample weight times the class weight of the label), labels {@code y_i} in
 * {0, 1} and {@code eta_i = b + beta . x_i}, the fit minimizes the penalized negative log-likelihood
 * <pre>
 *   F(b, beta) = sum_i w_i [log(1 + exp(eta_i)) - y_i eta_i] + (l2 / 2) sum_j (s_j beta_j)^2
 * </pre>
 * where the intercept {@code b} is never penalized and {@code s_j} is the (sample-weighted, population)
 * standard deviation of column j when {@link Builder#standardize(boolean) standardize} is on (the default),
 * else 1 (the penalty is on the coefficients as reported). {@code l2 = 1/C} reproduces scikit-learn's
 * {@code LogisticRegression(C=C)} (penalty {@code ||w||^2 / (2C)} on the summed loss) on the same columns;
 * {@code l2 = 0} is plain maximum likelihood, the textbook GLM fit (McCullagh and Nelder 1989, ch. 4).
 * Coefficients are always reported on the original scale of the columns.
 *
 * <h2>Algorithm</h2>
 * <ul>
 *   <li>{@link Solver#NEWTON}: Newton-Raphson (IRLS) with a Cholesky solve of the penalized Hessian and
 *   step halving (Armijo), so the penalized loss decreases at every accepted step. On data with more than
 *   {@link Builder#hessianRows(int) hessianRows} rows the Hessian is formed on an evenly spread subsample; the
 *   gradient and loss of every full iteration use every row, so the optimum is the same and only the
 *   convergence rate changes (sub-sampled Newton, Roosta-Khorasani and Mahoney 2019). Cost per iteration
 *   O(n d + m d^2 + d^3) for m Hessian rows.</li>
 *   <li>{@link Solver#LBFGS}: limited-memory BFGS (Nocedal and Wright 2006, algorithm 7.5, memory 10) with
 *   backtracking line search, for wide data; O(n d) per iteration.</li>
 *   <li>{@link Solver#AUTO} (default): Newton up to {@value #AUTO_NEWTON_MAX_COLUMNS} columns, else L-BFGS.</li>
 * </ul>
 * Both stop when the estimated distance to the optimum, half the Newton decrement {@code -g . step / 2},
 * is at most {@code tolerance * (1 + |F|)}, after taking that last step. {@link Builder#threads(int)} changes
 * speed, never a bit of the result.
 *
 * <h2>Sparse rows</h2>
 * {@link #fit(SparseMatrix, int[])} fits the same objective on CSR rows (hashed or counted n-grams, 2^18 to
 * 2^20 columns) through the same solver family: the loss, gradient and Hessian-vector products come from a
 * sparse design behind the same chunked loss abstraction as the dense one, {@link Solver#LBFGS} runs the same
 * L-BFGS, and {@link Solver#AUTO} / {@link Solver#NEWTON} run a matrix-free Newton-CG (the Hessian is never
 * formed). Columns are not standardized there and {@code l2 > 0} is required.
 *
 * <h2>Separation</h2>
 * Without a penalty the maximum-likelihood estimate does not exist when a combination of columns separates
 * the classes perfectly or quasi-perfectly (Albert and Anderson 1984): the coefficients grow without bound.
 * The fit then stops, reports {@link LogisticRegressionModel#separation()} {@code == true} and
 * {@code converged() == false}, and logs a warning; its coefficients are the last iterate and should not be
 * interpreted. The check: unpenalized, and either the Hessian became numerically singular after the first
 * step, or some rows are fitted within 1e-4 of their label while the last step still moved their linear
 * predictor by more than 0.1 (at a genuine optimum Newton steps shrink quadratically). Use {@code l2 > 0} for
 * such data.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * LogisticRegressionModel model = LogisticRegression.builder().l2(1.0).build().fit(x, y);
 * double pChurn = model.predictProbability(x.row(0, null));
 * CrossValidationResult cv = CrossValidation.stratified(x, y, 5, 42,
 *         (trainX, trainY, test) -> LogisticRegression.builder().l2(1.0).build()
 *                 .fit(trainX, trainY).predictProbabilities(test));
 * }</pre>
 * (region {@code logistic} of {@code SnippetsTest}; {@code CrossValidation} is in {@link dev.segmentation.eval}).
 *
 * <p>Instances are immutable and safe for concurrent use; {@code fit} is pure (no randomness is involved).
 * Null is never accepted or returned.
 */
public final class LogisticRegression implements ChurnTrainer {
    /** The widest data, in columns, for which {@link Solver#AUTO} chooses Newton. */
    public static final int AUTO_NEWTON_MAX_COLUMNS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(LogisticRegression.class);

    /** The optimization algorithm. */
    public enum Solver {
        /** Newton up to {@value LogisticRegression#AUTO_NEWTON_MAX_COLUMNS} columns, L-BFGS beyond. */
        AUTO,
        /** Newton-Raphson (IRLS) with Cholesky solves: few iterations, O(d^2) per row. */
        NEWTON,
        /** Limited-memory BFGS: more iterations, O(d) per row; for wide data. */
        LBFGS
    }

    private final double l2;
    private final boolean standardize;
    private final Solver solver;
    private final int maxIterations;
    private final double tolerance;
    private final int threads;
    private final double negativeWeight;
    private final double positiveWeight;
    private final int hessianRows;

    private LogisticRegression(Builder b) {
        this.l2 = b.l2;
        this.standardize = b.standardize;
        this.solver = b.solver;
        this.maxIterations = b.maxIterations;
        this.tolerance = b.tolerance;
        this.threads = b.threads;
        this.negativeWeight = b.negativeWeight;
        this.positiveWeight = b.positiveWeight;
        this.hessianRows = b.hessianRows;
    }

    /**
     * Returns a builder with the defaults: {@code l2 = 0}, standardize on, {@link Solver#AUTO}, 100 iterations,
     * tolerance 1e-8, 1 thread, class weights 1 and 1, 65,536 Hessian rows.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding this trainer's settings, to make a variant.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.l2 = l2;
        b.standardize = standardize;
        b.solver = solver;
        b.maxIterations = maxIterations;
        b.tolerance = tolerance;
        b.threads = threads;
        b.negativeWeight = negativeWeight;
        b.positiveWeight = positiveWeight;
        b.hessianRows = hessianRows;
        return b;
    }

    /**
     * Returns the L2 penalty strength.
     *
     * @return lambda, {@code >= 0}
     */
    public double l2() {
        return l2;
    }

    /**
     * Tells whether the penalty is measured on standardized columns.
     *
     * @return true if standardized
     */
    public boolean standardize() {
        return standardize;
    }

    /**
     * Returns the configured solver.
     *
     * @return the solver
     */
    public Solver solver() {
        return solver;
    }

    /**
     * Returns the thread count.
     *
     * @return threads, {@code >= 1}
     */
    public int threads() {
        return threads;
    }

    /**
     * Fits the model with unit sample weights.
     *
     * @param x the features, n x d, all finite. Not modified.
     * @param y the labels, length n, each 0 or 1, with both classes present. Not modified.
     * @return the fitted model
     * @throws InvalidDataException if a value is not finite, a label is not 0 or 1, the labels hold one class,
     *     the lengths disagree, or (when {@code l2 == 0}) there are no more rows than columns, a column is
     *     constant or the columns are linearly dependent; the message names the row, column and value
     */
    public LogisticRegressionModel fit(FeatureMatrix x, int[] y) {
        return fit(x, y, null);
    }

    /**
     * Fits the model with sample weights (frequency weights: weight 2 is the same as the row twice).
     *
     * @param x the features, n x d, all finite. Not modified.
     * @param y the labels, length n, each 0 or 1, with both classes present. Not modified.
     * @param sampleWeights the non-negative finite weight of each row, length n, or null for all 1.
     *     Not modified.
     * @return the fitted model
     * @throws InvalidDataException as {@link #fit(FeatureMatrix, int[])}, or if a weight is negative or not
     *     finite, or all weights are 0
     */
    public LogisticRegressionModel fit(FeatureMatrix x, int[] y, double[] sampleWeights) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        int n = x.rows();
        int p = x.columns();
        String[] names = x.names().toArray(new String[0]);
        if (y.length != n) {
            throw new InvalidDataException("y: length must be x.rows() = " + n + ", found " + y.length);
        }
        byte[] labels = labels(y, n);
        double[] rowWeights = null;
        if (sampleWeights != null) {
            if (sampleWeights.length != n) {
                throw new InvalidDataException("sampleWeights: length must be x.rows() = " + n + ", found "
                        + sampleWeights.length);
            }
            double total = 0;
            for (int i = 0; i < n; i++) {
                double v = sampleWeights[i];
                if (!(v >= 0) || !Double.isFinite(v)) {
                    throw new InvalidDataException("row " + i + ": sample weight must be finite and >= 0, found "
                            + v, i, "weight", null);
                }
                total += v;
            }
            if (!(total > 0)) {
                throw new InvalidDataException("sampleWeights: sum must be > 0, found " + total);
            }
        }
        if (sampleWeights != null || negativeWeight != 1.0 || positiveWeight != 1.0) {
            rowWeights = new double[n];
            for (int i = 0; i < n; i++) {
                rowWeights[i] = (sampleWeights == null ? 1.0 : sampleWeights[i])
                        * (labels[i] == 1 ? positiveWeight : negativeWeight);
            }
        }
        if (l2 == 0 && p + 1 > n) {
            throw new InvalidDataException("x: rows must be more than the columns when l2 = 0, found " + n
                    + " rows and " + p + " columns");
        }
        double[] data = Internals.data(x);
        try (ChunkRunner runner = new ChunkRunner(threads, "logistic")) {
            LogisticObjective obj = new LogisticObjective(data, n, p, labels, rowWeights, sampleWeights, names,
                    runner);
            if (l2 == 0) {
                for (int j = 0; j < p; j++) {
                    if (obj.constant[j]) {
                        throw new InvalidDataException("column " + names[j]
                                + ": values must not be constant when l2 = 0, found every value = " + data[j], -1,
                                names[j], null);
                    }
                }
            }
            return solve(obj, names, runner, null);
        }
    }

    /** Checks the class weights and runs the solvers on a dense objective (local or remote rows). */
    private LogisticRegressionModel solve(LogisticObjective obj, String[] names, ChunkRunner runner,
            String engine) {
        if (!(obj.positiveWeight > 0) || !(obj.weightSum - obj.positiveWeight > 0)) {
            throw new InvalidDataException("y: both classes must have positive total weight, found "
                    + (obj.weightSum - obj.positiveWeight) + " for 0 and " + obj.positiveWeight + " for 1");
        }
        LogisticRegressionModel model = new LogisticSolvers(this, obj, names, runner).run();
        Provenance.Builder provenance = Provenance.builder(this);
        if (engine != null) {
            provenance.setting("engine", engine);
        }
        return model.withProvenance(provenance.rows(obj.rows).columns(Arrays.asList(names))
                .iterations(model.iterations(), model.converged())
                .objectiveHistory(model.objectiveHistory()).build());
    }

    /**
     * Fits the model on dense rows held elsewhere, e.g. by Spark executors: the same objective, solvers and
     * stopping rules as {@link #fit(FeatureMatrix, int[], double[])}, with every data pass delegated to the
     * source ({@link LogisticChunks#moments} once, then {@link LogisticChunks#pass} per evaluation) and the
     * chunk results merged in chunk order on the calling thread. Over chunks of {@link LogisticStats#CHUNK_ROWS}
     * rows in the same order as a matrix, the result is bit-identical to the single-JVM fit of that matrix with
     * unit or integer weights (with fractional weights the total weights are summed per chunk instead of row by
     * row: the last bits of the starting intercept may differ, not the optimum); over other chunk sizes the
     * sums are rounded differently and the coefficients agree to the solver's tolerance (about 1e-10 relative
     * in practice). {@link Builder#threads(int) threads} does not apply.
     *
     * @param source the chunks of labelled rows; not null
     * @param engine what runs the chunks, recorded in the provenance as setting {@code engine} (e.g.
     *     {@code "spark"}); not null
     * @return the fitted model
     * @throws InvalidDataException as {@link #fit(FeatureMatrix, int[], double[])}, as thrown by the source
     */
    public LogisticRegressionModel fit(LogisticChunks source, String engine) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(engine, "engine");
        String[] names = source.names().toArray(new String[0]);
        int p = names.length;
        LogisticObjective obj = new LogisticObjective(source, negativeWeight, positiveWeight);
        if (obj.rows == 0) {
            throw new InvalidDataException("x: rows must be >= 1, found 0");
        }
        if (l2 == 0 && p + 1 > obj.rows) {
            throw new InvalidDataException("x: rows must be more than the columns when l2 = 0, found " + obj.rows
                    + " rows and " + p + " columns");
        }
        if (l2 == 0) {
            for (int j = 0; j < p; j++) {
                if (obj.constant[j]) {
                    throw new InvalidDataException("column " + names[j]
                            + ": values must not be constant when l2 = 0, found every value = " + obj.mu[j], -1,
                            names[j], null);
                }
            }
        }
        try (ChunkRunner runner = new ChunkRunner(1, "logistic")) {
            return solve(obj, names, runner, engine);
        }
    }

    /** Checks that there are rows and that the labels are 0 or 1 with both present; returns them as bytes. */
    private static byte[] labels(int[] y, int n) {
        if (n == 0) {
            throw new InvalidDataException("x: rows must be >= 1, found 0");
        }
        byte[] labels = new byte[n];
        int positives = 0;
        for (int i = 0; i < n; i++) {
            if (y[i] != 0 && y[i] != 1) {
                throw new InvalidDataException("row " + i + ": label must be 0 or 1, found " + y[i], i, "label",
                        null);
            }
            labels[i] = (byte) y[i];
            positives += y[i];
        }
        if (positives == 0 || positives == n) {
            throw new InvalidDataException("y: labels must contain both classes 0 and 1, found only " + y[0]
                    + " in " + n + " rows", -1, "label", null);
        }
        return labels;
    }

    /**
     * Fits the model on sparse rows (CSR), e.g. hashed or counted n-grams with 2^18 to 2^20 columns: the same
     * objective and solver family as the dense fit, over the sparse design. The penalty {@code l2} applies to
     * the coefficients as given ({@link Builder#standardize(boolean) standardize} does not apply: centring
     * would make the rows dense), so {@code l2 = 1/C} matches scikit-learn's {@code LogisticRegression(C=C)}
     * on the same matrix. Columns with no stored non-zero value in {@code x} get coefficient 0 exactly (their
     * gradient is zero and the penalty pulls them to 0) and are left out of the solve, so the cost follows the
     * columns actually used, not {@code x.columns()}.
     *
     * <p>{@link Solver#AUTO} and {@link Solver#NEWTON} run the matrix-free Newton-CG (truncated Newton with a
     * Jacobi-preconditioned conjugate gradient and step halving; the Hessian is never formed, each product
     * costs O(nnz + q)); {@link Solver#LBFGS} runs the same L-BFGS as the dense fit. Loss, gradient and
     * Hessian-vector products are sums over fixed chunks of rows merged in order, so
     * {@link Builder#threads(int)} never changes a bit of the result. The model scores log-odds.
     *
     * @param x the rows, n x d, values finite. Not modified.
     * @param y the labels, length n, each 0 or 1, with both classes present. Not modified.
     * @return the fitted model
     * @throws IllegalArgumentException if {@code l2 == 0} (without a penalty a sparse text design is
     *     typically separable and the estimate does not exist)
     * @throws InvalidDataException if a value is not finite, a label is not 0 or 1, the labels hold one class,
     *     or the lengths disagree; the message names the row, column and value
     */
    public SparseLogisticRegressionModel fit(SparseMatrix x, int[] y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (!(l2 > 0)) {
            throw new IllegalArgumentException("l2 must be > 0 for sparse rows, found " + l2);
        }
        int n = x.rows();
        int d = x.columns();
        if (y.length != n) {
            throw new InvalidDataException("y: length must be x.rows() = " + n + ", found " + y.length);
        }
        byte[] labels = labels(y, n);
        int[] rowStart = x.rowStart();
        int[] index = x.indices();
        double[] value = x.values();
        // compact the columns that hold a value: the others have coefficient exactly 0
        int[] compact = new int[d];
        Arrays.fill(compact, -1);
        int used = 0;
        for (int i = 0; i < n; i++) {
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                double v = value[k];
                if (!Double.isFinite(v)) {
                    throw new InvalidDataException("row " + i + ", column " + index[k]
                            + ": value must be finite, found " + v, i, Integer.toString(index[k]), null);
                }
                if (compact[index[k]] < 0) {
                    compact[index[k]] = used++;
                }
            }
        }
        int[] columnOf = new int[used];
        for (int c = 0; c < d; c++) {
            if (compact[c] >= 0) {
                columnOf[compact[c]] = c;
            }
        }
        for (int k = 0; k < index.length; k++) {
            index[k] = compact[index[k]];
        }
        double[] rowWeights = null;
        if (negativeWeight != 1.0 || positiveWeight != 1.0) {
            rowWeights = new double[n];
            for (int i = 0; i < n; i++) {
                rowWeights[i] = labels[i] == 1 ? positiveWeight : negativeWeight;
            }
        }
        SparseLogisticObjective obj = new SparseLogisticObjective(n, used, rowStart, index, value, labels,
                rowWeights);
        try (ChunkRunner runner = new ChunkRunner(threads, "logistic")) {
            LogisticSolvers fit = new LogisticSolvers(this, obj, runner);
            double[] theta = fit.runSparse();
            double[] beta = new double[d];
            for (int c = 0; c < used; c++) {
                beta[columnOf[c]] = theta[1 + c];
            }
            LOG.info("logistic regression fit (sparse): n={}, d={}, used columns={}, solver={}, iterations={},"
                    + " converged={}, objective={}", n, d, used, fit.newton ? "newton-cg" : "lbfgs", fit.iterations,
                    fit.converged, fit.lastF);
            return new SparseLogisticRegressionModel(Provenance.notRecorded(), theta[0], beta, -fit.last.loss,
                    fit.lastF, fit.iterations, fit.converged, Arrays.copyOf(fit.objectiveHistory, fit.historySize), n)
                    .withProvenance(Provenance.builder(this).rows(n).iterations(fit.iterations, fit.converged)
                            .objectiveHistory(Arrays.copyOf(fit.objectiveHistory, fit.historySize)).build());
        }
    }

    /** The iteration limit (for {@link LogisticSolvers}). */
    int maxIterations() {
        return maxIterations;
    }

    /** The convergence tolerance (for {@link LogisticSolvers}). */
    double tolerance() {
        return tolerance;
    }

    /** The Hessian subsample size, 0 for all rows (for {@link LogisticSolvers}). */
    int hessianRows() {
        return hessianRows;
    }

    /**
     * Lists every hyperparameter, e.g. {@code LogisticRegression{l2=1.0, standardize=true, solver=AUTO,
     * maxIterations=100, tolerance=1.0E-8, threads=1, classWeights=[1.0, 1.0], hessianRows=65536}}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "LogisticRegression{l2=" + l2 + ", standardize=" + standardize + ", solver=" + solver
                + ", maxIterations=" + maxIterations + ", tolerance=" + tolerance + ", threads=" + threads
                + ", classWeights=[" + negativeWeight + ", " + positiveWeight + "], hessianRows=" + hessianRows + "}";
    }

    /**
     * Builds a {@link LogisticRegression}. Mutable and not thread-safe; {@link #build()} does not change it.
     */
    public static final class Builder {
        private double l2 = 0;
        private boolean standardize = true;
        private Solver solver = Solver.AUTO;
        private int maxIterations = 100;
        private double tolerance = 1e-8;
        private int threads = 1;
        private double negativeWeight = 1;
        private double positiveWeight = 1;
        private int hessianRows = 65_536;

        private Builder() {
        }

        /**
         * Sets the L2 penalty {@code lambda} on the summed loss (the intercept is not penalized);
         * {@code lambda = 1/C} matches scikit-learn's {@code C}. Default 0 (maximum likelihood).
         *
         * @param lambda the strength, finite and {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if lambda is negative or not finite
         */
        public Builder l2(double lambda) {
            ParamChecks.nonNegative("l2", lambda);
            this.l2 = lambda;
            return this;
        }

        /**
         * Chooses whether the penalty is measured on standardized columns (default true) or on the coefficients
         * as reported. Has no effect when {@code l2 == 0}.
         *
         * @param standardize true to penalize standardized coefficients
         * @return this builder
         */
        public Builder standardize(boolean standardize) {
            this.standardize = standardize;
            return this;
        }

        /**
         * Sets the solver. Default {@link Solver#AUTO}.
         *
         * @param solver the solver; not null
         * @return this builder
         */
        public Builder solver(Solver solver) {
            this.solver = Objects.requireNonNull(solver, "solver");
            return this;
        }

        /**
         * Sets the maximum number of iterations on the full data. Default 100.
         *
         * @param maxIterations the limit, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder maxIterations(int maxIterations) {
            ParamChecks.atLeast("maxIterations", maxIterations, 1);
            this.maxIterations = maxIterations;
            return this;
        }

        /**
         * Sets the convergence tolerance: stop when half the Newton decrement is at most
         * {@code tolerance * (1 + |objective|)}. Default 1e-8.
         *
         * @param tolerance the tolerance, in {@code (0, 1)}
         * @return this builder
         * @throws IllegalArgumentException if out of range: {@code "tolerance must be in (0, 1), found 0.0"}
         */
        public Builder tolerance(double tolerance) {
            this.tolerance = ParamChecks.inOpenRange("tolerance", tolerance, 0, 1);
            return this;
        }

        /**
         * Sets the number of threads for the data passes. Default 1. Results do not depend on it.
         *
         * @param threads the thread count, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder threads(int threads) {
            ParamChecks.threads(threads);
            this.threads = threads;
            return this;
        }

        /**
         * Sets the class weights multiplying each row's weight by its label. Default 1 and 1. For balanced
         * weights use {@code n / (2 n_0)} and {@code n / (2 n_1)}.
         *
         * @param negative the weight of label 0, finite and {@code > 0}
         * @param positive the weight of label 1, finite and {@code > 0}
         * @return this builder
         * @throws IllegalArgumentException if a weight is not finite and positive
         */
        public Builder classWeights(double negative, double positive) {
            ParamChecks.positive("classWeights negative", negative);
            ParamChecks.positive("classWeights positive", positive);
            this.negativeWeight = negative;
            this.positiveWeight = positive;
            return this;
        }

        /**
         * Sets the most rows Newton uses to form the Hessian (expert option). With more rows, the Hessian comes
         * from every k-th block of 64 consecutive rows ({@code k = ceil(n / hessianRows)}) scaled by k, and the
         * fit is warm-started on a sparser block subsample; 0 means always every row (exact Newton). The optimum
         * does not change; unpenalized fits always compute the final Hessian (for standard errors) on every row.
         * Default 65,536.
         *
         * @param hessianRows the row budget, {@code 0} or {@code >= 1000}
         * @return this builder
         * @throws IllegalArgumentException if negative or between 1 and 999
         */
        public Builder hessianRows(int hessianRows) {
            if (hessianRows < 0 || hessianRows > 0 && hessianRows < 1000) {
                throw new IllegalArgumentException("hessianRows must be 0 or >= 1000, found " + hessianRows);
            }
            this.hessianRows = hessianRows;
            return this;
        }

        /**
         * Builds the trainer. The builder is not changed.
         *
         * @return the trainer
         */
        public LogisticRegression build() {
            return new LogisticRegression(this);
        }
    }
}
