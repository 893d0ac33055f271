package dev.segmentation.regressions;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "sentiment evaluate --alpha 0 exits 1 (a bad option value is usage: 2)". */
class SentimentAlphaZeroTest {
    @TempDir
    Path dir;

    @Test
    void aBadOptionValueIsUsage() throws IOException {
        Path f = Cli.write(dir.resolve("r.csv"), "text,label\ngood,1\nbad,0\n");
        Cli.run("sentiment", "evaluate", "--input", f.toString(), "--text", "text", "--label", "label", "--model",
                "nb", "--alpha", "0", "--folds", "2").fails(2, "--alpha must be finite and > 0, found 0.0");
    }
}
