package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.clv.GammaGammaStats;
import dev.segmentation.cluster.LloydStats;
import dev.segmentation.features.BtydSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The merges SparkKMeans and SparkGammaGamma rely on. Lloyd statistics are floating-point sums: merged in any
 * order or grouping they agree with the statistics of all rows at once to 1e-12 of the sum of the absolute
 * terms (counts exactly), and merged in a fixed order they are reproducible bit for bit; an empty partition
 * (the identity) changes nothing. Gamma-Gamma statistics are counted pairs: any order gives the same bits.
 */
class MergeableStatsPropertiesTest {
    private static final double TOLERANCE = 1e-12;

    @Property(tries = 200)
    void lloydStatsMergeIsOrderIndependentAssociativeAndEmptyPartitionsChangeNothing(
            @ForAll @IntRange(min = 1, max = 400) int n, @ForAll @IntRange(min = 1, max = 9) int partitions,
            @ForAll @IntRange(min = 1, max = 5) int k, @ForAll @IntRange(min = 1, max = 6) int d, @ForAll long seed) {
        Random random = new Random(seed);
        double[] x = new double[n * d];
        double[] w = new double[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian() * 100 + random.nextInt(3) * 1000;
        }
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 + random.nextDouble() * 3;
        }
        double[] centres = new double[k * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = random.nextGaussian() * 500;
        }
        double[] ref = new double[d];
        for (int j = 0; j < d; j++) {
            ref[j] = random.nextGaussian();
        }
        LloydStats whole = LloydStats.accumulate(x, n, d, w, centres, k, ref);
        // cut the rows into contiguous partitions (some possibly empty)
        int[] cuts = new int[partitions + 1];
        cuts[partitions] = n;
        for (int p = 1; p < partitions; p++) {
            cuts[p] = random.nextInt(n + 1);
        }
        Arrays.sort(cuts, 1, partitions);
        List<LloydStats> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            int from = cuts[p];
            int m = cuts[p + 1] - from;
            parts.add(LloydStats.accumulate(Arrays.copyOfRange(x, from * d, (from + m) * d), m, d,
                    Arrays.copyOfRange(w, from, from + m), centres, k, ref));
        }
        LloydStats inOrder = mergeAll(parts, k, d);
        LloydStats again = mergeAll(parts, k, d);
        assertBitIdentical(inOrder, again);
        List<LloydStats> shuffled = new ArrayList<>(parts);
        Collections.shuffle(shuffled, random);
        shuffled.add(random.nextInt(shuffled.size() + 1), LloydStats.empty(k, d));
        LloydStats reordered = mergeAll(shuffled, k, d);
        // associativity: a + (b + c) against (a + b) + c
        LloydStats grouped = LloydStats.empty(k, d);
        if (parts.size() >= 2) {
            LloydStats tail = LloydStats.empty(k, d);
            for (int p = 1; p < parts.size(); p++) {
                tail.merge(parts.get(p));
            }
            grouped.merge(parts.get(0)).merge(tail);
        } else {
            grouped.merge(parts.get(0));
        }
        double scale = scale(x, w, n, d, ref);
        for (LloydStats s : List.of(inOrder, reordered, grouped)) {
            assertClose(whole, s, scale);
        }
        LloydStats withEmpty = mergeAll(parts, k, d).merge(LloydStats.empty(k, d));
        assertBitIdentical(inOrder, withEmpty);
    }

    private static LloydStats mergeAll(List<LloydStats> parts, int k, int d) {
        LloydStats total = LloydStats.empty(k, d);
        for (LloydStats p : parts) {
            total.merge(p);
        }
        return total;
    }

    /** Sum of the absolute terms of the largest statistic (weighted squared norms about r). */
    private static double scale(double[] x, double[] w, int n, int d, double[] ref) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double t = x[i * d + j] - ref[j];
                s += w[i] * (t * t + Math.abs(t));
            }
        }
        return Math.max(1, s);
    }

    private static void assertClose(LloydStats expected, LloydStats actual, double scale) {
        assertArrayEquals(expected.counts(), actual.counts());
        assertArrayEquals(expected.sums(), actual.sums(), TOLERANCE * scale);
        assertArrayEquals(expected.squares(), actual.squares(), TOLERANCE * scale);
        assertArrayEquals(expected.weights(), actual.weights(), TOLERANCE * scale);
        assertEquals(expected.inertia(), actual.inertia(), TOLERANCE * Math.max(scale, expected.inertia()));
    }

    /** The same statistics bit for bit (JUnit compares doubles by their bits when no tolerance is given). */
    static void assertBitIdentical(LloydStats a, LloydStats b) {
        assertArrayEquals(a.counts(), b.counts());
        assertArrayEquals(a.sums(), b.sums());
        assertArrayEquals(a.squares(), b.squares());
        assertArrayEquals(a.weights(), b.weights());
        assertEquals(a.inertia(), b.inertia());
    }

    @Property(tries = 200)
    void gammaGammaStatsMergeInAnyOrderIsExact(@ForAll @IntRange(min = 0, max = 300) int customers,
            @ForAll @IntRange(min = 1, max = 9) int partitions, @ForAll long seed) {
        Random random = new Random(seed);
        List<List<double[]>> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            parts.add(new ArrayList<>());
        }
        List<double[]> all = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            double f = random.nextInt(4);
            double m = f == 0 ? 0 : 5 * (1 + random.nextInt(8));
            double[] c = {f, m};
            all.add(c);
            parts.get(random.nextInt(partitions)).add(c);
        }
        GammaGammaStats expected = GammaGammaStats.accumulate(summary(all));
        List<GammaGammaStats> stats = new ArrayList<>();
        for (List<double[]> p : parts) {
            stats.add(GammaGammaStats.accumulate(summary(p)));
        }
        Collections.shuffle(stats, random);
        stats.add(random.nextInt(stats.size() + 1), GammaGammaStats.accumulate(summary(List.of())));
        GammaGammaStats merged = stats.get(0);
        for (int i = 1; i < stats.size(); i++) {
            merged = merged.merge(stats.get(i));
        }
        SparkGammaGammaTest.assertSameStats(expected, merged);
    }

    private static BtydSummary summary(List<double[]> customers) {
        int n = customers.size();
        String[] ids = new String[n];
        double[] f = new double[n];
        double[] rec = new double[n];
        double[] age = new double[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "c" + i;
            f[i] = customers.get(i)[0];
            rec[i] = f[i];
            age[i] = 10;
            m[i] = customers.get(i)[1];
        }
        return BtydSummary.of(ids, f, rec, age, m, null, null, null, Duration.ofDays(7));
    }
}
