package dev.segmentation.pipeline;

import dev.segmentation.FittedModel;
import dev.segmentation.Provenance;
import dev.segmentation.internal.ParamChecks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a saved pipeline knows about its segments and how it scored, stored in the model bundle under
 * {@code catalog} ({@link SegmentationResult#models()}): per segment its id, name, archetype, suggested action,
 * training share and centre in original units (the features of {@link #features()}); the segment of every
 * training customer (to report movement when the bundle scores again); and the settings scoring needs (the as-of
 * date of the fit, the churn horizon, the lifetime-value horizon and discount rate, the number of recommended
 * items, and the customer and item ids of the recommender's indices). {@link BundleScorer} reads it to keep ids and names; {@link Segmentation#previous} to match a new
 * fit's segments to these.
 *
 * <p>Instances are immutable and safe for concurrent use: arrays are copied in and out. Null is never accepted
 * or returned.
 */
public final class SegmentCatalog implements FittedModel {
    private final Provenance provenance;

    private final List<String> features;
    private final List<Entry> segments;
    private final String[] customers;
    private final int[] labels;
    private final String asOf;
    private final int churnHorizonDays;
    private final String clvHorizon;
    private final double annualDiscountRate;
    private final int topN;
    private final String[] recommenderCustomers;
    private final String[] recommenderItems;

    /**
     * One segment of the catalog.
     *
     * @param id the segment id, {@code 0..k-1}
     * @param name the unique name
     * @param archetype the archetype's name, {@code ""} when the name is descriptive
     * @param action the suggested action's label ({@link dev.segmentation.cluster.SegmentAction#label()})
     * @param share the share of the training customers
     * @param centre the centre in original units, one value per catalog feature; copied in and out
     */
    public record Entry(int id, String name, String archetype, String action, double share, double[] centre) {
        /**
         * Checks and copies.
         *
         * @param id the segment id
         * @param name the name
         * @param archetype the archetype
         * @param action the action
         * @param share the share
         * @param centre the centre. Not modified (copied).
         */
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(archetype, "archetype");
            Objects.requireNonNull(action, "action");
            centre = centre.clone();
        }

        /**
         * Returns the centre.
         *
         * @return a copy
         */
        @Override
        public double[] centre() {
            return centre.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && e.id == id && e.name.equals(name) && e.archetype.equals(archetype)
                    && e.action.equals(action) && Double.compare(e.share, share) == 0
                    && Arrays.equals(e.centre, centre);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, name, archetype, action, share) * 31 + Arrays.hashCode(centre);
        }

        @Override
        public String toString() {
            return "Entry{id=" + id + ", name=" + name + ", archetype=" + archetype + ", action=" + action
                    + ", share=" + share + ", centre=" + Arrays.toString(centre) + "}";
        }
    }

    private SegmentCatalog(List<String> features, List<Entry> segments, String[] customers, int[] labels, String asOf,
            int churnHorizonDays, String clvHorizon, double annualDiscountRate, int topN,
            String[] recommenderCustomers, String[] recommenderItems) {
        this.features = List.copyOf(features);
        this.segments = List.copyOf(segments);
        this.customers = customers.clone();
        this.labels = labels.clone();
        this.asOf = asOf;
        this.churnHorizonDays = churnHorizonDays;
        this.clvHorizon = clvHorizon;
        this.annualDiscountRate = annualDiscountRate;
        this.topN = topN;
        this.recommenderCustomers = recommenderCustomers.clone();
        this.recommenderItems = recommenderItems.clone();
        this.provenance = Provenance.notRecorded();
    }

    /**
     * Rebuilds a catalog (as read by {@code dev.segmentation.persist}), checking it.
     *
     * @param features the feature names of the centres; not empty, distinct. Not modified.
     * @param segments the segments with ids {@code 0..k-1} in order, names distinct, centres of
     *     {@code features.size()} finite values. Not modified.
     * @param customers the training customers' ids, distinct. Not modified.
     * @param labels each training customer's segment id, as many as customers. Not modified.
     * @param asOf the fit's as-of date (ISO-8601), not null
     * @param churnHorizonDays the churn horizon in days, 0 if the churn stage did not run
     * @param clvHorizon the lifetime-value horizon (ISO-8601 period) or {@code ""} if that stage did not run
     * @param annualDiscountRate the lifetime-value discount rate, {@code >= 0}
     * @param topN the recommended items per customer, 0 if that stage did not run
     * @param recommenderCustomers the customer id of each customer index of the recommender (its training log's
     *     customer dictionary), empty without a recommender. Not modified.
     * @param recommenderItems the item id of each item index of the recommender, empty without one. Not
     *     modified.
     * @return the catalog
     * @throws IllegalArgumentException if a constraint is broken, e.g. {@code "segments[1] id must be 1, found 2"}
     */
    public static SegmentCatalog of(List<String> features, List<Entry> segments, String[] customers, int[] labels,
            String asOf, int churnHorizonDays, String clvHorizon, double annualDiscountRate, int topN,
            String[] recommenderCustomers, String[] recommenderItems) {
        Objects.requireNonNull(recommenderCustomers, "recommenderCustomers");
        Objects.requireNonNull(recommenderItems, "recommenderItems");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(segments, "segments");
        Objects.requireNonNull(customers, "customers");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(clvHorizon, "clvHorizon");
        if (features.isEmpty() || new HashSet<>(features).size() != features.size()) {
            throw new IllegalArgumentException("features must be non-empty and distinct, found " + features);
        }
        ParamChecks.nonEmpty("segments", segments);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < segments.size(); i++) {
            Entry e = segments.get(i);
            if (e.id() != i) {
                throw new IllegalArgumentException("segments[" + i + "] id must be " + i + ", found " + e.id());
            }
            if (!names.add(e.name())) {
                throw new IllegalArgumentException("segments[" + i + "] name must be unique, found \"" + e.name()
                        + "\" twice");
            }
            double[] c = e.centre();
            if (c.length != features.size()) {
                throw new IllegalArgumentException("segments[" + i + "] centre must have length " + features.size()
                        + " (one per feature), found " + c.length);
            }
            for (double v : c) {
                ParamChecks.finite("segments[" + i + "] centre", v);
            }
        }
        if (labels.length != customers.length) {
            throw new IllegalArgumentException("labels length must be the customers " + customers.length
                    + ", found " + labels.length);
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < customers.length; i++) {
            if (!ids.add(Objects.requireNonNull(customers[i], "customers[" + i + "]"))) {
                throw new IllegalArgumentException("customers must be distinct, found \"" + customers[i]
                        + "\" twice");
            }
            if (labels[i] < 0 || labels[i] >= segments.size()) {
                throw new IllegalArgumentException("labels[" + i + "] must be in [0, " + segments.size()
                        + "), found " + labels[i]);
            }
        }
        ParamChecks.atLeast("churnHorizonDays", churnHorizonDays, 0);
        ParamChecks.atLeast("topN", topN, 0);
        ParamChecks.nonNegative("annualDiscountRate", annualDiscountRate);
        return new SegmentCatalog(features, segments, customers, labels, asOf, churnHorizonDays, clvHorizon,
                annualDiscountRate, topN, recommenderCustomers, recommenderItems);
    }

    /**
     * Returns the feature names of the centres (the pipeline's model features).
     *
     * @return an immutable list
     */
    public List<String> features() {
        return features;
    }

    /**
     * Returns the segments, in id order.
     *
     * @return an immutable list
     */
    public List<Entry> segments() {
        return segments;
    }

    /**
     * Returns the segment names, in id order.
     *
     * @return a new unmodifiable list
     */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        segments.forEach(e -> out.add(e.name()));
        return Collections.unmodifiableList(out);
    }

    /**
     * Returns the training customers' ids.
     *
     * @return a copy
     */
    public String[] customers() {
        return customers.clone();
    }

    /**
     * Returns the training customers' segment ids, in {@link #customers()} order.
     *
     * @return a copy
     */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * Returns the training segment of each customer.
     *
     * @return a new map from customer id to segment id
     */
    public Map<String, Integer> membership() {
        Map<String, Integer> out = new HashMap<>(customers.length * 2);
        for (int i = 0; i < customers.length; i++) {
            out.put(customers[i], labels[i]);
        }
        return out;
    }

    /**
     * Returns the fit's as-of date.
     *
     * @return ISO-8601, e.g. {@code "2011-11-01"}
     */
    public String asOf() {
        return asOf;
    }

    /**
     * Returns the churn horizon in days.
     *
     * @return the days, 0 if the churn stage did not run
     */
    public int churnHorizonDays() {
        return churnHorizonDays;
    }

    /**
     * Returns the lifetime-value horizon.
     *
     * @return an ISO-8601 period such as {@code "P1Y"}, or {@code ""} if that stage did not run
     */
    public String clvHorizon() {
        return clvHorizon;
    }

    /**
     * Returns the lifetime-value annual discount rate.
     *
     * @return the rate
     */
    public double annualDiscountRate() {
        return annualDiscountRate;
    }

    /**
     * Returns the number of recommended items per customer.
     *
     * @return n, 0 if that stage did not run
     */
    public int topN() {
        return topN;
    }

    /**
     * Returns the customer id of each customer index of the bundle's recommender.
     *
     * @return a copy, empty without a recommender
     */
    public String[] recommenderCustomers() {
        return recommenderCustomers.clone();
    }

    /**
     * Returns the item id of each item index of the bundle's recommender.
     *
     * @return a copy, empty without a recommender
     */
    public String[] recommenderItems() {
        return recommenderItems.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SegmentCatalog c && Arrays.equals(c.recommenderCustomers, recommenderCustomers)
                && Arrays.equals(c.recommenderItems, recommenderItems) && c.features.equals(features) && c.segments.equals(segments)
                && Arrays.equals(c.customers, customers) && Arrays.equals(c.labels, labels) && c.asOf.equals(asOf)
                && c.churnHorizonDays == churnHorizonDays && c.clvHorizon.equals(clvHorizon)
                && Double.compare(c.annualDiscountRate, annualDiscountRate) == 0 && c.topN == topN;
    }

    @Override
    public int hashCode() {
        return Objects.hash(features, segments, asOf, churnHorizonDays, clvHorizon, topN);
    }

    @Override
    public String toString() {
        return "SegmentCatalog{segments=" + names() + ", features=" + features + ", customers=" + customers.length
                + ", asOf=" + asOf + "}";
    }

    /**
     * Returns how this model was made.
     *
     * @return the trainer's record, or {@link Provenance#notRecorded()} for a model made from given values
     */
    @Override
    public Provenance provenance() {
        return provenance;
    }

    /** The copy made by {@link #withProvenance}: the same learned values, another provenance. */
    private SegmentCatalog(SegmentCatalog source, Provenance provenance) {
        this.features = source.features;
        this.segments = source.segments;
        this.customers = source.customers;
        this.labels = source.labels;
        this.asOf = source.asOf;
        this.churnHorizonDays = source.churnHorizonDays;
        this.clvHorizon = source.clvHorizon;
        this.annualDiscountRate = source.annualDiscountRate;
        this.topN = source.topN;
        this.recommenderCustomers = source.recommenderCustomers;
        this.recommenderItems = source.recommenderItems;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Returns a copy of this model carrying the given provenance; it scores bit-identically.
     *
     * @param provenance the record
     * @return a new model
     */
    @Override
    public SegmentCatalog withProvenance(Provenance provenance) {
        return new SegmentCatalog(this, provenance);
    }
}
