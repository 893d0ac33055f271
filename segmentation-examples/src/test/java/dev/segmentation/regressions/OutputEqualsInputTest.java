package dev.segmentation.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "cluster --input f.csv --out f.csv (and summary, clv score, plan) overwrites its own input". */
class OutputEqualsInputTest {
    @TempDir
    Path dir;

    @Test
    void clusterRefusesToOverwriteItsInput() throws IOException {
        String body = "a,b\n1,2\n3,4\n5,7\n8,1\n";
        Path f = Cli.write(dir.resolve("f.csv"), body);
        Cli.run("cluster", "--input", f.toString(), "--k", "2", "--out", f.toString())
                .fails(2, "--out must differ from --input, found \"" + f + "\" for both");
        assertEquals(body, Files.readString(f));
        // the same file under another spelling
        Path other = dir.resolve(".").resolve("sub").resolve("..").resolve("f.csv");
        Cli.run("cluster", "--input", f.toString(), "--k", "2", "--out", other.toString())
                .fails(2, "--out must differ from --input, found \"" + other + "\" for both");
        assertEquals(body, Files.readString(f));
    }

    @Test
    void clvScoreAndSummaryRefuseToo() throws IOException {
        String body = "customer_id,frequency,recency,T\nx,1,2,3\ny,0,0,3\n";
        Path s = Cli.write(dir.resolve("s.csv"), body);
        Cli.run("clv", "score", "--model", "bgnbd", "--params", "r=0.24,alpha=4.4,a=0.79,b=2.4", "--summary",
                s.toString(), "--horizon", "10", "--out", s.toString())
                .fails(2, "--out must differ from --summary, found \"" + s + "\" for both");
        assertEquals(body, Files.readString(s));
        Path t = Cli.write(dir.resolve("t.csv"), "c,d,a\nx,2020-01-01,1\n");
        Cli.run("summary", "--input", t.toString(), "--customer", "c", "--date", "d", "--amount", "a", "--end",
                "2020-02-01", "--out", t.toString())
                .fails(2, "--out must differ from --input, found \"" + t + "\" for both");
        assertEquals("c,d,a\nx,2020-01-01,1\n", Files.readString(t));
    }
}
