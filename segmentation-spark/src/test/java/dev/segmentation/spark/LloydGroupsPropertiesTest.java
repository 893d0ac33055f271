package dev.segmentation.spark;

import static dev.segmentation.spark.MergeableStatsPropertiesTest.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.cluster.LloydStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link LloydGroups}, the fixed two-level merge of SparkKMeans' chunk statistics: whatever chunks each task holds
 * (contiguous ranges as the cached partitions hold them, empty tasks, or any scattering) and in whatever order the
 * chunks and the tasks come, the total is bit for bit the definition: the groups of 16 consecutive chunks each
 * merged in chunk order, then the groups merged in order; and it agrees with the plain chunk-order merge to rounding.
 */
class LloydGroupsPropertiesTest {
    @Property(tries = 200)
    void theTotalIsTheFixedTwoLevelMergeForAnyPartitioning(@ForAll @IntRange(min = 1, max = 70) int chunks,
            @ForAll @IntRange(min = 1, max = 9) int tasks, @ForAll @IntRange(min = 1, max = 4) int k,
            @ForAll @IntRange(min = 1, max = 9) int d, @ForAll boolean scattered, @ForAll long seed) {
        Random random = new Random(seed);
        LloydStats[] stats = new LloydStats[chunks];
        for (int c = 0; c < chunks; c++) {
            stats[c] = chunk(random, k, d);
        }
        // the definition
        LloydStats expected = LloydStats.empty(k, d);
        for (int g = 0; g * LloydGroups.GROUP < chunks; g++) {
            LloydStats group = LloydStats.empty(k, d);
            for (int c = g * LloydGroups.GROUP; c < Math.min(chunks, (g + 1) * LloydGroups.GROUP); c++) {
                group.merge(stats[c]);
            }
            expected.merge(group);
        }
        // the chunks dealt to tasks: contiguous ranges (some empty), or scattered at random
        List<List<Integer>> held = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            held.add(new ArrayList<>());
        }
        int[] cuts = new int[tasks + 1];
        cuts[tasks] = chunks;
        for (int t = 1; t < tasks; t++) {
            cuts[t] = random.nextInt(chunks + 1);
        }
        Arrays.sort(cuts);
        for (int c = 0; c < chunks; c++) {
            int t = 0;
            if (scattered) {
                t = random.nextInt(tasks);
            } else {
                while (c >= cuts[t + 1]) {
                    t++;
                }
            }
            held.get(t).add(c);
        }
        List<double[]> parts = new ArrayList<>();
        for (List<Integer> h : held) {
            Collections.shuffle(h, random);
            int[] index = h.stream().mapToInt(Integer::intValue).toArray();
            LloydStats[] mine = h.stream().map(c -> stats[c]).toArray(LloydStats[]::new);
            parts.add(LloydGroups.ofTask(index, mine, index.length, chunks, k, d));
        }
        Collections.shuffle(parts, random);
        assertBitIdentical(expected, LloydGroups.total(parts, chunks, k, d));

        LloydStats inChunkOrder = LloydStats.empty(k, d);
        for (LloydStats s : stats) {
            inChunkOrder.merge(s);
        }
        LloydStats total = LloydGroups.total(parts, chunks, k, d);
        assertArrayEquals(inChunkOrder.counts(), total.counts());
        double scale = 0;
        for (LloydStats s : stats) {
            for (double v : s.squares()) {
                scale += Math.abs(v);
            }
            for (double v : s.sums()) {
                scale += Math.abs(v);
            }
        }
        assertArrayEquals(inChunkOrder.sums(), total.sums(), 1e-12 * scale);
        assertArrayEquals(inChunkOrder.squares(), total.squares(), 1e-12 * scale);
        assertEquals(inChunkOrder.inertia(), total.inertia(), 1e-12 * scale);
    }

    @Test
    void aTaskReturnsItsWholeGroupsMergedAndTheOtherChunksOneByOne() {
        int k = 2;
        int d = 3;
        int record = 2 + LloydStats.encodedLength(k, d);
        Random random = new Random(7);
        LloydStats[] stats = new LloydStats[40];
        for (int c = 0; c < stats.length; c++) {
            stats[c] = chunk(random, k, d);
        }
        // 40 chunks: groups 0-15, 16-31 and 32-39; one task holding chunks 0-19, one holding 20-39
        double[] first = LloydGroups.ofTask(range(0, 20), Arrays.copyOfRange(stats, 0, 20), 20, 40, k, d);
        double[] second = LloydGroups.ofTask(range(20, 40), Arrays.copyOfRange(stats, 20, 40), 20, 40, k, d);
        assertArrayEquals(new double[] {0, 16, 16, 1, 17, 1, 18, 1, 19, 1}, heads(first, record));
        assertArrayEquals(new double[] {20, 1, 21, 1, 22, 1, 23, 1, 24, 1, 25, 1, 26, 1, 27, 1, 28, 1, 29, 1, 30, 1,
            31, 1, 32, 8}, heads(second, record));
        double[] all = LloydGroups.ofTask(range(0, 40), stats, 40, 40, k, d);
        assertArrayEquals(new double[] {0, 16, 16, 16, 32, 8}, heads(all, record));
        assertBitIdentical(LloydGroups.total(List.of(all), 40, k, d),
                LloydGroups.total(List.of(second, first), 40, k, d));
        assertBitIdentical(LloydStats.empty(k, d), LloydGroups.total(List.of(), 0, k, d));
    }

    @Test
    void aMissingOrRepeatedChunkIsRefused() {
        int k = 1;
        int d = 1;
        LloydStats[] stats = {chunk(new Random(1), k, d), chunk(new Random(2), k, d)};
        double[] both = LloydGroups.ofTask(new int[] {0, 1}, stats, 2, 3, k, d);
        assertEquals("chunk 2 is missing", assertThrows(IllegalStateException.class,
                () -> LloydGroups.total(List.of(both), 3, k, d)).getMessage());
        double[] again = LloydGroups.ofTask(new int[] {1}, new LloydStats[] {stats[1]}, 1, 3, k, d);
        assertEquals("chunk 1 came twice", assertThrows(IllegalStateException.class,
                () -> LloydGroups.total(List.of(both, again), 3, k, d)).getMessage());
        double[] whole = LloydGroups.ofTask(new int[] {0, 1}, stats, 2, 2, k, d);
        assertEquals("chunk 1 came twice", assertThrows(IllegalStateException.class,
                () -> LloydGroups.total(List.of(whole, again), 2, k, d)).getMessage());
    }

    /** One chunk's statistics: a few random rows (some weighted) against random centres. */
    private static LloydStats chunk(Random random, int k, int d) {
        int n = random.nextInt(12);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian() * 100 + random.nextInt(3) * 1000;
        }
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 + random.nextDouble() * 3;
        }
        double[] centres = new double[k * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = random.nextGaussian() * 500;
        }
        return LloydStats.accumulate(x, n, d, random.nextBoolean() ? w : null, centres, k, new double[d]);
    }

    private static int[] range(int from, int to) {
        int[] out = new int[to - from];
        Arrays.setAll(out, i -> from + i);
        return out;
    }

    /** The [first chunk, chunks covered] of every record. */
    private static double[] heads(double[] part, int record) {
        double[] out = new double[part.length / record * 2];
        for (int r = 0; r < out.length / 2; r++) {
            out[2 * r] = part[r * record];
            out[2 * r + 1] = part[r * record + 1];
        }
        return out;
    }
}
