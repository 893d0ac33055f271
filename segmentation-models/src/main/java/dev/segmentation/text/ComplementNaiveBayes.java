package dev.segmentation.text;

import dev.segmentation.features.SparseMatrix;
import dev.segmentation.InvalidDataException;
import dev.segmentation.Provenance;
import dev.segmentation.internal.ParamChecks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Complement Naive Bayes (Rennie, Shih, Teevan and Karger 2003, ICML, eqs. 4-6 without weight
 * normalization; scikit-learn {@code ComplementNB(norm=False)}): each class is scored by how badly the
 * complement of the class explains the row, which is robust to class imbalance. With {@code N_cj} the summed
 * value of feature j in class c and {@code N_j} its total over all classes:
 * <pre>
 *   w_cj  = -log((N_j - N_cj + alpha) / sum_j' (N_j' - N_cj' + alpha))
 *   score_c(x) = sum_j x_j w_cj         (plus log prior_c only when there is a single class)
 * </pre>
 * The predicted class has the largest score, the first on ties. Build with {@link #builder()}.
 *
 * <p>Closed form, O(nnz + K d). Instances are immutable and safe for concurrent use; {@code fit} is pure.
 * Null is never accepted or returned.
 */
public final class ComplementNaiveBayes {
    private static final Logger LOG = LoggerFactory.getLogger(ComplementNaiveBayes.class);

    private final double alpha;

    private ComplementNaiveBayes(double alpha) {
        this.alpha = alpha;
    }

    /**
     * Returns a new builder (alpha 1).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The smoothing constant.
     *
     * @return alpha
     */
    public double alpha() {
        return alpha;
    }

    /**
     * Fits the model.
     *
     * @param x counts or weights, one row per document, all finite and at least 0; not modified
     * @param y the label of each row; not modified
     * @return the fitted model
     * @throws InvalidDataException if x has no rows, the lengths differ, or a value of x is negative or not
     *     finite (naming row, column and value)
     */
    public MultinomialNaiveBayesModel fit(SparseMatrix x, int[] y) {
        ClassCounts cc = ClassCounts.of(x, y);
        int[] classes = cc.classes;
        double[][] counts = cc.featureSums;
        long[] classCount = cc.rows;
        int k = classes.length;
        int d = x.columns();
        double[] all = new double[d];
        for (double[] row : counts) {
            for (int j = 0; j < d; j++) {
                all[j] += row[j];
            }
        }
        double[][] w = new double[k][d];
        double[] logPrior = new double[k];
        for (int c = 0; c < k; c++) {
            double total = 0;
            for (int j = 0; j < d; j++) {
                total += all[j] - counts[c][j] + alpha;
            }
            double logTotal = Math.log(total);
            for (int j = 0; j < d; j++) {
                w[c][j] = -(Math.log(all[j] - counts[c][j] + alpha) - logTotal);
            }
            logPrior[c] = k == 1 ? Math.log(classCount[c]) - Math.log(y.length) : 0.0;
        }
        LOG.info("complement naive Bayes fitted: {} rows, {} features, {} classes, alpha {}", y.length, d, k,
                alpha);
        return new MultinomialNaiveBayesModel(Provenance.notRecorded(), classes, logPrior, w)
                .withProvenance(Provenance.builder(this).rows(x.rows()).notIterative().build());
    }

    @Override
    public String toString() {
        return "ComplementNaiveBayes{alpha=" + alpha + "}";
    }

    /** Mutable, single-threaded builder of a {@link ComplementNaiveBayes}. */
    public static final class Builder {
        private double alpha = 1.0;

        private Builder() {
        }

        /**
         * Sets the additive smoothing alpha. Default 1.
         *
         * @param alpha finite and {@code > 0}
         * @return this builder
         * @throws IllegalArgumentException if alpha is not {@code > 0} or not finite
         */
        public Builder alpha(double alpha) {
            ParamChecks.positive("alpha", alpha);
            this.alpha = alpha;
            return this;
        }

        /**
         * Builds the trainer; the builder is not changed.
         *
         * @return a new immutable trainer
         */
        public ComplementNaiveBayes build() {
            return new ComplementNaiveBayes(alpha);
        }
    }
}
