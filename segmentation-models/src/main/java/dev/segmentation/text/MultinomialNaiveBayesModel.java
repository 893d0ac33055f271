package dev.segmentation.text;

import dev.segmentation.FittedModel;
import dev.segmentation.features.SparseMatrix;
import dev.segmentation.internal.Internals;
import dev.segmentation.InvalidDataException;
import dev.segmentation.Provenance;
import dev.segmentation.internal.ParamChecks;
import dev.segmentation.math.LogSpace;
import java.util.Objects;

/**
 * A fitted multinomial Naive Bayes classifier (see {@link MultinomialNaiveBayes} for the formulas).
 * Scores are computed in log space: {@link #predictLogOdds(SparseMatrix)} never saturates, so rankings and
 * AUC should use it rather than probabilities. A model fitted by {@link ComplementNaiveBayes} has the same
 * shape: its "feature log probabilities" are then the complement weights {@code w_cj} (scikit-learn's
 * {@code ComplementNB.feature_log_prob_}), which do not normalize, and its joint log-likelihoods are the
 * complement scores.
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never accepted or returned.
 */
public final class MultinomialNaiveBayesModel implements FittedModel {
    private final Provenance provenance;

    private final int[] classes;
    private final double[] logPrior;
    private final double[][] logTheta;

    MultinomialNaiveBayesModel(Provenance provenance, int[] classes, double[] logPrior, double[][] logTheta) {
        this.classes = classes.clone();
        this.logPrior = logPrior.clone();
        this.logTheta = new double[logTheta.length][];
        for (int c = 0; c < logTheta.length; c++) {
            this.logTheta[c] = logTheta[c].clone();
        }
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * The class labels, sorted; position c is class index c everywhere in this model.
     *
     * @return a copy of the labels
     */
    public int[] classes() {
        return classes.clone();
    }

    /**
     * The number of features the model expects.
     *
     * @return d
     */
    public int features() {
        return logTheta[0].length;
    }

    /**
     * The log prior of each class, {@code log(n_c / n)}.
     *
     * @return a copy, one per class
     */
    public double[] logPriors() {
        return logPrior.clone();
    }

    /**
     * The smoothed log probability of each feature given each class; each row sums to one in probability
     * (for a {@link ComplementNaiveBayes} fit: the complement weights, see the class comment).
     *
     * @return a copy, [class][feature]
     */
    public double[][] featureLogProbabilities() {
        double[][] out = new double[logTheta.length][];
        for (int c = 0; c < out.length; c++) {
            out[c] = logTheta[c].clone();
        }
        return out;
    }

    /**
     * Returns the trainer's description, {@link Provenance#description()} of {@link #provenance()}: its name and
     * settings without {@code threads}.
     *
     * @return the hyperparameters the model was fitted with, or {@code "unknown"}
     */
    public String trainer() {
        return provenance.description();
    }

    /**
     * The joint log-likelihood {@code log prior_c + sum_j x_j log theta_cj} of every row and class.
     *
     * @param x rows with {@link #features()} columns, values finite and at least 0; not modified
     * @return [row][class]
     * @throws InvalidDataException if the column count differs or a value is negative or not finite
     */
    public double[][] jointLogLikelihoods(SparseMatrix x) {
        check(x);
        int[] start = Internals.rowStart(x);
        int[] idx = Internals.indices(x);
        double[] val = Internals.values(x);
        double[][] out = new double[x.rows()][classes.length];
        for (int i = 0; i < x.rows(); i++) {
            for (int c = 0; c < classes.length; c++) {
                double s = 0;
                double[] th = logTheta[c];
                for (int p = start[i]; p < start[i + 1]; p++) {
                    s += val[p] * th[idx[p]];
                }
                out[i][c] = s + logPrior[c];
            }
        }
        return out;
    }

    /**
     * The posterior log probability of every class, the joint log-likelihoods normalized by log-sum-exp.
     *
     * @param x rows with {@link #features()} columns; not modified
     * @return [row][class], each row summing to one in probability
     * @throws InvalidDataException if the column count differs or a value is negative or not finite
     */
    public double[][] predictLogProbabilities(SparseMatrix x) {
        double[][] jll = jointLogLikelihoods(x);
        for (double[] row : jll) {
            double z = LogSpace.logSumExp(row);
            for (int c = 0; c < row.length; c++) {
                row[c] -= z;
            }
        }
        return jll;
    }

    /**
     * The predicted label of every row: the class with the largest joint log-likelihood, the first class on
     * ties (scikit-learn's rule).
     *
     * @param x rows with {@link #features()} columns; not modified
     * @return one label per row
     * @throws InvalidDataException if the column count differs or a value is negative or not finite
     */
    public int[] predict(SparseMatrix x) {
        double[][] jll = jointLogLikelihoods(x);
        int[] out = new int[jll.length];
        for (int i = 0; i < jll.length; i++) {
            int best = 0;
            for (int c = 1; c < classes.length; c++) {
                if (jll[i][c] > jll[i][best]) {
                    best = c;
                }
            }
            out[i] = classes[best];
        }
        return out;
    }

    /**
     * The log-odds of the second class against the first, {@code jll_1 - jll_0}, for a two-class model: a
     * score that never saturates, for ranking and AUC. Positive means the second (larger) label is predicted.
     *
     * @param x rows with {@link #features()} columns; not modified
     * @return one score per row
     * @throws IllegalStateException if the model does not have exactly two classes
     * @throws InvalidDataException if the column count differs or a value is negative or not finite
     */
    public double[] predictLogOdds(SparseMatrix x) {
        if (classes.length != 2) {
            throw new IllegalStateException("log-odds need exactly 2 classes, found " + classes.length);
        }
        double[][] jll = jointLogLikelihoods(x);
        double[] out = new double[jll.length];
        for (int i = 0; i < jll.length; i++) {
            out[i] = jll[i][1] - jll[i][0];
        }
        return out;
    }

    private void check(SparseMatrix x) {
        Objects.requireNonNull(x, "x");
        if (x.columns() != features()) {
            throw new InvalidDataException("x must have " + features() + " columns, found " + x.columns());
        }
        x.requireNonNegative();
    }

    @Override
    public String toString() {
        return "MultinomialNaiveBayesModel{classes=" + classes.length + ", features=" + features() + ", trainer="
                + trainer() + "}";
    }

    /**
     * Rebuilds a fitted naive Bayes model (as read by {@code dev.segmentation.persist}).
     *
     * @param trainer the trainer's description ({@link Provenance#description()}, or a trainer's
     *     {@code toString} as model files of format versions 1 and 2 kept it), not null; it becomes the
     *     provenance ({@link Provenance#fromDescription(String)})
     * @param classes the class labels, sorted ascending and distinct, at least one. Not modified.
     * @param logPriors one finite log prior per class. Not modified.
     * @param featureLogProbabilities per class, one finite weight per feature (log probabilities for the
     *     multinomial model, complement weights for the complement model), all rows as long. Not modified.
     * @return the model
     * @throws IllegalArgumentException if a dimension or value breaks its constraint
     */
    public static MultinomialNaiveBayesModel of(String trainer, int[] classes, double[] logPriors,
            double[][] featureLogProbabilities) {
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(classes, "classes");
        Objects.requireNonNull(featureLogProbabilities, "featureLogProbabilities");
        if (classes.length == 0) {
            throw new IllegalArgumentException("classes must be non-empty, found []");
        }
        for (int c = 1; c < classes.length; c++) {
            if (classes[c - 1] >= classes[c]) {
                throw new IllegalArgumentException("classes must be sorted and distinct, found " + classes[c - 1]
                        + " before " + classes[c]);
            }
        }
        double[] prior = ParamChecks.finite("logPriors", logPriors, classes.length, "one per class");
        if (featureLogProbabilities.length != classes.length) {
            throw new IllegalArgumentException("featureLogProbabilities must have " + classes.length
                    + " rows (one per class), found " + featureLogProbabilities.length);
        }
        int d = Objects.requireNonNull(featureLogProbabilities[0], "featureLogProbabilities element").length;
        double[][] theta = new double[classes.length][];
        for (int c = 0; c < classes.length; c++) {
            Objects.requireNonNull(featureLogProbabilities[c], "featureLogProbabilities element");
            theta[c] = ParamChecks.finite("featureLogProbabilities[" + c + "]", featureLogProbabilities[c], d,
                    "one per feature");
        }
        return new MultinomialNaiveBayesModel(Provenance.fromDescription(trainer).build(), classes, prior, theta);
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

    /** The copy made by {@link #withProvenance}: the same learned values, another provenance. */
    private MultinomialNaiveBayesModel(MultinomialNaiveBayesModel source, Provenance provenance) {
        this.classes = source.classes;
        this.logPrior = source.logPrior;
        this.logTheta = source.logTheta;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Returns a copy of this model carrying the given provenance; it scores bit-identically.
     *
     * @param provenance the record
     * @return a new model
     */
    @Override
    public MultinomialNaiveBayesModel withProvenance(Provenance provenance) {
        return new MultinomialNaiveBayesModel(this, provenance);
    }
}
