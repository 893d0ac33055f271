package dev.segmentation.churn;

import dev.segmentation.Provenance;
import dev.segmentation.internal.ParamChecks;
import java.util.Objects;

/**
 * What the dense and the sparse logistic regression models share: the intercept and coefficients, the fit record
 * (log-likelihood, objective and its history, iterations, convergence, rows) and their checks when a
 * model is rebuilt from a file. Not API: the public accessors are documented on each model.
 */
abstract class LogisticFitRecord {
    final double intercept;
    final double[] coefficients;
    private final double logLikelihood;
    private final double objective;
    private final int iterations;
    private final boolean converged;
    private final double[] objectiveHistory;
    private final int rows;

    LogisticFitRecord(double intercept, double[] coefficients, double logLikelihood, double objective,
            int iterations, boolean converged, double[] objectiveHistory, int rows) {
        this.intercept = intercept;
        this.coefficients = coefficients;
        this.logLikelihood = logLikelihood;
        this.objective = objective;
        this.iterations = iterations;
        this.converged = converged;
        this.objectiveHistory = objectiveHistory;
        this.rows = rows;
    }

    /** The copy a model makes of itself for {@code withProvenance}: the same values, arrays shared (never written). */
    LogisticFitRecord(LogisticFitRecord source) {
        this(source.intercept, source.coefficients, source.logLikelihood, source.objective,
                source.iterations, source.converged, source.objectiveHistory, source.rows);
    }

    /**
     * Checks the fit record of a model rebuilt from its parameters and returns a copy of the history.
     *
     * @throws IllegalArgumentException e.g. {@code "objectiveHistory[2] must be finite, found Infinity"}
     */
    static double[] checkRecord(String trainer, double intercept, double logLikelihood, double objective,
            int iterations, double[] objectiveHistory, int rows) {
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(objectiveHistory, "objectiveHistory");
        ParamChecks.finite("intercept", intercept);
        ParamChecks.finiteOrNaN("logLikelihood", logLikelihood);
        ParamChecks.finiteOrNaN("objective", objective);
        ParamChecks.atLeast("iterations", iterations, 0);
        ParamChecks.atLeast("rows", rows, 0);
        double[] h = objectiveHistory.clone();
        for (int i = 0; i < h.length; i++) {
            ParamChecks.finiteOrNaN("objectiveHistory[" + i + "]", h[i]);
        }
        return h;
    }

    /**
     * Returns the intercept {@code b} on the original scale.
     *
     * @return the intercept
     */
    public double intercept() {
        return intercept;
    }

    /**
     * Returns the coefficients {@code beta} on the original scale, in column order.
     *
     * @return a new array
     */
    public double[] coefficients() {
        return coefficients.clone();
    }

    /**
     * Returns the (weighted) log-likelihood of the training rows at the fitted coefficients, without the penalty.
     *
     * @return {@code sum_i w_i [y_i log p_i + (1 - y_i) log(1 - p_i)]}
     */
    public double logLikelihood() {
        return logLikelihood;
    }

    /**
     * Returns the minimized objective: the negative log-likelihood plus the L2 penalty.
     *
     * @return the penalized loss at the solution
     */
    public double objective() {
        return objective;
    }

    /**
     * Returns the objective at the start and after every accepted iteration on the full data; it never
     * increases.
     *
     * @return a copy of the history, length {@code iterations() + 1} or less when a step was rejected
     */
    public double[] objectiveHistory() {
        return objectiveHistory.clone();
    }

    /**
     * Returns the number of outer (Newton or L-BFGS) iterations on the full data.
     *
     * @return iterations
     */
    public int iterations() {
        return iterations;
    }

    /**
     * Tells whether the solver met its tolerance.
     *
     * @return true if converged
     */
    public boolean converged() {
        return converged;
    }

    /**
     * Returns the number of training rows.
     *
     * @return n
     */
    public int rows() {
        return rows;
    }

    /**
     * Returns how the model was made; each model documents it.
     *
     * @return the provenance
     */
    public abstract Provenance provenance();

    /**
     * Returns the trainer's description, {@link Provenance#description()} of {@link #provenance()}: its name and
     * settings ({@link LogisticRegression#toString()}) without {@code threads}.
     *
     * @return the hyperparameters the model was fitted with, or {@code "unknown"}
     */
    public String trainer() {
        return provenance().description();
    }
}
