package dev.segmentation.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.internal.sort.DoubleOrder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Metrics that sort, at sizes where {@code int} products overflow (issue 19), against exact independent
 * references: a histogram count of the Mann-Whitney U in {@code BigInteger}, the O(n^2) pair count in
 * {@code long}, a closed form on structured data, and a boxed stable sort for the gains order.
 */
class MetricsAtScaleTest {
    /** Exact AUC by a histogram over integer scores 0..m-1: U2 = sum_v p_v (2 N_(<v) + n_v), in BigInteger. */
    static double histogramAuc(int[] score, int[] y, int m) {
        long[] p = new long[m];
        long[] q = new long[m];
        for (int i = 0; i < y.length; i++) {
            if (y[i] == 1) {
                p[score[i]]++;
            } else {
                q[score[i]]++;
            }
        }
        BigInteger u2 = BigInteger.ZERO;
        BigInteger negBelow = BigInteger.ZERO;
        long pos = 0;
        long neg = 0;
        for (int v = 0; v < m; v++) {
            u2 = u2.add(BigInteger.valueOf(p[v]).multiply(negBelow.shiftLeft(1).add(BigInteger.valueOf(q[v]))));
            negBelow = negBelow.add(BigInteger.valueOf(q[v]));
            pos += p[v];
            neg += q[v];
        }
        BigInteger pairs2 = BigInteger.valueOf(pos).multiply(BigInteger.valueOf(neg)).shiftLeft(1);
        return new BigDecimal(u2).divide(new BigDecimal(pairs2), MathContext.DECIMAL128).doubleValue();
    }

    @Test
    void aucWithTenMillionScoresAndManyTiesEqualsTheHistogramCount() {
        int n = 10_000_000;
        int m = 1000;
        SplittableRandom rnd = new SplittableRandom(19);
        int[] score = new int[n];
        int[] y = new int[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            score[i] = rnd.nextInt(m);
            // the positive rate rises with the score: AUC well inside (0.5, 1)
            y[i] = rnd.nextInt(m + 200) < score[i] + 100 ? 1 : 0;
            s[i] = score[i] / 7.0 - 3;
        }
        double expected = histogramAuc(score, y, m);
        double auc = BinaryMetrics.rocAuc(s, y);
        // U2 and 2 n0 n1 are below 2^53 here, so the quotient is correctly rounded: exact equality.
        assertEquals(expected, auc);
        assertTrue(auc > 0.5 && auc < 1, "auc " + auc);
    }

    @Test
    void perfectRankingWithTwoHundredThousandPositivesIsExactlyOne() {
        int n = 1_000_000;
        int positives = 200_000;
        double[] s = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = i;
            y[i] = i >= n - positives ? 1 : 0;
        }
        assertEquals(1.0, BinaryMetrics.rocAuc(s, y));
        assertEquals(1.0, BinaryMetrics.averagePrecision(s, y));
        for (int i = 0; i < n; i++) {
            s[i] = -s[i];
        }
        assertEquals(0.0, BinaryMetrics.rocAuc(s, y));
    }

    @Test
    void averagePrecisionOfAlternatingRanksMatchesItsClosedForm() {
        // positives at 1-based ranks 1, 3, 5, ...: AP = (1/P) sum_(k=1..P) k / (2k - 1)
        int positives = 200_000;
        int n = 2 * positives;
        double[] s = new double[n];
        int[] y = new int[n];
        for (int r = 0; r < n; r++) {
            s[r] = n - r;
            y[r] = r % 2 == 0 ? 1 : 0;
        }
        BigDecimal sum = BigDecimal.ZERO;
        MathContext mc = MathContext.DECIMAL128;
        for (int k = 1; k <= positives; k++) {
            sum = sum.add(BigDecimal.valueOf(k).divide(BigDecimal.valueOf(2L * k - 1), mc), mc);
        }
        double expected = sum.divide(BigDecimal.valueOf(positives), mc).doubleValue();
        // P = 2e5 rounded additions of terms below 1/P: error at most P * 2^-53 relative (Higham 2002, 4.2)
        assertEquals(expected, BinaryMetrics.averagePrecision(s, y), positives * 0x1p-53);
    }

    @Property(tries = 40)
    void aucEqualsTheLongPairCount(@ForAll @IntRange(min = 2, max = 1500) int n, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] y = new int[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = i == 0 ? 0 : i == 1 ? 1 : rnd.nextInt(2);
            s[i] = rnd.nextInt(1 + n / 10) - n / 20.0 + (rnd.nextInt(3) == 0 ? -0.0 : 0.0);
        }
        long twiceWins = 0;
        long pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (y[i] == 1 && y[j] == 0) {
                    pairs++;
                    twiceWins += s[i] > s[j] ? 2 : s[i] == s[j] ? 1 : 0;
                }
            }
        }
        assertEquals(twiceWins / (2.0 * pairs), BinaryMetrics.rocAuc(s, y));
        double ap = BinaryMetrics.averagePrecision(s, y);
        assertTrue(ap >= 0 && ap <= 1, "ap " + ap);
    }

    @Property(tries = 30)
    void gainsFollowTheStableDescendingOrder(@ForAll @IntRange(min = 10, max = 3000) int n, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] y = new int[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = i == 0 ? 1 : rnd.nextInt(3) == 0 ? 1 : 0;
            int kind = rnd.nextInt(4);
            s[i] = kind == 0 ? rnd.nextInt(5) : kind == 1 ? -rnd.nextDouble() * 1e300 : kind == 2 ? 0.0 * -1
                    : rnd.nextGaussian();
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
        int[] expected = new int[n];
        for (int i = 0; i < n; i++) {
            expected[i] = order[i];
        }
        assertArrayEquals(expected, DoubleOrder.descending(s));
        int groups = 1 + rnd.nextInt(10);
        int[] pos = new int[groups];
        for (int g = 0; g < groups; g++) {
            for (int k = (int) ((long) g * n / groups); k < (int) ((long) (g + 1) * n / groups); k++) {
                pos[g] += y[order[k]];
            }
        }
        assertArrayEquals(pos, BinaryMetrics.gains(s, y, groups).positives());
    }

    @Test
    void gainsAtTenMillionRowsCountPositivesByPosition() {
        int n = 10_000_000;
        double[] s = new double[n];
        int[] y = new int[n];
        int[] expected = new int[10];
        for (int i = 0; i < n; i++) {
            s[i] = (n - i) / 3; // descending, ties in runs of three kept in row order
            y[i] = Integer.bitCount(i) % 3 == 0 ? 1 : 0;
            expected[i / (n / 10)] += y[i];
        }
        GainsTable g = BinaryMetrics.gains(s, y);
        assertArrayEquals(expected, g.positives());
        assertEquals(1.0, g.cumulativeGains()[9]);
    }
}
