package dev.segmentation.text;

import dev.segmentation.features.SparseMatrix;
import dev.segmentation.internal.Internals;
import dev.segmentation.InvalidDataException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The data pass shared by the Naive Bayes trainers: the sorted distinct labels, the number of rows per class
 * and the per-class sums of each feature. Validates the input as both trainers document it.
 */
final class ClassCounts {
    /** The distinct labels, ascending. */
    final int[] classes;
    /** Rows per class, aligned with {@link #classes}. */
    final long[] rows;
    /** Per class, the sum of each feature over its rows: k x d. */
    final double[][] featureSums;

    private ClassCounts(int[] classes, long[] rows, double[][] featureSums) {
        this.classes = classes;
        this.rows = rows;
        this.featureSums = featureSums;
    }

    /**
     * Counts {@code x} by the labels {@code y}.
     *
     * @throws InvalidDataException if x has no rows, the lengths differ, or a value of x is negative or not
     *     finite
     */
    static ClassCounts of(SparseMatrix x, int[] y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.rows() == 0) {
            throw new InvalidDataException("x must have at least 1 row, found 0");
        }
        if (y.length != x.rows()) {
            throw new InvalidDataException("y must have one label per row of x (" + x.rows() + "), found "
                    + y.length);
        }
        x.requireNonNegative();
        int[] classes = Arrays.stream(y).distinct().sorted().toArray();
        double[][] counts = new double[classes.length][x.columns()];
        long[] classCount = new long[classes.length];
        int[] start = Internals.rowStart(x);
        int[] idx = Internals.indices(x);
        double[] val = Internals.values(x);
        for (int i = 0; i < y.length; i++) {
            int c = Arrays.binarySearch(classes, y[i]);
            classCount[c]++;
            double[] row = counts[c];
            for (int p = start[i]; p < start[i + 1]; p++) {
                row[idx[p]] += val[p];
            }
        }
        return new ClassCounts(classes, classCount, counts);
    }
}
