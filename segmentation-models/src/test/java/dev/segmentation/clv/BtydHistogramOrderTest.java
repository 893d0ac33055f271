package dev.segmentation.clv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The histogram's entry order by packed ranks is the order of the comparator sort it replaced (by x, then t_x,
 * then T under {@link Double#compare}), on the packed path and on the comparator fallback.
 */
class BtydHistogramOrderTest {
    /** Distinct triples: a grid of few values per column, shuffled, or random doubles. */
    private static double[][] distinct(int n, int values, SplittableRandom rnd) {
        java.util.Set<java.util.List<Double>> seen = new java.util.HashSet<>();
        double[][] c = new double[3][n];
        int k = 0;
        while (k < n) {
            double x = values > 0 ? rnd.nextInt(values) : rnd.nextDouble() * 1e6;
            double r = values > 0 ? rnd.nextInt(values) / 7.0 : rnd.nextDouble() * 1e3;
            double t = values > 0 ? 1 + rnd.nextInt(values) / 7.0 : rnd.nextDouble() * 1e3;
            if (seen.add(java.util.List.of(x, r, t))) {
                c[0][k] = x;
                c[1][k] = r;
                c[2][k] = t;
                k++;
            }
        }
        return c;
    }

    private static int[] comparatorOrder(double[] fx, double[] fr, double[] ft) {
        int[] order = new int[fx.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        IntArrays.quickSort(order, (i, j) -> {
            int c = Double.compare(fx[i], fx[j]);
            if (c == 0) {
                c = Double.compare(fr[i], fr[j]);
            }
            return c != 0 ? c : Double.compare(ft[i], ft[j]);
        });
        return order;
    }

    @Property(tries = 200)
    void packedOrderIsTheComparatorOrder(@ForAll @IntRange(min = 0, max = 3000) int n,
            @ForAll @IntRange(min = 30, max = 400) int values, @ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
        double[][] c = distinct(n, values, new SplittableRandom(seed));
        assertArrayEquals(comparatorOrder(c[0], c[1], c[2]),
                BtydHistogram.Table.sortedOrder(c[0], c[1], c[2], n));
    }

    @Test
    void fallbackForTooManyDistinctValuesIsTheComparatorOrder() {
        // 200,000 distinct values in each column: the ranks need 3 x 18 bits plus 18 for the id, more than 62
        double[][] c = distinct(200_000, 0, new SplittableRandom(5));
        assertArrayEquals(comparatorOrder(c[0], c[1], c[2]),
                BtydHistogram.Table.sortedOrder(c[0], c[1], c[2], 200_000));
    }
}
