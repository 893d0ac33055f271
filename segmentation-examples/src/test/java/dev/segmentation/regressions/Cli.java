package dev.segmentation.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.cli.SegmentationCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * One in-process run of the command line for regression tests: exit code, stdout and stderr. Each class in
 * this package is one reported case (its javadoc quotes the report); a new bug report gets a new class.
 */
record Cli(int code, String out, String err) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SegmentationCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Cli(code, out.toString(), err.toString());
    }


    JsonNode json() {
        try {
            return MAPPER.readTree(out);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + out, e);
        }
    }

    /** Asserts a failure with this exit code and exactly this one-line error (no stack trace). */
    Cli fails(int expectedCode, String message) {
        assertEquals(expectedCode, code, err);
        assertEquals("error: " + message, err.strip());
        assertFalse(err.contains("\tat "), err);
        return this;
    }

    Cli ok() {
        assertEquals(0, code, err);
        return this;
    }

    static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** The file's content prefixed with a UTF-8 byte order mark, as Excel saves "CSV UTF-8". */
    static Path writeWithBom(Path file, String content) throws IOException {
        byte[] body = content.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[body.length + 3];
        all[0] = (byte) 0xEF;
        all[1] = (byte) 0xBB;
        all[2] = (byte) 0xBF;
        System.arraycopy(body, 0, all, 3, body.length);
        Files.write(file, all);
        return file;
    }

    /** Asserts that a directory holds exactly these names (no temporary files left over). */
    static void assertFiles(Path dir, String... names) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(java.util.Set.of(names), s.map(p -> p.getFileName().toString())
                    .collect(java.util.stream.Collectors.toSet()));
        }
    }

    static void assertNoFile(Path file) {
        assertTrue(!Files.exists(file), file + " must not exist");
    }
}
