package dev.segmentation.cluster;

import dev.segmentation.FittedModel;
import dev.segmentation.Provenance;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.internal.Internals;
import dev.segmentation.internal.ParamChecks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A fitted Gaussian mixture: weights, means and covariances of k components, with the fit's log-likelihood
 * trace and model-selection criteria.
 *
 * <p>{@link #predict(double[])} returns the component with the highest posterior probability and allocates
 * nothing; {@link #predictProba(double[], double[])} writes the posterior probabilities (responsibilities, which
 * sum to 1) into a caller's buffer. Log-likelihoods are natural logarithms of densities.
 *
 * <p>Instances are immutable and safe for concurrent use: arrays are copied in and out.
 */
public final class GaussianMixtureModel implements ClusterModel, FittedModel {
    private final Provenance provenance;

    private final String[] names;
    private final Mixture mix;
    private final double[] logLikelihoods;
    private final int iterations;
    private final boolean converged;
    private final List<DegenerateComponent> degenerate;
    private final int trainingRows;

    GaussianMixtureModel(String[] names, Mixture mix, double[] logLikelihoods, int iterations, boolean converged,
            List<DegenerateComponent> degenerate, Provenance provenance, int trainingRows) {
        this.names = names.clone();
        this.mix = mix;
        this.logLikelihoods = logLikelihoods.clone();
        this.iterations = iterations;
        this.converged = converged;
        this.degenerate = List.copyOf(degenerate);
        this.trainingRows = trainingRows;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /** The copy made by {@link #withProvenance}: the same learned values, another provenance. */
    private GaussianMixtureModel(GaussianMixtureModel source, Provenance provenance) {
        this.names = source.names;
        this.mix = source.mix;
        this.logLikelihoods = source.logLikelihoods;
        this.iterations = source.iterations;
        this.converged = source.converged;
        this.degenerate = source.degenerate;
        this.trainingRows = source.trainingRows;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Rebuilds a fitted mixture from its parameters and diagnostics (as read by {@code dev.segmentation.persist}).
     * The precision factors and normalizing constants are recomputed from the covariances exactly as the fit
     * computes them, so the rebuilt model scores bit-identically.
     *
     * @param names the feature names: non-empty and distinct. Not modified.
     * @param type the covariance type, not null
     * @param weights k mixing weights, each finite and {@code > 0}, summing to 1 within 1e-9. Not modified.
     * @param means k rows of {@code d = names.size()} finite values. Not modified.
     * @param covariances k symmetric positive-definite d x d matrices as {@link #covariances()} returns them
     *     (diagonal for {@code DIAGONAL}, a multiple of the identity for {@code SPHERICAL}). Not modified.
     * @param logLikelihoods the fit's log-likelihood trace, finite. Not modified.
     * @param iterations the fit's iteration count, {@code >= 0}
     * @param converged whether the fit converged
     * @param degenerate the fit's degenerate-component events, not null. Not modified.
     * @param trainer the trainer's description ({@link Provenance#description()}, or a trainer's {@code toString}
     *     as model files of format versions 1 and 2 kept it), not null; it becomes the provenance
     *     ({@link Provenance#fromDescription(String)}), with the fingerprint
     * @param trainingRows the number of training rows, {@code >= 0}
     * @param fingerprint the training data's fingerprint
     * @return the model
     * @throws IllegalArgumentException if a parameter breaks its constraint, e.g.
     *     {@code "covariances[0] must be positive definite, found a failed Cholesky factorization"}
     */
    public static GaussianMixtureModel of(List<String> names, CovarianceType type, double[] weights,
            double[][] means, double[][][] covariances, double[] logLikelihoods, int iterations, boolean converged,
            List<DegenerateComponent> degenerate, String trainer, int trainingRows, long fingerprint) {
        String[] n = ParamChecks.names("names", names);
        Objects.requireNonNull(type, "type");
        int d = n.length;
        double[] mu = ModelParams.rows("means", means, d);
        int k = means.length;
        double[] w = ParamChecks.positive("weights", weights, k, "one per component");
        double sum = 0;
        for (double x : w) {
            sum += x;
        }
        ParamChecks.requireArgument(Math.abs(sum - 1) <= 1e-9, "weights must sum to 1, found %s", sum);
        double[] ll = ParamChecks.finite("logLikelihoods", logLikelihoods, logLikelihoods.length, "one per iteration");
        ParamChecks.atLeast("iterations", iterations, 0);
        ParamChecks.atLeast("trainingRows", trainingRows, 0);
        Objects.requireNonNull(degenerate, "degenerate");
        Objects.requireNonNull(trainer, "trainer");
        Mixture mix = Mixture.of(type, w, mu, covariances, d);
        return new GaussianMixtureModel(n, mix, ll, iterations, converged, degenerate,
                Provenance.fromDescription(trainer).dataFingerprint(fingerprint).build(), trainingRows);
    }

    /**
     * Returns the number of components.
     *
     * @return k
     */
    public int k() {
        return mix.k;
    }

    /**
     * Returns the number of features.
     *
     * @return d
     */
    public int dimension() {
        return mix.d;
    }

    /**
     * Returns the covariance shape.
     *
     * @return the covariance type the model was fitted with
     */
    public CovarianceType covarianceType() {
        return mix.type;
    }

    /**
     * Returns the mixing weights.
     *
     * @return a new array of length k, positive, summing to 1
     */
    public double[] weights() {
        return mix.weights.clone();
    }

    /**
     * Returns the component means as a k x d matrix with the training column names.
     *
     * @return a new matrix
     */
    public FeatureMatrix means() {
        return FeatureMatrix.of(Arrays.asList(names), mix.k, mix.means);
    }

    /**
     * Returns the covariance matrices, regularizer included, as full d x d matrices whatever the covariance type
     * (diagonal and spherical ones have zeros off the diagonal).
     *
     * @return a new k x d x d array
     */
    public double[][][] covariances() {
        int d = mix.d;
        double[][][] out = new double[mix.k][d][d];
        for (int c = 0; c < mix.k; c++) {
            double[] full = mix.fullCovariance(c);
            for (int i = 0; i < d; i++) {
                System.arraycopy(full, i * d, out[c][i], 0, d);
            }
        }
        return out;
    }

    /**
     * Returns the total log-likelihood of the training rows under the returned parameters,
     * {@code sum_i log p(x_i)}.
     *
     * @return the log-likelihood
     */
    public double logLikelihood() {
        return logLikelihoods[logLikelihoods.length - 1];
    }

    /**
     * Returns the total training log-likelihood after each EM iteration of the kept run: entry t is that of the
     * parameters after t M-steps (entry 0: the initialization), and the last entry is {@link #logLikelihood()}.
     * Without regularization the sequence never decreases.
     *
     * @return a new array of length {@code iterations() + 1}
     */
    public double[] logLikelihoods() {
        return logLikelihoods.clone();
    }

    /**
     * Returns the number of EM iterations of the kept run.
     *
     * @return the iterations, {@code >= 1}
     */
    public int iterations() {
        return iterations;
    }

    /**
     * Tells whether the kept run stopped on the tolerance before {@code maxIterations}.
     *
     * @return true if converged
     */
    public boolean converged() {
        return converged;
    }

    /**
     * Returns the degenerate components of the kept run (collapsed onto a point or subspace and held up by the
     * regularizer, or emptied and re-seeded), once per component and kind.
     *
     * @return an unmodifiable list, empty when nothing degenerated
     */
    public List<DegenerateComponent> degenerateComponents() {
        return degenerate;
    }

    /**
     * Returns the number of free parameters p: {@code k - 1} weights, {@code k d} means, and
     * {@code k d (d + 1) / 2}, {@code k d} or {@code k} covariance parameters for full, diagonal and spherical.
     *
     * @return p
     */
    public long parameterCount() {
        return mix.parameterCount();
    }

    /**
     * Returns the Bayesian information criterion on the training rows, {@code -2 log L + p ln n} (Schwarz 1978);
     * lower is better.
     *
     * @return the BIC
     */
    public double bic() {
        return -2 * logLikelihood() + parameterCount() * Math.log(trainingRows);
    }

    /**
     * Returns the Akaike information criterion on the training rows, {@code -2 log L + 2 p} (Akaike 1974); lower
     * is better.
     *
     * @return the AIC
     */
    public double aic() {
        return -2 * logLikelihood() + 2.0 * parameterCount();
    }

    /**
     * Returns the BIC of this model on other rows, {@code -2 sum_i log p(x_i) + p ln n} (scikit-learn's
     * {@code bic(X)}).
     *
     * @param x rows of width d, finite, with the training columns' names in their order (checked). Not
     *     modified.
     * @return the BIC on x
     * @throws dev.segmentation.InvalidDataException if x has another width or a non-finite value
     */
    public double bic(FeatureMatrix x) {
        return -2 * totalLogLikelihood(x) + parameterCount() * Math.log(x.rows());
    }

    /**
     * Returns the AIC of this model on other rows, {@code -2 sum_i log p(x_i) + 2 p}.
     *
     * @param x rows of width d, finite, with the training columns' names in their order (checked). Not
     *     modified.
     * @return the AIC on x
     * @throws dev.segmentation.InvalidDataException if x has another width or a non-finite value
     */
    public double aic(FeatureMatrix x) {
        return -2 * totalLogLikelihood(x) + 2.0 * parameterCount();
    }

    /**
     * Returns the mean log-likelihood per row, {@code (1/n) sum_i log p(x_i)} (scikit-learn's {@code score}).
     *
     * @param x rows of width d, finite, with the training columns' names in their order (checked). Not
     *     modified.
     * @return the mean log-density
     * @throws dev.segmentation.InvalidDataException if x has no rows, another width or a non-finite value
     */
    public double score(FeatureMatrix x) {
        Objects.requireNonNull(x, "x");
        if (x.rows() == 0) {
            throw new dev.segmentation.InvalidDataException("x: rows must be >= 1, found 0", -1, null, null);
        }
        return totalLogLikelihood(x) / x.rows();
    }

    private double totalLogLikelihood(FeatureMatrix x) {
        Objects.requireNonNull(x, "x");
        DataChecks.requireMatrix(x, names);
        double[] a = Internals.data(x);
        double s = 0;
        for (int i = 0, n = x.rows(); i < n; i++) {
            s += mix.logDensity(a, i * mix.d);
        }
        return s;
    }

    /**
     * Returns the log-density {@code log p(x)} of one row. Allocates nothing.
     *
     * @param row a row of width d, finite, positional: value j belongs to training column j (names are not
     *     checked; pass a FeatureMatrix to have them checked). Not modified.
     * @return the log-density
     * @throws dev.segmentation.InvalidDataException "row: width must be 3, found 4", or a non-finite value
     */
    public double logDensity(double[] row) {
        Objects.requireNonNull(row, "row");
        DataChecks.requireRow(row, names);
        return mix.logDensity(row, 0);
    }

    /**
     * Returns the most probable component of one row (the lowest index on ties). Allocates nothing.
     *
     * @param row a row of width d, finite, positional: value j belongs to training column j (names are not
     *     checked; pass a FeatureMatrix to have them checked). Not modified.
     * @return the component, in {@code [0, k)}
     * @throws dev.segmentation.InvalidDataException "row: width must be 3, found 4", or a non-finite value
     */
    public int predict(double[] row) {
        Objects.requireNonNull(row, "row");
        DataChecks.requireRow(row, names);
        return mix.argmax(row, 0);
    }

    /**
     * Returns the most probable component of every row.
     *
     * @param x rows of width d, finite, with the training columns' names in their order (checked). Not
     *     modified.
     * @param out receives the component of row i at index i; length at least n. Modified.
     * @throws dev.segmentation.InvalidDataException if x has another width or a non-finite value
     * @throws IllegalArgumentException if out is too short
     */
    public void predict(FeatureMatrix x, int[] out) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(out, "out");
        DataChecks.requireMatrix(x, names);
        ParamChecks.hasLengthAtLeast("out", out.length, x.rows());
        double[] a = Internals.data(x);
        for (int i = 0, n = x.rows(); i < n; i++) {
            out[i] = mix.argmax(a, i * mix.d);
        }
    }

    /**
     * Returns the most probable component of every row.
     *
     * @param x rows of width d, finite, with the training columns' names in their order (checked). Not
     *     modified.
     * @return a new array with the component of each row
     * @throws dev.segmentation.InvalidDataException if x has another width or a non-finite value
     */
    public int[] predict(FeatureMatrix x) {
        Objects.requireNonNull(x, "x");
        int[] out = new int[x.rows()];
        predict(x, out);
        return out;
    }

    /**
     * Writes the posterior probability of each component for one row (its responsibilities), computed in log
     * space; they sum to 1. Allocates nothing.
     *
     * @param row a row of width d, finite, positional: value j belongs to training column j (names are not
     *     checked; pass a FeatureMatrix to have them checked). Not modified.
     * @param out receives the k probabilities; length at least k. Modified.
     * @throws dev.segmentation.InvalidDataException "row: width must be 3, found 4", or a non-finite value
     * @throws IllegalArgumentException if out is shorter than k
     */
    public void predictProba(double[] row, double[] out) {
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(out, "out");
        DataChecks.requireRow(row, names);
        ParamChecks.hasLengthAtLeast("out", out.length, mix.k);
        proba(row, 0, out, 0);
    }

    /**
     * Returns the posterior probabilities of every row as an n x k matrix with columns {@code p0 .. p(k-1)}.
     *
     * @param x rows of width d, finite, with the training columns' names in their order (checked). Not
     *     modified.
     * @return a new matrix whose rows sum to 1
     * @throws dev.segmentation.InvalidDataException if x has another width or a non-finite value
     */
    public FeatureMatrix predictProba(FeatureMatrix x) {
        Objects.requireNonNull(x, "x");
        DataChecks.requireMatrix(x, names);
        double[] a = Internals.data(x);
        int n = x.rows();
        double[] out = new double[n * mix.k];
        for (int i = 0; i < n; i++) {
            proba(a, i * mix.d, out, i * mix.k);
        }
        List<String> cols = new ArrayList<>();
        for (int c = 0; c < mix.k; c++) {
            cols.add("p" + c);
        }
        return FeatureMatrix.of(cols, n, out);
    }

    private void proba(double[] x, int o, double[] out, int ob) {
        int k = mix.k;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double v = mix.logJoint(x, o, c);
            out[ob + c] = v;
            max = Math.max(max, v);
        }
        double s = 0;
        for (int c = 0; c < k; c++) {
            double e = Math.exp(out[ob + c] - max);
            out[ob + c] = e;
            s += e;
        }
        for (int c = 0; c < k; c++) {
            out[ob + c] /= s;
        }
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
     * Returns the number of training rows.
     *
     * @return n
     */
    public int trainingRows() {
        return trainingRows;
    }

    /**
     * Returns a 64-bit hash of the training values, the provenance's {@link Provenance#dataFingerprint()}.
     *
     * @return the fingerprint, or 0 when the provenance does not record one
     */
    public long dataFingerprint() {
        return provenance.dataFingerprint().orElse(0L);
    }

    /**
     * Returns the training column names (the seam's view of {@link #means()}'s names).
     *
     * @return an unmodifiable list of d names
     */
    @Override
    public List<String> columnNames() {
        return List.of(names);
    }

    /**
     * Returns the centres as a new k x d array (the seam's representative points).
     *
     * @return a copy of the centres
     */
    @Override
    public double[][] centres() {
        double[][] out = new double[mix.k][];
        for (int c = 0; c < mix.k; c++) {
            out[c] = Arrays.copyOfRange(mix.means, c * mix.d, (c + 1) * mix.d);
        }
        return out;
    }

    /**
     * Summarizes the model.
     *
     * @return k, d, covariance type, log-likelihood, BIC and convergence
     */
    @Override
    public String toString() {
        return "GaussianMixtureModel{k=" + mix.k + ", d=" + mix.d + ", covariance=" + mix.type + ", logLikelihood="
                + logLikelihood() + ", bic=" + bic() + ", iterations=" + iterations + ", converged=" + converged
                + "}";
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
    public GaussianMixtureModel withProvenance(Provenance provenance) {
        return new GaussianMixtureModel(this, provenance);
    }
}
