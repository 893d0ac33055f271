package dev.segmentation.targeting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ResponsibleUseTest {
    /** RFC 4231 section 4.2, test case 1: key = 20 bytes of 0x0b, data = "Hi There". */
    @Test
    void hmacMatchesRfc4231TestCase1() {
        byte[] key = new byte[20];
        Arrays.fill(key, (byte) 0x0b);
        assertEquals("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                Pseudonymizer.hmacSha256(key).pseudonymize("Hi There"));
    }

    /** RFC 4231 section 4.3, test case 2: key = "Jefe", data = "what do ya want for nothing?". */
    @Test
    void hmacMatchesRfc4231TestCase2() {
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                Pseudonymizer.hmacSha256("Jefe".getBytes(StandardCharsets.US_ASCII))
                        .pseudonymize("what do ya want for nothing?"));
    }

    @Test
    void pseudonymsDependOnTheKeyAndTheKeyIsCopied() {
        byte[] key = "secret-key-0123456789".getBytes(StandardCharsets.US_ASCII);
        Pseudonymizer p = Pseudonymizer.hmacSha256(key);
        String before = p.pseudonymize("C00042");
        key[0] = 'X';
        assertEquals(before, p.pseudonymize("C00042"));
        assertNotEquals(before, Pseudonymizer.hmacSha256(key).pseudonymize("C00042"));
        assertNotEquals(before, p.pseudonymize("C00043"));
        assertEquals(64, before.length());
    }

    @Test
    void emptyKeyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pseudonymizer.hmacSha256(new byte[0]));
        assertEquals("key must be non-empty, found 0 bytes", e.getMessage());
    }

    @Test
    void protectedAttributesAreRefusedAsFeatures() {
        ProtectedAttributes p = ProtectedAttributes.of("gender", "Age_Band");
        p.checkFeatures(List.of("recency", "frequency", "monetary"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.checkFeatures(List.of("recency", " Gender", "age_band")));
        assertEquals("features must not include protected attributes, found  Gender, age_band", e.getMessage());
        assertTrue(p.isProtected("AGE_BAND"));
        assertFalse(p.isProtected("age"));
        assertEquals("ProtectedAttributes[age_band, gender]", p.toString());
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> ProtectedAttributes.of("gender", " "));
        assertEquals("names must be non-blank, found \" \"", blank.getMessage());
    }

    @Test
    void customerBuilderChecksItsValues() {
        assertEquals("churnProbability must be in [0, 1], found 1.5", assertThrows(IllegalArgumentException.class,
                () -> TargetCustomer.builder("C1").churnProbability(1.5)).getMessage());
        assertEquals("clv must be finite and >= 0, found -1.0", assertThrows(IllegalArgumentException.class,
                () -> TargetCustomer.builder("C1").clv(-1)).getMessage());
        assertEquals("recencyDays must be finite and >= 0, found NaN", assertThrows(IllegalArgumentException.class,
                () -> TargetCustomer.builder("C1").recencyDays(Double.NaN)).getMessage());
        assertEquals("recentContacts must be >= 0, found -1", assertThrows(IllegalArgumentException.class,
                () -> TargetCustomer.builder("C1").recentContacts(-1)).getMessage());
        assertEquals("id must be non-blank, found \"\"", assertThrows(IllegalArgumentException.class,
                () -> TargetCustomer.builder("")).getMessage());
        TargetCustomer c = TargetCustomer.builder("C1").segment("s").attribute("region", "north").build();
        assertEquals("north", c.attribute("region").orElseThrow());
        assertTrue(c.attribute("gender").isEmpty());
    }

    /** Opted-out customers never appear in a plan, whatever the campaigns, budget and algorithm. */
    @Property(tries = 200)
    void optedOutCustomersNeverAppearInAPlan(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
            @ForAll @IntRange(min = 1, max = 40) int n, @ForAll @IntRange(min = 0, max = 2) int algo) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        List<TargetCustomer> customers = new ArrayList<>();
        Set<String> optedOut = new HashSet<>();
        for (int i = 0; i < n; i++) {
            boolean out = r.nextInt(3) == 0;
            if (out) {
                optedOut.add("C" + i);
            }
            customers.add(TargetCustomer.builder("C" + i).segment("s" + r.nextInt(3))
                    .churnProbability(r.nextDouble()).clv(r.nextDouble() * 500).recencyDays(r.nextInt(400))
                    .optedOut(out).build());
        }
        CampaignPlanner planner = CampaignPlanner.builder()
                .campaign(Campaign.builder("promo").costPerContact(1).valuePerResponse(60).defaultResponse(0.5)
                        .build())
                .campaign(Campaign.builder("save").costPerContact(2).retention(0.5).build())
                .budget(r.nextInt(3) == 0 ? Double.POSITIVE_INFINITY : r.nextInt(60))
                .algorithm(PlanAlgorithm.values()[algo]).build();
        CampaignPlan plan = planner.plan(customers);
        for (Assignment a : plan.assignments()) {
            assertFalse(optedOut.contains(a.customerId()), a.customerId());
        }
        assertEquals(optedOut.size(), plan.optedOut());
    }
}
