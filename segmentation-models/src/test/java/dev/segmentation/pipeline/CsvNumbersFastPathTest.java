package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The fast paths of {@link CsvNumbers#money} and {@link CsvNumbers#significant} (issue 19) against the exact
 * decimal expansion of the double ({@code new BigDecimal(v)}, the reference the formats are defined by).
 */
class CsvNumbersFastPathTest {
    private static String money(double v) {
        String s = new BigDecimal(v).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
        return s.equals("-0.00") ? "0.00" : s;
    }

    private static String significant(double v) {
        return v == 0 ? "0"
                : new BigDecimal(v).round(new MathContext(6, RoundingMode.HALF_EVEN)).stripTrailingZeros()
                        .toPlainString();
    }

    @Provide
    Arbitrary<Double> values() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(-1e6, 1e6).ofScale(12),
                Arbitraries.doubles().between(-1, 1).ofScale(18),
                // any finite double, every binary exponent
                Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite),
                // cents and ties: k / 100 and (k + 0.5) / 100, k / 1e6 and (k + 0.5) / 1e6
                Arbitraries.longs().between(-10_000_000L, 10_000_000L).map(k -> k / 100.0),
                Arbitraries.longs().between(-10_000_000L, 10_000_000L).map(k -> (k + 0.5) / 100.0),
                Arbitraries.longs().between(-10_000_000L, 10_000_000L).map(k -> (k + 0.5) / 1e6),
                Arbitraries.longs().between(1, 1_000_000L).map(k -> k * 1e9),
                Arbitraries.of(1e15, 0x1p52 / 100, 999999.5, 9999995.0, 0.0999995, 1e-15, 99999.95, 0.005, -0.005));
    }

    @Property(tries = 5000)
    void moneyEqualsExactRounding(@ForAll("values") double v) {
        assertEquals(money(v), CsvNumbers.money(v), "v = " + v);
    }

    @Property(tries = 5000)
    void significantEqualsExactRounding(@ForAll("values") double v) {
        assertEquals(significant(v), CsvNumbers.significant(v), "v = " + v);
    }

    @Test
    void handCases() {
        assertEquals("2.67", CsvNumbers.money(2.675)); // 2.67499999999999982236431605997495353221893310546875
        assertEquals("0.12", CsvNumbers.money(0.125)); // an exact tie: half-even
        assertEquals("-1.05", CsvNumbers.money(-1.05));
        assertEquals("0.00", CsvNumbers.money(-0.001));
        assertEquals("123.456", CsvNumbers.significant(123.456));
        assertEquals("0.000123", CsvNumbers.significant(0.000123));
        assertEquals("100000000000000", CsvNumbers.significant(1e14));
        assertEquals("-0.333333", CsvNumbers.significant(-1.0 / 3));
    }
}
