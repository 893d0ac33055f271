package dev.segmentation.pipeline;

import dev.segmentation.cluster.ClusterProfile;
import dev.segmentation.cluster.ClusterProfiles;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One segment of a {@link SegmentationResult}: the {@link ClusterProfile} of the segment (size, share, centre in
 * original units, distinguishing features; see {@link ClusterProfiles}) plus what the other stages add: mean
 * CLV, churn rate and most bought items.
 *
 * <p>The name is the profile's RFM name (the segment's mean R, F and M scores mapped by
 * {@link dev.segmentation.cluster.RfmRule}), made unique with a suffix (" 2", " 3") when two segments share it;
 * with the {@link dev.segmentation.cluster.RfmSegmenter} as the segments stage it is the cell's own name.
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
public final class SegmentSummary {
    private final ClusterProfile profile;
    private final String name;
    private final double meanClv;
    private final double churnRate;
    private final List<String> topItems;

    SegmentSummary(ClusterProfile profile, String name, double meanClv, double churnRate, List<String> topItems) {
        this.profile = profile;
        this.name = name;
        this.meanClv = meanClv;
        this.churnRate = churnRate;
        this.topItems = List.copyOf(topItems);
    }

    /**
     * Returns the segment's profile.
     *
     * @return the profile
     */
    public ClusterProfile profile() {
        return profile;
    }

    /**
     * Returns the segment index (the profile's label).
     *
     * @return the index, {@code >= 0}
     */
    public int segment() {
        return profile.label();
    }

    /**
     * Returns the readable name.
     *
     * @return the name, unique within the result
     */
    public String name() {
        return name;
    }

    /**
     * Returns the number of customers.
     *
     * @return the size, {@code >= 1}
     */
    public int size() {
        return profile.size();
    }

    /**
     * Returns the share of all customers.
     *
     * @return {@code size / customers}, in (0, 1]
     */
    public double share() {
        return profile.share();
    }

    /**
     * Returns the centre in original units ({@link ClusterProfile#centre()}) by feature name.
     *
     * @return a new unmodifiable map in feature order
     */
    public Map<String, Double> centre() {
        Map<String, Double> m = new LinkedHashMap<>();
        double[] c = profile.centre();
        List<String> names = profile.featureNames();
        for (int j = 0; j < c.length; j++) {
            m.put(names.get(j), c[j]);
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * Returns the mean CLV of the segment's customers.
     *
     * @return the mean, NaN if the lifetime-value stage did not run
     */
    public double meanClv() {
        return meanClv;
    }

    /**
     * Returns the churn rate: the mean P(churn) of the segment's customers.
     *
     * @return the rate, NaN if the churn stage did not run
     */
    public double churnRate() {
        return churnRate;
    }

    /**
     * Returns the segment's most bought items (by number of purchase lines, non-products left out), most first.
     *
     * @return an unmodifiable list of item ids, empty if the log has no items
     */
    public List<String> topItems() {
        return topItems;
    }

    @Override
    public String toString() {
        return "SegmentSummary{segment=" + segment() + ", name=" + name + ", size=" + size() + ", share=" + share()
                + ", centre=" + centre() + ", meanClv=" + meanClv + ", churnRate=" + churnRate + ", topItems="
                + topItems + "}";
    }
}
