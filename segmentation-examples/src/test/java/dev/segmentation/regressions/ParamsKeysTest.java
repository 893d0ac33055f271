package dev.segmentation.regressions;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "input silently ignored: unknown --params keys and repeated keys". */
class ParamsKeysTest {
    @TempDir
    Path dir;

    @Test
    void unknownAndRepeatedKeysAreUsageErrors() throws IOException {
        Path s = Cli.write(dir.resolve("s.csv"), "customer_id,frequency,recency,T\nx,1,2,3\n");
        Path out = dir.resolve("o.csv");
        Cli.run("clv", "score", "--model", "bgnbd", "--params", "r=0.24,alpha=4.4,a=0.79,b=2.4,beta=3", "--summary",
                s.toString(), "--horizon", "10", "--out", out.toString())
                .fails(2, "--params key must be one of [r, alpha, a, b] for bgnbd, found \"beta\"");
        Cli.run("clv", "score", "--model", "bgnbd", "--params", "r=0.24,alpha=4.4,a=0.79,b=2.4,r=1", "--summary",
                s.toString(), "--horizon", "10", "--out", out.toString())
                .fails(2, "--params must give r once, found it twice in r=0.24,alpha=4.4,a=0.79,b=2.4,r=1");
        Cli.assertNoFile(out);
    }
}
