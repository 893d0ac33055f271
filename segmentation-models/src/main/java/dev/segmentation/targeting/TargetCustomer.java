package dev.segmentation.targeting;

import dev.segmentation.internal.ParamChecks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One customer as the targeting code sees it: id, segment, churn probability, lifetime value, days since the
 * last purchase, consent, recent contacts and optional group attributes (for fairness reports only).
 *
 * <pre>{@code
 * TargetCustomer c = TargetCustomer.builder("C00042").segment("loyal high spenders")
 *         .churnProbability(0.35).clv(420.0).recencyDays(21).attribute("region", "north").build();
 * }</pre>
 *
 * <p>Consent: a customer who has opted out ({@link Builder#optedOut(boolean)}) is removed by every planner
 * before eligibility is even evaluated, so he or she can never appear in a plan. Group attributes are carried
 * for fairness reports; {@link ProtectedAttributes} keeps them out of model features.
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never accepted or returned.
 */
public final class TargetCustomer {
    private final String id;
    private final String segment;
    private final double churnProbability;
    private final double clv;
    private final double recencyDays;
    private final boolean optedOut;
    private final int recentContacts;
    private final Map<String, String> attributes;

    private TargetCustomer(Builder b) {
        id = b.id;
        segment = b.segment;
        churnProbability = b.churnProbability;
        clv = b.clv;
        recencyDays = b.recencyDays;
        optedOut = b.optedOut;
        recentContacts = b.recentContacts;
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
    }

    /**
     * Returns a builder for a customer with the given id; defaults: segment {@code ""} (none), churn
     * probability 0, CLV 0, recency 0 days, not opted out, no recent contacts, no attributes.
     *
     * @param id the customer id, not blank
     * @return a new builder; not thread-safe
     * @throws IllegalArgumentException if the id is blank: {@code "id must be non-blank, found \"\""}
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /**
     * Returns the customer id.
     *
     * @return the id, not blank
     */
    public String id() {
        return id;
    }

    /**
     * Returns the segment name.
     *
     * @return the segment; {@code ""} when none was given
     */
    public String segment() {
        return segment;
    }

    /**
     * Returns the probability that the customer churns (for example from a churn model).
     *
     * @return a probability in [0, 1]
     */
    public double churnProbability() {
        return churnProbability;
    }

    /**
     * Returns the customer lifetime value, in currency units.
     *
     * @return a finite value, at least 0
     */
    public double clv() {
        return clv;
    }

    /**
     * Returns the days since the customer's last purchase.
     *
     * @return a finite value, at least 0
     */
    public double recencyDays() {
        return recencyDays;
    }

    /**
     * Returns whether the customer has opted out of marketing contact (withdrawn consent).
     *
     * @return true if the customer must not be contacted
     */
    public boolean optedOut() {
        return optedOut;
    }

    /**
     * Returns how many marketing contacts the customer received in the current frequency-cap window.
     *
     * @return the count, at least 0
     */
    public int recentContacts() {
        return recentContacts;
    }

    /**
     * Returns a group attribute, used for fairness reports.
     *
     * @param name the attribute name
     * @return the value, or empty if the customer has none
     */
    public Optional<String> attribute(String name) {
        Objects.requireNonNull(name, "name");
        return Optional.ofNullable(attributes.get(name));
    }

    /**
     * Returns all group attributes.
     *
     * @return an unmodifiable map, in insertion order
     */
    public Map<String, String> attributes() {
        return attributes;
    }

    @Override
    public String toString() {
        return "TargetCustomer{id=" + id + ", segment=" + segment + ", churnProbability=" + churnProbability
                + ", clv=" + clv + ", recencyDays=" + recencyDays + ", optedOut=" + optedOut
                + ", recentContacts=" + recentContacts + ", attributes=" + attributes + "}";
    }

    /** A mutable, single-threaded builder of {@link TargetCustomer}. */
    public static final class Builder {
        private final String id;
        private String segment = "";
        private double churnProbability;
        private double clv;
        private double recencyDays;
        private boolean optedOut;
        private int recentContacts;
        private final Map<String, String> attributes = new LinkedHashMap<>();

        private Builder(String id) {
            this.id = ParamChecks.nonBlank("id", id);
        }

        /**
         * Sets the segment name.
         *
         * @param segment the segment name; default {@code ""}
         * @return this builder
         */
        public Builder segment(String segment) {
            this.segment = Objects.requireNonNull(segment, "segment");
            return this;
        }

        /**
         * Sets the churn probability.
         *
         * @param churnProbability in [0, 1]; default 0
         * @return this builder
         * @throws IllegalArgumentException if outside [0, 1]:
         *     {@code "churnProbability must be in [0, 1], found 1.5"}
         */
        public Builder churnProbability(double churnProbability) {
            this.churnProbability = ParamChecks.inRange("churnProbability", churnProbability, 0, 1);
            return this;
        }

        /**
         * Sets the customer lifetime value.
         *
         * @param clv finite and at least 0; default 0
         * @return this builder
         * @throws IllegalArgumentException if negative or not finite: {@code "clv must be finite and >= 0, found -1.0"}
         */
        public Builder clv(double clv) {
            this.clv = ParamChecks.nonNegative("clv", clv);
            return this;
        }

        /**
         * Sets the days since the last purchase.
         *
         * @param recencyDays finite and at least 0; default 0
         * @return this builder
         * @throws IllegalArgumentException if negative or not finite:
         *     {@code "recencyDays must be finite and >= 0, found -1.0"}
         */
        public Builder recencyDays(double recencyDays) {
            this.recencyDays = ParamChecks.nonNegative("recencyDays", recencyDays);
            return this;
        }

        /**
         * Sets whether the customer opted out of marketing contact.
         *
         * @param optedOut true to exclude the customer from every plan; default false
         * @return this builder
         */
        public Builder optedOut(boolean optedOut) {
            this.optedOut = optedOut;
            return this;
        }

        /**
         * Sets the number of contacts already made in the current frequency-cap window.
         *
         * @param recentContacts at least 0; default 0
         * @return this builder
         * @throws IllegalArgumentException if negative: {@code "recentContacts must be >= 0, found -1"}
         */
        public Builder recentContacts(int recentContacts) {
            this.recentContacts = ParamChecks.atLeast("recentContacts", recentContacts, 0);
            return this;
        }

        /**
         * Adds (or replaces) a group attribute such as a region or an age band.
         *
         * @param name the attribute name
         * @param value the value
         * @return this builder
         */
        public Builder attribute(String name, String value) {
            attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Builds the customer; the builder is not changed.
         *
         * @return a new immutable customer
         */
        public TargetCustomer build() {
            return new TargetCustomer(this);
        }
    }
}
