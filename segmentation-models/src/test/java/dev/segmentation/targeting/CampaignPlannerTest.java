package dev.segmentation.targeting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class CampaignPlannerTest {
    static final List<String> SEGMENTS = List.of("s0", "s1", "s2");

    /** A random small instance: n customers in 3 segments, k campaigns with whole-cent costs. */
    static Instance randomInstance(long seed, int n, int k) {
        SplittableRandom r = new SplittableRandom(seed);
        List<TargetCustomer> cs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cs.add(TargetCustomer.builder("C" + i).segment("s" + r.nextInt(3)).churnProbability(r.nextDouble())
                    .clv(r.nextDouble() * 200).recencyDays(r.nextInt(365)).recentContacts(r.nextInt(4)).build());
        }
        List<Campaign> camps = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            Campaign.Builder b = Campaign.builder("k" + j).costPerContact(r.nextInt(1, 2000) / 100.0);
            if (j == 0) {
                b.retention(r.nextDouble()).churnBand(0.2, 1.0);
            } else {
                b.valuePerResponse(10 + r.nextDouble() * 90).defaultResponse(r.nextDouble() * 0.3);
                for (int s = 0; s < 3; s++) {
                    if (r.nextBoolean()) {
                        b.response("s" + s, r.nextDouble() * 0.6);
                    }
                }
                if (r.nextInt(3) == 0) {
                    b.segments("s" + r.nextInt(3), "s" + r.nextInt(3));
                }
                if (r.nextInt(3) == 0) {
                    b.recencyDaysBand(r.nextInt(100), 365);
                }
            }
            camps.add(b.build());
        }
        return new Instance(cs, camps, r.nextInt(0, 6000) / 100.0);
    }

    record Instance(List<TargetCustomer> customers, List<Campaign> campaigns, double budget) {
    }

    /** Exhaustive search over all (k + 1)^n plans that respect eligibility, profit > 0 and the budget. */
    static double bruteForce(Instance in, int maxContacts) {
        List<double[]> costs = new ArrayList<>();
        List<double[]> profits = new ArrayList<>();
        for (TargetCustomer c : in.customers()) {
            List<Double> cc = new ArrayList<>();
            List<Double> pp = new ArrayList<>();
            if (!c.optedOut() && c.recentContacts() < maxContacts) {
                for (Campaign k : in.campaigns()) {
                    if (k.eligible(c)) {
                        cc.add(k.costPerContact());
                        pp.add(k.expectedProfit(c));
                    }
                }
            }
            costs.add(cc.stream().mapToDouble(Double::doubleValue).toArray());
            profits.add(pp.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return search(0, in.budget(), costs, profits);
    }

    private static double search(int i, double left, List<double[]> costs, List<double[]> profits) {
        if (i == costs.size()) {
            return 0;
        }
        double best = search(i + 1, left, costs, profits);
        for (int j = 0; j < costs.get(i).length; j++) {
            if (costs.get(i)[j] <= left + 1e-9) {
                best = Math.max(best, profits.get(i)[j] + search(i + 1, left - costs.get(i)[j], costs, profits));
            }
        }
        return best;
    }

    static void checkFeasible(CampaignPlan plan, Instance in, int maxContacts) {
        assertTrue(plan.spend() <= in.budget() + 1e-9, () -> plan + " over budget " + in.budget());
        Set<String> ids = new HashSet<>();
        double profit = 0;
        for (Assignment a : plan.assignments()) {
            assertTrue(ids.add(a.customerId()), "two offers for " + a.customerId());
            TargetCustomer c = in.customers().get(a.customerIndex());
            Campaign k = in.campaigns().stream().filter(x -> x.name().equals(a.campaign())).findFirst().orElseThrow();
            assertTrue(k.eligible(c) && !c.optedOut() && c.recentContacts() < maxContacts);
            assertEquals(k.expectedProfit(c), a.expectedProfit(), 1e-12);
            assertTrue(a.expectedProfit() > 0);
            profit += a.expectedProfit();
        }
        assertEquals(profit, plan.expectedProfit(), 1e-9);
    }

    /** Plans a random instance (frequency cap 3) and checks that the plan is feasible. */
    private static CampaignPlan planChecked(Instance in, PlanAlgorithm algorithm) {
        CampaignPlan plan = CampaignPlanner.builder().campaigns(in.campaigns()).budget(in.budget()).maxContacts(3)
                .segments(SEGMENTS).algorithm(algorithm).build().plan(in.customers());
        checkFeasible(plan, in, 3);
        return plan;
    }

    /** Proof-style check: the AUTO planner (exact DP on whole cents here) reaches the exhaustive optimum. */
    @Property(tries = 300)
    void autoPlanIsOptimalOnSmallInstances(@ForAll @LongRange(min = 0, max = 10_000_000) long seed,
            @ForAll @IntRange(min = 1, max = 7) int n, @ForAll @IntRange(min = 1, max = 3) int k) {
        Instance in = randomInstance(seed, n, k);
        CampaignPlan plan = planChecked(in, PlanAlgorithm.AUTO);
        double opt = bruteForce(in, 3);
        assertTrue(plan.expectedProfit() >= 0.99 * opt - 1e-9, () -> plan + " optimum " + opt);
        assertTrue(plan.upperBound() >= opt - 1e-9, () -> plan + " optimum " + opt);
        assertEquals(PlanAlgorithm.EXACT, plan.algorithm());
    }

    /**
     * The Lagrangian path is feasible, below its own LP bound and the bound is above the optimum; its gap to the
     * optimum is at most one offer's profit (the Sinha-Zoltners bound).
     */
    @Property(tries = 300)
    void lagrangianPlanIsFeasibleAndBounded(@ForAll @LongRange(min = 0, max = 10_000_000) long seed,
            @ForAll @IntRange(min = 1, max = 7) int n, @ForAll @IntRange(min = 1, max = 3) int k) {
        Instance in = randomInstance(seed, n, k);
        CampaignPlan plan = planChecked(in, PlanAlgorithm.LAGRANGIAN);
        double opt = bruteForce(in, 3);
        double maxOffer = 0;
        for (TargetCustomer c : in.customers()) {
            for (Campaign x : in.campaigns()) {
                if (x.eligible(c) && c.recentContacts() < 3 && x.costPerContact() <= in.budget()) {
                    maxOffer = Math.max(maxOffer, x.expectedProfit(c));
                }
            }
        }
        assertTrue(plan.expectedProfit() <= opt + 1e-9);
        assertTrue(plan.upperBound() >= opt - 1e-9, () -> plan + " optimum " + opt);
        double gapAllowed = maxOffer;
        assertTrue(plan.expectedProfit() >= opt - gapAllowed - 1e-9, () -> plan + " optimum " + opt);
    }

    @Test
    void retentionContactsExactlyWhenSavedValueExceedsCost() {
        Campaign save = Campaign.builder("save").costPerContact(10).retention(0.5).build();
        List<TargetCustomer> cs = List.of(
                TargetCustomer.builder("A").churnProbability(0.8).clv(100).build(), // 40 - 10 = 30
                TargetCustomer.builder("B").churnProbability(0.1).clv(100).build(), // 5 - 10 < 0
                TargetCustomer.builder("C").churnProbability(0.5).clv(40).build()); // 10 - 10 = 0, not > 0
        CampaignPlan plan = CampaignPlanner.builder().campaign(save).build().plan(cs);
        assertEquals(1, plan.assignments().size());
        Assignment a = plan.assignments().get(0);
        assertEquals("A", a.customerId());
        assertEquals(30.0, a.expectedProfit(), 1e-12);
        assertEquals("save: no eligibility rule; expected profit churn 0.8000 x save rate 0.5000 x clv 100.00 - "
                + "10.00 = 30.0000", a.reason());
    }

    @Test
    void explanationNamesTheRulesThatHold() {
        Campaign c = Campaign.builder("win-back").costPerContact(2).valuePerResponse(40).response("bargain", 0.06)
                .segments("bargain").recencyDaysBand(60, Double.POSITIVE_INFINITY).build();
        TargetCustomer t = TargetCustomer.builder("C9").segment("bargain").recencyDays(90).build();
        assertEquals("win-back: segment bargain in [bargain]; recency 90.0 days in [60.0, Infinity]; expected "
                + "profit 0.0600 x 40.00 - 2.00 = 0.4000", c.explain(t));
    }

    @Test
    void frequencyCapAndBudgetLimitContacts() {
        Campaign promo = Campaign.builder("promo").costPerContact(1).valuePerResponse(10).defaultResponse(0.5).build();
        List<TargetCustomer> cs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            cs.add(TargetCustomer.builder("C" + i).recentContacts(i % 3).build());
        }
        CampaignPlan plan = CampaignPlanner.builder().campaign(promo).maxContacts(2).budget(5).build().plan(cs);
        assertEquals(3, plan.frequencyCapped());
        assertEquals(5, plan.assignments().size());
        assertEquals(5.0, plan.spend(), 0);
        assertEquals(20.0, plan.expectedProfit(), 1e-12);
        assertEquals(Map.of("promo", 5), plan.byCampaign());
        for (Assignment a : plan.assignments()) {
            assertTrue(cs.get(a.customerIndex()).recentContacts() < 2);
        }
    }

    @Test
    void badInputIsRefusedWithExactMessages() {
        assertEquals("costPerContact must be finite and >= 0, found -1.0", assertThrows(
                IllegalArgumentException.class, () -> Campaign.builder("x").costPerContact(-1)).getMessage());
        assertEquals("budget must be >= 0, found -5.0", assertThrows(IllegalArgumentException.class,
                () -> CampaignPlanner.builder().budget(-5)).getMessage());
        assertEquals("response must be in [0, 1], found 1.2", assertThrows(IllegalArgumentException.class,
                () -> Campaign.builder("x").response("a", 1.2)).getMessage());
        assertEquals("defaultResponse must be in [0, 1], found -0.1", assertThrows(IllegalArgumentException.class,
                () -> Campaign.builder("x").defaultResponse(-0.1)).getMessage());
        assertEquals("saveRate must be in [0, 1], found 2.0", assertThrows(IllegalArgumentException.class,
                () -> Campaign.builder("x").retention(2)).getMessage());
        assertEquals("churnBand must be an interval with lower <= upper, found [0.8, 0.2]", assertThrows(
                IllegalArgumentException.class, () -> Campaign.builder("x").churnBand(0.8, 0.2)).getMessage());
        assertEquals("campaigns must be non-empty, found []", assertThrows(IllegalArgumentException.class,
                () -> CampaignPlanner.builder().build()).getMessage());
        Campaign a = Campaign.builder("promo").build();
        assertEquals("campaigns must have distinct names, found \"promo\" twice", assertThrows(
                IllegalArgumentException.class, () -> CampaignPlanner.builder().campaign(a).campaign(a).build()).getMessage());
        assertEquals("maxContacts must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> CampaignPlanner.builder().maxContacts(0)).getMessage());
    }

    @Test
    void exactTablesThatCannotFitAreRefused() {
        List<TargetCustomer> cs = List.of(TargetCustomer.builder("A").build(), TargetCustomer.builder("B").build());
        CampaignPlanner p = CampaignPlanner.builder().campaign(Campaign.builder("promo").costPerContact(0.5)
                .valuePerResponse(10).defaultResponse(0.5).build()).budget(0.75e7).costResolution(1e-3)
                .algorithm(PlanAlgorithm.EXACT).build();
        assertEquals(PlanAlgorithm.EXACT, p.plan(cs).algorithm());
        CampaignPlan one = p.toBuilder().budget(0.75).build().plan(cs);
        assertEquals(1, one.assignments().size());
        // 2 customers x (0.75 / 2^-32 + 1) units
        assertEquals("customers x budget units must be <= 2147483639 for algorithm EXACT, found 6442450946",
                assertThrows(IllegalArgumentException.class, () -> p.toBuilder().budget(0.75)
                        .costResolution(0x1p-32).build().plan(cs)).getMessage());
    }

    @Test
    void unknownSegmentsInRulesAreRefused() {
        List<TargetCustomer> cs = List.of(TargetCustomer.builder("A").segment("a").build(),
                TargetCustomer.builder("B").segment("b").build());
        CampaignPlanner p = CampaignPlanner.builder()
                .campaign(Campaign.builder("promo").segments("a", "vip").build()).build();
        assertEquals("segment must be one of [a, b], found vip (campaign promo)",
                assertThrows(IllegalArgumentException.class, () -> p.plan(cs)).getMessage());
        CampaignPlanner q = CampaignPlanner.builder().segments(List.of("a", "b", "c"))
                .campaign(Campaign.builder("promo").response("d", 0.1).build()).build();
        assertEquals("segment must be one of [a, b, c], found d (campaign promo)",
                assertThrows(IllegalArgumentException.class, () -> q.plan(cs)).getMessage());
    }

    @Test
    void badResponseModelAndDuplicateIdsAreBadData() {
        List<TargetCustomer> cs = List.of(TargetCustomer.builder("A").build(), TargetCustomer.builder("B").build());
        CampaignPlanner p = CampaignPlanner.builder().campaign(Campaign.builder("promo").valuePerResponse(1)
                .responseModel(c -> c.id().equals("B") ? 1.5 : 0.5).build()).build();
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> p.plan(cs));
        assertEquals("customer row 1 (B): response of campaign promo must be in [0, 1], found 1.5", e.getMessage());
        assertEquals(1, e.row());
        InvalidDataException d = assertThrows(InvalidDataException.class,
                () -> p.plan(List.of(cs.get(0), cs.get(0))));
        assertEquals("customer row 1: id must be unique, found A", d.getMessage());
    }

    @Test
    void toStringListsEveryHyperparameter() {
        CampaignPlanner p = CampaignPlanner.builder().campaign(Campaign.builder("promo").build()).budget(100)
                .maxContacts(2).segments(List.of("b", "a")).algorithm(PlanAlgorithm.LAGRANGIAN)
                .costResolution(0.5).build();
        assertEquals("CampaignPlanner{campaigns=[promo], budget=100.0, maxContacts=2, segments=[a, b], "
                + "algorithm=LAGRANGIAN, costResolution=0.5}", p.toString());
        assertEquals(p.toString(), p.toBuilder().build().toString());
        assertEquals("CampaignPlanner{campaigns=[promo], budget=Infinity, maxContacts=2147483647, "
                + "segments=from customers, algorithm=AUTO, costResolution=0.01}",
                CampaignPlanner.builder().campaign(Campaign.builder("promo").build()).build().toString());
    }
}
