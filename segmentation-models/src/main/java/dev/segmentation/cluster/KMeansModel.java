package dev.segmentation.cluster;

import dev.segmentation.FittedModel;
import dev.segmentation.Provenance;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.internal.Internals;
import dev.segmentation.internal.ParamChecks;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A fitted k-means model: k centres in the feature space of the training matrix, with the fit's diagnostics.
 *
 * <p>{@link #predict(double[])} returns the nearest centre (squared Euclidean distance; the lowest index on
 * ties) and allocates nothing. Predicting the training matrix reproduces the fit's final assignment, because the
 * fit ends with an assignment pass against the returned centres.
 *
 * <p>Instances are immutable and safe for concurrent use: arrays are copied in and out.
 */
public final class KMeansModel implements ClusterModel, FittedModel {
    private final Provenance provenance;

    private final String[] names;
    private final int k;
    private final int d;
    private final double[] centres;
    private final double inertia;
    private final int iterations;
    private final boolean converged;
    private final long[] sizes;
    private final List<LloydIteration> history;
    private final int trainingRows;

    KMeansModel(String[] names, int k, double[] centres, double inertia, int iterations, boolean converged,
            long[] sizes, List<LloydIteration> history, Provenance provenance, int trainingRows) {
        this.names = names.clone();
        this.k = k;
        this.d = names.length;
        this.centres = centres.clone();
        this.inertia = inertia;
        this.iterations = iterations;
        this.converged = converged;
        this.sizes = sizes.clone();
        this.history = List.copyOf(history);
        this.trainingRows = trainingRows;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Rebuilds a fitted model from its parameters and diagnostics (as read by {@code dev.segmentation.persist}),
     * checking them as a fit would have produced them.
     *
     * @param names the feature names: non-empty and distinct. Not modified.
     * @param centroids k rows of {@code names.size()} finite values, {@code k >= 1}. Not modified.
     * @param inertia the fit's within-cluster sum of squares, finite and {@code >= 0}
     * @param iterations the fit's iteration count, {@code >= 0}
     * @param converged whether the fit converged
     * @param sizes the training rows per centre, k values {@code >= 0}. Not modified.
     * @param history the per-iteration record, not null. Not modified.
     * @param trainer the trainer's description ({@link Provenance#description()}, or a trainer's {@code toString}
     *     as model files of format versions 1 and 2 kept it), not null; it becomes the provenance
     *     ({@link Provenance#fromDescription(String)}), with the fingerprint
     * @param trainingRows the number of training rows, {@code >= 0}
     * @param fingerprint the training data's fingerprint
     * @return the model
     * @throws IllegalArgumentException if a parameter breaks its constraint, e.g.
     *     {@code "centroids[1] must have length 2 (one per feature), found 3"}
     */
    public static KMeansModel of(List<String> names, double[][] centroids, double inertia, int iterations,
            boolean converged, long[] sizes, List<LloydIteration> history, String trainer, int trainingRows,
            long fingerprint) {
        String[] n = ParamChecks.names("names", names);
        double[] c = ModelParams.rows("centroids", centroids, n.length);
        int k = centroids.length;
        ModelParams.counts("sizes", sizes, k);
        ParamChecks.nonNegative("inertia", inertia);
        ParamChecks.atLeast("iterations", iterations, 0);
        ParamChecks.atLeast("trainingRows", trainingRows, 0);
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(trainer, "trainer");
        return new KMeansModel(n, k, c, inertia, iterations, converged, sizes, history,
                Provenance.fromDescription(trainer).dataFingerprint(fingerprint).build(), trainingRows);
    }

    /**
     * Returns the number of clusters.
     *
     * @return k
     */
    public int k() {
        return k;
    }

    /**
     * Returns the number of features.
     *
     * @return d, the width of the training matrix
     */
    public int dimension() {
        return d;
    }

    /**
     * Returns the centres as a k x d matrix with the training matrix's column names (row c is cluster c), ready
     * for an encoder's inverse transform.
     *
     * @return a new matrix
     */
    public FeatureMatrix centroids() {
        return FeatureMatrix.of(Arrays.asList(names), k, centres);
    }

    /**
     * Returns the centres as a new k x d array.
     *
     * @return a copy of the centres
     */
    public double[][] centroidArray() {
        double[][] out = new double[k][];
        for (int c = 0; c < k; c++) {
            out[c] = Arrays.copyOfRange(centres, c * d, (c + 1) * d);
        }
        return out;
    }

    /**
     * Returns the weighted sum of squared distances from each training row to its centre (scikit-learn's
     * {@code inertia_}).
     *
     * @return the inertia of the returned centres on the training data
     */
    public double inertia() {
        return inertia;
    }

    /**
     * Returns the number of Lloyd iterations of the kept run (scikit-learn's {@code n_iter_}).
     *
     * @return the iterations, {@code >= 1}
     */
    public int iterations() {
        return iterations;
    }

    /**
     * Tells whether the kept run met its stopping rule (no row changed centre, or the centre shift fell to the
     * tolerance) before {@code maxIterations}.
     *
     * @return true if converged
     */
    public boolean converged() {
        return converged;
    }

    /**
     * Returns the number of training rows assigned to each cluster.
     *
     * @return a new array of length k
     */
    public long[] sizes() {
        return sizes.clone();
    }

    /**
     * Returns the per-iteration record of the kept run: inertia, centre shift, rows reassigned, and the
     * distances computed and skipped by the bounds.
     *
     * @return an unmodifiable list, one entry per iteration
     */
    public List<LloydIteration> history() {
        return history;
    }

    /**
     * Returns the trainer's description, {@link Provenance#description()} of {@link #provenance()}: its name and
     * settings without {@code threads}, e.g. {@code "KMeans{k=3, nInit=10, ...}"}.
     *
     * @return the hyperparameters the model was fitted with, or {@code "unknown"}
     */
    public String trainer() {
        return provenance.description();
    }

    /**
     * Returns the number of training rows, for provenance.
     *
     * @return n
     */
    public int trainingRows() {
        return trainingRows;
    }

    /**
     * Returns a 64-bit hash of the training values, the provenance's {@link Provenance#dataFingerprint()}: equal
     * data give equal fingerprints.
     *
     * @return the fingerprint, or 0 when the provenance does not record one
     */
    public long dataFingerprint() {
        return provenance.dataFingerprint().orElse(0L);
    }

    /**
     * Returns the cluster of one row: the nearest centre by squared Euclidean distance (the lowest index on
     * ties). Allocates nothing.
     *
     * @param row a row of width d, finite, positional: value j belongs to training column j (names are not
     *     checked; pass a FeatureMatrix to have them checked). Not modified.
     * @return the cluster, in {@code [0, k)}
     * @throws dev.segmentation.InvalidDataException "row: width must be 3, found 4", or
     *     "row, column b: value must be finite, found NaN"
     */
    public int predict(double[] row) {
        Objects.requireNonNull(row, "row");
        DataChecks.requireRow(row, names);
        return nearest(row, 0);
    }

    /**
     * Assigns every row of a matrix to its nearest centre.
     *
     * @param x rows of width d, finite, with the training columns' names in their order (checked). Not
     *     modified.
     * @param out receives the cluster of row i at index i; length at least n. Modified.
     * @throws dev.segmentation.InvalidDataException if x has another width ("x: columns must be 3, found 4") or a
     *     non-finite value (row and column named)
     * @throws IllegalArgumentException if out is too short
     */
    public void predict(FeatureMatrix x, int[] out) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(out, "out");
        DataChecks.requireMatrix(x, names);
        ParamChecks.hasLengthAtLeast("out", out.length, x.rows());
        double[] a = Internals.data(x);
        for (int i = 0, n = x.rows(); i < n; i++) {
            out[i] = nearest(a, i * d);
        }
    }

    /**
     * Assigns every row of a matrix to its nearest centre.
     *
     * @param x rows of width d, finite, with the training columns' names in their order (checked). Not
     *     modified.
     * @return a new array with the cluster of each row
     * @throws dev.segmentation.InvalidDataException as {@link #predict(FeatureMatrix, int[])}
     */
    public int[] predict(FeatureMatrix x) {
        Objects.requireNonNull(x, "x");
        int[] out = new int[x.rows()];
        predict(x, out);
        return out;
    }

    /**
     * Returns the sum of squared distances from each row to its nearest centre.
     *
     * @param x rows of width d, finite, with the training columns' names in their order (checked). Not
     *     modified.
     * @return the inertia of this model on x
     * @throws dev.segmentation.InvalidDataException as {@link #predict(FeatureMatrix, int[])}
     */
    public double inertia(FeatureMatrix x) {
        Objects.requireNonNull(x, "x");
        DataChecks.requireMatrix(x, names);
        double[] a = Internals.data(x);
        double sum = 0;
        for (int i = 0, n = x.rows(); i < n; i++) {
            int c = nearest(a, i * d);
            sum += distance2(a, i * d, c);
        }
        return sum;
    }

    private int nearest(double[] a, int o) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double s = distance2(a, o, c);
            if (s < bestD) {
                bestD = s;
                best = c;
            }
        }
        return best;
    }

    private double distance2(double[] a, int o, int c) {
        int cb = c * d;
        double s = 0;
        for (int j = 0; j < d; j++) {
            double t = a[o + j] - centres[cb + j];
            s += t * t;
        }
        return s;
    }

    /**
     * Returns the training column names (the seam's view of {@link #centroids()}'s names).
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
        return centroidArray();
    }

    /**
     * Summarizes the model.
     *
     * @return k, d, inertia, iterations and convergence
     */
    @Override
    public String toString() {
        return "KMeansModel{k=" + k + ", d=" + d + ", inertia=" + inertia + ", iterations=" + iterations
                + ", converged=" + converged + ", sizes=" + Arrays.toString(sizes) + "}";
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
    private KMeansModel(KMeansModel source, Provenance provenance) {
        this.names = source.names;
        this.k = source.k;
        this.d = source.d;
        this.centres = source.centres;
        this.inertia = source.inertia;
        this.iterations = source.iterations;
        this.converged = source.converged;
        this.sizes = source.sizes;
        this.history = source.history;
        this.trainingRows = source.trainingRows;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Returns a copy of this model carrying the given provenance; it scores bit-identically.
     *
     * @param provenance the record
     * @return a new model
     */
    @Override
    public KMeansModel withProvenance(Provenance provenance) {
        return new KMeansModel(this, provenance);
    }
}
