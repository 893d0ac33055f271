package dev.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that runs out of heap ends with one line and exit 1, not a stack trace: the single-JVM {@code run} of
 * 2 M customers with a 4 GB heap did this (benchmarks/README.md, issue 21's scale runs).
 */
class OutOfMemoryTest {
    @TempDir
    Path dir;

    @Test
    void messageSaysTheHeapAndWhatToDo() {
        assertEquals("error: out of memory: the input does not fit in the Java heap of 4096 MB; run with a larger "
                + "heap, e.g. java -Xmx16g -jar segmentation.jar ... (run needs about 170 bytes per transaction line)",
                SegmentationCli.outOfMemory(4L << 30));
    }

    /** The real thing in a child JVM with a 48 MB heap: 300,000 simulated customers do not fit. */
    @Test
    void runOutOfHeapExitsOneWithOneLineAndWritesNoFile() throws IOException, InterruptedException {
        Path out = dir.resolve("out");
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m",
                "-cp", System.getProperty("java.class.path"), SegmentationCli.class.getName(), "run", "--customers",
                "300000", "--out-dir", out.toString())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the child JVM did not end within 5 minutes");
        List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), String.join("\n", lines));
        String last = lines.get(lines.size() - 1);
        assertTrue(last.matches("error: out of memory: the input does not fit in the Java heap of \\d+ MB; run with "
                + "a larger heap, e\\.g\\. java -Xmx16g -jar segmentation\\.jar \\.\\.\\. \\(run needs about 170 bytes "
                + "per transaction line\\)"), last);
        assertFalse(String.join("\n", lines).contains("\tat "), "no stack trace: " + lines);
        assertFalse(Files.exists(out.resolve("customers.csv")), "a failed run writes no customers.csv");
    }
}
