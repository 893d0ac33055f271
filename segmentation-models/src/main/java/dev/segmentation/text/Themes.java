package dev.segmentation.text;

import dev.segmentation.InvalidDataException;
import dev.segmentation.internal.ParamChecks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The words and phrases that most distinguish each group of texts (a segment, a department, a product) from
 * all the others: weighted log-odds ratios with an informative Dirichlet prior and their z-scores (Monroe,
 * Colaresi and Quinn 2008, "Fightin' Words", section 3.5). Build one with {@link #builder()}.
 *
 * <h2>Method</h2>
 * Term counts {@code y_w^i} of group i and {@code y_w^r} of the rest (every other group), totals {@code n_i}
 * and {@code n_r}; the prior is the whole corpus scaled by {@link Builder#priorWeight(double) priorWeight}
 * c: {@code a_w = c y_w}, {@code a_0 = sum_w a_w = c n}. Then (eq. 22)
 * <pre>
 *   delta_w = log((y_w^i + a_w) / (n_i + a_0 - y_w^i - a_w)) - log((y_w^r + a_w) / (n_r + a_0 - y_w^r - a_w))
 *   var(delta_w) ~ 1 / (y_w^i + a_w) + 1 / (y_w^r + a_w),     z_w = delta_w / sqrt(var(delta_w))
 * </pre>
 * (eq. 20 for the variance); for c > 1 both are evaluated divided through by c, and odds that underflow for a
 * tiny c in logarithms, so every finite c > 0 gives finite z-scores (a huge prior flattens every z towards 0).
 * Terms with the largest z are the group's themes; the prior shrinks rare terms, so a word seen twice in a small
 * group does not outrank a frequent one. Texts are tokenized by the configured {@link Tokenizer} (default:
 * unigrams and bigrams with the default token rule).
 *
 * <p>With 0/1 labels, each group also reports the share of label 0 (for review data: the share not
 * recommended), so the most negative and most positive groups can be read beside their themes.
 *
 * <p>Complexity O(total tokens + groups x vocabulary). Instances are immutable and safe for concurrent use;
 * {@code fit} is pure. Null is never accepted or returned.
 */
public final class Themes {
    private final Tokenizer tokenizer;
    private final double priorWeight;
    private final int top;

    private Themes(Builder b) {
        this.tokenizer = b.tokenizer;
        this.priorWeight = b.priorWeight;
        this.top = b.top;
    }

    /**
     * Returns a builder with the defaults: unigram and bigram tokenizer, prior weight 0.01, top 10 terms.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding this trainer's settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder().tokenizer(tokenizer).priorWeight(priorWeight).top(top);
    }

    /**
     * Finds each group's distinguishing terms.
     *
     * @param texts the texts. Not modified.
     * @param groups the group of each text, same length. Not modified.
     * @return the groups in name order, each with its top terms by z, largest first
     * @throws InvalidDataException if the lengths differ, a text or group is null, or there are fewer than two
     *     groups
     */
    public List<GroupThemes> fit(List<String> texts, List<String> groups) {
        return fit(texts, groups, null);
    }

    /**
     * Finds each group's distinguishing terms and, from the labels, each group's share of label 0.
     *
     * @param texts the texts. Not modified.
     * @param groups the group of each text, same length. Not modified.
     * @param labels 0 or 1 per text, or null for no shares. Not modified.
     * @return the groups in name order, each with its top terms by z, largest first
     * @throws InvalidDataException if the lengths differ, a text or group is null, a label is not 0 or 1, or
     *     there are fewer than two groups
     */
    public List<GroupThemes> fit(List<String> texts, List<String> groups, int[] labels) {
        Objects.requireNonNull(texts, "texts");
        Objects.requireNonNull(groups, "groups");
        int n = texts.size();
        if (groups.size() != n || (labels != null && labels.length != n)) {
            throw new InvalidDataException("groups and labels: length must be texts.size() = " + n + ", found "
                    + groups.size() + (labels == null ? "" : " and " + labels.length));
        }
        TreeMap<String, Integer> groupIndex = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            String g = groups.get(i);
            if (g == null) {
                throw new InvalidDataException("row " + i + ": group must not be null", i, "group", null);
            }
            groupIndex.putIfAbsent(g, 0);
        }
        if (groupIndex.size() < 2) {
            throw new InvalidDataException("groups: must hold at least 2 distinct values, found "
                    + groupIndex.size());
        }
        int k = 0;
        String[] names = new String[groupIndex.size()];
        for (Map.Entry<String, Integer> e : groupIndex.entrySet()) {
            names[k] = e.getKey();
            e.setValue(k++);
        }
        int m = names.length;
        int[] size = new int[m];
        int[] negatives = new int[m];
        long[] tokens = new long[m];
        Map<String, long[]> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String text = texts.get(i);
            if (text == null) {
                throw new InvalidDataException("row " + i + ": text must not be null", i, "text", null);
            }
            int g = groupIndex.get(groups.get(i));
            size[g]++;
            if (labels != null) {
                if (labels[i] != 0 && labels[i] != 1) {
                    throw new InvalidDataException("row " + i + ": label must be 0 or 1, found " + labels[i], i,
                            "label", null);
                }
                negatives[g] += 1 - labels[i];
            }
            for (String t : tokenizer.tokenize(text)) {
                counts.computeIfAbsent(t, key -> new long[m])[g]++;
                tokens[g]++;
            }
        }
        long total = Arrays.stream(tokens).sum();
        String[] terms = counts.keySet().toArray(new String[0]);
        Arrays.sort(terms);
        double a0 = priorWeight * total;
        List<GroupThemes> out = new ArrayList<>(m);
        for (int g = 0; g < m; g++) {
            double ni = tokens[g];
            double nr = total - tokens[g];
            double[] z = new double[terms.length];
            double[] delta = new double[terms.length];
            Integer[] order = new Integer[terms.length];
            for (int t = 0; t < terms.length; t++) {
                long[] c = counts.get(terms[t]);
                long yw = 0;
                for (long v : c) {
                    yw += v;
                }
                double yi = c[g];
                double yr = yw - c[g];
                if (priorWeight > 1) {
                    scaled(yi, yr, ni, nr, total, yw, priorWeight, delta, z, t);
                } else {
                    double aw = priorWeight * yw;
                    double d = Math.log((yi + aw) / (ni + a0 - yi - aw)) - Math.log((yr + aw) / (nr + a0 - yr - aw));
                    if (!Double.isFinite(d)) {
                        // a tiny prior (c near Double.MIN_VALUE) underflows the odds: the same in logarithms
                        d = Math.log(yi + aw) - Math.log(ni + a0 - yi - aw) - Math.log(yr + aw)
                                + Math.log(nr + a0 - yr - aw);
                    }
                    delta[t] = d;
                    double var = 1 / (yi + aw) + 1 / (yr + aw);
                    z[t] = Double.isFinite(var) ? d / Math.sqrt(var)
                            : d * Math.sqrt((yi + aw) * (yr + aw) / (yi + yr + 2 * aw)) + 0.0;
                }
                order[t] = t;
            }
            // largest z first; ties by term (the terms are sorted, and the sort is stable)
            Arrays.sort(order, (a, b) -> Double.compare(z[b], z[a]));
            List<ThemeTerm> best = new ArrayList<>();
            for (int r = 0; r < Math.min(top, order.length); r++) {
                int t = order[r];
                best.add(new ThemeTerm(terms[t], counts.get(terms[t])[g], delta[t], z[t]));
            }
            double share = labels == null ? Double.NaN : negatives[g] / (double) size[g];
            out.add(new GroupThemes(names[g], size[g], tokens[g], share, best));
        }
        return List.copyOf(out);
    }

    /**
     * Eq. 22 and 20 for a prior weight c > 1, divided through by c so that nothing overflows up to
     * {@link Double#MAX_VALUE} (issue 17: {@code --prior-weight 1e308} gave every z as NaN): with u = 1/c,
     * delta = log1p((num - den) / den) where num - den = u^2 [y_i (n_r - y_r) - (n_i - y_i) y_r] +
     * u [(n - y_w)(y_i - y_r) + y_w (n_r - y_r - n_i + y_i)] has its leading terms cancelled exactly, and
     * z = delta sqrt(c) / sqrt(1 / (y_i u + y_w) + 1 / (y_r u + y_w)). As c grows, every z tends to 0.
     */
    private static void scaled(double yi, double yr, double ni, double nr, long total, double yw, double c,
            double[] delta, double[] z, int t) {
        double u = 1 / c;
        double rest = total - yw;
        double num = (yi * u + yw) * ((nr - yr) * u + rest);
        double den = ((ni - yi) * u + rest) * (yr * u + yw);
        double diff = u * u * (yi * (nr - yr) - (ni - yi) * yr) + u * (rest * (yi - yr) + yw * (nr - yr - ni + yi));
        double d = den > 0 ? Math.log1p(diff / den) : Math.log(num / den);
        delta[t] = d;
        z[t] = d * Math.sqrt(c) / Math.sqrt(1 / (yi * u + yw) + 1 / (yr * u + yw)) + 0.0;
    }

    /**
     * Lists every setting, e.g. {@code Themes{tokenizer=Tokenizer{...}, priorWeight=0.01, top=10}}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "Themes{tokenizer=" + tokenizer + ", priorWeight=" + priorWeight + ", top=" + top + "}";
    }

    /** Mutable, single-threaded builder of {@link Themes}; {@link #build()} does not change it. */
    public static final class Builder {
        private Tokenizer tokenizer = Tokenizer.builder().ngrams(2).build();
        private double priorWeight = 0.01;
        private int top = 10;

        private Builder() {
        }

        /**
         * Sets the tokenizer. Default: the default rule with unigrams and bigrams.
         *
         * @param tokenizer the tokenizer
         * @return this builder
         */
        public Builder tokenizer(Tokenizer tokenizer) {
            this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
            return this;
        }

        /**
         * Sets the prior weight c: the prior adds c times the corpus count of each term ({@code a_w = c y_w}).
         * Default 0.01: the prior holds 1% of the corpus tokens. With c = 1 the prior outweighs any group that
         * is a small share of the corpus (a group of 0.5% of the tokens cannot reach |z| = 2 on a term seen once
         * or twice, and even its real themes are flattened), so the default keeps the shrinkage of rare terms
         * without drowning small groups.
         *
         * @param priorWeight c, finite and {@code > 0}
         * @return this builder
         * @throws IllegalArgumentException if not finite and positive
         */
        public Builder priorWeight(double priorWeight) {
            ParamChecks.positive("priorWeight", priorWeight);
            this.priorWeight = priorWeight;
            return this;
        }

        /**
         * Sets how many terms each group reports. Default 10.
         *
         * @param top the count, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder top(int top) {
            ParamChecks.atLeast("top", top, 1);
            this.top = top;
            return this;
        }

        /**
         * Builds the trainer.
         *
         * @return a new immutable {@link Themes}
         */
        public Themes build() {
            return new Themes(this);
        }
    }
}
