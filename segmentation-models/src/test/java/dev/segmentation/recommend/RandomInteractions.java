package dev.segmentation.recommend;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Seeded random interaction matrices for the recommenders' tests (issue 18: one generator where
 * {@code RecommendPropertiesTest} and {@code ItemKnnNeighborsModelTest} each had their own). Each customer draws a
 * density, then each item is bought with that probability and a weight is drawn for it, all from one
 * {@link SplittableRandom} in row-major order, so a seed gives one matrix.
 */
final class RandomInteractions {
    private RandomInteractions() {
    }

    /**
     * Each cell bought with probability 0.3, with an integer count in {@code 1..5}.
     *
     * @param customers the rows, {@code >= 0}
     * @param items the columns, {@code >= 0}
     * @param seed the seed
     * @return the matrix
     */
    static InteractionMatrix counts(int customers, int items, long seed) {
        return of(customers, items, seed, rnd -> 0.3, rnd -> 1 + rnd.nextInt(5));
    }

    /**
     * Each customer's density uniform in {@code [0, 0.6)} (so some rows are empty), with fractional weights in
     * {@code [0.1, 3.1)} (so sums depend on their order).
     *
     * @param customers the rows, {@code >= 0}
     * @param items the columns, {@code >= 0}
     * @param seed the seed
     * @return the matrix
     */
    static InteractionMatrix fractional(int customers, int items, long seed) {
        return of(customers, items, seed, rnd -> rnd.nextDouble() * 0.6, rnd -> 0.1 + rnd.nextDouble() * 3);
    }

    private static InteractionMatrix of(int customers, int items, long seed,
            ToDoubleFunction<SplittableRandom> density, ToDoubleFunction<SplittableRandom> weight) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] rowPtr = new int[customers + 1];
        int[] cols = new int[customers * items];
        double[] vals = new double[cols.length];
        int nnz = 0;
        for (int u = 0; u < customers; u++) {
            double d = density.applyAsDouble(rnd);
            for (int j = 0; j < items; j++) {
                if (rnd.nextDouble() < d) {
                    cols[nnz] = j;
                    vals[nnz++] = weight.applyAsDouble(rnd);
                }
            }
            rowPtr[u + 1] = nnz;
        }
        return InteractionMatrix.of(customers, items, rowPtr, Arrays.copyOf(cols, nnz), Arrays.copyOf(vals, nnz));
    }
}
