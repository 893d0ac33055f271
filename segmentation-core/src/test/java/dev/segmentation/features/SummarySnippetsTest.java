package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.data.TransactionLog;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The javadoc examples of {@link BtydSummarizer} and {@link CustomerFeatures}, copied verbatim, must run. */
class SummarySnippetsTest {
    private static final TransactionLog LOG = TransactionLog.builder()
            .add("1", "i1", "A", LocalDate.of(1997, 1, 1).atStartOfDay(), 2, 29.33, null, null)
            .add("1", "i2", "A", LocalDate.of(1997, 1, 18).atStartOfDay(), 2, 29.73, null, null)
            .add("1", "i3", "B", LocalDate.of(1997, 8, 2).atStartOfDay(), 1, 14.96, null, null)
            .build();

    @Test
    void btydSummarizerClassExample() {
        TransactionLog log = LOG;
        // BEGIN BtydSummarizer
        BtydSummary cdnow = BtydSummarizer.builder()
                .end(LocalDate.of(1997, 9, 30))
                .period(PurchasePeriod.DAY)
                .unit(Duration.ofDays(7))
                .build()
                .summarize(log);
        // END BtydSummarizer
        // CDNOW customer 1 (cdnow_customers_summary_with_transactions.csv): 2, 30.43, 38.86, 22.35.
        assertEquals(2, cdnow.frequency(0));
        assertEquals(213 / 7.0, cdnow.recency(0));
        assertEquals(272 / 7.0, cdnow.T(0));
        assertEquals((29.73 + 14.96) / 2, cdnow.monetary(0));
    }

    @Test
    void customerFeaturesClassExample() {
        TransactionLog log = LOG;
        // BEGIN CustomerFeatures
        CustomerFeatureTable table = CustomerFeatures.builder()
                .asOf(LocalDate.of(2011, 12, 10))
                .rfm().tenure().behaviour()
                .build()
                .compute(log);
        FeatureMatrix x = table.matrix();      // recency, frequency, monetary, tenure, mean_basket_value, ...
        // END CustomerFeatures
        assertEquals(List.of("recency", "frequency", "monetary", "tenure", "mean_basket_value",
                "mean_items_per_order", "mean_distinct_items_per_order", "mean_interpurchase_days"), x.names());
        assertEquals(3, x.get(0, 1));
    }
}
