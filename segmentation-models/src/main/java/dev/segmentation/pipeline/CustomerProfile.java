package dev.segmentation.pipeline;

import java.util.List;

/**
 * One customer's row of a {@link SegmentationResult}: the segment, the RFM scores and the scores of every stage
 * that ran. A value whose stage did not run is NaN (numbers), -1 with name {@code ""} (segment) or an empty
 * list (items).
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
public final class CustomerProfile {
    private final String id;
    private final int segment;
    private final String segmentName;
    private final int r;
    private final int f;
    private final int m;
    private final double pChurn;
    private final double pAlive;
    private final double expectedPurchases;
    private final double clv;
    private final List<String> topItems;

    CustomerProfile(String id, int segment, String segmentName, int r, int f, int m, double pChurn, double pAlive,
            double expectedPurchases, double clv, List<String> topItems) {
        this.id = id;
        this.segment = segment;
        this.segmentName = segmentName;
        this.r = r;
        this.f = f;
        this.m = m;
        this.pChurn = pChurn;
        this.pAlive = pAlive;
        this.expectedPurchases = expectedPurchases;
        this.clv = clv;
        this.topItems = List.copyOf(topItems);
    }

    /**
     * Returns the original customer id.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * Returns the segment index, {@code 0..k-1}.
     *
     * @return the segment, or -1 if the segments stage did not run
     */
    public int segment() {
        return segment;
    }

    /**
     * Returns the segment's readable name ({@link SegmentSummary#name()}).
     *
     * @return the name, or {@code ""} if the segments stage did not run
     */
    public String segmentName() {
        return segmentName;
    }

    /**
     * Returns the recency score, 1..5 (5 = most recent fifth), from the RFM quintiles.
     *
     * @return the R score
     */
    public int recencyScore() {
        return r;
    }

    /**
     * Returns the frequency score, 1..5 (5 = most frequent fifth).
     *
     * @return the F score
     */
    public int frequencyScore() {
        return f;
    }

    /**
     * Returns the monetary score, 1..5 (5 = highest spending fifth).
     *
     * @return the M score
     */
    public int monetaryScore() {
        return m;
    }

    /**
     * Returns the probability of no purchase within the churn horizon.
     *
     * @return P(churn) in [0, 1], or NaN if the churn stage did not run
     */
    public double churnProbability() {
        return pChurn;
    }

    /**
     * Returns the probability that the customer is still active, from the transaction model.
     *
     * @return P(alive) in [0, 1], or NaN if the lifetime-value stage did not run
     */
    public double aliveProbability() {
        return pAlive;
    }

    /**
     * Returns the expected number of purchases over the lifetime-value horizon.
     *
     * @return the expectation, or NaN if the lifetime-value stage did not run
     */
    public double expectedPurchases() {
        return expectedPurchases;
    }

    /**
     * Returns the discounted customer lifetime value over the horizon, in the log's currency.
     *
     * @return the CLV, or NaN if the lifetime-value stage did not run
     */
    public double clv() {
        return clv;
    }

    /**
     * Returns the recommended item ids, best first, leaving out items the customer already bought.
     *
     * @return an unmodifiable list, empty if the recommendations stage did not run
     */
    public List<String> topItems() {
        return topItems;
    }

    @Override
    public String toString() {
        return "CustomerProfile{id=" + id + ", segment=" + segment + ", segmentName=" + segmentName + ", rfm=" + r
                + f + m + ", pChurn=" + pChurn + ", pAlive=" + pAlive + ", expectedPurchases=" + expectedPurchases
                + ", clv=" + clv + ", topItems=" + topItems + "}";
    }
}
