package dev.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segmentation.testing.SharedData;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryCommandTest {
    @TempDir
    Path dir;

    /**
     * The command rebuilds {@code cdnow_customers_summary_with_transactions.csv} (ID,x,t_x,T,zbar) from
     * {@code CDNOW_sample.txt}: day periods, week unit, end 1997-09-30, compared at the CSV's 2 decimals.
     */
    @Test
    void rebuildsTheCdnowSummary() throws IOException {
        Path out = dir.resolve("summary.csv");
        CliRun r = CliRun.of("summary", "--input", SharedData.file("cdnow/CDNOW_sample.txt").toString(),
                "--preset", "cdnow", "--end", "1997-09-30", "--period", "day", "--unit", "week", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals(2357, j.get("customers").asInt());
        assertEquals(946, j.get("repeatCustomers").asInt());
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals("customer_id,frequency,recency,T,monetary_value", lines.get(0));
        Map<String, String[]> expected = new HashMap<>();
        for (String line : Files.readAllLines(SharedData.file("cdnow/cdnow_customers_summary_with_transactions.csv"),
                StandardCharsets.UTF_8).subList(1, 2358)) {
            String[] f = line.split(",");
            expected.put(f[0], f);
        }
        assertEquals(2358, lines.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            String[] e = expected.get(f[0]);
            for (int c = 1; c <= 4; c++) {
                assertEquals(new BigDecimal(e[c]).setScale(2, RoundingMode.HALF_UP),
                        round2(Double.parseDouble(f[c])), "customer " + f[0] + ", column " + c);
            }
        }
    }

    /** Rounds as the published CSV does: to 15 significant digits first, then half up to 2 decimals. */
    private static BigDecimal round2(double v) {
        return new BigDecimal(v).round(new java.math.MathContext(15)).setScale(2, RoundingMode.HALF_UP);
    }

    @Test
    void calibrationEndAddsTheHoldoutColumns() throws IOException {
        Path csv = dir.resolve("tx.csv");
        Files.writeString(csv, "customer,date,amount\n"
                + "1,2015-01-01,1\n1,2015-02-06,2\n2,2015-01-01,2\n6,2015-02-02,5\n", StandardCharsets.UTF_8);
        Path out = dir.resolve("s.csv");
        CliRun r = CliRun.of("summary", "--input", csv.toString(), "--customer", "customer", "--date", "date",
                "--amount", "amount", "--end", "2015-02-07", "--calibration-end", "2015-02-01", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(
                "customer_id,frequency,recency,T,monetary_value,frequency_holdout,monetary_value_holdout,"
                        + "duration_holdout",
                "1,0,0,31,0,1,2,6",
                "2,0,0,31,0,0,0,6"), Files.readAllLines(out, StandardCharsets.UTF_8));
    }

    @Test
    void unknownPeriodIsAUsageError() {
        CliRun r = CliRun.of("summary", "--input", "x.csv", "--preset", "cdnow", "--end", "1997-09-30",
                "--period", "month", "--out", dir.resolve("o.csv").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: --period must be day or week, found \"month\""), r.err());
    }

    @Test
    void missingInputFileIsBadData() {
        CliRun r = CliRun.of("summary", "--input", dir.resolve("absent.csv").toString(), "--preset", "cdnow",
                "--end", "1997-09-30", "--out", dir.resolve("o.csv").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("absent.csv"), r.err());
    }
}
