package dev.segmentation.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.InvalidDataException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link BinaryMetrics#rocAuc(double[], long[], long[])}: the unweighted AUC of the rows spelled out. */
class WeightedRocAucTest {
    @Test
    void equalsTheUnweightedAucOfTheExpandedRowsBitForBit() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            int k = 1 + rng.nextInt(12);
            double[] scores = new double[k];
            long[] pos = new long[k];
            long[] neg = new long[k];
            int rows = 0;
            for (int i = 0; i < k; i++) {
                scores[i] = rng.nextInt(5) / 4.0 + (rng.nextBoolean() ? 0.01 : 0); // ties on purpose
                pos[i] = rng.nextInt(4);
                neg[i] = rng.nextInt(4);
                rows += (int) (pos[i] + neg[i]);
            }
            pos[0]++;
            neg[k - 1]++;
            rows += 2;
            double[] s = new double[rows];
            int[] y = new int[rows];
            int r = 0;
            for (int i = 0; i < k; i++) {
                for (long c = 0; c < pos[i]; c++, r++) {
                    s[r] = scores[i];
                    y[r] = 1;
                }
                for (long c = 0; c < neg[i]; c++, r++) {
                    s[r] = scores[i];
                }
            }
            boolean hard = true;
            for (double v : s) {
                hard &= v == 0 || v == 1;
            }
            if (hard) {
                continue;
            }
            assertEquals(BinaryMetrics.rocAuc(s, y), BinaryMetrics.rocAuc(scores, pos, neg), 0.0, "trial " + trial);
        }
    }

    /**
     * Scores given in ascending order skip the sort (issue 19): the AUC is bit for bit that of the same rows in a
     * shuffled order, which are sorted, with ties spread over several rows.
     */
    @Test
    void ascendingScoresGiveTheAucOfTheShuffledRowsBitForBit() {
        SplittableRandom rng = new SplittableRandom(19);
        for (int trial = 0; trial < 300; trial++) {
            int k = 2 + rng.nextInt(200);
            double[] scores = new double[k];
            long[] pos = new long[k];
            long[] neg = new long[k];
            double v = rng.nextDouble() * 0.1;
            for (int i = 0; i < k; i++) {
                v += rng.nextInt(3) == 0 ? 0 : rng.nextDouble() * 0.01; // ties on purpose
                scores[i] = v;
                pos[i] = rng.nextInt(3) == 0 ? 0 : rng.nextInt(1_000_000);
                neg[i] = rng.nextInt(3) == 0 ? 0 : rng.nextInt(1_000_000);
            }
            pos[0]++;
            neg[k - 1]++;
            int[] perm = new int[k];
            for (int i = 0; i < k; i++) {
                perm[i] = i;
            }
            for (int i = k - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            double[] s2 = new double[k];
            long[] p2 = new long[k];
            long[] n2 = new long[k];
            for (int i = 0; i < k; i++) {
                s2[i] = scores[perm[i]];
                p2[i] = pos[perm[i]];
                n2[i] = neg[perm[i]];
            }
            assertEquals(Double.doubleToRawLongBits(BinaryMetrics.rocAuc(s2, p2, n2)),
                    Double.doubleToRawLongBits(BinaryMetrics.rocAuc(scores, pos, neg)), "trial " + trial);
        }
    }

    /** 6 billion positives and 6 billion negatives: the counts pass 2^31 and the doubled pairs 2^63. */
    @Test
    void totalsPastTwoToTheThirtyOneStayExactOrCorrectlyRounded() {
        long b = 3_000_000_000L;
        // exact path (2 P N = 8b < 2^63): twice U = b (2 * 1) at 0.2 + b (2 * 1 + 1) at 0.3 = 5b, over 8b
        assertEquals(0.625, BinaryMetrics.rocAuc(new double[] {0.1, 0.2, 0.3}, new long[] {0, b, b},
                new long[] {1, 0, 1}), 0.0);
        assertEquals(1.0, BinaryMetrics.rocAuc(new double[] {0.1, 0.9}, new long[] {0, b}, new long[] {b, 0}), 0.0);
        // double path: twice U = b (2b + b) + b (2 * 2b) = 7 b^2 over 2 (2b)(2b) = 8 b^2
        assertEquals(0.875, BinaryMetrics.rocAuc(new double[] {0.1, 0.2, 0.3}, new long[] {0, b, b},
                new long[] {b, b, 0}), 1e-15);
    }

    @Test
    void badInputsGiveTheExactMessages() {
        assertEquals("positives: length must be scores.length = 2, found 1", assertThrows(InvalidDataException.class,
                () -> BinaryMetrics.rocAuc(new double[] {0.1, 0.2}, new long[] {1}, new long[] {1, 1})).getMessage());
        assertEquals("negatives: length must be scores.length = 2, found 3", assertThrows(InvalidDataException.class,
                () -> BinaryMetrics.rocAuc(new double[] {0.1, 0.2}, new long[] {1, 1}, new long[] {1, 1, 1}))
                .getMessage());
        assertEquals("scores: length must be >= 1, found 0", assertThrows(InvalidDataException.class,
                () -> BinaryMetrics.rocAuc(new double[0], new long[0], new long[0])).getMessage());
        assertEquals("row 1: score must be finite, found NaN", assertThrows(InvalidDataException.class,
                () -> BinaryMetrics.rocAuc(new double[] {0.1, Double.NaN}, new long[] {1, 1}, new long[] {1, 1}))
                .getMessage());
        assertEquals("row 1: positives must be >= 0, found -1", assertThrows(InvalidDataException.class,
                () -> BinaryMetrics.rocAuc(new double[] {0.1, 0.2}, new long[] {1, -1}, new long[] {1, 1}))
                .getMessage());
        assertEquals("row 0: negatives must be >= 0, found -2", assertThrows(InvalidDataException.class,
                () -> BinaryMetrics.rocAuc(new double[] {0.1, 0.2}, new long[] {1, 1}, new long[] {-2, 1}))
                .getMessage());
        assertEquals("positives and negatives: must both have rows, found 0 positive and 5 negative", assertThrows(
                InvalidDataException.class, () -> BinaryMetrics.rocAuc(new double[] {0.1, 0.2}, new long[] {0, 0},
                        new long[] {2, 3})).getMessage());
        assertEquals("scores: must be probabilities or continuous scores, found only the values 0 and 1 (hard "
                + "predicted labels); pass predicted probabilities to compute an AUC", assertThrows(
                InvalidDataException.class, () -> BinaryMetrics.rocAuc(new double[] {0, 1}, new long[] {1, 1},
                        new long[] {1, 1})).getMessage());
    }
}
