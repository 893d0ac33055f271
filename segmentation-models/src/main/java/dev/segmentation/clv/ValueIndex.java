package dev.segmentation.clv;

import java.util.Arrays;

/**
 * The distinct values of a column and, per row, the index of its value: lets a likelihood compute
 * {@code log(alpha + T)} once per distinct T instead of once per row (a cohort observed in whole days has a
 * few hundred distinct T and t_x among hundreds of thousands of histogram entries). Immutable.
 */
final class ValueIndex {
    final double[] values;
    final int[] index;

    private ValueIndex(double[] values, int[] index) {
        this.values = values;
        this.index = index;
    }

    static ValueIndex of(double[] column) {
        double[] sorted = column.clone();
        Arrays.sort(sorted);
        int k = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || Double.compare(sorted[i], sorted[k - 1]) != 0) {
                sorted[k++] = sorted[i];
            }
        }
        double[] values = Arrays.copyOf(sorted, k);
        int[] index = new int[column.length];
        for (int i = 0; i < column.length; i++) {
            index[i] = Arrays.binarySearch(values, column[i]);
        }
        return new ValueIndex(values, index);
    }
}
