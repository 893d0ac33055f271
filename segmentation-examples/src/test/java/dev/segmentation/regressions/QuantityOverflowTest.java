package dev.segmentation.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "ingest with a quantity of 1e308 reports revenue Infinity" and "a quantity of 1e308 blamed on the unit price". */
class QuantityOverflowTest {
    @TempDir
    Path dir;

    @Test
    void theQuantityIsBlamedAndBothColumnsNamed() throws IOException {
        Path f = Cli.write(dir.resolve("o.csv"), "c,d,q,p\nx,2020-01-01,1e308,2\ny,2020-01-01,1,2\n");
        Cli.run("ingest", "--input", f.toString(), "--customer", "c", "--date", "d", "--unit-price", "p",
                "--quantity", "q").fails(1, "o.csv: line 2, column q: value times p 2 must be a finite amount "
                        + "(amount = q x p), found \"1e308\"");
        Cli r = Cli.run("ingest", "--input", f.toString(), "--customer", "c", "--date", "d", "--unit-price", "p",
                "--quantity", "q", "--skip-bad-rows").ok();
        assertEquals(1, r.json().get("skipped").get("non_finite_amount").asLong());
        assertEquals(2.0, r.json().get("revenue").asDouble());
    }

    @Test
    void aRevenueThatOverflowsIsAnErrorNotInfinity() throws IOException {
        Path f = Cli.write(dir.resolve("o.csv"), "c,d,q,p\nx,2020-01-01,1e308,1\ny,2020-01-01,1e308,1\n");
        Cli.run("ingest", "--input", f.toString(), "--customer", "c", "--date", "d", "--unit-price", "p",
                "--quantity", "q").fails(1, "o.csv: line 3: revenue (the sum of q x p over the kept rows) must be a "
                        + "finite number, found an overflow at this line");
    }
}
