package dev.segmentation.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the real data sets in {@code ../shared/data} for tests.
 *
 * <p>The folder is taken from the system property {@code segmentation.sharedData} when set, otherwise it is
 * the first {@code shared/data} found beside the working directory or one of its parents (the checkout sits
 * beside {@code shared/}). When a file is missing the test is skipped with a message saying what is missing,
 * unless {@code -Dsegmentation.requireSharedData=true} is set (as CI sets it): then the test fails.
 */
public final class SharedData {
    private SharedData() {
    }

    /**
     * Returns a file under the shared data folder, or skips (or fails, when required) the calling test.
     *
     * @param relative a path relative to {@code shared/data}, e.g. {@code "cdnow/CDNOW_sample.txt"}
     * @return the existing file
     */
    public static Path file(String relative) {
        Path root = root();
        Path f = root == null ? null : root.resolve(relative);
        if (f == null || !Files.isRegularFile(f)) {
            String msg = "shared data file " + relative + " not found (looked in "
                    + (root == null ? "no shared/data folder beside " + Path.of("").toAbsolutePath() : root)
                    + "); set -Dsegmentation.sharedData=DIR to point at it";
            if (Boolean.getBoolean("segmentation.requireSharedData")) {
                fail(msg + " (required: -Dsegmentation.requireSharedData=true)");
            }
            Assumptions.abort("skipped: " + msg);
        }
        return f;
    }

    private static Path root() {
        String prop = System.getProperty("segmentation.sharedData", "");
        if (!prop.isBlank()) {
            return Path.of(prop).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
