package dev.segmentation.targeting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: an assignment's reason carried as fields ({@link Explanation}), so that a caller shows the segments by
 * name without parsing the text.
 */
class ExplanationTest {
    private static final Campaign WIN_BACK = Campaign.builder("win-back").costPerContact(2).valuePerResponse(40)
            .defaultResponse(0.06).segments("1", "3").churnBand(0.5, 1).recencyDaysBand(60, Double.POSITIVE_INFINITY)
            .build();

    @Test
    void fieldsAndTextOfARuleSet() {
        TargetCustomer t = TargetCustomer.builder("C9").segment("3").churnProbability(0.7).recencyDays(90).build();
        Explanation e = WIN_BACK.explanation(t);
        assertEquals(new Explanation("win-back", "3", List.of("1", "3"),
                List.of("churn 0.7 in [0.5, 1.0]", "recency 90.0 days in [60.0, Infinity]"),
                "0.0600 x 40.00 - 2.00 = 0.4000"), e);
        assertTrue(e.hasSegmentRule());
        String text = "win-back: segment 3 in [1, 3]; churn 0.7 in [0.5, 1.0]; recency 90.0 days in [60.0, Infinity]; "
                + "expected profit 0.0600 x 40.00 - 2.00 = 0.4000";
        assertEquals(text, e.text());
        assertEquals(text, WIN_BACK.explain(t));
        Map<String, String> names = Map.of("1", "Lost", "3", "Hibernating");
        assertEquals("win-back: segment Hibernating (3) in [Lost (1), Hibernating (3)]; churn 0.7 in [0.5, 1.0]; "
                + "recency 90.0 days in [60.0, Infinity]; expected profit 0.0600 x 40.00 - 2.00 = 0.4000",
                e.text(id -> names.get(id) + " (" + id + ")"));
    }

    @Test
    void noRuleAndRetention() {
        Campaign save = Campaign.builder("save").costPerContact(10).retention(0.5).build();
        TargetCustomer a = TargetCustomer.builder("A").segment("2").churnProbability(0.8).clv(100).build();
        Explanation e = save.explanation(a);
        assertEquals(new Explanation("save", "", List.of(), List.of(),
                "churn 0.8000 x save rate 0.5000 x clv 100.00 - 10.00 = 30.0000"), e);
        assertFalse(e.hasSegmentRule());
        String text = "save: no eligibility rule; expected profit churn 0.8000 x save rate 0.5000 x clv 100.00 - "
                + "10.00 = 30.0000";
        assertEquals(text, e.text());
        // without a segment rule a label changes nothing
        assertEquals(text, e.text(id -> "never " + id));
    }

    @Test
    void theAssignmentCarriesTheExplanation() {
        List<TargetCustomer> cs = new ArrayList<>();
        cs.add(TargetCustomer.builder("A").segment("1").churnProbability(0.9).recencyDays(70).build());
        cs.add(TargetCustomer.builder("B").segment("2").churnProbability(0.9).recencyDays(70).build());
        cs.add(TargetCustomer.builder("C").segment("3").churnProbability(0.1).recencyDays(70).build());
        CampaignPlan plan = CampaignPlanner.builder().campaign(WIN_BACK).build().plan(cs);
        assertEquals(1, plan.assignments().size());
        Assignment a = plan.assignments().get(0);
        assertEquals(WIN_BACK.explanation(cs.get(0)), a.explanation());
        assertEquals("win-back: segment 1 in [1, 3]; churn 0.9 in [0.5, 1.0]; recency 70.0 days in [60.0, Infinity]; "
                + "expected profit 0.0600 x 40.00 - 2.00 = 0.4000", a.reason());
    }

    @Test
    void listsAreCopiedAndNullsRefused() {
        List<String> rules = new ArrayList<>(List.of("clv 5.0 in [1.0, 9.0]"));
        Explanation e = new Explanation("c", "", List.of(), rules, "p");
        rules.add("more");
        assertEquals(List.of("clv 5.0 in [1.0, 9.0]"), e.rules());
        assertEquals("c: clv 5.0 in [1.0, 9.0]; expected profit p", e.text());
        assertThrows(UnsupportedOperationException.class, () -> e.eligibleSegments().add("x"));
        assertEquals("segment", assertThrows(NullPointerException.class,
                () -> new Explanation("c", null, List.of(), List.of(), "p")).getMessage());
        assertEquals("label", assertThrows(NullPointerException.class, () -> WIN_BACK.explanation(
                TargetCustomer.builder("A").segment("1").build()).text(id -> null)).getMessage());
        assertEquals("explanation", assertThrows(NullPointerException.class,
                () -> new Assignment(0, "A", "c", 1, 1, null)).getMessage());
    }
}
