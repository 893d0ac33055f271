package dev.segmentation.cluster;

import dev.segmentation.InvalidDataException;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.internal.Internals;

/** Validation of the data handed to the clustering trainers and models; messages are part of the API. */
final class DataChecks {
    /**
     * The largest magnitude accepted: squared distances between such values (summed over up to millions of
     * columns) stay finite, so the nearest centre is always well defined instead of inf - inf = NaN.
     */
    static final double MAX_ABS = 1e150;

    private DataChecks() {
    }

    /** True for a finite value of magnitude at most {@link #MAX_ABS}; false for NaN and infinities too. */
    private static boolean usable(double v) {
        return Math.abs(v) <= MAX_ABS;
    }

    /** The constraint an unusable value breaks. */
    private static String constraint(double v) {
        return Double.isFinite(v) ? "at most " + MAX_ABS + " in magnitude" : "finite";
    }

    /**
     * Checks that x has rows and only finite values, and returns a fingerprint of its values (provenance).
     *
     * @throws InvalidDataException "x: rows must be >= 1, found 0", or
     *     "row 3, column b: value must be finite, found NaN"
     */
    static long requireUsable(FeatureMatrix x) {
        if (x.rows() == 0) {
            throw new InvalidDataException("x: rows must be >= 1, found 0", -1, null, null);
        }
        if (x.columns() == 0) {
            throw new InvalidDataException("x: columns must be >= 1, found 0", -1, null, null);
        }
        double[] a = Internals.data(x);
        int d = x.columns();
        long h0 = 0x9E3779B97F4A7C15L;
        long h1 = 0xC2B2AE3D27D4EB4FL;
        int i = 0;
        for (; i + 1 < a.length; i += 2) {
            double u = a[i];
            double v = a[i + 1];
            if (!usable(u) || !usable(v)) {
                int bad = usable(u) ? i + 1 : i;
                throw notFinite(x, bad / d, bad % d, a[bad]);
            }
            h0 = (h0 ^ Double.doubleToLongBits(u)) * 0x100000001B3L;
            h1 = (h1 ^ Double.doubleToLongBits(v)) * 0x100000001B3L;
        }
        if (i < a.length) {
            if (!usable(a[i])) {
                throw notFinite(x, i / d, i % d, a[i]);
            }
            h0 = (h0 ^ Double.doubleToLongBits(a[i])) * 0x100000001B3L;
        }
        long h = h0 * 31 + h1 + a.length;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    static InvalidDataException notFinite(FeatureMatrix x, int row, int col, double value) {
        String name = x.name(col);
        return InvalidDataException.cell(null, row, "row " + row, name, constraint(value), String.valueOf(value));
    }

    /**
     * Checks sample weights and returns a private copy; null stays null (all weights 1).
     *
     * @throws InvalidDataException "weights: length must be 100, found 99" or
     *     "row 4: weight must be finite and > 0, found -1.0"
     */
    static double[] requireWeights(double[] weights, int n) {
        if (weights == null) {
            return null;
        }
        if (weights.length != n) {
            throw new InvalidDataException("weights: length must be " + n + ", found " + weights.length,
                    -1, null, null);
        }
        double[] w = weights.clone();
        for (int i = 0; i < n; i++) {
            if (!(w[i] > 0) || !Double.isFinite(w[i])) {
                throw InvalidDataException.of(null, i, "row " + i, "weight", "finite and > 0", String.valueOf(w[i]));
            }
        }
        return w;
    }

    /**
     * Checks that x holds at least two distinct rows and at least k.
     *
     * @throws InvalidDataException "x: distinct rows must be >= 2, found 1 (all rows are identical)" or
     *     "k must be <= the number of distinct rows (3), found 5"
     */
    static void requireDistinct(double[] x, int n, int d, int k) {
        int need = Math.max(2, k);
        int distinct = distinctRows(x, n, d, need);
        if (distinct < 2) {
            throw new InvalidDataException("x: distinct rows must be >= 2, found 1 (all rows are identical)",
                    -1, null, null);
        }
        if (distinct < k) {
            throw new InvalidDataException("k must be <= the number of distinct rows (" + distinct + "), found " + k,
                    -1, null, null);
        }
    }

    /** Counts distinct rows, stopping as soon as {@code limit} have been found. */
    static int distinctRows(double[] x, int n, int d, int limit) {
        int[] seen = new int[Math.min(limit, n)];
        int count = 0;
        for (int i = 0; i < n && count < limit; i++) {
            int o = i * d;
            boolean fresh = true;
            for (int s = count - 1; s >= 0 && fresh; s--) {
                int p = seen[s] * d;
                boolean same = true;
                for (int j = 0; j < d && same; j++) {
                    same = x[o + j] == x[p + j];
                }
                fresh = !same;
            }
            if (fresh) {
                seen[count++] = i;
            }
        }
        return count;
    }

    /**
     * Checks one row given to a fitted model.
     *
     * @throws InvalidDataException "row: width must be 3, found 4" or
     *     "row, column b: value must be finite, found NaN"
     */
    static void requireRow(double[] row, String[] names) {
        if (row.length != names.length) {
            throw new InvalidDataException("row: width must be " + names.length + ", found " + row.length, -1, null,
                    null);
        }
        for (int j = 0; j < row.length; j++) {
            if (!usable(row[j])) {
                throw InvalidDataException.cell(null, -1, "row", names[j], constraint(row[j]), String.valueOf(row[j]));
            }
        }
    }

    /**
     * Checks a matrix given to a fitted model: same width as the training data, finite values.
     *
     * @throws InvalidDataException "x: columns must be 3, found 4", or the first non-finite value
     */
    static void requireMatrix(FeatureMatrix x, int d) {
        if (x.columns() != d) {
            throw new InvalidDataException("x: columns must be " + d + ", found " + x.columns(), -1, null, null);
        }
        double[] a = Internals.data(x);
        for (int i = 0; i < a.length; i++) {
            if (!usable(a[i])) {
                throw notFinite(x, i / d, i % d, a[i]);
            }
        }
    }

    /**
     * Checks a matrix given to a fitted model against its training columns: same width, the same names in the
     * same order (issue 17: reordered columns silently gave other labels), finite values.
     *
     * @throws InvalidDataException "x: columns must be 3, found 4", "x: columns must be [a, b, c] (the training
     *     columns, in order), found [b, a, c]", or the first non-finite value
     */
    static void requireMatrix(FeatureMatrix x, String[] names) {
        if (x.columns() == names.length) {
            for (int j = 0; j < names.length; j++) {
                if (!names[j].equals(x.name(j))) {
                    throw new InvalidDataException("x: columns must be " + java.util.List.of(names)
                            + " (the training columns, in order), found " + x.names(), -1, x.name(j), null);
                }
            }
        }
        requireMatrix(x, names.length);
    }

    /** Returns the mean over columns of the population variance of each column (scikit-learn's tolerance scale). */
    static double meanVariance(double[] x, int n, int d) {
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int j = 0; j < d; j++) {
                mean[j] += x[o + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double ss = 0;
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int j = 0; j < d; j++) {
                double t = x[o + j] - mean[j];
                ss += t * t;
            }
        }
        return ss / ((double) n * d);
    }
}
