package dev.segmentation.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.features.FeatureMatrix;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

/** Invariants of the logistic fit over generated data sets (issue 5, "Properties"). */
class LogisticRegressionPropertiesTest {

    @Property(tries = 60)
    void penalizedLossNeverIncreases(@ForAll @IntRange(min = 15, max = 400) int n,
            @ForAll @IntRange(min = 1, max = 5) int d, @ForAll long seed,
            @ForAll @DoubleRange(min = 0, max = 20) double l2) {
        int[] y = new int[n];
        FeatureMatrix x = LogisticRegressionTest.gaussian(n, d, seed, y);
        Assume.that(hasBothClasses(y) && (l2 > 0 || n > d + 1));
        LogisticRegressionModel m;
        try {
            m = LogisticRegression.builder().l2(l2).build().fit(x, y);
        } catch (dev.segmentation.InvalidDataException e) {
            Assume.that(false); // collinear draws at tiny n
            return;
        }
        double[] h = m.objectiveHistory();
        assertTrue(h.length >= 2 || m.separation());
        for (int k = 1; k < h.length; k++) {
            assertTrue(h[k] <= h[k - 1], "objective rose at step " + k + ": " + h[k - 1] + " -> " + h[k]);
        }
        assertEquals(h[h.length - 1], m.objective());
    }

    @Property(tries = 60)
    void predictionsAreStrictlyBetweenZeroAndOne(@ForAll @IntRange(min = 10, max = 300) int n,
            @ForAll @IntRange(min = 1, max = 4) int d, @ForAll long seed,
            @ForAll @DoubleRange(min = 0.1, max = 10) double l2) {
        int[] y = new int[n];
        FeatureMatrix x = LogisticRegressionTest.gaussian(n, d, seed, y);
        Assume.that(hasBothClasses(y));
        LogisticRegressionModel m = LogisticRegression.builder().l2(l2).build().fit(x, y);
        for (double p : m.predictProbabilities(x)) {
            assertTrue(p > 0 && p < 1, "p = " + p);
        }
    }

    @Property(tries = 40)
    void duplicatingEveryRowLeavesUnpenalizedCoefficientsUnchanged(@ForAll @IntRange(min = 60, max = 400) int n,
            @ForAll @IntRange(min = 1, max = 4) int d, @ForAll long seed) {
        int[] y = new int[n];
        FeatureMatrix x = LogisticRegressionTest.gaussian(n, d, seed, y);
        Assume.that(hasBothClasses(y));
        LogisticRegressionModel m = LogisticRegression.builder().build().fit(x, y);
        Assume.that(!m.separation());
        double[] data = x.toArray();
        double[] twice = new double[2 * data.length];
        System.arraycopy(data, 0, twice, 0, data.length);
        System.arraycopy(data, 0, twice, data.length, data.length);
        int[] y2 = new int[2 * n];
        System.arraycopy(y, 0, y2, 0, n);
        System.arraycopy(y, 0, y2, n, n);
        LogisticRegressionModel m2 = LogisticRegression.builder().build().fit(FeatureMatrix.of(x.names(), 2 * n, twice),
                y2);
        assertEquals(m.intercept(), m2.intercept(), 1e-7 * (1 + Math.abs(m.intercept())));
        double[] a = m.coefficients();
        double[] b = m2.coefficients();
        for (int j = 0; j < d; j++) {
            assertEquals(a[j], b[j], 1e-7 * (1 + Math.abs(a[j])));
        }
        assertEquals(2 * m.logLikelihood(), m2.logLikelihood(), 1e-9 * Math.abs(m2.logLikelihood()));
    }

    @Property(tries = 40)
    void scalingAFeatureByCDividesItsCoefficientByC(@ForAll @IntRange(min = 60, max = 400) int n,
            @ForAll @IntRange(min = 1, max = 4) int d, @ForAll long seed,
            @ForAll @DoubleRange(min = 0.001, max = 1000) @Scale(4) double c, @ForAll @IntRange(min = 0, max = 3) int col) {
        Assume.that(col < d);
        int[] y = new int[n];
        FeatureMatrix x = LogisticRegressionTest.gaussian(n, d, seed, y);
        Assume.that(hasBothClasses(y));
        LogisticRegressionModel m = LogisticRegression.builder().build().fit(x, y);
        Assume.that(!m.separation());
        double[] data = x.toArray();
        for (int i = 0; i < n; i++) {
            data[i * d + col] *= c;
        }
        LogisticRegressionModel s = LogisticRegression.builder().build().fit(FeatureMatrix.of(x.names(), n, data), y);
        double[] a = m.coefficients();
        double[] b = s.coefficients();
        for (int j = 0; j < d; j++) {
            double expected = j == col ? a[j] / c : a[j];
            assertEquals(expected, b[j], 1e-7 * (Math.abs(expected) + (j == col ? 1 / c : 1)));
        }
        assertEquals(m.logLikelihood(), s.logLikelihood(), 1e-9 * Math.abs(m.logLikelihood()));
    }

    private static boolean hasBothClasses(int[] y) {
        int s = 0;
        for (int v : y) {
            s += v;
        }
        return s > 0 && s < y.length;
    }
}
