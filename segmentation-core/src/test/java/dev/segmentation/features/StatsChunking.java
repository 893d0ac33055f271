package dev.segmentation.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BinaryOperator;

/**
 * Splits rows into chunks of given sizes and merges chunk statistics with a random grouping (association) or in a
 * random order, for the mergeable-statistics properties of the encoders.
 */
final class StatsChunking {
    private StatsChunking() {
    }

    /**
     * Cuts {@code [0, n)} into consecutive ranges, the sizes taken in turn from {@code sizes} (0 gives an empty chunk),
     * the last range ending at n.
     *
     * @return pairs {@code {from, to}}, in row order, at least one
     */
    static List<int[]> ranges(int n, List<Integer> sizes) {
        List<int[]> out = new ArrayList<>();
        int from = 0;
        for (int k = 0; from < n || out.isEmpty(); k++) {
            int size = sizes.isEmpty() ? n : sizes.get(k % sizes.size());
            if (k >= 4 * n + sizes.size()) {
                size = n - from; // sizes of zeros only: end with one chunk of the rest
            }
            int to = Math.min(n, from + size);
            out.add(new int[] {from, to});
            from = to;
        }
        return out;
    }

    /** Rows {@code [from, to)} of a matrix. */
    static FeatureMatrix rows(FeatureMatrix x, int from, int to) {
        int d = x.columns();
        double[] all = x.toArray();
        double[] part = java.util.Arrays.copyOfRange(all, from * d, to * d);
        return FeatureMatrix.of(x.names(), to - from, part);
    }

    /** Merges the parts in their order, grouped by a random binary tree (any association). */
    static <T> T mergeInOrder(List<T> parts, BinaryOperator<T> merge, Random random) {
        return merge(parts, 0, parts.size(), merge, random);
    }

    private static <T> T merge(List<T> parts, int lo, int hi, BinaryOperator<T> merge, Random random) {
        if (hi - lo == 1) {
            return parts.get(lo);
        }
        int mid = lo + 1 + random.nextInt(hi - lo - 1);
        return merge.apply(merge(parts, lo, mid, merge, random), merge(parts, mid, hi, merge, random));
    }

    /** Merges the parts in a random order, grouped by a random binary tree. */
    static <T> T mergeShuffled(List<T> parts, BinaryOperator<T> merge, Random random) {
        List<T> shuffled = new ArrayList<>(parts);
        java.util.Collections.shuffle(shuffled, random);
        return mergeInOrder(shuffled, merge, random);
    }
}
