package dev.segmentation.cli;

import dev.segmentation.internal.CsvSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * All-or-nothing output files for a command. A command names its inputs ({@link #input}) and its targets
 * ({@link #target}), writes each target's content to the temporary file {@link #target} returns (beside the
 * target, so that the final move stays on one file system), and calls {@link #commit()} only when the whole
 * command has succeeded: the temporary files are then moved onto their targets (an atomic move where the file
 * system allows, else a replacing move). Closing without a commit deletes the temporary files (and a directory
 * {@link #directory} created), so a failed command leaves no new file and older outputs intact.
 *
 * <pre>{@code
 * try (OutputFiles outputs = new OutputFiles().input("--input", input)) {
 *     Path tmp = outputs.target("--out", out);   // refuses out == input (exit 2), a missing folder (exit 1)
 *     write(tmp);
 *     outputs.commit();
 * }
 * }</pre>
 *
 * <p>Checks made when a target is declared, before anything runs: a target equal to a declared input (same
 * normalized absolute path, or {@link Files#isSameFile} when both exist) is a usage error,
 * {@code --out must differ from --input, found "f.csv" for both} (exit 2); a target that is a directory, in
 * a folder that does not exist or that cannot be written is an I/O error naming the reason,
 * {@code cannot write o/nodir/x.csv: no such directory o/nodir} (exit 1). Single-threaded; one per command.
 */
final class OutputFiles implements AutoCloseable {
    private final Map<Path, String> inputs = new LinkedHashMap<>();
    private final Map<Path, Path> temps = new LinkedHashMap<>();
    private final List<Path> createdDirs = new ArrayList<>();
    private boolean committed;

    /**
     * The shape of a command with one output file: {@code body} computes with the temporary path of
     * {@code target} (null when the option was not given), the file moves into place, then the JSON is printed;
     * on failure nothing is written or printed. Closes {@code outputs}.
     *
     * @return 0, the success exit code
     */
    static int writeThenPrint(CommandLine commandLine, OutputFiles outputs, String option, Path target,
            Function<Path, Map<String, Object>> body) {
        try (outputs) {
            Path tmp = target == null ? null : outputs.target(option, target);
            Map<String, Object> json = body.apply(tmp);
            outputs.commit();
            Json.print(commandLine.getOut(), json);
        }
        return 0;
    }

    /**
     * Declares an input file, so that no target may be the same file (null is ignored).
     *
     * @param option the option that named it, for messages, e.g. {@code --input}
     * @param file the input, or null
     * @return this
     */
    OutputFiles input(String option, Path file) {
        if (file != null) {
            inputs.put(file, option);
        }
        return this;
    }

    /**
     * Refuses an output that is one of the inputs: the one-call check for commands that write without this
     * class.
     *
     * @param outputOption the option naming the output, e.g. {@code --out}
     * @param output the output file
     * @param inputsByOption option and file pairs: {@code "--input", input, "--config", config, ...}; null files
     *     are ignored
     * @throws IllegalArgumentException {@code --out must differ from --input, found "f.csv" for both}
     */
    static void requireDistinct(String outputOption, Path output, Object... inputsByOption) {
        OutputFiles o = new OutputFiles();
        for (int i = 0; i + 1 < inputsByOption.length; i += 2) {
            o.input((String) inputsByOption[i], (Path) inputsByOption[i + 1]);
        }
        o.checkNotInput(outputOption, output);
    }

    /**
     * Declares an output directory: creates it when missing (removed again if the command fails and it is
     * still empty).
     *
     * @param option the option that named it, e.g. {@code --out-dir}
     * @param dir the directory
     * @return the directory
     * @throws UncheckedIOException {@code cannot write DIR: <reason>}
     */
    Path directory(String option, Path dir) {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) {
            throw new UncheckedIOException("cannot write " + dir + ": not a directory",
                    new IOException("not a directory"));
        }
        List<Path> missing = new ArrayList<>();
        for (Path p = dir.toAbsolutePath().normalize(); p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir + ": " + CsvSource.reason(dir.resolve("x"), e), e);
        }
        createdDirs.addAll(missing);
        return dir;
    }

    /**
     * Declares a target and returns the temporary file to write its content to.
     *
     * @param option the option that named it, e.g. {@code --out}, or a description such as {@code --out-dir}
     * @param file the target
     * @return a new empty temporary file beside the target
     * @throws IllegalArgumentException if the target is a declared input (usage, exit 2)
     * @throws UncheckedIOException naming the reason when the target cannot be written (exit 1)
     */
    Path target(String option, Path file) {
        checkNotInput(option, file);
        if (temps.containsKey(file)) {
            throw new IllegalArgumentException(option + " must name a file no other output names, found \"" + file
                    + "\" twice");
        }
        if (Files.isDirectory(file)) {
            throw new UncheckedIOException("cannot write " + file + ": is a directory",
                    new IOException("is a directory"));
        }
        Path parent = file.toAbsolutePath().getParent();
        String name = file.getFileName().toString();
        Path tmp = null;
        for (int attempt = 0; tmp == null; attempt++) {
            // Files.createFile (not createTempFile) so that the output gets the usual permissions of new files
            Path candidate = parent.resolve("." + name + "." + Long.toHexString(System.nanoTime() + attempt) + ".tmp");
            try {
                tmp = Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                // try another name
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + CsvSource.reason(file, e), e);
            }
        }
        temps.put(file, tmp);
        return tmp;
    }

    private void checkNotInput(String option, Path file) {
        for (Map.Entry<Path, String> in : inputs.entrySet()) {
            if (same(in.getKey(), file)) {
                throw new IllegalArgumentException(option + " must differ from " + in.getValue() + ", found \""
                        + file + "\" for both");
            }
        }
    }

    private static boolean same(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Moves every temporary file onto its target. Call once, after everything else succeeded.
     *
     * @throws UncheckedIOException naming the target and the reason if a move fails (the remaining temporary
     *     files are then deleted)
     */
    void commit() {
        for (Map.Entry<Path, Path> e : temps.entrySet()) {
            Path target = e.getKey();
            try {
                try {
                    Files.move(e.getValue(), target, StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException notAtomic) {
                    Files.move(e.getValue(), target, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot write " + target + ": " + CsvSource.reason(target, ex), ex);
            }
        }
        committed = true;
        temps.clear();
        createdDirs.clear();
    }

    /** Deletes the temporary files (and created empty directories) unless committed. */
    @Override
    public void close() {
        if (committed) {
            return;
        }
        for (Path tmp : temps.values()) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // best effort: the command already failed with its own error
            }
        }
        temps.clear();
        for (int i = createdDirs.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(createdDirs.get(i));
            } catch (IOException e) {
                // not empty or not ours to remove
            }
        }
        createdDirs.clear();
    }
}
