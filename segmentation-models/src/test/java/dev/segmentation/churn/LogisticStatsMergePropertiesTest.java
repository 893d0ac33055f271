package dev.segmentation.churn;

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
 * The merges of the logistic seam (LogisticStats per pass, LogisticMoments for the standardization): chunks cut
 * at multiples of 64 rows and merged in any order or grouping agree with the statistics of all rows at once to
 * 1e-12 of the sum of the absolute terms; merged in a fixed order they are reproducible bit for bit; an empty
 * chunk (the identity) changes nothing; counts are exact.
 */
class LogisticStatsMergePropertiesTest {
    private static final double TOLERANCE = 1e-12;

    /** Random rows, labels and weights. */
    private record Data(double[] x, byte[] y, double[] w, int n, int p) {
        static Data random(Random random, int n, int p) {
            double[] x = new double[n * p];
            byte[] y = new byte[n];
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) {
                    x[i * p + j] = random.nextGaussian() * (1 + j) + random.nextInt(3) * 5;
                }
                y[i] = (byte) random.nextInt(2);
                w[i] = 0.25 + random.nextDouble() * 2;
            }
            return new Data(x, y, w, n, p);
        }
    }

    /** Contiguous chunks starting at multiples of 64 rows (some possibly empty): their first rows, then n. */
    private static int[] cuts(Random random, int n, int chunks) {
        int[] cuts = new int[chunks + 1];
        cuts[chunks] = n;
        for (int c = 1; c < chunks; c++) {
            cuts[c] = Math.min(n, random.nextInt(n / 64 + 1) * 64);
        }
        Arrays.sort(cuts, 1, chunks);
        return cuts;
    }

    @Property(tries = 200)
    void statsMergeIsOrderIndependentAssociativeAndEmptyChunksChangeNothing(
            @ForAll @IntRange(min = 1, max = 700) int n, @ForAll @IntRange(min = 1, max = 8) int chunks,
            @ForAll @IntRange(min = 1, max = 6) int p, @ForAll boolean hessian, @ForAll boolean weighted,
            @ForAll long seed) {
        Random random = new Random(seed);
        Data d = Data.random(random, n, p);
        double[] theta = new double[p + 1];
        double[] mean = new double[p];
        double[] invSd = new double[p];
        for (int j = 0; j <= p; j++) {
            theta[j] = random.nextGaussian();
        }
        for (int j = 0; j < p; j++) {
            mean[j] = random.nextGaussian() * 3;
            invSd[j] = 0.2 + random.nextDouble();
        }
        LogisticPass pass = LogisticPass.at(theta, mean, invSd, hessian, "test");
        double[] w = weighted ? d.w() : null;
        LogisticStats whole = LogisticStats.accumulate(pass, d.x(), d.y(), w, 0, 0, n);
        int[] cuts = cuts(random, n, chunks);
        List<LogisticStats> parts = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            int from = cuts[c];
            int m = cuts[c + 1] - from;
            // half the chunks as copies (offset 0), half in place (offset = first row)
            if (c % 2 == 0) {
                parts.add(LogisticStats.accumulate(pass, Arrays.copyOfRange(d.x(), from * p, (from + m) * p),
                        Arrays.copyOfRange(d.y(), from, from + m), w == null ? null : Arrays.copyOfRange(w, from,
                        from + m), 0, from, m));
            } else {
                parts.add(LogisticStats.accumulate(pass, d.x(), d.y(), w, from, from, m));
            }
        }
        LogisticStats inOrder = mergeAll(pass, parts);
        assertEquals(inOrder, mergeAll(pass, parts), "the same order gives the same bits");
        List<LogisticStats> shuffled = new ArrayList<>(parts);
        Collections.shuffle(shuffled, random);
        shuffled.add(random.nextInt(shuffled.size() + 1), LogisticStats.empty(pass));
        LogisticStats reordered = mergeAll(pass, shuffled);
        LogisticStats tail = LogisticStats.empty(pass);
        for (int c = 1; c < parts.size(); c++) {
            tail.merge(parts.get(c));
        }
        LogisticStats grouped = LogisticStats.empty(pass).merge(parts.get(0)).merge(tail);
        double scale = scale(d, w, pass);
        for (LogisticStats s : List.of(inOrder, reordered, grouped)) {
            assertEquals(whole.loss(), s.loss(), TOLERANCE * scale);
            assertArrayEquals(whole.gradientSums(), s.gradientSums(), TOLERANCE * scale);
            if (hessian) {
                assertArrayEquals(whole.hessian(), s.hessian(), TOLERANCE * scale);
            }
            assertEquals(whole.extremeRows(), s.extremeRows());
        }
        assertEquals(inOrder, mergeAll(pass, parts).merge(LogisticStats.empty(pass)));
    }

    @Property(tries = 200)
    void momentsMergeIsOrderIndependentAndEmptyChunksChangeNothing(@ForAll @IntRange(min = 1, max = 700) int n,
            @ForAll @IntRange(min = 1, max = 8) int chunks, @ForAll @IntRange(min = 1, max = 6) int p,
            @ForAll boolean weighted, @ForAll long seed) {
        Random random = new Random(seed);
        Data d = Data.random(random, n, p);
        double[] sw = weighted ? d.w() : null;
        List<String> names = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            names.add("c" + j);
        }
        double[] rw = LogisticPass.rowWeights(d.y(), sw, 0.5, 2.0);
        LogisticMoments whole = LogisticMoments.accumulate(d.x(), p, d.y(), sw, rw, 0, 0, n, names);
        int[] cuts = cuts(random, n, chunks);
        List<LogisticMoments> parts = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            parts.add(LogisticMoments.accumulate(d.x(), p, d.y(), sw, rw, cuts[c], cuts[c], cuts[c + 1] - cuts[c],
                    names));
        }
        LogisticMoments inOrder = mergeMoments(p, parts);
        List<LogisticMoments> shuffled = new ArrayList<>(parts);
        Collections.shuffle(shuffled, random);
        shuffled.add(random.nextInt(shuffled.size() + 1), LogisticMoments.empty(p));
        LogisticMoments reordered = mergeMoments(p, shuffled);
        double s = 0;
        for (double v : d.x()) {
            s += v * v + Math.abs(v);
        }
        double scale = Math.max(1, s) * (weighted ? 3 : 1);
        for (LogisticMoments m : List.of(inOrder, reordered)) {
            assertEquals(whole.rows(), m.rows());
            assertEquals(whole.weight(), m.weight(), TOLERANCE * scale);
            assertArrayEquals(whole.means(), m.means(), TOLERANCE * scale);
            assertArrayEquals(whole.centredSquares(), m.centredSquares(), TOLERANCE * scale);
        }
        LogisticMoments again = mergeMoments(p, parts).merge(LogisticMoments.empty(p));
        assertArrayEquals(inOrder.means(), again.means());
        assertArrayEquals(inOrder.centredSquares(), again.centredSquares());
        assertEquals(inOrder.weight(), again.weight());
    }

    private static LogisticStats mergeAll(LogisticPass pass, List<LogisticStats> parts) {
        LogisticStats total = LogisticStats.empty(pass);
        for (LogisticStats s : parts) {
            total.merge(s);
        }
        return total;
    }

    private static LogisticMoments mergeMoments(int p, List<LogisticMoments> parts) {
        LogisticMoments total = LogisticMoments.empty(p);
        for (LogisticMoments m : parts) {
            total.merge(m);
        }
        return total;
    }

    /** A bound of the sum of the absolute terms of every statistic: sum_i w_i (1 + |eta_i| + |z_i|_1)^2. */
    private static double scale(Data d, double[] w, LogisticPass pass) {
        int p = d.p();
        double s = 0;
        for (int i = 0; i < d.n(); i++) {
            double eta = Math.abs(pass.theta[0]);
            double norm = 1;
            for (int j = 0; j < p; j++) {
                double v = d.x()[i * p + j];
                double z = Math.abs((v - pass.mean[j]) * pass.invSd[j]);
                norm += Math.abs(v) + z;
                eta += Math.abs(pass.theta[j + 1]) * z;
            }
            double t = norm + eta;
            s += (w == null ? 1 : w[i]) * t * t;
        }
        return Math.max(1, s);
    }
}
