package dev.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Moments of the simulator's variates against their closed forms. Tolerance: four standard errors of the sample
 * mean (estimated from the sample itself), a false-alarm rate of about 6e-5 per check; the seeds are fixed.
 */
class RandomVariatesTest {
    private static final int N = 200_000;
    private static final double Z = 4.0;

    private static void assertMean(double expected, double[] xs, String what) {
        double mean = 0.0;
        for (double x : xs) {
            mean += x;
        }
        mean /= xs.length;
        double var = 0.0;
        for (double x : xs) {
            var += (x - mean) * (x - mean);
        }
        double se = Math.sqrt(var / (xs.length - 1.0) / xs.length);
        assertEquals(expected, mean, Z * se, what + ": mean " + mean + " vs " + expected + " (se " + se + ")");
    }

    @Test
    void gammaHasMeanShapeAndSecondMomentShapeTimesShapePlusOne() {
        RandomVariates rng = new RandomVariates(new SplittableRandom(1));
        for (double shape : new double[] {0.05, 0.3, 1.0, 2.5, 10.0}) {
            double[] x = new double[N];
            double[] x2 = new double[N];
            double[] lx = new double[N];
            for (int i = 0; i < N; i++) {
                x[i] = rng.gamma(shape);
                x2[i] = x[i] * x[i];
                lx[i] = rng.logGamma(shape);
                assertTrue(x[i] >= 0.0 && Double.isFinite(lx[i]));
            }
            assertMean(shape, x, "gamma(" + shape + ")");
            assertMean(shape * (shape + 1.0), x2, "gamma(" + shape + ") second moment");
            // E[log X] = digamma(shape), from commons-math3.
            assertMean(org.apache.commons.math3.special.Gamma.digamma(shape), lx, "logGamma(" + shape + ")");
        }
    }

    @Test
    void betaHasMeanAOverAPlusBAndStaysInTheUnitIntervalForTinyShapes() {
        RandomVariates rng = new RandomVariates(new SplittableRandom(2));
        double[][] ab = {{0.8, 2.4}, {2.0, 3.0}, {0.01, 0.02}};
        for (double[] p : ab) {
            double[] x = new double[N];
            for (int i = 0; i < N; i++) {
                x[i] = rng.beta(p[0], p[1]);
                assertTrue(x[i] >= 0.0 && x[i] <= 1.0, "beta in [0, 1], found " + x[i]);
            }
            assertMean(p[0] / (p[0] + p[1]), x, "beta(" + p[0] + ", " + p[1] + ")");
        }
    }

    @Test
    void poissonAndExponentialAndNormalHaveTheirMeansAndVariances() {
        RandomVariates rng = new RandomVariates(new SplittableRandom(3));
        double[] pois = new double[N];
        double[] poisVar = new double[N];
        double[] exp = new double[N];
        double[] norm = new double[N];
        double[] norm2 = new double[N];
        for (int i = 0; i < N; i++) {
            pois[i] = rng.poisson(4.5, Math.exp(-4.5));
            poisVar[i] = (pois[i] - 4.5) * (pois[i] - 4.5);
            exp[i] = rng.exponential();
            assertTrue(exp[i] > 0.0 && Double.isFinite(exp[i]));
            norm[i] = rng.normal();
            norm2[i] = norm[i] * norm[i];
        }
        assertMean(4.5, pois, "poisson mean");
        assertMean(4.5, poisVar, "poisson variance");
        assertMean(1.0, exp, "exponential");
        assertMean(0.0, norm, "normal mean");
        assertMean(1.0, norm2, "normal variance");
        assertEquals(0, rng.poisson(0.0, 1.0));
    }

    @Test
    void normalsComeInPolarPairsAndTheSecondIsNotLost() {
        // Same generator state: the second call returns the pair's second variate without drawing.
        RandomVariates a = new RandomVariates(new SplittableRandom(9));
        double first = a.normal();
        double second = a.normal();
        RandomVariates b = new RandomVariates(new SplittableRandom(9));
        assertEquals(first, b.normal());
        assertEquals(second, b.normal());
        assertTrue(first != second);
    }

    @Test
    void uniformOpenNeverReturnsZeroOrOne() {
        RandomVariates rng = new RandomVariates(new SplittableRandom(4));
        for (int i = 0; i < N; i++) {
            double u = rng.uniformOpen();
            assertTrue(u > 0.0 && u < 1.0);
        }
    }

    @Test
    void aliasTableDrawsEachIndexWithItsWeightAndNeverAZeroWeight() {
        double[] w = {1.0, 0.0, 3.0, 0.5, 5.5};
        double total = 10.0;
        RandomVariates.AliasTable table = new RandomVariates.AliasTable(w);
        RandomVariates rng = new RandomVariates(new SplittableRandom(5));
        int[] count = new int[w.length];
        for (int i = 0; i < N; i++) {
            count[table.sample(rng)]++;
        }
        assertEquals(0, count[1]);
        for (int k = 0; k < w.length; k++) {
            double p = w[k] / total;
            double se = Math.sqrt(p * (1 - p) / N);
            assertEquals(p, count[k] / (double) N, Z * se + 1e-12, "index " + k);
        }
    }
}
