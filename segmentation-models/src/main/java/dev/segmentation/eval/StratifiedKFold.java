package dev.segmentation.eval;

import dev.segmentation.InvalidDataException;
import dev.segmentation.internal.ParamChecks;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Seeded stratified k-fold assignment for 0/1 labels: each fold gets {@code floor(n_c / k)} or one more row
 * of each class c, so class proportions are the same in every fold up to rounding, and fold sizes differ by
 * at most two rows.
 *
 * <p>Rows of each class are shuffled (Fisher-Yates with {@code new SplittableRandom(seed)}), the class-0 list
 * is followed by the class-1 list, and position t gets fold {@code t mod k}. The same labels and seed always
 * give the same folds.
 */
public final class StratifiedKFold {
    private StratifiedKFold() {
    }

    /**
     * Assigns a fold to every row.
     *
     * @param labels 0 or 1, each class with at least k rows. Not modified.
     * @param k the number of folds, {@code >= 2}
     * @param seed the shuffle seed
     * @return a new array of folds in {@code [0, k)}, length n
     * @throws IllegalArgumentException if k is below 2
     * @throws InvalidDataException if a label is not 0 or 1, or a class has fewer than k rows (some fold would
     *     hold a single class)
     */
    public static int[] assign(int[] labels, int k, long seed) {
        Objects.requireNonNull(labels, "labels");
        ParamChecks.atLeast("folds", k, 2);
        int[] count = new int[2];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new InvalidDataException("row " + i + ": label must be 0 or 1, found " + labels[i], i, "label",
                        null);
            }
            count[labels[i]]++;
        }
        for (int c = 0; c < 2; c++) {
            if (count[c] < k) {
                throw new InvalidDataException("labels: each class must have at least folds = " + k
                        + " rows so that no fold holds a single class, found " + count[c] + " rows of class " + c);
            }
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] fold = new int[labels.length];
        int t = 0;
        for (int c = 0; c < 2; c++) {
            int[] rows = new int[count[c]];
            int m = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    rows[m++] = i;
                }
            }
            for (int i = rows.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int tmp = rows[i];
                rows[i] = rows[j];
                rows[j] = tmp;
            }
            for (int r : rows) {
                fold[r] = t++ % k;
            }
        }
        return fold;
    }
}
