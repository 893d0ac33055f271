package dev.segmentation.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Names segments so that every name is unique and true: each segment gets at most one customer archetype whose
 * conditions its members' medians meet ({@link SegmentMedians}), chosen by an optimal one-to-one assignment, and a
 * segment that fits no archetype (or loses its archetype to a segment that fits it better) gets a descriptive name
 * built from its medians. Names never carry a numeric suffix.
 *
 * <p><b>The rule table</b> (conditions on the segment's medians; R, F, M are the median 1..5 quintile scores,
 * "orders" the median number of orders; the ideal point is used by the cost below):
 * <table>
 *   <caption>Archetypes</caption>
 *   <tr><th>name</th><th>conditions on the medians</th><th>ideal (R, F, M)</th><th>action</th></tr>
 *   <tr><td>Champions</td><td>R &ge; 4, F &ge; 4, M &ge; 4, none lapsed, not overdue</td><td>(5, 5, 5)</td>
 *       <td>reward</td></tr>
 *   <tr><td>Loyal</td><td>R &ge; 3, F &ge; 3, M &ge; 3, orders &ge; 2, none lapsed, not overdue</td>
 *       <td>(4, 4, 4)</td><td>retain</td></tr>
 *   <tr><td>Potential Loyalist</td><td>R &ge; 4, 2 &le; F &le; 3.5, orders &ge; 2, none lapsed, not overdue</td>
 *       <td>(5, 3, 3)</td>
 *       <td>nurture</td></tr>
 *   <tr><td>New</td><td>R &ge; 4.5, orders &le; 1, none lapsed, not overdue</td><td>(5, 1, 1)</td>
 *       <td>nurture</td></tr>
 *   <tr><td>Promising</td><td>R &ge; 3.5, F &le; 2.5, none lapsed, not overdue</td><td>(4, 1, 2)</td>
 *       <td>nurture</td></tr>
 *   <tr><td>Need Attention</td><td>2.5 &le; R &le; 3.5, 2.5 &le; F &le; 3.5</td><td>(3, 3, 3)</td>
 *       <td>re-engage</td></tr>
 *   <tr><td>About to Sleep</td><td>2.5 &le; R &le; 3.5, F &le; 2.5</td><td>(3, 1, 2)</td><td>re-engage</td></tr>
 *   <tr><td>At Risk</td><td>R &le; 2.5 or overdue, F &ge; 3, M &ge; 3, orders &ge; 2</td><td>(2, 4, 4)</td>
 *       <td>win back</td></tr>
 *   <tr><td>Can't Lose Them</td><td>R &le; 2.5 or overdue, F &ge; 4, M &ge; 4</td><td>(1, 5, 5)</td>
 *       <td>win back</td></tr>
 *   <tr><td>Hibernating</td><td>R &le; 2, F &le; 2.5</td><td>(2, 2, 2)</td><td>let go</td></tr>
 *   <tr><td>Lost</td><td>R &le; 1.5, F &le; 1.5, M &le; 2</td><td>(1, 1, 1)</td><td>let go</td></tr>
 * </table>
 * The names are those of {@link RfmRule}'s standard map, so RFM cells and clusters speak one vocabulary.
 *
 * <p><b>Names true for every member.</b> Conditions on medians say what a typical member is like; a name that
 * claims recent activity (Champions, Loyal, Potential Loyalist, New, Promising: the archetypes whose recency
 * bound is R &ge; 3 or more) is read by a marketer as a claim about each customer in it, and a "Champion" silent
 * for a year makes the name false. So these archetypes also require "none lapsed": no member has recency score
 * 1, i.e. none is among the fifth of the population silent longest ({@link SegmentMedians#lapsedShare()} is 0).
 * A segment with lapsed members then takes the next-best archetype whose conditions hold (one that makes no
 * claim of recent activity), or a descriptive name. The rule is all-or-none on purpose: a share threshold (say
 * 90% of members recent) would still put a customer silent for a year under "Champions". For the same reason
 * a descriptive name says "Mostly recent" instead of "Recent" when some member is lapsed (below). This member
 * condition has no tolerance, also when a previous fit's name is kept ({@link Archetype#holdsWithin}).
 *
 * <p><b>Overdue segments: names true in absolute terms.</b> The R score is relative to the population: on a
 * population that is mostly lapsed, the most recent fifth may still be silent for months, and a segment of
 * frequent buyers silent for eight of their usual gaps would be "Mostly recent" (nurture). So each member is
 * also judged against its own rhythm: it is <em>overdue</em> when its recency exceeds three of its own mean gaps
 * between purchase days ({@code recency > 3 * mean_interpurchase_days}, {@link SegmentMedians#customerOverdue});
 * a customer still buying at a steady (Poisson) rate has probability e<sup>-3</sup>, about 5%, of a silence that
 * long. A customer with one purchase day has the censored gap {@code asOf - firstDate >= recency} as its mean
 * gap, so it is never overdue and stays judged by its R score. A segment is overdue when at least half its
 * members are ({@link SegmentMedians#overdue()}, {@code overdueShare >= 0.5}). For an overdue segment the
 * archetypes that claim recent activity do not hold ("not overdue" above); the recency condition R &le; 2.5 of
 * the win-back archetypes, At Risk and Can't Lose Them, also holds ("R &le; 2.5 or overdue"; the ideal-point
 * distance is unchanged), so overdue frequent high spenders are won back rather than nurtured; and a descriptive
 * name's recency word is "Overdue" (below), with the action of "Lapsed". A segment with fewer than half its
 * members overdue is named exactly as if none were.
 *
 * <p><b>The assignment.</b> Segment s may take archetype a only if a's conditions hold for s; its cost is then
 * the L1 distance between s's median (R, F, M) and a's ideal point. Leaving a segment without an archetype
 * costs {@code 13 k + 1} (k segments), more than any k feasible pairs together, so the assignment names as many
 * segments by archetype as possible and, among those, minimizes the total distance
 * ({@link OptimalAssignment}, the Hungarian algorithm; forbidden pairs cost {@code 1e9}).
 *
 * <p><b>Descriptive names</b> for the other segments: a recency word (R &le; 2 "Lapsed"; otherwise "Overdue"
 * for an overdue segment; otherwise R &ge; 3.5 "Recent" when no member is lapsed and "Mostly recent" when some
 * are, else "Cooling"), then "one-time buyers" when
 * the median is one order, "frequent buyers" when F &ge; 4, else "repeat buyers", with "high-spending"
 * (M &ge; 4) or "low-spending" (M &le; 2) before it, and "high spenders" / "low spenders" replacing "repeat
 * buyers" in those cases: "Recent one-time buyers", "Lapsed high spenders". When two segments would share a
 * description, each gets, after a comma, the first of its own hints (typically its most distinguishing
 * features, "high mean basket value") that the others do not have; when the hints run out, its median spend and
 * recency. Their action: R &le; 2 or overdue ("Lapsed", "Overdue") win back when M &ge; 3 else let go, otherwise
 * R &ge; 3.5 nurture, else re-engage.
 *
 * <p><b>Keeping names.</b> When a previous fit's segment is matched to a new one, the pipeline keeps its
 * archetype name while the conditions hold within {@link #KEEP_TOLERANCE} (half a score point or order), so a
 * name does not flicker when a median moves by half a point at a boundary (and whatever the medians when the
 * segment's centre barely moved, unless the name {@linkplain #contradicts(String, SegmentMedians) contradicts}
 * the members: it claims recent activity and some member is lapsed, or the segment is overdue and the name
 * claims recent activity or has the recency word "Recent", "Mostly recent" or "Cooling"); fresh names always
 * meet the conditions exactly.
 *
 * <p>Stateless and safe for concurrent use. Null is never accepted or returned.
 */
public final class SegmentArchetypes {
    /** The cost of a forbidden pair. */
    static final double FORBIDDEN = 1e9;

    /**
     * The tolerance, in score points and orders, within which a previous segment's archetype still counts as
     * holding ({@link Archetype#holdsWithin(SegmentMedians, double)}), so that a name does not flicker when a
     * median moves by half a point at a boundary.
     */
    public static final double KEEP_TOLERANCE = 0.5;

    private static final double LOW = Double.NEGATIVE_INFINITY;
    private static final double HIGH = Double.POSITIVE_INFINITY;

    // bounds: R min, R max, F min, F max, M min, M max, orders min, orders max
    private static final List<Archetype> STANDARD = List.of(
            new Archetype(RfmRule.CHAMPIONS, "R >= 4, F >= 4, M >= 4, none lapsed, not overdue", 5, 5, 5,
                    SegmentAction.REWARD, 4, HIGH, 4, HIGH, 4, HIGH, LOW, HIGH),
            new Archetype(RfmRule.LOYAL, "R >= 3, F >= 3, M >= 3, orders >= 2, none lapsed, not overdue", 4, 4, 4,
                    SegmentAction.RETAIN, 3, HIGH, 3, HIGH, 3, HIGH, 2, HIGH),
            new Archetype(RfmRule.POTENTIAL_LOYALIST, "R >= 4, 2 <= F <= 3.5, orders >= 2, none lapsed, not overdue",
                    5, 3, 3, SegmentAction.NURTURE, 4, HIGH, 2, 3.5, LOW, HIGH, 2, HIGH),
            new Archetype(RfmRule.NEW, "R >= 4.5, orders <= 1, none lapsed, not overdue", 5, 1, 1,
                    SegmentAction.NURTURE, 4.5, HIGH, LOW, HIGH, LOW, HIGH, LOW, 1),
            new Archetype(RfmRule.PROMISING, "R >= 3.5, F <= 2.5, none lapsed, not overdue", 4, 1, 2,
                    SegmentAction.NURTURE, 3.5, HIGH, LOW, 2.5, LOW, HIGH, LOW, HIGH),
            new Archetype(RfmRule.NEED_ATTENTION, "2.5 <= R <= 3.5, 2.5 <= F <= 3.5", 3, 3, 3,
                    SegmentAction.RE_ENGAGE, 2.5, 3.5, 2.5, 3.5, LOW, HIGH, LOW, HIGH),
            new Archetype(RfmRule.ABOUT_TO_SLEEP, "2.5 <= R <= 3.5, F <= 2.5", 3, 1, 2, SegmentAction.RE_ENGAGE,
                    2.5, 3.5, LOW, 2.5, LOW, HIGH, LOW, HIGH),
            new Archetype(RfmRule.AT_RISK, "R <= 2.5 or overdue, F >= 3, M >= 3, orders >= 2", 2, 4, 4,
                    SegmentAction.WIN_BACK, LOW, 2.5, 3, HIGH, 3, HIGH, 2, HIGH),
            new Archetype(RfmRule.CANT_LOSE_THEM, "R <= 2.5 or overdue, F >= 4, M >= 4", 1, 5, 5,
                    SegmentAction.WIN_BACK, LOW, 2.5, 4, HIGH, 4, HIGH, LOW, HIGH),
            new Archetype(RfmRule.HIBERNATING, "R <= 2, F <= 2.5", 2, 2, 2, SegmentAction.LET_GO,
                    LOW, 2, LOW, 2.5, LOW, HIGH, LOW, HIGH),
            new Archetype(RfmRule.LOST, "R <= 1.5, F <= 1.5, M <= 2", 1, 1, 1, SegmentAction.LET_GO,
                    LOW, 1.5, LOW, 1.5, LOW, 2, LOW, HIGH));

    private SegmentArchetypes() {
    }

    /**
     * One row of the rule table: a name, its conditions, its ideal (R, F, M) point and its action.
     *
     * <p>Instances are immutable and safe for concurrent use.
     */
    public static final class Archetype {
        private final String name;
        private final String conditions;
        private final double idealR;
        private final double idealF;
        private final double idealM;
        private final SegmentAction action;
        /** R min, R max, F min, F max, M min, M max, orders min, orders max. */
        private final double[] bounds;
        /**
         * Whether the name claims recent activity (R min &ge; 3): then no member may be lapsed and the segment
         * may not be overdue.
         */
        private final boolean claimsActivity;
        /** Whether an overdue segment meets the recency bound too (the win-back archetypes). */
        private final boolean overdueMeetsRecency;

        Archetype(String name, String conditions, double idealR, double idealF, double idealM, SegmentAction action,
                double... bounds) {
            this.name = name;
            this.conditions = conditions;
            this.idealR = idealR;
            this.idealF = idealF;
            this.idealM = idealM;
            this.action = action;
            this.bounds = bounds.clone();
            this.claimsActivity = bounds[0] >= 3;
            this.overdueMeetsRecency = action == SegmentAction.WIN_BACK;
        }

        /**
         * Tells whether the name claims recent activity (Champions, Loyal, Potential Loyalist, New, Promising):
         * such an archetype holds only for a segment without a lapsed member that is not overdue.
         *
         * @return true if the recency bound is R &ge; 3 or more
         */
        public boolean claimsRecentActivity() {
            return claimsActivity;
        }

        /**
         * Returns the name.
         *
         * @return e.g. {@code "Champions"}
         */
        public String name() {
            return name;
        }

        /**
         * Returns the conditions, as in the class comment.
         *
         * @return e.g. {@code "R >= 4, F >= 4, M >= 4"}
         */
        public String conditions() {
            return conditions;
        }

        /**
         * Returns the suggested action.
         *
         * @return the action
         */
        public SegmentAction action() {
            return action;
        }

        /**
         * Tells whether a segment's medians meet the conditions (and, for a name that claims recent activity,
         * no member is lapsed and the segment is not overdue; for At Risk and Can't Lose Them, an overdue segment
         * meets the recency bound whatever its R).
         *
         * @param medians the segment's medians; not null
         * @return true if every condition holds
         */
        public boolean holds(SegmentMedians medians) {
            return holdsWithin(medians, 0);
        }

        /**
         * Tells whether a segment's medians meet the conditions with every bound on a median widened by a
         * tolerance (used with {@link #KEEP_TOLERANCE} to keep a previous segment's name). The member conditions
         * (no member lapsed and not overdue for a name that claims recent activity; overdue meeting the recency
         * bound of At Risk and Can't Lose Them) are never widened.
         *
         * @param medians the segment's medians; not null
         * @param tolerance how far, in score points and orders, a median may lie beyond a bound, {@code >= 0}
         * @return true if every widened condition holds
         */
        public boolean holdsWithin(SegmentMedians medians, double tolerance) {
            Objects.requireNonNull(medians, "medians");
            if (claimsActivity && (medians.anyLapsed() || medians.overdue())) {
                return false;
            }
            double[] v = {medians.r(), medians.f(), medians.m(), medians.orders()};
            for (int i = 0; i < v.length; i++) {
                if (i == 0 && overdueMeetsRecency && medians.overdue()) {
                    continue;
                }
                if (!(v[i] >= bounds[2 * i] - tolerance && v[i] <= bounds[2 * i + 1] + tolerance)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Returns the L1 distance between the segment's median scores and the ideal point.
         *
         * @param medians the segment's medians; not null
         * @return {@code |R - R*| + |F - F*| + |M - M*|}, in [0, 12]
         */
        public double distance(SegmentMedians medians) {
            return Math.abs(medians.r() - idealR) + Math.abs(medians.f() - idealF) + Math.abs(medians.m() - idealM);
        }

        @Override
        public String toString() {
            return name + ": " + conditions + " -> " + action.label();
        }
    }

    /**
     * One segment's name from {@link #assign}.
     *
     * @param name the unique name
     * @param archetype the archetype's name, or {@code ""} for a descriptive name
     * @param action the suggested action
     */
    public record Naming(String name, String archetype, SegmentAction action) {
    }

    /**
     * Returns the rule table of the class comment, in its order.
     *
     * @return an immutable list of 11 archetypes
     */
    public static List<Archetype> standard() {
        return STANDARD;
    }

    /**
     * Finds an archetype of the standard table by name.
     *
     * @param name the name; not null
     * @return the archetype, or empty if none has that name
     */
    public static Optional<Archetype> named(String name) {
        Objects.requireNonNull(name, "name");
        for (Archetype a : STANDARD) {
            if (a.name.equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * Names segments: archetypes by optimal assignment, descriptive names for the rest (see the class comment).
     *
     * @param segments the medians of each segment; not null. Not modified.
     * @param hints per segment, phrases that set it apart, most telling first (used only to keep descriptive
     *     names unique; may be empty lists); as many as segments. Not modified.
     * @return one naming per segment, in order; the names are pairwise distinct
     * @throws IllegalArgumentException if the lists differ in length
     */
    public static List<Naming> assign(List<SegmentMedians> segments, List<List<String>> hints) {
        List<String> none = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            none.add(null);
        }
        return assign(segments, hints, none);
    }

    /**
     * Names segments as {@link #assign(List, List)}, keeping given names: segment i keeps {@code keep.get(i)}
     * when it is not null (an archetype's name then takes that archetype out of the assignment; any other name is
     * kept as a descriptive name). The caller decides which names still fit, e.g. with
     * {@link Archetype#holdsWithin(SegmentMedians, double)} and {@link #KEEP_TOLERANCE}.
     *
     * @param segments the medians of each segment; not null. Not modified.
     * @param hints per segment, distinguishing phrases; as many as segments. Not modified.
     * @param keep per segment, a name to keep or null; as many as segments, kept names distinct. Not modified.
     * @return one naming per segment, in order; the names are pairwise distinct
     * @throws IllegalArgumentException if the lists differ in length or two kept names are equal
     */
    public static List<Naming> assign(List<SegmentMedians> segments, List<List<String>> hints, List<String> keep) {
        Objects.requireNonNull(segments, "segments");
        Objects.requireNonNull(hints, "hints");
        Objects.requireNonNull(keep, "keep");
        int k = segments.size();
        if (hints.size() != k) {
            throw new IllegalArgumentException("hints size must be the segments " + k + ", found " + hints.size());
        }
        if (keep.size() != k) {
            throw new IllegalArgumentException("keep size must be the segments " + k + ", found " + keep.size());
        }
        Naming[] out = new Naming[k];
        Set<String> taken = new HashSet<>();
        for (int s = 0; s < k; s++) {
            String name = keep.get(s);
            if (name == null) {
                continue;
            }
            if (!taken.add(name)) {
                throw new IllegalArgumentException("keep names must be distinct, found \"" + name + "\" twice");
            }
            Optional<Archetype> a = named(name);
            if (a.isPresent()) {
                out[s] = new Naming(name, name, a.get().action());
            } else {
                out[s] = new Naming(name, "", descriptiveAction(segments.get(s)));
            }
        }
        List<Integer> rows = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            if (out[s] == null) {
                rows.add(s);
            }
        }
        List<Archetype> cols = new ArrayList<>();
        for (Archetype a : STANDARD) {
            if (!taken.contains(a.name)) {
                cols.add(a);
            }
        }
        if (!rows.isEmpty()) {
            int free = rows.size();
            double unmatched = 13.0 * free + 1;
            double[][] cost = new double[free][cols.size() + free];
            for (int i = 0; i < free; i++) {
                SegmentMedians m = segments.get(rows.get(i));
                for (int j = 0; j < cols.size(); j++) {
                    Archetype a = cols.get(j);
                    cost[i][j] = a.holds(m) ? a.distance(m) : FORBIDDEN;
                }
                for (int j = 0; j < free; j++) {
                    cost[i][cols.size() + j] = unmatched;
                }
            }
            int[] pick = OptimalAssignment.minimize(cost);
            for (int i = 0; i < free; i++) {
                int s = rows.get(i);
                int j = pick[i];
                if (j >= 0 && j < cols.size() && cost[i][j] < FORBIDDEN) {
                    Archetype a = cols.get(j);
                    out[s] = new Naming(a.name, a.name, a.action);
                    taken.add(a.name);
                }
            }
        }
        describeRest(segments, hints, out, taken);
        return List.of(out);
    }

    /** Gives every still unnamed segment a unique descriptive name. */
    private static void describeRest(List<SegmentMedians> segments, List<List<String>> hints, Naming[] out,
            Set<String> taken) {
        Map<String, List<Integer>> groups = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (int s = 0; s < out.length; s++) {
            if (out[s] == null) {
                String base = describe(segments.get(s));
                if (!groups.containsKey(base)) {
                    order.add(base);
                }
                groups.computeIfAbsent(base, b -> new ArrayList<>()).add(s);
            }
        }
        for (String base : order) {
            List<Integer> group = groups.get(base);
            if (group.size() == 1 && !taken.contains(base)) {
                int s = group.get(0);
                out[s] = new Naming(base, "", descriptiveAction(segments.get(s)));
                taken.add(base);
                continue;
            }
            for (int s : group) {
                String name = null;
                for (String hint : hints.get(s)) {
                    boolean shared = false;
                    for (int o : group) {
                        if (o != s && hints.get(o).indexOf(hint) >= 0
                                && hints.get(o).indexOf(hint) <= hints.get(s).indexOf(hint)) {
                            shared = true;
                        }
                    }
                    String candidate = base + ", " + hint;
                    if (!shared && !taken.contains(candidate)) {
                        name = candidate;
                        break;
                    }
                }
                SegmentMedians m = segments.get(s);
                if (name == null) {
                    name = String.format(Locale.ROOT, "%s, median spend %.0f, %.0f days since last order", base,
                            m.monetary(), m.recencyDays());
                }
                for (int extra = 0; taken.contains(name) && extra < hints.get(s).size(); extra++) {
                    name = name + ", " + hints.get(s).get(extra);
                }
                if (taken.contains(name)) {
                    name = String.format(Locale.ROOT, "%s, median spend %.2f, %.1f orders, %.1f days", base,
                            m.monetary(), m.orders(), m.recencyDays());
                }
                while (taken.contains(name)) {
                    name = name + " (again)";
                }
                out[s] = new Naming(name, "", descriptiveAction(m));
                taken.add(name);
            }
        }
    }

    /**
     * Returns the descriptive name of a segment's medians (the class comment's words, without uniqueness hints).
     *
     * @param m the medians; not null
     * @return e.g. {@code "Recent one-time buyers"} (no member lapsed), {@code "Mostly recent frequent buyers"}
     *     (median R &ge; 3.5 but some member lapsed), {@code "Overdue high-spending frequent buyers"} (median R
     *     above 2 but the segment overdue) or {@code "Lapsed high spenders"}
     */
    public static String describe(SegmentMedians m) {
        Objects.requireNonNull(m, "m");
        String when = m.r() <= 2 ? "Lapsed" : m.overdue() ? "Overdue"
                : m.r() >= 3.5 ? (m.anyLapsed() ? "Mostly recent" : "Recent") : "Cooling";
        String spend = m.m() >= 4 ? "high" : m.m() <= 2 ? "low" : "";
        if (m.orders() <= 1) {
            return when + (spend.isEmpty() ? "" : " " + spend + "-spending") + " one-time buyers";
        }
        if (m.f() >= 4) {
            return when + (spend.isEmpty() ? "" : " " + spend + "-spending") + " frequent buyers";
        }
        return when + (spend.isEmpty() ? " repeat buyers" : " " + spend + " spenders");
    }

    /**
     * Tells whether a descriptive name still describes a segment: its description (before any comma) is
     * {@link #describe(SegmentMedians)} of the medians, or of the medians moved by up to {@code tolerance} in
     * R, F, M and orders (the hysteresis of {@link #KEEP_TOLERANCE}; the lapsed and overdue shares are not moved,
     * so a name whose recency word contradicts an overdue segment never describes it).
     *
     * @param name a descriptive name; not null
     * @param m the medians; not null
     * @param tolerance how far the medians may move, {@code >= 0}
     * @return true if some medians within the tolerance are described by the name's description
     */
    public static boolean describes(String name, SegmentMedians m, double tolerance) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(m, "m");
        double[] steps = tolerance > 0 ? new double[] {-tolerance, 0, tolerance} : new double[] {0};
        for (double dr : steps) {
            for (double df : steps) {
                for (double dm : steps) {
                    for (double dOrders : steps) {
                        String base = describe(new SegmentMedians(m.recencyDays(), m.orders() + dOrders,
                                m.monetary(), m.r() + dr, m.f() + df, m.m() + dm, m.lapsedShare(),
                                m.overdueShare()));
                        if (name.equals(base) || name.startsWith(base + ", ")) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /**
     * Tells whether a segment name claims recent activity for every member: an archetype that
     * {@linkplain Archetype#claimsRecentActivity() claims it}, or a descriptive name that starts with "Recent"
     * ("Mostly recent" makes no claim about each member). Such a name is given only to a segment without a
     * lapsed member (see the class comment).
     *
     * @param name a segment name; not null
     * @return true if the name claims recent activity for each member
     */
    public static boolean claimsRecentActivity(String name) {
        Objects.requireNonNull(name, "name");
        return named(name).map(Archetype::claimsRecentActivity).orElse(name.startsWith("Recent "));
    }

    /**
     * Tells whether a segment name contradicts what is known of the segment's members one by one, so that it must
     * not be kept from a previous fit whatever the medians: the name {@linkplain #claimsRecentActivity(String)
     * claims recent activity} and some member is lapsed, or the segment is {@linkplain SegmentMedians#overdue()
     * overdue} and the name is an archetype that claims recent activity or a descriptive name whose recency word
     * is "Recent", "Mostly recent" or "Cooling" (see the class comment).
     *
     * @param name a segment name; not null
     * @param m the segment's medians; not null
     * @return true if the name is untrue for the segment's members
     */
    public static boolean contradicts(String name, SegmentMedians m) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(m, "m");
        if (m.anyLapsed() && claimsRecentActivity(name)) {
            return true;
        }
        if (!m.overdue()) {
            return false;
        }
        return named(name).map(Archetype::claimsRecentActivity).orElse(name.startsWith("Recent ")
                || name.startsWith("Mostly recent ") || name.startsWith("Cooling "));
    }

    /**
     * Returns the action of a segment that fits no archetype (see the class comment).
     *
     * @param m the medians; not null
     * @return the action
     */
    public static SegmentAction descriptiveAction(SegmentMedians m) {
        Objects.requireNonNull(m, "m");
        if (m.r() <= 2 || m.overdue()) {
            return m.m() >= 3 ? SegmentAction.WIN_BACK : SegmentAction.LET_GO;
        }
        return m.r() >= 3.5 ? SegmentAction.NURTURE : SegmentAction.RE_ENGAGE;
    }
}
