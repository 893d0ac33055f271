package dev.segmentation.churn;

import java.io.Serializable;

/**
 * What one data pass of a {@link LogisticRegression} fit asks every chunk of rows for: the point at which
 * {@link LogisticStats#accumulate} evaluates the loss, the gradient and (optionally) the Hessian. Made by the
 * solver and handed to a {@link LogisticChunks} source, which ships it to wherever the rows are (e.g. Spark
 * executors) unchanged.
 *
 * <p>The coefficients are in the solver's internal standardized coordinates: intercept first, then
 * {@code theta_j} for {@code z_j = (x_j - mean_j) * invSd_j}; {@link LogisticStats#accumulate} maps them back to
 * the original scale itself. Strides select the blocks of {@value LogisticStats#BLOCK} consecutive rows (by
 * global row number) that enter the loss and gradient, and the Hessian, for the solver's sub-sampled passes.
 *
 * <p>Immutable by contract (the arrays are the solver's and must not be modified); serializable so that a
 * distributed engine can send it to its workers (a transport between JVMs of the same library version, not a
 * storage format).
 */
public final class LogisticPass implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The coefficients in standardized coordinates, intercept first. */
    final double[] theta;
    /** The column means of the standardization. */
    final double[] mean;
    /** The reciprocal column standard deviations. */
    final double[] invSd;
    /** Loss and gradient use every lossStride-th block of rows, scaled by the stride. */
    final int lossStride;
    /** 0 for no Hessian, else every hessStride-th block, scaled by the stride. */
    final int hessStride;
    /** A coefficient step for the separation diagnostic, or null. */
    final double[] shift;
    /** The class weight of label 0. */
    final double negativeWeight;
    /** The class weight of label 1. */
    final double positiveWeight;
    /** What the pass is for. */
    final String description;

    LogisticPass(double[] theta, double[] mean, double[] invSd, int lossStride, int hessStride, double[] shift,
            double negativeWeight, double positiveWeight, String description) {
        this.theta = theta;
        this.mean = mean;
        this.invSd = invSd;
        this.lossStride = lossStride;
        this.hessStride = hessStride;
        this.shift = shift;
        this.negativeWeight = negativeWeight;
        this.positiveWeight = positiveWeight;
        this.description = description;
    }

    /**
     * Makes a full pass (every row, no step for the separation diagnostic, class weights 1 and 1) at a point:
     * for drivers other than {@link LogisticRegression}'s solvers (e.g. evaluating a fitted model's loss over
     * partitions) and for tests of the merge.
     *
     * @param theta the coefficients in standardized coordinates, intercept first, length {@code p + 1}; copied
     * @param mean the column means used for the standardization, length p; copied
     * @param invSd the reciprocal column standard deviations, length p; copied
     * @param hessian whether to form the Hessian
     * @param description the pass's name
     * @return the pass
     * @throws IllegalArgumentException if the lengths disagree or p is 0
     */
    public static LogisticPass at(double[] theta, double[] mean, double[] invSd, boolean hessian,
            String description) {
        if (mean.length == 0 || invSd.length != mean.length || theta.length != mean.length + 1) {
            throw new IllegalArgumentException("theta, mean and invSd must have lengths p + 1, p and p with p >= 1,"
                    + " found " + theta.length + ", " + mean.length + " and " + invSd.length);
        }
        return new LogisticPass(theta.clone(), mean.clone(), invSd.clone(), 1, hessian ? 1 : 0, null, 1, 1,
                java.util.Objects.requireNonNull(description, "description"));
    }

    /**
     * Returns the number of feature columns (the coefficients less the intercept).
     *
     * @return the columns
     */
    public int columns() {
        return mean.length;
    }

    /**
     * Tells whether the pass forms the Hessian.
     *
     * @return true if {@link LogisticStats#hessian()} will be filled
     */
    public boolean hessian() {
        return hessStride > 0;
    }

    /**
     * Names the pass for logs and job descriptions, e.g. {@code "Newton iteration 3"},
     * {@code "Newton iteration 3, step 1/2"}, {@code "Newton warm start iteration 1"} or
     * {@code "L-BFGS iteration 12"}; iteration 0 is the starting point.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * Returns each row's weight in the loss: its sample weight times the trainer's class weight of its label,
     * or null when every row weighs 1 (no sample weights and class weights 1 and 1), as the single-JVM fit
     * forms them.
     *
     * @param labels the labels of the rows, 0 or 1; not null
     * @param sampleWeights the rows' sample weights, or null for 1
     * @return a new array, one weight per row, or null for all 1
     */
    public double[] rowWeights(byte[] labels, double[] sampleWeights) {
        return rowWeights(labels, sampleWeights, negativeWeight, positiveWeight);
    }

    /**
     * Returns each row's loss weight for given class weights, as {@link #rowWeights(byte[], double[])}.
     *
     * @param labels the labels of the rows, 0 or 1; not null
     * @param sampleWeights the rows' sample weights, or null for 1
     * @param negative the class weight of label 0
     * @param positive the class weight of label 1
     * @return a new array, one weight per row, or null for all 1
     */
    public static double[] rowWeights(byte[] labels, double[] sampleWeights, double negative, double positive) {
        if (sampleWeights == null && negative == 1.0 && positive == 1.0) {
            return null;
        }
        double[] w = new double[labels.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = (sampleWeights == null ? 1.0 : sampleWeights[i]) * (labels[i] == 1 ? positive : negative);
        }
        return w;
    }
}
