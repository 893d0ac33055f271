package dev.segmentation.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "BG/NBD on one customer ... NaN standard errors" (standard errors that cannot be computed must be null). */
class NanStandardErrorsTest {
    @TempDir
    Path dir;

    @Test
    void standardErrorsAreNumbersOrNullNeverNaNStrings() throws IOException {
        Path one = Cli.write(dir.resolve("one.csv"), "customer_id,frequency,recency,T,monetary_value\nx,1,2,3,10\n");
        for (String[] args : new String[][] {
            {"clv", "fit", "--model", "bgnbd", "--summary", one.toString()},
            {"spend", "fit", "--summary", one.toString()}}) {
            Cli r = Cli.run(args);
            if (r.code() != 0) { // a model may refuse data that cannot identify it: then one line, exit 1
                assertEquals(1, r.code(), r.err());
                assertTrue(r.err().startsWith("error: ") && r.err().strip().indexOf('\n') < 0, r.err());
                continue;
            }
            assertFalse(r.out().contains("NaN") || r.out().contains("Infinity"), r.out());
            for (JsonNode se : r.json().get("standardErrors")) {
                assertTrue(se.isNull() || se.isNumber(), se.toString());
            }
        }
    }
}
