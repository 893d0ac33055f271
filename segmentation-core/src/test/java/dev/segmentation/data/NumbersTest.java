package dev.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class NumbersTest {
    private static double parse(String s) {
        return Numbers.parse(s.toCharArray(), 0, s.length());
    }

    /** Bit-exact agreement with {@link Double#parseDouble}, the correctly rounded reference. */
    private static void assertSameDouble(String text) {
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)), Double.doubleToRawLongBits(parse(text)),
                text);
    }

    @Property(tries = 2000)
    void everyDoubleRoundTripsThroughItsShortestRepr(@ForAll double d) {
        if (Double.isFinite(d)) {
            assertSameDouble(Double.toString(d));
            assertSameDouble(new BigDecimal(d).toPlainString());
        }
    }

    @Property(tries = 2000)
    void pricesAndQuantitiesAsDataFilesWriteThem(@ForAll @LongRange(min = -10_000_000_000L, max = 10_000_000_000L)
            long units, @ForAll @IntRange(min = 0, max = 9) int decimals) {
        assertSameDouble(BigDecimal.valueOf(units, decimals).toPlainString());
    }

    @Property(tries = 1000)
    void decimalStringsOfManyDigitsMatchTheReference(@ForAll("decimals") String text) {
        assertSameDouble(text);
    }

    @Provide
    Arbitrary<String> decimals() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25);
        Arbitrary<String> sign = Arbitraries.of("", "-", "+");
        Arbitrary<String> exponent = Arbitraries.of("", "e5", "E-7", "e+300", "e-320", "e22", "e-22");
        return net.jqwik.api.Combinators.combine(sign, digits, digits, exponent)
                .as((s, i, f, e) -> s + i + "." + f + e);
    }

    @Test
    void acceptsThePlainDecimalGrammarWithSpaces() {
        assertEquals(2.55, parse("2.55"));
        assertEquals(0.001, parse("0.001"));
        assertEquals(38970.0, parse("38970.0"));
        assertEquals(-80995.0, parse("-80995"));
        assertEquals(5.0, parse("+5"));
        assertEquals(0.5, parse(".5"));
        assertEquals(1.0, parse("1."));
        assertEquals(1.5e-7, parse("1.5e-7"));
        assertEquals(12.0, parse("  12\t"));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(parse("-0.0")));
        assertEquals(0.0, parse("0.000000000000000000000000000000"));
        assertEquals(123456789012345678901234567890.0, parse("123456789012345678901234567890"));
    }

    @Test
    void rejectsEverythingElseWithNaNAndOverflowWithInfinity() {
        for (String s : new String[] {"", " ", "-", "+", ".", "1e", "1e+", "e5", "1.2.3", "1,5", "1d", "2.5f", "0x10",
            "NaN", "Infinity", "-Infinity", "1 2", "--1", "12a", "\u0661"}) {
            assertTrue(Double.isNaN(parse(s)), s);
        }
        assertEquals(Double.POSITIVE_INFINITY, parse("1e400"));
        assertEquals(Double.NEGATIVE_INFINITY, parse("-1e400"));
    }
}
