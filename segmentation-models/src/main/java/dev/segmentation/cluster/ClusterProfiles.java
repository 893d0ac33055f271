package dev.segmentation.cluster;

import dev.segmentation.InvalidDataException;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.features.FeatureTransform;
import dev.segmentation.internal.Internals;
import dev.segmentation.internal.ParamChecks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Describes segments (clusters, RFM groups, any labelling of customers) for people: per segment its size and
 * share, its centre in original units, the features that most distinguish it, and a readable name.
 *
 * <p><b>Spaces.</b> {@link #profile(FeatureMatrix, int[])} takes the features in original units and the labels.
 * With a fitted {@link Builder#transform(FeatureTransform) transform} (the encoder the clustering saw, e.g.
 * {@code EncoderPipeline} of {@code Log1p} then {@code Standardizer}) the rows are encoded first; the centre is
 * the inverse transform of the segment's encoded mean (so for k-means it is the centroid in original units), and
 * contrasts are measured in the encoded space, where the clustering was done.
 *
 * <p><b>Distinguishing features.</b> For segment c and feature j, the standardized mean difference against all
 * other rows (Cohen's d, Cohen 1988, eq. 2.5.2, with the pooled sample sd):
 * {@code d = (mean_in - mean_out) / sqrt(((n_in - 1) s_in^2 + (n_out - 1) s_out^2) / (n_in + n_out - 2))}.
 * Features are ranked by {@code |d|} (ties by column order), and the top {@link Builder#top(int) top} are kept.
 * With a single segment every d is 0; when the pooled sd is 0, d is 0 if the means are equal and infinite
 * otherwise.
 *
 * <p><b>Names.</b> With an {@link Builder#rfm(RfmSegmenterModel) RFM model}, a segment is named after its RFM
 * position: the means of its members' R, F and M scores, each rounded half up, give R and FM
 * ({@link RfmSegmenterModel#fm(int, int)}), and the model's map gives the name (e.g. "Champions"). The original
 * matrix must then hold the model's three columns. Without one, segments are named {@code "Segment <label>"}.
 *
 * <p>Cost: O(n d) plus the transform. Instances are immutable and safe for concurrent use. Null is never
 * accepted or returned.
 */
public final class ClusterProfiles {
    private final FeatureTransform transform;
    private final RfmSegmenterModel rfm;
    private final int top;

    private ClusterProfiles(Builder b) {
        this.transform = b.transform;
        this.rfm = b.rfm;
        this.top = b.top;
    }

    /**
     * Returns a builder with the defaults: no transform (original units throughout), no RFM names, top 3.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Profiles each label that occurs, in increasing label order.
     *
     * @param original the features in original units, one row per labelled row. Not modified.
     * @param labels each row's segment, {@code >= 0}. Not modified.
     * @return one profile per distinct label, an immutable list
     * @throws InvalidDataException if the lengths differ ({@code "labels: length must be 100, found 99"}), a label
     *     is negative (naming the row), the matrix has no rows or a non-finite value, or an RFM model is given
     *     and a column of it is missing
     */
    public List<ClusterProfile> profile(FeatureMatrix original, int[] labels) {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(labels, "labels");
        return profiled(original, null, labels);
    }

    /**
     * Profiles as {@link #profile(FeatureMatrix, int[])} does, given the rows already encoded by this profiler's
     * {@link Builder#transform(FeatureTransform) transform} (e.g. the matrix the clustering was fitted on), which
     * is then not applied again: the same profiles as that method when {@code encoded} is
     * {@code transform.transform(original)}. Without a transform, {@code encoded} is ignored.
     *
     * @param original the features in original units, one row per labelled row. Not modified.
     * @param encoded the transform of {@code original}, row for row. Not modified.
     * @param labels each row's segment, {@code >= 0}. Not modified.
     * @return one profile per distinct label, an immutable list
     * @throws InvalidDataException as {@link #profile(FeatureMatrix, int[])}, or if {@code encoded} has another
     *     number of rows ({@code "encoded: rows must be 100, found 99"})
     */
    public List<ClusterProfile> profile(FeatureMatrix original, FeatureMatrix encoded, int[] labels) {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(encoded, "encoded");
        Objects.requireNonNull(labels, "labels");
        if (encoded.rows() != original.rows()) {
            throw new InvalidDataException("encoded: rows must be " + original.rows() + ", found " + encoded.rows());
        }
        return profiled(original, transform == null ? null : encoded, labels);
    }

    /** Profiles with the encoded rows given, or null to encode them here. */
    private List<ClusterProfile> profiled(FeatureMatrix original, FeatureMatrix given, int[] labels) {
        int n = original.rows();
        int d = original.columns();
        if (labels.length != n) {
            throw new InvalidDataException("labels: length must be " + n + ", found " + labels.length);
        }
        if (n == 0) {
            throw new InvalidDataException("original: rows must be >= 1, found 0");
        }
        original.requireFinite();
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0) {
                throw new InvalidDataException("labels: row " + i + " must be >= 0, found " + labels[i], i,
                        "label", null);
            }
            k = Math.max(k, labels[i] + 1);
        }
        FeatureMatrix encoded = transform == null ? original : given != null ? given : transform.transform(original);
        int e = encoded.columns();
        double[] xo = Internals.data(original);
        double[] xe = Internals.data(encoded);
        int[] size = new int[k];
        double[] sumO = new double[k * d];
        double[] sumE = new double[k * e];
        double[] totalO = new double[d];
        double[] totalE = new double[e];
        for (int i = 0; i < n; i++) {
            int c = labels[i];
            size[c]++;
            for (int j = 0; j < d; j++) {
                sumO[c * d + j] += xo[i * d + j];
                totalO[j] += xo[i * d + j];
            }
            for (int j = 0; j < e; j++) {
                sumE[c * e + j] += xe[i * e + j];
                totalE[j] += xe[i * e + j];
            }
        }
        // second pass: sums of squared deviations from each group's mean (in and out of each segment)
        double[] meanE = new double[k * e];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < e && size[c] > 0; j++) {
                meanE[c * e + j] = sumE[c * e + j] / size[c];
            }
        }
        double[] ssIn = new double[k * e];
        double[] ssAll = new double[e];
        double[] grand = new double[e];
        for (int j = 0; j < e; j++) {
            grand[j] = totalE[j] / n;
        }
        for (int i = 0; i < n; i++) {
            int c = labels[i];
            for (int j = 0; j < e; j++) {
                double t = xe[i * e + j] - meanE[c * e + j];
                ssIn[c * e + j] += t * t;
                double g = xe[i * e + j] - grand[j];
                ssAll[j] += g * g;
            }
        }
        double[][] rfmMeans = rfm == null ? null : rfmMeans(original, labels, size);
        List<ClusterProfile> out = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            if (size[c] == 0) {
                continue;
            }
            double[] centre = centre(c, size[c], d, e, sumO, meanE, encoded.names());
            List<ClusterProfile.Contrast> contrasts = contrasts(c, n, size[c], d, e, sumO, totalO, sumE, totalE,
                    meanE, ssIn, ssAll, grand, encoded.names(), original.names());
            String name = rfmMeans == null ? "Segment " + c : rfmName(rfmMeans[c]);
            out.add(new ClusterProfile(c, name, size[c], (double) size[c] / n, original.names(), centre, contrasts));
        }
        return List.copyOf(out);
    }

    private double[] centre(int c, int size, int d, int e, double[] sumO, double[] meanE, List<String> encodedNames) {
        if (transform != null && transform.invertible()) {
            FeatureMatrix m = FeatureMatrix.of(encodedNames, 1, Arrays.copyOfRange(meanE, c * e, c * e + e));
            return transform.inverseTransform(m).row(0, new double[d]);
        }
        double[] centre = new double[d];
        for (int j = 0; j < d; j++) {
            centre[j] = sumO[c * d + j] / size;
        }
        return centre;
    }

    private List<ClusterProfile.Contrast> contrasts(int c, int n, int size, int d, int e, double[] sumO,
            double[] totalO, double[] sumE, double[] totalE, double[] meanE, double[] ssIn, double[] ssAll,
            double[] grand, List<String> encodedNames, List<String> originalNames) {
        int nOut = n - size;
        double[] effect = new double[e];
        for (int j = 0; j < e; j++) {
            if (nOut == 0) {
                continue;
            }
            double meanIn = meanE[c * e + j];
            double meanOut = (totalE[j] - sumE[c * e + j]) / nOut;
            double dIn = meanIn - grand[j];
            double dOut = meanOut - grand[j];
            // total = within-in + within-out + between: the out-group's sum of squares without a third pass
            double ssOut = Math.max(0, ssAll[j] - ssIn[c * e + j] - size * dIn * dIn - nOut * dOut * dOut);
            double pooled = n > 2 ? Math.sqrt((ssIn[c * e + j] + ssOut) / (n - 2)) : 0;
            double diff = meanIn - meanOut;
            effect[j] = pooled > 0 ? diff / pooled : diff == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, diff);
        }
        Integer[] order = new Integer[e];
        for (int j = 0; j < e; j++) {
            order[j] = j;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -Math.abs(effect[j]))
                .thenComparingInt(j -> j));
        List<ClusterProfile.Contrast> out = new ArrayList<>();
        for (int t = 0; t < Math.min(top, e); t++) {
            int j = order[t];
            String name = encodedNames.get(j);
            int o = originalNames.indexOf(name);
            double in = o < 0 ? Double.NaN : sumO[c * d + o] / size;
            double rest = o < 0 || nOut == 0 ? Double.NaN : (totalO[o] - sumO[c * d + o]) / nOut;
            out.add(new ClusterProfile.Contrast(name, effect[j], in, rest));
        }
        return out;
    }

    private String rfmName(double[] means) {
        int r = (int) Math.floor(means[0] + 0.5);
        int f = (int) Math.floor(means[1] + 0.5);
        int m = (int) Math.floor(means[2] + 0.5);
        return rfm.name(r, RfmSegmenterModel.fm(f, m));
    }

    private double[][] rfmMeans(FeatureMatrix original, int[] labels, int[] size) {
        RfmSegments s = rfm.segment(original);
        double[][] means = new double[size.length][3];
        for (int i = 0; i < labels.length; i++) {
            double[] mu = means[labels[i]];
            mu[0] += s.r(i);
            mu[1] += s.f(i);
            mu[2] += s.m(i);
        }
        for (int c = 0; c < size.length; c++) {
            for (int j = 0; j < 3 && size[c] > 0; j++) {
                means[c][j] /= size[c];
            }
        }
        return means;
    }

    /**
     * Lists every setting, e.g. {@code ClusterProfiles{transform=none, rfm=none, top=3}}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "ClusterProfiles{transform=" + (transform == null ? "none" : transform) + ", rfm="
                + (rfm == null ? "none" : rfm.trainer()) + ", top=" + top + "}";
    }

    /**
     * Mutable, single-threaded builder of {@link ClusterProfiles}. {@link #build()} does not change it.
     */
    public static final class Builder {
        private FeatureTransform transform;
        private RfmSegmenterModel rfm;
        private int top = 3;

        private Builder() {
        }

        /**
         * Sets the fitted encoder the segments were found in. Default none (original units).
         *
         * @param transform a fitted transform of the original features; its inverse gives centres in original
         *     units when {@link FeatureTransform#invertible()}, else centres are plain means
         * @return this builder
         */
        public Builder transform(FeatureTransform transform) {
            this.transform = Objects.requireNonNull(transform, "transform");
            return this;
        }

        /**
         * Names segments after their RFM position with this fitted model. Default none.
         *
         * @param rfm a fitted RFM segmenter
         * @return this builder
         */
        public Builder rfm(RfmSegmenterModel rfm) {
            this.rfm = Objects.requireNonNull(rfm, "rfm");
            return this;
        }

        /**
         * Sets how many distinguishing features each profile lists. Default 3.
         *
         * @param top the count, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException if {@code top < 1}: {@code "top must be >= 1, found 0"}
         */
        public Builder top(int top) {
            ParamChecks.atLeast("top", top, 1);
            this.top = top;
            return this;
        }

        /**
         * Creates the profiler.
         *
         * @return the immutable profiler
         */
        public ClusterProfiles build() {
            return new ClusterProfiles(this);
        }
    }
}
