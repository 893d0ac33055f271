package dev.segmentation.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.eval.BinaryMetrics;
import org.junit.jupiter.api.Test;

/** Issue 17: "`churn evaluate` reports `prAuc` 1.0000000000000004". */
class AveragePrecisionAboveOneTest {
    @Test
    void perfectRankingGivesExactlyOneForEveryPositiveCount() {
        for (int positives = 1; positives <= 400; positives++) {
            int n = positives + 7;
            double[] s = new double[n];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                s[i] = i;
                y[i] = i >= n - positives ? 1 : 0;
            }
            assertEquals(1.0, BinaryMetrics.averagePrecision(s, y), "positives " + positives);
        }
    }
}
