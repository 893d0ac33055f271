package dev.segmentation.clv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.InvalidDataException;
import dev.segmentation.features.BtydSummary;
import java.time.Duration;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Issue 18: Gamma-Gamma's mergeable statistics; a fit on merged partitions equals the fit on the whole. */
class GammaGammaStatsTest {
    private static final Duration WEEK = Duration.ofDays(7);

    private static BtydSummary rows(BtydSummary s, int from, int to) {
        return BtydSummary.of(Arrays.copyOfRange(s.ids(), from, to), Arrays.copyOfRange(s.frequency(), from, to),
                Arrays.copyOfRange(s.recency(), from, to), Arrays.copyOfRange(s.T(), from, to),
                Arrays.copyOfRange(s.monetary(), from, to), WEEK);
    }

    @Property(tries = 15)
    void mergedPartitionsFitExactlyLikeTheWhole(@ForAll @LongRange(min = 1, max = 1000) long seed,
            @ForAll @IntRange(min = 1, max = 599) int cut1, @ForAll @IntRange(min = 1, max = 599) int cut2) {
        BtydSummary all = BtydSampler.bgNbd(seed, 600, 0.5, 8, 0.8, 3, 0.9, 4, 20, 20, 40, 1, WEEK);
        int lo = Math.min(cut1, cut2);
        int hi = Math.max(cut1, cut2);
        GammaGammaStats merged = GammaGammaStats.accumulate(rows(all, hi, 600))
                .merge(GammaGammaStats.accumulate(rows(all, 0, lo)))
                .merge(GammaGammaStats.accumulate(rows(all, lo, hi)));
        GammaGammaStats whole = GammaGammaStats.accumulate(all);
        assertEquals(whole.size(), merged.size());
        assertEquals(whole.customers(), merged.customers());
        assertEquals(whole.repeatCustomers(), merged.repeatCustomers());
        for (int k = 0; k < whole.size(); k++) {
            assertEquals(whole.frequency(k), merged.frequency(k));
            assertEquals(whole.meanSpend(k), merged.meanSpend(k));
            assertEquals(whole.weight(k), merged.weight(k));
        }
        GammaGamma trainer = GammaGamma.builder().build();
        GammaGammaModel a = trainer.fit(all);
        GammaGammaModel b = trainer.fit(merged);
        assertArrayEquals(new double[] {a.p(), a.q(), a.v()}, new double[] {b.p(), b.q(), b.v()});
        assertEquals(a.logLikelihood(), b.logLikelihood());
    }

    @Test
    void statisticsWithoutRepeatCustomersAreRefusedSayingHowManyCustomersThereWere() {
        BtydSummary s = BtydSummary.of(new String[] {"a", "b"}, new double[] {0, 0}, new double[] {0, 0},
                new double[] {3, 4}, null, WEEK);
        GammaGammaStats stats = GammaGammaStats.accumulate(s).merge(GammaGammaStats.accumulate(s));
        assertEquals(0, stats.size());
        assertEquals(4, stats.customers());
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> GammaGamma.builder().build()
                .fit(stats));
        assertEquals("summary must have at least one repeat customer (frequency > 0) for Gamma-Gamma, found none "
                + "among 4 customers", e.getMessage());
    }
}
