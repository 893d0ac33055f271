package dev.segmentation.churn;

import dev.segmentation.FittedModel;
import dev.segmentation.InvalidDataException;
import dev.segmentation.Provenance;
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
public final class LogisticRegressionModel extends LogisticFitRecord implements ChurnModel, FittedModel {
    private final Provenance provenance;

    private final String[] names;
    private final double[] covariance;
    private final double nullLogLikelihood;
    private final boolean separation;

    private LogisticRegressionModel(Provenance provenance, String[] names, double intercept, double[] coefficients,
            double[] covariance, double logLikelihood, double nullLogLikelihood, double objective, int iterations,
            boolean converged, boolean separation, double[] objectiveHistory, int rows) {
        super(intercept, coefficients, logLikelihood, objective, iterations, converged, objectiveHistory,
                rows);
        this.names = names;
        this.covariance = covariance;
        this.nullLogLikelihood = nullLogLikelihood;
        this.separation = separation;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /** The copy made by {@link #withProvenance}: the same learned values, another provenance. */
    private LogisticRegressionModel(LogisticRegressionModel source, Provenance provenance) {
        super(source);
        this.names = source.names;
        this.covariance = source.covariance;
        this.nullLogLikelihood = source.nullLogLikelihood;
        this.separation = source.separation;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
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
     * @param trainer the trainer's description ({@link Provenance#description()}, or a trainer's {@code toString}
     *     as model files of format versions 1 and 2 kept it), not null; it becomes the provenance
     *     ({@link Provenance#fromDescription(String)})
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
        double[] h = checkRecord(trainer, intercept, logLikelihood, objective, iterations, objectiveHistory, rows);
        String[] n = ParamChecks.names("names", names);
        double[] beta = ParamChecks.finite("coefficients", coefficients, n.length, "one per feature");
        Objects.requireNonNull(covariance, "covariance");
        int q = n.length + 1;
        double[] cov = covariance.length == 0 ? null
                : ParamChecks.finite("covariance", covariance, q * q, "(d + 1) x (d + 1), or empty");
        ParamChecks.finiteOrNaN("nullLogLikelihood", nullLogLikelihood);
        return new LogisticRegressionModel(Provenance.fromDescription(trainer).build(), n, intercept, beta, cov,
                logLikelihood, nullLogLikelihood, objective, iterations, converged, separation, h, rows);
    }

    static LogisticRegressionModel create(String[] names, double[] mu, double[] invSd,
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
        return new LogisticRegressionModel(Provenance.notRecorded(), names.clone(), b, beta, cov, logLikelihood,
                nullLogLikelihood, objective, iterations, converged, separation, history, rows);
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
     * @param row the features, length d, finite, in column order. Not modified.
     * @return the log-odds of label 1
     * @throws IllegalArgumentException if the length is not d
     * @throws InvalidDataException if a value is not finite, as {@code KMeansModel.predict} words it:
     *     {@code "row, column tenure: value must be finite, found NaN"}
     */
    public double logit(double[] row) {
        Objects.requireNonNull(row, "row");
        ParamChecks.hasLength("row", row.length, coefficients.length);
        double s = intercept;
        for (int j = 0; j < row.length; j++) {
            s += coefficients[j] * row[j];
        }
        if (!Double.isFinite(s)) {
            // only a non-finite sum can hide a non-finite value: the check costs nothing on good rows
            requireFinite(row, 0, -1);
        }
        return s;
    }

    /** Throws for the first non-finite value of the row at {@code o} (row index {@code i}, or -1 for one row). */
    private void requireFinite(double[] a, int o, int i) {
        for (int j = 0; j < names.length; j++) {
            double v = a[o + j];
            if (!Double.isFinite(v)) {
                throw new InvalidDataException((i < 0 ? "row" : "row " + i) + ", column " + names[j]
                        + ": value must be finite, found " + v, i, names[j], null);
            }
        }
    }

    /**
     * Returns {@code P(y = 1 | row)}, computed without overflow. Allocates nothing. The value is in (0, 1)
     * except that log-odds beyond about +-37 (+-745 below) round to exactly 1 (0) in double precision.
     *
     * @param row the features, length d, finite. Not modified.
     * @return the probability of label 1
     * @throws IllegalArgumentException if the length is not d
     * @throws InvalidDataException if a value is not finite ({@code "row, column tenure: value must be finite,
     *     found NaN"})
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
     * @throws InvalidDataException if the column names differ from the training columns, or a value is not finite
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
     * @throws InvalidDataException if the column names differ from the training columns, or a value is not finite
     *     ({@code "row 4, column tenure: value must be finite, found NaN"}, 0-based row)
     * @throws IllegalArgumentException if {@code out} is too short
     */
    public double[] predictProbabilities(FeatureMatrix x, double[] out) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(out, "out");
        if (!x.names().equals(List.of(names))) {
            throw new InvalidDataException("x: columns must be " + List.of(names) + ", found " + x.names());
        }
        ParamChecks.hasLengthAtLeast("out", out.length, x.rows());
        double[] data = Internals.data(x);
        int d = names.length;
        int n = x.rows();
        for (int i = 0; i < n; i++) {
            double s = intercept;
            int o = i * d;
            for (int j = 0; j < d; j++) {
                s += coefficients[j] * data[o + j];
            }
            if (!Double.isFinite(s)) {
                requireFinite(data, o, i);
            }
            out[i] = sigmoid(s);
        }
        return out;
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
     * Tells whether the unpenalized fit found the classes (quasi-)separated, so that no maximum-likelihood
     * estimate exists and the coefficients are not meaningful. See {@link LogisticRegression}.
     *
     * @return true if separation was detected
     */
    public boolean separation() {
        return separation;
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
        return "LogisticRegressionModel{rows=" + rows() + ", columns=" + names.length + ", logLikelihood="
                + logLikelihood() + ", iterations=" + iterations() + ", converged=" + converged() + ", separation="
                + separation + "}";
    }

    /**
     * Returns how this model was made.
     *
     * @return the trainer's record, or {@link Provenance#notRecorded()} for a model made from given values
     */
    @Override
    public Provenance provenance() {
        return provenance;
    }

    /**
     * Returns a copy of this model carrying the given provenance; it scores bit-identically.
     *
     * @param provenance the record
     * @return a new model
     */
    @Override
    public LogisticRegressionModel withProvenance(Provenance provenance) {
        return new LogisticRegressionModel(this, provenance);
    }
}
