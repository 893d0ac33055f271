package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The merge of {@link EmStats} that distributed EM relies on. The sums are floating-point: merged in any order or
 * grouping they agree with the statistics of all rows at once to 1e-12 of the sum of the absolute terms; row
 * counts and the worst rows (each row's log-density is computed the same way in any chunk; ties go to the lower
 * row) agree exactly; merged in a fixed order they are reproducible bit for bit; an empty partition (the
 * identity) changes nothing.
 */
class EmStatsMergePropertiesTest {
    private static final double TOLERANCE = 1e-12;

    @Property(tries = 150)
    void mergeIsOrderIndependentAssociativeAndEmptyPartitionsChangeNothing(
            @ForAll @IntRange(min = 1, max = 300) int n, @ForAll @IntRange(min = 1, max = 8) int partitions,
            @ForAll @IntRange(min = 1, max = 4) int k, @ForAll @IntRange(min = 1, max = 5) int d,
            @ForAll @IntRange(min = 0, max = 2) int typeIndex, @ForAll boolean hard, @ForAll long seed) {
        CovarianceType type = CovarianceType.values()[typeIndex];
        Random random = new Random(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian() * 10 + random.nextInt(3) * 30;
        }
        double[] centres = new double[k * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = random.nextGaussian() * 30;
        }
        EmParameters p = hard ? null : parameters(type, k, d, centres, random);
        EmStats whole = stats(p, x, 0, n, d, centres, k, type);
        int[] cuts = new int[partitions + 1];
        cuts[partitions] = n;
        for (int q = 1; q < partitions; q++) {
            cuts[q] = random.nextInt(n + 1);
        }
        Arrays.sort(cuts, 1, partitions);
        List<EmStats> parts = new ArrayList<>();
        for (int q = 0; q < partitions; q++) {
            parts.add(stats(p, x, cuts[q], cuts[q + 1], d, centres, k, type));
        }
        EmStats inOrder = mergeAll(parts, k, d, type);
        assertBitIdentical(inOrder, mergeAll(parts, k, d, type));
        assertBitIdentical(inOrder, mergeAll(parts, k, d, type).merge(EmStats.empty(k, d, type)));
        List<EmStats> shuffled = new ArrayList<>(parts);
        Collections.shuffle(shuffled, random);
        shuffled.add(random.nextInt(shuffled.size() + 1), EmStats.empty(k, d, type));
        EmStats reordered = mergeAll(shuffled, k, d, type);
        EmStats tail = EmStats.empty(k, d, type);
        for (int q = 1; q < parts.size(); q++) {
            tail.merge(parts.get(q));
        }
        EmStats grouped = EmStats.empty(k, d, type).merge(parts.get(0)).merge(tail);
        double scale = scale(x, n, d, centres, k);
        for (EmStats s : List.of(inOrder, reordered, grouped)) {
            assertEquals(n, s.rows());
            assertArrayEquals(whole.worstRows(), s.worstRows());
            assertArrayEquals(whole.responsibilities(), s.responsibilities(), TOLERANCE * n);
            assertArrayEquals(whole.sums(), s.sums(), TOLERANCE * scale);
            assertArrayEquals(whole.squares(), s.squares(), TOLERANCE * scale);
            assertEquals(whole.logLikelihood(), s.logLikelihood(),
                    TOLERANCE * Math.max(1, Math.abs(whole.logLikelihood()) * 10));
        }
    }

    /** A mixture at the given means with random weights and axis variances, for one pass with statistics. */
    private static EmParameters parameters(CovarianceType type, int k, int d, double[] means, Random random) {
        double[] w = new double[k];
        double sum = 0;
        for (int c = 0; c < k; c++) {
            w[c] = 0.2 + random.nextDouble();
            sum += w[c];
        }
        double[][][] cov = new double[k][d][d];
        for (int c = 0; c < k; c++) {
            w[c] /= sum;
            double s = 5 + random.nextDouble() * 50;
            for (int j = 0; j < d; j++) {
                cov[c][j][j] = type == CovarianceType.SPHERICAL ? s : 5 + random.nextDouble() * 50;
            }
            if (type == CovarianceType.FULL && d > 1) {
                cov[c][0][1] = cov[c][1][0] = 0.3 * Math.sqrt(cov[c][0][0] * cov[c][1][1]);
            }
        }
        double[] columnMean = new double[d];
        for (int j = 0; j < d; j++) {
            columnMean[j] = random.nextGaussian() * 10;
        }
        return new EmParameters(Mixture.of(type, w, means, cov, d), columnMean, 1, true);
    }

    private static EmStats stats(EmParameters p, double[] x, int from, int to, int d, double[] centres, int k,
            CovarianceType type) {
        double[] rows = Arrays.copyOfRange(x, from * d, to * d);
        return p == null ? EmStats.hard(rows, to - from, centres, k, type)
                : EmStats.accumulate(p, rows, to - from, from);
    }

    private static EmStats mergeAll(List<EmStats> parts, int k, int d, CovarianceType type) {
        EmStats total = EmStats.empty(k, d, type);
        for (EmStats s : parts) {
            total.merge(s);
        }
        return total;
    }

    /** Sum of the absolute terms of the largest statistic (squared distances to the farthest reference point). */
    private static double scale(double[] x, int n, int d, double[] centres, int k) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double far = 0;
            for (int c = 0; c < k; c++) {
                double q = 0;
                for (int j = 0; j < d; j++) {
                    double t = Math.abs(x[i * d + j]) + 200 + Math.abs(centres[c * d + j]);
                    q += t * t;
                }
                far = Math.max(far, q);
            }
            s += far;
        }
        return Math.max(1, s);
    }

    private static void assertBitIdentical(EmStats a, EmStats b) {
        assertEquals(a.rows(), b.rows());
        assertArrayEquals(a.worstRows(), b.worstRows());
        assertArrayEquals(a.responsibilities(), b.responsibilities());
        assertArrayEquals(a.sums(), b.sums());
        assertArrayEquals(a.squares(), b.squares());
        assertEquals(a.logLikelihood(), b.logLikelihood());
    }
}
