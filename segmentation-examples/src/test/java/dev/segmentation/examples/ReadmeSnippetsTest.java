package dev.segmentation.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.IngestResult;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.SimulatedRetail;
import dev.segmentation.data.TransactionCsv;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.features.CustomerFeatureTable;
import dev.segmentation.features.CustomerFeatures;
import dev.segmentation.features.EncoderPipeline;
import dev.segmentation.features.EncoderPipelineModel;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.features.Log1p;
import dev.segmentation.features.Standardizer;
import dev.segmentation.testing.SharedData;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The README's code blocks, copied verbatim between the BEGIN/END markers: if the README changes, change this
 * test with it (and the other way round).
 */
class ReadmeSnippetsTest {
    @Test
    void quickstartOnTheSimulator() {
        // BEGIN README quickstart
        // Built-in data with known truth: segments, purchase rates, dropout, spend.
        SimulatedRetail sim = RetailSimulator.builder().customers(10_000).seed(7).build().generate();
        TransactionLog log = sim.log();

        // Marketing RFM as of a date, log1p then standardized: the usual input of k-means.
        CustomerFeatureTable rfm = CustomerFeatures.builder()
                .asOf(LocalDate.of(2025, 1, 1))
                .rfm()
                .build()
                .compute(log);
        EncoderPipelineModel encoder = EncoderPipeline.builder()
                .add(Log1p.builder().build())
                .add(Standardizer.builder().build())
                .build()
                .fit(rfm.matrix());
        FeatureMatrix x = encoder.transform(rfm.matrix());

        // The "buy till you die" summary that BG/NBD and Gamma-Gamma are fitted on, in weeks.
        BtydSummary summary = BtydSummarizer.builder()
                .end(LocalDate.of(2024, 12, 31))
                .unit(Duration.ofDays(7))
                .build()
                .summarize(log);
        // END README quickstart
        assertEquals(rfm.size(), x.rows());
        assertEquals(3, x.columns());
        assertEquals(log.activeCustomerCount(), summary.size());
        assertTrue(summary.size() > 9_000);
    }

    @Test
    void readingARealFile() {
        Path file = SharedData.file("online-retail/online_retail.csv.gz");
        // BEGIN README ingest
        IngestResult result = TransactionCsv.readPreset(file, "online-retail");
        TransactionLog log = result.log();               // 397,884 rows after the standard cleaning
        System.out.println(result.report().skipped());  // {missing_customer=135080, cancellation=8905, ...}
        // END README ingest
        assertEquals(397_884, log.size());
    }
}
