package dev.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes {@code plan}'s campaign file (issue 17): random, truncated and mutated documents either plan (exit 0,
 * the assignment CSV written, JSON on stdout) or are refused with exit 1 and one line {@code error: FILE: ...}
 * naming the campaign file (or the customers file a campaign refers to), never a stack trace, and leave no
 * output file.
 */
class PlanConfigFuzzTest {
    private static final List<String> FIXTURES = List.of("""
            {"budget": 50, "maxContacts": 3, "segments": ["0", "1", "Loyal"],
             "campaigns": [
               {"name": "win-back", "costPerContact": 2.0, "valuePerResponse": 40,
                "response": {"Lost": 0.06, "0": 0.1}, "defaultResponse": 0.02,
                "eligibleSegments": ["Lost", "1"], "recencyDaysBand": [60, null], "items": ["85123A", 22423]},
               {"name": "save", "costPerContact": 8, "retention": 0.3, "churnBand": [0.5, 1],
                "clvBand": [10, null]},
               {"name": "model", "costPerContact": 1, "valuePerResponse": 10, "responseColumn": "p_model"}]}
            """, """
            {"campaigns": [{"name": "p", "defaultResponse": 0.5, "valuePerResponse": 3, "costPerContact": 1}]}
            """);
    private static final String CUSTOMERS = """
            customer_id,segment,segment_name,recency,p_churn,clv,top_items,p_model,opted_out,recent_contacts
            A,0,Loyal,10,0.1,120,85123A 22423,0.3,false,0
            B,1,Lost,200,0.8,40,22423,0.05,no,1
            C,1,Lost,90,0.6,15,,0.5,yes,0
            D,0,Loyal,5,0.05,300,85123A,0.9,0,4
            """;

    private static Path dir;
    private static Path customers;

    @BeforeContainer
    static void files() throws IOException {
        dir = Files.createTempDirectory("plan-fuzz");
        customers = dir.resolve("customers.csv");
        Files.writeString(customers, CUSTOMERS, StandardCharsets.UTF_8);
    }

    @AfterContainer
    static void clean() throws IOException {
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    /** Plans or refuses as documented; anything else fails the property. */
    private static void plansOrRefuses(String text) {
        try {
            Path cfg = dir.resolve("campaigns.json");
            Path out = dir.resolve("assignments.csv");
            Files.deleteIfExists(out);
            Files.writeString(cfg, text, StandardCharsets.UTF_8);
            CliRun r = CliRun.of("plan", "--config", cfg.toString(), "--customers", customers.toString(), "--out",
                    out.toString());
            if (r.code() == 0) {
                assertTrue(Files.exists(out), "no assignment file for " + text);
                assertTrue(r.json().has("warnings"), r.out());
                return;
            }
            assertEquals(1, r.code(), r.err());
            assertTrue(r.err().startsWith("error: " + cfg + ": ") || r.err().startsWith("error: " + customers + ":"),
                    r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
            assertFalse(Files.exists(out), "output left by a refused plan: " + text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Example
    void theFixturesPlan() throws IOException {
        for (String f : FIXTURES) {
            Path cfg = dir.resolve("fixture.json");
            Files.writeString(cfg, f, StandardCharsets.UTF_8);
            CliRun r = CliRun.of("plan", "--config", cfg.toString(), "--customers", customers.toString(), "--out",
                    dir.resolve("fixture.csv").toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.json().get("assigned").asInt() > 0, r.out());
        }
    }

    @Property(tries = 150)
    void randomText(@ForAll("noise") String text) {
        plansOrRefuses(text);
    }

    @Property(tries = 150)
    void truncatedFixtures(@ForAll("fixtureIndex") int f, @ForAll("fraction") double cut) {
        String text = FIXTURES.get(f);
        plansOrRefuses(text.substring(0, (int) (cut * text.length())));
    }

    @Property(tries = 400)
    void mutatedFixtures(@ForAll("fixtureIndex") int f, @ForAll("fraction") double at,
            @ForAll("replacement") String replacement, @ForAll("fraction") double length) {
        String text = FIXTURES.get(f);
        int from = (int) (at * text.length());
        int to = Math.min(text.length(), from + (int) (length * 12));
        plansOrRefuses(text.substring(0, from) + replacement + text.substring(to));
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings().withChars("{}[]\":,0123456789.-eEtruefalsn ").ofMaxLength(200),
                Arbitraries.strings().withChars("{}[]\":,01.-e ").ofMaxLength(40)
                        .map(s -> "{\"campaigns\": [{\"name\": \"p\", " + s));
    }

    @Provide
    Arbitrary<Integer> fixtureIndex() {
        return Arbitraries.integers().between(0, FIXTURES.size() - 1);
    }

    @Provide
    Arbitrary<Double> fraction() {
        return Arbitraries.doubles().between(0, 1);
    }

    @Provide
    Arbitrary<String> replacement() {
        return Arbitraries.oneOf(Arbitraries.of("", "null", "-1", "0", "1e400", "NaN", "\"x\"", "[]", "{}", "true",
                "[[]]", "[1,2]", "-0.0", "9223372036854775808", "\"\"", ",", "]", "}", "\"Lost\"", "\"retention\"",
                "\"response\"", "\"budget\": 1,", "\"name\": \"p\",", "\"items\": [20725],", "\ufeff"),
                Arbitraries.strings().ofMaxLength(6));
    }
}
