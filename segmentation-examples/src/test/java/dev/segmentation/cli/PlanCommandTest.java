package dev.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
    @TempDir
    Path dir;

    private static final String CONFIG = """
            {
              "budget": 100,
              "segments": ["loyal", "bargain"],
              "campaigns": [
                {"name": "promo", "costPerContact": 1.0, "valuePerResponse": 40,
                 "response": {"loyal": 0.10, "bargain": 0.05}},
                {"name": "save", "costPerContact": 5, "retention": 0.5, "churnBand": [0.5, 1]}
              ]
            }
            """;

    private static final String CUSTOMERS = """
            customer_id,segment,churn_probability,clv,recency_days,opted_out,region
            C1,loyal,0.9,200,10,false,north
            C2,loyal,0.1,50,5,false,north
            C3,bargain,0.2,20,90,true,south
            C4,bargain,0.6,30,40,no,south
            C5,bargain,0.0,10,3,0,south
            """;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void writesAssignmentsAndSummary() throws IOException {
        Path cfg = write("campaigns.json", CONFIG);
        Path cs = write("customers.csv", CUSTOMERS);
        Path out = dir.resolve("assignments.csv");
        CliRun r = CliRun.of("plan", "--config", cfg.toString(), "--customers", cs.toString(), "--out",
                out.toString(), "--group", "region");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        // C1: save 0.9*0.5*200-5 = 85; C2: promo 4-1 = 3; C3 opted out; C4: promo 2-1 = 1 > save 9-5 = 4? save 4
        assertEquals(4, j.get("assigned").asInt());
        assertEquals(85 + 3 + 4 + 1, j.get("expectedProfit").asDouble(), 1e-9);
        assertEquals(5 + 1 + 5 + 1, j.get("spend").asDouble(), 1e-9);
        assertEquals(1, j.get("optedOut").asInt());
        assertEquals(2, j.get("byCampaign").get("promo").asInt());
        assertEquals(2, j.get("byCampaign").get("save").asInt());
        assertEquals("region", j.get("fairness").get("attribute").asText());
        assertEquals(1.0, j.get("fairness").get("disparateImpact").asDouble(), 1e-12);
        assertFalse(j.get("fairness").get("flagged").asBoolean());
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals("customer_id,campaign,expected_profit,reason", lines.get(0));
        assertEquals("C1,save,85.0,\"save: churn 0.9 in [0.5, 1.0]; expected profit churn 0.9000 x save rate 0.5000 x"
                + " clv 200.00 - 5.00 = 85.0000\"", lines.get(1));
        assertEquals(5, lines.size());
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("C3,")));
    }

    @Test
    void budgetOptionOverridesAndPseudonymsReplaceIds() throws IOException {
        Path cfg = write("campaigns.json", CONFIG);
        Path cs = write("customers.csv", CUSTOMERS);
        Path key = write("key.bin", "Jefe");
        Path out = dir.resolve("assignments.csv");
        CliRun r = CliRun.of("plan", "--config", cfg.toString(), "--customers", cs.toString(), "--out",
                out.toString(), "--budget", "5", "--pseudonymize-key", key.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(85.0, r.json().get("expectedProfit").asDouble(), 1e-9);
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(2, lines.size());
        assertEquals(64, lines.get(1).indexOf(','));
    }

    private CliRun badConfig(String json) throws IOException {
        Path cfg = write("bad.json", json);
        Path cs = write("customers.csv", CUSTOMERS);
        return CliRun.of("plan", "--config", cfg.toString(), "--customers", cs.toString(), "--out",
                dir.resolve("a.csv").toString());
    }

    @Test
    void campaignFileErrorsNameLineAndField() throws IOException {
        CliRun r = badConfig(
                "{\n  \"campaigns\": [\n    {\"name\": \"promo\",\n     \"costPerContact\": -2}\n  ]\n}\n");
        assertEquals(1, r.code());
        assertEquals("error: " + dir.resolve("bad.json") + ": line 4, field campaigns[0].costPerContact: "
                + "costPerContact must be finite and >= 0, found -2.0\n", r.err());
        r = badConfig("{\"campaigns\": [{\"name\": \"p\",\n \"response\": {\"loyal\": 1.5}}]}");
        assertEquals("error: " + dir.resolve("bad.json") + ": line 2, field campaigns[0].response.loyal: "
                + "response must be in [0, 1], found 1.5\n", r.err());
        r = badConfig("{\"budget\": -1, \"campaigns\": []}");
        assertEquals("error: " + dir.resolve("bad.json") + ": line 1, field budget: budget must be >= 0, found -1.0\n",
                r.err());
        r = badConfig("{\"campaigns\": [{\"name\": \"p\",\n\n \"cost\": 1}]}");
        assertEquals("error: " + dir.resolve("bad.json") + ": line 3, field campaigns[0].cost: unknown field; expected"
                + " one of name, costPerContact, valuePerResponse, response, responseColumn, defaultResponse, "
                + "retention, eligibleSegments, churnBand, clvBand, recencyDaysBand, items\n", r.err());
        r = badConfig("{\"campaigns\": [{\"name\": \"p\", \"costPerContact\": \"two\"}]}");
        assertEquals("error: " + dir.resolve("bad.json") + ": line 1, field campaigns[0].costPerContact: must be a "
                + "number, found \"two\"\n", r.err());
        r = badConfig(
                "{\"campaigns\": [{\"name\": \"p\",\n \"costPerContact\": 1,,}]}");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: " + dir.resolve("bad.json") + ": line 2, column "), r.err());
        // issue 17: a campaign needs retention or a response, so this one gets a defaultResponse
        r = badConfig(
                "{\"campaigns\": [{\"name\": \"p\", \"defaultResponse\": 0.1, \"eligibleSegments\": [\"vip\"]}]}");
        assertEquals(1, r.code());
        assertEquals("error: " + dir.resolve("bad.json") + ": segment must be one of [bargain, loyal], found vip "
                + "(campaign p)\n", r.err());
    }

    @Test
    void responseColumnGivesPerCustomerProbabilities() throws IOException {
        Path cfg = write("campaigns.json", "{\"campaigns\": [{\"name\": \"model\", \"costPerContact\": 1,\n"
                + " \"valuePerResponse\": 10, \"responseColumn\": \"p_model\"}]}");
        Path cs = write("customers.csv", "customer_id,segment,p_model\nA,x,0.5\nB,x,0.05\nC,x,0.3\n");
        Path out = dir.resolve("a.csv");
        CliRun r = CliRun.of("plan", "--config", cfg.toString(), "--customers", cs.toString(), "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(2, r.json().get("assigned").asInt());
        assertEquals(4.0 + 2.0, r.json().get("expectedProfit").asDouble(), 1e-12);
        Path bad = write("bad.csv", "customer_id,segment,p_model\nA,x,0.5\nB,x,1.3\n");
        r = CliRun.of("plan", "--config", cfg.toString(), "--customers", bad.toString(), "--out", out.toString());
        assertEquals(1, r.code());
        assertEquals("error: " + bad + ":3: p_model must be in [0, 1], found 1.3\n", r.err());
    }

    @Test
    void badCustomerValuesNameTheLine() throws IOException {
        Path cfg = write("campaigns.json", CONFIG);
        // issue 16: the save campaign reads clv, a required column now
        Path cs = write("customers.csv", "customer_id,segment,churn_probability,clv\nC1,loyal,1.7,10\n");
        CliRun r = CliRun.of("plan", "--config", cfg.toString(), "--customers", cs.toString(), "--out",
                dir.resolve("a.csv").toString());
        assertEquals(1, r.code());
        assertEquals("error: " + cs + ":2: churnProbability must be in [0, 1], found 1.7\n", r.err());
    }

    @Test
    void helpDocumentsTheConfigFormat() {
        CliRun r = CliRun.of("plan", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("\"costPerContact\""), r.out());
        assertTrue(r.out().contains("recencyDaysBand"), r.out());
    }
}
