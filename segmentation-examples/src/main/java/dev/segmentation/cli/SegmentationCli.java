package dev.segmentation.cli;

import dev.segmentation.InvalidDataException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code segmentation} command line: {@code java -jar segmentation.jar <command> ...}.
 *
 * <p>The contract (command names, options, JSON fields) is in {@code shared/docs/cli.md}: exit 0 on success,
 * 2 on bad usage, 1 on bad data, with a one-line error on stderr.
 */
@Command(name = "segmentation", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Customer segmentation, churn, lifetime value and recommendations from transactions.",
        subcommands = {CommandLine.HelpCommand.class})
public final class SegmentationCli {
    /** Exit code for bad data (a file that cannot be used as given). */
    static final int EXIT_BAD_DATA = 1;
    /** Exit code for bad usage (unknown option, missing argument). */
    static final int EXIT_USAGE = 2;

    private SegmentationCli() {
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /**
     * Runs one command with the given output streams and returns its exit code (for tests and embedding).
     *
     * @param out where results go
     * @param err where errors go
     * @param args the arguments
     * @return the exit code
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SegmentationCli());
        for (Object sub : Commands.all()) {
            cl.addSubcommand(sub);
        }
        cl.setExitCodeExceptionMapper(SegmentationCli::exitCode);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage());
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("error: " + oneLine(ex));
            return exitCode(ex);
        });
        return cl;
    }

    static int exitCode(Throwable ex) {
        if (ex instanceof IllegalArgumentException && !(ex instanceof NumberFormatException)) {
            return EXIT_USAGE;
        }
        if (ex instanceof InvalidDataException || ex instanceof UncheckedIOException
                || ex instanceof java.io.IOException || ex instanceof NumberFormatException) {
            return EXIT_BAD_DATA;
        }
        return EXIT_BAD_DATA;
    }

    private static String oneLine(Throwable ex) {
        String m = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        return m.replace('\n', ' ').replace('\r', ' ');
    }
}
