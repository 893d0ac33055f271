package dev.segmentation.cli;

import dev.segmentation.InvalidDataException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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
        // the line is made before the command runs, so that printing it after an OutOfMemoryError allocates (almost)
        // nothing: a heap that is still nearly full must not fail the report itself
        String outOfMemory = outOfMemory(Runtime.getRuntime().maxMemory());
        try {
            return execute(out, err, args);
        } catch (OutOfMemoryError e) { // picocli passes errors through; the heap is free again once they unwind
            err.println(outOfMemory);
            err.flush();
            return EXIT_BAD_DATA;
        }
    }

    /**
     * Parses and runs one command. The command line and the command objects (with whatever their fields hold) live
     * in this frame only, so that once an error unwinds out of it nothing of the command stays reachable.
     */
    private static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    /**
     * The one line for a command that ran out of heap, instead of a stack trace: the input did not fit, and how
     * to give the JVM more (the whole {@code run} keeps about 170 bytes per transaction line, benchmarks/README.md).
     */
    static String outOfMemory(long maxHeapBytes) {
        return "error: out of memory: the input does not fit in the Java heap of " + (maxHeapBytes >> 20) + " MB; "
                + "run with a larger heap, e.g. java -Xmx16g -jar segmentation.jar ... (run needs about 170 bytes per "
                + "transaction line)";
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SegmentationCli());
        for (Object sub : Commands.all()) {
            cl.addSubcommand(sub);
        }
        cl.setExitCodeExceptionMapper(SegmentationCli::exitCode);
        cl.registerConverter(LocalDate.class, SegmentationCli::date);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("error: " + usageMessage(ex));
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("error: " + oneLine(ex));
            return exitCode(ex);
        });
        return cl;
    }

    /** Our converters' messages read "must be ..., found ...": put the option's name in front. */
    private static String usageMessage(CommandLine.ParameterException ex) {
        Throwable cause = ex.getCause();
        if (cause instanceof ValueException && ex.getArgSpec() instanceof CommandLine.Model.OptionSpec) {
            return ((CommandLine.Model.OptionSpec) ex.getArgSpec()).longestName() + " " + cause.getMessage();
        }
        if (cause instanceof ValueException && ex.getArgSpec() != null) {
            return ex.getArgSpec().paramLabel() + " " + cause.getMessage();
        }
        return ex.getMessage();
    }

    /** Dates on the command line: ISO {@code yyyy-MM-dd}; anything else says the pattern and the value. */
    static LocalDate date(String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new ValueException("must be a date in the format yyyy-MM-dd, found \"" + text + "\"");
        }
    }

    /** A bad option value from one of our converters; the message starts with "must be". */
    static final class ValueException extends CommandLine.TypeConversionException {
        private static final long serialVersionUID = 1L;

        ValueException(String message) {
            super(message);
        }
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
