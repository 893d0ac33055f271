package dev.segmentation.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: "`run` on any file spanning less than the 90-day churn horizon stops with exit 2 and `churn:
 * horizonDays must be < 47`, and the command line cannot change the horizon". The churn stage is skipped with
 * a warning while the other stages still run, and {@code --churn-horizon-days} lets it run.
 */
class ShortSpanRunTest {
    @TempDir
    Path dir;

    /** 200 customers buying over {@code days} days, as a plain CSV. */
    private Path orders(int days) throws IOException {
        Random rnd = new Random(3);
        List<String> lines = new ArrayList<>(List.of("customer,date,amount"));
        LocalDate start = LocalDate.of(2024, 1, 1);
        for (int c = 1; c <= 200; c++) {
            for (int d = rnd.nextInt(5); d < days; d += 1 + rnd.nextInt(days)) {
                lines.add("c" + c + "," + start.plusDays(d) + "," + (5 + rnd.nextInt(60)) + ".50");
            }
        }
        return Files.write(dir.resolve("orders-" + days + ".csv"), lines);
    }

    private Cli run(Path input, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--input", input.toString(), "--customer", "customer",
                "--date", "date", "--amount", "amount", "--date-format", "yyyy-MM-dd", "--k", "2", "--out-dir",
                out.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(new String[0]));
    }

    @Test
    void aShortFileRunsWithChurnSkippedAndTheHorizonIsAnOption() throws IOException {
        Path input = orders(60);
        Cli r = run(input, dir.resolve("a")).ok();
        JsonNode j = r.json();
        assertFalse(j.get("churn").get("ran").asBoolean());
        String warnings = j.get("warnings").toString();
        assertTrue(warnings.contains("churn: skipped: the churn horizon of 90 days is not shorter than the "),
                warnings);
        assertTrue(r.err().contains("warning: churn: skipped: "), r.err());
        assertEquals(2, j.get("segments").size());
        assertTrue(Files.exists(dir.resolve("a").resolve("report.html")));

        JsonNode shorter = run(input, dir.resolve("b"), "--churn-horizon-days", "14").ok().json();
        assertTrue(shorter.get("churn").get("ran").asBoolean(), shorter.get("warnings").toString());
        assertEquals(14, shorter.get("churn").get("horizonDays").asInt());
    }
}
