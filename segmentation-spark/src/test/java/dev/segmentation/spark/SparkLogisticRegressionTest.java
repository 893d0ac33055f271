package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.churn.LogisticRegressionModel;
import dev.segmentation.churn.TelcoChurn;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.testing.SharedData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SparkLogisticRegression against the single-JVM LogisticRegression on the same rows in id order: the same
 * iterations and coefficients to 1e-8 relative (the chunk sizes differ: 4,096 rows in Spark, 8,192 in the single
 * JVM, so the sums are rounded differently), and bit-identical models over 1, 3 and 7 partitions.
 */
class SparkLogisticRegressionTest {
    private static final double REL = 1e-8;
    private static SparkSession spark;
    private static FeatureMatrix x;
    private static double[] y;
    private static double[] w;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("SparkLogisticRegressionTest");
        // 20,000 rows (5 Spark chunks, 3 single-JVM chunks), 5 columns on different scales, a logistic truth
        Random random = new Random(20);
        int n = 20_000;
        int p = 5;
        double[] data = new double[n * p];
        y = new double[n];
        w = new double[n];
        for (int i = 0; i < n; i++) {
            double eta = -0.4;
            for (int j = 0; j < p; j++) {
                double v = random.nextGaussian() * (j + 1) + 10 * j;
                data[i * p + j] = v;
                eta += (j % 2 == 0 ? 0.5 : -0.3) * (v - 10 * j) / (j + 1);
            }
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
            w[i] = 0.5 + random.nextInt(4) * 0.25;
        }
        x = FeatureMatrix.of(List.of("a", "b", "c", "d", "e"), n, data);
    }

    @AfterAll
    static void stop() {
        SparkTestSession.release(spark);
    }

    private static int[] labels(double[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) v[i];
        }
        return out;
    }

    private static Dataset<Row> rows(FeatureMatrix m, double[] labels, double[] weights, int partitions) {
        List<String> names = new ArrayList<>(List.of("churned"));
        List<double[]> extra = new ArrayList<>(List.of(labels));
        if (weights != null) {
            names.add("weight");
            extra.add(weights);
        }
        return Matrices.of(spark, m, names, extra, partitions);
    }

    private static LogisticRegressionModel sparkFit(LogisticRegression trainer, FeatureMatrix m, double[] labels,
            double[] weights, int partitions) {
        return SparkLogisticRegression.fit(trainer, rows(m, labels, weights, partitions), Matrices.ID, m.names(),
                "churned", weights == null ? null : "weight");
    }

    private static void assertSameFit(LogisticRegressionModel expected, LogisticRegressionModel actual) {
        assertEquals(expected.iterations(), actual.iterations());
        assertEquals(expected.converged(), actual.converged());
        assertEquals(expected.intercept(), actual.intercept(), Math.abs(expected.intercept()) * REL);
        double[] e = expected.coefficients();
        double[] a = actual.coefficients();
        for (int j = 0; j < e.length; j++) {
            assertEquals(e[j], a[j], Math.abs(e[j]) * REL, "coefficient " + j);
        }
        assertEquals(expected.logLikelihood(), actual.logLikelihood(), Math.abs(expected.logLikelihood()) * REL);
        assertEquals(expected.hasStandardErrors(), actual.hasStandardErrors());
        if (expected.hasStandardErrors()) {
            double[] se = expected.standardErrors();
            double[] sa = actual.standardErrors();
            for (int j = 0; j < se.length; j++) {
                assertEquals(se[j], sa[j], se[j] * REL, "standard error " + j);
            }
        }
    }

    private static void assertBitIdentical(LogisticRegressionModel a, LogisticRegressionModel b) {
        assertArrayEquals(a.coefficients(), b.coefficients());
        assertEquals(a.intercept(), b.intercept());
        assertEquals(a.logLikelihood(), b.logLikelihood());
        assertEquals(a.iterations(), b.iterations());
    }

    @Test
    void unpenalizedFitEqualsSingleJvmAndIsBitIdenticalAcrossPartitionings() {
        LogisticRegression trainer = LogisticRegression.builder().build();
        LogisticRegressionModel single = trainer.fit(x, labels(y));
        assertTrue(single.converged());
        JobRecorder jobs = JobRecorder.attach(spark);
        LogisticRegressionModel one = sparkFit(trainer, x, y, null, 1);
        List<String> descriptions = jobs.descriptions();
        assertSameFit(single, one);
        assertEquals("spark", one.provenance().settings().get("engine"));
        assertTrue(descriptions.contains("churn: Newton iteration 1"), descriptions.toString());
        assertTrue(descriptions.contains("churn: logistic regression: column moments"), descriptions.toString());
        assertTrue(descriptions.contains("churn: Newton final Hessian")
                || descriptions.contains("churn: Newton iteration " + single.iterations()), descriptions.toString());
        for (int partitions : new int[] {3, 7}) {
            assertBitIdentical(one, sparkFit(trainer, x, y, null, partitions));
        }
    }

    @Test
    void weightedPenalizedSubsampledFitEqualsSingleJvmAndIsBitIdenticalAcrossPartitionings() {
        // hessianRows 5,000 < 20,000 rows: the warm start on a block subsample and a sub-sampled Hessian
        LogisticRegression trainer = LogisticRegression.builder().l2(2.5).classWeights(0.8, 1.7).hessianRows(5000)
                .build();
        LogisticRegressionModel single = trainer.fit(x, labels(y), w);
        JobRecorder jobs = JobRecorder.attach(spark);
        LogisticRegressionModel one = sparkFit(trainer, x, y, w, 1);
        List<String> descriptions = jobs.descriptions();
        assertSameFit(single, one);
        assertTrue(descriptions.contains("churn: Newton warm start iteration 1"), descriptions.toString());
        for (int partitions : new int[] {3, 7}) {
            assertBitIdentical(one, sparkFit(trainer, x, y, w, partitions));
        }
    }

    @Test
    void lbfgsFitEqualsSingleJvm() {
        LogisticRegression trainer = LogisticRegression.builder().l2(1.0).solver(LogisticRegression.Solver.LBFGS)
                .build();
        LogisticRegressionModel single = trainer.fit(x, labels(y));
        JobRecorder jobs = JobRecorder.attach(spark);
        LogisticRegressionModel spark3 = sparkFit(trainer, x, y, null, 3);
        assertTrue(jobs.descriptions().contains("churn: L-BFGS iteration 1"));
        assertSameFit(single, spark3);
    }

    /** The IBM Telco churn data (7,043 rows, 2 Spark chunks, 1 single-JVM chunk): the golden fit of churn tests. */
    @Test
    void telcoChurnEqualsSingleJvmFit() {
        TelcoChurn t = TelcoChurn.read(SharedData.file("telco-churn/Telco-Customer-Churn.csv"),
                TelcoChurn.BlankTotalCharges.ZERO);
        double[] labels = new double[t.labels().length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = t.labels()[i];
        }
        LogisticRegression trainer = LogisticRegression.builder().build();
        LogisticRegressionModel single = trainer.fit(t.features(), t.labels());
        LogisticRegressionModel seven = sparkFit(trainer, t.features(), labels, null, 7);
        assertSameFit(single, seven);
        // reference-numbers.md ("[ref]" Telco): log-likelihood -2914.1421548910
        assertEquals(-2914.1421548910, seven.logLikelihood(), 2914.1421548910 * 1e-6);
        assertFalse(seven.separation());
    }

    @Test
    void badLabelsAndColumnsAreNamed() {
        double[] bad = y.clone();
        bad[17] = 2;
        LogisticRegression trainer = LogisticRegression.builder().build();
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> sparkFit(trainer, x, bad, null, 3));
        assertEquals("row 17 in id order, column churned: label must be 0 or 1, found 2.0", e.getMessage());
        JobRecorder jobs = JobRecorder.attach(spark);
        e = assertThrows(InvalidDataException.class, () -> SparkLogisticRegression.fit(trainer,
                rows(x, y, null, 2).drop("churned"), Matrices.ID, x.names(), "churned", null));
        assertEquals("rows must have the column \"churned\", found [id, a, b, c, d, e]", e.getMessage());
        e = assertThrows(InvalidDataException.class, () -> SparkLogisticRegression.fit(trainer,
                rows(x, y, null, 2).withColumn("churned", functions.lit("yes")), Matrices.ID, x.names(),
                "churned", null));
        assertEquals("rows column \"churned\" must be numeric, found string", e.getMessage());
        assertEquals(List.of(), jobs.descriptions(), "schema errors come before any job");
        double[] oneClass = new double[y.length];
        e = assertThrows(InvalidDataException.class, () -> sparkFit(trainer, x, oneClass, null, 2));
        assertEquals("y: both classes must have positive total weight, found 20000.0 for 0 and 0.0 for 1",
                e.getMessage());
    }
}
