package dev.segmentation.internal;

import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.features.SparseMatrix;
import java.util.function.Function;

/**
 * Not API. Gives the library's own model code read access to a {@link FeatureMatrix}'s backing array, so
 * that fitting on a million rows does not copy them. Callers must never write to the array or let it escape.
 */
public final class Internals {
    private static volatile Function<FeatureMatrix, double[]> matrixData;
    private static volatile SparseViews sparseViews;

    /** Read access to a {@link SparseMatrix}'s CSR arrays, installed by its static initializer. */
    public interface SparseViews {
        /**
         * The row offsets.
         *
         * @param m the matrix
         * @return its backing array
         */
        int[] rowStart(SparseMatrix m);

        /**
         * The column indices.
         *
         * @param m the matrix
         * @return its backing array
         */
        int[] indices(SparseMatrix m);

        /**
         * The values.
         *
         * @param m the matrix
         * @return its backing array
         */
        double[] values(SparseMatrix m);
    }

    private Internals() {
    }

    /**
     * Called once by {@code FeatureMatrix}'s static initializer.
     *
     * @param accessor the accessor
     */
    public static void setMatrixData(Function<FeatureMatrix, double[]> accessor) {
        if (matrixData != null) {
            throw new IllegalStateException("already set");
        }
        matrixData = accessor;
    }

    /**
     * Returns the row-major backing array of a matrix. Read only; never modify it or let it escape.
     *
     * @param m the matrix
     * @return its backing array
     */
    public static double[] data(FeatureMatrix m) {
        Function<FeatureMatrix, double[]> f = matrixData;
        if (f == null) {
            m.rows(); // forces class initialization of FeatureMatrix
            f = matrixData;
        }
        return f.apply(m);
    }

    /**
     * Called once by {@code SparseMatrix}'s static initializer.
     *
     * @param views the accessor
     */
    public static void setSparseViews(SparseViews views) {
        if (sparseViews != null) {
            throw new IllegalStateException("already set");
        }
        sparseViews = views;
    }

    private static SparseViews sparse(SparseMatrix m) {
        SparseViews v = sparseViews;
        if (v == null) {
            m.rows(); // forces class initialization of SparseMatrix
            v = sparseViews;
        }
        return v;
    }

    /**
     * Returns the CSR row offsets of a sparse matrix. Read only; never modify them or let them escape.
     *
     * @param m the matrix
     * @return its backing array
     */
    public static int[] rowStart(SparseMatrix m) {
        return sparse(m).rowStart(m);
    }

    /**
     * Returns the CSR column indices of a sparse matrix. Read only; never modify them or let them escape.
     *
     * @param m the matrix
     * @return its backing array
     */
    public static int[] indices(SparseMatrix m) {
        return sparse(m).indices(m);
    }

    /**
     * Returns the CSR values of a sparse matrix. Read only; never modify them or let them escape.
     *
     * @param m the matrix
     * @return its backing array
     */
    public static double[] values(SparseMatrix m) {
        return sparse(m).values(m);
    }
}
