package dev.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.segmentation.persist.ModelBundle;
import dev.segmentation.persist.ModelJson;
import dev.segmentation.recommend.ImplicitAlsModel;
import dev.segmentation.recommend.ItemKnnModel;
import dev.segmentation.recommend.PopularityModel;
import dev.segmentation.testing.SharedData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @TempDir
    Path dir;

    @Test
    void runsThePipelineOnTheSimulatorAndWritesTheTables() throws IOException {
        CliRun r = CliRun.of("run", "--customers", "3000", "--k", "3", "--out-dir", dir.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        int customers = j.get("customers").asInt();
        assertTrue(customers > 2_500 && customers <= 3_000, "customers " + customers);
        assertEquals(3, j.get("segments").size());
        long sizes = 0;
        for (JsonNode s : j.get("segments")) {
            sizes += s.get("size").asLong();
        }
        assertEquals(customers, sizes);
        Path report = Path.of(j.get("reportPath").asText());
        assertEquals(dir.resolve("report.html"), report);
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertTrue(html.contains("id=\"segment-sizes\"") && html.contains("id=\"repeat-purchases\""));
        double auc = j.get("truth").get("churnAuc").asDouble();
        assertTrue(auc > 0.7, "churn AUC on the simulator's truth " + auc);
        assertTrue(j.get("truth").get("segmentAdjustedRandIndex").asDouble() > 0.2, j.get("truth").toString());
        for (String stage : List.of("load", "features", "segments", "lifetimeValue", "churn", "recommendations",
                "summaries", "write", "total")) {
            assertTrue(j.get("timingsMillis").has(stage), stage);
        }
        assertEquals(5, j.get("segments").get(0).get("topItems").size());
        assertTrue(r.err().contains("timings (ms): load "), r.err());
        assertTrue(r.err().contains("segments done in "), r.err());
        List<String> lines = Files.readAllLines(dir.resolve("customers.csv"), StandardCharsets.UTF_8);
        assertEquals("customer_id,segment,segment_name,r_score,f_score,m_score,recency,frequency,monetary,p_churn,"
                + "p_alive,expected_purchases,clv,top_items", lines.get(0));
        assertEquals(customers + 1, lines.size());
        assertEquals(4, Files.readAllLines(dir.resolve("segments.csv"), StandardCharsets.UTF_8).size());
    }

    @Test
    void runsOnOnlineRetailWithThePreset() throws IOException {
        Path file = SharedData.file("online-retail/online_retail.csv.gz");
        CliRun r = CliRun.of("run", "--input", file.toString(), "--preset", "online-retail", "--out-dir",
                dir.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        // 4,338 after the standard cleaning, less the 11 customers whose every order was cancelled (run nets
        // cancellations against their orders by default; 12346 is one of them)
        assertEquals(4327, j.get("customers").asInt());
        assertEquals(5, j.get("segments").size());
        // naming22: the names, true in absolute terms here (the most recent segment's median recency is 10 days),
        // are unchanged by the overdue rule
        assertEquals(Map.of("Mostly recent high-spending frequent buyers", 759, "Mostly recent repeat buyers", 1163,
                "Hibernating", 571, "Lost", 912, "Need Attention", 922), namesAndSizes(j));
        assertTrue(j.get("truth") == null);
        assertTrue(Files.size(dir.resolve("report.html")) > 10_000);
    }

    private static Map<String, Integer> namesAndSizes(JsonNode run) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (JsonNode s : run.get("segments")) {
            out.put(s.get("name").asText(), s.get("size").asInt());
        }
        return out;
    }

    /**
     * Naming22: on the simulator's 3,000 customers the frequent high spenders (median recency 222 days, P(alive)
     * 0.20, most of them silent for more than three of their own gaps) were "Mostly recent high-spending frequent
     * buyers" to nurture; they are At Risk, to win back. The other names are unchanged.
     */
    @Test
    void overdueFrequentHighSpendersOfTheSimulatorAreAtRisk() {
        CliRun r = CliRun.of("run", "--customers", "3000", "--out-dir", dir.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals(Map.of("At Risk", 995, "Lapsed low spenders", 848, "About to Sleep", 505, "Hibernating", 209,
                "Mostly recent high spenders", 443), namesAndSizes(j));
        for (JsonNode s : j.get("segments")) {
            if (s.get("name").asText().equals("At Risk")) {
                assertEquals("win back", s.get("action").get("action").asText());
                assertEquals(222.0, s.get("medians").get("recency").asDouble(), 0.0);
            }
        }
    }

    @Test
    void badTopNIsAUsageError() {
        CliRun r = CliRun.of("run", "--top-n", "0", "--out-dir", dir.toString());
        assertEquals(2, r.code());
        assertEquals("error: --top-n must be >= 1, found 0", r.err().strip());
    }

    @Test
    void inputWithoutPresetIsAUsageError() {
        CliRun r = CliRun.of("run", "--input", "x.csv", "--out-dir", dir.toString());
        assertEquals(2, r.code());
        // issue 16: run takes ingest's column options, so --input without --preset asks for the columns
        assertEquals("error: give --preset NAME, or --customer, --date and one of --amount or --unit-price",
                r.err().strip());
    }

    @Test
    void savesEveryModelAndTakesEachRecommender() throws IOException {
        for (String rec : List.of("als", "popularity", "itemknn")) {
            Path models = dir.resolve(rec + "-models.json");
            CliRun r = CliRun.of("run", "--customers", "800", "--k", "3", "--top-n", "4", "--recommender", rec,
                    "--save-models", models.toString(), "--out-dir", dir.resolve(rec).toString());
            assertEquals(0, r.code(), r.err());
            JsonNode j = r.json();
            assertEquals(models.toString(), j.get("modelsPath").asText());
            ModelBundle b = ModelJson.read(models, ModelBundle.class);
            // issue 16: the bundle gains the segment catalog and the drift baseline that score needs
            assertEquals(List.of("encoder", "rfm", "segments", "churn", "transactions", "spend", "recommender",
                    "catalog", "baseline"), b.names());
            Class<?> type = rec.equals("als") ? ImplicitAlsModel.class
                    : rec.equals("popularity") ? PopularityModel.class : ItemKnnModel.class;
            assertTrue(type.isInstance(b.models().get("recommender")), rec + ": " + b.models().get("recommender"));
            List<String> lines = Files.readAllLines(dir.resolve(rec).resolve("customers.csv"), StandardCharsets.UTF_8);
            String[] first = lines.get(1).split(",");
            assertEquals(4, first[first.length - 1].split(" ").length, rec + ": " + lines.get(1));
        }
    }

    @Test
    void withoutSaveModelsThereIsNoModelsPath() {
        CliRun r = CliRun.of("run", "--customers", "500", "--k", "2", "--out-dir", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.json().get("modelsPath") == null);
    }

    @Test
    void unknownRecommenderIsAUsageError() {
        CliRun r = CliRun.of("run", "--recommender", "svd", "--out-dir", dir.toString());
        assertEquals(2, r.code());
        assertEquals("error: --recommender must be itemknn, als or popularity, found \"svd\"", r.err().strip());
    }
}
