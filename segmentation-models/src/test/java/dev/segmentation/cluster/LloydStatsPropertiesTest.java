package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.internal.Internals;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The k-means partition seam (issue 18): {@link LloydStats} accumulated per chunk and merged in any grouping or
 * order gives the statistics of all rows (counts exactly, sums to rounding), empty statistics change nothing, and
 * the update from merged statistics is one Lloyd iteration of {@link KMeans}.
 */
class LloydStatsPropertiesTest {
    /** Rounding allowance, relative to the total sum of absolute values, for sums added in another order. */
    private static final double ROUNDING = 1e-12;

    private static double[] rows(int n, int d, SplittableRandom rng) {
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % d) * 3 + rng.nextGaussian();
        }
        return x;
    }

    private static double[] weights(int n, SplittableRandom rng) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 + rng.nextDouble();
        }
        return w;
    }

    private static double[] reference(int d, SplittableRandom rng) {
        double[] r = new double[d];
        for (int j = 0; j < d; j++) {
            r[j] = rng.nextGaussian();
        }
        return r;
    }

    private static LloydStats part(double[] x, int from, int to, int d, double[] w, double[] centres, int k,
            double[] r) {
        double[] weights = w == null ? null : Arrays.copyOfRange(w, from, to);
        return LloydStats.accumulate(Arrays.copyOfRange(x, from * d, to * d), to - from, d, weights, centres, k, r);
    }

    private static void assertClose(LloydStats expected, LloydStats actual, double scale) {
        assertArrayEquals(expected.counts(), actual.counts());
        double tol = ROUNDING * (1 + scale);
        assertArrayEquals(expected.sums(), actual.sums(), tol);
        assertArrayEquals(expected.squares(), actual.squares(), tol);
        assertArrayEquals(expected.weights(), actual.weights(), tol);
        assertEquals(expected.inertia(), actual.inertia(), tol);
    }

    @Property(tries = 80)
    void mergingIsAssociativeAndOrderIndependent(@ForAll @IntRange(min = 0, max = 300) int n,
            @ForAll @IntRange(min = 1, max = 5) int d, @ForAll @IntRange(min = 1, max = 6) int k,
            @ForAll @IntRange(min = 0, max = 300) int cut1, @ForAll @IntRange(min = 0, max = 300) int cut2,
            @ForAll boolean weighted, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = rows(n, d, rng);
        double[] w = weighted ? weights(n, rng) : null;
        double[] centres = rows(k, d, rng);
        double[] r = reference(d, rng);
        int a = Math.min(cut1, n);
        int b = Math.max(a, Math.min(cut2, n));
        LloydStats whole = part(x, 0, n, d, w, centres, k, r);
        double scale = 0;
        for (double v : x) {
            scale += Math.abs(v) * Math.abs(v) + Math.abs(v);
        }
        // (p1 + p2) + p3 and p1 + (p2 + p3), and the reverse order
        LloydStats left = part(x, 0, a, d, w, centres, k, r).merge(part(x, a, b, d, w, centres, k, r))
                .merge(part(x, b, n, d, w, centres, k, r));
        LloydStats right = part(x, 0, a, d, w, centres, k, r)
                .merge(part(x, a, b, d, w, centres, k, r).merge(part(x, b, n, d, w, centres, k, r)));
        LloydStats reversed = part(x, b, n, d, w, centres, k, r).merge(part(x, a, b, d, w, centres, k, r))
                .merge(part(x, 0, a, d, w, centres, k, r));
        assertClose(whole, left, scale);
        assertClose(whole, right, scale);
        assertClose(whole, reversed, scale);
        // counts are exact, and the counts add up to n
        assertEquals(n, Arrays.stream(left.counts()).sum());
    }

    @Property(tries = 50)
    void emptyStatisticsAndEmptyChunksChangeNothing(@ForAll @IntRange(min = 1, max = 200) int n,
            @ForAll @IntRange(min = 1, max = 5) int d, @ForAll @IntRange(min = 1, max = 6) int k,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = rows(n, d, rng);
        double[] centres = rows(k, d, rng);
        double[] r = new double[d];
        LloydStats s = LloydStats.accumulate(x, n, d, null, centres, k, r);
        LloydStats withEmpty = LloydStats.accumulate(x, n, d, null, centres, k, r)
                .merge(LloydStats.empty(k, d)).merge(LloydStats.accumulate(new double[0], 0, d, null, centres, k, r));
        LloydStats emptyFirst = LloydStats.empty(k, d).merge(s);
        for (LloydStats t : new LloydStats[] {withEmpty, emptyFirst}) {
            assertArrayEquals(s.counts(), t.counts());
            assertArrayEquals(s.sums(), t.sums(), 0.0);
            assertArrayEquals(s.squares(), t.squares(), 0.0);
            assertArrayEquals(s.weights(), t.weights(), 0.0);
            assertEquals(s.inertia(), t.inertia(), 0.0);
        }
        assertArrayEquals(s.centres(centres, r), withEmpty.centres(centres, r), 0.0);
    }

    @Property(tries = 30)
    void theUpdateFromMergedChunksIsOneIterationOfKMeans(@ForAll @IntRange(min = 2, max = 5) int k,
            @ForAll @IntRange(min = 1, max = 4) int d, @ForAll @IntRange(min = 1, max = 7) int parts,
            @ForAll long seed) {
        TestData.Blobs blobs = TestData.blobs(k, d, 60, 0.5, 20, 6, seed);
        FeatureMatrix x = blobs.x;
        int n = x.rows();
        double[] data = Internals.data(x);
        double[][] init = new double[k][];
        double[] centres = new double[k * d];
        for (int c = 0; c < k; c++) {
            int first = 0;
            while (blobs.truth[first] != c) {
                first++;
            }
            // one row of each blob: no centre goes empty, so KMeans relocates nothing
            init[c] = x.row(first, null);
            System.arraycopy(init[c], 0, centres, c * d, d);
        }
        double[] r = new double[d];
        LloydStats total = LloydStats.empty(k, d);
        for (int p = 0; p < parts; p++) {
            int from = (int) ((long) n * p / parts);
            int to = (int) ((long) n * (p + 1) / parts);
            total.merge(part(data, from, to, d, null, centres, k, r));
        }
        double[] next = total.centres(centres, r);
        KMeansModel one = KMeans.builder().k(k).nInit(1).initialCentroids(init).maxIterations(1).build().fit(x);
        double[][] expected = one.centroidArray();
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                assertEquals(expected[c][j], next[c * d + j], 1e-9 * (1 + Math.abs(expected[c][j])));
            }
        }
    }

    @Property(tries = 60)
    void encodedStatisticsDecodeToTheSameBits(@ForAll @IntRange(min = 0, max = 200) int n,
            @ForAll @IntRange(min = 1, max = 9) int d, @ForAll @IntRange(min = 1, max = 8) int k,
            @ForAll @IntRange(min = 0, max = 5) int offset, @ForAll boolean weighted, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = rows(n, d, rng);
        double[] w = weighted ? weights(n, rng) : null;
        double[] centres = rows(k, d, rng);
        double[] r = reference(d, rng);
        LloydStats s = LloydStats.accumulate(x, n, d, w, centres, k, r);
        s.reassigned = rng.nextLong(1L << 40);
        s.skipped = rng.nextLong(1L << 40);
        double[] out = new double[offset + LloydStats.encodedLength(k, d) + 1];
        out[out.length - 1] = -7.5;
        s.encode(out, offset);
        assertEquals(-7.5, out[out.length - 1], "nothing written past the encoded length");
        LloydStats back = LloydStats.decode(out, offset, k, d);
        assertEquals(k, back.k());
        assertEquals(d, back.dimension());
        assertArrayEquals(s.counts(), back.counts());
        assertArrayEquals(bits(s.sums()), bits(back.sums()));
        assertArrayEquals(bits(s.squares()), bits(back.squares()));
        assertArrayEquals(bits(s.weights()), bits(back.weights()));
        assertEquals(Double.doubleToRawLongBits(s.inertia()), Double.doubleToRawLongBits(back.inertia()));
        assertEquals(s.reassigned, back.reassigned);
        assertEquals(s.computed, back.computed);
        assertEquals(s.skipped, back.skipped);
    }

    private static long[] bits(double[] v) {
        return Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    @Test
    void theEncodedLayoutIsSumsSquaresWeightsCountsInertiaAndCounters() {
        // rows 1 and 3 (k = 2, d = 1, centres 0 and 10, reference 0): both nearest centre 0
        LloydStats s = LloydStats.accumulate(new double[] {1, 3}, 2, 1, null, new double[] {0, 10}, 2, new double[1]);
        s.reassigned = 5;
        assertEquals(2 * 1 + 3 * 2 + 4, LloydStats.encodedLength(2, 1));
        double[] out = new double[LloydStats.encodedLength(2, 1)];
        s.encode(out, 0);
        assertArrayEquals(new double[] {4, 0, 10, 0, 2, 0, 2, 0, 10, 5, 4, 0}, out, 0.0);
    }

    @Test
    void shapesAreChecked() {
        assertEquals("k must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> LloydStats.empty(0, 2)).getMessage());
        assertEquals("other must have k = 2 and d = 3, found 2 and 2", assertThrows(IllegalArgumentException.class,
                () -> LloydStats.empty(2, 3).merge(LloydStats.empty(2, 2))).getMessage());
        assertEquals("centres must have length k * d = 4, found 3", assertThrows(IllegalArgumentException.class,
                () -> LloydStats.accumulate(new double[2], 1, 2, null, new double[3], 2, new double[2])).getMessage());
    }
}
