package dev.segmentation.targeting;

import java.util.Objects;

/**
 * One customer's offer in a {@link CampaignPlan}, with its explanation.
 *
 * @param customerIndex the customer's position in the list given to {@link CampaignPlanner#plan}
 * @param customerId the customer id
 * @param campaign the campaign name
 * @param cost the contact cost
 * @param expectedProfit the expected profit, {@code expected gain - cost}, greater than 0
 * @param explanation the eligibility rules that hold and the profit computation as fields, see
 *     {@link Campaign#explanation}; {@link #reason()} is its text
 */
public record Assignment(int customerIndex, String customerId, String campaign, double cost, double expectedProfit,
        Explanation explanation) {
    /**
     * Checks that the reference fields are set.
     *
     * @param customerIndex the customer's position in the list given to {@link CampaignPlanner#plan}
     * @param customerId the customer id; not null
     * @param campaign the campaign name; not null
     * @param cost the contact cost
     * @param expectedProfit the expected profit
     * @param explanation the explanation; not null
     * @throws NullPointerException if {@code customerId}, {@code campaign} or {@code explanation} is null
     */
    public Assignment {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(explanation, "explanation");
    }

    /**
     * Returns the one-line reason: {@code explanation().text()}, see {@link Campaign#explain}.
     *
     * @return the eligibility rules that hold and the profit computation, e.g. {@code "win-back: segment 1 in [1,
     *     3]; expected profit 0.0600 x 40.00 - 2.00 = 0.4000"}
     */
    public String reason() {
        return explanation.text();
    }
}
