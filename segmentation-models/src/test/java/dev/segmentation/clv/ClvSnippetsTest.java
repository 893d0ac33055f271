package dev.segmentation.clv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.features.BtydSummary;
import dev.segmentation.testing.SharedData;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.Test;

/** The javadoc examples of the clv package, run as written (G9: snippets are tested regions). */
class ClvSnippetsTest {
    @Test
    void bgNbdClassExample() {
        Path path = SharedData.file("cdnow/cdnow_customers_summary.csv");
        // region BgNbd
        BtydSummary cdnow = BtydSummary.readCsv(path, UTF_8, Duration.ofDays(7), "ID", "frequency", "recency", "T", null);
        BgNbdModel model = BgNbd.builder().build().fit(cdnow);
        double pAlive = model.probabilityAlive(2, 30.43, 38.86);
        // endregion
        assertTrue(pAlive > 0 && pAlive < 1);
        assertEquals(0.242593, model.r(), 1e-5);
    }

    @Test
    void spendAndClvExamples() {
        BtydSummary summaryWithMonetary = GammaGammaCdnowTest.cdnowWithSpend();
        BtydSummary summary = summaryWithMonetary;
        BgNbdModel bgNbdModel = BgNbd.builder().build().fit(summary);
        // region GammaGamma
        GammaGammaModel spend = GammaGamma.builder().build().fit(summaryWithMonetary);
        double m = spend.conditionalExpectedAverageSpend(2, 30.5);
        // endregion
        GammaGammaModel gammaGammaModel = spend;
        // region Clv
        Clv clv = Clv.builder().horizon(Period.ofMonths(12)).annualDiscountRate(0.10).build();
        double[] values = clv.compute(bgNbdModel, gammaGammaModel, summary);
        // endregion
        // region ParetoNbd
        ParetoNbdModel pareto = ParetoNbd.builder().build().fit(summary);
        // endregion
        // region ModifiedBgNbd
        ModifiedBgNbdModel modified = ModifiedBgNbd.builder().build().fit(summary);
        // endregion
        assertTrue(m > 30.5 * 0.5 && m < 40);
        assertEquals(summary.size(), values.length);
        assertTrue(values[0] > 0);
        assertTrue(pareto.converged() && modified.converged());
    }
}
