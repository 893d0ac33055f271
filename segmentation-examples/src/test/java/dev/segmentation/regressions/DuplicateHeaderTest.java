package dev.segmentation.regressions;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "a duplicate header exits 2 (bad data: 1)". */
class DuplicateHeaderTest {
    @TempDir
    Path dir;

    @Test
    void aRepeatedHeaderIsBadDataNamingBothPositions() throws IOException {
        Path f = Cli.write(dir.resolve("f.csv"), "a,b,a\n1,2,3\n4,5,6\n7,8,9\n");
        Cli.run("cluster", "--input", f.toString(), "--k", "2")
                .fails(1, f + ":1: header must name column \"a\" once, found it as columns 1 and 3");
        Cli.run("churn", "fit", "--input", f.toString(), "--label", "b")
                .fails(1, f + ":1: header must name column \"a\" once, found it as columns 1 and 3");
        Path s = Cli.write(dir.resolve("s.csv"), "customer_id,frequency,recency,T,T\nx,1,2,3,3\n");
        Cli.run("clv", "fit", "--model", "bgnbd", "--summary", s.toString())
                .fails(1, s + ": line 1: header must name column \"T\" once, found it as columns 4 and 5");
        Path t = Cli.write(dir.resolve("t.csv"), "c,d,a,c\nx,2020-01-01,1,y\n");
        Cli.run("ingest", "--input", t.toString(), "--customer", "c", "--date", "d", "--amount", "a")
                .fails(1, "t.csv: line 1: header must name column \"c\" once, found it as fields 1 and 4");
    }
}
