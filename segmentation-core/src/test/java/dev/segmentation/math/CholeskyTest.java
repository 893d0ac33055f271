package dev.segmentation.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The one Cholesky. Golden: the textbook example of Wikipedia's "Cholesky decomposition" article,
 * {@code [[4, 12, -16], [12, 37, -43], [-16, -43, 98]] = L L^T} with {@code L = [[2, 0, 0], [6, 1, 0], [-8, 5, 3]]}.
 */
class CholeskyTest {
    private static final double[] A = {4, 12, -16, 12, 37, -43, -16, -43, 98};

    @Test
    void factorsTheTextbookExample() {
        Cholesky c = Cholesky.factor(A, 3);
        assertArrayEquals(new double[] {2, 0, 0, 6, 1, 0, -8, 5, 3}, c.lower(), 1e-12);
        assertEquals(2 * Math.log(6), c.logDeterminant(), 1e-12);
        assertEquals(1.0, c.minPivotSquared(), 1e-12);
        assertEquals(3, c.size());
        double[] inv = c.lowerInverse();
        // L^-1 L = I
        double[] l = c.lower();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += inv[i * 3 + k] * l[k * 3 + j];
                }
                assertEquals(i == j ? 1 : 0, s, 1e-12);
            }
        }
    }

    @Test
    void solvesAndInverts() {
        Cholesky c = Cholesky.factor(A, 3);
        double[] x = {1, -2, 0.5};
        double[] b = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                b[i] += A[i * 3 + j] * x[j];
            }
        }
        assertArrayEquals(x, c.solve(b), 1e-10);
        double[] inv = c.inverse();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += A[i * 3 + k] * inv[k * 3 + j];
                }
                assertEquals(i == j ? 1 : 0, s, 1e-9);
            }
        }
    }

    @Test
    void refusesMatricesThatAreNotPositiveDefinite() {
        assertNull(Cholesky.factor(new double[] {1, 2, 2, 1}, 2));
        assertNull(Cholesky.factor(new double[] {Double.NaN, 0, 0, 1}, 2));
        double[] singular = {1, 1, 0, 1, 1, 0, 0, 0, 1};
        assertEquals(1, Cholesky.firstWeakPivot(singular, 3, 1e-10));
        assertEquals(-1, Cholesky.firstWeakPivot(A, 3, 1e-10));
    }

    @Test
    void checksShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cholesky.factor(new double[3], 2));
        assertEquals("a must have length n * n = 4, found 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Cholesky.factor(A, 3).solve(new double[2]));
        assertEquals("b must have length 3, found 2", e.getMessage());
    }

    /** The textbook example by hand: every step is exact in binary (sqrt 4, 1 and 9), so L is exact. */
    @Test
    void inPlaceKernelFactorsTheTextbookExampleExactly() {
        double[] a = A.clone();
        assertEquals(-1, Cholesky.decompose(a, 3, new double[3]));
        // the upper triangle is left as it was
        assertArrayEquals(new double[] {2, 12, -16, 6, 1, -43, -8, 5, 3}, a);
        assertArrayEquals(new double[] {2, 0, 0, 6, 1, 0, -8, 5, 3},
                Cholesky.lower(new double[][] {{4, 12, -16}, {12, 37, -43}, {-16, -43, 98}}));
        // A x = b with x = (1, -2, 0.5): b = (-28, -83.5, 119); L y = b gives y = (-14, 0.5, 1.5)
        double[] y = new double[3];
        Cholesky.forward(a, 3, new double[] {-28, -83.5, 119}, y);
        assertArrayEquals(new double[] {-14, 0.5, 1.5}, y);
        double[] x = new double[5];
        Cholesky.backward(a, 3, y, x, 1);
        assertArrayEquals(new double[] {0, 1, -2, 0.5, 0}, x);
        assertArrayEquals(new double[] {1, -2, 0.5},
                Cholesky.solveSpd(new double[][] {{4, 12, -16}, {12, 37, -43}, {-16, -43, 98}},
                        new double[] {-28, -83.5, 119}));
    }

    @Test
    void inPlaceKernelReportsTheFailedPivot() {
        double[] column = new double[2];
        assertEquals(1, Cholesky.decompose(new double[] {1, 0, 2, 1}, 2, column));
        assertEquals(-3.0, column[0]);
        assertEquals(0, Cholesky.decompose(new double[] {Double.POSITIVE_INFINITY, 0, 0, 1}, 2, column));
    }

    /** The row-wise kernel on the textbook example: every step is exact in binary, whatever the summation order. */
    @Test
    void byRowsKernelFactorsTheTextbookExampleExactly() {
        double[] a = A.clone();
        assertTrue(Cholesky.decomposeByRows(a, 3));
        // the upper triangle is left as it was
        assertArrayEquals(new double[] {2, 12, -16, 6, 1, -43, -8, 5, 3}, a);
        double[] z = {-28, -83.5, 119};
        assertTrue(Cholesky.solveByRows(a, 3, z));
        assertArrayEquals(new double[] {1, -2, 0.5}, z);
    }

    @Test
    void byRowsKernelReportsFailures() {
        assertFalse(Cholesky.decomposeByRows(new double[] {1, 0, 2, 1}, 2));
        assertFalse(Cholesky.decomposeByRows(new double[] {Double.NaN, 0, 0, 1}, 2));
        assertFalse(Cholesky.decomposeByRows(new double[] {0, 0, 0, 1}, 2));
        // 1e300 / 1e-300 overflows: the solve refuses the infinite entry
        assertFalse(Cholesky.solveByRows(new double[] {1e-300}, 1, new double[] {1e300}));
    }

    @Test
    void checkedFormNamesTheBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cholesky.lower(new double[][] {{1, 2}, {2, 1}}));
        assertEquals("a must be positive definite, found pivot -3.0 at row 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Cholesky.lower(new double[][] {{1, 2}, {2}}));
        assertEquals("a must be square, found 2 rows and row 2 of length 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Cholesky.lower(new double[][] {{1, 2, 3}, {1, 2, 3}}));
        assertEquals("a must be square, found 2 rows and row 1 of length 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Cholesky.lower(new double[0][]));
        assertEquals("a must be square with at least one row, found 0 rows", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Cholesky.lower(new double[][] {{Double.NaN, 0}, {0, 1}}));
        assertEquals("a must be positive definite, found pivot NaN at row 1", e.getMessage());
    }
}
