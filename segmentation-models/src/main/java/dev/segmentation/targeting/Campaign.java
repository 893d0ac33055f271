package dev.segmentation.targeting;

import dev.segmentation.InvalidDataException;
import dev.segmentation.internal.ParamChecks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * A marketing campaign: a cost per contact, an expected gain per contacted customer and eligibility rules.
 *
 * <p><b>Expected gain.</b> In response mode (the default) the gain of contacting customer {@code i} is
 * {@code p_i * valuePerResponse}, where {@code p_i} is the incremental response probability (the uplift
 * over not contacting; use the plain response rate only if nobody responds uncontacted): from the
 * {@link Builder#responseModel(ToDoubleFunction) per-customer model} when one is set, else from the
 * {@link Builder#response(String, double) per-segment table}, else {@link Builder#defaultResponse(double)}.
 * In {@link Builder#retention(double) retention mode} the gain is the expected saved value
 * {@code P(churn)_i * saveRate * CLV_i}: the customer is worth contacting exactly when this exceeds the cost.
 * The expected profit is always {@code gain - costPerContact}.
 *
 * <p><b>Eligibility.</b> A customer is eligible when every rule that was set holds: segment in
 * {@link Builder#segments(String...)}, churn probability, CLV and recency in their closed bands.
 *
 * <pre>{@code
 * Campaign winBack = Campaign.builder("win-back").costPerContact(2.0).valuePerResponse(40.0)
 *         .response("occasional bargain hunters", 0.06).defaultResponse(0.02)
 *         .recencyDaysBand(60, Double.POSITIVE_INFINITY).build();
 * Campaign save = Campaign.builder("retention call").costPerContact(8.0).retention(0.25)
 *         .churnBand(0.5, 1.0).build();
 * }</pre>
 *
 * <p>Instances are immutable and safe for concurrent use if the response model is. Null is never accepted
 * or returned.
 */
public final class Campaign {
    private final String name;
    private final double costPerContact;
    private final double valuePerResponse;
    private final Map<String, Double> response;
    private final double defaultResponse;
    private final ToDoubleFunction<TargetCustomer> responseModel;
    private final double saveRate;
    private final Set<String> segments;
    /** The segments as the explanations' shared immutable list. */
    private final List<String> segmentList;
    private final double churnLo;
    private final double churnHi;
    private final double clvLo;
    private final double clvHi;
    private final double recencyLo;
    private final double recencyHi;
    private final int[] items;

    private Campaign(Builder b) {
        name = b.name;
        costPerContact = b.costPerContact;
        valuePerResponse = b.valuePerResponse;
        response = Collections.unmodifiableMap(new LinkedHashMap<>(b.response));
        defaultResponse = b.defaultResponse;
        responseModel = b.responseModel;
        saveRate = b.saveRate;
        segments = Collections.unmodifiableSet(new LinkedHashSet<>(b.segments));
        segmentList = List.copyOf(segments);
        churnLo = b.churnLo;
        churnHi = b.churnHi;
        clvLo = b.clvLo;
        clvHi = b.clvHi;
        recencyLo = b.recencyLo;
        recencyHi = b.recencyHi;
        items = b.items.clone();
    }

    /**
     * Returns a builder for a campaign; defaults: cost 0, value per response 0, no response table, default
     * response 0, response mode, no eligibility rules, no promoted items.
     *
     * @param name the campaign name, not blank
     * @return a new builder; not thread-safe
     * @throws IllegalArgumentException if the name is blank: {@code "name must be non-blank, found \"\""}
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Returns the campaign name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the cost of one contact.
     *
     * @return the cost, finite and at least 0
     */
    public double costPerContact() {
        return costPerContact;
    }

    /**
     * Returns the value of one response (response mode).
     *
     * @return the value, finite and at least 0
     */
    public double valuePerResponse() {
        return valuePerResponse;
    }

    /**
     * Returns whether the campaign is in retention mode.
     *
     * @return true if the gain is {@code P(churn) * saveRate * CLV}
     */
    public boolean retention() {
        return !Double.isNaN(saveRate);
    }

    /**
     * Returns the segments named by the rules and the response table, for checking against known segments.
     *
     * @return an unmodifiable set in declaration order
     */
    public Set<String> referencedSegments() {
        Set<String> s = new LinkedHashSet<>(segments);
        s.addAll(response.keySet());
        return Collections.unmodifiableSet(s);
    }

    /**
     * Returns the item indices this campaign promotes, for {@link NextBestOffer}.
     *
     * @return a new array, possibly empty
     */
    public int[] items() {
        return items.clone();
    }

    /** The promoted items without a copy, for this package's read-only use. */
    int[] itemsView() {
        return items;
    }

    /**
     * Returns whether a customer satisfies every eligibility rule (consent is checked by the planner, before).
     *
     * @param c the customer
     * @return true if eligible
     */
    public boolean eligible(TargetCustomer c) {
        Objects.requireNonNull(c, "c");
        return (segments.isEmpty() || segments.contains(c.segment()))
                && c.churnProbability() >= churnLo && c.churnProbability() <= churnHi
                && c.clv() >= clvLo && c.clv() <= clvHi
                && c.recencyDays() >= recencyLo && c.recencyDays() <= recencyHi;
    }

    /**
     * Returns the response (or uplift) probability for a customer in response mode.
     *
     * @param c the customer
     * @return a probability in [0, 1]
     * @throws InvalidDataException if the response model returns a value outside [0, 1]:
     *     {@code "customer C1: response of campaign promo must be in [0, 1], found 1.2"}
     */
    public double responseProbability(TargetCustomer c) {
        Objects.requireNonNull(c, "c");
        double p = rawResponse(c);
        if (!(p >= 0 && p <= 1)) {
            throw new InvalidDataException("customer " + c.id() + ": response of campaign " + name
                    + " must be in [0, 1], found " + p, -1, "response", null);
        }
        return p;
    }

    /** Whether {@link #expectedProfit} can be computed for the customer (a response in [0, 1], or retention). */
    boolean rawResponseIsValid(TargetCustomer c) {
        if (retention()) {
            return true;
        }
        double p = rawResponse(c);
        return p >= 0 && p <= 1;
    }

    double rawResponse(TargetCustomer c) {
        return responseModel != null ? responseModel.applyAsDouble(c)
                : response.getOrDefault(c.segment(), defaultResponse);
    }

    /**
     * Returns the expected gain of contacting a customer, before the cost (see the class description).
     *
     * @param c the customer
     * @return the expected gain, at least 0
     * @throws InvalidDataException if the response model returns a value outside [0, 1]
     */
    public double expectedGain(TargetCustomer c) {
        Objects.requireNonNull(c, "c");
        if (retention()) {
            return c.churnProbability() * saveRate * c.clv();
        }
        return responseProbability(c) * valuePerResponse;
    }

    /**
     * Returns the expected profit of contacting a customer: {@code expectedGain(c) - costPerContact()}.
     *
     * @param c the customer
     * @return the expected profit, possibly negative
     * @throws InvalidDataException if the response model returns a value outside [0, 1]
     */
    public double expectedProfit(TargetCustomer c) {
        return expectedGain(c) - costPerContact;
    }

    /**
     * Explains why a customer is eligible and what the offer is expected to earn, for example
     * {@code "win-back: segment occasional bargain hunters in [occasional bargain hunters]; recency 90.0 days in
     * [60.0, Infinity]; expected profit 0.06 x 40.00 - 2.00 = 0.40"}: {@code explanation(c).text()}.
     *
     * @param c the customer
     * @return a one-line explanation
     */
    public String explain(TargetCustomer c) {
        return explanation(c).text();
    }

    /**
     * Explains why a customer is eligible and what the offer is expected to earn, as fields (see
     * {@link Explanation}): the customer's segment and this campaign's segments when it has a segment rule, each
     * other band rule not left at its full range ({@code "churn 0.7 in [0.5, 1.0]"}, {@code "clv ..."},
     * {@code "recency 90.0 days in [60.0, Infinity]"}), and the profit computation ({@code "0.0600 x 40.00 - 2.00
     * = 0.4000"}, or in retention mode {@code "churn 0.7000 x save rate 0.2500 x clv 120.00 - 8.00 = 13.0000"}).
     *
     * @param c the customer
     * @return the explanation
     * @throws InvalidDataException if the response model returns a value outside [0, 1]
     */
    public Explanation explanation(TargetCustomer c) {
        Objects.requireNonNull(c, "c");
        List<String> rules = new ArrayList<>(3);
        band(rules, "churn", c.churnProbability(), churnLo, churnHi, 0, 1, "");
        band(rules, "clv", c.clv(), clvLo, clvHi, 0, Double.POSITIVE_INFINITY, "");
        band(rules, "recency", c.recencyDays(), recencyLo, recencyHi, 0, Double.POSITIVE_INFINITY, " days");
        String profit;
        if (retention()) {
            profit = String.format(Locale.ROOT, "churn %.4f x save rate %.4f x clv %.2f - %.2f = %.4f",
                    c.churnProbability(), saveRate, c.clv(), costPerContact, expectedProfit(c));
        } else {
            profit = String.format(Locale.ROOT, "%.4f x %.2f - %.2f = %.4f", responseProbability(c),
                    valuePerResponse, costPerContact, expectedProfit(c));
        }
        return new Explanation(name, segments.isEmpty() ? "" : c.segment(), segmentList, rules, profit);
    }

    /**
     * Requires {@code lower <= upper}, neither NaN: the eligibility bands' check, which {@link ParamChecks} has no
     * rule for (only these three setters need it).
     */
    private static void checkBand(String name, double lower, double upper) {
        if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
            throw new IllegalArgumentException(name + " must be an interval with lower <= upper, found [" + lower
                    + ", " + upper + "]");
        }
    }

    private static void band(List<String> rules, String what, double x, double lo, double hi, double min,
            double max, String unit) {
        if (lo == min && hi == max) {
            return;
        }
        rules.add(what + ' ' + x + unit + " in [" + lo + ", " + hi + ']');
    }

    @Override
    public String toString() {
        return "Campaign{name=" + name + ", costPerContact=" + costPerContact + ", valuePerResponse="
                + valuePerResponse + ", response=" + response + ", defaultResponse=" + defaultResponse
                + ", responseModel=" + (responseModel != null) + ", retention=" + (retention() ? saveRate : "off")
                + ", segments=" + segments + ", churnBand=[" + churnLo + ", " + churnHi + "], clvBand=[" + clvLo
                + ", " + clvHi + "], recencyDaysBand=[" + recencyLo + ", " + recencyHi + "], items="
                + Arrays.toString(items) + "}";
    }

    /** A mutable, single-threaded builder of {@link Campaign}. */
    public static final class Builder {
        private final String name;
        private double costPerContact;
        private double valuePerResponse;
        private final Map<String, Double> response = new LinkedHashMap<>();
        private double defaultResponse;
        private ToDoubleFunction<TargetCustomer> responseModel;
        private double saveRate = Double.NaN;
        private final Set<String> segments = new LinkedHashSet<>();
        private double churnLo = 0;
        private double churnHi = 1;
        private double clvLo = 0;
        private double clvHi = Double.POSITIVE_INFINITY;
        private double recencyLo = 0;
        private double recencyHi = Double.POSITIVE_INFINITY;
        private int[] items = new int[0];

        private Builder(String name) {
            this.name = ParamChecks.nonBlank("name", name);
        }

        /**
         * Sets the cost of one contact.
         *
         * @param costPerContact finite, at least 0; default 0
         * @return this builder
         * @throws IllegalArgumentException if negative or not finite:
         *     {@code "costPerContact must be finite and >= 0, found -1.0"}
         */
        public Builder costPerContact(double costPerContact) {
            this.costPerContact = ParamChecks.nonNegative("costPerContact", costPerContact);
            return this;
        }

        /**
         * Sets the value of one response (response mode).
         *
         * @param valuePerResponse finite, at least 0; default 0
         * @return this builder
         * @throws IllegalArgumentException if negative or not finite:
         *     {@code "valuePerResponse must be finite and >= 0, found -1.0"}
         */
        public Builder valuePerResponse(double valuePerResponse) {
            this.valuePerResponse = ParamChecks.nonNegative("valuePerResponse", valuePerResponse);
            return this;
        }

        /**
         * Sets the response (or uplift) probability of one segment.
         *
         * @param segment the segment name; must be a known segment when planning
         * @param probability in [0, 1]
         * @return this builder
         * @throws IllegalArgumentException if outside [0, 1]: {@code "response must be in [0, 1], found 1.5"}
         */
        public Builder response(String segment, double probability) {
            Objects.requireNonNull(segment, "segment");
            response.put(segment, ParamChecks.inRange("response", probability, 0, 1));
            return this;
        }

        /**
         * Sets the response probability of segments missing from the per-segment table.
         *
         * @param defaultResponse in [0, 1]; default 0
         * @return this builder
         * @throws IllegalArgumentException if outside [0, 1]:
         *     {@code "defaultResponse must be in [0, 1], found -0.1"}
         */
        public Builder defaultResponse(double defaultResponse) {
            this.defaultResponse = ParamChecks.inRange("defaultResponse", defaultResponse, 0, 1);
            return this;
        }

        /**
         * Sets a per-customer response (or uplift) model, which takes precedence over the segment table. Its
         * values are checked to lie in [0, 1] when used.
         *
         * @param responseModel a function from customer to probability; must be safe for concurrent use if
         *     the campaign is shared
         * @return this builder
         */
        public Builder responseModel(ToDoubleFunction<TargetCustomer> responseModel) {
            this.responseModel = Objects.requireNonNull(responseModel, "responseModel");
            return this;
        }

        /**
         * Switches to retention mode: the gain is the expected saved value {@code P(churn) * saveRate * CLV}.
         *
         * @param saveRate the probability that a contacted would-be churner is retained, in [0, 1]
         * @return this builder
         * @throws IllegalArgumentException if outside [0, 1]: {@code "saveRate must be in [0, 1], found 2.0"}
         */
        public Builder retention(double saveRate) {
            this.saveRate = ParamChecks.inRange("saveRate", saveRate, 0, 1);
            return this;
        }

        /**
         * Restricts eligibility to some segments (replacing earlier ones).
         *
         * @param segments the eligible segment names; none means every segment
         * @return this builder
         */
        public Builder segments(String... segments) {
            Objects.requireNonNull(segments, "segments");
            this.segments.clear();
            for (String s : segments) {
                this.segments.add(Objects.requireNonNull(s, "segments"));
            }
            return this;
        }

        /**
         * Restricts eligibility to a closed churn-probability band.
         *
         * @param lower the lower bound in [0, 1]; default 0
         * @param upper the upper bound in [lower, 1]; default 1
         * @return this builder
         * @throws IllegalArgumentException if a bound is outside [0, 1] ({@code "churnBand must be in [0, 1],
         *     found 1.5"}) or {@code lower > upper}
         *     ({@code "churnBand must be an interval with lower <= upper, found [0.8, 0.2]"})
         */
        public Builder churnBand(double lower, double upper) {
            ParamChecks.inRange("churnBand", lower, 0, 1);
            ParamChecks.inRange("churnBand", upper, 0, 1);
            checkBand("churnBand", lower, upper);
            churnLo = lower;
            churnHi = upper;
            return this;
        }

        /**
         * Restricts eligibility to a closed CLV band.
         *
         * @param lower the lower bound, at least 0; default 0
         * @param upper the upper bound, at least {@code lower}, may be infinite; default infinite
         * @return this builder
         * @throws IllegalArgumentException if {@code lower < 0} or {@code lower > upper}
         *     ({@code "clvBand must be an interval with lower <= upper, found [10.0, 5.0]"})
         */
        public Builder clvBand(double lower, double upper) {
            ParamChecks.nonNegative("clvBand", lower);
            checkBand("clvBand", lower, upper);
            clvLo = lower;
            clvHi = upper;
            return this;
        }

        /**
         * Restricts eligibility to a closed band of days since the last purchase.
         *
         * @param lower the lower bound, at least 0; default 0
         * @param upper the upper bound, at least {@code lower}, may be infinite; default infinite
         * @return this builder
         * @throws IllegalArgumentException if {@code lower < 0} or {@code lower > upper}
         */
        public Builder recencyDaysBand(double lower, double upper) {
            ParamChecks.nonNegative("recencyDaysBand", lower);
            checkBand("recencyDaysBand", lower, upper);
            recencyLo = lower;
            recencyHi = upper;
            return this;
        }

        /**
         * Sets the item indices (of a recommender's interaction matrix) that the campaign promotes.
         *
         * @param items item indices, each at least 0. Not modified (copied).
         * @return this builder
         * @throws IllegalArgumentException if an index is negative: {@code "items must be >= 0, found -1"}
         */
        public Builder items(int... items) {
            Objects.requireNonNull(items, "items");
            for (int it : items) {
                ParamChecks.atLeast("items", it, 0);
            }
            this.items = items.clone();
            return this;
        }

        /**
         * Builds the campaign; the builder is not changed.
         *
         * @return a new immutable campaign
         */
        public Campaign build() {
            return new Campaign(this);
        }
    }

    /** Returns the campaign list's names, for messages. */
    static List<String> names(List<Campaign> campaigns) {
        return campaigns.stream().map(Campaign::name).toList();
    }
}
