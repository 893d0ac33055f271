package dev.segmentation.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the in-place kernels on random symmetric positive-definite matrices {@code B B^T + n I}. */
class CholeskyPropertiesTest {

    static double[][] randomSpd(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] b = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b[i][j] = rnd.nextDouble(-2, 2);
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? n : 0;
                for (int t = 0; t < n; t++) {
                    s += b[i][t] * b[j][t];
                }
                a[i][j] = s;
            }
        }
        return a;
    }

    private static double scale(double[][] a) {
        double m = 0;
        for (double[] row : a) {
            for (double v : row) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    @Property(tries = 200)
    void lowerTimesItsTransposeIsA(@ForAll @IntRange(min = 1, max = 24) int n, @ForAll long seed) {
        double[][] a = randomSpd(n, seed);
        double[] l = Cholesky.lower(a);
        double tol = 1e-12 * scale(a) * n;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int t = 0; t < n; t++) {
                    s += l[i * n + t] * l[j * n + t];
                }
                assertEquals(a[i][j], s, tol, "(L L^T)[" + i + "][" + j + "]");
                if (j > i) {
                    assertEquals(0.0, l[i * n + j], "upper triangle");
                }
            }
            assertEquals(true, l[i * n + i] > 0, "pivot " + i);
        }
    }

    /**
     * The kernel is the row-by-row (Cholesky-Banachiewicz) recurrence to the bit: the CLV fitters' and implicit
     * ALS's own factorizations, which it replaced, computed exactly this.
     */
    @Property(tries = 200)
    void bitIdenticalToTheRowByRowRecurrence(@ForAll @IntRange(min = 1, max = 24) int n, @ForAll long seed) {
        double[][] a = randomSpd(n, seed);
        double[] ref = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= ref[i * n + k] * ref[j * n + k];
                }
                ref[i * n + j] = i == j ? Math.sqrt(s) : s / ref[j * n + j];
            }
        }
        assertArrayEquals(ref, Cholesky.lower(a));
    }

    /**
     * The row-wise kernel is, to the bit, the factorization and solve that implicit ALS's Woodbury step wrote by hand
     * before it moved here (issue 18): row by row, each inner product with four partial sums added as
     * {@code (s0 + s1) + (s2 + s3)}; forward substitution with the same sums, back substitution one term at a time.
     * The reference below is that code, kept as it was.
     */
    @Property(tries = 200)
    void byRowsKernelIsTheWoodburyStepsFactorizationToTheBit(@ForAll @IntRange(min = 1, max = 24) int n,
            @ForAll long seed) {
        double[][] a = randomSpd(n, seed);
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m, i * n, n);
        }
        double[] ref = m.clone();
        for (int i = 0; i < n; i++) {
            int mi = i * n;
            for (int j = 0; j <= i; j++) {
                int mj = j * n;
                double sum = ref[mi + j] - dot4(ref, mi, ref, mj, j);
                ref[mi + j] = i == j ? Math.sqrt(sum) : sum / ref[mj + j];
            }
        }
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = rnd.nextDouble(-1, 1);
        }
        double[] zRef = z.clone();
        for (int i = 0; i < n; i++) {
            int mi = i * n;
            zRef[i] = (zRef[i] - dot4(ref, mi, zRef, 0, i)) / ref[mi + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double sum = zRef[i];
            for (int t = i + 1; t < n; t++) {
                sum -= ref[t * n + i] * zRef[t];
            }
            zRef[i] = sum / ref[i * n + i];
        }
        assertEquals(true, Cholesky.decomposeByRows(m, n));
        assertArrayEquals(ref, m);
        assertEquals(true, Cholesky.solveByRows(m, n, z));
        assertArrayEquals(zRef, z);
    }

    /** The four-partial-sum inner product of the Woodbury step, as it was written there. */
    private static double dot4(double[] a, int ao, double[] b, int bo, int k) {
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

    /** The row-wise kernel solves {@code A x = b} as the textbook one does, to rounding. */
    @Property(tries = 200)
    void byRowsKernelSolves(@ForAll @IntRange(min = 1, max = 16) int n, @ForAll long seed) {
        double[][] a = randomSpd(n, seed);
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[] x = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble(-1, 1);
        }
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m, i * n, n);
            for (int j = 0; j < n; j++) {
                b[i] += a[i][j] * x[j];
            }
        }
        assertEquals(true, Cholesky.decomposeByRows(m, n));
        assertEquals(true, Cholesky.solveByRows(m, n, b));
        // A >= n I, so ||A^-1|| <= 1 / n: the error is rounding times the condition number (<= scale / n).
        assertArrayEquals(x, b, 1e-12 * scale(a));
    }

    @Property(tries = 200)
    void solvesAndInverts(@ForAll @IntRange(min = 1, max = 16) int n, @ForAll long seed) {
        double[][] a = randomSpd(n, seed);
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[] x = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble(-1, 1);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b[i] += a[i][j] * x[j];
            }
        }
        double[] got = Cholesky.solveSpd(a, b);
        assertNotNull(got);
        // A >= n I, so ||A^-1|| <= 1 / n: the error is rounding times the condition number (<= scale / n).
        double tol = 1e-12 * scale(a);
        assertArrayEquals(x, got, tol);
        double[][] inv = Cholesky.inverseSpd(a);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int t = 0; t < n; t++) {
                    s += a[i][t] * inv[t][j];
                }
                assertEquals(i == j ? 1 : 0, s, tol, "(A A^-1)[" + i + "][" + j + "]");
            }
        }
    }

    @Property(tries = 100)
    void negatingAPivotIsRefused(@ForAll @IntRange(min = 1, max = 12) int n, @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 11) int row) {
        double[][] a = randomSpd(n, seed);
        int r = row % n;
        a[r][r] = -a[r][r];
        assertNull(Cholesky.solveSpd(a, new double[n]));
        assertNull(Cholesky.inverseSpd(a));
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m, i * n, n);
        }
        assertEquals(false, Cholesky.decomposeByRows(m, n));
    }
}
