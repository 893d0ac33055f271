package dev.segmentation.churn;

import dev.segmentation.FittedModel;
import dev.segmentation.InvalidDataException;
import dev.segmentation.Provenance;
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
public final class SparseLogisticRegressionModel extends LogisticFitRecord implements FittedModel {
    private final Provenance provenance;

    SparseLogisticRegressionModel(Provenance provenance, double intercept, double[] coefficients,
            double logLikelihood, double objective, int iterations, boolean converged, double[] objectiveHistory,
            int rows) {
        super(intercept, coefficients, logLikelihood, objective, iterations, converged, objectiveHistory,
                rows);
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /** The copy made by {@link #withProvenance}: the same coefficients and fit record, another provenance. */
    private SparseLogisticRegressionModel(SparseLogisticRegressionModel source, Provenance provenance) {
        super(source.intercept, source.coefficients, source.logLikelihood(), source.objective(),
                source.iterations(), source.converged(), source.objectiveHistory(), source.rows());
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Rebuilds a fitted model from its parameters and fit record (as read by {@code dev.segmentation.persist}).
     *
     * @param trainer the trainer's description ({@link Provenance#description()}, or a trainer's {@code toString}
     *     as model files of format versions 1 and 2 kept it), not null; it becomes the provenance
     *     ({@link Provenance#fromDescription(String)})
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
        double[] h = checkRecord(trainer, intercept, logLikelihood, objective, iterations, objectiveHistory, rows);
        Objects.requireNonNull(coefficients, "coefficients");
        double[] beta = ParamChecks.finite("coefficients", coefficients, coefficients.length, "one per column");
        return new SparseLogisticRegressionModel(Provenance.fromDescription(trainer).build(), intercept, beta,
                logLikelihood, objective, iterations, converged, h, rows);
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

    @Override
    public String toString() {
        return "SparseLogisticRegressionModel{columns=" + coefficients.length + ", rows=" + rows() + ", iterations="
                + iterations() + ", converged=" + converged() + ", trainer=" + trainer() + "}";
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
    public SparseLogisticRegressionModel withProvenance(Provenance provenance) {
        return new SparseLogisticRegressionModel(this, provenance);
    }
}
