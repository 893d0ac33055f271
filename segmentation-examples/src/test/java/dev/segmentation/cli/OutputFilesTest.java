package dev.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** All-or-nothing outputs: temporary files beside the targets, moved in on commit, removed otherwise. */
class OutputFilesTest {
    @TempDir
    Path dir;

    private List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void commitMovesEveryTemporaryFileOntoItsTarget() throws IOException {
        Path a = dir.resolve("a.csv");
        Files.writeString(a, "old");
        try (OutputFiles o = new OutputFiles()) {
            Path ta = o.target("--out", a);
            Path tb = o.target("--save", dir.resolve("b.json"));
            assertEquals(dir, ta.getParent());
            Files.writeString(ta, "new a");
            Files.writeString(tb, "new b");
            assertEquals("old", Files.readString(a));
            o.commit();
        }
        assertEquals("new a", Files.readString(a));
        assertEquals(List.of("a.csv", "b.json"), names(dir));
    }

    @Test
    void closingWithoutCommitRemovesTemporaryFilesAndCreatedFolders() throws IOException {
        Path a = dir.resolve("a.csv");
        Files.writeString(a, "old");
        Path out = dir.resolve("new").resolve("deeper");
        try (OutputFiles o = new OutputFiles()) {
            o.directory("--out-dir", out);
            Files.writeString(o.target("--out-dir", out.resolve("c.csv")), "half");
            Files.writeString(o.target("--out", a), "half");
        }
        assertEquals("old", Files.readString(a));
        assertEquals(List.of("a.csv"), names(dir));
    }

    @Test
    void inputsAndRepeatedTargetsAreRefused() throws IOException {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OutputFiles.requireDistinct("--out", dir.resolve("sub").resolve("..").resolve("in.csv"),
                        "--config", null, "--customers", in));
        assertEquals("--out must differ from --customers, found \"" + dir.resolve("sub").resolve("..")
                .resolve("in.csv") + "\" for both", e.getMessage());
        Path link = dir.resolve("link.csv");
        Files.createSymbolicLink(link, in);
        assertThrows(IllegalArgumentException.class, () -> OutputFiles.requireDistinct("--out", link, "--input", in));
        OutputFiles.requireDistinct("--out", dir.resolve("other.csv"), "--input", in);
        try (OutputFiles o = new OutputFiles()) {
            o.target("--out", dir.resolve("x.csv"));
            assertEquals("--save must name a file no other output names, found \"" + dir.resolve("x.csv") + "\" twice",
                    assertThrows(IllegalArgumentException.class, () -> o.target("--save", dir.resolve("x.csv")))
                            .getMessage());
        }
        assertFalse(Files.exists(dir.resolve("x.csv")));
        assertTrue(Files.exists(in));
    }
}
