package dev.segmentation.regressions;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "values that do not make sense together" must be "refused with both names". */
class ConflictingValuesTest {
    @TempDir
    Path dir;

    @Test
    void aCalibrationEndAfterTheEnd() throws IOException {
        Path t = Cli.write(dir.resolve("t.csv"), "c,d,a\nx,2020-01-05,1\n");
        Path out = dir.resolve("s.csv");
        Cli.run("summary", "--input", t.toString(), "--customer", "c", "--date", "d", "--amount", "a", "--end",
                "2020-01-01", "--calibration-end", "2020-06-01", "--out", out.toString())
                .fails(2, "--calibration-end must be before --end 2020-01-01, found 2020-06-01");
        Cli.run("summary", "--input", t.toString(), "--customer", "c", "--date", "d", "--amount", "a", "--end",
                "2020-03-01", "--calibration-end", "2020-01-01", "--out", out.toString())
                .fails(1, "--calibration-end must be on or after the first purchase date 2020-01-05, found 2020-01-01");
        Cli.assertNoFile(out);
    }

    @Test
    void aModelFileWithInlineParameters() throws IOException {
        Path s = Cli.write(dir.resolve("s.csv"), "customer_id,frequency,recency,T\nx,1,2,3\n");
        Cli.run("clv", "score", "--model-file", dir.resolve("m.json").toString(), "--params", "r=1", "--summary",
                s.toString(), "--horizon", "10", "--out", dir.resolve("o.csv").toString())
                .fails(2, "--model-file replaces --model and --params; give one or the other");
        Cli.assertFiles(dir, "s.csv");
    }
}
