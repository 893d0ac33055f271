package dev.segmentation.cluster;

import dev.segmentation.InvalidDataException;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.internal.Internals;
import dev.segmentation.internal.ParamChecks;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Clustering quality: internal measures of a partition of a feature matrix (silhouette, Calinski-Harabasz,
 * Davies-Bouldin) and external agreement with ground truth (adjusted Rand index, normalized mutual
 * information). Definitions and edge cases follow scikit-learn 1.2's {@code sklearn.metrics}, against which the
 * tests check golden values. Distances are Euclidean.
 *
 * <p>Labels are any ints (they are only compared for equality). All methods are pure and thread-safe and do not
 * modify their arguments.
 */
public final class ClusterQuality {
    /** The largest silhouette table of distance sums, rows x distinct labels: the largest safe array length. */
    static final int MAX_SUMS = Integer.MAX_VALUE - 8;

    private ClusterQuality() {
    }

    /**
     * Returns the mean silhouette coefficient over all rows (Rousseeuw 1987): for row i with mean distance
     * {@code a} to the other rows of its cluster and smallest mean distance {@code b} to the rows of another
     * cluster, {@code s_i = (b - a) / max(a, b)}, and 0 for a row alone in its cluster. In [-1, 1]; higher is
     * better. Exact, O(n^2 d) time and O(n L) memory for L labels.
     *
     * @param x the rows. Not modified.
     * @param labels the cluster of each row. Not modified.
     * @return the mean silhouette
     * @throws InvalidDataException if the lengths differ ("labels: length must be 100, found 99"), the number of
     *     distinct labels is not in [2, n - 1], or x holds a non-finite value
     */
    public static double silhouette(FeatureMatrix x, int[] labels) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(labels, "labels");
        checkMatrix(x, labels);
        int n = x.rows();
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return silhouetteOf(Internals.data(x), x.columns(), labels, rows);
    }

    /**
     * Returns the silhouette of a random sample of rows, as scikit-learn's {@code silhouette_score(X, labels,
     * sample_size=m, random_state=seed)}: m rows are drawn without replacement and the exact silhouette of that
     * sub-matrix is returned, in O(m^2 d). When {@code sampleSize >= n} this is the exact silhouette.
     *
     * @param x the rows. Not modified.
     * @param labels the cluster of each row. Not modified.
     * @param sampleSize the number of rows m, {@code >= 2}
     * @param seed the seed of the draw
     * @return the sample's mean silhouette
     * @throws IllegalArgumentException "sampleSize must be >= 2, found 1"
     * @throws InvalidDataException as {@link #silhouette(FeatureMatrix, int[])}, for the sample
     */
    public static double silhouette(FeatureMatrix x, int[] labels, int sampleSize, long seed) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(labels, "labels");
        ParamChecks.atLeast("sampleSize", sampleSize, 2);
        int n = x.rows();
        if (sampleSize >= n) {
            return silhouette(x, labels);
        }
        checkLength(x, labels);
        DataChecks.requireMatrix(x, x.columns());
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < sampleSize; i++) {
            int j = i + rng.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] rows = Arrays.copyOf(perm, sampleSize);
        Arrays.sort(rows);
        int[] sub = new int[sampleSize];
        for (int i = 0; i < sampleSize; i++) {
            sub[i] = labels[rows[i]];
        }
        checkLabelCount(dense(sub).count, sampleSize);
        return silhouetteOf(Internals.data(x), x.columns(), labels, rows);
    }

    private static double silhouetteOf(double[] a, int d, int[] allLabels, int[] rows) {
        int m = rows.length;
        int[] lab = new int[m];
        for (int i = 0; i < m; i++) {
            lab[i] = allLabels[rows[i]];
        }
        Dense dl = dense(lab);
        int cl = dl.count;
        int[] l = dl.ids;
        long[] size = new long[cl];
        for (int v : l) {
            size[v]++;
        }
        if ((long) m * cl > MAX_SUMS) {
            // the m x L table of distance sums must fit one array (it overflowed int silently before)
            throw new InvalidDataException("labels: rows x distinct labels must be <= " + MAX_SUMS + ", found " + m
                    + " x " + cl + " = " + (long) m * cl + "; pass a smaller sampleSize", -1, null, null);
        }
        double[] sums = new double[m * cl];
        for (int i = 0; i < m; i++) {
            int oi = rows[i] * d;
            int li = l[i];
            for (int j = i + 1; j < m; j++) {
                double dist = Math.sqrt(LloydKernels.distance2(a, oi, a, rows[j] * d, d));
                sums[i * cl + l[j]] += dist;
                sums[j * cl + li] += dist;
            }
        }
        double total = 0;
        for (int i = 0; i < m; i++) {
            int own = l[i];
            if (size[own] <= 1) {
                continue;
            }
            double intra = sums[i * cl + own] / (size[own] - 1);
            double inter = Double.POSITIVE_INFINITY;
            for (int c = 0; c < cl; c++) {
                if (c != own) {
                    inter = Math.min(inter, sums[i * cl + c] / size[c]);
                }
            }
            double den = Math.max(intra, inter);
            total += den > 0 ? (inter - intra) / den : 0;
        }
        return total / m;
    }

    /**
     * Returns the Calinski-Harabasz index (variance ratio criterion, Calinski and Harabasz 1974):
     * {@code [tr(B) / (L - 1)] / [tr(W) / (n - L)]} with B and W the between- and within-cluster scatter; higher
     * is better; 1 when every cluster is a single point repeated (W = 0), as scikit-learn.
     *
     * @param x the rows. Not modified.
     * @param labels the cluster of each row. Not modified.
     * @return the index
     * @throws InvalidDataException as {@link #silhouette(FeatureMatrix, int[])}
     */
    public static double calinskiHarabasz(FeatureMatrix x, int[] labels) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(labels, "labels");
        Dense dl = checkMatrix(x, labels);
        int n = x.rows();
        int d = x.columns();
        double[] a = Internals.data(x);
        int cl = dl.count;
        double[] means = new double[cl * d];
        long[] size = new long[cl];
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            int c = dl.ids[i];
            size[c]++;
            for (int j = 0; j < d; j++) {
                means[c * d + j] += a[i * d + j];
                mean[j] += a[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (int c = 0; c < cl; c++) {
            for (int j = 0; j < d; j++) {
                means[c * d + j] /= size[c];
            }
        }
        double extra = 0;
        for (int c = 0; c < cl; c++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double t = means[c * d + j] - mean[j];
                s += t * t;
            }
            extra += size[c] * s;
        }
        double intra = 0;
        for (int i = 0; i < n; i++) {
            intra += LloydKernels.distance2(a, i * d, means, dl.ids[i] * d, d);
        }
        return intra == 0 ? 1.0 : extra * (n - cl) / (intra * (cl - 1.0));
    }

    /**
     * Returns the Davies-Bouldin index (Davies and Bouldin 1979): the mean over clusters of
     * {@code max_{j != i} (s_i + s_j) / ||c_i - c_j||}, with {@code s_i} the mean distance of cluster i's rows
     * to its centroid {@code c_i}; lower is better, 0 at best (and 0 when all {@code s_i} or all centroid
     * distances are within 1e-8 of 0, as scikit-learn).
     *
     * @param x the rows. Not modified.
     * @param labels the cluster of each row. Not modified.
     * @return the index
     * @throws InvalidDataException as {@link #silhouette(FeatureMatrix, int[])}
     */
    public static double daviesBouldin(FeatureMatrix x, int[] labels) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(labels, "labels");
        Dense dl = checkMatrix(x, labels);
        int n = x.rows();
        int d = x.columns();
        double[] a = Internals.data(x);
        int cl = dl.count;
        double[] cent = new double[cl * d];
        long[] size = new long[cl];
        for (int i = 0; i < n; i++) {
            int c = dl.ids[i];
            size[c]++;
            for (int j = 0; j < d; j++) {
                cent[c * d + j] += a[i * d + j];
            }
        }
        for (int c = 0; c < cl; c++) {
            for (int j = 0; j < d; j++) {
                cent[c * d + j] /= size[c];
            }
        }
        double[] intra = new double[cl];
        for (int i = 0; i < n; i++) {
            int c = dl.ids[i];
            intra[c] += Math.sqrt(LloydKernels.distance2(a, i * d, cent, c * d, d));
        }
        boolean intraZero = true;
        for (int c = 0; c < cl; c++) {
            intra[c] /= size[c];
            intraZero &= Math.abs(intra[c]) <= 1e-8;
        }
        double[] dist = new double[cl * cl];
        boolean centZero = true;
        for (int p = 0; p < cl; p++) {
            for (int q = 0; q < cl; q++) {
                double v = Math.sqrt(LloydKernels.distance2(cent, p * d, cent, q * d, d));
                dist[p * cl + q] = v;
                centZero &= v <= 1e-8;
            }
        }
        if (intraZero || centZero) {
            return 0.0;
        }
        double total = 0;
        for (int p = 0; p < cl; p++) {
            double worst = 0;
            for (int q = 0; q < cl; q++) {
                double den = dist[p * cl + q];
                if (den == 0) {
                    continue;
                }
                worst = Math.max(worst, (intra[p] + intra[q]) / den);
            }
            total += worst;
        }
        return total / cl;
    }

    /**
     * Returns the adjusted Rand index of two partitions (Hubert and Arabie 1985), in scikit-learn's pair-counting
     * form {@code 2 (tp tn - fn fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn))}: 1 for identical partitions (up
     * to renaming), about 0 for independent ones, and 1 when there are no disagreeing pairs.
     *
     * @param truth the reference labels. Not modified.
     * @param predicted the labels to score, same length. Not modified.
     * @return the ARI
     * @throws InvalidDataException "predicted: length must be 100, found 99"
     */
    public static double adjustedRandIndex(int[] truth, int[] predicted) {
        Contingency t = contingency(truth, predicted);
        return adjustedRandIndex(t.n, t.cells, t.cellRow, t.cellCol, t.rowSum, t.colSum);
    }

    /**
     * The ARI from a sparse contingency table. The pair counts are exact {@code long}s: every sum is at most
     * {@code n^2 < 2^62} for any {@code n} an {@code int[]} can hold (doubles lost exactness past
     * {@code n^2 = 2^53}, about 9.5e7 rows); only the final ratio is computed in double.
     */
    static double adjustedRandIndex(long n, long[] cells, int[] cellRow, int[] cellCol, long[] rowSum,
            long[] colSum) {
        long sumSquares = 0;
        for (long v : cells) {
            sumSquares += v * v;
        }
        long rowDot = 0;
        for (int i = 0; i < cells.length; i++) {
            rowDot += cells[i] * colSum[cellCol[i]];
        }
        long colDot = 0;
        for (int i = 0; i < cells.length; i++) {
            colDot += cells[i] * rowSum[cellRow[i]];
        }
        long tp = sumSquares - n;
        long fp = rowDot - sumSquares;
        long fn = colDot - sumSquares;
        long tn = n * n - fp - fn - sumSquares;
        if (fn == 0 && fp == 0) {
            return 1.0;
        }
        double dtp = tp;
        double dfp = fp;
        double dfn = fn;
        double dtn = tn;
        return 2.0 * (dtp * dtn - dfn * dfp) / ((dtp + dfn) * (dfn + dtn) + (dtp + dfp) * (dfp + dtn));
    }

    /**
     * Returns the normalized mutual information of two partitions with the arithmetic-mean normalizer,
     * {@code I(U; V) / ((H(U) + H(V)) / 2)} (Strehl and Ghosh 2002; scikit-learn's default), natural logarithms:
     * 1 for identical partitions (also when both have a single cluster), 0 for independent ones.
     *
     * @param truth the reference labels. Not modified.
     * @param predicted the labels to score, same length. Not modified.
     * @return the NMI, in [0, 1]
     * @throws InvalidDataException "predicted: length must be 100, found 99"
     */
    public static double normalizedMutualInformation(int[] truth, int[] predicted) {
        Contingency t = contingency(truth, predicted);
        if (t.rowSum.length == t.colSum.length && (t.rowSum.length == 1 || t.rowSum.length == 0)) {
            return 1.0;
        }
        double n = t.n;
        double mi = 0;
        for (int i = 0; i < t.cells.length; i++) {
            double nij = t.cells[i];
            double term = nij / n * (Math.log(nij) + Math.log(n) - Math.log((double) t.rowSum[t.cellRow[i]])
                    - Math.log((double) t.colSum[t.cellCol[i]]));
            mi += Math.abs(term) < 0x1p-52 ? 0 : term;
        }
        mi = Math.max(0, mi);
        if (mi == 0) {
            return 0.0;
        }
        double hu = entropy(t.rowSum, n);
        double hv = entropy(t.colSum, n);
        double normalizer = Math.max((hu + hv) / 2, 0x1p-52);
        return mi / normalizer;
    }

    private static double entropy(long[] counts, double n) {
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = c / n;
                h -= p * (Math.log((double) c) - Math.log(n));
            }
        }
        return h;
    }

    /** Sparse contingency table of two labelings. */
    private static final class Contingency {
        long n;
        long[] rowSum;
        long[] colSum;
        long[] cells;
        int[] cellRow;
        int[] cellCol;
    }

    private static Contingency contingency(int[] truth, int[] predicted) {
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(predicted, "predicted");
        if (predicted.length != truth.length) {
            throw new InvalidDataException("predicted: length must be " + truth.length + ", found "
                    + predicted.length, -1, null, null);
        }
        int n = truth.length;
        Dense a = dense(truth);
        Dense b = dense(predicted);
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = (long) a.ids[i] * b.count + b.ids[i];
        }
        Arrays.sort(keys);
        int cellsCount = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) {
                cellsCount++;
            }
        }
        Contingency t = new Contingency();
        t.n = n;
        t.rowSum = new long[a.count];
        t.colSum = new long[b.count];
        t.cells = new long[cellsCount];
        t.cellRow = new int[cellsCount];
        t.cellCol = new int[cellsCount];
        int cell = -1;
        for (int i = 0; i < n; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) {
                cell++;
                t.cellRow[cell] = (int) (keys[i] / b.count);
                t.cellCol[cell] = (int) (keys[i] % b.count);
            }
            t.cells[cell]++;
        }
        for (int i = 0; i < cellsCount; i++) {
            t.rowSum[t.cellRow[i]] += t.cells[i];
            t.colSum[t.cellCol[i]] += t.cells[i];
        }
        return t;
    }

    /** Labels renamed to 0..count-1 in increasing order of the original values. */
    private static final class Dense {
        final int[] ids;
        final int count;

        Dense(int[] ids, int count) {
            this.ids = ids;
            this.count = count;
        }
    }

    private static Dense dense(int[] labels) {
        int[] sorted = labels.clone();
        Arrays.sort(sorted);
        int u = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[u++] = sorted[i];
            }
        }
        int[] ids = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            ids[i] = Arrays.binarySearch(sorted, 0, u, labels[i]);
        }
        return new Dense(ids, u);
    }

    private static void checkLength(FeatureMatrix x, int[] labels) {
        if (labels.length != x.rows()) {
            throw new InvalidDataException("labels: length must be " + x.rows() + ", found " + labels.length, -1,
                    null, null);
        }
    }

    private static void checkLabelCount(int count, int n) {
        if (count < 2 || count > n - 1) {
            throw new InvalidDataException("labels: distinct labels must be in [2, n - 1 = " + (n - 1) + "], found "
                    + count, -1, null, null);
        }
    }

    private static Dense checkMatrix(FeatureMatrix x, int[] labels) {
        checkLength(x, labels);
        DataChecks.requireMatrix(x, x.columns());
        Dense dl = dense(labels);
        checkLabelCount(dl.count, x.rows());
        return dl;
    }
}
