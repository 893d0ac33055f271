package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.clv.BtydHistogram;
import dev.segmentation.clv.BtydHoldoutHistogram;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The merges SparkBtyd relies on: partition histograms merged in any order, with or without empty partitions,
 * give the histogram of all customers at once (weights are counts, so the sums are exact).
 */
class BtydHistogramMergePropertiesTest {
    private static final Duration WEEK = Duration.ofDays(7);

    @Property(tries = 200)
    void mergingPartitionsIsOrderIndependentAndEmptyPartitionsChangeNothing(
            @ForAll @IntRange(min = 0, max = 300) int customers, @ForAll @IntRange(min = 1, max = 9) int partitions,
            @ForAll long seed) {
        Random random = new Random(seed);
        double[][] triples = new double[customers][];
        BtydHistogram.Builder whole = BtydHistogram.builder(WEEK);
        List<BtydHistogram.Builder> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            parts.add(BtydHistogram.builder(WEEK));
        }
        for (int i = 0; i < customers; i++) {
            double x = random.nextInt(6);
            double age = 1 + random.nextInt(40);
            double rec = x == 0 ? 0 : random.nextInt((int) age + 1);
            triples[i] = new double[] {x, rec, age};
            whole.add(x, rec, age, 1.0);
            parts.get(random.nextInt(partitions)).add(x, rec, age, 1.0);
        }
        List<BtydHistogram> built = new ArrayList<>();
        for (BtydHistogram.Builder b : parts) {
            built.add(b.build());
        }
        BtydHistogram inOrder = mergeAll(built);
        Collections.shuffle(built, random);
        built.add(random.nextInt(built.size() + 1), BtydHistogram.builder(WEEK).build());
        BtydHistogram shuffledWithEmpty = mergeAll(built);
        BtydHistogram expected = whole.build();
        assertSame(expected, inOrder);
        assertSame(expected, shuffledWithEmpty);
        assertEquals(customers, shuffledWithEmpty.totalWeight());
    }

    /**
     * The merge of {@link SparkBtyd#holdoutHistogram}: customers spread over partitions at random (some partitions
     * empty and left out, as SparkBtyd leaves them), the partial holdout histograms merged in partition order or
     * any other give the histogram of all customers at once: the same rows, counts and calibration histogram.
     */
    @Property(tries = 200)
    void holdoutHistogramsMergedOverAnySplitGiveTheWhole(@ForAll @IntRange(min = 1, max = 300) int customers,
            @ForAll @IntRange(min = 1, max = 9) int partitions, @ForAll long seed) {
        Random random = new Random(seed);
        BtydHoldoutHistogram.Builder whole = BtydHoldoutHistogram.builder(WEEK, 13);
        List<BtydHoldoutHistogram.Builder> parts = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            parts.add(BtydHoldoutHistogram.builder(WEEK, 13));
            sizes.add(0);
        }
        for (int i = 0; i < customers; i++) {
            double x = random.nextInt(6);
            double age = 1 + random.nextInt(40);
            double rec = x == 0 ? 0 : random.nextInt((int) age + 1);
            double holdout = random.nextInt(3);
            whole.add(x, rec, age, holdout, 1);
            int p = random.nextInt(partitions);
            parts.get(p).add(x, rec, age, holdout, 1);
            sizes.set(p, sizes.get(p) + 1);
        }
        List<BtydHoldoutHistogram> built = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            if (sizes.get(p) > 0) {
                built.add(parts.get(p).build());
            }
        }
        BtydHoldoutHistogram expected = whole.build();
        assertSameHoldout(expected, mergeAllHoldout(built));
        Collections.shuffle(built, random);
        assertSameHoldout(expected, mergeAllHoldout(built));
        assertEquals(customers, mergeAllHoldout(built).customers());
    }

    private static BtydHoldoutHistogram mergeAllHoldout(List<BtydHoldoutHistogram> parts) {
        BtydHoldoutHistogram h = null;
        for (BtydHoldoutHistogram p : parts) {
            h = h == null ? p : h.merge(p);
        }
        return h;
    }

    private static void assertSameHoldout(BtydHoldoutHistogram expected, BtydHoldoutHistogram actual) {
        assertEquals(expected.size(), actual.size());
        assertEquals(expected.customers(), actual.customers());
        for (int k = 0; k < expected.size(); k++) {
            assertArrayEquals(new double[] {expected.frequency(k), expected.recency(k), expected.T(k),
                expected.holdoutFrequency(k), expected.count(k)}, new double[] {actual.frequency(k),
                actual.recency(k), actual.T(k), actual.holdoutFrequency(k), actual.count(k)});
        }
        assertSame(expected.calibration(), actual.calibration());
    }

    private static BtydHistogram mergeAll(List<BtydHistogram> parts) {
        BtydHistogram h = BtydHistogram.builder(WEEK).build();
        for (BtydHistogram p : parts) {
            h = h.merge(p);
        }
        return h;
    }

    private static void assertSame(BtydHistogram expected, BtydHistogram actual) {
        assertEquals(expected.size(), actual.size());
        for (int k = 0; k < expected.size(); k++) {
            assertArrayEquals(new double[] {expected.frequency(k), expected.recency(k), expected.T(k),
                expected.weight(k)}, new double[] {actual.frequency(k), actual.recency(k), actual.T(k),
                actual.weight(k)});
        }
    }
}
