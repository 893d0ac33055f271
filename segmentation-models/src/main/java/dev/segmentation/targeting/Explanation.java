package dev.segmentation.targeting;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Why a customer is offered a campaign, as fields: the segment rule (the customer's segment and the campaign's
 * eligible segments), the other eligibility rules that hold, and the expected-profit computation. {@link #text()}
 * is the one-line explanation {@link Campaign#explain} returns; {@link #text(UnaryOperator)} is the same line with
 * the segment ids shown another way (e.g. with their names), so that a caller never parses the text.
 *
 * <pre>{@code
 * Explanation e = winBack.explanation(customer);
 * e.text();                                  // "win-back: segment 1 in [1, 3]; expected profit ..."
 * e.text(id -> names.get(id) + " (" + id + ")"); // "win-back: segment Lost (1) in [Lost (1), Hibernating (3)]; ..."
 * }</pre>
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never accepted or returned.
 *
 * @param campaign the campaign name
 * @param segment the customer's segment when the campaign has a segment rule, else the empty string
 * @param eligibleSegments the campaign's eligible segments in declaration order, empty when it has no segment rule
 * @param rules the other eligibility rules that hold, each as shown in the text, e.g.
 *     {@code "recency 90.0 days in [60.0, Infinity]"}, in the order churn, clv, recency; those left at their
 *     full range are not listed
 * @param profit the expected-profit computation as shown in the text, e.g. {@code "0.0600 x 40.00 - 2.00 = 0.4000"}
 */
public record Explanation(String campaign, String segment, List<String> eligibleSegments, List<String> rules,
        String profit) {
    /**
     * Checks the fields and copies the lists.
     *
     * @param campaign the campaign name; not null
     * @param segment the customer's segment, or the empty string without a segment rule; not null
     * @param eligibleSegments the eligible segments, empty without a segment rule; not null. Not modified.
     * @param rules the other rules that hold, as shown in the text; not null. Not modified.
     * @param profit the expected-profit computation, as shown in the text; not null
     * @throws NullPointerException if a field or a list element is null
     */
    public Explanation {
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(segment, "segment");
        eligibleSegments = List.copyOf(eligibleSegments);
        rules = List.copyOf(rules);
        Objects.requireNonNull(profit, "profit");
    }

    /**
     * Returns whether the campaign has a segment rule, i.e. {@link #eligibleSegments()} is not empty.
     *
     * @return true if the explanation names the customer's segment
     */
    public boolean hasSegmentRule() {
        return !eligibleSegments.isEmpty();
    }

    /**
     * Returns the one-line explanation: {@code "<campaign>: <rules>; expected profit <profit>"}, where the rules
     * are {@code "segment <segment> in [<eligible>, ...]"} (with a segment rule) followed by {@link #rules()},
     * separated by {@code "; "}, or {@code "no eligibility rule"}. Equal to {@code text(s -> s)}.
     *
     * @return the explanation, e.g. {@code "win-back: segment occasional bargain hunters in [occasional bargain
     *     hunters]; recency 90.0 days in [60.0, Infinity]; expected profit 0.0600 x 40.00 - 2.00 = 0.4000"}
     */
    public String text() {
        return text(UnaryOperator.identity());
    }

    /**
     * Returns the one-line explanation as {@link #text()} does, with every segment id (the customer's and the
     * eligible ones) shown as {@code label} maps it.
     *
     * @param label the text to show for a segment id; not null, must not return null
     * @return the explanation
     */
    public String text(UnaryOperator<String> label) {
        Objects.requireNonNull(label, "label");
        List<String> clauses = new ArrayList<>(rules.size() + 1);
        if (hasSegmentRule()) {
            List<String> eligible = new ArrayList<>(eligibleSegments.size());
            for (String s : eligibleSegments) {
                eligible.add(Objects.requireNonNull(label.apply(s), "label"));
            }
            clauses.add("segment " + Objects.requireNonNull(label.apply(segment), "label") + " in " + eligible);
        }
        clauses.addAll(rules);
        return campaign + ": " + (clauses.isEmpty() ? "no eligibility rule" : String.join("; ", clauses))
                + "; expected profit " + profit;
    }
}
