package dev.segmentation.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures {@code System.out} and {@code System.err} around a piece of library code, so tests can assert
 * that the library prints nothing.
 */
public final class StdoutGuard {
    private StdoutGuard() {
    }

    /**
     * Runs {@code action} and returns everything it printed to stdout or stderr.
     *
     * @param action the code to run
     * @return the captured output, empty when nothing was printed
     */
    public static String capture(Runnable action) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            action.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
