package dev.segmentation.streaming;

/**
 * One customer's scores from a {@link CustomerScorer}. A score whose model the scorer was not given is
 * {@code -1} (segment) or NaN (the others).
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
public final class CustomerScore {
    private final int segment;
    private final double churnProbability;
    private final double probabilityAlive;
    private final double expectedPurchases;
    private final double lifetimeValue;

    CustomerScore(int segment, double churnProbability, double probabilityAlive, double expectedPurchases,
            double lifetimeValue) {
        this.segment = segment;
        this.churnProbability = churnProbability;
        this.probabilityAlive = probabilityAlive;
        this.expectedPurchases = expectedPurchases;
        this.lifetimeValue = lifetimeValue;
    }

    /**
     * Returns the segment (the nearest k-means centre).
     *
     * @return its index, or -1 without a segmenter
     */
    public int segment() {
        return segment;
    }

    /**
     * Returns P(churn) from the logistic model.
     *
     * @return the probability, or NaN without a churn model
     */
    public double churnProbability() {
        return churnProbability;
    }

    /**
     * Returns P(alive) from the BTYD model.
     *
     * @return the probability, or NaN without a BTYD model
     */
    public double probabilityAlive() {
        return probabilityAlive;
    }

    /**
     * Returns the expected number of purchases over the scorer's horizon, {@code E[Y(t) | x, t_x, T]}.
     *
     * @return the expectation, or NaN without a BTYD model
     */
    public double expectedPurchases() {
        return expectedPurchases;
    }

    /**
     * Returns the customer lifetime value ({@code dev.segmentation.clv.Clv#customerValue}).
     *
     * @return the value, or NaN without a BTYD and a Gamma-Gamma model
     */
    public double lifetimeValue() {
        return lifetimeValue;
    }

    @Override
    public String toString() {
        return "CustomerScore{segment=" + segment + ", churnProbability=" + churnProbability
                + ", probabilityAlive=" + probabilityAlive + ", expectedPurchases=" + expectedPurchases
                + ", lifetimeValue=" + lifetimeValue + "}";
    }
}
