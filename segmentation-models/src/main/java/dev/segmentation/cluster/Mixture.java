package dev.segmentation.cluster;

import dev.segmentation.math.Cholesky;
import java.util.Objects;

/**
 * Parameters of a Gaussian mixture and their log-density, shared by the EM engine and the fitted model.
 *
 * <p>For full covariances the precision is kept as {@code P = L^-1} with {@code Sigma = L L^T} (Cholesky, EJML),
 * lower triangular and packed by rows, so that the squared Mahalanobis distance is {@code ||P (x - mu)||^2} and
 * {@code log det Sigma = -2 sum_j log P_jj} (the form scikit-learn uses, transposed). Immutable once built.
 */
final class Mixture implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    static final double LOG_2PI = Math.log(2 * Math.PI);

    final int k;
    final int d;
    final CovarianceType type;
    final double[] weights;
    final double[] logWeights;
    final double[] means;
    /** FULL: k x d x d covariances; DIAGONAL: k x d variances; SPHERICAL: k variances. */
    final double[] cov;
    /** FULL: packed lower-triangular P per component; DIAGONAL: 1/variance per feature; SPHERICAL: 1/variance. */
    final double[] prec;
    /** log of the normalizing constant per component: -d/2 log 2 pi - 1/2 log det Sigma. */
    final double[] logNorm;
    final int tri;

    Mixture(int k, int d, CovarianceType type, double[] weights, double[] means, double[] cov, double[] prec,
            double[] logNorm) {
        this.k = k;
        this.d = d;
        this.type = type;
        this.weights = weights;
        this.means = means;
        this.cov = cov;
        this.prec = prec;
        this.logNorm = logNorm;
        this.tri = d * (d + 1) / 2;
        this.logWeights = new double[k];
        for (int c = 0; c < k; c++) {
            logWeights[c] = Math.log(weights[c]);
        }
    }

    /** Returns log(weight_c) + log N(x | mu_c, Sigma_c) for the row at x[o..o+d). Allocates nothing. */
    /**
     * Builds a mixture from full d x d covariance matrices (as {@code GaussianMixtureModel.covariances()} returns
     * them), computing the precision factors and normalizing constants exactly as EM does.
     *
     * @throws IllegalArgumentException if a matrix has the wrong shape, is not finite, not symmetric, not of
     *     the given type's structure or not positive definite
     */
    static Mixture of(CovarianceType type, double[] weights, double[] means, double[][][] covariances, int d) {
        int k = weights.length;
        Objects.requireNonNull(covariances, "covariances");
        if (covariances.length != k) {
            throw new IllegalArgumentException("covariances must have length " + k + " (one per component), found "
                    + covariances.length);
        }
        int tri = d * (d + 1) / 2;
        double[] cov = new double[type == CovarianceType.FULL ? k * d * d : type == CovarianceType.DIAGONAL ? k * d
                : k];
        double[] prec = new double[type == CovarianceType.FULL ? k * tri : cov.length];
        double[] logNorm = new double[k];
        for (int c = 0; c < k; c++) {
            double[] a = ModelParams.rows("covariances[" + c + "]", covariances[c], d);
            if (covariances[c].length != d) {
                throw new IllegalArgumentException("covariances[" + c + "] must have " + d + " rows, found "
                        + covariances[c].length);
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double v = a[i * d + j];
                    boolean ok = type == CovarianceType.FULL ? v == a[j * d + i] : i == j ? v > 0
                            && (type == CovarianceType.DIAGONAL || v == a[0]) : v == 0;
                    if (!ok) {
                        throw new IllegalArgumentException("covariances[" + c + "][" + i + "][" + j + "] must fit a "
                                + type + " positive-definite covariance, found " + v);
                    }
                }
            }
            switch (type) {
                case FULL: {
                    double logDetP = precisionCholesky(a, d, prec, c * tri);
                    if (Double.isNaN(logDetP)) {
                        throw new IllegalArgumentException("covariances[" + c
                                + "] must be positive definite, found a failed Cholesky factorization");
                    }
                    System.arraycopy(a, 0, cov, c * d * d, d * d);
                    logNorm[c] = -0.5 * d * LOG_2PI + logDetP;
                    break;
                }
                case DIAGONAL: {
                    double logDet = 0;
                    for (int j = 0; j < d; j++) {
                        double v = a[j * d + j];
                        cov[c * d + j] = v;
                        prec[c * d + j] = 1 / v;
                        logDet += Math.log(v);
                    }
                    logNorm[c] = -0.5 * d * LOG_2PI - 0.5 * logDet;
                    break;
                }
                default: {
                    double v = a[0];
                    cov[c] = v;
                    prec[c] = 1 / v;
                    logNorm[c] = -0.5 * d * LOG_2PI - 0.5 * d * Math.log(v);
                    break;
                }
            }
        }
        return new Mixture(k, d, type, weights.clone(), means.clone(), cov, prec, logNorm);
    }

    double logJoint(double[] x, int o, int c) {
        int mb = c * d;
        double maha;
        switch (type) {
            case FULL: {
                int pb = c * tri;
                maha = 0;
                int r = pb;
                for (int a = 0; a < d; a++) {
                    double y = 0;
                    for (int b = 0; b <= a; b++) {
                        y += prec[r++] * (x[o + b] - means[mb + b]);
                    }
                    maha += y * y;
                }
                break;
            }
            case DIAGONAL: {
                maha = 0;
                for (int j = 0; j < d; j++) {
                    double t = x[o + j] - means[mb + j];
                    maha += t * t * prec[mb + j];
                }
                break;
            }
            default: {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double t = x[o + j] - means[mb + j];
                    s += t * t;
                }
                maha = s * prec[c];
                break;
            }
        }
        return logWeights[c] + logNorm[c] - 0.5 * maha;
    }

    /** Returns log p(x) for the row at x[o..o+d) (log-sum-exp over components). Allocates nothing. */
    double logDensity(double[] x, int o) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            max = Math.max(max, logJoint(x, o, c));
        }
        double s = 0;
        for (int c = 0; c < k; c++) {
            s += Math.exp(logJoint(x, o, c) - max);
        }
        return max + Math.log(s);
    }

    /** Returns the most likely component for the row at x[o..o+d) (the lowest index on ties). */
    int argmax(double[] x, int o) {
        int best = 0;
        double bestV = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double v = logJoint(x, o, c);
            if (v > bestV) {
                bestV = v;
                best = c;
            }
        }
        return best;
    }

    /** Number of free parameters: k - 1 weights, k d means, and the covariances. */
    long parameterCount() {
        long covParams;
        switch (type) {
            case FULL:
                covParams = (long) k * d * (d + 1) / 2;
                break;
            case DIAGONAL:
                covParams = (long) k * d;
                break;
            default:
                covParams = k;
                break;
        }
        return (k - 1) + (long) k * d + covParams;
    }

    /** Returns component c's covariance as a full d x d row-major matrix. */
    double[] fullCovariance(int c) {
        double[] out = new double[d * d];
        switch (type) {
            case FULL:
                System.arraycopy(cov, c * d * d, out, 0, d * d);
                break;
            case DIAGONAL:
                for (int j = 0; j < d; j++) {
                    out[j * d + j] = cov[c * d + j];
                }
                break;
            default:
                for (int j = 0; j < d; j++) {
                    out[j * d + j] = cov[c];
                }
                break;
        }
        return out;
    }

    /**
     * Factorizes a symmetric positive-definite matrix: writes {@code P = L^-1} packed by rows into
     * {@code prec[pb..pb+tri)} and returns {@code log det P}, or NaN if the matrix is not positive definite.
     *
     * @param a the d x d matrix, row-major. Not modified.
     */
    static double precisionCholesky(double[] a, int d, double[] prec, int pb) {
        Cholesky chol = Cholesky.factor(a, d);
        if (chol == null) {
            return Double.NaN;
        }
        double[] l = chol.lowerInverse();
        double logDet = 0;
        int r = pb;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                prec[r++] = l[i * d + j];
            }
            logDet += Math.log(l[i * d + i]);
        }
        return logDet;
    }

    /** Smallest Cholesky pivot squared of a (its smallest conditional variance), or -1 if not positive definite. */
    static double minPivot(double[] a, int d) {
        Cholesky chol = Cholesky.factor(a, d);
        return chol == null ? -1 : chol.minPivotSquared();
    }
}
