package dev.segmentation.churn;

import dev.segmentation.InvalidDataException;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.internal.Internals;
import dev.segmentation.internal.ParamChecks;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.special.Erf;

/**
 * A fitted binary logistic regression: {@code P(y = 1 | x) = 1 / (1 + exp(-(b + beta . x)))}, with the
 * intercept {@code b} and coefficients {@code beta} on the original scale of the columns, made by
 * {@link LogisticRegression#fit}.
 *
 * <p>For an unpenalized fit that reached an optimum (no separation), it also carries the Wald inference of
 * maximum likelihood: the covariance of the estimates is the inverse of the Hessian of the negative
 * log-likelihood at the optimum (the observed Fisher information), standard errors are the square roots of
 * its diagonal, {@code z = estimate / se} and the two-sided p-value is {@code erfc(|z| / sqrt 2)}
 * (McCullagh and Nelder 1989, section 4.4; Agresti 2013, section 4.2). Odds ratios are {@code exp(beta_j)}:
 * the multiplicative change in the odds for one unit more of column j.
 *
 * <p>Instances are immutable and safe for concurrent use: arrays are copied in and out. Null is never
 * accepted or returned.
 */
public final class LogisticRegressionModel implements ChurnModel {
    private final String trainer;
    private final String[] names;
    private final double intercept;
    private final double[] coefficients;
    private final double[] covariance;
    private final double logLikelihood;
    private final double nullLogLikelihood;
    private final double objective;
    private final int iterations;
    private final boolean converged;
    private final boolean separation;
    private final double[] objectiveHistory;
    private final int rows;

    private LogisticRegressionModel(String trainer, String[] names, double intercept, double[] coefficients,
            double[] covariance, double logLikelihood, double nullLogLikelihood, double objective, int iterations,
            boolean converged, boolean separation, double[] objectiveHistory, int rows) {
        this.trainer = trainer;
        this.names = names;
        this.intercept = intercept;
        this.coefficients = coefficients;
        this.covariance = covariance;
        this.logLikelihood = logLikelihood;
        this.nullLogLikelihood = nullLogLikelihood;
        this.objective = objective;
        this.iterations = iterations;
        this.converged = converged;
        this.separation = separation;
        this.objectiveHistory = objectiveHistory;
        this.rows = rows;
    }

    /**
     * Maps a solution in standardized coordinates back to the original scale:
     * {@code beta_j = theta_j / sd_j}, {@code b = theta_0 - sum_j beta_j mu_j}, and the covariance by the
     * same linear map, {@code T C T^T}.
     */
    /**
     * Rebuilds a fitted model from its parameters and diagnostics (as read by {@code dev.segmentation.persist}),
     * checking them as a fit would have produced them.
     *
     * @param trainer the trainer's {@code toString}, not null
     * @param names the feature names: non-empty and distinct. Not modified.
     * @param intercept the intercept on the original scale, finite
     * @param coefficients one finite coefficient per feature. Not modified.
     * @param covariance the (d + 1) x (d + 1) row-major covariance of (intercept, coefficients), finite, or an
     *     empty array when the fit has no standard errors. Not modified.
     * @param logLikelihood the training log-likelihood, finite or NaN
     * @param nullLogLikelihood the intercept-only log-likelihood, finite or NaN
     * @param objective the penalized objective, finite or NaN
     * @param iterations the fit's iteration count, {@code >= 0}
     * @param converged whether the fit converged
     * @param separation whether the fit detected separation
     * @param objectiveHistory the objective per iteration, each finite or NaN. Not modified.
     * @param rows the number of training rows, {@code >= 0}
     * @return the model
     * @throws IllegalArgumentException if a parameter breaks its constraint, e.g.
     *     {@code "coefficients[1] must be finite, found NaN"}
     */
    public static LogisticRegressionModel of(String trainer, List<String> names, double intercept,
            double[] coefficients, double[] covariance, double logLikelihood, double nullLogLikelihood,
            double objective, int iterations, boolean converged, boolean separation, double[] objectiveHistory,
            int rows) {
        Objects.requireNonNull(trainer, "trainer");
        String[] n = ParamChecks.names("names", names);
        ParamChecks.finite("intercept", intercept);
        double[] beta = ParamChecks.finite("coefficients", coefficients, n.length, "one per feature");
        Objects.requireNonNull(covariance, "covariance");
        int q = n.length + 1;
        double[] cov = covariance.length == 0 ? null
                : ParamChecks.finite("covariance", covariance, q * q, "(d + 1) x (d + 1), or empty");
        ParamChecks.finiteOrNaN("logLikelihood", logLikelihood);
        ParamChecks.finiteOrNaN("nullLogLikelihood", nullLogLikelihood);
        ParamChecks.finiteOrNaN("objective", objective);
        ParamChecks.atLeast("iterations", iterations, 0);
        ParamChecks.atLeast("rows", rows, 0);
        Objects.requireNonNull(objectiveHistory, "objectiveHistory");
        double[] h = objectiveHistory.clone();
        for (int i = 0; i < h.length; i++) {
            ParamChecks.finiteOrNaN("objectiveHistory[" + i + "]", h[i]);
        }
        return new LogisticRegressionModel(trainer, n, intercept, beta, cov, logLikelihood, nullLogLikelihood,
                objective, iterations, converged, separation, h, rows);
    }

    static LogisticRegressionModel create(String trainer, String[] names, double[] mu, double[] invSd,
            double[] theta, double[] stdCovariance, double logLikelihood, double nullLogLikelihood, double objective,
            int iterations, boolean converged, boolean separation, double[] history, int rows) {
        int p = names.length;
        int q = p + 1;
        double[] beta = new double[p];
        double b = theta[0];
        for (int j = 0; j < p; j++) {
            beta[j] = theta[j + 1] * invSd[j];
            b -= beta[j] * mu[j];
        }
        double[] cov = null;
        if (stdCovariance != null) {
            double[] t = new double[q * q];
            t[0] = 1;
            for (int j = 0; j < p; j++) {
                t[j + 1] = -mu[j] * invSd[j];
                t[(j + 1) * q + j + 1] = invSd[j];
            }
            double[] tc = new double[q * q];
            for (int i = 0; i < q; i++) {
                for (int k = 0; k < q; k++) {
                    double tik = t[i * q + k];
                    if (tik != 0) {
                        for (int j = 0; j < q; j++) {
                            tc[i * q + j] += tik * stdCovariance[k * q + j];
                        }
                    }
                }
            }
            cov = new double[q * q];
            for (int i = 0; i < q; i++) {
                for (int j = 0; j < q; j++) {
                    double s = 0;
                    for (int k = 0; k < q; k++) {
                        s += tc[i * q + k] * t[j * q + k];
                    }
                    cov[i * q + j] = s;
                }
            }
        }
        return new LogisticRegressionModel(trainer, names.clone(), b, beta, cov, logLikelihood, nullLogLikelihood,
                objective, iterations, converged, separation, history, rows);
    }

    /**
     * Returns the intercept on the original scale.
     *
     * @return b
     */
    public double intercept() {
        return intercept;
    }

    /**
     * Returns the coefficients on the original scale, in column order.
     *
     * @return a copy, length d
     */
    public double[] coefficients() {
        return coefficients.clone();
    }

    /**
     * Returns the coefficient of a named column.
     *
     * @param column the column name; not null
     * @return its coefficient
     * @throws IllegalArgumentException if no column has that name
     */
    public double coefficient(String column) {
        return coefficients[indexOf(column)];
    }

    /**
     * Returns the column names, in the order of {@link #coefficients()}.
     *
     * @return the names
     */
    public List<String> columnNames() {
        return List.of(names);
    }

    private int indexOf(String column) {
        Objects.requireNonNull(column, "column");
        for (int j = 0; j < names.length; j++) {
            if (names[j].equals(column)) {
                return j;
            }
        }
        throw new IllegalArgumentException("column must be one of " + List.of(names) + ", found \"" + column + "\"");
    }

    /**
     * Returns the linear predictor (log-odds) {@code b + beta . row}. Allocates nothing.
     *
     * @param row the features, length d, in column order. Not modified.
     * @return the log-odds of label 1
     * @throws IllegalArgumentException if the length is not d
     */
    public double logit(double[] row) {
        Objects.requireNonNull(row, "row");
        if (row.length != coefficients.length) {
            throw new IllegalArgumentException("row.length must be " + coefficients.length + ", found " + row.length);
        }
        double s = intercept;
        for (int j = 0; j < row.length; j++) {
            s += coefficients[j] * row[j];
        }
        return s;
    }

    /**
     * Returns {@code P(y = 1 | row)}, computed without overflow. Allocates nothing. The value is in (0, 1)
     * except that log-odds beyond about +-37 (+-745 below) round to exactly 1 (0) in double precision.
     *
     * @param row the features, length d. Not modified.
     * @return the probability of label 1
     * @throws IllegalArgumentException if the length is not d
     */
    public double predictProbability(double[] row) {
        return sigmoid(logit(row));
    }

    static double sigmoid(double eta) {
        if (eta >= 0) {
            return 1 / (1 + Math.exp(-eta));
        }
        double e = Math.exp(eta);
        return e / (1 + e);
    }

    /**
     * Returns {@code P(y = 1)} for every row of a matrix whose columns are the training columns, in order.
     *
     * @param x the features. Not modified.
     * @return a new array of probabilities, length {@code x.rows()}
     * @throws InvalidDataException if the column names differ from the training columns
     */
    public double[] predictProbabilities(FeatureMatrix x) {
        return predictProbabilities(x, new double[x.rows()]);
    }

    /**
     * Writes {@code P(y = 1)} for every row of a matrix into a caller's buffer; allocates nothing.
     *
     * @param x the features, with the training columns in order. Not modified.
     * @param out a buffer of length at least {@code x.rows()}. Modified.
     * @return {@code out}
     * @throws InvalidDataException if the column names differ from the training columns
     * @throws IllegalArgumentException if {@code out} is too short
     */
    public double[] predictProbabilities(FeatureMatrix x, double[] out) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(out, "out");
        if (!x.names().equals(List.of(names))) {
            throw new InvalidDataException("x: columns must be " + List.of(names) + ", found " + x.names());
        }
        if (out.length < x.rows()) {
            throw new IllegalArgumentException("out.length must be >= " + x.rows() + ", found " + out.length);
        }
        double[] data = Internals.data(x);
        int d = names.length;
        int n = x.rows();
        for (int i = 0; i < n; i++) {
            double s = intercept;
            int o = i * d;
            for (int j = 0; j < d; j++) {
                s += coefficients[j] * data[o + j];
            }
            out[i] = sigmoid(s);
        }
        return out;
    }

    /**
     * Returns the (weighted) log-likelihood at the fitted coefficients, without the penalty.
     *
     * @return {@code sum_i w_i [y_i log p_i + (1 - y_i) log(1 - p_i)]}
     */
    public double logLikelihood() {
        return logLikelihood;
    }

    /**
     * Returns the log-likelihood of the intercept-only model, for deviance and pseudo-R^2.
     *
     * @return the null log-likelihood
     */
    public double nullLogLikelihood() {
        return nullLogLikelihood;
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
     * Returns the number of iterations on the full data.
     *
     * @return iterations
     */
    public int iterations() {
        return iterations;
    }

    /**
     * Tells whether the solver met its tolerance (false on separation or when the iteration limit was hit).
     *
     * @return true if converged
     */
    public boolean converged() {
        return converged;
    }

    /**
     * Tells whether the unpenalized fit found the classes (quasi-)separated, so that no maximum-likelihood
     * estimate exists and the coefficients are not meaningful. See {@link LogisticRegression}.
     *
     * @return true if separation was detected
     */
    public boolean separation() {
        return separation;
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
     * Returns the trainer's description (its hyperparameters), for provenance.
     *
     * @return the trainer's {@code toString()}
     */
    public String trainer() {
        return trainer;
    }

    /**
     * Tells whether standard errors, z-values and p-values are available: only for an unpenalized fit without
     * separation.
     *
     * @return true if inference is available
     */
    public boolean hasStandardErrors() {
        return covariance != null;
    }

    private void requireInference() {
        if (covariance == null) {
            throw new IllegalStateException("standard errors must come from an unpenalized fit without separation,"
                    + " found " + (separation ? "separation" : "l2 > 0"));
        }
    }

    /**
     * Returns the standard errors of the coefficients (not the intercept), in column order.
     *
     * @return a new array, length d
     * @throws IllegalStateException if {@link #hasStandardErrors()} is false
     */
    public double[] standardErrors() {
        requireInference();
        int q = coefficients.length + 1;
        double[] se = new double[coefficients.length];
        for (int j = 0; j < se.length; j++) {
            se[j] = Math.sqrt(covariance[(j + 1) * q + j + 1]);
        }
        return se;
    }

    /**
     * Returns the standard error of the intercept.
     *
     * @return the standard error
     * @throws IllegalStateException if {@link #hasStandardErrors()} is false
     */
    public double interceptStandardError() {
        requireInference();
        return Math.sqrt(covariance[0]);
    }

    /**
     * Returns the covariance matrix of (intercept, coefficients), row-major (d + 1) x (d + 1).
     *
     * @return a copy
     * @throws IllegalStateException if {@link #hasStandardErrors()} is false
     */
    public double[] covariance() {
        requireInference();
        return covariance.clone();
    }

    /**
     * Returns the Wald z-values {@code beta_j / se_j}.
     *
     * @return a new array, length d
     * @throws IllegalStateException if {@link #hasStandardErrors()} is false
     */
    public double[] zValues() {
        double[] se = standardErrors();
        double[] z = new double[se.length];
        for (int j = 0; j < z.length; j++) {
            z[j] = coefficients[j] / se[j];
        }
        return z;
    }

    /**
     * Returns the two-sided Wald p-values {@code erfc(|z_j| / sqrt 2)}.
     *
     * @return a new array, length d
     * @throws IllegalStateException if {@link #hasStandardErrors()} is false
     */
    public double[] pValues() {
        double[] z = zValues();
        for (int j = 0; j < z.length; j++) {
            z[j] = Erf.erfc(Math.abs(z[j]) / Math.sqrt(2));
        }
        return z;
    }

    /**
     * Returns the odds ratios {@code exp(beta_j)}.
     *
     * @return a new array, length d
     */
    public double[] oddsRatios() {
        double[] or = new double[coefficients.length];
        for (int j = 0; j < or.length; j++) {
            or[j] = Math.exp(coefficients[j]);
        }
        return or;
    }

    @Override
    public String toString() {
        return "LogisticRegressionModel{rows=" + rows + ", columns=" + names.length + ", logLikelihood=" + logLikelihood
                + ", iterations=" + iterations + ", converged=" + converged + ", separation=" + separation + "}";
    }
}
