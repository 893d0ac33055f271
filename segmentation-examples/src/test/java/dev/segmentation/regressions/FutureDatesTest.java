package dev.segmentation.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "dates years in the future accepted without a warning". */
class FutureDatesTest {
    @TempDir
    Path dir;

    @Test
    void futureDatesAreCountedAndWarned() throws IOException {
        Path f = Cli.write(dir.resolve("t.csv"), "c,d,a\nx,2020-01-01,1\ny,2030-01-01,1\n");
        Cli r = Cli.run("ingest", "--input", f.toString(), "--customer", "c", "--date", "d", "--amount", "a",
                "--as-of", "2020-12-31").ok();
        JsonNode j = r.json();
        String warning = "1 kept rows are dated after 2020-12-31 (--as-of), the first on line 3; check the dates and "
                + "--date-format";
        assertEquals(1, j.get("futureDates").asLong());
        assertEquals(warning, j.get("warnings").get(0).asText());
        assertEquals("warning: " + warning, r.err().strip());
    }
}
