package dev.segmentation.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
