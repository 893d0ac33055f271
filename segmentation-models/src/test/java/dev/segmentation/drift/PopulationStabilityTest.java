package dev.segmentation.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import dev.segmentation.features.FeatureMatrix;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** PSI: a hand-computed golden value, the thresholds, properties and exact messages. */
class PopulationStabilityTest {
    /**
     * Hand-computed: expected (0.25, 0.25, 0.25, 0.25), actual (0.10, 0.20, 0.30, 0.40):
     * {@code -0.15 ln 0.4 - 0.05 ln 0.8 + 0.05 ln 1.2 + 0.15 ln 1.6 = 0.137444 + 0.011157 + 0.009116 + 0.070501
     * = 0.228217}; to double precision (Python {@code math.log}) 0.22821740957339182.
     */
    private static final double GOLDEN = 0.22821740957339182;

    @Test
    void goldenValueOfTheFormula() {
        assertEquals(GOLDEN, PopulationStability.index(new double[] {0.25, 0.25, 0.25, 0.25},
                new double[] {0.10, 0.20, 0.30, 0.40}, 1e-4), 1e-15);
        assertEquals(Drift.MODERATE, Drift.of(GOLDEN));
    }

    @Test
    void featureIndexBinsTheWindowWithTheReferenceQuartiles() {
        double[][] ref = new double[1000][];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = new double[] {i + 1, 7};
        }
        double[][] win = new double[1000][];
        for (int i = 0; i < win.length; i++) {
            win[i] = new double[] {i < 100 ? 100 : i < 300 ? 400 : i < 600 ? 600 : 900, 7};
        }
        PopulationStabilityModel m = PopulationStability.builder().bins(4).build()
                .fit(FeatureMatrix.ofRows(List.of("spend", "constant"), ref));
        assertArrayEquals(new double[] {250, 500, 750}, m.binner().edges("spend"));
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, m.referenceShares("spend"));
        DriftReport r = m.compare(FeatureMatrix.ofRows(List.of("constant", "spend"), swap(win)));
        assertEquals(GOLDEN, r.psi("spend"), 1e-15);
        assertEquals(0.0, r.psi("constant"));
        assertEquals(Drift.MODERATE, r.drift());
        assertEquals(List.of("spend", "constant"), r.features());
    }

    private static double[][] swap(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new double[] {rows[i][1], rows[i][0]};
        }
        return out;
    }

    @Test
    void segmentSharesAndThresholds() {
        int[] ref = new int[100];
        int[] win = new int[100];
        for (int i = 0; i < 100; i++) {
            ref[i] = i < 50 ? 0 : i < 80 ? 1 : 2;
            win[i] = i < 40 ? 0 : i < 70 ? 1 : 2;
        }
        // (0.4 - 0.5) ln 0.8 + 0 + (0.3 - 0.2) ln 1.5 = 0.022314 + 0.040546 = 0.0628609 (Python: 0.06286086594223739)
        assertEquals(0.06286086594223739, PopulationStability.segmentIndex(ref, win, 3, 1e-4), 1e-15);
        assertEquals(Drift.STABLE, Drift.of(0.0999));
        assertEquals(Drift.MODERATE, Drift.of(0.1));
        assertEquals(Drift.MODERATE, Drift.of(0.2499));
        assertEquals(Drift.SIGNIFICANT, Drift.of(0.25));
        // a segment that vanishes: its share 0 stands in as epsilon, so the index is large and finite
        int[] gone = new int[100];
        double psi = PopulationStability.segmentIndex(ref, gone, 3, 1e-4);
        assertTrue(Double.isFinite(psi) && psi > 0.25, "psi " + psi);
    }

    @Provide
    Arbitrary<double[]> shares() {
        return Arbitraries.integers().between(0, 20).array(int[].class).ofSize(5)
                .filter(a -> java.util.Arrays.stream(a).sum() > 0).map(a -> {
                    double total = java.util.Arrays.stream(a).sum();
                    double[] s = new double[a.length];
                    for (int i = 0; i < a.length; i++) {
                        s[i] = a[i] / total;
                    }
                    return s;
                });
    }

    /** PSI is a symmetrized divergence: non-negative, symmetric, and 0 for equal shares. */
    @Property(tries = 200)
    void nonNegativeSymmetricAndZeroOnEquality(@ForAll("shares") double[] e, @ForAll("shares") double[] a) {
        double psi = PopulationStability.index(e, a, 1e-4);
        assertTrue(psi >= 0, "psi " + psi);
        assertEquals(psi, PopulationStability.index(a, e, 1e-4), 1e-12);
        assertEquals(0.0, PopulationStability.index(e, e, 1e-4));
    }

    /**
     * The counts of a window cut in two parts add up to the window's, and the PSI from the summed counts is
     * {@code compare} of the whole window bit for bit (a distributed window, one part per partition).
     */
    @Property(tries = 100)
    void countsOfPartsAddUpAndGiveTheWindowsPsiBitForBit(@ForAll("values") double[] reference,
            @ForAll("values") double[] window, @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 40) int cut) {
        PopulationStabilityModel m = PopulationStability.builder().bins(4).build().fit(column(reference));
        int at = Math.min(cut, window.length);
        long[] first = m.counts(column(java.util.Arrays.copyOfRange(window, 0, at)));
        long[] second = m.counts(column(java.util.Arrays.copyOfRange(window, at, window.length)));
        long[] sum = new long[first.length];
        for (int p = 0; p < sum.length; p++) {
            sum[p] = first[p] + second[p];
        }
        assertArrayEquals(m.counts(column(window)), sum);
        assertArrayEquals(m.compare(column(window)).psi(), m.compare(sum, window.length).psi());
    }

    @Provide
    Arbitrary<double[]> values() {
        // few distinct values, so that ties and empty bins occur
        return Arbitraries.integers().between(0, 12).map(i -> (double) i).array(double[].class).ofMinSize(1)
                .ofMaxSize(40);
    }

    private static FeatureMatrix column(double[] v) {
        double[][] rows = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            rows[i] = new double[] {v[i], -v[i]};
        }
        return FeatureMatrix.ofRows(List.of("a", "b"), rows);
    }

    @Test
    void countsOfAWindowAndTheirMessages() {
        PopulationStabilityModel m = PopulationStability.builder().bins(2).build()
                .fit(column(new double[] {1, 2, 3, 4}));
        assertArrayEquals(new long[] {1, 2, 2, 1}, m.counts(column(new double[] {1, 3, 4})));
        assertArrayEquals(new long[4], m.counts(column(new double[0])));
        assertEquals("window must have >= 1 rows, found 0", assertThrows(InvalidDataException.class,
                () -> m.compare(new long[4], 0)).getMessage());
        assertEquals("counts length must be 4 (columns x bins), found 3", assertThrows(IllegalArgumentException.class,
                () -> m.compare(new long[3], 1)).getMessage());
        assertEquals("counts[1] must be in [0, 2], found 3", assertThrows(IllegalArgumentException.class,
                () -> m.compare(new long[] {0, 3, 1, 1}, 2)).getMessage());
    }

    @Test
    void badInputMessages() {
        assertEquals("bins must be >= 2, found 1", assertThrows(IllegalArgumentException.class,
                () -> PopulationStability.builder().bins(1)).getMessage());
        assertEquals("epsilon must be in (0, 1), found 0.0", assertThrows(IllegalArgumentException.class,
                () -> PopulationStability.builder().epsilon(0)).getMessage());
        assertEquals("actual must have length 2 (one per bin), found 1", assertThrows(IllegalArgumentException.class,
                () -> PopulationStability.index(new double[] {0.5, 0.5}, new double[] {1}, 1e-4)).getMessage());
        assertEquals("actual[0] must be in [0, 1], found 1.5", assertThrows(IllegalArgumentException.class,
                () -> PopulationStability.index(new double[] {0.5, 0.5}, new double[] {1.5, 0}, 1e-4)).getMessage());
        assertEquals("window[1] must be in [0, 2), found 2", assertThrows(IllegalArgumentException.class,
                () -> PopulationStability.segmentIndex(new int[] {0}, new int[] {1, 2}, 2, 1e-4)).getMessage());
        assertEquals("psi must be finite and >= 0, found -1.0", assertThrows(IllegalArgumentException.class,
                () -> Drift.of(-1)).getMessage());
        assertEquals("reference must have >= 1 rows, found 0", assertThrows(InvalidDataException.class,
                () -> PopulationStability.builder().build().fit(FeatureMatrix.ofRows(List.of("a"),
                        new double[0][]))).getMessage());
        assertEquals("PopulationStability{bins=10, epsilon=1.0E-4}", PopulationStability.builder().build().toString());
    }
}
