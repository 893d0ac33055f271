package dev.segmentation.churn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.testing.StdoutGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {
    /** Synthetic logistic data: x ~ N(0, 1) (column j scaled by j + 1), logit = 0.5 + sum w_j x_j. */
    static FeatureMatrix gaussian(int n, int d, long seed, int[] yOut) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] w = new double[d];
        for (int j = 0; j < d; j++) {
            w[j] = (rnd.nextDouble() - 0.5) / (j + 1);
        }
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            double eta = 0.5;
            for (int j = 0; j < d; j++) {
                double v = gauss(rnd) * (j + 1) + j;
                x[i * d + j] = v;
                eta += w[j] * (v - j);
            }
            yOut[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            names.add("x" + j);
        }
        return FeatureMatrix.of(names, n, x);
    }

    static double gauss(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    @Test
    void toStringListsEveryHyperparameter() {
        assertEquals("LogisticRegression{l2=0.0, standardize=true, solver=AUTO, maxIterations=100, tolerance=1.0E-8,"
                + " threads=1, classWeights=[1.0, 1.0], hessianRows=65536}", LogisticRegression.builder().build()
                .toString());
        LogisticRegression lr = LogisticRegression.builder().l2(2.5).standardize(false)
                .solver(LogisticRegression.Solver.LBFGS).maxIterations(7).tolerance(1e-6).threads(3)
                .classWeights(1, 4).hessianRows(0).build();
        assertEquals("LogisticRegression{l2=2.5, standardize=false, solver=LBFGS, maxIterations=7, tolerance=1.0E-6,"
                + " threads=3, classWeights=[1.0, 4.0], hessianRows=0}", lr.toString());
        assertEquals(lr.toString(), lr.toBuilder().build().toString());
    }

    @Test
    void builderRejectsBadSettings() {
        assertEquals("l2 must be finite and >= 0, found -1.0", assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.builder().l2(-1)).getMessage());
        assertEquals("maxIterations must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.builder().maxIterations(0)).getMessage());
        assertEquals("tolerance must be in (0, 1), found 0.0", assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.builder().tolerance(0)).getMessage());
        assertEquals("threads must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.builder().threads(0)).getMessage());
        assertEquals("classWeights positive must be finite and > 0, found NaN", assertThrows(
                IllegalArgumentException.class, () -> LogisticRegression.builder().classWeights(1, Double.NaN))
                .getMessage());
        assertEquals("hessianRows must be 0 or >= 1000, found 10", assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.builder().hessianRows(10)).getMessage());
    }

    @Test
    void badInputIsNamed() {
        LogisticRegression lr = LogisticRegression.builder().build();
        FeatureMatrix nan = FeatureMatrix.ofRows(List.of("a", "b"), new double[][] {{1, 2}, {2, Double.NaN},
            {3, 1}, {0, 5}});
        assertEquals("row 1, column b: value must be finite, found NaN", assertThrows(InvalidDataException.class,
                () -> lr.fit(nan, new int[] {0, 1, 0, 1})).getMessage());
        FeatureMatrix ok = FeatureMatrix.ofRows(List.of("a", "b"), new double[][] {{1, 2}, {2, 3}, {3, 1}, {0, 5},
            {4, 4}});
        assertEquals("y: labels must contain both classes 0 and 1, found only 1 in 5 rows", assertThrows(
                InvalidDataException.class, () -> lr.fit(ok, new int[] {1, 1, 1, 1, 1})).getMessage());
        assertEquals("row 2: label must be 0 or 1, found 2", assertThrows(InvalidDataException.class,
                () -> lr.fit(ok, new int[] {1, 0, 2, 1, 0})).getMessage());
        assertEquals("y: length must be x.rows() = 5, found 2", assertThrows(InvalidDataException.class,
                () -> lr.fit(ok, new int[] {1, 0})).getMessage());
        FeatureMatrix constant = FeatureMatrix.ofRows(List.of("a", "c"), new double[][] {{1, 7}, {2, 7}, {3, 7},
            {0, 7}, {4, 7}});
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> lr.fit(constant, new int[] {0, 1, 0, 1, 1}));
        assertEquals("column c: values must not be constant when l2 = 0, found every value = 7.0", e.getMessage());
        assertEquals("c", e.column());
        FeatureMatrix wide = FeatureMatrix.ofRows(List.of("a", "b", "c"), new double[][] {{1, 2, 3}, {2, 1, 0},
            {0, 1, 1}});
        assertEquals("x: rows must be more than the columns when l2 = 0, found 3 rows and 3 columns", assertThrows(
                InvalidDataException.class, () -> lr.fit(wide, new int[] {0, 1, 1})).getMessage());
        FeatureMatrix collinear = FeatureMatrix.ofRows(List.of("a", "b", "a_plus_b"), new double[][] {{1, 2, 3},
            {2, 1, 3}, {0, 1, 1}, {3, 3, 6}, {1, 0, 1}, {2, 2, 4}, {0, 3, 3}});
        assertEquals("column a_plus_b: columns must be linearly independent when l2 = 0, found a_plus_b a linear"
                + " combination of the intercept and the columns before it", assertThrows(InvalidDataException.class,
                () -> lr.fit(collinear, new int[] {0, 1, 0, 1, 1, 0, 1})).getMessage());
        assertEquals("row 1: sample weight must be finite and >= 0, found -1.0", assertThrows(
                InvalidDataException.class, () -> lr.fit(ok, new int[] {0, 1, 0, 1, 1}, new double[] {1, -1, 1, 1, 1}))
                .getMessage());
    }

    @Test
    void penaltyHandlesConstantColumnsAndWideData() {
        FeatureMatrix constant = FeatureMatrix.ofRows(List.of("a", "c"), new double[][] {{1, 7}, {2, 7}, {3, 7},
            {0, 7}, {4, 7}});
        LogisticRegressionModel m = LogisticRegression.builder().l2(1).build().fit(constant,
                new int[] {0, 1, 0, 1, 1});
        assertEquals(0.0, m.coefficient("c"));
        assertTrue(m.converged());
        FeatureMatrix wide = FeatureMatrix.ofRows(List.of("a", "b", "c"), new double[][] {{1, 2, 3}, {2, 1, 0},
            {0, 1, 1}});
        LogisticRegressionModel w = LogisticRegression.builder().l2(0.5).build().fit(wide, new int[] {0, 1, 1});
        assertTrue(w.converged());
    }

    @Test
    void completeSeparationIsReportedNotHidden() {
        FeatureMatrix x = FeatureMatrix.ofRows(List.of("x"), new double[][] {{-2}, {-1}, {-0.5}, {0.5}, {1}, {2}});
        int[] y = {0, 0, 0, 1, 1, 1};
        String[] out = new String[1];
        LogisticRegressionModel[] m = new LogisticRegressionModel[1];
        out[0] = StdoutGuard.capture(() -> m[0] = LogisticRegression.builder().build().fit(x, y));
        assertEquals("", out[0]);
        assertTrue(m[0].separation());
        assertFalse(m[0].converged());
        assertFalse(m[0].hasStandardErrors());
        assertEquals("standard errors must come from an unpenalized fit without separation, found separation",
                assertThrows(IllegalStateException.class, m[0]::standardErrors).getMessage());
        LogisticRegressionModel pen = LogisticRegression.builder().l2(0.1).build().fit(x, y);
        assertFalse(pen.separation());
        assertTrue(pen.converged());
    }

    @Test
    void quasiSeparationIsReported() {
        // x > 0 implies y = 1, x < 0 implies y = 0, and at x = 0 both labels occur (quasi-complete
        // separation, Albert and Anderson 1984): the MLE of the slope is infinite, the rest is finite.
        FeatureMatrix x = FeatureMatrix.ofRows(List.of("x", "z"), new double[][] {{0, 1}, {0, -1}, {1, 0.3},
            {2, -0.2}, {3, 0.5}, {-1, 0.1}, {-2, 0.7}, {-1, -0.4}, {-3, 0.2}, {0, 0.0}, {0, 0.4}});
        int[] y = {0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 0};
        LogisticRegressionModel m = LogisticRegression.builder().build().fit(x, y);
        assertTrue(m.separation(), m.toString());
        assertFalse(m.converged());
    }

    @Test
    void overlappingDataIsNotSeparated() {
        int[] y = new int[2000];
        FeatureMatrix x = gaussian(2000, 3, 7, y);
        LogisticRegressionModel m = LogisticRegression.builder().build().fit(x, y);
        assertFalse(m.separation());
        assertTrue(m.converged());
        assertTrue(m.hasStandardErrors());
    }

    @Test
    void threadsGiveBitIdenticalResultsAcrossChunks() {
        int n = 5 * LogisticObjective.CHUNK_ROWS + 123;
        int[] y = new int[n];
        FeatureMatrix x = gaussian(n, 6, 11, y);
        for (LogisticRegression.Builder b : List.of(LogisticRegression.builder(),
                LogisticRegression.builder().l2(3).hessianRows(4000),
                LogisticRegression.builder().l2(1).solver(LogisticRegression.Solver.LBFGS))) {
            LogisticRegressionModel one = b.threads(1).build().fit(x, y);
            LogisticRegressionModel four = b.threads(4).build().fit(x, y);
            assertArrayEquals(one.coefficients(), four.coefficients());
            assertEquals(one.intercept(), four.intercept());
            assertEquals(one.objective(), four.objective());
            assertArrayEquals(one.objectiveHistory(), four.objectiveHistory());
        }
    }

    @Test
    void subsampledHessianAndLbfgsReachTheExactNewtonOptimum() {
        int n = 30_000;
        int[] y = new int[n];
        FeatureMatrix x = gaussian(n, 5, 3, y);
        for (double l2 : new double[] {0, 2}) {
            LogisticRegressionModel exact = LogisticRegression.builder().l2(l2).hessianRows(0).build().fit(x, y);
            // The gap left is at most tolerance * (1 + |F|) (the documented rule); exact Newton squares it.
            LogisticRegressionModel sub = LogisticRegression.builder().l2(l2).hessianRows(1000).tolerance(1e-11).build()
                    .fit(x, y);
            LogisticRegressionModel lbfgs = LogisticRegression.builder().l2(l2).tolerance(1e-12).maxIterations(500)
                    .solver(LogisticRegression.Solver.LBFGS).build().fit(x, y);
            assertTrue(exact.converged() && sub.converged() && lbfgs.converged());
            assertEquals(exact.objective(), sub.objective(), 1e-10 * exact.objective());
            assertEquals(exact.objective(), lbfgs.objective(), 1e-10 * exact.objective());
            assertArrayEquals(exact.coefficients(), sub.coefficients(), 1e-5);
            assertArrayEquals(exact.coefficients(), lbfgs.coefficients(), 1e-4);
            if (l2 == 0) {
                assertArrayEquals(exact.standardErrors(), sub.standardErrors(), 1e-6);
            }
        }
    }

    @Test
    void warmStartSurvivesASubsampleWithoutTheRareClass() {
        // 20,000 rows, positives only in rows 64..127: the coarse block subsamples hold no positive at all.
        int n = 20_000;
        int[] y = new int[n];
        FeatureMatrix x = gaussian(n, 2, 13, y);
        for (int i = 0; i < n; i++) {
            y[i] = i >= 64 && i < 128 && i % 2 == 0 ? 1 : 0;
        }
        LogisticRegressionModel sub = LogisticRegression.builder().hessianRows(1000).build().fit(x, y);
        LogisticRegressionModel exact = LogisticRegression.builder().hessianRows(0).build().fit(x, y);
        assertTrue(sub.converged() && exact.converged());
        assertEquals(exact.objective(), sub.objective(), 1e-8 * exact.objective());
    }

    @Test
    void weightsActAsRepeatedRowsAndClassWeightsScaleLabels() {
        int n = 400;
        int[] y = new int[n];
        FeatureMatrix x = gaussian(n, 3, 5, y);
        double[] w = new double[n];
        double[] data = x.toArray();
        List<double[]> rows = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            w[i] = 1 + i % 3;
            for (int k = 0; k < w[i]; k++) {
                rows.add(java.util.Arrays.copyOfRange(data, i * 3, i * 3 + 3));
                ys.add(y[i]);
            }
        }
        FeatureMatrix rep = FeatureMatrix.ofRows(x.names(), rows.toArray(new double[0][]));
        int[] yRep = ys.stream().mapToInt(Integer::intValue).toArray();
        LogisticRegressionModel weighted = LogisticRegression.builder().build().fit(x, y, w);
        LogisticRegressionModel repeated = LogisticRegression.builder().build().fit(rep, yRep);
        assertArrayEquals(repeated.coefficients(), weighted.coefficients(), 1e-9);
        assertEquals(repeated.logLikelihood(), weighted.logLikelihood(), 1e-9 * Math.abs(repeated.logLikelihood()));
        double[] byClass = new double[n];
        for (int i = 0; i < n; i++) {
            byClass[i] = y[i] == 1 ? 3 : 1;
        }
        LogisticRegressionModel cw = LogisticRegression.builder().classWeights(1, 3).build().fit(x, y);
        LogisticRegressionModel sw = LogisticRegression.builder().build().fit(x, y, byClass);
        assertArrayEquals(sw.coefficients(), cw.coefficients(), 1e-12);
    }

    @Test
    void interceptOnlyModelIsTheLogitOfTheMean() {
        FeatureMatrix none = FeatureMatrix.of(List.of(), 5, new double[0]);
        LogisticRegressionModel m = LogisticRegression.builder().build().fit(none, new int[] {1, 0, 0, 1, 0});
        assertEquals(Math.log(0.4 / 0.6), m.intercept(), 1e-12);
        assertEquals(m.nullLogLikelihood(), m.logLikelihood(), 1e-12);
        assertEquals(0.6 * 0.4 * 5, 1 / Math.pow(m.interceptStandardError(), 2), 1e-9);
    }

    @Test
    void modelIsAValue() {
        int[] y = new int[500];
        FeatureMatrix x = gaussian(500, 2, 9, y);
        LogisticRegressionModel m = LogisticRegression.builder().build().fit(x, y);
        double[] c = m.coefficients();
        c[0] = 99;
        assertTrue(m.coefficients()[0] != 99);
        double[] row = {0.3, -1};
        double eta = m.intercept() + m.coefficients()[0] * 0.3 - m.coefficients()[1];
        assertEquals(1 / (1 + Math.exp(-eta)), m.predictProbability(row), 1e-15);
        assertEquals(m.predictProbability(x.row(3, null)), m.predictProbabilities(x)[3]);
        double[] buffer = new double[600];
        assertTrue(buffer == m.predictProbabilities(x, buffer));
        assertEquals(m.predictProbabilities(x)[499], buffer[499]);
        assertEquals("x: columns must be [x0, x1], found [a, b]", assertThrows(InvalidDataException.class,
                () -> m.predictProbabilities(FeatureMatrix.of(List.of("a", "b"), 1, new double[2]))).getMessage());
        assertEquals("row must have length 2, found 1", assertThrows(IllegalArgumentException.class,
                () -> m.predictProbability(new double[1])).getMessage());
        assertTrue(m.trainer().startsWith("LogisticRegression{"));
        assertEquals(500, m.rows());
    }

    /** Issue 17: a non-finite input is refused as KMeansModel.predict refuses it, never scored as NaN. */
    @Test
    void nonFiniteInputsAreRefusedWithTheKMeansWording() {
        int[] y = new int[200];
        FeatureMatrix x = gaussian(200, 2, 3, y);
        LogisticRegressionModel m = LogisticRegression.builder().build().fit(x, y);
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> m.predictProbability(new double[] {0.5, Double.NaN}));
        assertEquals("row, column x1: value must be finite, found NaN", e.getMessage());
        assertEquals("x1", e.column());
        assertEquals("row, column x0: value must be finite, found Infinity", assertThrows(InvalidDataException.class,
                () -> m.logit(new double[] {Double.POSITIVE_INFINITY, 1})).getMessage());
        double[] data = new double[6];
        data[5] = Double.NaN;
        assertEquals("row 2, column x1: value must be finite, found NaN", assertThrows(InvalidDataException.class,
                () -> m.predictProbabilities(FeatureMatrix.of(List.of("x0", "x1"), 3, data))).getMessage());
        assertTrue(m.predictProbability(new double[] {1e308, 1e308}) >= 0);
    }
}
