package dev.segmentation.spark;

import dev.segmentation.cluster.LloydStats;
import java.util.Arrays;
import java.util.List;

/**
 * The fixed two-level merge of a k-means pass's chunk statistics, independent of how the chunks are partitioned.
 *
 * <p>The chunks are cut into groups of {@link #GROUP} consecutive chunk indices (the last group may be shorter). A
 * group's statistics are {@code empty} merged with its chunks' in chunk order, and the pass's statistics are
 * {@code empty} merged with the groups' in group order. A task that holds every chunk of a group merges them itself
 * and returns the group; the chunks of a group split between tasks are returned one by one and merged on the
 * driver in the same order, by the same code: the same operations on the same values, so the total is the same bit
 * for bit for any number and order of partitions. A task returns all of this as one array ({@link #ofTask}):
 * records of {@code [first chunk, chunks covered]} followed by {@link LloydStats#encode}'s form.
 */
final class LloydGroups {
    /** The chunks per group: 16 chunks of 4,096 rows, so a 1 M-row pass returns 16 statistics instead of 245. */
    static final int GROUP = 16;

    private LloydGroups() {
    }

    /**
     * A task's result: each group whose chunks are all here merged, the other chunks one by one.
     *
     * @param chunk the chunk index of each statistics, {@code count} of them, distinct, in any order
     * @param stats the chunks' statistics (same k and d). Not modified.
     * @param count the number of chunks the task holds
     * @param chunks the number of chunks of the whole pass
     * @param k the number of centres
     * @param d the number of columns
     * @return the records, one array
     */
    static double[] ofTask(int[] chunk, LloydStats[] stats, int count, int chunks, int k, int d) {
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(chunk[a], chunk[b]));
        int record = 2 + LloydStats.encodedLength(k, d);
        double[] out = new double[count * record];
        int at = 0;
        int i = 0;
        while (i < count) {
            int group = chunk[order[i]] / GROUP;
            int end = i;
            while (end < count && chunk[order[end]] / GROUP == group) {
                end++;
            }
            if (end - i == groupSize(group, chunks)) {
                LloydStats merged = LloydStats.empty(k, d);
                for (int j = i; j < end; j++) {
                    merged.merge(stats[order[j]]);
                }
                at = write(out, at, group * GROUP, end - i, merged);
            } else {
                for (int j = i; j < end; j++) {
                    at = write(out, at, chunk[order[j]], 1, stats[order[j]]);
                }
            }
            i = end;
        }
        return Arrays.copyOf(out, at);
    }

    /**
     * The pass's statistics from every task's records ({@link #ofTask}), in any order.
     *
     * @param parts one array per task
     * @param chunks the number of chunks of the pass
     * @param k the number of centres
     * @param d the number of columns
     * @return the merged statistics
     * @throws IllegalStateException if a chunk is missing or comes twice
     */
    static LloydStats total(List<double[]> parts, int chunks, int k, int d) {
        int groups = (chunks + GROUP - 1) / GROUP;
        LloydStats[] whole = new LloydStats[groups];
        LloydStats[] single = new LloydStats[chunks];
        int record = 2 + LloydStats.encodedLength(k, d);
        for (double[] part : parts) {
            for (int at = 0; at < part.length; at += record) {
                int first = (int) part[at];
                int covered = (int) part[at + 1];
                LloydStats s = LloydStats.decode(part, at + 2, k, d);
                int group = first / GROUP;
                boolean isGroup = first % GROUP == 0 && covered == groupSize(group, chunks);
                LloydStats[] into = isGroup ? whole : single;
                int slot = isGroup ? group : first;
                if (into[slot] != null) {
                    throw new IllegalStateException("chunk " + first + " came twice");
                }
                into[slot] = s;
            }
        }
        LloydStats total = LloydStats.empty(k, d);
        for (int g = 0; g < groups; g++) {
            LloydStats s = whole[g];
            for (int c = g * GROUP; c < g * GROUP + groupSize(g, chunks); c++) {
                if ((single[c] == null) == (whole[g] == null)) {
                    throw new IllegalStateException("chunk " + c + (whole[g] == null ? " is missing" : " came twice"));
                }
                if (whole[g] == null) {
                    s = s == null ? LloydStats.empty(k, d) : s;
                    s.merge(single[c]);
                }
            }
            total.merge(s);
        }
        return total;
    }

    /** The number of chunks of group g. */
    private static int groupSize(int g, int chunks) {
        return Math.min(GROUP, chunks - g * GROUP);
    }

    private static int write(double[] out, int at, int first, int covered, LloydStats s) {
        out[at] = first;
        out[at + 1] = covered;
        s.encode(out, at + 2);
        return at + 2 + LloydStats.encodedLength(s.k(), s.dimension());
    }
}
