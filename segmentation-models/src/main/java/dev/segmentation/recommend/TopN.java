package dev.segmentation.recommend;

import dev.segmentation.internal.ParamChecks;

/** Bounded best-n selection: higher score first, ties by lower index. Single-threaded, not API. */
final class TopN {
    private final int[] ids;
    private final double[] scores;
    private int size;

    TopN(int n) {
        ids = new int[n];
        scores = new double[n];
    }

    static void checkN(int n) {
        ParamChecks.atLeast("n", n, 1);
    }

    private static boolean better(double s, int id, double t, int other) {
        return s > t || (s == t && id < other);
    }

    void offer(int id, double score) {
        int n = ids.length;
        if (size == n && !better(score, id, scores[n - 1], ids[n - 1])) {
            return;
        }
        int pos = size < n ? size++ : n - 1;
        while (pos > 0 && better(score, id, scores[pos - 1], ids[pos - 1])) {
            ids[pos] = ids[pos - 1];
            scores[pos] = scores[pos - 1];
            pos--;
        }
        ids[pos] = id;
        scores[pos] = score;
    }

    int size() {
        return size;
    }

    int[] ids() {
        return java.util.Arrays.copyOf(ids, size);
    }

    double[] scores() {
        return java.util.Arrays.copyOf(scores, size);
    }
}
