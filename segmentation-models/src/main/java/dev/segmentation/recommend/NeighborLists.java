package dev.segmentation.recommend;

import dev.segmentation.internal.ParamChecks;
import java.util.Arrays;
import java.util.Objects;

/**
 * Kept item-item neighbour lists in CSR form and the one item kNN scoring code path (scatter over a history's
 * items, best positive scores, popularity fill) shared by {@link ItemKnnModel} and {@link ItemKnnNeighborsModel}.
 * Immutable; not API.
 */
final class NeighborLists {
    final int items;
    final int[] ptr;
    final int[] idx;
    final double[] sim;
    /**
     * Each thread's score array for {@link #recommend}, all zeros between calls (issue 19: a fresh array per
     * customer was the 1 M run's largest allocation, 3.4 GB of {@code double[]} in the recommendations stage).
     */
    private final ThreadLocal<double[]> scores;

    NeighborLists(int items, int[] ptr, int[] idx, double[] sim) {
        this.items = items;
        this.ptr = ptr;
        this.idx = idx;
        this.sim = sim;
        this.scores = ThreadLocal.withInitial(() -> new double[items]);
    }

    /** Packs per-item lists after checking them (the constraints of {@link ItemKnnModel#of}). */
    static NeighborLists pack(int items, int[][] neighbors, double[][] similarities) {
        Objects.requireNonNull(neighbors, "neighbors");
        Objects.requireNonNull(similarities, "similarities");
        ParamChecks.requireArgument(neighbors.length == items && similarities.length == items,
                "neighbors and similarities must have %s lists (one per item), found %s and %s", items,
                neighbors.length, similarities.length);
        int[] ptr = new int[items + 1];
        for (int i = 0; i < items; i++) {
            int len = Objects.requireNonNull(neighbors[i], "neighbors element").length;
            if (Objects.requireNonNull(similarities[i], "similarities element").length != len) {
                throw new IllegalArgumentException("similarities[" + i + "] must have length " + len
                        + " (one per neighbor), found " + similarities[i].length);
            }
            ptr[i + 1] = ptr[i] + len;
        }
        int[] idx = new int[ptr[items]];
        double[] sim = new double[ptr[items]];
        for (int i = 0; i < items; i++) {
            for (int k = 0; k < neighbors[i].length; k++) {
                int j = neighbors[i][k];
                double s = similarities[i][k];
                if (j < 0 || j >= items || j == i) {
                    throw new IllegalArgumentException("neighbors[" + i + "][" + k + "] must be another item in [0, "
                            + items + "), found " + j);
                }
                if (!(s >= 0) || Double.isInfinite(s) || k > 0 && s > similarities[i][k - 1]) {
                    throw new IllegalArgumentException("similarities[" + i + "][" + k
                            + "] must be finite, >= 0 and non-increasing, found " + s);
                }
                idx[ptr[i] + k] = j;
                sim[ptr[i] + k] = s;
            }
        }
        return new NeighborLists(items, ptr, idx, sim);
    }

    /** Up to n kept neighbours of an item. */
    int[] similarItems(int item, int n) {
        TopN.checkN(n);
        Objects.checkIndex(item, items);
        int from = ptr[item];
        return Arrays.copyOfRange(idx, from, Math.min(ptr[item + 1], from + n));
    }

    /** The kept similarities of an item's neighbours. */
    double[] similarities(int item) {
        Objects.checkIndex(item, items);
        return Arrays.copyOfRange(sim, ptr[item], ptr[item + 1]);
    }

    /**
     * Checks a given history: as many weights as items, items strictly increasing in {@code [0, items)}, weights
     * finite and {@code > 0} (a row of an {@link InteractionMatrix}).
     */
    static void checkHistory(int[] history, double[] weights, int items) {
        Objects.requireNonNull(history, "items");
        Objects.requireNonNull(weights, "weights");
        ParamChecks.requireArgument(weights.length == history.length,
                "weights must have %s values (one per item), found %s", history.length, weights.length);
        for (int q = 0; q < history.length; q++) {
            int j = history[q];
            if (j < 0 || j >= items || q > 0 && j <= history[q - 1]) {
                throw new IllegalArgumentException("items must be strictly increasing item indices in [0, " + items
                        + "), found " + j + " at position " + q);
            }
            double w = weights[q];
            if (!(w > 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException("weights must be finite and > 0, found " + w + " at position "
                        + q);
            }
        }
    }

    /**
     * Item kNN's recommendation for the history {@code history[from..to)} with weights {@code weights[from..to)}
     * (items increasing): each item {@code j} scores {@code sum r_i * sim(i, j)} over the history's items
     * {@code i} (in that order) and their kept neighbours; seen items are zeroed when asked; the best positive
     * scores come first (ties by lower index), then the popularity ranking {@code ranked} fills the list. The
     * scores accumulate in the calling thread's zeroed array, which the scan leaves zeroed again.
     */
    int[] recommend(int[] history, double[] weights, int from, int to, int[] ranked, int n, boolean excludeSeen) {
        TopN.checkN(n);
        TopN top = new TopN(Math.min(n, Math.max(1, items)));
        // nothing from here to the end of the scan allocates or throws, so the array is always left zeroed
        double[] score = scores.get();
        for (int q = from; q < to; q++) {
            int i = history[q];
            double r = weights[q];
            for (int p = ptr[i]; p < ptr[i + 1]; p++) {
                score[idx[p]] += r * sim[p];
            }
        }
        if (excludeSeen) {
            for (int q = from; q < to; q++) {
                score[history[q]] = 0.0;
            }
        }
        for (int j = 0; j < items; j++) {
            double v = score[j];
            if (v > 0) {
                top.offer(j, v);
            }
            score[j] = 0.0; // back to all zeros for this thread's next call
        }
        int[] out = new int[Math.min(n, items)];
        int[] best = top.ids();
        System.arraycopy(best, 0, out, 0, best.length);
        int size = best.length;
        if (size < out.length) {
            boolean[] taken = new boolean[items];
            for (int j : best) {
                taken[j] = true;
            }
            size = PopularityModel.fill(ranked, history, from, to, excludeSeen, out, size, taken);
        }
        return size == out.length ? out : Arrays.copyOf(out, size);
    }
}
