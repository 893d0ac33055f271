package dev.segmentation.cluster;

import java.util.List;
import java.util.Objects;

/**
 * The profile of one segment, from {@link ClusterProfiles}: size and share, centre in original units, the
 * features that most distinguish it from the other rows, and a readable name.
 *
 * <p>Instances are immutable and safe for concurrent use: arrays are copied out. Null is never returned.
 */
public final class ClusterProfile {
    private final int label;
    private final String name;
    private final int size;
    private final double share;
    private final List<String> featureNames;
    private final double[] centre;
    private final List<Contrast> distinguishing;

    ClusterProfile(int label, String name, int size, double share, List<String> featureNames, double[] centre,
            List<Contrast> distinguishing) {
        this.label = label;
        this.name = name;
        this.size = size;
        this.share = share;
        this.featureNames = List.copyOf(featureNames);
        this.centre = centre.clone();
        this.distinguishing = List.copyOf(distinguishing);
    }

    /**
     * Returns the segment's label, as given to {@link ClusterProfiles#profile}.
     *
     * @return the label, {@code >= 0}
     */
    public int label() {
        return label;
    }

    /**
     * Returns the readable name: the RFM segment name of the segment's mean R, F, M scores when an RFM model was
     * given, else {@code "Segment <label>"}. Two segments may share a name; the label tells them apart.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the number of rows in the segment.
     *
     * @return the size, {@code >= 1}
     */
    public int size() {
        return size;
    }

    /**
     * Returns the segment's share of the rows.
     *
     * @return size / n, in (0, 1]
     */
    public double share() {
        return share;
    }

    /**
     * Returns the feature names, the order of {@link #centre()}.
     *
     * @return an immutable list, the columns of the original matrix
     */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * Returns the centre in original units: the inverse transform of the segment's mean in the encoded space
     * (for k-means, its centroid; for log1p then standardize, a geometric-type mean), or the plain mean when no
     * invertible transform was given.
     *
     * @return a new array, one value per feature
     */
    public double[] centre() {
        return centre.clone();
    }

    /**
     * Returns the features that most distinguish the segment, by decreasing absolute standardized mean
     * difference (at most {@link ClusterProfiles.Builder#top(int) top}).
     *
     * @return an immutable list
     */
    public List<Contrast> distinguishing() {
        return distinguishing;
    }

    /**
     * Describes the profile.
     *
     * @return e.g. {@code ClusterProfile{label=2, name=Champions, size=812, share=0.187..., centre={recency=...},
     *     distinguishing=[frequency +1.9, ...]}}
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ClusterProfile{label=").append(label).append(", name=").append(name)
                .append(", size=").append(size).append(", share=").append(share).append(", centre={");
        for (int j = 0; j < centre.length; j++) {
            sb.append(j == 0 ? "" : ", ").append(featureNames.get(j)).append('=').append(centre[j]);
        }
        return sb.append("}, distinguishing=").append(distinguishing).append('}').toString();
    }

    /**
     * How one feature differs between a segment and the other rows. The effect is measured in the encoded space
     * (where the segments were found) and the means in original units, so with a skewing transform such as log1p
     * they can point different ways: a segment of steady mid-size spenders has a higher mean log spend but a lower
     * mean spend than a rest that holds a few very large accounts.
     *
     * <p>Instances are immutable and safe for concurrent use.
     */
    public static final class Contrast {
        private final String feature;
        private final double effect;
        private final double meanIn;
        private final double meanOut;

        Contrast(String feature, double effect, double meanIn, double meanOut) {
            this.feature = Objects.requireNonNull(feature, "feature");
            this.effect = effect;
            this.meanIn = meanIn;
            this.meanOut = meanOut;
        }

        /**
         * Returns the feature's name.
         *
         * @return the column name
         */
        public String feature() {
            return feature;
        }

        /**
         * Returns the standardized mean difference in the encoded space (Cohen's d with the pooled sample sd):
         * positive when the segment is above the other rows.
         *
         * @return the effect size; infinite when both groups are constant and differ
         */
        public double effect() {
            return effect;
        }

        /**
         * Returns the feature's mean over the segment, in original units.
         *
         * @return the arithmetic mean
         */
        public double meanIn() {
            return meanIn;
        }

        /**
         * Returns the feature's mean over the other rows, in original units.
         *
         * @return the arithmetic mean; NaN when there are no other rows
         */
        public double meanOut() {
            return meanOut;
        }

        /**
         * Describes the contrast.
         *
         * @return e.g. {@code "frequency d=+1.93 (12.1 vs 2.9)"}
         */
        @Override
        public String toString() {
            return feature + " d=" + (effect >= 0 ? "+" : "") + effect + " (" + meanIn + " vs " + meanOut + ")";
        }
    }
}
