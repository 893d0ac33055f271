package dev.segmentation.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.TransactionLog;
import dev.segmentation.eval.CrossValidation;
import dev.segmentation.eval.CrossValidationResult;
import dev.segmentation.features.FeatureMatrix;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The javadoc examples of this package, compiled and run (copied into {@code <pre>{@code ...}</pre>}). */
class SnippetsTest {
    @Test
    void logistic() {
        int[] y = new int[400];
        FeatureMatrix x = LogisticRegressionTest.gaussian(400, 3, 1, y);
        // region logistic
        LogisticRegressionModel model = LogisticRegression.builder().l2(1.0).build().fit(x, y);
        double pChurn = model.predictProbability(x.row(0, null));
        CrossValidationResult cv = CrossValidation.stratified(x, y, 5, 42,
                (trainX, trainY, test) -> LogisticRegression.builder().l2(1.0).build()
                        .fit(trainX, trainY).predictProbabilities(test));
        // endregion
        assertTrue(pChurn > 0 && pChurn < 1);
        assertEquals(5, cv.folds());
    }

    @Test
    void labeler() {
        TransactionLog.Builder b = TransactionLog.builder();
        for (int c = 0; c < 60; c++) {
            b.add("c" + c, LocalDate.of(2011, 1, 1).plusDays(c).atStartOfDay(), 10 + c);
            if (c % 3 != 0) {
                b.add("c" + c, LocalDate.of(2011, 10, 1).plusDays(c % 20).atStartOfDay(), 5);
            }
            if (c % 5 == 0) {
                b.add("c" + c, LocalDate.of(2011, 8, 1).plusDays(c % 30).atStartOfDay(), 7);
            }
        }
        b.add("late", LocalDate.of(2011, 12, 9).atStartOfDay(), 1);
        TransactionLog log = b.build();
        // region labeler
        ChurnDataset data = ChurnLabeler.builder().cutoff(LocalDate.of(2011, 9, 9)).horizonDays(90).build()
                .label(log);
        LogisticRegressionModel model = LogisticRegression.builder().l2(1.0).build()
                .fit(data.features(), data.labels());
        // endregion
        assertEquals(60, data.labels().length);
        assertEquals(20 / 60.0, data.churnRate(), 1e-12);
        assertTrue(model.converged());
    }
}
