package dev.segmentation.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;

/**
 * {@link Bfgs#minimize(Bfgs.Objective, double[], double, int, Logger, Bfgs.SpdSolver, double, double[][])} (issue
 * 19): without an initial inverse Hessian it is the seven-argument form bit for bit; with the exact one of a
 * quadratic its first step is the Newton step, which lands on the minimum; and {@link Bfgs.Result#inverseHessian} is
 * the approximation built by the updates, a positive definite start for a nearby objective.
 */
class BfgsWarmStartTest {
    private static final Logger LOG = NOPLogger.NOP_LOGGER;
    /** f(x) = 1/2 x^T A x - b^T x with A symmetric positive definite and badly scaled. */
    private static final double[][] A = {{40, 3, 1}, {3, 2, 0.5}, {1, 0.5, 0.3}};
    private static final double[] B = {1, -2, 0.5};

    private static double quadratic(double[] x, double[] grad) {
        double f = 0;
        for (int i = 0; i < 3; i++) {
            double ax = 0;
            for (int j = 0; j < 3; j++) {
                ax += A[i][j] * x[j];
            }
            grad[i] = ax - B[i];
            f += 0.5 * x[i] * ax - B[i] * x[i];
        }
        return f;
    }

    /** A smooth non-quadratic objective: the quadratic plus sum exp(x_i) / 10. */
    private static double curved(double[] x, double[] grad) {
        double f = quadratic(x, grad);
        for (int i = 0; i < 3; i++) {
            double e = Math.exp(x[i]) / 10;
            f += e;
            grad[i] += e;
        }
        return f;
    }

    @Test
    void withoutAnInitialInverseHessianItIsTheSevenArgumentFormBitForBit() {
        double[] x0 = {2, -1, 3};
        Bfgs.Result seven = Bfgs.minimize(BfgsWarmStartTest::curved, x0, 1e-10, 200, LOG, Cholesky::solveSpd, 0);
        Bfgs.Result eight = Bfgs.minimize(BfgsWarmStartTest::curved, x0, 1e-10, 200, LOG, Cholesky::solveSpd, 0,
                null);
        assertArrayEquals(seven.x, eight.x, 0.0);
        assertEquals(seven.value, eight.value, 0.0);
        assertEquals(seven.iterations, eight.iterations);
        assertTrue(seven.converged);
    }

    @Test
    void theExactInverseHessianOfAQuadraticMakesTheFirstStepTheNewtonStep() {
        double[][] inverse = Cholesky.inverseSpd(A);
        double[] exact = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                exact[i] += inverse[i][j] * B[j];
            }
        }
        double[] x0 = {2, -1, 3};
        double[][] given = {inverse[0].clone(), inverse[1].clone(), inverse[2].clone()};
        Bfgs.Result cold = Bfgs.minimize(BfgsWarmStartTest::quadratic, x0, 1e-10, 200, LOG, Cholesky::solveSpd, 0);
        Bfgs.Result warm = Bfgs.minimize(BfgsWarmStartTest::quadratic, x0, 1e-10, 200, LOG, Cholesky::solveSpd, 0,
                inverse);
        assertTrue(warm.converged);
        assertEquals(1, warm.iterations, "one Newton step, no polish");
        assertTrue(cold.iterations > warm.iterations, "cold: " + cold.iterations);
        assertArrayEquals(exact, warm.x, 1e-12);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(given[i], inverse[i], 0.0, "not modified");
        }
    }

    @Test
    void theReturnedInverseHessianStartsANearbyObjectiveInFewerIterations() {
        double[] x0 = {2, -1, 3};
        Bfgs.Result first = Bfgs.minimize(BfgsWarmStartTest::curved, x0, 1e-10, 200, LOG, Cholesky::solveSpd, 0);
        assertNotNull(first.inverseHessian);
        assertNotNull(Cholesky.inverseSpd(first.inverseHessian), "positive definite");
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(first.inverseHessian[i][j], first.inverseHessian[j][i], 1e-12 * Math.abs(
                        first.inverseHessian[i][i] + first.inverseHessian[j][j]));
            }
        }
        // the nearby objective: the same shifted by 0.1 along every coordinate, started at the first optimum
        Bfgs.Objective shifted = (x, grad) -> {
            double[] y = {x[0] - 0.1, x[1] - 0.1, x[2] - 0.1};
            return curved(y, grad);
        };
        Bfgs.Result cold = Bfgs.minimize(shifted, first.x, 1e-10, 200, LOG, Cholesky::solveSpd, 0);
        Bfgs.Result warm = Bfgs.minimize(shifted, first.x, 1e-10, 200, LOG, Cholesky::solveSpd, 0,
                first.inverseHessian);
        assertTrue(cold.converged && warm.converged);
        assertTrue(warm.iterations < cold.iterations, warm.iterations + " warm, " + cold.iterations + " cold");
        assertArrayEquals(cold.x, warm.x, 1e-9);
    }

    @Test
    void aMinimizationWithoutUpdatesReturnsNoInverseHessian() {
        double[] atMinimum = new double[3];
        double[][] inverse = Cholesky.inverseSpd(A);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                atMinimum[i] += inverse[i][j] * B[j];
            }
        }
        Bfgs.Result r = Bfgs.minimize(BfgsWarmStartTest::quadratic, atMinimum, 1e-10, 200, LOG, Cholesky::solveSpd,
                0);
        assertEquals(0, r.iterations);
        assertNull(r.inverseHessian);
    }
}
