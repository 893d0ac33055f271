package dev.segmentation.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@link NeighborLists#recommend} accumulates the scores in a per-thread array that it leaves zeroed (issue 19: a
 * fresh array per customer was the 1 M run's largest allocation). The lists must be those of the previous code,
 * which allocated a fresh array per call ({@link #reference}, copied from commit 02bc3ce), on call after call on
 * the same instance and thread, with and without seen items excluded, and from several threads at once.
 */
class NeighborListsScratchTest {
    /** The recommendation of commit 02bc3ce, with its own zeroed score array per call. */
    static int[] reference(NeighborLists lists, int[] history, double[] weights, int from, int to, int[] ranked,
            int n, boolean excludeSeen) {
        int items = lists.items;
        double[] score = new double[items];
        for (int q = from; q < to; q++) {
            int i = history[q];
            double r = weights[q];
            for (int p = lists.ptr[i]; p < lists.ptr[i + 1]; p++) {
                score[lists.idx[p]] += r * lists.sim[p];
            }
        }
        if (excludeSeen) {
            for (int q = from; q < to; q++) {
                score[history[q]] = 0.0;
            }
        }
        TopN top = new TopN(Math.min(n, Math.max(1, items)));
        for (int j = 0; j < items; j++) {
            if (score[j] > 0) {
                top.offer(j, score[j]);
            }
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

    /** Random lists over {@code items} items: up to 12 neighbours each, similarities non-increasing, some ties. */
    static NeighborLists randomLists(int items, SplittableRandom rng) {
        int[][] nb = new int[items][];
        double[][] sims = new double[items][];
        for (int i = 0; i < items; i++) {
            int m = rng.nextInt(Math.min(12, items - 1) + 1);
            List<Integer> others = new ArrayList<>();
            for (int j = 0; j < items; j++) {
                if (j != i) {
                    others.add(j);
                }
            }
            java.util.Collections.shuffle(others, new java.util.Random(rng.nextLong()));
            nb[i] = new int[m];
            sims[i] = new double[m];
            double s = rng.nextDouble();
            for (int k = 0; k < m; k++) {
                nb[i][k] = others.get(k);
                sims[i][k] = s;
                if (rng.nextInt(3) > 0) {
                    s *= rng.nextDouble(); // else a tie with the previous neighbour
                }
            }
        }
        return NeighborLists.pack(items, nb, sims);
    }

    /** Checks {@code calls} random histories against the reference; returns the number checked. */
    static int check(NeighborLists lists, int[] ranked, long seed, int calls) {
        SplittableRandom rng = new SplittableRandom(seed);
        int items = lists.items;
        for (int c = 0; c < calls; c++) {
            int len = rng.nextInt(Math.min(items, 15) + 1);
            int[] all = rng.ints(0, items).distinct().limit(len).sorted().toArray();
            double[] w = new double[all.length];
            for (int q = 0; q < w.length; q++) {
                w[q] = rng.nextInt(4) == 0 ? 1.0 : 0.1 + 5 * rng.nextDouble();
            }
            int from = all.length == 0 ? 0 : rng.nextInt(all.length + 1);
            int to = from + rng.nextInt(all.length - from + 1);
            int n = 1 + rng.nextInt(items + 3);
            boolean exclude = rng.nextBoolean();
            assertArrayEquals(reference(lists, all, w, from, to, ranked, n, exclude),
                    lists.recommend(all, w, from, to, ranked, n, exclude),
                    "seed " + seed + ", call " + c);
        }
        return calls;
    }

    static int[] ranked(int items, SplittableRandom rng) {
        int[] r = rng.ints(0, items).distinct().limit(items).toArray();
        return r;
    }

    @Test
    void listsAreThoseOfAFreshArrayPerCallOnTheSameThread() {
        for (int items : new int[] {1, 2, 3, 7, 40, 400}) {
            SplittableRandom rng = new SplittableRandom(items);
            NeighborLists lists = randomLists(items, rng);
            check(lists, ranked(items, rng), 1000 + items, 2000);
        }
    }

    @Test
    void listsAreThoseOfAFreshArrayPerCallOnSeveralThreadsAtOnce() throws Exception {
        SplittableRandom rng = new SplittableRandom(5);
        NeighborLists lists = randomLists(300, rng);
        int[] ranked = ranked(300, rng);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long seed = 77 + t;
                done.add(pool.submit(() -> check(lists, ranked, seed, 3000)));
            }
            for (Future<Integer> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
