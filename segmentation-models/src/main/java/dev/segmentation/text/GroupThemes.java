package dev.segmentation.text;

import java.util.List;

/**
 * One group's result from {@link Themes}: its name, size in texts and tokens, the share of label 0 when
 * labels were given, and its top terms by z, largest first.
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
public final class GroupThemes {
    private final String group;
    private final int size;
    private final long tokens;
    private final double negativeShare;
    private final List<ThemeTerm> terms;

    GroupThemes(String group, int size, long tokens, double negativeShare, List<ThemeTerm> terms) {
        this.group = group;
        this.size = size;
        this.tokens = tokens;
        this.negativeShare = negativeShare;
        this.terms = List.copyOf(terms);
    }

    /**
     * The group's name.
     *
     * @return the group
     */
    public String group() {
        return group;
    }

    /**
     * The number of texts in the group.
     *
     * @return the size
     */
    public int size() {
        return size;
    }

    /**
     * The number of tokens (and n-grams) in the group.
     *
     * @return the token count
     */
    public long tokens() {
        return tokens;
    }

    /**
     * The share of the group's texts labelled 0 (e.g. not recommended); NaN when fitted without labels.
     *
     * @return the share in [0, 1], or NaN
     */
    public double negativeShare() {
        return negativeShare;
    }

    /**
     * The top terms, largest z first.
     *
     * @return an unmodifiable list
     */
    public List<ThemeTerm> terms() {
        return terms;
    }

    @Override
    public String toString() {
        return "GroupThemes{group=" + group + ", size=" + size + ", terms=" + terms + "}";
    }
}
