package dev.segmentation.churn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import dev.segmentation.eval.CrossValidation;
import dev.segmentation.eval.CrossValidationResult;
import dev.segmentation.testing.SharedData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden values on the IBM Telco churn data, from shared/docs/reference-numbers.md ("[ref]" Telco). */
class TelcoLogisticTest {
    /** reference-numbers.md: assert log-likelihood and coefficients to 1e-6 relative. */
    private static final double REL = 1e-6;

    static TelcoChurn telco() {
        return TelcoChurn.read(SharedData.file("telco-churn/Telco-Customer-Churn.csv"),
                TelcoChurn.BlankTotalCharges.ZERO);
    }

    @Test
    void unpenalizedMaximumLikelihoodMatchesReference() {
        TelcoChurn t = telco();
        assertEquals(7043, t.features().rows());
        assertEquals(11, t.blankTotalCharges().size());
        for (boolean standardize : new boolean[] {true, false}) {
            LogisticRegressionModel m = LogisticRegression.builder().standardize(standardize).build()
                    .fit(t.features(), t.labels());
            assertTrue(m.converged());
            assertFalse(m.separation());
            assertEquals(-2914.1421548910, m.logLikelihood(), 2914.1421548910 * REL);
            assertEquals(-4075.072950, m.nullLogLikelihood(), 4075.072950 * REL);
            assertEquals(-0.6266997113, m.intercept(), 0.6266997113 * REL);
            assertEquals(-0.0603150891, m.coefficient("tenure"), 0.0603150891 * REL);
            assertEquals(-1.3802545655, m.coefficient("Contract_TwoYear"), 1.3802545655 * REL);
            // The reference needs about 9 Newton iterations from a zero start; starting from the intercept-only
            // solution in standardized coordinates takes 6 here.
            assertTrue(m.iterations() >= 4 && m.iterations() <= 12, "iterations " + m.iterations());
            assertTrue(m.hasStandardErrors());
            double[] se = m.standardErrors();
            double[] z = m.zValues();
            double[] pv = m.pValues();
            int tenure = TelcoChurn.COLUMNS.indexOf("tenure");
            assertEquals(m.coefficient("tenure") / se[tenure], z[tenure], 1e-12);
            assertTrue(pv[tenure] < 1e-10 && pv[tenure] >= 0);
            assertEquals(Math.exp(m.coefficient("tenure")), m.oddsRatios()[tenure], 1e-15);
        }
    }

    @Test
    void threadsDoNotChangeABit() {
        TelcoChurn t = telco();
        LogisticRegressionModel one = LogisticRegression.builder().threads(1).build().fit(t.features(), t.labels());
        LogisticRegressionModel four = LogisticRegression.builder().threads(4).build().fit(t.features(), t.labels());
        assertArrayEquals(one.coefficients(), four.coefficients());
        assertEquals(one.intercept(), four.intercept());
        assertArrayEquals(one.standardErrors(), four.standardErrors());
        assertEquals(one.logLikelihood(), four.logLikelihood());
    }

    /**
     * scikit-learn 1.2.1 {@code LogisticRegression(C=1, solver="newton-cg", tol=1e-12)} on StandardScaler
     * columns, mapped to the original scale: {@code src/test/resources/dev/segmentation/churn/telco_sklearn_l2.py}.
     * Tolerance 1e-6 relative: both solvers converge far tighter.
     */
    @Test
    void standardizedL2MatchesScikitLearn() {
        TelcoChurn t = telco();
        LogisticRegressionModel m = LogisticRegression.builder().l2(1.0).build().fit(t.features(), t.labels());
        assertTrue(m.converged());
        assertFalse(m.hasStandardErrors());
        assertEquals(-0.6457706454, m.intercept(), 0.6457706454 * REL);
        assertEquals(-0.0581055922, m.coefficient("tenure"), 0.0581055922 * REL);
        assertEquals(-1.3748451644, m.coefficient("Contract_TwoYear"), 1.3748451644 * REL);
        assertEquals(-0.0063496583, m.coefficient("MonthlyCharges"), 0.0063496583 * REL);
        assertEquals(-2914.7725369739, m.logLikelihood(), 2914.7725369739 * REL);
        LogisticRegressionModel lbfgs = LogisticRegression.builder().l2(1.0).solver(LogisticRegression.Solver.LBFGS)
                .maxIterations(1000).tolerance(1e-12).build().fit(t.features(), t.labels());
        assertTrue(lbfgs.converged());
        assertEquals(m.objective(), lbfgs.objective(), 1e-9 * m.objective());
        assertEquals(m.coefficient("tenure"), lbfgs.coefficient("tenure"), 1e-4 * 0.0581055922);
    }

    /** Issue 5: 5-fold stratified CV AUC of the standardized L2 (C = 1) model must reach 0.84. */
    @Test
    void crossValidatedAucOfStandardizedL2() {
        TelcoChurn t = telco();
        LogisticRegression lr = LogisticRegression.builder().l2(1.0).build();
        CrossValidationResult cv = CrossValidation.stratified(t.features(), t.labels(), 5, 42,
                (x, y, test) -> lr.fit(x, y).predictProbabilities(test));
        assertTrue(cv.auc() >= 0.84, "auc " + cv.auc());
        assertTrue(cv.aucStd() > 0 && cv.aucStd() < 0.03, "aucStd " + cv.aucStd());
        assertTrue(cv.logLoss() > 0.3 && cv.logLoss() < 0.5, "logLoss " + cv.logLoss());
        assertTrue(cv.brier() > 0.1 && cv.brier() < 0.16, "brier " + cv.brier());
        assertTrue(cv.prAuc() > 0.5 && cv.prAuc() < 0.8, "prAuc " + cv.prAuc());
        System.out.printf("telco 5-fold CV: auc %.4f +- %.4f, logLoss %.4f, brier %.4f, prAuc %.4f%n", cv.auc(),
                cv.aucStd(), cv.logLoss(), cv.brier(), cv.prAuc());
    }

    @Test
    void blankTotalChargesPolicies() {
        java.nio.file.Path f = SharedData.file("telco-churn/Telco-Customer-Churn.csv");
        TelcoChurn dropped = TelcoChurn.read(f, TelcoChurn.BlankTotalCharges.DROP_ROW);
        assertEquals(7032, dropped.features().rows());
        assertEquals(List.of("4472-LVYGI", "3115-CZMZD", "5709-LVOEQ", "4367-NUYAO", "1371-DWPAZ", "7644-OMVMY",
                "3213-VVOLG", "2520-SGTTA", "2923-ARZLG", "4075-WKNIU", "2775-SEFEE"), dropped.blankTotalCharges());
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> TelcoChurn.read(f, TelcoChurn.BlankTotalCharges.REJECT));
        assertEquals(f + ":490: TotalCharges must be a number, found \" \" (choose BlankTotalCharges.ZERO or"
                + " DROP_ROW)", e.getMessage());
        int[] y = telco().labels();
        assertEquals(1869, java.util.Arrays.stream(y).sum());
    }
}
