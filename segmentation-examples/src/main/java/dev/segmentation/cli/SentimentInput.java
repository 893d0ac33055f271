package dev.segmentation.cli;

import de.siegmar.fastcsv.reader.CsvRecord;
import dev.segmentation.InvalidDataException;
import dev.segmentation.internal.CsvSource;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The input options the {@code sentiment} subcommands share, and the reader of review tables.
 *
 * <p>Two formats ({@code --format}):
 * <ul>
 *   <li>{@code csv} (default): RFC 4180 with a header line, read with FastCSV (quoted fields may hold line
 *   breaks). Columns are named by header name or 0-based index. A file ending in {@code .gz} is decompressed.
 *   Broken quoting is refused naming the line where the broken record starts.</li>
 *   <li>{@code last-tab}: no header, one record per {@code \n}-terminated line, split at its last tab, quoting
 *   off (the UCI Sentiment Labelled Sentences files). Its columns are {@code text} (0), {@code label} (1) and
 *   {@code line} (2), the 0-based line number, so {@code --fold-key line} gives folds by line number.</li>
 * </ul>
 */
final class SentimentInput {
    @Option(names = "--input", required = true, paramLabel = "CSV", description = "The review table.")
    Path input;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv",
            description = "csv (header line, RFC 4180) or last-tab (no header; each line split at its last tab into"
                    + " columns text, label and line = 0-based line number). Default ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--text", required = true, paramLabel = "COL", description = "The text column (name or index).")
    String text;

    /** A read table: header, records and the 1-based line each record starts on. */
    static final class Table {
        final Path file;
        final List<String> header;
        final List<List<String>> rows;
        final long[] lines;

        Table(Path file, List<String> header, List<List<String>> rows, long[] lines) {
            this.file = file;
            this.header = header;
            this.rows = rows;
            this.lines = lines;
        }

        /** The index of a column given by header name or 0-based index. */
        int column(String option, String col) {
            int i = header.indexOf(col);
            if (i >= 0) {
                int again = header.subList(i + 1, header.size()).indexOf(col);
                if (again >= 0) {
                    throw new InvalidDataException(file + ":1: header must name column \"" + col + "\" once, found it"
                            + " as columns " + (i + 1) + " and " + (i + 2 + again), 1, col, null);
                }
                return i;
            }
            try {
                int k = Integer.parseInt(col.trim());
                if (k >= 0 && k < header.size()) {
                    return k;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InvalidDataException(file + ":1: " + option + " must name a column " + header
                    + " or a 0-based index below " + header.size() + ", found \"" + col + "\"", 1, col, null);
        }

        /** The field of a row, or "" when the row is short. */
        String get(int row, int column) {
            List<String> r = rows.get(row);
            return column < r.size() ? r.get(column) : "";
        }

        /** Prefix for a message about a row: {@code file:line: }. */
        String at(int row) {
            return file + ":" + lines[row] + ": ";
        }
    }

    Table read() {
        if (format.equals("last-tab")) {
            return readLastTab();
        }
        if (!format.equals("csv")) {
            throw new IllegalArgumentException("--format must be csv or last-tab, found " + format);
        }
        List<List<String>> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        List<String> header;
        try (CsvSource src = CsvSource.open(input, StandardCharsets.UTF_8)) {
            header = src.header();
            for (CsvRecord r = src.next(); r != null; r = src.next()) {
                rows.add(r.getFields());
                lines.add(src.line());
            }
        }
        return new Table(input, header, rows, lines.stream().mapToLong(Long::longValue).toArray());
    }

    private Table readLastTab() {
        List<List<String>> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        try (Reader in = open()) {
            StringBuilder all = new StringBuilder();
            char[] buf = new char[8192];
            for (int k = in.read(buf); k >= 0; k = in.read(buf)) {
                all.append(buf, 0, k);
            }
            String[] split = all.toString().split("\n", -1);
            int count = split.length - (split[split.length - 1].isEmpty() ? 1 : 0);
            for (int i = 0; i < count; i++) {
                String line = split[i];
                int tab = line.lastIndexOf('\t');
                if (tab < 0) {
                    throw new InvalidDataException(input + ":" + (i + 1) + ": line must hold a tab before its label,"
                            + " found \"" + line + "\"", i + 1, "label", null);
                }
                rows.add(List.of(line.substring(0, tab), line.substring(tab + 1), Integer.toString(i)));
                lines.add(i + 1L);
            }
        } catch (IOException e) {
            throw CsvSource.readFailure(input, e);
        }
        return new Table(input, List.of("text", "label", "line"), rows,
                lines.stream().mapToLong(Long::longValue).toArray());
    }

    private Reader open() throws IOException {
        return CsvSource.reader(input, StandardCharsets.UTF_8);
    }
}
