package dev.segmentation.churn;

import dev.segmentation.internal.ChunkRunner;

/**
 * The design abstraction of the logistic solvers: a weighted logistic loss over some rows (dense rows in
 * {@link LogisticObjective}, sparse CSR rows in {@link SparseLogisticObjective}) that returns the loss and
 * its gradient as sums over fixed chunks of rows merged in chunk order. {@link LogisticRegression}'s L-BFGS
 * path runs on this interface alone; its matrix-free Newton-CG path also needs
 * {@link CurvatureLoss}'s Hessian-vector products. Not API.
 */
abstract class LogisticLoss {
    /** The number of coefficients, intercept first. */
    final int q;
    /** The total row weight. */
    final double weightSum;
    /** The total weight of the rows labelled 1. */
    final double positiveWeight;

    /**
     * Sums the row weights.
     *
     * @param q the number of coefficients, intercept first
     * @param n the rows
     * @param y labels 0 or 1
     * @param w row weights or null for 1
     */
    LogisticLoss(int q, int n, byte[] y, double[] w) {
        this.q = q;
        double ws = 0;
        double pos = 0;
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1.0 : w[i];
            ws += wi;
            pos += wi * y[i];
        }
        this.weightSum = ws;
        this.positiveWeight = pos;
    }

    /**
     * Takes the weight sums from merged moments (rows held by a {@link LogisticChunks} source).
     *
     * @param q the number of coefficients, intercept first
     * @param sums the merged moments' row weight and positive row weight
     */
    LogisticLoss(int q, LogisticMoments sums) {
        this.q = q;
        this.weightSum = sums.rowWeight;
        this.positiveWeight = sums.positiveRowWeight;
    }

    /**
     * One data pass: the unpenalized loss and gradient (and whatever else the pass asks for).
     *
     * @param pass what to compute
     * @param runner the chunk runner
     * @return the chunk sums, merged in chunk order
     */
    abstract LogisticObjective.Result evaluate(LogisticObjective.Pass pass, ChunkRunner runner);

    /** A loss that also gives Hessian-vector products, for matrix-free (truncated) Newton. */
    abstract static class CurvatureLoss extends LogisticLoss {
        /**
         * @param q the number of coefficients
         * @param n the rows
         * @param y labels
         * @param w row weights or null
         */
        CurvatureLoss(int q, int n, byte[] y, double[] w) {
            super(q, n, y, w);
        }

        /**
         * The per-row curvature {@code w_i p_i (1 - p_i)} at {@code theta}.
         *
         * @param theta the coefficients, intercept first
         * @param runner the chunk runner
         * @return a new array, one value per row
         */
        abstract double[] curvature(double[] theta, ChunkRunner runner);

        /**
         * The unpenalized Hessian times a vector, {@code X^T diag(c) X v} with the intercept column of ones.
         *
         * @param curvature the per-row curvature from {@link #curvature}
         * @param v the vector, length q
         * @param runner the chunk runner
         * @return a new array, length q
         */
        abstract double[] hessianTimes(double[] curvature, double[] v, ChunkRunner runner);

        /**
         * The diagonal of the unpenalized Hessian, for a Jacobi preconditioner.
         *
         * @param curvature the per-row curvature
         * @param runner the chunk runner
         * @return a new array, length q
         */
        abstract double[] hessianDiagonal(double[] curvature, ChunkRunner runner);
    }
}
