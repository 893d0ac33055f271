package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Issue 19: {@link LloydKernels#blockDistances}, with two pairs of columns per loop, gives the bits of the kernel it
 * replaced (one loop per pair of columns, kept here as the reference), for every width and block length.
 */
class LloydBlockDistancesTest {
    /** The kernel before: the squares of columns 0 and 1, then out += a^2 + b^2 per next pair, then the odd column. */
    private static void reference(double[] t, double[] centres, int cb, int d, double[] out, int m) {
        int j;
        if (d >= 2) {
            for (int p = 0; p < m; p++) {
                double a = t[p] - centres[cb];
                double b = t[Lloyd.BLOCK + p] - centres[cb + 1];
                out[p] = a * a + b * b;
            }
            j = 2;
        } else {
            for (int p = 0; p < m; p++) {
                double a = t[p] - centres[cb];
                out[p] = a * a;
            }
            j = 1;
        }
        for (; j + 2 <= d; j += 2) {
            for (int p = 0; p < m; p++) {
                double a = t[j * Lloyd.BLOCK + p] - centres[cb + j];
                double b = t[(j + 1) * Lloyd.BLOCK + p] - centres[cb + j + 1];
                out[p] += a * a + b * b;
            }
        }
        if (j < d) {
            for (int p = 0; p < m; p++) {
                double a = t[j * Lloyd.BLOCK + p] - centres[cb + j];
                out[p] += a * a;
            }
        }
    }

    @Property(tries = 300)
    void twoPairsPerLoopGiveTheBitsOfOnePairPerLoop(@ForAll @IntRange(min = 1, max = 24) int d,
            @ForAll @IntRange(min = 1, max = Lloyd.BLOCK) int m, @ForAll @IntRange(min = 1, max = 4) int k,
            @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] t = new double[d * Lloyd.BLOCK];
        for (int i = 0; i < t.length; i++) {
            t[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3);
        }
        double[] centres = new double[k * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = rnd.nextGaussian();
        }
        double[] expected = new double[m];
        double[] actual = new double[m];
        for (int c = 0; c < k; c++) {
            reference(t, centres, c * d, d, expected, m);
            LloydKernels.blockDistances(t, centres, c * d, d, actual, m);
            for (int p = 0; p < m; p++) {
                assertEquals(Double.doubleToRawLongBits(expected[p]), Double.doubleToRawLongBits(actual[p]),
                        "d " + d + ", centre " + c + ", row " + p);
            }
        }
    }
}
