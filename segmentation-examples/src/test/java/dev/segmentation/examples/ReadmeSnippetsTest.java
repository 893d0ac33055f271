package dev.segmentation.examples;

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
import dev.segmentation.pipeline.CustomerProfile;
import dev.segmentation.pipeline.LifetimeValue;
import dev.segmentation.pipeline.Segmentation;
import dev.segmentation.pipeline.SegmentationResult;
import dev.segmentation.recommend.ItemKnn;
import dev.segmentation.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's code blocks, copied verbatim between the BEGIN/END markers: if the README changes, change this
 * test with it (and the other way round); {@link #everyMarkedBlockStandsInTheReadme} checks that they agree.
 */
class ReadmeSnippetsTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCE = Path.of("src", "test", "java", "dev", "segmentation", "examples",
            "ReadmeSnippetsTest.java");

    @Test
    void everyMarkedBlockStandsInTheReadme() throws IOException {
        assertEquals(List.of("quickstart", "ingest", "pipeline"), assertBlocksInReadme(SOURCE, "this test"));
    }

    /**
     * Asserts that every block between {@code // BEGIN README name} and {@code // END README name} of a Java
     * source, unindented by 8 spaces, stands verbatim in README.md as a {@code java} code block.
     *
     * @param source the Java source holding the marked blocks
     * @param what how the failure message names the source
     * @return the blocks' names, in order
     */
    static List<String> assertBlocksInReadme(Path source, String what) throws IOException {
        String readme = Files.readString(README);
        Matcher m = Pattern.compile("// BEGIN README (\\w+)\\n(.*?)\\n\\s*// END README \\1", Pattern.DOTALL)
                .matcher(Files.readString(source));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            StringBuilder block = new StringBuilder();
            for (String line : m.group(2).split("\\n", -1)) {
                block.append(line.length() >= 8 ? line.substring(8) : line.strip()).append('\n');
            }
            blocks.add(m.group(1));
            assertTrue(readme.contains("```java\n" + block + "```"),
                    "README.md must contain the block '" + m.group(1) + "' of " + what + " verbatim:\n" + block);
        }
        return blocks;
    }

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
