package dev.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.clv.BgNbdModel;
import dev.segmentation.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clv fit}, {@code clv score} and {@code spend fit} on the CDNOW summaries (cli.md contract). */
class ClvCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String out;
    private String err;

    private int run(String... args) {
        CliRun r = CliRun.of(args);
        out = r.out();
        err = r.err();
        return r.code();
    }

    private static String summary() {
        return SharedData.file("cdnow/cdnow_customers_summary.csv").toString();
    }

    @Test
    void fitsBgNbdOnCdnow() throws IOException {
        assertEquals(0, run("clv", "fit", "--model", "bgnbd", "--summary", summary(), "--columns",
                "ID,frequency,recency,T"), err);
        JsonNode j = JSON.readTree(out);
        assertEquals("bgnbd", j.get("model").asText());
        assertEquals(0.242593, j.get("params").get("r").asDouble(), 1e-5 * 0.242593);
        assertEquals(4.413532, j.get("params").get("alpha").asDouble(), 1e-5 * 4.413532);
        assertEquals(0.792886, j.get("params").get("a").asDouble(), 1e-5 * 0.792886);
        assertEquals(2.425754, j.get("params").get("b").asDouble(), 1e-5 * 2.425754);
        assertEquals(-9582.4256, j.get("logLikelihood").asDouble(), 1e-4);
        assertTrue(j.get("converged").asBoolean());
        assertTrue(j.get("iterations").asInt() > 0);
        assertEquals(0.0126, j.get("standardErrors").get("r").asDouble(), 1e-4);
        assertEquals(2357, j.get("customers").asInt());
        assertEquals("week", j.get("unit").asText());
    }

    @Test
    void fitsParetoNbdAndMbgNbd() throws IOException {
        assertEquals(0, run("clv", "fit", "--model", "paretonbd", "--summary", summary(), "--columns",
                "ID,frequency,recency,T"), err);
        JsonNode j = JSON.readTree(out);
        assertEquals(-9594.9739, j.get("logLikelihood").asDouble(), 1e-4);
        assertEquals(0.553, j.get("params").get("r").asDouble(), 5e-4);
        assertEquals(11.669, j.get("params").get("beta").asDouble(), 2e-3);
        assertEquals(0, run("clv", "fit", "--model", "mbgnbd", "--summary", summary(), "--columns",
                "ID,frequency,recency,T", "--penalty", "0"), err);
        assertTrue(JSON.readTree(out).get("logLikelihood").asDouble() > -9582.4256);
    }

    @Test
    void scoresWithGivenParameters() throws IOException {
        Path csv = dir.resolve("scores.csv");
        assertEquals(0, run("clv", "score", "--model", "bgnbd", "--params", "r=0.243,alpha=4.414,a=0.793,b=2.426",
                "--summary", summary(), "--columns", "ID,frequency,recency,T", "--horizon", "39", "--out",
                csv.toString()), err);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(2358, lines.size());
        assertEquals("customer_id,p_alive,expected_purchases", lines.get(0));
        String[] first = lines.get(1).split(",");
        BgNbdModel m = BgNbdModel.of(0.243, 4.414, 0.793, 2.426, Duration.ofDays(7));
        assertEquals("1", first[0]);
        assertEquals(m.probabilityAlive(2, 30.43, 38.86), Double.parseDouble(first[1]), 0);
        assertEquals(m.conditionalExpectedPurchases(39, 2, 30.43, 38.86), Double.parseDouble(first[2]), 0);
        assertEquals(2357, JSON.readTree(out).get("customers").asInt());
        // A calendar horizon is converted: six months are 26.08875 weeks.
        Path csv2 = dir.resolve("scores2.csv");
        assertEquals(0, run("clv", "score", "--model", "bgnbd", "--params", "r=0.243,alpha=4.414,a=0.793,b=2.426",
                "--summary", summary(), "--columns", "ID,frequency,recency,T", "--horizon", "P6M", "--out",
                csv2.toString()), err);
        assertEquals(26.08875, JSON.readTree(out).get("horizon").asDouble(), 1e-12);
        assertEquals(m.conditionalExpectedPurchases(26.08875, 2, 30.43, 38.86),
                Double.parseDouble(Files.readAllLines(csv2).get(1).split(",")[2]), 1e-15);
    }

    @Test
    void fitsGammaGammaOnCdnow() throws IOException {
        String file = SharedData.file("cdnow/cdnow_customers_summary_with_transactions.csv").toString();
        assertEquals(0, run("spend", "fit", "--summary", file, "--columns", "ID,x,zbar"), err);
        JsonNode j = JSON.readTree(out);
        assertEquals(6.248803, j.get("params").get("p").asDouble(), 1e-6 * 6.248803);
        assertEquals(3.744588, j.get("params").get("q").asDouble(), 1e-6 * 3.744588);
        assertEquals(15.447747, j.get("params").get("v").asDouble(), 1e-6 * 15.447747);
        assertEquals(-4055.92324, j.get("logLikelihood").asDouble(), 1e-5);
        assertTrue(j.get("converged").asBoolean());
        assertEquals(946, j.get("customers").asInt());
    }

    @Test
    void badDataExitsOneWithFileAndLine() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "customer_id,frequency,recency,T\na,1,2,3\nb,2,5,3\n", StandardCharsets.UTF_8);
        assertEquals(1, run("clv", "fit", "--model", "bgnbd", "--summary", bad.toString()));
        assertEquals("error: " + bad + ": line 3 (customer b): recency must be <= T = 3.0, found 5.0",
                err.strip());
        Path noRepeat = dir.resolve("norepeat.csv");
        Files.writeString(noRepeat, "customer_id,frequency,monetary_value\na,0,0\nb,0,0\n", StandardCharsets.UTF_8);
        assertEquals(1, run("spend", "fit", "--summary", noRepeat.toString()));
        assertEquals("error: summary must have at least one repeat customer (frequency > 0) for Gamma-Gamma, "
                + "found none among 2 customers", err.strip());
        assertEquals(1, run("clv", "fit", "--model", "bgnbd", "--summary", dir.resolve("missing.csv").toString()));
        assertTrue(err.startsWith("error: ") && err.contains("missing.csv"), err);
    }

    @Test
    void badUsageExitsTwo() {
        assertEquals(2, run("clv", "fit", "--model", "nbd", "--summary", summary()));
        assertEquals("error: --model must be one of bgnbd, mbgnbd, paretonbd, found nbd", err.strip());
        assertEquals(2, run("clv", "score", "--model", "paretonbd", "--params", "r=0.5,alpha=10,s=0.6",
                "--summary", summary(), "--horizon", "39", "--out", dir.resolve("x.csv").toString()));
        assertEquals("error: --params must give beta for paretonbd, found [r, alpha, s]", err.strip());
        assertEquals(2, run("clv", "fit", "--model", "bgnbd", "--summary", summary(), "--unit", "month"));
        assertEquals("error: --unit must be day or week, found month", err.strip());
        assertEquals(2, run("clv", "fit", "--summary", summary()));
        assertEquals(0, run("clv", "fit", "--help"));
        assertTrue(out.replaceAll("\\s+", " ").contains("day or week (default: week"), out);
    }
}
