package dev.segmentation.pipeline;

import dev.segmentation.cluster.ClusterProfile;
import dev.segmentation.cluster.ClusterProfiles;
import dev.segmentation.cluster.SegmentAction;
import dev.segmentation.cluster.SegmentMedians;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One segment of a {@link SegmentationResult}: the {@link ClusterProfile} of the segment (size, share, centre in
 * original units, distinguishing features; see {@link ClusterProfiles}) plus its members' medians and means in
 * original units, revenue and revenue share, total and mean CLV, value at risk, predicted and observed churn,
 * its name, archetype and suggested action, and its most bought and most distinctive items.
 *
 * <p><b>Names.</b> For k-means and Gaussian-mixture segments the name comes from
 * {@link dev.segmentation.cluster.SegmentArchetypes}: an archetype ("Champions", "At Risk", ...) whose conditions
 * the segment's medians meet, chosen by an optimal one-to-one assignment, or a descriptive name ("Recent one-time
 * buyers"); names are unique and never carry a numeric suffix. With a previous bundle
 * ({@link Segmentation#previous}) a segment matched to an old one keeps its name while the name still fits. With
 * the {@link dev.segmentation.cluster.RfmSegmenter} as the segments stage the name is the cell's own name.
 *
 * <p><b>Ids.</b> On a fresh k-means or mixture fit, ids are ordered by value: segment 0 has the highest mean
 * CLV (without the lifetime-value stage, the highest mean monetary value).
 *
 * <p><b>Distinctive items</b> are ranked by lift: the share of the segment's customers who bought the item over
 * the share of all customers who did, among items bought by at least {@value #MIN_ITEM_SUPPORT} of the segment's
 * customers and at least {@value #MIN_ITEM_CUSTOMERS} of them (ties by more buyers, then item id); the top
 * {@value #DISTINCTIVE_ITEMS} are kept. {@link #topItems()} keeps its meaning: the most bought items.
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
public final class SegmentSummary {
    /** The minimum share of a segment's customers who bought an item for it to be a distinctive item. */
    public static final double MIN_ITEM_SUPPORT = 0.05;
    /** The minimum number of a segment's customers who bought an item for it to be a distinctive item. */
    public static final int MIN_ITEM_CUSTOMERS = 5;
    /** The number of distinctive items kept per segment. */
    public static final int DISTINCTIVE_ITEMS = 5;

    private final ClusterProfile profile;
    private final String name;
    private final double meanClv;
    private final double churnRate;
    private final List<String> topItems;
    private final Stats stats;

    /** The figures beyond the profile; package-private carrier filled by the pipeline. */
    static final class Stats {
        Map<String, Double> medians = Map.of();
        Map<String, Double> means = Map.of();
        SegmentMedians rfmMedians;
        double revenue;
        double revenueShare;
        double clvTotal = Double.NaN;
        double valueAtRisk = Double.NaN;
        double observedChurn = Double.NaN;
        String archetype = "";
        SegmentAction action;
        List<String> distinctiveItems = List.of();
        Map<String, String> itemDescriptions = Map.of();
    }

    SegmentSummary(ClusterProfile profile, String name, double meanClv, double churnRate, List<String> topItems,
            Stats stats) {
        this.profile = profile;
        this.name = name;
        this.meanClv = meanClv;
        this.churnRate = churnRate;
        this.topItems = List.copyOf(topItems);
        this.stats = stats;
    }

    /**
     * Returns the members' median of every model feature, in original units.
     *
     * @return an unmodifiable map in feature order
     */
    public Map<String, Double> medians() {
        return stats.medians;
    }

    /**
     * Returns the members' mean of every model feature, in original units.
     *
     * @return an unmodifiable map in feature order
     */
    public Map<String, Double> means() {
        return stats.means;
    }

    /**
     * Returns the medians the name was chosen by: recency days, orders, spend and the R, F, M scores, with the
     * shares of lapsed and overdue members.
     *
     * @return the medians
     */
    public SegmentMedians rfmMedians() {
        return stats.rfmMedians;
    }

    /**
     * Returns the segment's revenue: the sum of its members' monetary value (total spend before the as-of date).
     *
     * @return the revenue
     */
    public double revenue() {
        return stats.revenue;
    }

    /**
     * Returns the segment's share of all customers' revenue.
     *
     * @return the share in [0, 1] (0 when nobody spent anything)
     */
    public double revenueShare() {
        return stats.revenueShare;
    }

    /**
     * Returns the sum of the members' CLV.
     *
     * @return the total, NaN if the lifetime-value stage did not run
     */
    public double clvTotal() {
        return stats.clvTotal;
    }

    /**
     * Returns the value at risk: the sum over members of CLV x P(churn).
     *
     * @return the value, NaN unless both the lifetime-value and the churn stage ran
     */
    public double valueAtRisk() {
        return stats.valueAtRisk;
    }

    /**
     * Returns the observed churn rate: among the members labelled by the churn stage's training data (customers
     * active before its cut-off), the share who did not buy within the horizon after it.
     *
     * @return the rate, NaN if the churn stage did not run or labelled no member
     */
    public double observedChurn() {
        return stats.observedChurn;
    }

    /**
     * Returns the archetype behind the name.
     *
     * @return the archetype's name, or {@code ""} when the name is descriptive (or a RFM cell's)
     */
    public String archetype() {
        return stats.archetype;
    }

    /**
     * Returns the suggested action ({@link SegmentAction}: label, campaign and churn band for {@code plan}).
     *
     * @return the action
     */
    public SegmentAction action() {
        return stats.action;
    }

    /**
     * Returns the segment's distinctive items (see the class comment), most distinctive first.
     *
     * @return an unmodifiable list of item ids, empty if the log has no items
     */
    public List<String> distinctiveItems() {
        return stats.distinctiveItems;
    }

    /**
     * Returns the descriptions of the items in {@link #topItems()} and {@link #distinctiveItems()}, where the
     * log has them ({@link dev.segmentation.data.TransactionLog#itemDescription(int)}).
     *
     * @return an unmodifiable map from item id to description, in list order; empty without descriptions
     */
    public Map<String, String> itemDescriptions() {
        return stats.itemDescriptions;
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
                + topItems + ", archetype=" + stats.archetype + ", action=" + stats.action + "}";
    }
}
