package dev.segmentation.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An optional faster plain Lloyd pass for d = 8 and unit weights, chosen at run time.
 *
 * <p>The only implementation, {@code VectorLloydKernel}, uses {@code jdk.incubator.vector}; it is compiled
 * separately (source directory {@code src/vector/java}) and loaded by name only when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}, so neither the build nor the default run needs the flag. It must
 * produce exactly what {@link Lloyd}'s scalar plain pass produces for the same chunk: the same labels (nearest
 * centre, ties to the lowest index, from distances summed in the same order), and the same statistics and
 * inertia bit for bit, which it gets by handing its labels and distances to the scalar pass's own
 * {@link LloydKernels#settleBlock}.
 */
interface LloydKernel {
    /**
     * One chunk of a plain Lloyd pass over unit-weight rows of width 8.
     *
     * @param blocks the rows transposed per block of {@link Lloyd#BLOCK} rows (block b holds rows
     *     {@code b * BLOCK} on, coordinate j of its row p at {@code [j * BLOCK + p]}); those of the chunk are made
     *     (not modified)
     * @param from the first row of the chunk, a multiple of {@link Lloyd#BLOCK}
     * @param to the end (exclusive) of the chunk
     * @param centres the centres, k x 8 row-major (not modified)
     * @param k the number of centres
     * @param ref the reference point of the centred statistics, 8 values (not modified)
     * @param labels the labels of all rows; those of the chunk are read and the changed ones overwritten
     * @param s the chunk's statistics, cleared by the caller; every row whose label changes is removed from its
     *     old centre and added to its new one, in row order, and the squared distances to the nearest centres
     *     are added to the inertia block by block: both through {@link LloydKernels#settleBlock}, as the scalar pass
     *     does; reassigned and computed are set as the scalar pass sets them
     */
    void plainChunk8(double[][] blocks, int from, int to, double[] centres, int k, double[] ref, int[] labels,
            LloydStats s);

    /**
     * The nearest-centre sweep of one transposed block for d = 8 (the chunk passes of {@link LloydBounds}): for each
     * of its m rows the squared distance to every centre summed as {@link LloydKernels#distances8} sums it, the nearest
     * (the lowest index among equal minima) and second-nearest of those distances, exactly as {@link LloydBounds}'s
     * scalar sweep finds them, and the squared distance to the nearest summed as {@link LloydBounds}'s row kernel
     * ({@code distance8}) sums it.
     *
     * @param t the block, coordinate j of row p at {@code [j * BLOCK + p]} (not modified)
     * @param m the number of rows, at most {@link Lloyd#BLOCK}
     * @param centres the centres, k x 8 row-major (not modified)
     * @param k the number of centres
     * @param b1 receives the nearest distances at [0, m)
     * @param b2 receives the second-nearest distances at [0, m) (+infinity when k = 1)
     * @param ld receives the nearest centres, as doubles, at [0, m)
     * @param own receives the row kernel's distance to the nearest at {@code [ownFrom, ownFrom + m)}
     * @param ownFrom where the rows start in own
     */
    void nearest8(double[] t, int m, double[] centres, int k, double[] b1, double[] b2, double[] ld, double[] own,
            int ownFrom);

    /**
     * Returns the vector kernel when the JVM has {@code jdk.incubator.vector} and it loads, otherwise null (the
     * scalar passes of {@link Lloyd} are used).
     */
    static LloydKernel detect() {
        return Loader.KERNEL;
    }

    /** Loads the kernel once per class loader (an immutable constant, never changed afterwards). */
    final class Loader {
        private static final Logger LOG = LoggerFactory.getLogger(KMeans.class);
        static final LloydKernel KERNEL = load("dev.segmentation.cluster.VectorLloydKernel");

        private Loader() {
        }

        /** Returns the named kernel, or null when the vector module is absent or the class cannot be loaded. */
        static LloydKernel load(String className) {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                return null;
            }
            try {
                return (LloydKernel) Class.forName(className).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                LOG.debug("k-means: vector kernel {} not loaded, using the scalar kernel", className, e);
                return null;
            }
        }
    }
}
