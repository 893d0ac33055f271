package dev.segmentation.regressions;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "internal names such as x: distinct rows must be >= 2 or y: labels must contain both classes". */
class InternalNamesTest {
    @TempDir
    Path dir;

    @Test
    void identicalRowsAreDescribedByTheColumns() throws IOException {
        Path f = Cli.write(dir.resolve("f.csv"), "a,b\n1,2\n1,2\n1,2\n");
        Cli.run("cluster", "--input", f.toString(), "--k", "2")
                .fails(1, f + ": rows must differ in the columns [a, b] to be clustered (at least 2 distinct rows),"
                        + " found all 3 rows identical");
        Path g = Cli.write(dir.resolve("g.csv"), "a,b\n1,2\n1,2\n3,4\n");
        Cli.run("cluster", "--input", g.toString(), "--k", "3")
                .fails(1, g + ": --k must be <= the number of distinct rows in the columns [a, b] (2), found 3");
    }

    @Test
    void oneClassIsDescribedByTheLabelColumn() throws IOException {
        Path f = Cli.write(dir.resolve("c.csv"), "churned,x\n0,1\n0,2\n0,3\n");
        Cli.run("churn", "fit", "--input", f.toString(), "--label", "churned")
                .fails(1, f + ": label column \"churned\" must hold both classes 0 and 1, found only 0 in 3 rows");
        Cli.run("churn", "evaluate", "--input", f.toString(), "--label", "churned", "--folds", "2")
                .fails(1, f + ": label column \"churned\" must hold both classes 0 and 1, found only 0 in 3 rows");
    }
}
