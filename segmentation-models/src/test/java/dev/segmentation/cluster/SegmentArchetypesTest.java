package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The Hungarian assignment and the archetype names (issue 15). */
class SegmentArchetypesTest {
    /**
     * A hand-checked 4 x 4 instance: the optimum 0 -> 2, 1 -> 1, 2 -> 0, 3 -> 3 costs 1 + 3 + 5 + 3 = 12 (the
     * greedy row minima 1 + 3 + 2 + ... would need column 2 twice); also checked against brute force.
     */
    @Test
    void solvesASmallInstanceToItsKnownOptimum() {
        double[][] cost = {{7, 2, 1, 9}, {6, 3, 8, 7}, {5, 4, 9, 2}, {8, 9, 6, 3}};
        int[] a = OptimalAssignment.minimize(cost);
        assertEquals(bruteForce(cost), total(cost, a), 0.0);
        assertArrayEquals(new int[] {2, 1, 0, 3}, a);
        assertEquals(12, total(cost, a), 0.0);
    }

    /** For any small matrix, the assignment's cost equals the brute-force optimum; rectangular both ways. */
    @Property(tries = 200)
    void matchesBruteForce(@ForAll @IntRange(min = 1, max = 6) int n, @ForAll @IntRange(min = 1, max = 6) int m,
            @ForAll @IntRange(min = 0, max = 100000) int seed) {
        Random rnd = new Random(seed);
        double[][] cost = new double[n][m];
        for (double[] row : cost) {
            for (int j = 0; j < m; j++) {
                row[j] = rnd.nextInt(20);
            }
        }
        int[] a = OptimalAssignment.minimize(cost);
        Set<Integer> used = new HashSet<>();
        int assigned = 0;
        for (int v : a) {
            if (v >= 0) {
                assertTrue(used.add(v), "column used twice");
                assigned++;
            }
        }
        assertEquals(Math.min(n, m), assigned);
        assertEquals(bruteForce(cost), total(cost, a), 1e-9);
    }

    @Test
    void badCostMatricesAreRefused() {
        assertEquals("cost must have >= 1 rows, found 0", assertThrows(IllegalArgumentException.class,
                () -> OptimalAssignment.minimize(new double[0][])).getMessage());
        assertEquals("cost[1] length must be 2, found 1", assertThrows(IllegalArgumentException.class,
                () -> OptimalAssignment.minimize(new double[][] {{1, 2}, {3}})).getMessage());
        assertEquals("cost[0][1] must be finite, found NaN", assertThrows(IllegalArgumentException.class,
                () -> OptimalAssignment.minimize(new double[][] {{1, Double.NaN}})).getMessage());
    }

    @Test
    void archetypesAreTakenOnlyWhereTheirConditionsHold() {
        SegmentMedians champions = new SegmentMedians(10, 9, 3000, 5, 5, 5);
        SegmentMedians alsoChampions = new SegmentMedians(12, 8, 2800, 5, 5, 4.5);
        SegmentMedians lost = new SegmentMedians(300, 1, 50, 1, 1, 1);
        SegmentMedians recentOnce = new SegmentMedians(20, 1, 400, 4, 1, 3);
        List<SegmentArchetypes.Naming> n = SegmentArchetypes.assign(
                List.of(champions, alsoChampions, lost, recentOnce), List.of(List.of(), List.of(), List.of(),
                        List.of()));
        assertEquals("Champions", n.get(0).name());
        assertEquals(SegmentAction.REWARD, n.get(0).action());
        // the second champion-like segment cannot repeat the name: it takes the next feasible archetype
        assertEquals("Loyal", n.get(1).name());
        assertEquals("Lost", n.get(2).name());
        assertEquals("Promising", n.get(3).name());
        for (int i = 0; i < n.size(); i++) {
            SegmentMedians m = List.of(champions, alsoChampions, lost, recentOnce).get(i);
            assertTrue(SegmentArchetypes.named(n.get(i).archetype()).orElseThrow().holds(m), n.get(i).toString());
        }
    }

    @Test
    void segmentsThatFitNoArchetypeGetUniqueDescriptiveNames() {
        // all cooling (R 3) one-time buyers: only About to Sleep holds, and a sits on its ideal point (3, 1, 2)
        SegmentMedians a = new SegmentMedians(60, 1, 300, 3, 1, 2);
        SegmentMedians b = new SegmentMedians(70, 1, 950, 3, 1, 4);
        SegmentMedians c = new SegmentMedians(65, 1, 920, 3, 1, 4);
        List<SegmentArchetypes.Naming> n = SegmentArchetypes.assign(List.of(a, b, c),
                List.of(List.of("high gift share"), List.of("high gift share", "low mean basket value"),
                        List.of()));
        assertEquals("About to Sleep", n.get(0).name());
        // b and c share the description: b adds its first hint c lacks, c (no hints) its median spend and recency
        assertEquals("Cooling high-spending one-time buyers, high gift share", n.get(1).name());
        assertEquals("Cooling high-spending one-time buyers, median spend 920, 65 days since last order",
                n.get(2).name());
        assertEquals("", n.get(1).archetype());
        assertEquals(SegmentAction.RE_ENGAGE, n.get(1).action());
    }

    /** For any medians, names are unique, never end in a number, and archetypes hold for their segments. */
    @Property(tries = 200)
    void namesAreUniqueAndTrue(@ForAll @IntRange(min = 1, max = 14) int k,
            @ForAll @IntRange(min = 0, max = 100000) int seed) {
        Random rnd = new Random(seed);
        List<SegmentMedians> segs = new ArrayList<>();
        List<List<String>> hints = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            segs.add(new SegmentMedians(1 + rnd.nextInt(400), 1 + rnd.nextInt(4), 10 + rnd.nextInt(500),
                    1 + rnd.nextInt(9) / 2.0, 1 + rnd.nextInt(9) / 2.0, 1 + rnd.nextInt(9) / 2.0));
            hints.add(rnd.nextBoolean() ? List.of("high x" + rnd.nextInt(3)) : List.of());
        }
        List<SegmentArchetypes.Naming> n = SegmentArchetypes.assign(segs, hints);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < k; i++) {
            String name = n.get(i).name();
            assertTrue(names.add(name), "repeated " + name);
            assertFalse(name.matches(".*\\s\\d+$"), name);
            if (!n.get(i).archetype().isEmpty()) {
                assertTrue(SegmentArchetypes.named(name).orElseThrow().holds(segs.get(i)), name + " " + segs.get(i));
            } else {
                assertTrue(name.startsWith(SegmentArchetypes.describe(segs.get(i))), name);
            }
        }
    }

    @Test
    void keptNamesAreTakenAsGivenAndMustBeDistinct() {
        SegmentMedians lost = new SegmentMedians(300, 1, 50, 1, 1, 1);
        assertEquals("keep names must be distinct, found \"Lost\" twice",
                assertThrows(IllegalArgumentException.class, () -> SegmentArchetypes.assign(List.of(lost, lost),
                        List.of(List.of(), List.of()), List.of("Lost", "Lost"))).getMessage());
        List<SegmentArchetypes.Naming> n = SegmentArchetypes.assign(List.of(lost, lost), List.of(List.of(),
                List.of()), java.util.Arrays.asList(null, "Lost"));
        assertEquals("Lost", n.get(1).name());
        assertEquals("Hibernating", n.get(0).name());
        // the hysteresis: About to Sleep needs R >= 2.5; R 2.0 still counts within half a point, R 1.5 does not
        SegmentArchetypes.Archetype sleep = SegmentArchetypes.named("About to Sleep").orElseThrow();
        assertFalse(sleep.holds(new SegmentMedians(400, 2, 27, 2.0, 2, 1)));
        assertTrue(sleep.holdsWithin(new SegmentMedians(400, 2, 27, 2.0, 2, 1), SegmentArchetypes.KEEP_TOLERANCE));
        assertFalse(sleep.holdsWithin(new SegmentMedians(400, 2, 27, 1.5, 2, 1), SegmentArchetypes.KEEP_TOLERANCE));
        assertTrue(SegmentArchetypes.describes("Lapsed low-spending one-time buyers, high toys share",
                new SegmentMedians(400, 1.5, 27, 2, 2, 1), SegmentArchetypes.KEEP_TOLERANCE));
        assertFalse(SegmentArchetypes.describes("Recent one-time buyers", new SegmentMedians(400, 1, 27, 2, 2, 1),
                SegmentArchetypes.KEEP_TOLERANCE));
    }

    /**
     * Issue 15, names true for every member: a segment whose medians are those of champions but which holds a
     * lapsed member (recency score 1) gets no name claiming recent activity, also not as a kept name within the
     * tolerance; its descriptive name says "Mostly recent"; an archetype that claims no activity is unaffected.
     */
    @Test
    void namesClaimingRecentActivityNeedNoLapsedMember() {
        SegmentMedians clean = new SegmentMedians(10, 9, 3000, 5, 5, 5, 0);
        SegmentMedians withLapsed = new SegmentMedians(10, 9, 3000, 5, 5, 5, 8.0 / 1299);
        Set<String> claiming = new HashSet<>();
        for (SegmentArchetypes.Archetype a : SegmentArchetypes.standard()) {
            if (a.claimsRecentActivity()) {
                claiming.add(a.name());
                assertFalse(a.holds(withLapsed), a.name());
                assertFalse(a.holdsWithin(withLapsed, SegmentArchetypes.KEEP_TOLERANCE), a.name());
                assertTrue(a.conditions().endsWith(", none lapsed, not overdue"), a.conditions());
            } else {
                assertFalse(a.conditions().contains("lapsed"), a.conditions());
            }
        }
        assertEquals(Set.of("Champions", "Loyal", "Potential Loyalist", "New", "Promising"), claiming);
        assertTrue(SegmentArchetypes.named("Champions").orElseThrow().holds(clean));
        assertEquals("Champions", SegmentArchetypes.assign(List.of(clean), List.of(List.of())).get(0).name());
        SegmentArchetypes.Naming n = SegmentArchetypes.assign(List.of(withLapsed), List.of(List.of())).get(0);
        assertEquals("Mostly recent high-spending frequent buyers", n.name());
        assertEquals("", n.archetype());
        assertFalse(SegmentArchetypes.claimsRecentActivity(n.name()));
        assertTrue(SegmentArchetypes.claimsRecentActivity("Recent high-spending frequent buyers"));
        assertTrue(SegmentArchetypes.claimsRecentActivity("Loyal"));
        assertFalse(SegmentArchetypes.claimsRecentActivity("At Risk"));
        assertFalse(SegmentArchetypes.describes("Recent high-spending frequent buyers", withLapsed,
                SegmentArchetypes.KEEP_TOLERANCE));
        // an archetype that makes no claim of recent activity still holds with lapsed members
        SegmentMedians hibernating = new SegmentMedians(200, 1, 100, 1.5, 1, 2, 0.6);
        assertTrue(SegmentArchetypes.named("Hibernating").orElseThrow().holds(hibernating));
    }

    @Test
    void lapsedShareOutsideZeroOneIsRefused() {
        assertEquals("lapsedShare must be in [0, 1], found 1.5", assertThrows(IllegalArgumentException.class,
                () -> new SegmentMedians(10, 9, 3000, 5, 5, 5, 1.5)).getMessage());
        assertEquals("lapsedShare must be in [0, 1], found NaN", assertThrows(IllegalArgumentException.class,
                () -> new SegmentMedians(10, 9, 3000, 5, 5, 5, Double.NaN)).getMessage());
    }

    /**
     * Naming22: the simulator's 3,000-customer segment of frequent high spenders whose most recent fifth is silent
     * for months (median recency 222 days, 8 of its usual gaps) was "Mostly recent high-spending frequent buyers"
     * (nurture); overdue, it is won back as "Can't Lose Them", or "At Risk" when that is taken.
     */
    @Test
    void overdueFrequentHighSpendersAreWonBack() {
        SegmentMedians overdue = new SegmentMedians(222, 10, 2500, 4, 5, 5, 0.1, 0.7);
        assertTrue(overdue.overdue());
        SegmentMedians notOverdue = new SegmentMedians(222, 10, 2500, 4, 5, 5, 0.1, 0);
        assertEquals(List.of(new SegmentArchetypes.Naming("Mostly recent high-spending frequent buyers", "",
                SegmentAction.NURTURE)), SegmentArchetypes.assign(List.of(notOverdue), List.of(List.of())));
        assertEquals(List.of(new SegmentArchetypes.Naming("Can't Lose Them", "Can't Lose Them",
                SegmentAction.WIN_BACK)), SegmentArchetypes.assign(List.of(overdue), List.of(List.of())));
        // two such segments: the closer one (F 5, M 5: distance 3 to (1, 5, 5)) is Can't Lose Them, the other
        // (distance 4 to At Risk's (2, 4, 4) against 5 to (1, 5, 5)) At Risk
        SegmentMedians second = new SegmentMedians(240, 6, 1500, 4, 4, 4, 0, 0.55);
        List<SegmentArchetypes.Naming> two = SegmentArchetypes.assign(List.of(overdue, second),
                List.of(List.of(), List.of()));
        assertEquals(List.of(new SegmentArchetypes.Naming("Can't Lose Them", "Can't Lose Them",
                SegmentAction.WIN_BACK), new SegmentArchetypes.Naming("At Risk", "At Risk", SegmentAction.WIN_BACK)),
                two);
        // the recency bound "R <= 2.5 or overdue": R 4 holds only because the segment is overdue
        SegmentArchetypes.Archetype cantLose = SegmentArchetypes.named("Can't Lose Them").orElseThrow();
        assertEquals("R <= 2.5 or overdue, F >= 4, M >= 4", cantLose.conditions());
        assertEquals("R <= 2.5 or overdue, F >= 3, M >= 3, orders >= 2",
                SegmentArchetypes.named("At Risk").orElseThrow().conditions());
        assertTrue(cantLose.holds(overdue));
        assertFalse(cantLose.holds(notOverdue));
        assertFalse(cantLose.holdsWithin(notOverdue, SegmentArchetypes.KEEP_TOLERANCE));
        // the ideal-point distance is unchanged
        assertEquals(3.0, cantLose.distance(overdue), 0.0);
    }

    /**
     * Naming22: an overdue segment that fits no archetype has the recency word "Overdue" and the action of
     * "Lapsed" (win back when M >= 3, else let go); a lapsed one (R <= 2) stays "Lapsed".
     */
    @Test
    void overdueDescriptiveNamesSayOverdue() {
        // R 4, F 2: Promising but overdue; About to Sleep and Hibernating need a lower R
        SegmentMedians highSpenders = new SegmentMedians(248, 4, 900, 4, 2, 4, 0.1, 0.6);
        SegmentMedians lowSpenders = new SegmentMedians(200, 2, 40, 4, 2, 1, 0, 0.5);
        SegmentMedians cooling = new SegmentMedians(336, 5, 1200, 3, 4, 4.5, 0.2, 0.8);
        assertEquals("Overdue high spenders", SegmentArchetypes.describe(highSpenders));
        assertEquals("Overdue low spenders", SegmentArchetypes.describe(lowSpenders));
        assertEquals("Overdue high-spending frequent buyers", SegmentArchetypes.describe(cooling));
        assertEquals("Lapsed high spenders", SegmentArchetypes.describe(new SegmentMedians(400, 4, 900, 2, 2, 4,
                0.4, 0.9)));
        assertEquals(List.of(new SegmentArchetypes.Naming("Overdue high spenders", "", SegmentAction.WIN_BACK),
                new SegmentArchetypes.Naming("Overdue low spenders", "", SegmentAction.LET_GO)),
                SegmentArchetypes.assign(List.of(highSpenders, lowSpenders), List.of(List.of(), List.of())));
        // not overdue, the same medians keep their relative words and actions
        SegmentMedians fresh = new SegmentMedians(248, 4, 900, 4, 2, 4, 0.1, 0.49);
        assertEquals("Mostly recent high spenders", SegmentArchetypes.describe(fresh));
        assertEquals(SegmentAction.NURTURE, SegmentArchetypes.descriptiveAction(fresh));
        assertEquals("Cooling high-spending frequent buyers",
                SegmentArchetypes.describe(new SegmentMedians(336, 5, 1200, 3, 4, 4.5, 0.2, 0.3)));
    }

    /** Naming22: a share of overdue members below one half changes no name. */
    @Test
    void overdueShareBelowOneHalfChangesNoName() {
        List<SegmentMedians> segments = List.of(new SegmentMedians(10, 9, 3000, 5, 5, 5, 0, 0.49),
                new SegmentMedians(222, 10, 2500, 4, 5, 5, 0.1, 0.49), new SegmentMedians(60, 3, 300, 3, 3, 3, 0, 0.49),
                new SegmentMedians(20, 1, 40, 5, 1, 1, 0, 0.49), new SegmentMedians(300, 1, 50, 1, 1, 1, 1, 0.49));
        List<SegmentArchetypes.Naming> n = SegmentArchetypes.assign(segments, List.of(List.of(), List.of(),
                List.of(), List.of(), List.of()));
        assertEquals(List.of("Champions", "Mostly recent high-spending frequent buyers", "Need Attention", "New",
                "Lost"), n.stream().map(SegmentArchetypes.Naming::name).toList());
        assertFalse(segments.get(1).overdue());
        assertTrue(new SegmentMedians(222, 10, 2500, 4, 5, 5, 0.1, 0.5).overdue());
    }

    /**
     * Naming22: a previous fit's name is never kept for an overdue segment when it claims recent activity, within
     * the tolerance or not, and a descriptive name is kept only with the words of an overdue segment.
     */
    @Test
    void keptNamesOfAnOverdueSegmentClaimNoRecency() {
        SegmentMedians overdue = new SegmentMedians(222, 10, 2500, 4, 5, 5, 0, 0.7);
        for (SegmentArchetypes.Archetype a : SegmentArchetypes.standard()) {
            if (a.claimsRecentActivity()) {
                assertFalse(a.holdsWithin(overdue, SegmentArchetypes.KEEP_TOLERANCE), a.name());
                assertTrue(SegmentArchetypes.contradicts(a.name(), overdue), a.name());
            } else {
                assertFalse(SegmentArchetypes.contradicts(a.name(), overdue), a.name());
            }
        }
        assertTrue(SegmentArchetypes.named("Champions").orElseThrow().holdsWithin(new SegmentMedians(222, 10,
                2500, 4, 5, 5, 0, 0.49), SegmentArchetypes.KEEP_TOLERANCE));
        for (String name : List.of("Recent high-spending frequent buyers", "Mostly recent high-spending frequent "
                + "buyers, high toys share", "Cooling high-spending frequent buyers")) {
            assertFalse(SegmentArchetypes.describes(name, overdue, SegmentArchetypes.KEEP_TOLERANCE), name);
            assertTrue(SegmentArchetypes.contradicts(name, overdue), name);
        }
        assertTrue(SegmentArchetypes.describes("Overdue high-spending frequent buyers, high toys share", overdue,
                SegmentArchetypes.KEEP_TOLERANCE));
        assertFalse(SegmentArchetypes.contradicts("Overdue high-spending frequent buyers", overdue));
        // within the tolerance R 4 - 0.5 is not <= 2: the overdue words only
        assertFalse(SegmentArchetypes.describes("Lapsed high-spending frequent buyers", overdue,
                SegmentArchetypes.KEEP_TOLERANCE));
        // a lapsed member alone: only names claiming activity for each member contradict it
        SegmentMedians someLapsed = new SegmentMedians(30, 10, 2500, 4, 5, 5, 0.1, 0.2);
        assertTrue(SegmentArchetypes.contradicts("Champions", someLapsed));
        assertTrue(SegmentArchetypes.contradicts("Recent high-spending frequent buyers", someLapsed));
        assertFalse(SegmentArchetypes.contradicts("Mostly recent high-spending frequent buyers", someLapsed));
        assertFalse(SegmentArchetypes.contradicts("VIP", overdue));
    }

    @Test
    void overdueShareOutsideZeroOneIsRefused() {
        assertEquals("overdueShare must be in [0, 1], found 1.5", assertThrows(IllegalArgumentException.class,
                () -> new SegmentMedians(10, 9, 3000, 5, 5, 5, 0, 1.5)).getMessage());
        assertEquals("overdueShare must be in [0, 1], found -0.1", assertThrows(IllegalArgumentException.class,
                () -> new SegmentMedians(10, 9, 3000, 5, 5, 5, 0, -0.1)).getMessage());
        assertEquals("overdueShare must be in [0, 1], found NaN", assertThrows(IllegalArgumentException.class,
                () -> new SegmentMedians(10, 9, 3000, 5, 5, 5, 0, Double.NaN)).getMessage());
        // the six- and seven-argument constructors keep working, with no overdue member
        assertEquals(0.0, new SegmentMedians(10, 9, 3000, 5, 5, 5).overdueShare(), 0.0);
        assertEquals(new SegmentMedians(10, 9, 3000, 5, 5, 5, 0.25, 0), new SegmentMedians(10, 9, 3000, 5, 5, 5,
                0.25));
    }

    /** Naming22: one customer is overdue when its recency exceeds three of its own mean gaps. */
    @Test
    void aCustomerIsOverdueAfterThreeOfItsGaps() {
        assertTrue(SegmentMedians.customerOverdue(222, 27));
        assertFalse(SegmentMedians.customerOverdue(81, 27));
        assertTrue(SegmentMedians.customerOverdue(82, 27));
        // one purchase day: the censored gap asOf - firstDate equals the recency
        assertFalse(SegmentMedians.customerOverdue(300, 300));
    }

    /** Random medians: R, F, M in halves of [1, 5], orders 1..12, spend and recency, and the two shares. */
    private static SegmentMedians randomMedians(Random rnd, double overdueFrom, double overdueTo) {
        double lapsed = rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble();
        return new SegmentMedians(1 + rnd.nextInt(500), 1 + rnd.nextInt(12), 10 + rnd.nextInt(5000),
                1 + rnd.nextInt(9) / 2.0, 1 + rnd.nextInt(9) / 2.0, 1 + rnd.nextInt(9) / 2.0, lapsed,
                overdueFrom + (overdueTo - overdueFrom) * rnd.nextDouble());
    }

    /**
     * Naming22, for any medians: an overdue segment never gets a name that claims recent activity, nor the words
     * "Recent", "Mostly recent" or "Cooling", nor the nurture, reward or retain action, whatever the other
     * segments; a kept name true for it is not refused as contradicting it.
     */
    @Property(tries = 300)
    void overdueSegmentsClaimNoRecency(@ForAll @IntRange(min = 1, max = 8) int k,
            @ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        Random rnd = new Random(seed);
        List<SegmentMedians> segments = new ArrayList<>();
        List<List<String>> hints = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            boolean overdue = s == 0 || rnd.nextBoolean();
            segments.add(overdue ? randomMedians(rnd, 0.5, 1) : randomMedians(rnd, 0, 0.5));
            hints.add(List.of());
        }
        List<SegmentArchetypes.Naming> n = SegmentArchetypes.assign(segments, hints);
        for (int s = 0; s < k; s++) {
            if (segments.get(s).overdue()) {
                String name = n.get(s).name();
                String what = segments.get(s) + " -> " + name;
                assertFalse(SegmentArchetypes.claimsRecentActivity(name), what);
                assertFalse(name.startsWith("Recent") || name.startsWith("Mostly recent")
                        || name.startsWith("Cooling"), what);
                assertFalse(SegmentArchetypes.contradicts(name, segments.get(s)), what);
                assertFalse(Set.of(SegmentAction.NURTURE, SegmentAction.REWARD, SegmentAction.RETAIN)
                        .contains(n.get(s).action()), what);
            }
        }
    }

    /**
     * Naming22, for any medians: when no segment is overdue (each with an overdue share below one half) every
     * naming equals the naming with overdue share 0, so the rule changes nothing for segments that are not overdue.
     */
    @Property(tries = 300)
    void segmentsNotOverdueAreNamedAsWithoutTheRule(@ForAll @IntRange(min = 1, max = 8) int k,
            @ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        Random rnd = new Random(seed);
        List<SegmentMedians> segments = new ArrayList<>();
        List<SegmentMedians> zero = new ArrayList<>();
        List<List<String>> hints = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            SegmentMedians m = randomMedians(rnd, 0, 0.5);
            segments.add(m);
            zero.add(new SegmentMedians(m.recencyDays(), m.orders(), m.monetary(), m.r(), m.f(), m.m(),
                    m.lapsedShare()));
            hints.add(List.of());
        }
        assertEquals(SegmentArchetypes.assign(zero, hints), SegmentArchetypes.assign(segments, hints));
        for (int s = 0; s < k; s++) {
            for (SegmentArchetypes.Archetype a : SegmentArchetypes.standard()) {
                assertEquals(a.holdsWithin(zero.get(s), SegmentArchetypes.KEEP_TOLERANCE),
                        a.holdsWithin(segments.get(s), SegmentArchetypes.KEEP_TOLERANCE), a.name());
            }
            assertEquals(SegmentArchetypes.describe(zero.get(s)), SegmentArchetypes.describe(segments.get(s)));
        }
    }

    private static double total(double[][] cost, int[] a) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] >= 0) {
                s += cost[i][a[i]];
            }
        }
        return s;
    }

    /** The minimum total over all one-to-one assignments of min(n, m) pairs. */
    private static double bruteForce(double[][] cost) {
        int n = cost.length;
        int m = cost[0].length;
        return best(cost, 0, new boolean[m], Math.min(n, m), n, m);
    }

    private static double best(double[][] cost, int row, boolean[] used, int need, int n, int m) {
        if (need == 0) {
            return 0;
        }
        if (n - row < need) {
            return Double.POSITIVE_INFINITY;
        }
        double b = best(cost, row + 1, used, need, n, m); // leave this row out (only when n > m)
        for (int j = 0; j < m; j++) {
            if (!used[j]) {
                used[j] = true;
                b = Math.min(b, cost[row][j] + best(cost, row + 1, used, need - 1, n, m));
                used[j] = false;
            }
        }
        return b;
    }
}
