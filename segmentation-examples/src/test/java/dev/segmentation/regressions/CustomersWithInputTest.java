package dev.segmentation.regressions;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "input silently ignored: --customers with --input". */
class CustomersWithInputTest {
    @TempDir
    Path dir;

    @Test
    void bothOptionsAreNamed() throws IOException {
        Path f = Cli.write(dir.resolve("f.csv"), "x\n");
        Cli.run("run", "--input", f.toString(), "--preset", "online-retail", "--customers", "10", "--out-dir",
                dir.resolve("out").toString())
                .fails(2, "--customers sizes the simulator; it cannot be combined with --input");
        Cli.assertFiles(dir, "f.csv");
    }
}
