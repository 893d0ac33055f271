package dev.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        assertTrue(j.get("reportPath").isNull());
        double auc = j.get("truth").get("churnAucDeadVsAliveRepeatBuyers").asDouble();
        assertTrue(auc > 0.7, "churn AUC on the simulator's truth " + auc);
        List<String> lines = Files.readAllLines(dir.resolve("customers.csv"), StandardCharsets.UTF_8);
        assertEquals("customer_id,segment,recency,frequency,monetary,p_alive,expected_purchases_1y,clv_1y,p_churn",
                lines.get(0));
        assertEquals(customers + 1, lines.size());
        assertEquals(4, Files.readAllLines(dir.resolve("segments.csv"), StandardCharsets.UTF_8).size());
    }

    @Test
    void inputWithoutPresetIsAUsageError() {
        CliRun r = CliRun.of("run", "--input", "x.csv", "--out-dir", dir.toString());
        assertEquals(2, r.code());
        assertEquals("error: --input and --preset go together", r.err().strip());
    }
}
