package dev.segmentation.targeting;

/**
 * One customer's offer in a {@link CampaignPlan}, with its explanation.
 *
 * @param customerIndex the customer's position in the list given to {@link CampaignPlanner#plan}
 * @param customerId the customer id
 * @param campaign the campaign name
 * @param cost the contact cost
 * @param expectedProfit the expected profit, {@code expected gain - cost}, greater than 0
 * @param reason the eligibility rules that hold and the profit computation, see {@link Campaign#explain}
 */
public record Assignment(int customerIndex, String customerId, String campaign, double cost, double expectedProfit,
        String reason) {
}
