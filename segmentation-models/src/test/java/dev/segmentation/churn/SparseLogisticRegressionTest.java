package dev.segmentation.churn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.features.SparseMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The sparse (CSR) path of {@link LogisticRegression}: same objective as the dense fit, matrix-free solver. */
class SparseLogisticRegressionTest {

    /** A random sparse design with a planted linear signal; each row has about {@code perRow} values. */
    private static Object[] data(int n, int d, int perRow, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] truth = new double[d];
        for (int j = 0; j < d; j++) {
            truth[j] = rnd.nextGaussian();
        }
        int[] start = new int[n + 1];
        List<Integer> idx = new ArrayList<>();
        List<Double> val = new ArrayList<>();
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            java.util.TreeMap<Integer, Double> row = new java.util.TreeMap<>();
            for (int k = 0; k < perRow; k++) {
                row.put(rnd.nextInt(d), (double) (1 + rnd.nextInt(3)));
            }
            double eta = -0.3;
            for (var e : row.entrySet()) {
                idx.add(e.getKey());
                val.add(e.getValue());
                eta += truth[e.getKey()] * e.getValue();
            }
            start[i + 1] = idx.size();
            y[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        }
        SparseMatrix x = new SparseMatrix(d, start, idx.stream().mapToInt(Integer::intValue).toArray(),
                val.stream().mapToDouble(Double::doubleValue).toArray());
        return new Object[] {x, y};
    }

    private static FeatureMatrix dense(SparseMatrix x) {
        double[] data = new double[x.rows() * x.columns()];
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < x.columns(); j++) {
                data[i * x.columns() + j] = x.get(i, j);
            }
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < x.columns(); j++) {
            names.add("c" + j);
        }
        return FeatureMatrix.of(names, x.rows(), data);
    }

    @Property(tries = 15)
    void sparseFitReachesTheDenseOptimum(@ForAll @IntRange(min = 40, max = 300) int n,
            @ForAll @IntRange(min = 2, max = 12) int d, @ForAll long seed) {
        Object[] data = data(n, d, 3, seed);
        SparseMatrix x = (SparseMatrix) data[0];
        int[] y = (int[]) data[1];
        int positives = java.util.Arrays.stream(y).sum();
        if (positives == 0 || positives == n) {
            return;
        }
        LogisticRegression trainer = LogisticRegression.builder().l2(0.5).standardize(false).solver(
                LogisticRegression.Solver.NEWTON).tolerance(1e-12).build();
        SparseLogisticRegressionModel sparse = trainer.fit(x, y);
        LogisticRegressionModel denseModel = trainer.fit(dense(x), y);
        assertTrue(sparse.converged());
        assertEquals(denseModel.objective(), sparse.objective(), 1e-9 * (1 + Math.abs(denseModel.objective())));
        double[] a = denseModel.coefficients();
        double[] b = sparse.coefficients();
        for (int j = 0; j < d; j++) {
            boolean used = false;
            for (int i = 0; i < n; i++) {
                used |= x.get(i, j) != 0;
            }
            if (used) {
                assertEquals(a[j], b[j], 1e-5 * (1 + Math.abs(a[j])), "column " + j);
            } else {
                assertEquals(0.0, b[j], 0.0, "unused column " + j + " must be exactly 0");
            }
        }
        assertEquals(denseModel.intercept(), sparse.intercept(), 1e-5 * (1 + Math.abs(denseModel.intercept())));
        double[] history = sparse.objectiveHistory();
        for (int t = 1; t < history.length; t++) {
            assertTrue(history[t] <= history[t - 1], "objective rose at step " + t);
        }
    }

    @Test
    void threadsAndSolversAgree() {
        // more rows than one row chunk and more columns than one column chunk
        Object[] data = data(9_000, 40_000, 12, 7);
        SparseMatrix x = (SparseMatrix) data[0];
        int[] y = (int[]) data[1];
        LogisticRegression.Builder b = LogisticRegression.builder().l2(2);
        SparseLogisticRegressionModel one = b.threads(1).build().fit(x, y);
        SparseLogisticRegressionModel four = b.threads(4).build().fit(x, y);
        assertArrayEquals(one.coefficients(), four.coefficients());
        assertEquals(one.intercept(), four.intercept(), 0.0);
        assertArrayEquals(one.objectiveHistory(), four.objectiveHistory());
        assertTrue(one.converged());
        SparseLogisticRegressionModel lbfgs = b.threads(1).solver(LogisticRegression.Solver.LBFGS).maxIterations(1000)
                .build().fit(x, y);
        assertTrue(lbfgs.converged());
        assertEquals(one.objective(), lbfgs.objective(), 1e-6 * one.objective());
        double[] logOdds = one.predictLogOdds(x);
        double[] p = one.predictProbabilities(x);
        int[] label = one.predict(x);
        for (int i = 0; i < 100; i++) {
            assertEquals(1 / (1 + Math.exp(-logOdds[i])), p[i], 1e-15);
            assertEquals(logOdds[i] > 0 ? 1 : 0, label[i]);
        }
    }

    @Test
    void badInputIsNamed() {
        SparseMatrix x = new SparseMatrix(3, new int[] {0, 1, 2, 3}, new int[] {0, 1, 2}, new double[] {1, 2, 3});
        IllegalArgumentException noPenalty = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.builder().build().fit(x, new int[] {0, 1, 0}));
        assertEquals("l2 must be > 0 for sparse rows, found 0.0", noPenalty.getMessage());
        LogisticRegression t = LogisticRegression.builder().l2(1).build();
        assertEquals("row 1: label must be 0 or 1, found 2",
                assertThrows(InvalidDataException.class, () -> t.fit(x, new int[] {0, 2, 1})).getMessage());
        assertEquals("y: length must be x.rows() = 3, found 2",
                assertThrows(InvalidDataException.class, () -> t.fit(x, new int[] {0, 1})).getMessage());
        assertEquals("y: labels must contain both classes 0 and 1, found only 1 in 3 rows",
                assertThrows(InvalidDataException.class, () -> t.fit(x, new int[] {1, 1, 1})).getMessage());
        SparseMatrix nan = new SparseMatrix(3, new int[] {0, 1, 2, 3}, new int[] {0, 1, 2},
                new double[] {1, Double.NaN, 3});
        assertEquals("row 1, column 1: value must be finite, found NaN",
                assertThrows(InvalidDataException.class, () -> t.fit(nan, new int[] {0, 1, 0})).getMessage());
        SparseLogisticRegressionModel m = t.fit(x, new int[] {0, 1, 0});
        SparseMatrix wide = new SparseMatrix(4, new int[] {0, 0}, new int[0], new double[0]);
        assertEquals("x must have 3 columns, found 4",
                assertThrows(InvalidDataException.class, () -> m.predictLogOdds(wide)).getMessage());
    }

    @Test
    void modelIsAValue() {
        Object[] data = data(300, 50, 4, 11);
        SparseMatrix x = (SparseMatrix) data[0];
        int[] y = (int[]) data[1];
        LogisticRegression t = LogisticRegression.builder().l2(1).build();
        SparseLogisticRegressionModel m = t.fit(x, y);
        double[] c = m.coefficients();
        c[0] += 1;
        assertEquals(m.coefficients()[0] + 1, c[0], 0.0);
        double[] h = m.objectiveHistory();
        h[0] = -1;
        assertTrue(m.objectiveHistory()[0] > 0);
        assertArrayEquals(m.coefficients(), t.fit(x, y).coefficients());
        // format version 3: the trainer description is the provenance's, without threads (which change no result)
        assertEquals(t.toString().replace(", threads=1", ""), m.trainer());
        assertEquals(300, m.rows());
        assertEquals(50, m.columns());
        assertTrue(m.logLikelihood() < 0 && m.objective() > -m.logLikelihood());
        assertEquals("SparseLogisticRegressionModel{columns=50, rows=300, iterations=" + m.iterations()
                + ", converged=true, trainer=" + m.trainer() + "}", m.toString());
    }
}
