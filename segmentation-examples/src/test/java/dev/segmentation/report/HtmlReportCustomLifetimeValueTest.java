package dev.segmentation.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.Provenance;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.clv.Clv;
import dev.segmentation.clv.LifetimeValueModel;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.pipeline.Segmentation;
import dev.segmentation.pipeline.SegmentationResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: the report of a run whose lifetime-value stage used another family's model (not BTYD) names that model
 * and shows the CLV by segment, without the BTYD charts, instead of failing on the absent transaction model.
 */
class HtmlReportCustomLifetimeValueTest {
    /** Every customer alive, one purchase a week, each worth the customer's mean spend or 10. */
    private static final class Weekly implements LifetimeValueModel {
        @Override
        public String name() {
            return "weekly <test>";
        }

        @Override
        public Duration unit() {
            return Duration.ofDays(7);
        }

        @Override
        public double probabilityAlive(double frequency, double recency, double T) {
            return 1;
        }

        @Override
        public double expectedPurchases(double t, double frequency, double recency, double T) {
            return t;
        }

        @Override
        public double value(Clv clv, double frequency, double recency, double T, double monetary) {
            return clv.customerValue(unit(), monetary > 0 ? monetary : 10, (t, out) -> System.arraycopy(t, 0, out, 0,
                    t.length));
        }

        @Override
        public Provenance provenance() {
            return Provenance.notRecorded();
        }

        @Override
        public Weekly withProvenance(Provenance provenance) {
            return this;
        }
    }

    @Test
    void aCustomLifetimeValueModelIsNamedAndHasNoBtydCharts() {
        TransactionLog log = RetailSimulator.builder().customers(400).seed(4).build().generate().log();
        SegmentationResult r = Segmentation.of(log).segments(KMeans.builder().k(3).seed(1))
                .lifetimeValue((l, asOf) -> new Weekly()).run();
        assertTrue(r.summary().isPresent());
        assertFalse(r.transactionModel().isPresent());
        String html = HtmlReport.render(r, "Report");
        assertTrue(html.contains("<p id=\"ltv-model\">P(alive), expected purchases and CLV come from the lifetime-value"
                + " model <b>weekly &lt;test&gt;</b>.</p>"), html);
        assertTrue(html.contains("<svg class=\"chart\" id=\"clv-by-segment\""));
        assertFalse(html.contains("id=\"p-alive-matrix\""));
        assertFalse(html.contains("id=\"repeat-purchases\""));
    }
}
