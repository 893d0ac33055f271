package dev.segmentation.cluster;

import dev.segmentation.internal.ParamChecks;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One rule of an RFM name map: a regular expression over the two-character key {@code "<R><FM>"} (the recency
 * score followed by the combined frequency-monetary score, each 1..5, e.g. {@code "53"}) and the segment name
 * it gives. A map is an ordered list of rules; the first rule whose pattern matches the whole key names the
 * cell (see {@link RfmSegmenter}).
 *
 * <p>{@link #standard()} is the R-score x FM-score grid that circulates in RFM tutorials, with "Lost" carved
 * out of "Hibernating" as the single worst cell:
 * <table>
 *   <caption>The standard map (first match wins; cells are R, FM)</caption>
 *   <tr><th>order</th><th>pattern</th><th>name</th><th>cells</th></tr>
 *   <tr><td>1</td><td>{@code 11}</td><td>Lost</td><td>R=1, FM=1</td></tr>
 *   <tr><td>2</td><td>{@code [1-2][1-2]}</td><td>Hibernating</td><td>R 1-2, FM 1-2 (but 11)</td></tr>
 *   <tr><td>3</td><td>{@code [1-2][3-4]}</td><td>At Risk</td><td>R 1-2, FM 3-4</td></tr>
 *   <tr><td>4</td><td>{@code [1-2]5}</td><td>Can't Lose Them</td><td>R 1-2, FM 5</td></tr>
 *   <tr><td>5</td><td>{@code 3[1-2]}</td><td>About to Sleep</td><td>R 3, FM 1-2</td></tr>
 *   <tr><td>6</td><td>{@code 33}</td><td>Need Attention</td><td>R 3, FM 3</td></tr>
 *   <tr><td>7</td><td>{@code [3-4][4-5]}</td><td>Loyal</td><td>R 3-4, FM 4-5</td></tr>
 *   <tr><td>8</td><td>{@code 41}</td><td>Promising</td><td>R 4, FM 1</td></tr>
 *   <tr><td>9</td><td>{@code 51}</td><td>New</td><td>R 5, FM 1</td></tr>
 *   <tr><td>10</td><td>{@code [4-5][2-3]}</td><td>Potential Loyalist</td><td>R 4-5, FM 2-3</td></tr>
 *   <tr><td>11</td><td>{@code 5[4-5]}</td><td>Champions</td><td>R 5, FM 4-5</td></tr>
 * </table>
 * Apart from Lost, which takes the 11 cell from Hibernating, the patterns are disjoint and together cover all 25
 * cells, so the order matters only for that cell.
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never accepted or returned.
 */
public final class RfmRule {
    /** Name of the best segment: recent, frequent, high spenders. */
    public static final String CHAMPIONS = "Champions";
    /** Name of recent or fairly recent customers who buy often or spend much. */
    public static final String LOYAL = "Loyal";
    /** Name of recent customers with average frequency and spend. */
    public static final String POTENTIAL_LOYALIST = "Potential Loyalist";
    /** Name of the most recent customers with the lowest frequency and spend. */
    public static final String NEW = "New";
    /** Name of recent customers with the lowest frequency and spend. */
    public static final String PROMISING = "Promising";
    /** Name of middling customers on every score. */
    public static final String NEED_ATTENTION = "Need Attention";
    /** Name of middling recency with low frequency and spend. */
    public static final String ABOUT_TO_SLEEP = "About to Sleep";
    /** Name of customers who bought often or spent much, but long ago. */
    public static final String AT_RISK = "At Risk";
    /** Name of the best former customers, now long gone. */
    public static final String CANT_LOSE_THEM = "Can't Lose Them";
    /** Name of long-gone customers with low frequency and spend. */
    public static final String HIBERNATING = "Hibernating";
    /** Name of the worst cell: least recent, least frequent, lowest spend. */
    public static final String LOST = "Lost";

    private static final List<RfmRule> STANDARD = List.of(
            of("11", LOST),
            of("[1-2][1-2]", HIBERNATING),
            of("[1-2][3-4]", AT_RISK),
            of("[1-2]5", CANT_LOSE_THEM),
            of("3[1-2]", ABOUT_TO_SLEEP),
            of("33", NEED_ATTENTION),
            of("[3-4][4-5]", LOYAL),
            of("41", PROMISING),
            of("51", NEW),
            of("[4-5][2-3]", POTENTIAL_LOYALIST),
            of("5[4-5]", CHAMPIONS));

    private final String pattern;
    private final Pattern compiled;
    private final String name;

    private RfmRule(String pattern, Pattern compiled, String name) {
        this.pattern = pattern;
        this.compiled = compiled;
        this.name = name;
    }

    /**
     * Creates a rule.
     *
     * @param pattern a regular expression matched against the whole key {@code "<R><FM>"}, e.g.
     *     {@code "[4-5][2-3]"}
     * @param name the segment name given to matching cells; not blank
     * @return the rule
     * @throws IllegalArgumentException if the pattern is not a valid regular expression
     *     ({@code "pattern must be a regular expression, found \"[1-\""}) or the name is blank
     *     ({@code "name must be non-blank, found \"\""})
     */
    public static RfmRule of(String pattern, String name) {
        Objects.requireNonNull(pattern, "pattern");
        ParamChecks.nonBlank("name", name);
        try {
            return new RfmRule(pattern, Pattern.compile(pattern), name);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("pattern must be a regular expression, found \"" + pattern + "\"", e);
        }
    }

    /**
     * Returns the standard map of the class comment, in its order.
     *
     * @return an immutable list of 11 rules
     */
    public static List<RfmRule> standard() {
        return STANDARD;
    }

    /**
     * Returns the regular expression.
     *
     * @return the pattern as given
     */
    public String pattern() {
        return pattern;
    }

    /**
     * Returns the segment name.
     *
     * @return the name, not blank
     */
    public String name() {
        return name;
    }

    /**
     * Tells whether this rule matches a cell.
     *
     * @param r the recency score, 1..9
     * @param fm the combined frequency-monetary score, 1..9
     * @return true if the pattern matches the whole key {@code "" + r + fm}
     */
    public boolean matches(int r, int fm) {
        return compiled.matcher(key(r, fm)).matches();
    }

    static String key(int r, int fm) {
        return Integer.toString(r) + fm;
    }

    /**
     * Rules are equal when their patterns and names are.
     *
     * @param o another object
     * @return true if equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof RfmRule && ((RfmRule) o).pattern.equals(pattern) && ((RfmRule) o).name.equals(name);
    }

    /**
     * Hashes the pattern and the name.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return 31 * pattern.hashCode() + name.hashCode();
    }

    /**
     * Describes the rule.
     *
     * @return e.g. {@code "[4-5][2-3] -> Potential Loyalist"}
     */
    @Override
    public String toString() {
        return pattern + " -> " + name;
    }
}
