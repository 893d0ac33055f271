package dev.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentProfileTest {
    private static void assertMessage(String expected, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertEquals(expected, e.getMessage());
    }

    @Test
    void toStringListsEveryParameterExactly() {
        SegmentProfile s = SegmentProfile.builder("tech enthusiasts").share(0.15).bgNbd(1.0, 10.0, 1.5, 10.0)
                .gammaGamma(3.0, 5.0, 100.0).linesPerOrder(2.0).channelMix(0.1, 0.6, 0.3).build();
        assertEquals("SegmentProfile{name=tech enthusiasts, share=0.15, r=1.0, alpha=10.0, a=1.5, b=10.0, p=3.0, "
                + "q=5.0, v=100.0, linesPerOrder=2.0, categoryTaste=uniform, channelMix=[0.1, 0.6, 0.3]}",
                s.toString());
    }

    @Test
    void builderDefaultsAreDocumented() {
        SegmentProfile s = SegmentProfile.builder("x").build();
        assertEquals("SegmentProfile{name=x, share=1.0, r=1.0, alpha=10.0, a=1.5, b=6.0, p=5.0, q=4.0, v=30.0, "
                + "linesPerOrder=3.0, categoryTaste=uniform, channelMix=uniform}", s.toString());
        assertEquals(50.0, s.meanSpend(), 1e-12);
        assertEquals(0.1, s.meanPurchaseRate(), 1e-12);
        assertEquals(1.5 / 7.5, s.meanDropout(), 1e-12);
    }

    @Test
    void defaultsAreFiveNamedSegmentsWhoseSharesSumToOne() {
        List<SegmentProfile> d = SegmentProfile.defaults();
        assertEquals(List.of("loyal high spenders", "regular family shoppers", "occasional bargain hunters",
                "tech enthusiasts", "one-time browsers"), d.stream().map(SegmentProfile::name).toList());
        assertEquals(1.0, d.stream().mapToDouble(SegmentProfile::share).sum(), 1e-12);
        for (SegmentProfile s : d) {
            assertEquals(RetailSimulator.DEFAULT_CATEGORIES.size(), s.categoryTaste().length, s.name());
            assertEquals(RetailSimulator.DEFAULT_CHANNELS.size(), s.channelMix().length, s.name());
        }
        // The documented means of the table in defaults().
        assertEquals(120.0, d.get(0).meanSpend(), 1e-12);
        assertEquals(0.5, d.get(0).meanPurchaseRate(), 1e-12);
        assertEquals(75.0, d.get(3).meanSpend(), 1e-12);
    }

    @Test
    void arraysAreCopiedInAndOut() {
        double[] taste = {1.0, 2.0};
        SegmentProfile s = SegmentProfile.builder("x").categoryTaste(taste).build();
        taste[0] = 99.0;
        s.categoryTaste()[1] = 99.0;
        assertArrayEquals(new double[] {1.0, 2.0}, s.categoryTaste());
    }

    @Test
    void toBuilderMakesEqualProfilesAndVariants() {
        SegmentProfile s = SegmentProfile.defaults().get(1);
        assertEquals(s, s.toBuilder().build());
        assertEquals(s.hashCode(), s.toBuilder().build().hashCode());
        SegmentProfile t = s.toBuilder().share(0.5).build();
        assertNotEquals(s, t);
        assertEquals(0.5, t.share());
        assertEquals(s.r(), t.r());
    }

    @Test
    void badArgumentsAreNamedWithTheirValue() {
        assertMessage("name must be non-blank, found \" \"", () -> SegmentProfile.builder(" "));
        assertMessage("share must be finite and > 0, found 0.0", () -> SegmentProfile.builder("x").share(0.0));
        assertMessage("share must be finite and > 0, found Infinity",
                () -> SegmentProfile.builder("x").share(Double.POSITIVE_INFINITY));
        assertMessage("r must be finite and > 0, found -1.0",
                () -> SegmentProfile.builder("x").bgNbd(-1.0, 1.0, 1.0, 1.0));
        assertMessage("alpha must be finite and > 0, found NaN",
                () -> SegmentProfile.builder("x").bgNbd(1.0, Double.NaN, 1.0, 1.0));
        assertMessage("a must be finite and > 0, found 0.0",
                () -> SegmentProfile.builder("x").bgNbd(1.0, 1.0, 0.0, 1.0));
        assertMessage("b must be finite and > 0, found -2.0",
                () -> SegmentProfile.builder("x").bgNbd(1.0, 1.0, 1.0, -2.0));
        assertMessage("p must be finite and > 0, found 0.0",
                () -> SegmentProfile.builder("x").gammaGamma(0.0, 2.0, 1.0));
        assertMessage("q must be finite and > 1, found 1.0",
                () -> SegmentProfile.builder("x").gammaGamma(1.0, 1.0, 1.0));
        assertMessage("v must be finite and > 0, found -1.0",
                () -> SegmentProfile.builder("x").gammaGamma(1.0, 2.0, -1.0));
        assertMessage("linesPerOrder must be in [1, 50], found 0.5",
                () -> SegmentProfile.builder("x").linesPerOrder(0.5));
        assertMessage("linesPerOrder must be in [1, 50], found 51.0",
                () -> SegmentProfile.builder("x").linesPerOrder(51.0));
        assertMessage("categoryTaste must be finite, non-negative and not all zero, found [0.0, 0.0]",
                () -> SegmentProfile.builder("x").categoryTaste(0.0, 0.0));
        assertMessage("categoryTaste must be finite, non-negative and not all zero, found [1.0, -1.0]",
                () -> SegmentProfile.builder("x").categoryTaste(1.0, -1.0));
        assertMessage("channelMix must be finite, non-negative and not all zero, found []",
                () -> SegmentProfile.builder("x").channelMix());
        assertMessage("channelMix must be finite, non-negative and not all zero, found [NaN]",
                () -> SegmentProfile.builder("x").channelMix(Double.NaN));
        NullPointerException npe = assertThrows(NullPointerException.class, () -> SegmentProfile.builder(null));
        assertEquals("name", npe.getMessage());
    }

    @Test
    void aFailedSetterLeavesTheBuilderAsItWas() {
        SegmentProfile.Builder b = SegmentProfile.builder("x").bgNbd(2.0, 3.0, 4.0, 5.0);
        assertThrows(IllegalArgumentException.class, () -> b.bgNbd(1.0, 1.0, 1.0, -1.0));
        SegmentProfile s = b.build();
        assertEquals(2.0, s.r());
        assertEquals(5.0, s.b());
    }
}
