package dev.segmentation.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.eval.BinaryMetrics;
import org.junit.jupiter.api.Test;

/** Issue 19: "`run --customers 1000000` reports `churnAuc` 1.62 and `aliveAuc` 1.65: an AUC above 1." */
class AucAboveOneWithManyPositivesTest {
    @Test
    void halfAMillionPositivesGiveTheClosedFormAuc() {
        // 500,000 positives (positives * (positives + 1) in int overflowed past 46,340 of them). Closed form:
        // every positive scores 0.75, negatives alternate 0.25 and 0.75, so each positive beats half the
        // negatives and ties the other half.
        int n = 1_000_000;
        double[] s = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            s[i] = y[i] == 1 ? 0.75 : (i / 2) % 2 == 0 ? 0.25 : 0.75;
        }
        // U = P (N/2 + N/4) over P N = 0.75
        assertEquals(0.75, BinaryMetrics.rocAuc(s, y));
    }
}
