package dev.segmentation.churn;

import dev.segmentation.features.FeatureMatrix;
import java.time.LocalDate;
import java.util.List;

/**
 * Customers labelled by {@link ChurnLabeler}: one row per customer with a purchase on or before the cut-off,
 * the features from that history and the label (1 = churned: no purchase in the horizon after the cut-off).
 *
 * <p>Instances are immutable and safe for concurrent use: arrays are copied out.
 */
public final class ChurnDataset {
    private final List<String> customerIds;
    private final FeatureMatrix features;
    private final int[] labels;
    private final LocalDate cutoff;
    private final int horizonDays;

    ChurnDataset(List<String> customerIds, FeatureMatrix features, int[] labels, LocalDate cutoff, int horizonDays) {
        this.customerIds = customerIds;
        this.features = features;
        this.labels = labels;
        this.cutoff = cutoff;
        this.horizonDays = horizonDays;
    }

    /**
     * Returns the customer ids, in row order.
     *
     * @return the ids
     */
    public List<String> customerIds() {
        return customerIds;
    }

    /**
     * Returns the features, one row per customer.
     *
     * @return the features
     */
    public FeatureMatrix features() {
        return features;
    }

    /**
     * Returns the labels: 1 = no purchase in {@code (cutoff, cutoff + horizonDays]}.
     *
     * @return a copy, length n
     */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * Returns the cut-off date.
     *
     * @return the last day of the history
     */
    public LocalDate cutoff() {
        return cutoff;
    }

    /**
     * Returns the horizon.
     *
     * @return the horizon in days
     */
    public int horizonDays() {
        return horizonDays;
    }

    /**
     * Returns the share of customers labelled churned.
     *
     * @return the churn rate in [0, 1]
     */
    public double churnRate() {
        long s = 0;
        for (int l : labels) {
            s += l;
        }
        return labels.length == 0 ? 0 : s / (double) labels.length;
    }

    @Override
    public String toString() {
        return "ChurnDataset{customers=" + labels.length + ", cutoff=" + cutoff + ", horizonDays=" + horizonDays
                + ", churnRate=" + churnRate() + "}";
    }
}
