package dev.segmentation.spark.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * The {@code --master} option shared by every command (a picocli mixin), the session it starts, and the small
 * file and JSON helpers of the commands.
 */
final class Sessions {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Spark's minimum system memory in local mode: 1.5 times its reserved 300 MB ({@code UnifiedMemoryManager}). */
    static final long MIN_LOCAL_HEAP_BYTES = 300L * 1024 * 1024 * 3 / 2;
    /** How deep Spark looks for a fatal error in a failed task's causes before it ends the executor's JVM. */
    static final String KILL_ON_FATAL_ERROR_DEPTH = "spark.executor.killOnFatalError.depth";
    /**
     * Whether the running command has started its session: from then on it reads data, and an
     * {@link IllegalArgumentException} (a data-dependent check such as an as-of date outside the lines) is bad data,
     * exit 1, not bad usage. Reset by {@link Main#run} before each command.
     */
    static final ThreadLocal<Boolean> STARTED = ThreadLocal.withInitial(() -> Boolean.FALSE);

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master URL. Default: the one spark-submit sets, else local[2].")
    String master;

    /** Starts (or joins) the session: the given master, else spark-submit's, else {@code local[2]}. */
    SparkSession start(String command) {
        STARTED.set(Boolean.TRUE);
        SparkSession.Builder b = SparkSession.builder().appName("segmentation-spark " + command);
        String m = master != null ? master : System.getProperty("spark.master", "local[2]");
        b.master(m);
        if (m.startsWith("local")) {
            requireLocalHeap(Runtime.getRuntime().maxMemory(), System.getProperty("spark.testing.memory") != null);
            if (System.getProperty(KILL_ON_FATAL_ERROR_DEPTH) == null) {
                // local mode runs the tasks in this JVM, and by default Spark ends it (exit 52, a stack trace) when a
                // task throws an OutOfMemoryError; 0 fails the job instead, so Main prints its one line and exits 1
                b.config(KILL_ON_FATAL_ERROR_DEPTH, "0");
            }
            b.config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1");
            if (System.getProperty("spark.sql.shuffle.partitions") == null) {
                // the shuffles of a run carry per-customer rows or aggregates (the lines are read in place): a few
                // partitions per core, not Spark's default 200 tasks per aggregate
                b.config("spark.sql.shuffle.partitions", Integer.toString(4 * localCores(m)));
            }
        }
        return b.getOrCreate();
    }

    /**
     * Refuses a heap below the 450 MB that Spark needs in local mode (1.5 times its 300 MB reserve) with one line
     * that says how to give more, before Spark fails its session with a logged stack trace. Skipped when
     * {@code spark.testing.memory} is set, which replaces the heap in Spark's own check.
     *
     * @param maxHeapBytes the JVM's maximum heap
     * @param testingMemory whether {@code spark.testing.memory} is set
     */
    static void requireLocalHeap(long maxHeapBytes, boolean testingMemory) {
        if (!testingMemory && maxHeapBytes < MIN_LOCAL_HEAP_BYTES) {
            throw new IllegalStateException("the Java heap of " + (maxHeapBytes >> 20) + " MB is below the "
                    + (MIN_LOCAL_HEAP_BYTES >> 20) + " MB Spark needs in local mode; run with a larger heap, e.g. "
                    + "JAVA_OPTS=-Xmx4g segmentation-spark ... (spark-submit: --driver-memory 4g)");
        }
    }

    /** The cores of a local master URL: {@code local} 1, {@code local[N]} (or {@code local[N,F]}) N, {@code local[*]} all. */
    static int localCores(String master) {
        java.util.regex.Matcher n = java.util.regex.Pattern.compile("local\\[(\\d+|\\*)(,\\d+)?\\]").matcher(master);
        if (!n.matches()) {
            return 1;
        }
        return n.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n.group(1));
    }

    /**
     * The threads for work the driver does between Spark jobs (the lifetime-value fits on the merged histograms): the
     * cores of a local master ({@link #localCores}), else {@code spark.driver.cores} (default 1). Results do not
     * depend on it: those fits are bit for bit the same for every thread count.
     */
    static int driverThreads(SparkSession spark) {
        return driverThreads(spark.sparkContext().master(),
                spark.sparkContext().getConf().getInt("spark.driver.cores", 1));
    }

    /** {@link #driverThreads(SparkSession)} for a master URL and a {@code spark.driver.cores} value. */
    static int driverThreads(String master, int driverCores) {
        return master.startsWith("local") ? localCores(master) : Math.max(1, driverCores);
    }

    /**
     * Refuses an input path that does not exist (exit 1) with the single JVM's line, {@code NAME: file not found:
     * PATH}, before Spark names it in a long error.
     */
    static void requireExists(SparkSession spark, String option, String path) {
        Path p = new Path(path);
        try {
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(p)) {
                throw new UncheckedIOException(p.getName() + ": file not found: " + path,
                        new java.io.FileNotFoundException(path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(option + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a missing file read on the driver's side as the single JVM's {@code clv fit} does (exit 1):
     * {@code cannot read PATH: no such file} (or {@code no such directory DIR} for a local path whose directory is
     * missing).
     */
    static void requireFile(SparkSession spark, String path) {
        Path p = new Path(path);
        try {
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(p)) {
                String scheme = p.toUri().getScheme();
                String reason = scheme == null || scheme.equals("file")
                        ? dev.segmentation.internal.CsvSource.reason(java.nio.file.Path.of(p.toUri().getPath()),
                                new java.nio.file.NoSuchFileException(path))
                        : "no such file";
                throw new UncheckedIOException("cannot read " + path + ": " + reason,
                        new java.io.FileNotFoundException(path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses an output directory that exists as a file (exit 1) with the single JVM's line, {@code cannot write
     * DIR: not a directory}; called before any Spark job.
     */
    static void requireDirectory(SparkSession spark, String dir) {
        Path p = new Path(dir);
        try {
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(p) && !fs.getFileStatus(p).isDirectory()) {
                throw new UncheckedIOException("cannot write " + dir + ": not a directory",
                        new IOException("not a directory"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The columns of {@code customers/} written without a Parquet dictionary: those whose values are (nearly) one per
     * customer (the id, the money and probability columns, the item lists and their descriptions). For each of
     * them the Parquet writer would build a dictionary of every value it meets and then, finding it no smaller than
     * the values, throw it away and write them plain (the file holds them plain either way): that dictionary was most
     * of the write's CPU. The columns of few values (segment, name, scores, recency and frequency in days and
     * orders) keep their dictionary.
     */
    static final List<String> PLAIN_CUSTOMER_COLUMNS = List.of("customer_id", "monetary", "p_churn", "p_alive",
            "expected_purchases", "clv", "top_items", "top_item_descriptions");

    /**
     * Writes the per-customer rows as Parquet into {@code dir} (the codec is Spark's default, snappy), the columns
     * of {@link #PLAIN_CUSTOMER_COLUMNS} without a dictionary. Any Parquet reader (Spark, pandas with pyarrow)
     * reads the files as before: the rows are the same, only how some pages are encoded differs.
     */
    static void writeCustomersParquet(Dataset<Row> customers, String dir) {
        DataFrameWriter<Row> w = customers.write();
        for (String c : PLAIN_CUSTOMER_COLUMNS) {
            // parquet-mr's per-column setting, passed to the writers' Hadoop configuration
            w = w.option("parquet.enable.dictionary#" + c, "false");
        }
        w.parquet(dir);
    }

    /**
     * A sibling of {@code target} to write into first; {@link #commit} moves it over the target. Its name does
     * not start with a dot or an underscore, which Spark's readers skip as hidden.
     */
    static Path temporary(Configuration conf, String target) {
        Path t = new Path(target);
        return new Path(t.getParent() == null ? new Path(".") : t.getParent(), t.getName() + "-tmp-"
                + Long.toHexString(System.nanoTime()));
    }

    /** Replaces {@code target} by {@code tmp} (all or nothing as far as the file system allows). */
    static void commit(Configuration conf, Path tmp, String target) {
        Path t = new Path(target);
        try {
            FileSystem fs = t.getFileSystem(conf);
            if (fs.exists(t)) {
                fs.delete(t, true);
            }
            if (!fs.rename(tmp, t)) {
                throw new IOException("cannot move " + tmp + " to " + t);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** Deletes a temporary output left by a failed command. */
    static void discard(Configuration conf, Path tmp) {
        try {
            FileSystem fs = tmp.getFileSystem(conf);
            if (fs.exists(tmp)) {
                fs.delete(tmp, true);
            }
        } catch (IOException e) {
            // nothing was committed; the temporary name starts with a dot and says what it is
        }
    }

    /**
     * Creates a file written on the driver without the local file system's {@code .crc} side file (which would
     * otherwise land beside {@code segments.csv} and {@code customers.csv}).
     */
    static java.io.OutputStream createPlain(FileSystem fs, Path file) throws IOException {
        fs.setWriteChecksum(false);
        try {
            return fs.create(file, true);
        } finally {
            fs.setWriteChecksum(true);
        }
    }

    static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static void print(PrintWriter out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
