package dev.segmentation.cluster;

import dev.segmentation.features.FeatureMatrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Test data: golden values from golden.py, its blobs.csv, and seeded Gaussian blobs with known labels. */
final class TestData {
    /** Relative tolerance for values that scikit-learn and this library compute by the same exact formulas. */
    static final double EXACT = 1e-10;
    /** Relative tolerance for EM parameters after several iterations (different but exact algebra). */
    static final double EM = 1e-8;

    private TestData() {
    }

    /** Golden values printed by golden.py (scikit-learn 1.2.1), by key. */
    static Map<String, double[]> golden() {
        return goldenFile("golden.txt");
    }

    /** Values printed by one of the golden scripts, by key. */
    static Map<String, double[]> goldenFile(String resource) {
        Map<String, double[]> out = new HashMap<>();
        for (String line : lines(resource)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] parts = line.trim().split("\\s+");
            double[] v = new double[parts.length - 1];
            for (int i = 1; i < parts.length; i++) {
                v[i - 1] = parts[i].equals("True") ? 1 : parts[i].equals("False") ? 0 : Double.parseDouble(parts[i]);
            }
            out.put(parts[0], v);
        }
        return out;
    }

    static double golden(Map<String, double[]> g, String key) {
        double[] v = g.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no golden value " + key);
        }
        return v[0];
    }

    /** The 90 x 3 matrix of blobs.csv. */
    static FeatureMatrix blobsCsv() {
        List<String> rows = lines("blobs.csv");
        double[] data = new double[(rows.size() - 1) * 3];
        for (int i = 1; i < rows.size(); i++) {
            String[] p = rows.get(i).split(",");
            for (int j = 0; j < 3; j++) {
                data[(i - 1) * 3 + j] = Double.parseDouble(p[j]);
            }
        }
        return FeatureMatrix.of(List.of("a", "b", "c"), rows.size() - 1, data);
    }

    /** The generating blob of each row of blobs.csv. */
    static int[] blobsCsvLabels() {
        List<String> rows = lines("blobs.csv");
        int[] out = new int[rows.size() - 1];
        for (int i = 1; i < rows.size(); i++) {
            out[i - 1] = Integer.parseInt(rows.get(i).split(",")[3]);
        }
        return out;
    }

    private static List<String> lines(String resource) {
        try (InputStream in = TestData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> out = new ArrayList<>();
            for (String s = r.readLine(); s != null; s = r.readLine()) {
                out.add(s);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gaussian blobs with known membership. */
    static final class Blobs {
        final FeatureMatrix x;
        final int[] truth;

        Blobs(FeatureMatrix x, int[] truth) {
            this.x = x;
            this.truth = truth;
        }
    }

    /** Draws for one centre before the centres so far are dropped and drawn again (they may leave no room). */
    static final int MAX_PLACEMENT_TRIES = 10_000;

    /**
     * k spherical Gaussian blobs of standard deviation sd in d dimensions, with centres drawn uniformly in
     * [-spread, spread]^d at least minSeparation apart, perRow rows each, rows shuffled.
     */
    static Blobs blobs(int k, int d, int perBlob, double sd, double spread, double minSeparation, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] centres = new double[k][d];
        for (int c = 0; c < k; c++) {
            boolean ok;
            int tries = 0;
            do {
                for (int j = 0; j < d; j++) {
                    centres[c][j] = (rng.nextDouble() * 2 - 1) * spread;
                }
                ok = true;
                for (int q = 0; q < c && ok; q++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        double t = centres[c][j] - centres[q][j];
                        s += t * t;
                    }
                    ok = Math.sqrt(s) >= minSeparation;
                }
            } while (!ok && ++tries < MAX_PLACEMENT_TRIES);
            if (!ok) {
                // the centres drawn so far leave no room for this one (e.g. k = 5 in one dimension): start over
                c = -1;
            }
        }
        int n = k * perBlob;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double[] data = new double[n * d];
        int[] truth = new int[n];
        for (int r = 0; r < n; r++) {
            int c = order[r] / perBlob;
            truth[r] = c;
            for (int j = 0; j < d; j++) {
                data[r * d + j] = centres[c][j] + sd * gaussian(rng);
            }
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            names.add("f" + j);
        }
        return new Blobs(FeatureMatrix.of(names, n, data), truth);
    }

    static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    /** n x d uniform [0, 1) values. */
    static FeatureMatrix uniform(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] data = new double[n * d];
        for (int i = 0; i < data.length; i++) {
            data[i] = rng.nextDouble();
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            names.add("u" + j);
        }
        return FeatureMatrix.of(names, n, data);
    }

    /** Squared Euclidean distance between row i of x and centre c. */
    static double dist2(FeatureMatrix x, int i, double[] c) {
        double s = 0;
        for (int j = 0; j < c.length; j++) {
            double t = x.get(i, j) - c[j];
            s += t * t;
        }
        return s;
    }

    /** Brute-force inertia of the centres on x (each row to its nearest centre). */
    static double inertia(FeatureMatrix x, double[][] centres) {
        double total = 0;
        for (int i = 0; i < x.rows(); i++) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] c : centres) {
                best = Math.min(best, dist2(x, i, c));
            }
            total += best;
        }
        return total;
    }

    static void assertRelative(double expected, double actual, double rel, String what) {
        double tol = rel * Math.max(1e-300, Math.abs(expected));
        if (!(Math.abs(expected - actual) <= tol)) {
            throw new AssertionError(what + ": expected " + expected + " within " + rel + " relative, found "
                    + actual + " (relative error " + Math.abs(expected - actual) / Math.abs(expected) + ")");
        }
    }
}
