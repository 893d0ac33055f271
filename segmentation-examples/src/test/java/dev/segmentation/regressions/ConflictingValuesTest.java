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

    @Test
    void optionsThatWouldBeIgnoredAreRefused() throws IOException {
        Path f = Cli.write(dir.resolve("f.csv"), "a,b\n1,2\n3,4\n5,7\n");
        Cli.run("cluster", "--input", f.toString(), "--k", "2", "--covariance", "diag")
                .fails(2, "--covariance applies only with --algorithm gmm, found --algorithm kmeans");
        Path r = Cli.write(dir.resolve("r.csv"), "text,label\ngood,1\nbad,0\n");
        Cli.run("sentiment", "evaluate", "--input", r.toString(), "--text", "text", "--label", "label", "--model",
                "logistic", "--alpha", "0.5", "--folds", "2")
                .fails(2, "--alpha applies only with --model nb or cnb, found --model logistic");
        Cli.run("sentiment", "evaluate", "--input", r.toString(), "--text", "text", "--label", "label", "--model",
                "nb", "--l2", "3", "--folds", "2").fails(2, "--l2 applies only with --model logistic, found --model nb");
        Path t = Cli.write(dir.resolve("t.csv"), "c,d,a,i\nx,2020-01-01,1,A\n");
        Cli.run("recommend", "evaluate", "--input", t.toString(), "--customer", "c", "--date", "d", "--amount", "a",
                "--item", "i", "--split-date", "2020-01-01", "--model", "itemknn", "--factors", "8")
                .fails(2, "--factors applies only with --model als, found --model itemknn");
    }
}
