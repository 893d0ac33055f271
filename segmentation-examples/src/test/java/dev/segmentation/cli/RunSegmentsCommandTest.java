package dev.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15 on the command line: segment profiles in the JSON, {@code --k auto}, {@code --previous-models}. */
class RunSegmentsCommandTest {
    @TempDir
    Path dir;

    @Test
    void segmentsCarryProfilesActionsAndUniqueNames() throws IOException {
        CliRun r = CliRun.of("run", "--customers", "1500", "--k", "4", "--recommender", "popularity", "--out-dir",
                dir.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode segments = r.json().get("segments");
        Set<String> names = new HashSet<>();
        double clv = Double.POSITIVE_INFINITY;
        double share = 0;
        for (JsonNode s : segments) {
            assertTrue(names.add(s.get("name").asText()), s.get("name").asText());
            assertTrue(s.get("meanClv").asDouble() <= clv, "ids ordered by mean CLV");
            clv = s.get("meanClv").asDouble();
            share += s.get("revenueShare").asDouble();
            assertTrue(s.get("medians").has("recency") && s.get("means").has("monetary"), s.toString());
            assertTrue(s.get("valueAtRisk").asDouble() >= 0 && s.get("clvTotal").asDouble() > 0, s.toString());
            assertFalse(s.get("action").get("action").asText().isEmpty());
            assertEquals(2, s.get("action").get("churnBand").size());
            assertEquals(s.get("name").asText(), s.get("action").get("eligibleSegments").get(0).asText());
        }
        assertEquals(1.0, share, 1e-9);
        List<String> header = List.of(Files.readAllLines(dir.resolve("segments.csv"), StandardCharsets.UTF_8).get(0)
                .split(","));
        assertTrue(header.containsAll(List.of("median_recency", "median_frequency", "median_monetary", "revenue",
                "revenue_share", "clv_total", "value_at_risk", "action", "distinctive_items")), header.toString());
        assertTrue(r.json().get("kSweep") == null && r.json().get("movement") == null);
    }

    @Test
    void kAutoReportsTheSweepAndUsesTheChosenK() {
        CliRun r = CliRun.of("run", "--customers", "1200", "--k", "auto", "--recommender", "popularity",
                "--out-dir", dir.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode sweep = r.json().get("kSweep");
        assertEquals(8, sweep.get("rows").size());
        assertEquals(3, sweep.get("rows").get(0).get("k").asInt());
        int chosen = sweep.get("chosen").asInt();
        assertEquals(chosen, r.json().get("segments").size());
        double best = Double.NEGATIVE_INFINITY;
        for (JsonNode row : sweep.get("rows")) {
            if (row.get("smallestShare").asDouble() >= 0.05) {
                best = Math.max(best, row.get("silhouette").asDouble());
            }
        }
        assertEquals(best, sweep.get("rows").get(chosen - 3).get("silhouette").asDouble());
    }

    @Test
    void previousModelsKeepNamesAndReportMovement() {
        Path models = dir.resolve("models.json");
        CliRun first = CliRun.of("run", "--customers", "1500", "--k", "4", "--recommender", "popularity",
                "--save-models", models.toString(), "--out-dir", dir.resolve("a").toString());
        assertEquals(0, first.code(), first.err());
        CliRun again = CliRun.of("run", "--customers", "1500", "--k", "4", "--recommender", "popularity",
                "--previous-models", models.toString(), "--out-dir", dir.resolve("b").toString());
        assertEquals(0, again.code(), again.err());
        // the same data and seed: every segment is matched to itself and keeps its id and name
        assertEquals(first.json().get("segments").toString(), again.json().get("segments").toString());
        JsonNode movement = again.json().get("movement");
        assertEquals(first.json().get("customers").asLong(), movement.get("customers").asLong());
        assertEquals(0, movement.get("moved").asLong());
    }

    @Test
    void badKIsAUsageError() {
        CliRun r = CliRun.of("run", "--k", "many", "--out-dir", dir.toString());
        assertEquals(2, r.code());
        assertEquals("error: --k must be an integer >= 1 or auto, found \"many\"", r.err().strip());
        r = CliRun.of("run", "--k", "0", "--out-dir", dir.toString());
        assertEquals(2, r.code());
        assertEquals("error: --k must be >= 1, found 0", r.err().strip());
    }

    @Test
    void aPreviousModelsFileThatIsNotABundleIsBadData() throws IOException {
        Path notBundle = dir.resolve("x.json");
        Files.writeString(notBundle, "{\"format\": \"segmentation-model\", \"version\": 1, \"type\": \"log1p\", "
                + "\"columns\": [\"a\"]}");
        CliRun r = CliRun.of("run", "--customers", "300", "--previous-models", notBundle.toString(), "--out-dir",
                dir.resolve("o").toString());
        assertEquals(1, r.code());
        assertEquals("error: " + notBundle + ": $.type must name a ModelBundle, found \"log1p\"", r.err().strip());
    }
}
