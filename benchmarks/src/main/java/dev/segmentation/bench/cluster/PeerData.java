package dev.segmentation.bench.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Benchmark inputs: the shared peer files, or seeded stand-ins. */
final class PeerData {
    private PeerData() {
    }

    /**
     * Reads {@code dir/X100k.bin} or {@code dir/X1M.bin} (n x d little-endian float64, row-major, written by
     * gen_peer_data.py) when n is 100,000 or 1,000,000 and the file exists; otherwise returns n x d uniform [0, 1)
     * values from a fixed seed (same distribution, not the same bytes).
     */
    static double[] uniform(String dir, int n, int d) {
        String name = n == 100_000 ? "X100k.bin" : n == 1_000_000 ? "X1M.bin" : null;
        Path file = name == null ? null : Path.of(dir, name);
        if (file != null && Files.isRegularFile(file) && d == 8) {
            try {
                byte[] bytes = Files.readAllBytes(file);
                double[] out = new double[n * d];
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        SplittableRandom rng = new SplittableRandom(42);
        double[] out = new double[n * d];
        for (int i = 0; i < out.length; i++) {
            out[i] = rng.nextDouble();
        }
        return out;
    }

    /**
     * k spherical Gaussian segments in d dimensions (centres uniform in [0, 10]^d, unit standard deviation, sizes
     * drawn uniformly, rows in random order), from a fixed seed: clustered data, for measuring the bounds on late
     * iterations.
     */
    static double[] segments(int n, int d, int k) {
        SplittableRandom rng = new SplittableRandom(7);
        double[] centres = new double[k * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = rng.nextDouble() * 10;
        }
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            int c = rng.nextInt(k);
            for (int j = 0; j < d; j++) {
                double u = rng.nextDouble();
                double v = rng.nextDouble();
                out[i * d + j] = centres[c * d + j] + Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
            }
        }
        return out;
    }

    /**
     * Plain k-means++ seeds (one candidate per step) from a fixed seed, so every implementation can start from the
     * same centres.
     */
    static double[][] kMeansPlusPlus(double[] x, int n, int d, int k, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] c = new double[k][];
        int first = rng.nextInt(n);
        c[0] = java.util.Arrays.copyOfRange(x, first * d, first * d + d);
        double[] closest = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            closest[i] = dist2(x, i * d, c[0], d);
            total += closest[i];
        }
        for (int s = 1; s < k; s++) {
            double u = rng.nextDouble() * total;
            int pick = n - 1;
            double acc = 0;
            for (int i = 0; i < n; i++) {
                acc += closest[i];
                if (acc > u) {
                    pick = i;
                    break;
                }
            }
            c[s] = java.util.Arrays.copyOfRange(x, pick * d, pick * d + d);
            total = 0;
            for (int i = 0; i < n; i++) {
                closest[i] = Math.min(closest[i], dist2(x, i * d, c[s], d));
                total += closest[i];
            }
        }
        return c;
    }

    private static double dist2(double[] x, int o, double[] c, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            double t = x[o + j] - c[j];
            s += t * t;
        }
        return s;
    }

    /** Row-major to jagged, for peers that want double[][]. */
    static double[][] rows(double[] x, int n, int d) {
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = java.util.Arrays.copyOfRange(x, i * d, i * d + d);
        }
        return out;
    }
}
