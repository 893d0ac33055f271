package dev.segmentation.persist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes the loader: random, truncated and mutated documents either load or are refused with a
 * {@link ModelFormatException}; nothing else ever escapes.
 */
class ModelJsonFuzzTest {
    private static final List<String> FIXTURES = ModelCases.all().stream().map(c -> {
        try {
            return ModelJsonTest.fixture(c.type());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }).toList();

    /** Loads or refuses with the documented exception; any other throwable fails the property. */
    private static void loadsOrRefuses(String text) {
        try {
            Object m = ModelJson.fromJson(text);
            assertTrue(Codecs.typeOf(m) != null, "a loaded document must be a persistable model");
        } catch (ModelFormatException e) {
            assertTrue(e.getMessage().startsWith("model: $"), e.getMessage());
        }
    }

    @Property(tries = 300)
    void randomText(@ForAll("noise") String text) {
        loadsOrRefuses(text);
    }

    @Property(tries = 300)
    void truncatedFixtures(@ForAll("fixtureIndex") int f, @ForAll("fraction") double cut) {
        String text = FIXTURES.get(f);
        loadsOrRefuses(text.substring(0, (int) (cut * text.length())));
    }

    @Property(tries = 1000)
    void mutatedFixtures(@ForAll("fixtureIndex") int f, @ForAll("fraction") double at,
            @ForAll("replacement") String replacement, @ForAll("fraction") double length) {
        String text = FIXTURES.get(f);
        int from = (int) (at * text.length());
        int to = Math.min(text.length(), from + (int) (length * 12));
        loadsOrRefuses(text.substring(0, from) + replacement + text.substring(to));
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings().withChars("{}[]\":,0123456789.-eEtruefalsn ").ofMaxLength(200),
                Arbitraries.strings().withChars("{}[]\":,01.-e ").ofMaxLength(40)
                        .map(s -> "{\"format\":\"segmentation-model\",\"version\":1,\"type\":\"kmeans\"," + s));
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
                "[[]]", "[1,2]", "-0.0", "9223372036854775808", "\"\"", ",", "]", "}", "\"P-7D\"", "\"ERROR\"",
                "\"FULL\""), Arbitraries.strings().ofMaxLength(6));
    }
}
