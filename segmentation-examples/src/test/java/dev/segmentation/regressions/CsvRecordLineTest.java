package dev.segmentation.regressions;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Exception when reading record that started in line 7 with no file or field count". */
class CsvRecordLineTest {
    @TempDir
    Path dir;

    @Test
    void aRecordOfAnotherWidthNamesFileLineAndCounts() throws IOException {
        Path f = Cli.write(dir.resolve("f.csv"), "a,b\n1,2\n3,4\n5,6\n7,8\n9,10\n11,12,13\n");
        Cli.run("cluster", "--input", f.toString(), "--k", "2")
                .fails(1, f + ":7: record must have 2 fields like the header (check the quoting), found 3");
        Cli.run("churn", "fit", "--input", f.toString(), "--label", "a")
                .fails(1, f + ":7: record must have 2 fields like the header (check the quoting), found 3");
        Cli.run("sentiment", "themes", "--input", f.toString(), "--text", "a", "--group", "b")
                .fails(1, f + ":7: record must have 2 fields like the header (check the quoting), found 3");
    }

    @Test
    void brokenQuotingNamesTheLine() throws IOException {
        Path f = Cli.write(dir.resolve("q.csv"), "customer_id,frequency,recency,T\na,1,2,3\nb,1,2,3\nc,1,2,3\n"
                + "d,1,2,3\ne,1,2,3\n\"f\"x,1,2,3\n");
        Cli.run("clv", "fit", "--model", "bgnbd", "--summary", f.toString())
                .fails(1, f + ": line 7: CSV quoting must be balanced (a quoted field ends with a quote followed by a"
                        + " separator or line end), found: Unexpected character after closing quote: 'x' (0x78)");
    }
}
