package dev.segmentation.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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
        Optional<String> missing = missing(relative);
        if (missing.isPresent()) {
            if (required()) {
                fail(missing.get() + " (required: -Dsegmentation.requireSharedData=true)");
            }
            Assumptions.abort("skipped: " + missing.get());
        }
        return root().resolve(relative);
    }

    /**
     * Says whether tests must fail instead of skipping when shared data is missing.
     *
     * @return the value of {@code -Dsegmentation.requireSharedData}
     */
    public static boolean required() {
        return Boolean.getBoolean("segmentation.requireSharedData");
    }

    /**
     * Says what is missing, if anything, without skipping or failing.
     *
     * @param relative a path relative to {@code shared/data}
     * @return empty when the file exists, else the message saying where it was looked for
     */
    public static Optional<String> missing(String relative) {
        Path root = root();
        Path f = root == null ? null : root.resolve(relative);
        if (f != null && Files.isRegularFile(f)) {
            return Optional.empty();
        }
        return Optional.of("shared data file " + relative + " not found (looked in "
                + (root == null ? "no shared/data folder beside " + Path.of("").toAbsolutePath() : root)
                + "); set -Dsegmentation.sharedData=DIR to point at it");
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
