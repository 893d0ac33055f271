package dev.segmentation.eval;

import dev.segmentation.InvalidDataException;

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
        if (!(contactCost >= 0) || !Double.isFinite(contactCost)) {
            throw new IllegalArgumentException("contactCost must be finite and >= 0, found " + contactCost);
        }
        if (!(valueSaved > 0) || !Double.isFinite(valueSaved)) {
            throw new IllegalArgumentException("valueSaved must be finite and > 0, found " + valueSaved);
        }
        BinaryMetrics.check(scores, labels);
        Integer[] order = BinaryMetrics.sortedIndex(scores, false);
        double best = 0;
        double bestThreshold = Double.POSITIVE_INFINITY;
        long bestContacted = 0;
        long bestReached = 0;
        long tp = 0;
        int n = scores.length;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                tp += labels[order[k]];
            }
            long contacted = j + 1;
            double profit = valueSaved * tp - contactCost * contacted;
            if (profit > best) {
                best = profit;
                bestThreshold = scores[order[i]];
                bestContacted = contacted;
                bestReached = tp;
            }
            i = j + 1;
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
