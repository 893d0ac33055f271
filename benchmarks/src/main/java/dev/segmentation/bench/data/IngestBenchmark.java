package dev.segmentation.bench.data;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.segmentation.data.IngestResult;
import dev.segmentation.data.TransactionCsv;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Ingestion speed on one core: reading the gzipped UCI Online Retail file (541,909 rows, 48 MB of CSV, 7.6 MB
 * gzipped) from disk, start to finish, one thread.
 *
 * <ul>
 *   <li>{@code segmentation}: {@code TransactionCsv.readPreset(file, "online-retail")}: gunzip, strict UTF-8
 *       decoding, FastCSV parsing, numbers and dates parsed, the cleaning rules, ids interned and the
 *       {@code TransactionLog} built (columns and per-customer index), with the report.</li>
 *   <li>{@code fastcsv-strings}: the usual way to read a CSV with the same parser: FastCSV {@code CsvRecord}s
 *       (a String per field) over an {@code InputStreamReader}; nothing is parsed, checked or stored. A baseline
 *       for the parsing cost alone.</li>
 *   <li>{@code gunzip-lines}: gunzip, decode and {@code BufferedReader.readLine}; the floor any reader pays.</li>
 * </ul>
 * The primary score is whole files per second; the {@code rows} secondary score ({@link AuxCounters}) is rows per
 * second, the figure to compare with the 500,000 rows/s target.
 *
 * <p>The file is a {@code @Param}; a relative path is tried against the working directory and then each of its
 * parents, so the default {@code ../shared/data/online-retail/online_retail.csv.gz} works from {@code /work/main}
 * and from a worktree under {@code /work/wt/}.
 *
 * <p>Run: {@code mvn -B -q -o -pl benchmarks -am package -DskipTests &&
 * java -jar benchmarks/target/benchmarks.jar IngestBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class IngestBenchmark {
    /** The Online Retail file, relative to the working directory or one of its parents. */
    @Param("../shared/data/online-retail/online_retail.csv.gz")
    public String file;

    /** Which reader: {@code segmentation}, {@code fastcsv-strings} or {@code gunzip-lines}. */
    @Param({"segmentation", "fastcsv-strings", "gunzip-lines"})
    public String impl;

    private Path path;
    private Reader reader;

    /** Counts rows so that JMH reports rows per second next to files per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Rows {
        /** Rows read in this iteration. */
        public long rows;

        /** Starts each iteration from zero. */
        @Setup(Level.Iteration)
        public void reset() {
            rows = 0;
        }
    }

    /** One way of reading the file; returns the number of data rows. */
    private interface Reader {
        long read(Path file, Blackhole bh) throws IOException;
    }

    /** Resolves the file and picks the reader. */
    @Setup(Level.Trial)
    public void setup() {
        path = resolve(file);
        switch (impl) {
            case "segmentation":
                reader = IngestBenchmark::segmentation;
                break;
            case "fastcsv-strings":
                reader = IngestBenchmark::fastCsvStrings;
                break;
            case "gunzip-lines":
                reader = IngestBenchmark::gunzipLines;
                break;
            default:
                throw new IllegalArgumentException("impl must be segmentation, fastcsv-strings or gunzip-lines, found "
                        + impl);
        }
    }

    static Path resolve(String name) {
        Path p = Path.of(name);
        if (p.isAbsolute()) {
            return p;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(p).normalize();
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("file must exist relative to " + Path.of("").toAbsolutePath()
                + " or a parent, found " + name);
    }

    /**
     * Reads the whole file once.
     *
     * @param rows the row counter
     * @param bh sink for the result
     * @throws IOException if the file cannot be read
     */
    @Benchmark
    public void read(Rows rows, Blackhole bh) throws IOException {
        rows.rows += reader.read(path, bh);
    }

    private static long segmentation(Path file, Blackhole bh) {
        IngestResult result = TransactionCsv.readPreset(file, "online-retail");
        bh.consume(result.log());
        return result.report().rowsRead();
    }

    private static InputStream gunzip(Path file) throws IOException {
        return new GZIPInputStream(Files.newInputStream(file), 1 << 16);
    }

    private static long fastCsvStrings(Path file, Blackhole bh) throws IOException {
        long n = -1; // the header is a record too
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(
                new InputStreamReader(gunzip(file), StandardCharsets.UTF_8))) {
            for (CsvRecord r : csv) {
                bh.consume(r.getField(6));
                n++;
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return n;
    }

    private static long gunzipLines(Path file, Blackhole bh) throws IOException {
        long n = -1;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(gunzip(file), StandardCharsets.UTF_8),
                1 << 16)) {
            String line;
            while ((line = r.readLine()) != null) {
                bh.consume(line);
                n++;
            }
        }
        return n;
    }
}
