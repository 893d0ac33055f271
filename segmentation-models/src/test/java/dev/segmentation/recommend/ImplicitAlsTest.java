package dev.segmentation.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

/** Implicit ALS: normal equations checked densely, hand cases, exact messages. */
class ImplicitAlsTest {
    /**
     * After the fit the item factors were solved last, so each item row must satisfy Hu et al.'s eq. 5 with the
     * final customer factors: (X^T C_i X + l2 s_i I) y_i = X^T C_i p(i). Checked against a dense LU solve
     * (commons-math) over every customer, unobserved cells included; 1e-9 relative is LU-vs-Cholesky rounding.
     */
    @Test
    void itemRowsSolveTheDenseNormalEquations() {
        InteractionMatrix m = RandomInteractions.counts(12, 9, 5);
        for (boolean scaled : new boolean[] {false, true}) {
            double l2 = 0.3;
            double alpha = 4;
            ImplicitAlsModel model = ImplicitAls.builder().factors(3).l2(l2).alpha(alpha).iterations(4)
                    .tolerance(0).l2ScaledByCount(scaled).solver(ImplicitAls.Solver.CHOLESKY).build().fit(m);
            assertEquals(4, model.iterations());
            for (int i = 0; i < m.items(); i++) {
                RealMatrix a = new Array2DRowRealMatrix(3, 3);
                RealVector b = new ArrayRealVector(3);
                for (int u = 0; u < m.customers(); u++) {
                    double r = m.get(u, i);
                    double c = 1 + alpha * r;
                    RealVector xu = new ArrayRealVector(model.userFactors(u));
                    a = a.add(xu.outerProduct(xu).scalarMultiply(c));
                    if (r > 0) {
                        b = b.add(xu.mapMultiply(c));
                    }
                }
                double reg = scaled ? l2 * m.customersOf(i) : l2;
                if (m.customersOf(i) == 0) {
                    assertArrayEquals(new double[3], model.itemFactors(i));
                    continue;
                }
                for (int d = 0; d < 3; d++) {
                    a.addToEntry(d, d, reg);
                }
                double[] expected = new LUDecomposition(a).getSolver().solve(b).toArray();
                double[] got = model.itemFactors(i);
                for (int d = 0; d < 3; d++) {
                    assertEquals(expected[d], got[d], 1e-9 * (1 + Math.abs(expected[d])), "item " + i);
                }
            }
        }
    }

    @Test
    void learnsTwoBlocks() {
        // Customers 0-3 buy items 0-2 and customers 4-7 items 3-5, each all but item base + u % 3 of its block.
        int[] rowPtr = new int[9];
        int[] cols = new int[16];
        int q = 0;
        for (int u = 0; u < 8; u++) {
            int base = u < 4 ? 0 : 3;
            for (int j = 0; j < 3; j++) {
                if (j != u % 3) {
                    cols[q++] = base + j;
                }
            }
            rowPtr[u + 1] = q;
        }
        double[] vals = new double[q];
        java.util.Arrays.fill(vals, 1);
        InteractionMatrix m = InteractionMatrix.of(8, 6, rowPtr, cols, vals);
        ImplicitAlsModel model = ImplicitAls.builder().factors(2).l2(0.1).alpha(10).iterations(30).build().fit(m);
        for (int u = 0; u < 8; u++) {
            int base = u < 4 ? 0 : 3;
            assertArrayEquals(new int[] {base + u % 3}, model.recommend(u, 1, true), "customer " + u);
        }
        for (int i = 0; i < 6; i++) {
            for (int j : model.similarItems(i, 2)) {
                assertEquals(i / 3, j / 3, "item " + i + " neighbour " + j);
            }
        }
    }

    @Test
    void unknownAndEmptyCustomersGetPopularity() {
        InteractionMatrix m = InteractionMatrix.of(3, 4, new int[] {0, 2, 2, 3}, new int[] {1, 2, 2},
                new double[] {1, 1, 1});
        ImplicitAlsModel model = ImplicitAls.builder().factors(2).build().fit(m);
        PopularityModel pop = Popularity.builder().build().fit(m);
        assertArrayEquals(new int[] {2, 1}, pop.recommend(-1, 3, false));
        assertArrayEquals(pop.recommend(-1, 3, false), model.recommend(-1, 3, false));
        assertArrayEquals(pop.recommend(3, 3, true), model.recommend(3, 3, true));
        assertArrayEquals(pop.recommend(1, 3, true), model.recommend(1, 3, true));
        assertArrayEquals(new double[2], model.userFactors(1));
        int[] all = model.recommend(0, 5, false);
        java.util.Arrays.sort(all);
        assertArrayEquals(new int[] {1, 2}, all, "only items someone bought are ranked");
        assertArrayEquals(new int[0], model.recommend(0, 5, true));
    }

    @Test
    void trainerToString() {
        assertEquals("ImplicitAls{factors=64, l2=1.0, l2ScaledByCount=false, alpha=3.0, iterations=15, tolerance=1.0E-4,"
                + " solver=WOODBURY, cgSteps=3, seed=42, threads=1}", ImplicitAls.builder().build().toString());
        assertEquals("ImplicitAls{factors=8, l2=0.5, l2ScaledByCount=true, alpha=2.0, iterations=3, tolerance=0.0,"
                + " solver=CONJUGATE_GRADIENT, cgSteps=2, seed=7, threads=4}", ImplicitAls.builder().factors(8).l2(0.5)
                .l2ScaledByCount(true).alpha(2).iterations(3).tolerance(0).solver(ImplicitAls.Solver.CONJUGATE_GRADIENT)
                .cgSteps(2).seed(7).threads(4).build().toBuilder().build().toString());
    }

    @Test
    void badInputMessages() {
        assertEquals("factors must be >= 1, found 0", msg(() -> ImplicitAls.builder().factors(0)));
        assertEquals("alpha must be finite and > 0, found 0.0", msg(() -> ImplicitAls.builder().alpha(0)));
        assertEquals("alpha must be finite and > 0, found NaN", msg(() -> ImplicitAls.builder().alpha(Double.NaN)));
        assertEquals("l2 must be finite and > 0, found -1.0", msg(() -> ImplicitAls.builder().l2(-1)));
        assertEquals("iterations must be >= 1, found 0", msg(() -> ImplicitAls.builder().iterations(0)));
        assertEquals("tolerance must be finite and >= 0, found -0.1", msg(() -> ImplicitAls.builder().tolerance(-0.1)));
        assertEquals("cgSteps must be >= 1, found 0", msg(() -> ImplicitAls.builder().cgSteps(0)));
        assertEquals("threads must be >= 1, found 0", msg(() -> ImplicitAls.builder().threads(0)));
        InteractionMatrix empty = InteractionMatrix.of(2, 3, new int[] {0, 0, 0}, new int[0], new double[0]);
        assertEquals("matrix non-zeros must be >= 1, found 0", msg(() -> ImplicitAls.builder().build().fit(empty)));
        // Negative weights never reach the trainer: the matrix refuses them, naming row, column and value.
        assertEquals("row 0, column 1: weight must be finite and > 0, found -2.0", assertThrows(
                InvalidDataException.class, () -> InteractionMatrix.of(1, 2, new int[] {0, 1}, new int[] {1},
                        new double[] {-2})).getMessage());
        ImplicitAlsModel model = ImplicitAls.builder().factors(2).build().fit(RandomInteractions.counts(4, 4, 1));
        assertEquals("n must be >= 1, found 0", msg(() -> model.recommend(0, 0, true)));
        assertEquals("n must be >= 1, found -1", msg(() -> model.similarItems(0, -1)));
        assertThrows(IndexOutOfBoundsException.class, () -> model.similarItems(4, 1));
        assertFalse(model.toString().isEmpty());
    }

    private static String msg(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }
}
