package dev.segmentation.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "a CSV saved by Excel with a UTF-8 byte-order mark is refused by cluster, churn fit, sentiment, plan and clv fit". */
class ByteOrderMarkTest {
    @TempDir
    Path dir;

    @Test
    void clusterReadsTheFirstColumnByItsName() throws IOException {
        Path f = Cli.writeWithBom(dir.resolve("f.csv"), "a,b,c\n1,2,3\n4,5,6\n7,8,10\n");
        Cli r = Cli.run("cluster", "--input", f.toString(), "--columns", "a,b", "--k", "2").ok();
        assertEquals("[\"a\",\"b\"]", r.json().get("columns").toString()); // no "\ufeffa"
    }

    @Test
    void churnFitSentimentAndClvFit() throws IOException {
        Path churn = Cli.writeWithBom(dir.resolve("churn.csv"), "churn,x\n0,1\n1,5\n0,2\n1,4\n0,1.5\n1,3\n");
        Cli.run("churn", "fit", "--input", churn.toString(), "--label", "churn").ok();
        Path reviews = Cli.writeWithBom(dir.resolve("r.csv"), "text,label\ngood fine,1\nbad awful,0\ngreat,1\n"
                + "poor,0\nnice good,1\nterrible bad,0\n");
        Cli.run("sentiment", "evaluate", "--input", reviews.toString(), "--text", "text", "--label", "label",
                "--model", "nb", "--folds", "2").ok();
        Path summary = Cli.writeWithBom(dir.resolve("s.csv"), "customer_id,frequency,recency,T\na,2,30,40\n"
                + "b,0,0,40\nc,1,10,35\nd,4,33,38\ne,0,0,20\nf,3,12,30\n");
        Cli.run("clv", "fit", "--model", "bgnbd", "--summary", summary.toString()).ok();
    }
}
