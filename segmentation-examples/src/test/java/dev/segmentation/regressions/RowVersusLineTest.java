package dev.segmentation.regressions;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "row 99 for line 101". */
class RowVersusLineTest {
    @TempDir
    Path dir;

    @Test
    void clusterNamesTheLineOnly() throws IOException {
        StringBuilder b = new StringBuilder("a,b\n");
        for (int i = 0; i < 99; i++) {
            b.append(i).append(',').append(i % 7).append('\n');
        }
        b.append("5,-2\n"); // data row 99, line 101
        Path f = Cli.write(dir.resolve("f.csv"), b.toString());
        Cli.run("cluster", "--input", f.toString(), "--k", "2", "--log1p")
                .fails(1, f + ":101: column b: value must be > -1, found -2.0");
    }

    @Test
    void summaryValidationNamesTheLineWithBlankLinesAndTheUsersColumns() throws IOException {
        Path f = Cli.write(dir.resolve("s.csv"), "id,x,tx,age\na,1,2,3\n\n\nb,2,5,3\n");
        Cli.run("clv", "fit", "--model", "bgnbd", "--summary", f.toString(), "--columns", "id,x,tx,age")
                .fails(1, f + ": line 5 (customer b): tx must be <= age = 3.0, found 5.0");
    }
}
