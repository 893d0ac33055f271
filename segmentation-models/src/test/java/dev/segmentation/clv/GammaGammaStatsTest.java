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

    @Property(tries = 15)
    void countedPairsInAnyOrderGiveTheAccumulatedStatisticsBitForBit(
            @ForAll @LongRange(min = 1, max = 1000) long seed, @ForAll @IntRange(min = 0, max = 1000) int shift) {
        BtydSummary all = BtydSampler.bgNbd(seed, 600, 0.5, 8, 0.8, 3, 0.9, 4, 20, 20, 40, 1, WEEK);
        // the repeat customers as (frequency, monetary) pairs, each pair once with its count, in a rotated order
        // and with one pair split in two, as a partitioned group-by count could deliver them
        java.util.TreeMap<String, long[]> counts = new java.util.TreeMap<>();
        java.util.Map<String, double[]> pairs = new java.util.HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.frequency(i) > 0) {
                String key = all.frequency(i) + "/" + all.monetary(i);
                counts.computeIfAbsent(key, k -> new long[1])[0]++;
                pairs.put(key, new double[] {all.frequency(i), all.monetary(i)});
            }
        }
        java.util.List<String> keys = new java.util.ArrayList<>(counts.keySet());
        java.util.Collections.rotate(keys, shift);
        int n = keys.size();
        double[] x = new double[n + 1];
        double[] z = new double[n + 1];
        long[] c = new long[n + 1];
        for (int k = 0; k < n; k++) {
            x[k] = pairs.get(keys.get(k))[0];
            z[k] = pairs.get(keys.get(k))[1];
            c[k] = counts.get(keys.get(k))[0];
        }
        int split = java.util.stream.IntStream.range(0, n).filter(k -> c[k] > 1).findFirst().orElse(-1);
        if (split >= 0) {
            x[n] = x[split];
            z[n] = z[split];
            c[n] = 1;
            c[split]--;
        }
        int m = split >= 0 ? n + 1 : n;
        GammaGammaStats whole = GammaGammaStats.accumulate(all);
        GammaGammaStats counted = GammaGammaStats.ofCounts(Arrays.copyOf(x, m), Arrays.copyOf(z, m),
                Arrays.copyOf(c, m), all.size());
        assertEquals(whole.size(), counted.size());
        assertEquals(whole.customers(), counted.customers());
        assertEquals(whole.repeatCustomers(), counted.repeatCustomers());
        for (int k = 0; k < whole.size(); k++) {
            assertEquals(whole.frequency(k), counted.frequency(k));
            assertEquals(whole.meanSpend(k), counted.meanSpend(k));
            assertEquals(whole.weight(k), counted.weight(k));
        }
        GammaGamma trainer = GammaGamma.builder().build();
        GammaGammaModel a = trainer.fit(all);
        GammaGammaModel b = trainer.fit(counted);
        assertArrayEquals(new double[] {a.p(), a.q(), a.v()}, new double[] {b.p(), b.q(), b.v()});
        assertEquals(a.logLikelihood(), b.logLikelihood());
    }

    @Test
    void countedPairsAreCheckedNamingThePair() {
        double[] one = {1};
        long[] count = {2};
        assertEquals("pair 0: frequency must be > 0, found 0.0", assertThrows(InvalidDataException.class,
                () -> GammaGammaStats.ofCounts(new double[] {0}, one, count, 2)).getMessage());
        assertEquals("pair 1: meanSpend must be > 0, found NaN", assertThrows(InvalidDataException.class,
                () -> GammaGammaStats.ofCounts(new double[] {1, 2}, new double[] {3, Double.NaN}, new long[] {1, 1},
                        2)).getMessage());
        assertEquals("pair 0: count must be >= 1, found 0", assertThrows(InvalidDataException.class,
                () -> GammaGammaStats.ofCounts(one, one, new long[] {0}, 2)).getMessage());
        assertEquals("frequency, meanSpend and counts must have the same length, found 1, 0 and 1",
                assertThrows(IllegalArgumentException.class,
                        () -> GammaGammaStats.ofCounts(one, new double[0], count, 2)).getMessage());
        assertEquals("customers must be >= the sum of the counts (2), found 1",
                assertThrows(IllegalArgumentException.class, () -> GammaGammaStats.ofCounts(one, one, count, 1))
                        .getMessage());
        assertEquals("counts must sum to at most 9223372036854775807, found more",
                assertThrows(IllegalArgumentException.class, () -> GammaGammaStats.ofCounts(new double[] {1, 2},
                        new double[] {1, 1}, new long[] {Long.MAX_VALUE, 1},
                        Long.MAX_VALUE)).getMessage());
        GammaGammaStats empty = GammaGammaStats.ofCounts(new double[0], new double[0], new long[0], 5);
        assertEquals(0, empty.size());
        assertEquals(5, empty.customers());
    }
}
