package dev.segmentation.cli;

import dev.segmentation.progress.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * Shows pipeline progress on stderr: on a terminal a bar redrawn in place ({@code \r}), elsewhere (CI logs,
 * pipes) one plain line when a stage starts and one when it ends.
 */
final class ConsoleProgress implements ProgressListener {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;
    private long stageStart;
    private int lastPercent = -1;

    ConsoleProgress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void progress(String stage, double fraction) {
        if (fraction == 0.0) {
            stageStart = System.nanoTime();
            lastPercent = -1;
        }
        int percent = (int) Math.round(100 * fraction);
        if (terminal) {
            if (percent == lastPercent) {
                return;
            }
            lastPercent = percent;
            int filled = (int) Math.round(WIDTH * fraction);
            err.printf(Locale.ROOT, "\r%-16s [%s%s] %3d%%", stage, "#".repeat(filled), " ".repeat(WIDTH - filled),
                    percent);
            if (fraction >= 1.0) {
                err.printf(Locale.ROOT, " %,d ms%n", (System.nanoTime() - stageStart) / 1_000_000);
            }
            err.flush();
        } else if (fraction == 0.0) {
            err.println(stage + " ...");
            err.flush();
        } else if (fraction >= 1.0) {
            err.printf(Locale.ROOT, "%s done in %,d ms%n", stage, (System.nanoTime() - stageStart) / 1_000_000);
            err.flush();
        }
    }

    /** Prints the stage timings as one line: {@code timings (ms): load 812, features 301, ..., total 9,120}. */
    void timings(Map<String, Long> millis) {
        StringBuilder sb = new StringBuilder("timings (ms):");
        String sep = " ";
        for (Map.Entry<String, Long> e : millis.entrySet()) {
            sb.append(sep).append(e.getKey()).append(' ').append(String.format(Locale.ROOT, "%,d", e.getValue()));
            sep = ", ";
        }
        err.println(sb);
        err.flush();
    }
}
