package dev.segmentation.features;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The quickselect that {@link RobustScaler}'s fit used before it went through {@link RobustScalerStats}: the
 * tests' reference for the counted order statistics (moved here from the fit, which no longer uses it).
 */
final class RobustScalerQuickselect {
    private RobustScalerQuickselect() {
    }

    /**
     * The order statistics that {@link RobustScaler#median} and {@link RobustScaler#quantile} read for two levels (for
     * {@link #selectRanks}).
     *
     * @param n the number of values, at least one
     * @param lower the lower level in [0, 1]
     * @param upper the upper level in [0, 1]
     * @return distinct 0-based ranks, ascending
     */
    static int[] ranks(int n, double lower, double upper) {
        int lo = (int) Math.floor((n - 1) * lower);
        int hi = (int) Math.floor((n - 1) * upper);
        return IntStream.of(n / 2 - 1, n / 2, lo, lo + 1, hi, hi + 1).filter(r -> r >= 0 && r < n).sorted()
                .distinct().toArray();
    }

    /**
     * Reorders {@code a} so that each listed rank holds its order statistic, as a full sort would, in O(n) time
     * per rank on average (quickselect with a median-of-three pivot, each rank searched right of the one before;
     * a range that does not shrink fast enough is sorted instead, which bounds the worst case by O(n log n)).
     *
     * @param a finite values. Modified.
     * @param ranks distinct 0-based ranks, ascending
     */
    static void selectRanks(double[] a, int[] ranks) {
        int from = 0;
        for (int r : ranks) {
            select(a, from, a.length - 1, r);
            from = r + 1;
        }
    }

    private static void select(double[] a, int lo, int hi, int k) {
        int budget = 2 * (32 - Integer.numberOfLeadingZeros(hi - lo + 1)) + 8;
        while (hi > lo) {
            if (hi - lo < 16 || budget-- == 0) {
                Arrays.sort(a, lo, hi + 1);
                return;
            }
            int mid = (lo + hi) >>> 1;
            double pivot = medianOfThree(a[lo], a[mid], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            // now a[lo..j] <= pivot, a[i..hi] >= pivot, and everything strictly between equals the pivot
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    private static double medianOfThree(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
