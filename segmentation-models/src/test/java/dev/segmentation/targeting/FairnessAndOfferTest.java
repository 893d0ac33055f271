package dev.segmentation.targeting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.recommend.Recommender;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairnessAndOfferTest {
    @Test
    void disparateImpactIsMinOverMaxRateAndFlaggedBelowFourFifths() {
        // north: 4 customers with high churn x CLV, south: 4 with low; retention selects by value
        List<TargetCustomer> cs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            cs.add(TargetCustomer.builder("N" + i).churnProbability(0.9).clv(100).attribute("region", "north")
                    .build());
            cs.add(TargetCustomer.builder("S" + i).churnProbability(i == 0 ? 0.9 : 0.1).clv(100)
                    .attribute("region", "south").build());
        }
        cs.add(TargetCustomer.builder("X").churnProbability(0.9).clv(100).build());
        cs.add(TargetCustomer.builder("O").churnProbability(0.9).clv(100).attribute("region", "south").optedOut(true)
                .build());
        CampaignPlan plan = CampaignPlanner.builder().campaign(Campaign.builder("save").costPerContact(10)
                .retention(0.5).build()).build().plan(cs);
        FairnessReport f = FairnessReport.of(cs, plan, "region");
        assertEquals(List.of(new GroupRate("(missing)", 1, 1, 1.0), new GroupRate("north", 4, 4, 1.0),
                new GroupRate("south", 4, 1, 0.25)), f.groups());
        assertEquals(0.25, f.disparateImpact(), 0);
        assertTrue(f.flagged());
        assertEquals("FairnessReport{attribute=region, disparateImpact=0.2500, flagged=true, groups=["
                + "GroupRate[group=(missing), customers=1, selected=1, rate=1.0], GroupRate[group=north, customers=4, "
                + "selected=4, rate=1.0], GroupRate[group=south, customers=4, selected=1, rate=0.25]]}",
                f.toString());
        FairnessReport lenient = FairnessReport.of(cs, plan, "region", 0.2);
        assertFalse(lenient.flagged());
        assertEquals("threshold must be in (0, 1], found 0.0", assertThrows(IllegalArgumentException.class,
                () -> FairnessReport.of(cs, plan, "region", 0)).getMessage());
    }

    @Test
    void nobodySelectedIsNotFlagged() {
        List<TargetCustomer> cs = List.of(TargetCustomer.builder("A").attribute("g", "x").build(),
                TargetCustomer.builder("B").attribute("g", "y").build());
        CampaignPlan plan = CampaignPlanner.builder().campaign(Campaign.builder("p").costPerContact(1).build())
                .build().plan(cs);
        FairnessReport f = FairnessReport.of(cs, plan, "g");
        assertEquals(1.0, f.disparateImpact(), 0);
        assertFalse(f.flagged());
    }

    @Test
    void nextBestOfferKeepsRecommendedItemsThatAnEligibleCampaignPromotes() {
        Recommender rec = (customer, n, excludeSeen) -> {
            int[] all = {7, 3, 9, 1, 5};
            return java.util.Arrays.copyOf(all, Math.min(n, all.length));
        };
        List<Campaign> camps = List.of(
                Campaign.builder("gadgets").costPerContact(1).valuePerResponse(50).defaultResponse(0.1).items(3, 5)
                        .segments("tech").build(),
                Campaign.builder("bundle").costPerContact(1).valuePerResponse(20).defaultResponse(0.1).items(3, 1)
                        .build(),
                Campaign.builder("lossy").costPerContact(5).valuePerResponse(10).defaultResponse(0.1).items(9)
                        .build());
        NextBestOffer nbo = NextBestOffer.of(rec, camps, 5);
        TargetCustomer tech = TargetCustomer.builder("T").segment("tech").build();
        assertEquals(List.of(new Offer(3, 1, "gadgets", 4.0), new Offer(1, 3, "bundle", 1.0)),
                nbo.offers(tech, 0, 2));
        TargetCustomer other = TargetCustomer.builder("U").segment("home").build();
        assertEquals(List.of(new Offer(3, 1, "bundle", 1.0), new Offer(1, 3, "bundle", 1.0)),
                nbo.offers(other, 0, 5));
        assertEquals(List.of(), nbo.offers(TargetCustomer.builder("V").segment("tech").optedOut(true).build(), 0, 5));
        assertEquals(List.of(new Offer(3, 1, "gadgets", 4.0)), NextBestOffer.of(rec, camps, 3).offers(tech, 0, 5));
        assertEquals("n must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> nbo.offers(tech, 0, 0)).getMessage());
        assertEquals("depth must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> NextBestOffer.of(rec, camps, 0)).getMessage());
    }

    /** With a real recommender (popularity on a simulated log): offers come from eligible promoting campaigns. */
    @Test
    void nextBestOfferWithPopularityOnSimulatedData() {
        dev.segmentation.data.SimulatedRetail sim = dev.segmentation.data.RetailSimulator.builder().customers(500)
                .seed(3).build().generate();
        dev.segmentation.recommend.InteractionMatrix m = dev.segmentation.recommend.InteractionMatrix.builder()
                .build(sim.log());
        Recommender pop = dev.segmentation.recommend.Popularity.builder().build().fit(m);
        int[] top = pop.recommend(0, 20, false);
        int[] rowPtr = m.rowPtr();
        int[] cols = m.cols();
        Campaign even = Campaign.builder("even").costPerContact(1).valuePerResponse(30).defaultResponse(0.1)
                .items(top[0], top[2], top[4], top[6]).build();
        Campaign loyalOnly = Campaign.builder("loyal").costPerContact(1).valuePerResponse(90).defaultResponse(0.1)
                .items(top[1], top[2]).segments("loyal").build();
        NextBestOffer nbo = NextBestOffer.of(pop, List.of(even, loyalOnly), 20);
        int total = 0;
        int viaLoyalCount = 0;
        for (int c = 0; c < 50; c++) {
            String seg = c % 2 == 0 ? "loyal" : "other";
            TargetCustomer t = TargetCustomer.builder("C" + c).segment(seg).build();
            List<Offer> offers = nbo.offers(t, c, 3);
            total += offers.size();
            assertTrue(offers.size() <= 3);
            int lastRank = -1;
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int k = rowPtr[c]; k < rowPtr[c + 1]; k++) {
                seen.add(cols[k]);
            }
            for (Offer o : offers) {
                assertTrue(o.rank() > lastRank);
                lastRank = o.rank();
                assertFalse(seen.contains(o.item()), "seen item offered");
                boolean viaLoyal = o.campaign().equals("loyal");
                viaLoyalCount += viaLoyal ? 1 : 0;
                assertTrue(viaLoyal ? seg.equals("loyal") && (o.item() == top[1] || o.item() == top[2])
                        : o.item() == top[0] || o.item() == top[2] || o.item() == top[4] || o.item() == top[6]);
                if (o.item() == top[2] && seg.equals("loyal")) {
                    assertEquals("loyal", o.campaign());
                }
            }
        }
        assertTrue(total > 50 && viaLoyalCount > 0, total + " offers, " + viaLoyalCount + " via loyal");
    }
}
