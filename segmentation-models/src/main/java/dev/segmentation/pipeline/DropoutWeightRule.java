package dev.segmentation.pipeline;

/**
 * The rule by which the lifetime-value stage chooses the weight of the dropout prior (see
 * {@link LifetimeValue#dropoutWeights(double...)}): among the weights whose calibration fit converged, the best is
 * the one with the lowest mean holdout log loss (an exact tie goes to the smaller weight); the one chosen is the
 * largest weight whose mean loss exceeds the best's by at most one standard error of the paired per-customer
 * difference {@code l_w(i) - l_best(i)} (sample standard deviation over {@code sqrt(n)}). The paired error is the
 * one that measures whether two fits' predictions of the same customers differ; the unpaired error of one loss
 * (dominated by how hard the customers are to predict, which the weight does not change) would let weights
 * through whose loss is worse customer after customer.
 *
 * <p>Pure and deterministic: sequential sums in customer order.
 */
final class DropoutWeightRule {
    /** The index of the best weight (lowest mean loss), or -1 when no weight is eligible. */
    final int best;
    /** The index of the chosen weight, or -1 when no weight is eligible. */
    final int chosen;
    /** The mean loss of each weight, NaN for an ineligible one. */
    final double[] meanLoss;
    /** The mean paired difference to the best weight, NaN for an ineligible one (0 for the best). */
    final double[] difference;
    /** The standard error of that difference, NaN for an ineligible one (0 for the best). */
    final double[] standardError;

    private DropoutWeightRule(int best, int chosen, double[] meanLoss, double[] difference, double[] standardError) {
        this.best = best;
        this.chosen = chosen;
        this.meanLoss = meanLoss;
        this.difference = difference;
        this.standardError = standardError;
    }

    /** Whether weight {@code w} is within one standard error of the best. */
    boolean within(int w) {
        return best >= 0 && Double.isFinite(difference[w]) && difference[w] <= standardError[w];
    }

    /**
     * Applies the rule.
     *
     * @param losses per weight (in increasing weight order), the per-customer holdout log losses, all of the
     *     same length; null for a weight whose fit is not eligible (did not converge, failed, or gave a
     *     non-finite loss)
     * @return the rule's figures and choice
     */
    static DropoutWeightRule apply(double[][] losses) {
        return apply(losses, null);
    }

    /**
     * Applies the rule to losses of customers grouped in rows of equal losses (the rows of a
     * {@link dev.segmentation.clv.BtydHoldoutHistogram}): row i stands for {@code counts[i]} customers, each with
     * the loss {@code losses[w][i]} under weight w. The figures are those of the customers one by one (n is the
     * sum of the counts; means, paired differences and their standard errors are count-weighted sums), so they
     * equal the per-customer rule's up to the order of the sums; with every count 1 (or {@code counts} null) they
     * are the per-customer rule's bit for bit.
     *
     * @param losses per weight (in increasing weight order), the loss of each row's customers, all of the same
     *     length; null for a weight whose fit is not eligible
     * @param counts the customers of each row, each {@code >= 1}; null for one customer per row
     * @return the rule's figures and choice
     */
    static DropoutWeightRule apply(double[][] losses, long[] counts) {
        int k = losses.length;
        double[] mean = new double[k];
        double[] diff = new double[k];
        double[] se = new double[k];
        java.util.Arrays.fill(mean, Double.NaN);
        java.util.Arrays.fill(diff, Double.NaN);
        java.util.Arrays.fill(se, Double.NaN);
        int best = -1;
        for (int w = 0; w < k; w++) {
            if (losses[w] == null) {
                continue;
            }
            double sum = 0;
            double[] l = losses[w];
            for (int i = 0; i < l.length; i++) {
                sum += counts == null ? l[i] : counts[i] * l[i];
            }
            mean[w] = sum / customers(l.length, counts);
            if (best < 0 || mean[w] < mean[best]) {
                best = w;
            }
        }
        if (best < 0) {
            return new DropoutWeightRule(-1, -1, mean, diff, se);
        }
        int chosen = best;
        double[] b = losses[best];
        int rows = b.length;
        double n = customers(rows, counts);
        for (int w = 0; w < k; w++) {
            if (losses[w] == null) {
                continue;
            }
            if (w == best) {
                diff[w] = 0;
                se[w] = 0;
                continue;
            }
            double[] l = losses[w];
            double sum = 0;
            for (int i = 0; i < rows; i++) {
                sum += counts == null ? l[i] - b[i] : counts[i] * (l[i] - b[i]);
            }
            double d = sum / n;
            double ss = 0;
            for (int i = 0; i < rows; i++) {
                double e = l[i] - b[i] - d;
                ss += counts == null ? e * e : counts[i] * (e * e);
            }
            diff[w] = d;
            se[w] = n < 2 ? 0 : Math.sqrt(ss / (n - 1) / n);
            if (d <= se[w] && w > chosen) {
                chosen = w;
            }
        }
        return new DropoutWeightRule(best, chosen, mean, diff, se);
    }

    /** The number of customers: the rows, or the sum of the counts. */
    private static double customers(int rows, long[] counts) {
        if (counts == null) {
            return rows;
        }
        long n = 0;
        for (long c : counts) {
            n = Math.addExact(n, c);
        }
        return n;
    }
}
