package dev.segmentation.regressions;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "a date in the wrong format printing a Java conversion exception". */
class DateFormatMessageTest {
    @TempDir
    Path dir;

    @Test
    void optionsAndDataSayThePatternAndTheValue() throws IOException {
        Path t = Cli.write(dir.resolve("t.csv"), "c,d,a\nx,2020/01/01,1\n");
        Cli.run("summary", "--input", t.toString(), "--customer", "c", "--date", "d", "--amount", "a", "--end",
                "2011/12/09", "--out", dir.resolve("s.csv").toString())
                .fails(2, "--end must be a date in the format yyyy-MM-dd, found \"2011/12/09\"");
        Cli.run("ingest", "--input", t.toString(), "--customer", "c", "--date", "d", "--amount", "a")
                .fails(1, "t.csv: line 2, column d: value must be a date in the format yyyy-MM-dd[ HH:mm[:ss]], found "
                        + "\"2020/01/01\"");
        Cli.run("ingest", "--input", t.toString(), "--customer", "c", "--date", "d", "--amount", "a",
                "--date-format", "HH:mm").fails(2, "--date-format must give a date or a date-time, found \"HH:mm\"");
        Cli.assertFiles(dir, "t.csv");
    }
}
