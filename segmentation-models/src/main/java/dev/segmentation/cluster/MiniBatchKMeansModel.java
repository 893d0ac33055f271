package dev.segmentation.cluster;

import dev.segmentation.FittedModel;
import dev.segmentation.Provenance;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.internal.Internals;
import dev.segmentation.internal.ParamChecks;
import java.util.List;
import java.util.Arrays;
import java.util.Objects;

/**
 * The state of a streamed mini-batch k-means fit ({@link MiniBatchKMeans#partialFit}): the centres, the weight
 * each centre has received (its learning-rate denominator), and how many steps and rows went in. Feed it back to
 * {@link MiniBatchKMeans#partialFit(MiniBatchKMeansModel, FeatureMatrix)} with the next batch to get the next
 * state.
 *
 * <p>Instances are immutable and safe for concurrent use: arrays are copied in and out.
 */
public final class MiniBatchKMeansModel implements ClusterModel, FittedModel {
    private final Provenance provenance;

    private final String[] names;
    private final int k;
    private final int d;
    private final double[] centres;
    private final double[] counts;
    private final long steps;
    private final long rowsSeen;
    private final double lastBatchInertia;

    MiniBatchKMeansModel(String[] names, int k, double[] centres, double[] counts, long steps, long rowsSeen,
            double lastBatchInertia, Provenance provenance) {
        this.names = names.clone();
        this.k = k;
        this.d = names.length;
        this.centres = centres.clone();
        this.counts = counts.clone();
        this.steps = steps;
        this.rowsSeen = rowsSeen;
        this.lastBatchInertia = lastBatchInertia;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Rebuilds a fitted model from its state (as read by {@code dev.segmentation.persist}), checking it as a fit
     * would have produced it.
     *
     * @param names the feature names: non-empty and distinct. Not modified.
     * @param centroids k rows of {@code names.size()} finite values, {@code k >= 1}. Not modified.
     * @param counts the per-centre counts (weights seen), k finite values {@code >= 0}. Not modified.
     * @param steps the number of mini-batch steps taken, {@code >= 0}
     * @param rowsSeen the number of rows seen, {@code >= 0}
     * @param lastBatchInertia the last batch's inertia, finite and {@code >= 0}, or NaN if none
     * @param trainer the trainer's description ({@link Provenance#description()}, or a trainer's
     *     {@code toString} as model files of format versions 1 and 2 kept it), not null; it becomes the
     *     provenance ({@link Provenance#fromDescription(String)})
     * @return the model
     * @throws IllegalArgumentException if a parameter breaks its constraint, e.g.
     *     {@code "counts[0] must be finite and >= 0, found -1.0"}
     */
    public static MiniBatchKMeansModel of(List<String> names, double[][] centroids, double[] counts, long steps,
            long rowsSeen, double lastBatchInertia, String trainer) {
        String[] n = ParamChecks.names("names", names);
        double[] c = ModelParams.rows("centroids", centroids, n.length);
        int k = centroids.length;
        double[] w = ParamChecks.nonNegative("counts", counts, k, "one per centroid");
        ParamChecks.atLeast("steps", steps, 0);
        ParamChecks.atLeast("rowsSeen", rowsSeen, 0);
        ParamChecks.requireArgument(Double.isNaN(lastBatchInertia) || lastBatchInertia >= 0
                && Double.isFinite(lastBatchInertia), "lastBatchInertia must be finite and >= 0 or NaN, found %s",
                lastBatchInertia);
        Objects.requireNonNull(trainer, "trainer");
        return new MiniBatchKMeansModel(n, k, c, w, steps, rowsSeen, lastBatchInertia,
                Provenance.fromDescription(trainer).build());
    }

    double[] centresInternal() {
        return centres.clone();
    }

    String[] namesInternal() {
        return names.clone();
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
     * @return d
     */
    public int dimension() {
        return d;
    }

    /**
     * Returns the centres as a k x d matrix with the first batch's column names.
     *
     * @return a new matrix
     */
    public FeatureMatrix centroids() {
        return FeatureMatrix.of(Arrays.asList(names), k, centres);
    }

    /**
     * Returns the total weight each centre has received over all batches.
     *
     * @return a new array of length k
     */
    public double[] counts() {
        return counts.clone();
    }

    /**
     * Returns the number of {@code partialFit} steps made.
     *
     * @return the steps, {@code >= 1}
     */
    public long steps() {
        return steps;
    }

    /**
     * Returns the number of rows received over all batches.
     *
     * @return the rows
     */
    public long rowsSeen() {
        return rowsSeen;
    }

    /**
     * Returns the weighted inertia of the last batch against the centres before its step.
     *
     * @return the last batch's inertia
     */
    public double lastBatchInertia() {
        return lastBatchInertia;
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
     * Returns the nearest centre of one row (the lowest index on ties). Allocates nothing.
     *
     * @param row a row of width d, finite, positional: value j belongs to training column j (names are not
     *     checked; pass a FeatureMatrix to have them checked). Not modified.
     * @return the cluster, in {@code [0, k)}
     * @throws dev.segmentation.InvalidDataException "row: width must be 3, found 4", or a non-finite value
     */
    public int predict(double[] row) {
        Objects.requireNonNull(row, "row");
        DataChecks.requireRow(row, names);
        return MiniBatchKMeans.Step.nearest(row, 0, centres, k, d);
    }

    /**
     * Assigns every row of a matrix to its nearest centre.
     *
     * @param x rows of width d, finite, with the training columns' names in their order (checked). Not
     *     modified.
     * @param out receives the cluster of row i at index i; length at least n. Modified.
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
            out[i] = MiniBatchKMeans.Step.nearest(a, i * d, centres, k, d);
        }
    }

    /**
     * Returns the sum of squared distances from each row of x to its nearest centre.
     *
     * @param x rows of width d, finite, with the training columns' names in their order (checked). Not
     *     modified.
     * @return the inertia of these centres on x
     * @throws dev.segmentation.InvalidDataException if x has another width or a non-finite value
     */
    public double inertia(FeatureMatrix x) {
        Objects.requireNonNull(x, "x");
        DataChecks.requireMatrix(x, names);
        double[] a = Internals.data(x);
        double sum = 0;
        for (int i = 0, n = x.rows(); i < n; i++) {
            int c = MiniBatchKMeans.Step.nearest(a, i * d, centres, k, d);
            sum += LloydKernels.distance2(a, i * d, centres, c * d, d);
        }
        return sum;
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
        double[][] out = new double[k][];
        for (int c = 0; c < k; c++) {
            out[c] = Arrays.copyOfRange(centres, c * d, (c + 1) * d);
        }
        return out;
    }

    /**
     * Summarizes the state.
     *
     * @return k, d, steps and rows seen
     */
    @Override
    public String toString() {
        return "MiniBatchKMeansModel{k=" + k + ", d=" + d + ", steps=" + steps + ", rowsSeen=" + rowsSeen + "}";
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
    private MiniBatchKMeansModel(MiniBatchKMeansModel source, Provenance provenance) {
        this.names = source.names;
        this.k = source.k;
        this.d = source.d;
        this.centres = source.centres;
        this.counts = source.counts;
        this.steps = source.steps;
        this.rowsSeen = source.rowsSeen;
        this.lastBatchInertia = source.lastBatchInertia;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Returns a copy of this model carrying the given provenance; it scores bit-identically.
     *
     * @param provenance the record
     * @return a new model
     */
    @Override
    public MiniBatchKMeansModel withProvenance(Provenance provenance) {
        return new MiniBatchKMeansModel(this, provenance);
    }
}
