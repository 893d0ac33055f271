package dev.segmentation.cluster;

import java.util.Arrays;

/**
 * Sufficient statistics of one EM pass over a chunk of rows, about reference means {@code m0_c} (the means of
 * the parameters the E-step used): per component {@code N_c = sum r_ic}, {@code S1_c = sum r_ic (x_i - m0_c)}
 * and {@code S2_c = sum r_ic (x_i - m0_c)(x_i - m0_c)^T} (packed lower triangle for full covariances, the
 * diagonal otherwise), the log-likelihood {@code sum log p(x_i)}, and the rows with the lowest likelihood (to
 * re-seed an empty component). Centring on the previous means keeps the one-pass covariance
 * {@code S2/N - (S1/N)(S1/N)^T} free of cancellation. Partials {@link #merge merge} associatively, in chunk order.
 *
 * <p>Mutable and not thread-safe: each chunk owns one instance.
 */
final class EmStats {
    final int k;
    final int d;
    final int s2len;
    final double[] n;
    final double[] s1;
    final double[] s2;
    double logLikelihood;
    /** The rows with the lowest log-density, ascending; worstRow[i] = -1 when unused. */
    final double[] worstValue;
    final int[] worstRow;

    EmStats(int k, int d, CovarianceType type) {
        this.k = k;
        this.d = d;
        this.s2len = type == CovarianceType.FULL ? d * (d + 1) / 2 : d;
        this.n = new double[k];
        this.s1 = new double[k * d];
        this.s2 = new double[k * s2len];
        this.worstValue = new double[k];
        this.worstRow = new int[k];
        clear();
    }

    void clear() {
        Arrays.fill(n, 0.0);
        Arrays.fill(s1, 0.0);
        Arrays.fill(s2, 0.0);
        logLikelihood = 0;
        Arrays.fill(worstValue, Double.POSITIVE_INFINITY);
        Arrays.fill(worstRow, -1);
    }

    /** Offers a row's log-density to the list of worst rows (ties keep the lower row, as rows come in order). */
    void offerWorst(int row, double value) {
        if (!(value < worstValue[k - 1])) {
            return;
        }
        int pos = k - 1;
        while (pos > 0 && worstValue[pos - 1] > value) {
            worstValue[pos] = worstValue[pos - 1];
            worstRow[pos] = worstRow[pos - 1];
            pos--;
        }
        worstValue[pos] = value;
        worstRow[pos] = row;
    }

    /** Adds {@code other} into this. */
    void merge(EmStats other) {
        for (int i = 0; i < n.length; i++) {
            n[i] += other.n[i];
        }
        for (int i = 0; i < s1.length; i++) {
            s1[i] += other.s1[i];
        }
        for (int i = 0; i < s2.length; i++) {
            s2[i] += other.s2[i];
        }
        logLikelihood += other.logLikelihood;
        for (int i = 0; i < k && other.worstRow[i] >= 0; i++) {
            offerWorst(other.worstRow[i], other.worstValue[i]);
        }
    }
}
