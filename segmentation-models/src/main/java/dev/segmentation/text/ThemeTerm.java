package dev.segmentation.text;

import java.util.Objects;

/**
 * One distinguishing term of a group ({@link Themes}): the term, its count in the group, its weighted
 * log-odds ratio {@code delta} against the rest and the z-score {@code delta / sd}.
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
public final class ThemeTerm {
    private final String term;
    private final long count;
    private final double delta;
    private final double z;

    ThemeTerm(String term, long count, double delta, double z) {
        this.term = Objects.requireNonNull(term, "term");
        this.count = count;
        this.delta = delta;
        this.z = z;
    }

    /**
     * The term (a word, or an n-gram with single spaces).
     *
     * @return the term
     */
    public String term() {
        return term;
    }

    /**
     * The term's count in the group.
     *
     * @return the count
     */
    public long count() {
        return count;
    }

    /**
     * The weighted log-odds ratio of the group against the rest (Monroe et al. 2008, eq. 22).
     *
     * @return delta
     */
    public double delta() {
        return delta;
    }

    /**
     * The z-score of delta.
     *
     * @return z
     */
    public double z() {
        return z;
    }

    @Override
    public String toString() {
        return term + " (z=" + z + ")";
    }
}
