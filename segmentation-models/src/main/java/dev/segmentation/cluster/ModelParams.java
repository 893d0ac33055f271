package dev.segmentation.cluster;

import java.util.Objects;

/** Checks shared by the cluster models' static factories. Package-private: not API. */
final class ModelParams {
    private ModelParams() {
    }

    /**
     * Flattens k >= 1 rows of d finite values.
     *
     * @param param the parameter name, for messages
     * @param rows the rows. Not modified.
     * @param d the row width
     * @return a new row-major k x d array
     * @throws IllegalArgumentException naming the row and column of a bad value
     */
    static double[] rows(String param, double[][] rows, int d) {
        Objects.requireNonNull(rows, param);
        if (rows.length == 0) {
            throw new IllegalArgumentException(param + " must have >= 1 rows, found 0");
        }
        double[] out = new double[rows.length * d];
        for (int c = 0; c < rows.length; c++) {
            double[] r = Objects.requireNonNull(rows[c], param + " element");
            if (r.length != d) {
                throw new IllegalArgumentException(param + "[" + c + "] must have length " + d
                        + " (one per feature), found " + r.length);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(r[j])) {
                    throw new IllegalArgumentException(param + "[" + c + "][" + j + "] must be finite, found " + r[j]);
                }
            }
            System.arraycopy(r, 0, out, c * d, d);
        }
        return out;
    }

    /**
     * Requires k counts {@code >= 0}.
     *
     * @param param the parameter name, for messages
     * @param counts the counts. Not modified.
     * @param k the required length
     * @throws IllegalArgumentException naming the index of a bad value
     */
    static void counts(String param, long[] counts, int k) {
        Objects.requireNonNull(counts, param);
        if (counts.length != k) {
            throw new IllegalArgumentException(param + " must have length " + k + " (one per centroid), found "
                    + counts.length);
        }
        for (int c = 0; c < k; c++) {
            if (counts[c] < 0) {
                throw new IllegalArgumentException(param + "[" + c + "] must be >= 0, found " + counts[c]);
            }
        }
    }
}
