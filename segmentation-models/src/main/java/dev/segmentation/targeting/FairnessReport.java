package dev.segmentation.targeting;

import dev.segmentation.internal.ParamChecks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Selection rates of a plan by group and the disparate-impact ratio {@code min rate / max rate} over groups,
 * flagged below {@value #FOUR_FIFTHS} (the four-fifths rule of the US Uniform Guidelines on Employee Selection
 * Procedures, 29 CFR 1607.4(D), the usual screen for adverse impact).
 *
 * <p>The population is the consenting customers (opted-out customers are excluded by consent, not by the
 * plan); customers without the attribute form the group {@value #MISSING}. Groups are listed in sorted
 * order. With no customer selected at all the ratio is 1 (every rate is 0) and nothing is flagged.
 *
 * <pre>{@code
 * FairnessReport f = FairnessReport.of(customers, plan, "region");
 * if (f.flagged()) { ... f.disparateImpact() ... f.groups() ... }
 * }</pre>
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never accepted or returned.
 */
public final class FairnessReport {
    /** The default threshold of the disparate-impact ratio. */
    public static final double FOUR_FIFTHS = 0.8;
    /** The group of customers without the attribute. */
    public static final String MISSING = "(missing)";

    private final String attribute;
    private final List<GroupRate> groups;
    private final double disparateImpact;
    private final double threshold;

    private FairnessReport(String attribute, List<GroupRate> groups, double disparateImpact, double threshold) {
        this.attribute = attribute;
        this.groups = List.copyOf(groups);
        this.disparateImpact = disparateImpact;
        this.threshold = threshold;
    }

    /**
     * Computes the report with the four-fifths threshold.
     *
     * @param customers the customers given to the planner. Not modified.
     * @param plan the plan made for them
     * @param attribute the group attribute, e.g. {@code "region"}
     * @return the report
     */
    public static FairnessReport of(List<TargetCustomer> customers, CampaignPlan plan, String attribute) {
        return of(customers, plan, attribute, FOUR_FIFTHS);
    }

    /**
     * Computes the report.
     *
     * @param customers the customers given to the planner. Not modified.
     * @param plan the plan made for them
     * @param attribute the group attribute
     * @param threshold the ratio below which the report is flagged, in (0, 1]
     * @return the report
     * @throws IllegalArgumentException if the threshold is out of range:
     *     {@code "threshold must be in (0, 1], found 0.0"}
     */
    public static FairnessReport of(List<TargetCustomer> customers, CampaignPlan plan, String attribute,
            double threshold) {
        Objects.requireNonNull(customers, "customers");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(attribute, "attribute");
        ParamChecks.inLeftOpenRange("threshold", threshold, 0, 1);
        Set<String> selected = new HashSet<>();
        for (Assignment a : plan.assignments()) {
            selected.add(a.customerId());
        }
        Map<String, int[]> counts = new TreeMap<>();
        for (TargetCustomer c : customers) {
            if (c.optedOut()) {
                continue;
            }
            int[] n = counts.computeIfAbsent(c.attribute(attribute).orElse(MISSING), k -> new int[2]);
            n[0]++;
            if (selected.contains(c.id())) {
                n[1]++;
            }
        }
        List<GroupRate> groups = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            double rate = (double) e.getValue()[1] / e.getValue()[0];
            groups.add(new GroupRate(e.getKey(), e.getValue()[0], e.getValue()[1], rate));
            min = Math.min(min, rate);
            max = Math.max(max, rate);
        }
        double ratio = max == 0 ? 1.0 : min / max;
        return new FairnessReport(attribute, groups, ratio, threshold);
    }

    /**
     * Returns the attribute the groups are formed by.
     *
     * @return the attribute name
     */
    public String attribute() {
        return attribute;
    }

    /**
     * Returns the selection rate of each group, sorted by group.
     *
     * @return an unmodifiable list
     */
    public List<GroupRate> groups() {
        return groups;
    }

    /**
     * Returns the disparate-impact ratio {@code min rate / max rate}.
     *
     * @return the ratio in [0, 1]; 1 when nobody is selected
     */
    public double disparateImpact() {
        return disparateImpact;
    }

    /**
     * Returns the threshold below which the report is flagged.
     *
     * @return the threshold
     */
    public double threshold() {
        return threshold;
    }

    /**
     * Returns whether the disparate-impact ratio is below the threshold.
     *
     * @return true if flagged
     */
    public boolean flagged() {
        return disparateImpact < threshold;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "FairnessReport{attribute=%s, disparateImpact=%.4f, flagged=%s, groups=%s}",
                attribute, disparateImpact, flagged(), groups);
    }
}
