package dev.segmentation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The one wording of the argument checks: {@code "<param> must be <constraint>, found <value>"}. */
class ParamChecksTest {
    private static String message(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    @Test
    void inRangeWritesWholeBoundsAsIntegers() {
        assertEquals("p must be in [0, 1], found 1.5", message(() -> ParamChecks.inRange("p", 1.5, 0, 1)));
        assertEquals("p must be in [0, 1], found NaN", message(() -> ParamChecks.inRange("p", Double.NaN, 0, 1)));
        assertEquals("p must be in [-2, 50], found -Infinity",
                message(() -> ParamChecks.inRange("p", Double.NEGATIVE_INFINITY, -2.0, 50.0)));
    }

    @Test
    void inRangeWritesOtherBoundsAsDoubles() {
        assertEquals("w must be in [0.25, 0.75], found 0.8", message(() -> ParamChecks.inRange("w", 0.8, 0.25, 0.75)));
        assertEquals("w must be in [0, 1.0E20], found Infinity",
                message(() -> ParamChecks.inRange("w", Double.POSITIVE_INFINITY, 0, 1e20)));
    }

    @Test
    void inRangeReturnsAcceptedValuesIncludingTheBounds() {
        assertEquals(0.0, ParamChecks.inRange("p", 0.0, 0, 1));
        assertEquals(1.0, ParamChecks.inRange("p", 1.0, 0, 1));
        assertEquals(30L, ParamChecks.inRange("bits", 30, 1, 30));
        assertEquals(1L, ParamChecks.inRange("bits", 1, 1, 30));
    }

    @Test
    void integerInRangeNamesTheBoundsAndTheValue() {
        assertEquals("bits must be in [1, 30], found 31", message(() -> ParamChecks.inRange("bits", 31, 1, 30)));
        assertEquals("conversionsA must be in [0, 100], found -1",
                message(() -> ParamChecks.inRange("conversionsA", -1L, 0L, 100L)));
    }

    @Test
    void openRangesNameTheirOpenBounds() {
        assertEquals("epsilon must be in (0, 1), found 1.0",
                message(() -> ParamChecks.inOpenRange("epsilon", 1, 0, 1)));
        assertEquals("epsilon must be in (0, 1), found 0.0",
                message(() -> ParamChecks.inOpenRange("epsilon", 0, 0, 1)));
        assertEquals("epsilon must be in (0, 1), found NaN",
                message(() -> ParamChecks.inOpenRange("epsilon", Double.NaN, 0, 1)));
        assertEquals(0.5, ParamChecks.inOpenRange("epsilon", 0.5, 0, 1));
        assertEquals("margin must be in (0, 1], found 0.0",
                message(() -> ParamChecks.inLeftOpenRange("margin", 0, 0, 1)));
        assertEquals("margin must be in (0, 1], found 1.5",
                message(() -> ParamChecks.inLeftOpenRange("margin", 1.5, 0, 1)));
        assertEquals("margin must be in (0, 1], found NaN",
                message(() -> ParamChecks.inLeftOpenRange("margin", Double.NaN, 0, 1)));
        assertEquals(1.0, ParamChecks.inLeftOpenRange("margin", 1, 0, 1));
    }

    @Test
    void emptyAndBlankAreNamedOneWay() {
        assertEquals("rules must be non-empty, found []", message(() -> ParamChecks.nonEmpty("rules", List.of())));
        List<String> one = List.of("a");
        assertSame(one, ParamChecks.nonEmpty("rules", one));
        assertEquals("name must be non-blank, found \" \"", message(() -> ParamChecks.nonBlank("name", " ")));
        assertEquals("name must be non-blank, found \"\"", message(() -> ParamChecks.nonBlank("name", "")));
        assertEquals(" a", ParamChecks.nonBlank("name", " a"));
        assertEquals("name", assertThrows(NullPointerException.class, () -> ParamChecks.nonBlank("name", null))
                .getMessage());
    }

    @Test
    void lengthsReadOneWay() {
        assertEquals("row must have length 3, found 2", message(() -> ParamChecks.hasLength("row", 2, 3)));
        assertEquals("out must have length >= 90, found 3", message(() -> ParamChecks.hasLengthAtLeast("out", 3, 90)));
        ParamChecks.hasLength("row", 3, 3);
        ParamChecks.hasLengthAtLeast("out", 90, 90);
        ParamChecks.hasLengthAtLeast("out", 91, 90);
    }

    @Test
    void otherChecksKeepTheirWording() {
        assertEquals("k must be >= 1, found 0", message(() -> ParamChecks.atLeast("k", 0, 1)));
        assertEquals("threads must be >= 1, found -2", message(() -> ParamChecks.threads(-2)));
        assertEquals("shrink must be finite and >= 0, found -1.0",
                message(() -> ParamChecks.nonNegative("shrink", -1)));
        assertEquals("l2 must be finite and > 0, found Infinity",
                message(() -> ParamChecks.positive("l2", Double.POSITIVE_INFINITY)));
        assertEquals("unit must be positive, found PT0S", message(() -> ParamChecks.positive("unit", Duration.ZERO)));
        assertEquals("x must be finite, found NaN", message(() -> ParamChecks.finite("x", Double.NaN)));
    }
}
