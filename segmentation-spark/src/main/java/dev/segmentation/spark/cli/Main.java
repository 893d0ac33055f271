package dev.segmentation.spark.cli;

import dev.segmentation.InvalidDataException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The command line for clusters: {@code spark-submit --class dev.segmentation.spark.cli.Main
 * segmentation-spark.jar COMMAND ...}, or {@code segmentation-spark/bin/segmentation-spark COMMAND ...} on one
 * machine. Commands take the options, exit codes and JSON fields of their single-JVM namesakes
 * ({@code summary}, {@code clv fit}, {@code run}, {@code score}) plus {@code --master URL}, and {@code simulate}
 * writes the built-in simulator's lines as Parquet. Exit codes: 0 ok, 2 bad usage, 1 bad data; errors are one line on stderr.
 */
@Command(name = "segmentation-spark", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Customer segmentation, churn and lifetime value on Apache Spark.",
        subcommands = {SimulateCommand.class, SummaryCommand.class, ClvCommand.class, RunCommand.class, ScoreCommand.class})
public final class Main implements Runnable {
    static final int EXIT_USAGE = 2;
    static final int EXIT_BAD_DATA = 1;

    @Spec
    CommandSpec spec;

    /** Picocli instantiates the command. */
    public Main() {
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command: simulate, summary, clv, run or score");
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        Thread.setDefaultUncaughtExceptionHandler(Main::uncaught);
        System.exit(run(out, err, args));
    }

    /**
     * Whether a thread of this JVM ended on an {@link OutOfMemoryError}: when a task fills the heap, one of Spark's
     * own threads (the context cleaner, a block cleaner) may be the one that fails, and the job then ends as
     * "cancelled because SparkContext was shut down" with no trace of the cause. Set by {@link #uncaught}, which
     * {@link #main} installs; {@link #run} alone (tests, embedding) leaves the JVM's handler alone.
     */
    private static volatile boolean threadOutOfMemory;

    /**
     * The launcher's handler for a thread that ends on an error: an {@link OutOfMemoryError} is recorded without
     * allocating (the command's error line then says out of memory), anything else is one line on stderr, not a
     * stack trace. Spark logs the threads it runs itself before they end.
     */
    static void uncaught(Thread thread, Throwable e) {
        if (e instanceof OutOfMemoryError) {
            threadOutOfMemory = true;
            return;
        }
        System.err.println("warning: thread \"" + thread.getName() + "\" ended: " + oneLine(e));
    }

    /**
     * Runs the command line without exiting, for tests and embedding.
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
        Sessions.STARTED.set(Boolean.FALSE);
        try {
            return execute(out, err, outOfMemory, args);
        } catch (OutOfMemoryError e) { // picocli passes errors through; the heap is free again once they unwind
            err.println(outOfMemory);
            err.flush();
            return EXIT_BAD_DATA;
        } finally {
            Sessions.STARTED.remove();
        }
    }

    /**
     * Parses and runs one command. The command line and the command objects live in this frame only, so that once
     * an error unwinds out of it nothing of the command stays reachable.
     */
    private static int execute(PrintWriter out, PrintWriter err, String outOfMemory, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.registerConverter(LocalDate.class, Main::date);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("error: " + oneLine(ex));
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println(threadOutOfMemory || outOfMemory(ex) ? outOfMemory : "error: " + oneLine(ex));
            return exitCode(ex);
        });
        return cl.execute(args);
    }

    /**
     * The one line for a command that ran out of heap, instead of a stack trace: in the driver, or in a task of a
     * local master (where {@link Sessions} makes Spark fail the job rather than end the JVM).
     */
    static String outOfMemory(long maxHeapBytes) {
        return "error: out of memory: the data do not fit in the Java heap of " + (maxHeapBytes >> 20) + " MB; run "
                + "with a larger heap, e.g. JAVA_OPTS=-Xmx16g segmentation-spark ... (spark-submit: --driver-memory "
                + "and --executor-memory)";
    }

    /**
     * Whether an error comes from running out of heap: an {@link OutOfMemoryError} among its causes, or a failed
     * Spark job whose message names one (a task's error reaches the driver as text when it cannot be shipped).
     */
    static boolean outOfMemory(Throwable ex) {
        Throwable t = ex;
        for (int depth = 0; t != null && depth < 64; depth++, t = t.getCause()) {
            if (t instanceof OutOfMemoryError
                    || (t.getMessage() != null && t.getMessage().contains("java.lang.OutOfMemoryError"))) {
                return true;
            }
        }
        return false;
    }

    static LocalDate date(String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException(
                    "must be a date in the format yyyy-MM-dd, found \"" + text + "\"");
        }
    }

    /**
     * 2 for a usage error: an {@link IllegalArgumentException} thrown before the command started its session;
     * after that, the check depended on the data (exit 1, as everything else).
     */
    static int exitCode(Throwable ex) {
        if (ex instanceof IllegalArgumentException && !(ex instanceof NumberFormatException)
                && !Sessions.STARTED.get()) {
            return EXIT_USAGE;
        }
        if (ex instanceof InvalidDataException || ex instanceof UncheckedIOException) {
            return EXIT_BAD_DATA;
        }
        return EXIT_BAD_DATA;
    }

    private static String oneLine(Throwable ex) {
        String m = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        int nl = m.indexOf('\n');
        return (nl >= 0 ? m.substring(0, nl) : m).replace('\r', ' ').strip();
    }

    /** The library version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"segmentation-spark " + (v == null ? "(development build)" : v)};
        }
    }
}
