package dev.segmentation.eval;

import dev.segmentation.InvalidDataException;
import dev.segmentation.internal.ParamChecks;

/**
 * Chooses the score threshold that maximizes a retention campaign's profit: contacting a customer costs
 * {@code contactCost}, and contacting a customer who would have churned (label 1) saves {@code valueSaved}
 * (the value kept times the chance the offer works). Contacting everyone with {@code score >= t} earns
 * {@code valueSaved * TP(t) - contactCost * (TP(t) + FP(t))}; every distinct score is tried, and also
 * contacting no one (profit 0, threshold {@code +Infinity}). Ties in profit go to the higher threshold (the
 * smaller campaign). O(n log n).
 *
 * <p>With calibrated probabilities the expected-profit rule is the closed form {@code p >= cost / value}
 * (Elkan 2001); this chooser instead uses observed labels, typically out-of-fold predictions from
 * {@link CrossValidation}, so it also works for uncalibrated scores.
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
public final class ProfitThreshold {
    private final double threshold;
    private final double profit;
    private final long contacted;
    private final long churnersReached;

    private ProfitThreshold(double threshold, double profit, long contacted, long churnersReached) {
        this.threshold = threshold;
        this.profit = profit;
        this.contacted = contacted;
        this.churnersReached = churnersReached;
    }

    /**
     * Finds the profit-maximizing threshold.
     *
     * @param scores the scores, higher means more likely to churn. Not modified.
     * @param labels 1 for churned, 0 otherwise. Not modified.
     * @param contactCost the cost of one contact, finite and {@code >= 0}
     * @param valueSaved the value of contacting one churner, finite and {@code > 0}
     * @return the best threshold, its profit and campaign size
     * @throws IllegalArgumentException if a cost or value is out of range
     * @throws InvalidDataException if the inputs fail {@link BinaryMetrics}' common checks
     */
    public static ProfitThreshold choose(double[] scores, int[] labels, double contactCost, double valueSaved) {
        ParamChecks.nonNegative("contactCost", contactCost);
        ParamChecks.positive("valueSaved", valueSaved);
        int positives = BinaryMetrics.check(scores, labels);
        double[][] split = ScoreOrder.byClass(scores, labels, positives);
        double[] neg = split[0];
        double[] pos = split[1];
        double best = 0;
        double bestThreshold = Double.POSITIVE_INFINITY;
        long bestContacted = 0;
        long bestReached = 0;
        long tp = 0;
        long contacted = 0;
        int a = neg.length - 1; // walk both classes from the highest score down, one distinct score at a time
        int b = pos.length - 1;
        while (a >= 0 || b >= 0) {
            // Math.max orders 0.0 above -0.0 as Double.compare does: v is the group's first score by that order
            double v = a < 0 ? pos[b] : b < 0 ? neg[a] : Math.max(neg[a], pos[b]);
            while (b >= 0 && pos[b] == v) {
                tp++;
                contacted++;
                b--;
            }
            while (a >= 0 && neg[a] == v) {
                contacted++;
                a--;
            }
            double profit = valueSaved * tp - contactCost * contacted;
            if (profit > best) {
                best = profit;
                bestThreshold = v;
                bestContacted = contacted;
                bestReached = tp;
            }
        }
        return new ProfitThreshold(bestThreshold, best, bestContacted, bestReached);
    }

    /**
     * Returns the chosen threshold: contact rows with {@code score >= threshold()}.
     *
     * @return the threshold, {@code +Infinity} when no campaign is profitable
     */
    public double threshold() {
        return threshold;
    }

    /**
     * Returns the campaign profit at the threshold.
     *
     * @return the profit, {@code >= 0}
     */
    public double profit() {
        return profit;
    }

    /**
     * Returns how many rows the campaign contacts.
     *
     * @return the campaign size
     */
    public long contacted() {
        return contacted;
    }

    /**
     * Returns how many churners the campaign contacts.
     *
     * @return the true positives at the threshold
     */
    public long churnersReached() {
        return churnersReached;
    }

    @Override
    public String toString() {
        return "ProfitThreshold{threshold=" + threshold + ", profit=" + profit + ", contacted=" + contacted
                + ", churnersReached=" + churnersReached + "}";
    }
}
