package dev.segmentation.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BinaryMetricsTest {
    /** The case of src/test/resources/dev/segmentation/eval/metrics_sklearn.py (tied scores included). */
    static final int[] Y = {0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1};
    static final double[] S = {0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.2, 0.9, 0.35, 0.05, 0.6, 0.7};

    @Test
    void matchScikitLearn() {
        assertEquals(0.777777777777778, BinaryMetrics.rocAuc(S, Y), 1e-14);
        assertEquals(0.817460317460317, BinaryMetrics.averagePrecision(S, Y), 1e-14);
        assertEquals(0.501571111045667, BinaryMetrics.logLoss(S, Y), 1e-14);
        assertEquals(0.173125, BinaryMetrics.brier(S, Y), 1e-15);
        ConfusionMatrix c = BinaryMetrics.atThreshold(S, Y, 0.4);
        assertEquals(0.583333333333333, c.accuracy(), 1e-14);
        assertEquals(0.571428571428571, c.precision(), 1e-14);
        assertEquals(0.666666666666667, c.recall(), 1e-14);
        assertEquals(0.615384615384615, c.f1(), 1e-14);
        assertEquals("ConfusionMatrix{tp=4, fp=3, tn=3, fn=2}", c.toString());
    }

    @Test
    void aucEdgeCasesAndHardLabels() {
        assertEquals(1.0, BinaryMetrics.rocAuc(new double[] {0.1, 0.2, 0.3}, new int[] {0, 1, 1}));
        assertEquals(0.5, BinaryMetrics.rocAuc(new double[] {0.5, 0.5, 0.5, 0.5}, new int[] {0, 1, 1, 0}));
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> BinaryMetrics.rocAuc(new double[] {0, 1, 1, 0}, new int[] {0, 1, 0, 0}));
        assertEquals("scores: must be probabilities or continuous scores, found only the values 0 and 1 (hard"
                + " predicted labels); pass predicted probabilities to compute an AUC", e.getMessage());
        assertEquals("labels: must contain both classes 0 and 1, found only 1 in 2 rows", assertThrows(
                InvalidDataException.class, () -> BinaryMetrics.rocAuc(new double[] {0.2, 0.3}, new int[] {1, 1}))
                .getMessage());
        assertEquals("row 1: score must be finite, found NaN", assertThrows(InvalidDataException.class,
                () -> BinaryMetrics.rocAuc(new double[] {0.2, Double.NaN}, new int[] {1, 0})).getMessage());
        assertEquals("row 0: probability must be in [0, 1], found 1.5", assertThrows(InvalidDataException.class,
                () -> BinaryMetrics.brier(new double[] {1.5, 0.3}, new int[] {1, 0})).getMessage());
    }

    @Property(tries = 100)
    void aucEqualsThePairwiseDefinition(@ForAll @IntRange(min = 2, max = 60) int n, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] y = new int[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = i < 1 ? 0 : i < 2 ? 1 : rnd.nextInt(2);
            s[i] = rnd.nextInt(6) / 5.0 + 0.01; // many ties
        }
        double num = 0;
        long pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (y[i] == 1 && y[j] == 0) {
                    pairs++;
                    num += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        assertEquals(num / pairs, BinaryMetrics.rocAuc(s, y), 1e-12);
        double[] flipped = new double[n];
        for (int i = 0; i < n; i++) {
            flipped[i] = -s[i];
        }
        assertEquals(1 - num / pairs, BinaryMetrics.rocAuc(flipped, y), 1e-12);
    }

    @Test
    void gainsAndLiftByDecile() {
        double[] s = new double[20];
        int[] y = new int[20];
        for (int i = 0; i < 20; i++) {
            s[i] = 20 - i;
            y[i] = i < 4 || i == 10 ? 1 : 0; // top decile (2 rows) both positive
        }
        GainsTable g = BinaryMetrics.gains(s, y);
        assertEquals(10, g.groups());
        assertArrayEquals(new int[] {2, 2, 0, 0, 0, 1, 0, 0, 0, 0}, g.positives());
        assertEquals(4.0, g.topLift(), 1e-15); // (2/2) / (5/20)
        assertArrayEquals(new double[] {0.4, 0.8, 0.8, 0.8, 0.8, 1, 1, 1, 1, 1}, g.cumulativeGains(), 1e-15);
        assertEquals(1.0, g.cumulativeLift()[9], 1e-15);
        assertEquals(4.0, g.cumulativeLift()[0], 1e-15);
    }

    @Test
    void calibrationTable() {
        CalibrationTable t = BinaryMetrics.calibration(new double[] {0.05, 0.15, 0.12, 0.95, 1.0},
                new int[] {0, 1, 0, 1, 1}, 10);
        assertArrayEquals(new int[] {1, 2, 0, 0, 0, 0, 0, 0, 0, 2}, t.counts());
        assertEquals(0.135, t.meanPredicted()[1], 1e-15);
        assertEquals(0.5, t.observedRate()[1], 1e-15);
        assertTrue(Double.isNaN(t.observedRate()[5]));
        assertEquals((0.05 + 2 * 0.365 + 2 * 0.025) / 5, t.expectedCalibrationError(), 1e-15);
    }

    @Test
    void profitThreshold() {
        double[] s = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4};
        int[] y = {1, 1, 0, 1, 0, 0};
        // cost 10, value 30: contacting top 2 -> 60 - 20 = 40; top 4 -> 90 - 40 = 50; top 6 -> 90 - 60 = 30.
        ProfitThreshold p = ProfitThreshold.choose(s, y, 10, 30);
        assertEquals(0.6, p.threshold());
        assertEquals(50.0, p.profit());
        assertEquals(4, p.contacted());
        assertEquals(3, p.churnersReached());
        ProfitThreshold none = ProfitThreshold.choose(s, y, 100, 30);
        assertEquals(Double.POSITIVE_INFINITY, none.threshold());
        assertEquals(0.0, none.profit());
        assertEquals("contactCost must be finite and >= 0, found -1.0", assertThrows(IllegalArgumentException.class,
                () -> ProfitThreshold.choose(s, y, -1, 30)).getMessage());
    }

    @Property(tries = 50)
    void stratifiedFoldsKeepClassProportions(@ForAll @IntRange(min = 2, max = 10) int k,
            @ForAll @IntRange(min = 20, max = 300) int n, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] y = new int[n];
        int[] count = new int[2];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextInt(4) == 0 ? 1 : 0;
            count[y[i]]++;
        }
        if (count[0] < k || count[1] < k) {
            assertThrows(InvalidDataException.class, () -> StratifiedKFold.assign(y, k, seed));
            return;
        }
        int[] fold = StratifiedKFold.assign(y, k, seed);
        assertArrayEquals(fold, StratifiedKFold.assign(y, k, seed));
        int[][] perFold = new int[k][2];
        for (int i = 0; i < n; i++) {
            perFold[fold[i]][y[i]]++;
        }
        for (int f = 0; f < k; f++) {
            for (int c = 0; c < 2; c++) {
                assertTrue(perFold[f][c] == count[c] / k || perFold[f][c] == count[c] / k + 1);
            }
        }
    }

    @Test
    void singleClassInAFoldIsRefused() {
        int[] y = {0, 0, 0, 0, 0, 0, 1, 1};
        assertEquals("labels: each class must have at least folds = 3 rows so that no fold holds a single class,"
                + " found 2 rows of class 1", assertThrows(InvalidDataException.class,
                () -> StratifiedKFold.assign(y, 3, 1)).getMessage());
        assertEquals("folds must be >= 2, found 1", assertThrows(IllegalArgumentException.class,
                () -> StratifiedKFold.assign(y, 1, 1)).getMessage());
    }
}
