package dev.segmentation.math;

/**
 * The dot product kernel of the library's hot loops (implicit ALS's Gram products and conjugate-gradient steps,
 * {@link Cholesky#decomposeByRows}), with one summation order so that every caller gets the same bits.
 *
 * <p>Four partial sums, one per lane of four consecutive entries, added as {@code (s0 + s1) + (s2 + s3)}; the
 * {@code k mod 4} trailing entries go to {@code s0}. One running sum would chain every add on the previous one;
 * four let the adds overlap. The result may differ in the last bits from a left-to-right sum.
 *
 * <p>All methods are static and allocate nothing.
 */
public final class Dot {
    private Dot() {
    }

    /**
     * Returns {@code a[ao..ao+k) . b[bo..bo+k)} with four partial sums.
     *
     * @param a the first array. Not modified.
     * @param ao the offset of the first vector in {@code a}
     * @param b the second array (may be {@code a}). Not modified.
     * @param bo the offset of the second vector in {@code b}
     * @param k the length, {@code >= 0}
     * @return the dot product
     * @throws ArrayIndexOutOfBoundsException if a vector runs past its array
     */
    public static double product(double[] a, int ao, double[] b, int bo, int k) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int i = 0;
        for (; i + 4 <= k; i += 4) {
            s0 += a[ao + i] * b[bo + i];
            s1 += a[ao + i + 1] * b[bo + i + 1];
            s2 += a[ao + i + 2] * b[bo + i + 2];
            s3 += a[ao + i + 3] * b[bo + i + 3];
        }
        for (; i < k; i++) {
            s0 += a[ao + i] * b[bo + i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
