package dev.segmentation.churn;

import dev.segmentation.features.FeatureMatrix;
import java.util.List;
import java.util.Objects;

/**
 * The churn seam's fitted model: P(churn) of a row of named feature columns. {@link LogisticRegressionModel}
 * implements it; {@link ChurnTrainer} is the trainer side. The pipeline's churn stage, its out-of-sample check
 * and the streaming scorer use only this interface.
 *
 * <p>Implementations are immutable and safe for concurrent use.
 */
public interface ChurnModel {
    /**
     * Returns the names of the columns {@link #predictProbability(double[])} reads, in their order.
     *
     * @return an unmodifiable list
     */
    List<String> columnNames();

    /**
     * Returns P(churn) of one row.
     *
     * @param row finite values, positional: value j belongs to {@code columnNames().get(j)}. Not modified.
     * @return the probability, in [0, 1]
     * @throws dev.segmentation.InvalidDataException if the row has another width or a non-finite value
     */
    double predictProbability(double[] row);

    /**
     * Returns P(churn) of every row of a matrix. The default calls {@link #predictProbability(double[])} row by
     * row; implementations may check the column names and do the same faster.
     *
     * @param x rows with the model's columns in their order. Not modified.
     * @return a new array, one probability per row
     * @throws dev.segmentation.InvalidDataException if x has other columns or a non-finite value
     */
    default double[] predictProbabilities(FeatureMatrix x) {
        Objects.requireNonNull(x, "x");
        double[] out = new double[x.rows()];
        double[] row = new double[x.columns()];
        for (int i = 0; i < out.length; i++) {
            out[i] = predictProbability(x.row(i, row));
        }
        return out;
    }

    /**
     * Returns whether the fit converged (a model without an iterative fit returns true).
     *
     * @return true if it converged
     */
    boolean converged();
}
