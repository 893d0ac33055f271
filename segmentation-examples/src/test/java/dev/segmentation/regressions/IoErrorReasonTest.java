package dev.segmentation.regressions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "error: o/nodir/x.csv: o/nodir/x.csv" does not say what is wrong. */
class IoErrorReasonTest {
    @TempDir
    Path dir;

    @Test
    void aMissingFolderIsNamed() throws IOException {
        Path f = Cli.write(dir.resolve("f.csv"), "a,b\n1,2\n3,4\n5,7\n");
        Path x = dir.resolve("o").resolve("nodir").resolve("x.csv");
        Cli.run("cluster", "--input", f.toString(), "--k", "2", "--out", x.toString())
                .fails(1, "cannot write " + x + ": no such directory " + x.getParent());
        Cli.assertFiles(dir, "f.csv");
    }

    @Test
    void aFileWhereAFolderShouldBeAndAFolderWhereAFileShouldBe() throws IOException {
        Path f = Cli.write(dir.resolve("f.csv"), "a,b\n1,2\n3,4\n5,7\n");
        Path under = f.resolve("x.csv");
        Cli.run("cluster", "--input", f.toString(), "--k", "2", "--out", under.toString())
                .fails(1, "cannot write " + under + ": not a directory " + f);
        Path folder = Files.createDirectory(dir.resolve("folder.csv"));
        Cli.run("cluster", "--input", f.toString(), "--k", "2", "--out", folder.toString())
                .fails(1, "cannot write " + folder + ": is a directory");
        Path missing = dir.resolve("missing.csv");
        Cli.run("cluster", "--input", missing.toString(), "--k", "2")
                .fails(1, "cannot read " + missing + ": no such file");
    }
}
