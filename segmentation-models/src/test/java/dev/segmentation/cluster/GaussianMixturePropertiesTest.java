package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.features.FeatureMatrix;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class GaussianMixturePropertiesTest {
    /** Allowance for rounding in a sum of n log-densities, relative (the 1e-9). */
    private static final double RELATIVE = 1e-9;

    @Property(tries = 40)
    void emNeverLowersTheLogLikelihood(@ForAll @IntRange(min = 30, max = 300) int n,
            @ForAll @IntRange(min = 1, max = 4) int d, @ForAll @IntRange(min = 1, max = 4) int k, @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 2) int typeIndex) {
        CovarianceType type = CovarianceType.values()[typeIndex];
        FeatureMatrix x = TestData.blobs(3, d, n / 3, 1.0, 3, 0, seed).x;
        GaussianMixtureModel m = GaussianMixture.builder().k(k).covariance(type).regularization(0).tolerance(0)
                .maxIterations(30).seed(seed).build().fit(x);
        Assume.that(m.degenerateComponents().isEmpty());
        double[] ll = m.logLikelihoods();
        for (int t = 1; t < ll.length; t++) {
            assertTrue(ll[t] >= ll[t - 1] - RELATIVE * Math.abs(ll[t - 1]),
                    type + " iteration " + t + ": " + ll[t] + " < " + ll[t - 1]);
        }
    }

    @Property(tries = 40)
    void responsibilitiesSumToOne(@ForAll @IntRange(min = 10, max = 200) int n,
            @ForAll @IntRange(min = 1, max = 4) int d, @ForAll @IntRange(min = 1, max = 5) int k, @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 2) int typeIndex) {
        FeatureMatrix x = TestData.uniform(n, d, seed);
        GaussianMixtureModel m = GaussianMixture.builder().k(k).covariance(CovarianceType.values()[typeIndex])
                .seed(seed).build().fit(x);
        double[] p = new double[k];
        FeatureMatrix probe = TestData.uniform(30, d, ~seed);
        for (int i = 0; i < 30; i++) {
            double[] row = probe.row(i, null);
            for (int j = 0; j < d; j++) {
                row[j] = row[j] * 10 - 5; // also far outside the data
            }
            m.predictProba(row, p);
            double s = 0;
            int arg = 0;
            for (int c = 0; c < k; c++) {
                assertTrue(p[c] >= 0 && p[c] <= 1);
                s += p[c];
                arg = p[c] > p[arg] ? c : arg;
            }
            assertEquals(1.0, s, 1e-12);
            assertEquals(arg, m.predict(row));
        }
    }
}
