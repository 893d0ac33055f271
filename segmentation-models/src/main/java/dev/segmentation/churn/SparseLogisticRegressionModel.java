package dev.segmentation.churn;

import dev.segmentation.InvalidDataException;
import dev.segmentation.internal.ParamChecks;
import dev.segmentation.features.SparseMatrix;
import java.util.Objects;

/**
 * A binary logistic regression fitted on sparse rows by {@link LogisticRegression#fit(SparseMatrix, int[])}:
 * {@code log-odds(x) = b + beta . x}, {@code P(y = 1 | x) = 1 / (1 + exp(-log-odds))}. Scores for ranking
 * and AUC are the log-odds, which never saturate.
 *
 * <p>Instances are immutable and safe for concurrent use: arrays are copied in and out. Null is never
 * accepted or returned.
 */
public final class SparseLogisticRegressionModel {
    private final String trainer;
    private final double intercept;
    private final double[] coefficients;
    private final double logLikelihood;
    private final double objective;
    private final int iterations;
    private final boolean converged;
    private final double[] objectiveHistory;
    private final int rows;

    SparseLogisticRegressionModel(String trainer, double intercept, double[] coefficients, double logLikelihood,
            double objective, int iterations, boolean converged, double[] objectiveHistory, int rows) {
        this.trainer = trainer;
        this.intercept = intercept;
        this.coefficients = coefficients;
        this.logLikelihood = logLikelihood;
        this.objective = objective;
        this.iterations = iterations;
        this.converged = converged;
        this.objectiveHistory = objectiveHistory;
        this.rows = rows;
    }

    /**
     * Rebuilds a fitted model from its parameters and fit record (as read by {@code dev.segmentation.persist}).
     *
     * @param trainer the trainer's description, not null
     * @param intercept the intercept {@code b}, finite
     * @param coefficients the coefficients {@code beta}, one per column, finite. Not modified.
     * @param logLikelihood the training log-likelihood, finite or NaN (not recorded)
     * @param objective the penalized objective at the optimum, finite or NaN
     * @param iterations the solver iterations, {@code >= 0}
     * @param converged whether the solver converged
     * @param objectiveHistory the objective per iteration, finite or NaN. Not modified.
     * @param rows the number of training rows, {@code >= 0}
     * @return the model
     * @throws IllegalArgumentException if a value breaks its constraint, e.g.
     *     {@code "coefficients[0] must be finite, found NaN"}
     */
    public static SparseLogisticRegressionModel of(String trainer, double intercept, double[] coefficients,
            double logLikelihood, double objective, int iterations, boolean converged, double[] objectiveHistory,
            int rows) {
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(coefficients, "coefficients");
        Objects.requireNonNull(objectiveHistory, "objectiveHistory");
        ParamChecks.finite("intercept", intercept);
        double[] beta = ParamChecks.finite("coefficients", coefficients, coefficients.length, "one per column");
        ParamChecks.finiteOrNaN("logLikelihood", logLikelihood);
        ParamChecks.finiteOrNaN("objective", objective);
        ParamChecks.atLeast("iterations", iterations, 0);
        ParamChecks.atLeast("rows", rows, 0);
        double[] h = objectiveHistory.clone();
        for (int i = 0; i < h.length; i++) {
            ParamChecks.finiteOrNaN("objectiveHistory[" + i + "]", h[i]);
        }
        return new SparseLogisticRegressionModel(trainer, intercept, beta, logLikelihood, objective, iterations,
                converged, h, rows);
    }

    /**
     * The intercept {@code b}.
     *
     * @return the intercept
     */
    public double intercept() {
        return intercept;
    }

    /**
     * The coefficient of every column (0 for the columns without a value in the training rows).
     *
     * @return a new array of length {@link #columns()}
     */
    public double[] coefficients() {
        return coefficients.clone();
    }

    /**
     * The number of columns the model scores.
     *
     * @return d
     */
    public int columns() {
        return coefficients.length;
    }

    /**
     * The log-odds {@code b + beta . x_i} of every row.
     *
     * @param x rows with {@link #columns()} columns, values finite. Not modified.
     * @return a new array, one score per row
     * @throws InvalidDataException if the column count differs or a value is not finite
     */
    public double[] predictLogOdds(SparseMatrix x) {
        Objects.requireNonNull(x, "x");
        if (x.columns() != coefficients.length) {
            throw new InvalidDataException("x must have " + coefficients.length + " columns, found " + x.columns());
        }
        int[] start = x.rowStart();
        int[] idx = x.indices();
        double[] val = x.values();
        double[] out = new double[x.rows()];
        for (int i = 0; i < out.length; i++) {
            double s = intercept;
            for (int k = start[i]; k < start[i + 1]; k++) {
                double v = val[k];
                if (!Double.isFinite(v)) {
                    throw new InvalidDataException("row " + i + ", column " + idx[k] + ": value must be finite, found "
                            + v, i, Integer.toString(idx[k]), null);
                }
                s += v * coefficients[idx[k]];
            }
            out[i] = s;
        }
        return out;
    }

    /**
     * The probability of label 1 for every row, {@code 1 / (1 + exp(-log-odds))}.
     *
     * @param x rows with {@link #columns()} columns. Not modified.
     * @return a new array of probabilities in [0, 1]
     * @throws InvalidDataException as {@link #predictLogOdds}
     */
    public double[] predictProbabilities(SparseMatrix x) {
        double[] s = predictLogOdds(x);
        for (int i = 0; i < s.length; i++) {
            s[i] = 1 / (1 + Math.exp(-s[i]));
        }
        return s;
    }

    /**
     * The predicted label of every row: 1 when the log-odds are positive, else 0.
     *
     * @param x rows with {@link #columns()} columns. Not modified.
     * @return a new array of 0/1 labels
     * @throws InvalidDataException as {@link #predictLogOdds}
     */
    public int[] predict(SparseMatrix x) {
        double[] s = predictLogOdds(x);
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i] > 0 ? 1 : 0;
        }
        return out;
    }

    /**
     * The log-likelihood of the training rows at the fitted coefficients (without the penalty).
     *
     * @return the log-likelihood
     */
    public double logLikelihood() {
        return logLikelihood;
    }

    /**
     * The penalized objective at the optimum.
     *
     * @return the objective
     */
    public double objective() {
        return objective;
    }

    /**
     * The penalized objective after every accepted step, starting with the initial point; never increasing.
     *
     * @return a new array
     */
    public double[] objectiveHistory() {
        return objectiveHistory.clone();
    }

    /**
     * The number of outer (Newton or L-BFGS) iterations.
     *
     * @return the iterations
     */
    public int iterations() {
        return iterations;
    }

    /**
     * Whether the solver met its tolerance.
     *
     * @return true if converged
     */
    public boolean converged() {
        return converged;
    }

    /**
     * The number of training rows.
     *
     * @return n
     */
    public int rows() {
        return rows;
    }

    /**
     * The trainer's description ({@link LogisticRegression#toString()}).
     *
     * @return the trainer
     */
    public String trainer() {
        return trainer;
    }

    @Override
    public String toString() {
        return "SparseLogisticRegressionModel{columns=" + coefficients.length + ", rows=" + rows + ", iterations="
                + iterations + ", converged=" + converged + ", trainer=" + trainer + "}";
    }
}
