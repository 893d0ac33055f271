package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.features.FeatureMatrix;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class KMeansPropertiesTest {
    /** Rounding allowance for comparing two sums of the same squared distances in a different order. */
    private static final double ROUNDING = 1e-12;

    @Property(tries = 60)
    void everyLloydIterationLowersOrKeepsTheInertia(@ForAll @IntRange(min = 2, max = 400) int n,
            @ForAll @IntRange(min = 1, max = 6) int d, @ForAll @IntRange(min = 1, max = 7) int k,
            @ForAll long seed) {
        FeatureMatrix x = TestData.uniform(n, d, seed);
        k = Math.min(k, n);
        KMeansModel m = KMeans.builder().k(k).nInit(1).tolerance(0).seed(seed).build().fit(x);
        List<LloydIteration> h = m.history();
        // per-iteration inertias come from sufficient statistics: rounding is relative to the total sum of
        // squares (LloydIteration's javadoc), not to the inertia itself
        double allowance = ROUNDING * totalSumOfSquares(x);
        for (int t = 1; t < h.size(); t++) {
            double before = h.get(t - 1).inertia();
            assertTrue(h.get(t).inertia() <= before + allowance, "iteration " + (t + 1) + ": "
                    + h.get(t).inertia() + " > " + before);
        }
        assertTrue(m.inertia() <= h.get(h.size() - 1).inertia() + allowance);
    }

    @Property(tries = 60)
    void atConvergenceEveryRowIsAtItsNearestCentre(@ForAll @IntRange(min = 2, max = 400) int n,
            @ForAll @IntRange(min = 1, max = 5) int d, @ForAll @IntRange(min = 1, max = 6) int k,
            @ForAll long seed) {
        FeatureMatrix x = TestData.uniform(n, d, seed);
        k = Math.min(k, n);
        KMeansModel m = KMeans.builder().k(k).nInit(1).tolerance(0).seed(seed).build().fit(x);
        assertTrue(m.converged(), "tolerance 0 and 300 iterations: Lloyd reaches a fixed point");
        double[][] c = m.centroidArray();
        // the fit's final assignment (sizes, inertia) is the nearest-centre assignment...
        int[] nearest = new int[n];
        long[] counts = new long[k];
        double[][] sums = new double[k][d];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int q = 1; q < k; q++) {
                if (TestData.dist2(x, i, c[q]) < TestData.dist2(x, i, c[best])) {
                    best = q;
                }
            }
            nearest[i] = best;
            counts[best]++;
            for (int j = 0; j < d; j++) {
                sums[best][j] += x.get(i, j);
            }
        }
        assertArrayEquals(counts, m.sizes());
        TestData.assertRelative(TestData.inertia(x, c), m.inertia(), ROUNDING, "inertia");
        // ...and each centre is the mean of its rows (Lloyd's fixed point)
        for (int q = 0; q < k; q++) {
            for (int j = 0; j < d; j++) {
                assertEquals(sums[q][j] / counts[q], c[q][j], 1e-12 * (1 + Math.abs(c[q][j])));
            }
        }
        assertArrayEquals(nearest, m.predict(x));
    }

    @Property(tries = 40)
    void permutingRowsDoesNotChangeTheInertiaFromGivenCentres(@ForAll @IntRange(min = 10, max = 400) int n,
            @ForAll @IntRange(min = 1, max = 5) int d, @ForAll @IntRange(min = 1, max = 6) int k,
            @ForAll long seed) {
        FeatureMatrix x = TestData.uniform(n, d, seed);
        double[][] init = new double[k][];
        for (int q = 0; q < k; q++) {
            init[q] = x.row(q * (n / k), null);
        }
        KMeans km = KMeans.builder().initialCentroids(init).nInit(1).tolerance(0).build();
        KMeansModel a = km.fit(x);
        KMeansModel b = km.fit(permute(x, seed));
        TestData.assertRelative(a.inertia(), b.inertia(), 1e-9, "inertia after permuting rows");
    }

    @Property(tries = 15)
    void permutingRowsDoesNotChangeTheInertiaOfKMeansPlusPlusOnSeparatedBlobs(
            @ForAll @IntRange(min = 2, max = 6) int k, @ForAll @IntRange(min = 2, max = 5) int d, @ForAll long seed) {
        TestData.Blobs blobs = TestData.blobs(k, d, 60, 1.0, 30, 12, seed);
        KMeans km = KMeans.builder().k(k).nInit(5).seed(seed).build();
        KMeansModel a = km.fit(blobs.x);
        KMeansModel b = km.fit(permute(blobs.x, seed + 1));
        TestData.assertRelative(a.inertia(), b.inertia(), 1e-9, "inertia after permuting rows");
    }

    @Property(tries = 40)
    void predictReturnsTheNearestCentre(@ForAll @IntRange(min = 5, max = 200) int n,
            @ForAll @IntRange(min = 1, max = 6) int d, @ForAll @IntRange(min = 1, max = 5) int k, @ForAll long seed) {
        FeatureMatrix x = TestData.uniform(n, d, seed);
        KMeansModel m = KMeans.builder().k(k).nInit(1).seed(seed).build().fit(x);
        double[][] c = m.centroidArray();
        FeatureMatrix probe = TestData.uniform(50, d, seed ^ 0x5DEECE66DL);
        for (int i = 0; i < 50; i++) {
            int p = m.predict(probe.row(i, null));
            for (int q = 0; q < k; q++) {
                assertTrue(TestData.dist2(probe, i, c[p]) <= TestData.dist2(probe, i, c[q]));
            }
        }
    }

    static double totalSumOfSquares(FeatureMatrix x) {
        double total = 0;
        for (int j = 0; j < x.columns(); j++) {
            double[] col = x.column(j);
            double mean = 0;
            for (double v : col) {
                mean += v / col.length;
            }
            for (double v : col) {
                total += (v - mean) * (v - mean);
            }
        }
        return total;
    }

    static FeatureMatrix permute(FeatureMatrix x, long seed) {
        int n = x.rows();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = x.row(order[i], null);
        }
        return FeatureMatrix.ofRows(x.names(), rows);
    }
}
