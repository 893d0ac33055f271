package dev.segmentation.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.features.BtydSummary;
import dev.segmentation.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** BG/NBD on CDNOW against shared/docs/reference-numbers.md (sources: [paper] FHL 2005, [lt] lifetimes, [ref]). */
class BgNbdCdnowTest {
    static final Duration WEEK = Duration.ofDays(7);

    static BtydSummary cdnow() {
        return BtydSummary.readCsv(SharedData.file("cdnow/cdnow_customers_summary.csv"), StandardCharsets.UTF_8,
                WEEK, "ID", "frequency", "recency", "T", null);
    }

    @Test
    void mleMatchesReference() {
        BgNbdModel m = BgNbd.builder().build().fit(cdnow());
        System.out.println(m + " it=" + m.iterations() + " g=" + m.gradientNorm() + " se="
                + java.util.Arrays.toString(m.standardErrors()));
        // [ref]: parameters to 1e-4 relative, LL to 1e-3 absolute.
        assertEquals(0.242593, m.r(), 1e-4 * 0.242593);
        assertEquals(4.413532, m.alpha(), 1e-4 * 4.413532);
        assertEquals(0.792886, m.a(), 1e-4 * 0.792886);
        assertEquals(2.425754, m.b(), 1e-4 * 2.425754);
        assertEquals(-9582.4256, m.logLikelihood(), 1e-3);
        assertTrue(m.converged());
    }
}
