package dev.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Checks the test's own closed forms against published numbers before they judge the simulator. */
class BtydTheoryTest {
    @Test
    void expectedRepeatsMatchTheLifetimesValuesAtTheCdnowMle() {
        // reference-numbers.md [lt]: E[X(t)] at the MLE r = 0.242593, alpha = 4.413532, a = 0.792886,
        // b = 2.425754, for t = 0.1429, 1, 3, 31.8571, 32, 78: 0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576
        // (3 decimals).
        double[] t = {0.1429, 1, 3, 31.8571, 32, 78};
        double[] expected = {0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576};
        for (int i = 0; i < t.length; i++) {
            assertEquals(expected[i], BtydTheory.expectedRepeats(0.242593, 4.413532, 0.792886, 2.425754, t[i]),
                    0.5e-3, "t = " + t[i]);
        }
    }

    @Test
    void probabilityAliveMatchesADirectIntegralOverTheBetaDistribution() {
        // (alpha/(alpha + p t))^r averaged over p ~ Beta(a, b) by the midpoint rule on 200,000 cells; a and b
        // are above 1 so the integrand is smooth and the rule is accurate to about 1e-9.
        double r = 0.7;
        double alpha = 6.0;
        double a = 1.6;
        double b = 4.0;
        double t = 80.0;
        int n = 200_000;
        double num = 0.0;
        double den = 0.0;
        for (int i = 0; i < n; i++) {
            double p = (i + 0.5) / n;
            double w = Math.pow(p, a - 1) * Math.pow(1 - p, b - 1);
            num += w * Math.pow(alpha / (alpha + p * t), r);
            den += w;
        }
        assertEquals(num / den, BtydTheory.probabilityAlive(r, alpha, a, b, t), 1e-7);
    }
}
