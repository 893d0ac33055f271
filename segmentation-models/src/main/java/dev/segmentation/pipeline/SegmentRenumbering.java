package dev.segmentation.pipeline;

import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.cluster.DegenerateComponent;
import dev.segmentation.cluster.GaussianMixtureModel;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.internal.ParamChecks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How the pipeline's summaries stage numbers and names segments, shared by every engine that runs the pipeline
 * (the single-JVM {@link Segmentation} and {@code dev.segmentation.spark.SparkSegmentation}), so that the same
 * fitted model gets the same ids and names wherever it was fitted:
 * <ul>
 *   <li>{@link #byValue}: segment 0 the highest mean value (CLV, else monetary value), empty segments last, ties
 *   by the fitted label;</li>
 *   <li>{@link #relabel}: the fitted model with its segments moved to those ids;</li>
 *   <li>{@link #unusedName}: the catalog name of a segment no customer belongs to.</li>
 * </ul>
 *
 * <p>All methods are pure and safe for concurrent use.
 */
public final class SegmentRenumbering {
    private SegmentRenumbering() {
    }

    /**
     * New ids ordered by value: {@code newId[old]}, segment 0 the highest {@code mean[old]}; ties keep the old
     * order. Callers give {@link Double#NEGATIVE_INFINITY} for an empty segment (so empty segments come last) and
     * {@code -Double.MAX_VALUE} for a segment with members but no defined value (before the empty ones). Means
     * are compared as {@link Double#compare} does. O(k log k).
     *
     * @param mean each old segment's mean value. Not modified.
     * @return {@code newId}, a permutation of {@code 0..k-1}
     */
    public static int[] byValue(double[] mean) {
        Objects.requireNonNull(mean, "mean");
        int k = mean.length;
        Integer[] order = new Integer[k];
        for (int c = 0; c < k; c++) {
            order[c] = c;
        }
        double[] m = mean.clone();
        Arrays.sort(order, (a, b) -> {
            int byValue = Double.compare(m[b], m[a]);
            return byValue != 0 ? byValue : Integer.compare(a, b);
        });
        int[] newId = new int[k];
        for (int r = 0; r < k; r++) {
            newId[order[r]] = r;
        }
        return newId;
    }

    /**
     * The segmentation model with segment {@code c} moved to {@code newId[c]}: k-means and mixtures are rebuilt
     * with their parameters permuted (centres and sizes; weights, means, covariances and degenerate-component
     * reports) and their provenance kept, so a bundle holds the relabelled model of the same type with the fit's
     * whole provenance record; any other {@link ClusterModel} is wrapped, its predictions mapped through
     * {@code newId}. O(k d^2).
     *
     * @param model the fitted model; not null. Not modified.
     * @param newId a permutation of {@code 0..k-1}, as {@link #byValue} returns. Not modified (copied).
     * @return the relabelled model
     * @throws IllegalArgumentException if {@code newId} is not a permutation of {@code 0..k-1}: "newId must be a
     *     permutation of 0..2, found [0, 0, 1]"
     */
    public static ClusterModel relabel(ClusterModel model, int[] newId) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(newId, "newId");
        int k = model.k();
        boolean[] seen = new boolean[k];
        boolean ok = newId.length == k;
        for (int i = 0; ok && i < k; i++) {
            ok = newId[i] >= 0 && newId[i] < k && !seen[newId[i]];
            if (ok) {
                seen[newId[i]] = true;
            }
        }
        if (!ok) {
            throw new IllegalArgumentException("newId must be a permutation of 0.." + (k - 1) + ", found "
                    + Arrays.toString(newId));
        }
        if (model instanceof KMeansModel km) {
            return relabel(km, newId);
        }
        if (model instanceof GaussianMixtureModel gm) {
            return relabel(gm, newId);
        }
        return new RelabelledClusterModel(model, newId);
    }

    /**
     * The catalog name of a segment that no customer belongs to (a mixture's component that is no customer's
     * most probable): {@code "Unused segment A"}, {@code "B"}, ... for the first 26 such segments in id order,
     * then {@code "Unused segment #<id>"}.
     *
     * @param unused how many unused segments come before this one in id order, {@code >= 0}
     * @param id the segment's id
     * @return the name
     * @throws IllegalArgumentException "unused must be >= 0, found -1"
     */
    public static String unusedName(int unused, int id) {
        ParamChecks.atLeast("unused", unused, 0);
        return "Unused segment " + (unused < 26 ? String.valueOf((char) ('A' + unused)) : "#" + id);
    }

    /** The k-means model with centre {@code c} moved to {@code newId[c]}. */
    private static KMeansModel relabel(KMeansModel m, int[] newId) {
        double[][] c = m.centroidArray();
        long[] sizes = m.sizes();
        double[][] pc = new double[c.length][];
        long[] ps = new long[c.length];
        for (int j = 0; j < c.length; j++) {
            pc[newId[j]] = c[j];
            ps[newId[j]] = sizes[j];
        }
        return KMeansModel.of(m.centroids().names(), pc, m.inertia(), m.iterations(), m.converged(), ps, m.history(),
                m.trainer(), m.trainingRows(), m.dataFingerprint()).withProvenance(m.provenance());
    }

    /** The mixture with component {@code c} moved to {@code newId[c]}. */
    private static GaussianMixtureModel relabel(GaussianMixtureModel m, int[] newId) {
        int k = m.k();
        int d = m.dimension();
        double[] w = m.weights();
        double[] mu = m.means().toArray();
        double[][][] cov = m.covariances();
        double[] pw = new double[k];
        double[][] pm = new double[k][];
        double[][][] pcov = new double[k][][];
        for (int j = 0; j < k; j++) {
            pw[newId[j]] = w[j];
            pm[newId[j]] = Arrays.copyOfRange(mu, j * d, (j + 1) * d);
            pcov[newId[j]] = cov[j];
        }
        List<DegenerateComponent> deg = new ArrayList<>();
        for (DegenerateComponent dc : m.degenerateComponents()) {
            deg.add(new DegenerateComponent(dc.iteration(), newId[dc.component()], dc.kind()));
        }
        return GaussianMixtureModel.of(m.means().names(), m.covarianceType(), pw, pm, pcov, m.logLikelihoods(),
                m.iterations(), m.converged(), deg, m.trainer(), m.trainingRows(), m.dataFingerprint())
                .withProvenance(m.provenance());
    }
}
