package dev.segmentation.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.testing.SharedData;
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
            assertTrue(m.iterations() >= 5 && m.iterations() <= 12, "iterations " + m.iterations());
            System.out.println(m + " " + m.iterations() + " " + java.util.Arrays.toString(m.objectiveHistory()));
        }
    }
}
