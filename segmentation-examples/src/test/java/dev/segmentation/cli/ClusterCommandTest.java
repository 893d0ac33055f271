package dev.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segmentation.cluster.ClusterQuality;
import dev.segmentation.cluster.GaussianMixture;
import dev.segmentation.cluster.GaussianMixtureModel;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.features.EncoderPipeline;
import dev.segmentation.features.EncoderPipelineModel;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.features.Log1p;
import dev.segmentation.features.Standardizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterCommandTest {
    private static final int N = 600;

    @TempDir
    Path dir;

    private Path csv;
    private double[][] rows;

    /** Three well-separated groups of 200 customers (recency, frequency, monetary), plus a text column. */
    @BeforeEach
    void write() throws IOException {
        SplittableRandom rnd = new SplittableRandom(11);
        double[][] centre = {{10, 20, 2000}, {90, 5, 300}, {300, 1, 40}};
        rows = new double[N][];
        StringBuilder sb = new StringBuilder("customer,recency,frequency,monetary\n");
        for (int i = 0; i < N; i++) {
            double[] c = centre[i % 3];
            double r = Math.round(c[0] * Math.exp(0.2 * rnd.nextGaussian()));
            double f = Math.max(1, Math.round(c[1] * Math.exp(0.2 * rnd.nextGaussian())));
            double m = Math.round(c[2] * Math.exp(0.2 * rnd.nextGaussian()) * 100) / 100.0;
            rows[i] = new double[] {r, f, m};
            sb.append("c").append(i).append(',').append(r).append(',').append(f).append(',').append(m).append('\n');
        }
        csv = dir.resolve("rfm.csv");
        Files.writeString(csv, sb.toString());
    }

    private FeatureMatrix matrix() {
        return FeatureMatrix.ofRows(List.of("recency", "frequency", "monetary"), rows);
    }

    @Test
    void kmeansReportsTheLibrarysFitInOriginalUnits() throws IOException {
        Path labelsCsv = dir.resolve("labels.csv");
        CliRun r = CliRun.of("cluster", "--input", csv.toString(), "--columns", "recency,frequency,monetary",
                "--algorithm", "kmeans", "--k", "3", "--n-init", "4", "--seed", "5", "--log1p", "--standardize",
                "--out", labelsCsv.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        EncoderPipelineModel enc = EncoderPipeline.builder().add(Log1p.builder().build())
                .add(Standardizer.builder().build()).build().fit(matrix());
        FeatureMatrix x = enc.transform(matrix());
        KMeansModel m = KMeans.builder().k(3).nInit(4).seed(5).build().fit(x);
        assertEquals(m.inertia(), j.get("inertia").asDouble(), 0.0);
        assertEquals(N, j.get("rows").asInt());
        assertEquals(m.iterations(), j.get("iterations").asInt());
        assertEquals(m.converged(), j.get("converged").asBoolean());
        FeatureMatrix original = enc.inverseTransform(m.centroids());
        for (int c = 0; c < 3; c++) {
            assertEquals(m.sizes()[c], j.get("sizes").get(c).asLong());
            assertEquals(200, j.get("sizes").get(c).asLong(), "well-separated groups are found exactly");
            JsonNode centroid = j.get("centroids").get(c);
            assertEquals(original.get(c, 2), centroid.get("monetary").asDouble(), 0.0);
            assertEquals(original.get(c, 0), centroid.get("recency").asDouble(), 0.0);
        }
        int[] labels = m.predict(x);
        assertEquals(ClusterQuality.silhouette(x, labels), j.get("silhouette").asDouble(), 1e-12,
                "n below the sample size: the sampled silhouette is the exact one");
        List<String> lines = Files.readAllLines(labelsCsv);
        assertEquals(N + 1, lines.size());
        assertEquals("row,label", lines.get(0));
        for (int i = 0; i < N; i++) {
            assertEquals(i + "," + labels[i], lines.get(i + 1));
        }
    }

    @Test
    void gmmReportsLikelihoodBicAndMeans() {
        CliRun r = CliRun.of("cluster", "--input", csv.toString(), "--columns", "recency,frequency,monetary",
                "--algorithm", "gmm", "--k", "3", "--covariance", "diag", "--log1p", "--standardize",
                "--exact-silhouette");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        EncoderPipelineModel enc = EncoderPipeline.builder().add(Log1p.builder().build())
                .add(Standardizer.builder().build()).build().fit(matrix());
        FeatureMatrix x = enc.transform(matrix());
        GaussianMixtureModel m = GaussianMixture.builder().k(3)
                .covariance(dev.segmentation.cluster.CovarianceType.DIAGONAL).build().fit(x);
        assertEquals(m.logLikelihood(), j.get("logLikelihood").asDouble(), 0.0);
        assertEquals(m.bic(), j.get("bic").asDouble(), 0.0);
        assertEquals(enc.inverseTransform(m.means()).get(1, 1), j.get("means").get(1).get("frequency").asDouble(),
                0.0);
        assertEquals(N, j.get("silhouetteSampleSize").asInt());
        assertEquals(ClusterQuality.silhouette(x, m.predict(x)), j.get("silhouette").asDouble(), 1e-12);
        long total = 0;
        for (JsonNode s : j.get("sizes")) {
            total += s.asLong();
        }
        assertEquals(N, total);
        assertTrue(j.has("converged") && j.has("iterations"));
    }

    @Test
    void aTextValueIsBadDataNamingFileLineColumnAndValue() {
        CliRun r = CliRun.of("cluster", "--input", csv.toString(), "--k", "3");
        assertEquals(1, r.code());
        assertEquals("error: " + csv + ":2: column customer must be a finite number (categorical columns are not"
                + " encoded: one-hot them or leave them out with --columns), found \"c0\"", r.err().strip());
        assertEquals("", r.out());
    }

    @Test
    void aValueBelowMinusOneUnderLog1pNamesItsLine() throws IOException {
        Files.writeString(csv, "a,b\n1,2\n3,4\n5,-2\n");
        CliRun r = CliRun.of("cluster", "--input", csv.toString(), "--k", "2", "--log1p");
        assertEquals(1, r.code());
        // no "row 2" for line 4 (issue 17)
        assertEquals("error: " + csv + ":4: column b: value must be > -1, found -2.0", r.err().strip());
    }

    @Test
    void aValueTooLargeForTheTrainerNamesItsLine() throws IOException {
        Files.writeString(csv, "a,b\n1,2\n1e200,4\n5,6\n");
        CliRun r = CliRun.of("cluster", "--input", csv.toString(), "--k", "2");
        assertEquals(1, r.code());
        // the trainer's row 1 is line 3, restated from the error's fields (issue 18)
        assertEquals("error: " + csv + ":3: column a: value must be at most 1.0E150 in magnitude, found 1.0E200",
                r.err().strip());
        assertEquals("", r.out());
    }

    @Test
    void anUnknownColumnIsBadData() {
        CliRun r = CliRun.of("cluster", "--input", csv.toString(), "--k", "3", "--columns", "recency,spend");
        assertEquals(1, r.code());
        assertEquals("error: " + csv + ":1: --columns must name header columns [customer, recency, frequency,"
                + " monetary], found \"spend\"", r.err().strip());
    }

    @Test
    void badSettingsAreUsageErrors() {
        CliRun r = CliRun.of("cluster", "--input", csv.toString(), "--k", "0", "--columns", "recency");
        assertEquals(2, r.code());
        assertEquals("error: k must be >= 1, found 0", r.err().strip());
        r = CliRun.of("cluster", "--input", csv.toString(), "--k", "2", "--algorithm", "dbscan");
        assertEquals(2, r.code());
        assertEquals("error: --algorithm must be kmeans or gmm, found \"dbscan\"", r.err().strip());
        r = CliRun.of("cluster", "--input", csv.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--k"), r.err());
    }
}
