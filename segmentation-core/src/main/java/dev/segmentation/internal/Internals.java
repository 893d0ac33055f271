package dev.segmentation.internal;

import dev.segmentation.features.FeatureMatrix;
import java.util.function.Function;

/**
 * Not API. Gives the library's own model code read access to a {@link FeatureMatrix}'s backing array, so
 * that fitting on a million rows does not copy them. Callers must never write to the array or let it escape.
 */
public final class Internals {
    private static volatile Function<FeatureMatrix, double[]> matrixData;

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
}
