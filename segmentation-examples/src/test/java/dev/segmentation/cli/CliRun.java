package dev.segmentation.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Exit code, stdout and stderr of one in-process run of the command line, for tests. */
record CliRun(int code, String out, String err) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Runs {@code segmentation args...} in this JVM. */
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SegmentationCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Parses stdout as JSON. */
    JsonNode json() {
        try {
            return MAPPER.readTree(out);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + out, e);
        }
    }
}
