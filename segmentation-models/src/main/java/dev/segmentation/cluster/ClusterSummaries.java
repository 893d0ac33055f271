package dev.segmentation.cluster;

import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.features.FeatureTransform;
import dev.segmentation.internal.Internals;
import dev.segmentation.internal.ParamChecks;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What one reports about a fitted {@link ClusterModel} on its data, for any model of the seam: segment sizes, the
 * mean silhouette where it is defined, and the centres in the data's original units. The command line's
 * {@code cluster} output is these calls plus formatting.
 */
public final class ClusterSummaries {
    private ClusterSummaries() {
    }

    /**
     * Counts the distinct rows of x, stopping at {@code atMost}: the check the clustering trainers make before a fit
     * (rows equal value for value, so {@code 0.0} and {@code -0.0} are one value), for a caller that words its own
     * message. O(n d atMost).
     *
     * @param x the rows; not null
     * @param atMost where to stop counting, {@code >= 1}
     * @return the number of distinct rows, or {@code atMost} if there are at least that many
     * @throws IllegalArgumentException if {@code atMost < 1}
     */
    public static int distinctRows(FeatureMatrix x, int atMost) {
        Objects.requireNonNull(x, "x");
        ParamChecks.atLeast("atMost", atMost, 1);
        return DataChecks.distinctRows(Internals.data(x), x.rows(), x.columns(), atMost);
    }

    /**
     * Counts the rows per segment.
     *
     * @param labels the segment of each row, each in {@code [0, k)}; not null. Not modified.
     * @param k the number of segments, {@code >= 1}
     * @return a new array of k counts (empty segments count 0)
     * @throws IllegalArgumentException if a label is outside {@code [0, k)}
     */
    public static long[] sizes(int[] labels, int k) {
        Objects.requireNonNull(labels, "labels");
        ParamChecks.atLeast("k", k, 1);
        long[] sizes = new long[k];
        for (int i = 0; i < labels.length; i++) {
            int l = labels[i];
            ParamChecks.requireArgument(l >= 0 && l < k, "labels[%s] must be in [0, %s), found %s", i, k, l);
            sizes[l]++;
        }
        return sizes;
    }

    /**
     * The mean silhouette of a labelling, where it is defined: with at least two non-empty segments and fewer
     * non-empty segments than rows (else empty). Exact ({@link ClusterQuality#silhouette(FeatureMatrix, int[])})
     * or on a seeded sample of {@code min(n, sampleSize)} rows
     * ({@link ClusterQuality#silhouette(FeatureMatrix, int[], int, long)}).
     *
     * @param x the rows the labels belong to; not null. Not modified.
     * @param labels the segment of each row; not null. Not modified.
     * @param k the number of segments, {@code >= 1}
     * @param exact whether to use every row
     * @param sampleSize the sample size when not exact, {@code >= 1}
     * @param seed the sample's seed
     * @return the mean silhouette, or empty where it is not defined
     */
    public static OptionalDouble silhouette(FeatureMatrix x, int[] labels, int k, boolean exact, int sampleSize,
            long seed) {
        Objects.requireNonNull(x, "x");
        ParamChecks.atLeast("sampleSize", sampleSize, 1);
        int distinct = 0;
        for (long s : sizes(labels, k)) {
            distinct += s > 0 ? 1 : 0;
        }
        int n = x.rows();
        if (distinct < 2 || distinct > n - 1) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(exact ? ClusterQuality.silhouette(x, labels)
                : ClusterQuality.silhouette(x, labels, silhouetteSampleSize(n, exact, sampleSize), seed));
    }

    /**
     * The number of rows {@link #silhouette} uses.
     *
     * @param rows the number of rows n
     * @param exact whether every row is used
     * @param sampleSize the sample size when not exact
     * @return n when exact, else {@code min(n, sampleSize)}
     */
    public static int silhouetteSampleSize(int rows, boolean exact, int sampleSize) {
        return exact ? rows : Math.min(rows, sampleSize);
    }

    /**
     * The model's centres ({@link ClusterModel#centres()}) as a k x d matrix with its column names, mapped back
     * to the original units through the encoder's inverse when one is given.
     *
     * @param model the model; not null
     * @param encoder the fitted encoder the model's input went through, invertible, or null for none
     * @return a new matrix, row c for segment c
     * @throws UnsupportedOperationException if the encoder is not invertible
     */
    public static FeatureMatrix centres(ClusterModel model, FeatureTransform encoder) {
        Objects.requireNonNull(model, "model");
        double[][] c = model.centres();
        FeatureMatrix m = FeatureMatrix.ofRows(model.columnNames(), c);
        return encoder == null ? m : encoder.inverseTransform(m);
    }
}
