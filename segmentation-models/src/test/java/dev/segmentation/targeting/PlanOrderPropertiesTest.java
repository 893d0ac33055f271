package dev.segmentation.targeting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * A plan does not depend on the order of the customers (issue 16: ties by expected profit, then CLV, then id,
 * never by file order), for both algorithms, on instances made of few distinct values so that ties are common.
 */
class PlanOrderPropertiesTest {
    private static List<TargetCustomer> customers(long seed, int n) {
        Random r = new Random(seed);
        List<TargetCustomer> cs = new ArrayList<>();
        String[] segments = {"a", "b"};
        for (int i = 0; i < n; i++) {
            cs.add(TargetCustomer.builder("c" + i).segment(segments[r.nextInt(2)])
                    .churnProbability(r.nextInt(3) * 0.4).clv(10 * r.nextInt(3)).build());
        }
        return cs;
    }

    private static List<String> assignments(CampaignPlan plan) {
        return plan.assignments().stream().map(a -> a.customerId() + ":" + a.campaign() + ":" + a.expectedProfit())
                .toList();
    }

    @Property(tries = 200)
    void shufflingTheCustomersGivesTheSamePlan(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
            @ForAll @IntRange(min = 1, max = 40) int n, @ForAll @IntRange(min = 0, max = 30) int budget,
            @ForAll boolean lagrangian) {
        CampaignPlanner planner = CampaignPlanner.builder()
                .campaign(Campaign.builder("promo").costPerContact(1).valuePerResponse(10).response("a", 0.5)
                        .defaultResponse(0.3).build())
                .campaign(Campaign.builder("save").costPerContact(2).retention(0.5).churnBand(0.3, 1).build())
                .segments(List.of("a", "b")).budget(budget).algorithm(lagrangian ? PlanAlgorithm.LAGRANGIAN : PlanAlgorithm.AUTO).build();
        List<TargetCustomer> cs = customers(seed, n);
        List<String> expected = assignments(planner.plan(cs));
        List<TargetCustomer> shuffled = new ArrayList<>(cs);
        Collections.shuffle(shuffled, new Random(seed + 1));
        assertEquals(expected, assignments(planner.plan(shuffled)));
        Collections.reverse(shuffled);
        assertEquals(expected, assignments(planner.plan(shuffled)));
    }
}
