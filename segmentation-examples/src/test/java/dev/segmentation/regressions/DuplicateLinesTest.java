package dev.segmentation.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "exact duplicate lines (5,268 in Online Retail) kept and not counted". */
class DuplicateLinesTest {
    @TempDir
    Path dir;

    @Test
    void duplicatesAreCountedAndDroppedOnRequest() throws IOException {
        Path f = Cli.write(dir.resolve("t.csv"), "c,d,a\nx,2020-01-01,1\nx,2020-01-01,1\ny,2020-01-01,1\n");
        JsonNode kept = Cli.run("ingest", "--input", f.toString(), "--customer", "c", "--date", "d", "--amount", "a")
                .ok().json();
        assertEquals(1, kept.get("duplicates").asLong());
        assertEquals(3, kept.get("kept").asLong());
        JsonNode dropped = Cli.run("ingest", "--input", f.toString(), "--customer", "c", "--date", "d", "--amount",
                "a", "--drop-duplicates").ok().json();
        assertEquals(1, dropped.get("duplicates").asLong());
        assertEquals(2, dropped.get("kept").asLong());
        assertEquals(1, dropped.get("skipped").get("duplicate").asLong());
    }
}
