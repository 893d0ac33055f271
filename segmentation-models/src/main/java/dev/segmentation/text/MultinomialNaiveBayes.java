package dev.segmentation.text;

import dev.segmentation.features.SparseMatrix;
import dev.segmentation.InvalidDataException;
import dev.segmentation.Provenance;
import dev.segmentation.internal.ParamChecks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Multinomial Naive Bayes with additive (Lidstone) smoothing: the trainer. Build one with {@link #builder()},
 * then {@link #fit(SparseMatrix, int[])} returns an immutable {@link MultinomialNaiveBayesModel}.
 *
 * <h2>Model</h2>
 * With {@code N_cj} the summed value of feature j over the training rows of class c, smoothing {@code alpha}
 * and d features (Manning, Raghavan and Schuetze 2008, eq. 13.7; scikit-learn {@code MultinomialNB}):
 * <pre>
 *   log theta_cj = log(N_cj + alpha) - log(sum_j' N_cj' + alpha d)
 *   log prior_c  = log(n_c / n)
 *   jll_c(x)     = log prior_c + sum_j x_j log theta_cj
 * </pre>
 * The predicted class is the one with the largest {@code jll}, the first (smallest label) on ties, as
 * scikit-learn's {@code argmax}. Classes are the distinct labels, sorted.
 *
 * <p>Closed form, O(nnz + K d). Instances are immutable and safe for concurrent use; {@code fit} is pure.
 * Null is never accepted or returned.
 */
public final class MultinomialNaiveBayes {
    private static final Logger LOG = LoggerFactory.getLogger(MultinomialNaiveBayes.class);

    private final double alpha;

    private MultinomialNaiveBayes(Builder b) {
        this.alpha = b.alpha;
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
     * Returns a builder holding this trainer's settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder().alpha(alpha);
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
     * @param y the label of each row, any int values; not modified
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
        double[][] logTheta = new double[k][d];
        double[] logPrior = new double[k];
        for (int c = 0; c < k; c++) {
            double total = 0;
            for (int j = 0; j < d; j++) {
                total += counts[c][j] + alpha;
            }
            double logTotal = Math.log(total);
            for (int j = 0; j < d; j++) {
                logTheta[c][j] = Math.log(counts[c][j] + alpha) - logTotal;
            }
            logPrior[c] = Math.log(classCount[c]) - Math.log(y.length);
        }
        LOG.info("multinomial naive Bayes fitted: {} rows, {} features, {} classes, alpha {}", y.length, d, k,
                alpha);
        return new MultinomialNaiveBayesModel(Provenance.notRecorded(), classes, logPrior, logTheta)
                .withProvenance(Provenance.builder(this).rows(x.rows()).notIterative().build());
    }

    @Override
    public String toString() {
        return "MultinomialNaiveBayes{alpha=" + alpha + "}";
    }

    /** Mutable, single-threaded builder of a {@link MultinomialNaiveBayes}. */
    public static final class Builder {
        private double alpha = 1.0;

        private Builder() {
        }

        /**
         * Sets the additive smoothing alpha. Default 1 (Laplace).
         *
         * @param alpha finite and {@code > 0}
         * @return this builder
         * @throws IllegalArgumentException if alpha is not {@code > 0} or not finite
         */
        public Builder alpha(double alpha) {
            check(alpha);
            this.alpha = alpha;
            return this;
        }

        private static void check(double alpha) {
            ParamChecks.positive("alpha", alpha);
        }

        /**
         * Builds the trainer; the builder is not changed.
         *
         * @return a new immutable trainer
         * @throws IllegalArgumentException if alpha is invalid
         */
        public MultinomialNaiveBayes build() {
            check(alpha);
            return new MultinomialNaiveBayes(this);
        }
    }
}
