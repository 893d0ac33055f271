package dev.segmentation.cli;

import de.siegmar.fastcsv.reader.CsvRecord;
import dev.segmentation.InvalidDataException;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.internal.CsvSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** Reads BTYD summary CSVs for the clv and spend commands, with errors that name the file and line. */
final class SummaryFiles {
    private SummaryFiles() {
    }

    /** Parses {@code day|week} into a duration. */
    static Duration unit(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "day":
                return Duration.ofDays(1);
            case "week":
                return Duration.ofDays(7);
            default:
                throw new IllegalArgumentException("--unit must be day or week, found " + name);
        }
    }

    static String unitName(Duration unit) {
        return unit.equals(Duration.ofDays(7)) ? "week" : "day";
    }

    /** Splits {@code --columns} into exactly {@code n} names. */
    static String[] columns(String spec, int n, String expected) {
        String[] c = spec.split(",", -1);
        if (c.length != n) {
            throw new IllegalArgumentException("--columns must name " + n + " columns (" + expected + "), found "
                    + c.length + ": " + spec);
        }
        for (int i = 0; i < n; i++) {
            c[i] = c[i].strip();
        }
        return c;
    }

    /**
     * Reads a summary with the shared CSV reader (byte order mark skipped, field counts checked, a repeated
     * header refused); a validation error about data row k is restated as {@code FILE: line L (customer c): ...}
     * with the 1-based line of that row (taken from the exception's row field, not its text) and the column name
     * the user gave.
     */
    static BtydSummary read(Path file, Duration unit, String id, String frequency, String recency, String t,
            String monetary) {
        String[] names = {frequency, recency, t, monetary};
        List<String> ids = new ArrayList<>();
        double[][] cols = new double[4][1024];
        long[] lines = new long[1024];
        int n = 0;
        try (CsvSource src = CsvSource.open(file, StandardCharsets.UTF_8, false)) {
            int idIndex = src.column("--columns", id);
            int[] index = new int[4];
            for (int k = 0; k < 4; k++) {
                index[k] = names[k] == null ? -1 : src.column("--columns", names[k]);
            }
            for (CsvRecord rec = src.next(); rec != null; rec = src.next()) {
                long line = src.line();
                if (n == lines.length) {
                    for (int k = 0; k < 4; k++) {
                        cols[k] = Arrays.copyOf(cols[k], 2 * n);
                    }
                    lines = Arrays.copyOf(lines, 2 * n);
                }
                ids.add(rec.getField(idIndex).strip());
                for (int k = 0; k < 4; k++) {
                    if (index[k] >= 0) {
                        cols[k][n] = number(file, line, names[k], rec.getField(index[k]).strip());
                    }
                }
                lines[n++] = line;
            }
        }
        String[] idArray = ids.toArray(new String[0]);
        try {
            return BtydSummary.of(idArray, Arrays.copyOf(cols[0], n), Arrays.copyOf(cols[1], n),
                    Arrays.copyOf(cols[2], n), monetary == null ? null : Arrays.copyOf(cols[3], n), unit);
        } catch (InvalidDataException e) {
            throw locate(e, file, idArray, lines, names);
        }
    }

    private static double number(Path file, long line, String column, String s) {
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!Double.isFinite(v) || s.isEmpty()) {
            throw new InvalidDataException(file + ": line " + line + ", column " + column
                    + ": value must be a finite number, found \"" + s + "\"", line, column, null);
        }
        return v;
    }

    /**
     * The library names summary columns frequency, recency, T, monetary and 0-based rows: restate its error from
     * the exception's fields (row, column, constraint and the column it compares with, value) with the file's line
     * and the user's column names.
     */
    private static InvalidDataException locate(InvalidDataException e, Path file, String[] ids, long[] lines,
            String[] names) {
        long row = e.row();
        if (row < 0 || row >= ids.length || e.constraint() == null) {
            return e;
        }
        String[] internal = {"frequency", "recency", "T", "monetary"};
        UnaryOperator<String> shown = column -> {
            for (int k = 0; k < 4; k++) {
                if (internal[k].equals(column) && names[k] != null) {
                    return names[k];
                }
            }
            return column;
        };
        long line = lines[(int) row];
        return e.relocate(file.toString(), line, file + ": line " + line + " (customer " + ids[(int) row] + ")",
                shown);
    }
}
