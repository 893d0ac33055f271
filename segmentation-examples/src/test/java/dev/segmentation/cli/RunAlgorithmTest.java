package dev.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segmentation.cluster.CovarianceType;
import dev.segmentation.cluster.GaussianMixtureModel;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.persist.ModelBundle;
import dev.segmentation.persist.ModelJson;
import dev.segmentation.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --algorithm kmeans|gmm [--covariance full|diag|spherical] [--n-init N]}: cluster's option names. */
class RunAlgorithmTest {
    @TempDir
    Path dir;

    @Test
    void gmmSegmentsWithTheCovarianceAndSavesTheMixture() throws IOException {
        Path models = dir.resolve("models.json");
        CliRun r = CliRun.of("run", "--customers", "1200", "--k", "3", "--algorithm", "gmm", "--covariance", "diag",
                "--n-init", "2", "--recommender", "popularity", "--save-models", models.toString(), "--out-dir",
                dir.resolve("out").toString());
        assertEquals(0, r.code(), r.err());
        GaussianMixtureModel m = ModelJson.read(models, ModelBundle.class).get("segments",
                GaussianMixtureModel.class);
        assertEquals(3, m.k());
        assertEquals(CovarianceType.DIAGONAL, m.covarianceType());
        assertTrue(m.provenance().settings().get("nInit").equals("2"), m.provenance().toString());
        long sizes = 0;
        for (JsonNode s : r.json().get("segments")) {
            sizes += s.get("size").asLong();
        }
        assertEquals(r.json().get("customers").asLong(), sizes);
    }

    @Test
    void kmeansStaysTheDefaultWithFourRestarts() {
        Path models = dir.resolve("models.json");
        CliRun r = CliRun.of("run", "--customers", "500", "--k", "2", "--recommender", "popularity",
                "--save-models", models.toString(), "--out-dir", dir.resolve("out").toString());
        assertEquals(0, r.code(), r.err());
        KMeansModel m = ModelJson.read(models, ModelBundle.class).get("segments", KMeansModel.class);
        assertEquals("4", m.provenance().settings().get("nInit"));
    }

    /** The saved mixture scores every customer of its own data into the segment (id and name) the run gave. */
    @Test
    void aGmmBundleScoresOnlineRetailAsTheRunSegmentedIt() throws IOException {
        Path file = SharedData.file("online-retail/online_retail.csv.gz");
        Path models = dir.resolve("models.json");
        CliRun fit = CliRun.of("run", "--input", file.toString(), "--preset", "online-retail", "--algorithm", "gmm",
                "--covariance", "spherical", "--recommender", "popularity", "--save-models", models.toString(),
                "--out-dir", dir.resolve("fit").toString());
        assertEquals(0, fit.code(), fit.err());
        CliRun s = CliRun.of("score", "--model-file", models.toString(), "--input", file.toString(), "--preset",
                "online-retail", "--as-of", "2011-12-09", "--out-dir", dir.resolve("score").toString());
        assertEquals(0, s.code(), s.err());
        Map<String, String> fitted = segments(dir.resolve("fit").resolve("customers.csv"));
        Map<String, String> scored = segments(dir.resolve("score").resolve("customers.csv"));
        assertEquals(4327, fitted.size());
        assertEquals(fitted, scored);
        assertEquals(0, s.json().get("movement").get("moved").asLong(), s.json().get("movement").toString());
    }

    private static Map<String, String> segments(Path customersCsv) throws IOException {
        List<String> lines = Files.readAllLines(customersCsv, StandardCharsets.UTF_8);
        Map<String, String> out = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", 4);
            out.put(f[0], f[1] + "|" + f[2]);
        }
        return out;
    }

    @Test
    void unknownAlgorithmIsAUsageError() {
        CliRun r = CliRun.of("run", "--algorithm", "dbscan", "--out-dir", dir.toString());
        assertEquals(2, r.code());
        assertEquals("error: --algorithm must be kmeans or gmm, found \"dbscan\"", r.err().strip());
    }

    @Test
    void unknownCovarianceIsAUsageError() {
        CliRun r = CliRun.of("run", "--algorithm", "gmm", "--covariance", "tied", "--out-dir", dir.toString());
        assertEquals(2, r.code());
        assertEquals("error: --covariance must be full, diag or spherical, found \"tied\"", r.err().strip());
    }

    @Test
    void covarianceWithKmeansIsAUsageError() {
        CliRun r = CliRun.of("run", "--covariance", "diag", "--out-dir", dir.toString());
        assertEquals(2, r.code());
        assertEquals("error: --covariance applies only with --algorithm gmm, found --algorithm kmeans",
                r.err().strip());
    }

    @Test
    void kAutoWithGmmAndABadNInitAreUsageErrors() {
        CliRun r = CliRun.of("run", "--algorithm", "gmm", "--k", "auto", "--out-dir", dir.toString());
        assertEquals(2, r.code());
        assertEquals("error: --k auto applies only with --algorithm kmeans, found --algorithm gmm", r.err().strip());
        r = CliRun.of("run", "--n-init", "0", "--out-dir", dir.toString());
        assertEquals(2, r.code());
        assertEquals("error: --n-init must be >= 1, found 0", r.err().strip());
    }
}
