package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.churn.ChurnDataset;
import dev.segmentation.churn.ChurnLabeler;
import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.churn.LogisticRegressionModel;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.BgNbdModel;
import dev.segmentation.clv.Clv;
import dev.segmentation.clv.GammaGamma;
import dev.segmentation.clv.GammaGammaModel;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.SimulatedRetail;
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
import dev.segmentation.pipeline.CustomerProfile;
import dev.segmentation.pipeline.LifetimeValue;
import dev.segmentation.pipeline.Segmentation;
import dev.segmentation.pipeline.SegmentationResult;
import dev.segmentation.recommend.ItemKnn;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import org.junit.jupiter.api.Test;

/**
 * The README's quickstart snippets, compiled and run against the installed artifacts as a user's project does.
 * The blocks between the BEGIN/END markers must stand verbatim in the README (checked in the reactor by
 * {@code ConsumerSnippetsTest} of segmentation-examples).
 */
class QuickstartTest {
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

        // Segments: k-means on the encoded RFM; centres back in days, orders and money.
        KMeansModel segments = KMeans.builder().k(4).nInit(10).seed(42).build().fit(x);
        FeatureMatrix centres = encoder.inverseTransform(segments.centroids());

        // Lifetime value: BG/NBD for purchases, Gamma-Gamma for spend, a year discounted at 10% a year.
        BgNbdModel purchases = BgNbd.builder().build().fit(summary);
        GammaGammaModel spend = GammaGamma.builder().build().fit(summary);
        double[] clv = Clv.builder().horizon(Period.ofYears(1)).annualDiscountRate(0.10).build()
                .compute(purchases, spend, summary);

        // Churn: label "no purchase in the 90 days after a cut-off", fit an L2 logistic regression.
        ChurnDataset churn = ChurnLabeler.builder().cutoff(LocalDate.of(2024, 10, 1)).horizonDays(90).build()
                .label(log);
        LogisticRegressionModel pChurn = LogisticRegression.builder().l2(1.0).build()
                .fit(churn.features(), churn.labels());
        // END README quickstart
        assertEquals(4, centres.rows());
        assertTrue(purchases.converged() && spend.converged() && pChurn.converged());
        assertEquals(summary.size(), clv.length);
        assertEquals(rfm.size(), x.rows());
        assertTrue(summary.size() > 9_000);
    }

    @Test
    void pipelineOnTheSimulator() {
        TransactionLog log = RetailSimulator.builder().customers(3_000).seed(7).build().generate().log();
        // BEGIN README pipeline
        SegmentationResult result = Segmentation.of(log)
                .asOf(LocalDate.of(2025, 1, 1))
                .segments(KMeans.builder().k(5).seed(42))
                .churn(90, LogisticRegression.builder().l2(1.0))
                .lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder()).horizon(Period.ofYears(1)))
                .recommend(ItemKnn.builder().neighbors(50), 10)
                .run();
        CustomerProfile first = result.customer(log.customerId(0)).orElseThrow();
        result.segments().forEach(System.out::println);   // size, share, centre, mean CLV, churn rate, name
        // END README pipeline
        assertEquals(5, result.segments().size());
        assertEquals(10, first.topItems().size());
        assertTrue(first.clv() >= 0 && first.aliveProbability() >= 0 && first.aliveProbability() <= 1);
    }
}
