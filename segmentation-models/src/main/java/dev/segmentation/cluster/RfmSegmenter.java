package dev.segmentation.cluster;

import dev.segmentation.Provenance;
import dev.segmentation.features.CustomerFeatures;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.features.QuantileBinner;
import dev.segmentation.features.QuantileBinnerModel;
import dev.segmentation.internal.ParamChecks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * RFM segmentation: scores each customer's recency, frequency and monetary value 1..5 by quintile and names the
 * customer's cell of the R x FM grid.
 *
 * <p><b>Scores.</b> {@link #fit} learns quintile edges with {@link QuantileBinner} ({@code bins(5)}, recency
 * {@code descending}, so the most recent fifth scores R = 5; see its javadoc for the tie rule: equal values
 * always get equal scores, and with heavy ties, such as the many one-order customers, some scores may stay
 * unused). Frequency and monetary value score 5 for the highest fifth.
 *
 * <p><b>FM.</b> The combined score is the mean of F and M rounded half up:
 * {@code FM = floor((F + M + 1) / 2)}, so F = 4, M = 5 gives FM = 5 and F = 1, M = 2 gives FM = 2.
 *
 * <p><b>Names.</b> An ordered list of {@link RfmRule}s maps each (R, FM) cell to a name: the first rule whose
 * pattern matches the key {@code "<R><FM>"} wins. The default is {@link RfmRule#standard()}, the grid of RFM
 * tutorials with "Lost" for R = 1, FM = 1 (table in {@link RfmRule}); {@link Builder#rules(List)} replaces it.
 * {@link Builder#build()} checks that every one of the 25 cells is named, so every customer gets a name.
 *
 * <p>Example:
 * <pre>{@code
 * CustomerFeatureTable t = CustomerFeatures.builder().asOf(LocalDate.of(2011, 12, 10)).rfm().build().compute(log);
 * RfmSegments s = RfmSegmenter.builder().build().fit(t.matrix()).segment(t.matrix());
 * Map<String, Integer> counts = s.counts();   // Champions=..., Loyal=..., ...
 * }</pre>
 *
 * <p>Cost: fit sorts three columns, O(n log n); segmenting is O(n). Instances are immutable and safe for
 * concurrent use; {@link #fit} is pure. Null is never accepted or returned.
 */
public final class RfmSegmenter {
    /** The number of scores per dimension (quintiles). */
    public static final int SCORES = 5;

    private final String recency;
    private final String frequency;
    private final String monetary;
    private final List<RfmRule> rules;

    private RfmSegmenter(Builder b) {
        this.recency = b.recency;
        this.frequency = b.frequency;
        this.monetary = b.monetary;
        this.rules = List.copyOf(b.rules);
    }

    /**
     * Returns a builder with the defaults: columns {@code recency}, {@code frequency}, {@code monetary} (the names
     * of {@link CustomerFeatures}) and the {@linkplain RfmRule#standard() standard} name map.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding this trainer's settings, to make variants.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.recency = recency;
        b.frequency = frequency;
        b.monetary = monetary;
        b.rules = new ArrayList<>(rules);
        return b;
    }

    /**
     * Returns the name map.
     *
     * @return the ordered, immutable rule list
     */
    public List<RfmRule> rules() {
        return rules;
    }

    /**
     * Learns the quintile edges of the three columns.
     *
     * @param x customer features holding the recency, frequency and monetary columns (others are ignored), at
     *     least one row. Not modified.
     * @return the fitted model
     * @throws dev.segmentation.InvalidDataException if {@code x} has no rows, lacks one of the columns, or holds
     *     a NaN or infinite value in one (naming the row, the column and the value)
     */
    public RfmSegmenterModel fit(FeatureMatrix x) {
        Objects.requireNonNull(x, "x");
        QuantileBinnerModel binner = QuantileBinner.builder().columns(recency, frequency, monetary).bins(SCORES)
                .descending(recency).build().fit(x);
        return new RfmSegmenterModel(Provenance.notRecorded(), recency, frequency, monetary, binner, nameTable(rules))
                .withProvenance(Provenance.builder(this).data(x).notIterative().build());
    }

    /** The name of each cell, index {@code (r - 1) * SCORES + (fm - 1)}; null where no rule matches. */
    static String[] nameTable(List<RfmRule> rules) {
        String[] table = new String[SCORES * SCORES];
        for (int r = 1; r <= SCORES; r++) {
            for (int fm = 1; fm <= SCORES; fm++) {
                for (RfmRule rule : rules) {
                    if (rule.matches(r, fm)) {
                        table[(r - 1) * SCORES + fm - 1] = rule.name();
                        break;
                    }
                }
            }
        }
        return table;
    }

    /**
     * Lists every hyperparameter, e.g. {@code RfmSegmenter{columns=[recency, frequency, monetary], scores=5,
     * fm=round half up, rules=standard}}; a custom map is listed rule by rule.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "RfmSegmenter{columns=[" + recency + ", " + frequency + ", " + monetary + "], scores=" + SCORES
                + ", fm=round half up, rules=" + (rules.equals(RfmRule.standard()) ? "standard" : rules.toString())
                + "}";
    }

    /**
     * Mutable, single-threaded builder of {@link RfmSegmenter}. {@link #build()} does not change it.
     */
    public static final class Builder {
        private String recency = CustomerFeatures.RECENCY;
        private String frequency = CustomerFeatures.FREQUENCY;
        private String monetary = CustomerFeatures.MONETARY;
        private List<RfmRule> rules = new ArrayList<>(RfmRule.standard());

        private Builder() {
        }

        /**
         * Names the three input columns. Default {@code recency, frequency, monetary}.
         *
         * @param recency the column of days since the last purchase (low is good)
         * @param frequency the column of purchase counts
         * @param monetary the column of total spend
         * @return this builder
         * @throws IllegalArgumentException if two names are equal:
         *     {@code "columns must be distinct, found [a, a, m]"}
         */
        public Builder columns(String recency, String frequency, String monetary) {
            Objects.requireNonNull(recency, "recency");
            Objects.requireNonNull(frequency, "frequency");
            Objects.requireNonNull(monetary, "monetary");
            if (recency.equals(frequency) || recency.equals(monetary) || frequency.equals(monetary)) {
                throw new IllegalArgumentException("columns must be distinct, found [" + recency + ", " + frequency
                        + ", " + monetary + "]");
            }
            this.recency = recency;
            this.frequency = frequency;
            this.monetary = monetary;
            return this;
        }

        /**
         * Replaces the name map by an ordered rule list (first match wins). Default {@link RfmRule#standard()}.
         *
         * @param rules the rules, at least one. Not modified (copied).
         * @return this builder
         * @throws IllegalArgumentException if the list is empty: {@code "rules must be non-empty, found []"}
         */
        public Builder rules(List<RfmRule> rules) {
            ParamChecks.nonEmpty("rules", rules);
            for (RfmRule r : rules) {
                Objects.requireNonNull(r, "rules element");
            }
            this.rules = new ArrayList<>(rules);
            return this;
        }

        /**
         * Creates the trainer.
         *
         * @return the immutable trainer
         * @throws IllegalArgumentException if some (R, FM) cell is named by no rule, e.g.
         *     {@code "rules must name every (R, FM) cell, found none for R=2, FM=3"}, or a rule names no cell:
         *     {@code "rules must each match a cell, found 6[1-5] -> Ghost"}
         */
        public RfmSegmenter build() {
            String[] table = nameTable(rules);
            for (int i = 0; i < table.length; i++) {
                if (table[i] == null) {
                    throw new IllegalArgumentException("rules must name every (R, FM) cell, found none for R="
                            + (i / SCORES + 1) + ", FM=" + (i % SCORES + 1));
                }
            }
            Set<String> used = new HashSet<>();
            for (int r = 1; r <= SCORES; r++) {
                for (int fm = 1; fm <= SCORES; fm++) {
                    for (RfmRule rule : rules) {
                        if (rule.matches(r, fm)) {
                            used.add(rule.pattern() + '\u0000' + rule.name());
                        }
                    }
                }
            }
            for (RfmRule rule : rules) {
                if (!used.contains(rule.pattern() + '\u0000' + rule.name())) {
                    throw new IllegalArgumentException("rules must each match a cell, found " + rule);
                }
            }
            return new RfmSegmenter(this);
        }
    }
}
