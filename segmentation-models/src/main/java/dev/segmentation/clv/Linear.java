package dev.segmentation.clv;

/** Small dense symmetric positive-definite solves by Cholesky (a handful of parameters only). */
final class Linear {
    private Linear() {
    }

    /** Cholesky factor L (lower) of a symmetric matrix, or null if it is not positive definite. */
    static double[][] cholesky(double[][] a) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0) || !Double.isFinite(s)) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    /** Solves A x = b for symmetric positive-definite A; null if A is not. */
    static double[] solveSpd(double[][] a, double[] b) {
        double[][] l = cholesky(a);
        if (l == null) {
            return null;
        }
        int d = b.length;
        double[] y = new double[d];
        for (int i = 0; i < d; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[d];
        for (int i = d - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < d; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    /** The inverse of a symmetric positive-definite matrix, or null if it is not positive definite. */
    static double[][] inverseSpd(double[][] a) {
        int d = a.length;
        double[][] inv = new double[d][d];
        for (int j = 0; j < d; j++) {
            double[] e = new double[d];
            e[j] = 1;
            double[] col = solveSpd(a, e);
            if (col == null) {
                return null;
            }
            for (int i = 0; i < d; i++) {
                inv[i][j] = col[i];
            }
        }
        return inv;
    }
}
