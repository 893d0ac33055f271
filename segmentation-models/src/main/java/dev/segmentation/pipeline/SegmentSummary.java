package dev.segmentation.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One segment of a {@link SegmentationResult}: its size, share, centre in original units, mean CLV, churn rate
 * and most bought items.
 *
 * <p>The centre is the mean of each raw (unencoded) feature over the segment's customers, so it reads in days,
 * orders and currency whatever encoders the model saw. The name is the RFM name ({@link
 * dev.segmentation.cluster.RfmRule}) of the centre's recency, frequency and monetary value scored on the
 * customer quintiles, made unique with a suffix (" 2", " 3") when two segments share it; with the
 * {@link dev.segmentation.cluster.RfmSegmenter} as the segments stage it is the cell's own name.
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
public final class SegmentSummary {
    private final int segment;
    private final String name;
    private final int size;
    private final double share;
    private final Map<String, Double> centre;
    private final double meanClv;
    private final double churnRate;
    private final List<String> topItems;

    SegmentSummary(int segment, String name, int size, double share, Map<String, Double> centre, double meanClv,
            double churnRate, List<String> topItems) {
        this.segment = segment;
        this.name = name;
        this.size = size;
        this.share = share;
        this.centre = Collections.unmodifiableMap(new LinkedHashMap<>(centre));
        this.meanClv = meanClv;
        this.churnRate = churnRate;
        this.topItems = List.copyOf(topItems);
    }

    /**
     * Returns the segment index.
     *
     * @return the index, {@code 0..k-1}
     */
    public int segment() {
        return segment;
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
     * @return the size, possibly 0
     */
    public int size() {
        return size;
    }

    /**
     * Returns the share of all customers.
     *
     * @return {@code size / customers}, in [0, 1]
     */
    public double share() {
        return share;
    }

    /**
     * Returns the centre in original units: feature name to its mean over the segment.
     *
     * @return an unmodifiable map in feature order; values NaN for an empty segment
     */
    public Map<String, Double> centre() {
        return centre;
    }

    /**
     * Returns the mean CLV of the segment's customers.
     *
     * @return the mean, NaN if the lifetime-value stage did not run or the segment is empty
     */
    public double meanClv() {
        return meanClv;
    }

    /**
     * Returns the churn rate: the mean P(churn) of the segment's customers.
     *
     * @return the rate, NaN if the churn stage did not run or the segment is empty
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
        return "SegmentSummary{segment=" + segment + ", name=" + name + ", size=" + size + ", share=" + share
                + ", centre=" + centre + ", meanClv=" + meanClv + ", churnRate=" + churnRate + ", topItems="
                + topItems + "}";
    }
}
