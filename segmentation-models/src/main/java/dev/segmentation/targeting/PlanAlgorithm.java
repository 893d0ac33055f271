package dev.segmentation.targeting;

/** How {@link CampaignPlanner} solves its multiple-choice knapsack. */
public enum PlanAlgorithm {
    /** {@link #EXACT} when it is exact and small enough, else {@link #LAGRANGIAN}. */
    AUTO,
    /**
     * Dynamic programming over the budget in units of the cost resolution: optimal when every cost is a
     * multiple of the resolution (costs are rounded up otherwise, which keeps the plan within budget).
     * O(customers x budget / resolution) time.
     */
    EXACT,
    /**
     * Lagrangian relaxation of the budget solved through the LP hull (Sinha and Zoltners 1979), then a greedy
     * repair that spends what is left. O(options log options) time; the gap to the optimum is at most the
     * profit of one offer and is bounded by {@link CampaignPlan#upperBound()}.
     */
    LAGRANGIAN
}
