package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.BgNbdModel;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.CustomerFeatures;
import dev.segmentation.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Runs the README's Spark example on Online Retail; the block between the markers stands verbatim in README.md. */
class SparkReadmeTest {
    private static final Path SOURCE = Path.of("src/test/java/dev/segmentation/spark/SparkReadmeTest.java");

    @Test
    void theReadmeExampleRuns() {
        String file = SharedData.file("online-retail/online_retail.csv.gz").toString();
        SparkSession spark = SparkTestSession.start("SparkReadmeTest");
        try {
            // BEGIN README spark
            Dataset<Row> raw = spark.read().option("header", "true").csv(file);
            SparkIngestResult in = SparkIngest.presetForRun("online-retail").build().read(raw);
            Dataset<Row> lines = in.lines();   // one row per kept line, grouped by customer

            Dataset<Row> rfm = SparkFeatures.customerFeatures(lines,
                    CustomerFeatures.builder().asOf(LocalDate.of(2011, 12, 10)).rfm().tenure().build());
            SparkBtydSummary summary = SparkFeatures.btydSummary(lines,
                    BtydSummarizer.builder().end(LocalDate.of(2011, 12, 9)).unit(Duration.ofDays(7)).build());
            BgNbdModel model = SparkBtyd.fit(BgNbd.builder().build(), summary);   // an ordinary BgNbdModel
            Dataset<Row> scores = SparkBtyd.score(summary, model, 13);   // p_alive, expected_purchases: 13 weeks
            // END README spark
            assertEquals(in.report().rowsKept(), lines.count());
            long customers = rfm.count();
            assertEquals(customers, scores.count());
            assertTrue(customers > 4_000, "customers: " + customers);
            assertTrue(model.converged());
            in.unpersist();
        } finally {
            SparkTestSession.release(spark);
        }
    }

    @Test
    void theBlockStandsInTheReadme() throws IOException {
        String source = Files.readString(SOURCE);
        Matcher m = Pattern.compile("// BEGIN README (\\w+)\\n(.*?)\\n\\s*// END README \\1", Pattern.DOTALL)
                .matcher(source);
        assertTrue(m.find());
        String block = m.group(2).replaceAll("(?m)^ {12}", "");
        String readme = Files.readString(Path.of("..", "README.md"));
        assertTrue(readme.contains("```java\n" + block + "\n```"), "README.md must contain verbatim:\n" + block);
    }
}
