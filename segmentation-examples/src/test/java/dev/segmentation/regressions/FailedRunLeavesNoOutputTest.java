package dev.segmentation.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "run --customers 50 --save-models missing-dir/m.json exits 1 after writing customers.csv, segments.csv and report.html". */
class FailedRunLeavesNoOutputTest {
    @TempDir
    Path dir;

    @Test
    void aMissingModelFolderFailsBeforeAnythingIsWritten() throws IOException {
        Path out = dir.resolve("out");
        Path models = dir.resolve("missing-dir").resolve("m.json");
        Cli.run("run", "--customers", "50", "--out-dir", out.toString(), "--save-models", models.toString())
                .fails(1, "cannot write " + models + ": no such directory " + models.getParent());
        Cli.assertNoFile(out); // the folder it would have created is gone too
        Cli.assertFiles(dir);
    }

    @Test
    void anUnwritableReportKeepsTheOldOutputIntact() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Cli.write(out.resolve("customers.csv"), "old customers\n");
        Cli.write(out.resolve("segments.csv"), "old segments\n");
        Files.createDirectory(out.resolve("report.html")); // a directory of that name cannot be replaced
        Cli.run("run", "--customers", "50", "--out-dir", out.toString())
                .fails(1, "cannot write " + out.resolve("report.html") + ": is a directory");
        assertEquals("old customers\n", Files.readString(out.resolve("customers.csv")));
        assertEquals("old segments\n", Files.readString(out.resolve("segments.csv")));
        Cli.assertFiles(out, "customers.csv", "segments.csv", "report.html");
    }

    @Test
    void aSuccessfulRunReplacesEveryOutputAndLeavesNoTemporaryFile() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Cli.write(out.resolve("customers.csv"), "old customers\n");
        Path models = dir.resolve("m.json");
        Cli.run("run", "--customers", "50", "--out-dir", out.toString(), "--save-models", models.toString()).ok();
        Cli.assertFiles(out, "customers.csv", "segments.csv", "report.html");
        Cli.assertFiles(dir, "out", "m.json");
        assertEquals(true, Files.readString(out.resolve("customers.csv")).startsWith("customer_id,"));
    }
}
