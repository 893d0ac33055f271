package dev.segmentation.targeting;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of {@link CampaignPlanner#plan}: at most one assignment per customer, with totals.
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never returned.
 */
public final class CampaignPlan {
    private final List<Assignment> assignments;
    private final double expectedProfit;
    private final double spend;
    private final double budget;
    private final double upperBound;
    private final PlanAlgorithm algorithm;
    private final int customers;
    private final int optedOut;
    private final int frequencyCapped;
    private final Map<String, Integer> byCampaign;

    CampaignPlan(List<Assignment> assignments, double budget, double upperBound, PlanAlgorithm algorithm,
            int customers, int optedOut, int frequencyCapped, List<String> campaignNames) {
        this.assignments = List.copyOf(assignments);
        double p = 0;
        double s = 0;
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String n : campaignNames) {
            counts.put(n, 0);
        }
        for (Assignment a : assignments) {
            p += a.expectedProfit();
            s += a.cost();
            counts.merge(a.campaign(), 1, Integer::sum);
        }
        this.expectedProfit = p;
        this.spend = s;
        this.budget = budget;
        this.upperBound = Math.max(upperBound, p);
        this.algorithm = algorithm;
        this.customers = customers;
        this.optedOut = optedOut;
        this.frequencyCapped = frequencyCapped;
        this.byCampaign = Collections.unmodifiableMap(counts);
    }

    /**
     * Returns the assignments in the order of the customer list.
     *
     * @return an unmodifiable list
     */
    public List<Assignment> assignments() {
        return assignments;
    }

    /**
     * Returns the total expected profit of the plan.
     *
     * @return the sum of the assignments' expected profits
     */
    public double expectedProfit() {
        return expectedProfit;
    }

    /**
     * Returns the total contact cost of the plan.
     *
     * @return the spend, at most the budget
     */
    public double spend() {
        return spend;
    }

    /**
     * Returns the budget the plan was made for.
     *
     * @return the budget, possibly infinite
     */
    public double budget() {
        return budget;
    }

    /**
     * Returns an upper bound on the expected profit of any feasible plan: the LP (Lagrangian) relaxation's value.
     * {@code expectedProfit() / upperBound()} is a certificate of how close the plan is to the optimum.
     *
     * @return the bound, at least {@link #expectedProfit()}
     */
    public double upperBound() {
        return upperBound;
    }

    /**
     * Returns the algorithm that made the plan.
     *
     * @return {@link PlanAlgorithm#EXACT} or {@link PlanAlgorithm#LAGRANGIAN}
     */
    public PlanAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * Returns the number of customers given to the planner.
     *
     * @return the count, including the excluded ones
     */
    public int customers() {
        return customers;
    }

    /**
     * Returns how many customers were excluded because they opted out.
     *
     * @return the count
     */
    public int optedOut() {
        return optedOut;
    }

    /**
     * Returns how many customers were excluded by the contact-frequency cap.
     *
     * @return the count
     */
    public int frequencyCapped() {
        return frequencyCapped;
    }

    /**
     * Returns the number of assignments per campaign, in the planner's campaign order.
     *
     * @return an unmodifiable map, every campaign present
     */
    public Map<String, Integer> byCampaign() {
        return byCampaign;
    }

    @Override
    public String toString() {
        return "CampaignPlan{assigned=" + assignments.size() + ", expectedProfit=" + expectedProfit + ", spend="
                + spend + ", budget=" + budget + ", upperBound=" + upperBound + ", algorithm=" + algorithm
                + ", byCampaign=" + byCampaign + "}";
    }
}
