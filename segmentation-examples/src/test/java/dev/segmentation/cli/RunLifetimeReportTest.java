package dev.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issues 15 and 17 on the command line: warnings, the lifetimeValue block, options, stage skipping, numbers. */
class RunLifetimeReportTest {
    @TempDir
    Path dir;

    /** A CDNOW master-format file: 300 customers buying over {@code days} days (fixed seed). */
    private Path cdnow(int days) throws IOException {
        SplittableRandom rnd = new SplittableRandom(3);
        List<String> lines = new ArrayList<>();
        lines.add("customer_id date number_of_cds dollar_value");
        LocalDate start = LocalDate.of(1997, 1, 1);
        for (int c = 1; c <= 300; c++) {
            int d = rnd.nextInt(5);
            while (d < days) {
                lines.add(String.format(" %05d %s  1   %d.%02d", c, start.plusDays(d)
                        .format(DateTimeFormatter.BASIC_ISO_DATE), 5 + rnd.nextInt(40), rnd.nextInt(100)));
                d += 1 + rnd.nextInt(2 * days);
            }
        }
        Path f = dir.resolve("short.txt");
        Files.write(f, lines, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void aFileShorterThanTheChurnHorizonRunsWithChurnSkipped() throws IOException {
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("run", "--input", cdnow(40).toString(), "--preset", "cdnow", "--k", "2", "--out-dir",
                out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        List<String> warnings = new ArrayList<>();
        j.get("warnings").forEach(w -> warnings.add(w.asText()));
        String churn = warnings.stream().filter(w -> w.startsWith("churn: skipped: ")).findFirst().orElseThrow();
        assertTrue(churn.startsWith("churn: skipped: the churn horizon of 90 days is not shorter than the "), churn);
        for (String w : warnings) {
            assertTrue(r.err().contains("warning: " + w + "\n"), w);
        }
        assertFalse(j.get("churn").get("ran").asBoolean());
        assertEquals("USD", j.get("lifetimeValue").get("currency").asText());
        List<String> lines = Files.readAllLines(out.resolve("customers.csv"), StandardCharsets.UTF_8);
        assertEquals("customer_id,segment,segment_name,r_score,f_score,m_score,recency,frequency,monetary,p_churn,"
                + "p_alive,expected_purchases,clv,top_items", lines.get(0));
        assertEquals("", lines.get(1).split(",", -1)[9]);
        assertTrue(Files.readString(out.resolve("report.html")).contains("churn: skipped: "));
    }

    @Test
    void onlyOneTimeBuyersSkipLifetimeValueAndChurnButNotTheSegments() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("customer_id date number_of_cds dollar_value");
        LocalDate start = LocalDate.of(1997, 1, 1);
        for (int c = 1; c <= 300; c++) {
            lines.add(String.format(" %05d %s  1   %d.50", c, start.plusDays(c).format(DateTimeFormatter.BASIC_ISO_DATE),
                    5 + c % 40));
        }
        Path f = dir.resolve("once.txt");
        Files.write(f, lines, StandardCharsets.UTF_8);
        Path out = dir.resolve("once");
        CliRun r = CliRun.of("run", "--input", f.toString(), "--preset", "cdnow", "--k", "3", "--out-dir",
                out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertTrue(r.err().contains("warning: lifetimeValue: skipped: customers with a repeat purchase must be >= 1, "
                + "found 0 among 300 customers\n"), r.err());
        assertTrue(r.err().contains("warning: churn: skipped: everybody churned: "), r.err());
        assertTrue(j.get("lifetimeValue").get("model").isNull());
        assertTrue(j.get("bgNbd").isNull());
        assertEquals(3, j.get("segments").size());
        String[] row = Files.readAllLines(out.resolve("customers.csv"), StandardCharsets.UTF_8).get(1).split(",", -1);
        assertEquals(14, row.length);
        assertEquals("", row[12], "clv empty");
        assertEquals("", row[10], "p_alive empty");
        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue(html.indexOf("id=\"warnings\"") < html.indexOf("id=\"summary\""), "warnings first");
    }

    @Test
    void aShorterChurnHorizonLetsChurnRun() throws IOException {
        CliRun r = CliRun.of("run", "--input", cdnow(120).toString(), "--preset", "cdnow", "--k", "2",
                "--churn-horizon-days", "30", "--currency", "EUR", "--out-dir", dir.resolve("o").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertTrue(j.get("churn").get("ran").asBoolean(), r.err());
        assertEquals(30, j.get("churn").get("horizonDays").asInt());
        assertEquals("EUR", j.get("lifetimeValue").get("currency").asText());
        // memoryless synthetic buyers: no signal to find, but the out-of-sample check is made and reported
        JsonNode v = j.get("churn").get("validation");
        assertEquals(300, v.get("customers").asInt(), v.toString());
        assertEquals("1997-03-30", v.get("evaluationCutoff").asText());
        double auc = v.get("logisticAuc").asDouble();
        assertTrue(auc >= 0 && auc <= 1, v.toString());
    }

    @Test
    void theSimulatorRunStatesItsLifetimeValueAndRoundsItsNumbers() throws IOException {
        Path out = dir.resolve("sim");
        CliRun r = CliRun.of("run", "--customers", "1500", "--k", "3", "--out-dir", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode ltv = r.json().get("lifetimeValue");
        assertTrue(ltv.get("currency").isNull());
        assertEquals("P1Y", ltv.get("horizon").asText());
        assertEquals(0.10, ltv.get("discountRate").asDouble());
        assertEquals(3, ltv.get("validation").size());
        int chosen = 0;
        for (JsonNode c : ltv.get("validation")) {
            chosen += c.get("chosen").asBoolean() ? 1 : 0;
            if (c.get("chosen").asBoolean()) {
                assertEquals(ltv.get("model").asText(), c.get("model").asText());
            }
        }
        assertEquals(1, chosen);
        assertTrue(r.json().get("churn").get("validation").get("logisticAuc").asDouble() > 0.6);
        assertTrue(r.json().get("warnings").isArray());
        List<String> lines = Files.readAllLines(out.resolve("customers.csv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertFalse(line.contains("E"), line);
            assertTrue(f[7].matches("\\d+"), "frequency: " + line);
            assertTrue(f[8].matches("\\d+\\.\\d\\d"), "monetary: " + line);
            assertTrue(f[12].matches("-?\\d+\\.\\d\\d"), "clv: " + line);
            assertTrue(f[10].replace(".", "").replaceFirst("^0+", "").length() <= 6, "p_alive: " + line);
        }
        CliRun full = CliRun.of("run", "--customers", "1500", "--k", "3", "--precision", "full", "--out-dir",
                dir.resolve("full").toString());
        assertEquals(0, full.code(), full.err());
        String second = Files.readAllLines(dir.resolve("full").resolve("customers.csv")).get(1);
        assertTrue(second.split(",")[7].endsWith(".0"), "full precision keeps doubles: " + second);
    }

    @Test
    void theChosenModelsValidationEntryCarriesTheDropoutPriorsGridAndPick() throws IOException {
        CliRun r = CliRun.of("run", "--customers", "1500", "--k", "3", "--out-dir", dir.resolve("prior").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode ltv = r.json().get("lifetimeValue");
        int chosen = 0;
        for (JsonNode c : ltv.get("validation")) {
            JsonNode prior = c.get("dropoutPrior");
            assertTrue(c.has("dropoutPrior"), c.toString());
            if (!c.get("chosen").asBoolean()) {
                assertTrue(prior.isNull(), c.toString());
                continue;
            }
            List<Double> weights = new ArrayList<>();
            double best = Double.POSITIVE_INFINITY;
            for (JsonNode w : prior.get("weights")) {
                weights.add(w.get("weight").asDouble());
                best = Math.min(best, w.get("holdoutLogLoss").asDouble());
            }
            assertEquals(List.of(0.0, 1e-4, 1e-3, 1e-2), weights);
            // the pick follows the rule from the figures in the JSON
            double pick = Double.NaN;
            for (JsonNode w : prior.get("weights")) {
                boolean within = w.get("difference").asDouble() <= w.get("standardError").asDouble();
                assertEquals(within, w.get("withinOneStandardError").asBoolean(), w.toString());
                assertEquals(w.get("holdoutLogLoss").asDouble() - best, w.get("difference").asDouble(), 1e-9);
                if (within) {
                    pick = w.get("weight").asDouble();
                }
            }
            assertEquals(pick, prior.get("chosen").asDouble(), prior.toString());
            assertEquals(pick, prior.get("used").asDouble(), prior.toString());
            assertFalse(prior.get("statement").asText().isEmpty());
            String html = Files.readString(dir.resolve("prior").resolve("report.html"), StandardCharsets.UTF_8);
            assertTrue(html.contains("<b>Dropout prior.</b> "), "the report states the prior");
            chosen++;
        }
        assertEquals(1, chosen);
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        CliRun r = CliRun.of("run", "--churn-horizon-days", "0", "--out-dir", dir.toString());
        assertEquals(2, r.code());
        assertEquals("error: --churn-horizon-days must be >= 1, found 0", r.err().strip());
        r = CliRun.of("run", "--currency", "pounds", "--out-dir", dir.toString());
        assertEquals(2, r.code());
        assertEquals("error: --currency must be a three-letter code such as GBP, found \"pounds\"", r.err().strip());
        r = CliRun.of("run", "--precision", "max", "--out-dir", dir.toString());
        assertEquals(2, r.code());
        assertEquals("error: --precision must be rounded or full, found \"max\"", r.err().strip());
    }

    @Test
    void helpStatesHorizonDiscountAndCurrency() {
        CliRun r = CliRun.of("run", "--help");
        assertEquals(0, r.code());
        String help = r.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("over one year, discounted at 10% a year"), help);
        assertTrue(help.contains("--currency=CODE"), help);
        assertTrue(help.contains("--churn-horizon-days=N"), help);
    }
}
