package dev.segmentation.cli;

import de.siegmar.fastcsv.reader.CsvRecord;
import dev.segmentation.InvalidDataException;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.internal.CsvSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Reads numeric columns of a CSV with a header line into a {@link FeatureMatrix}, with FastCSV, in the manner of
 * {@link ChurnInput}'s reader (same checks, same messages) but without a label column, so that any command can
 * share it. Every error names the file, the line, the column and the value on one line.
 */
final class NumericCsv {
    final FeatureMatrix x;
    /** The 1-based line on which each data row starts. */
    final long[] lines;
    final Path file;
    /** The label column's raw values per row, or null when read without a label. */
    final String[] labels;

    private NumericCsv(Path file, FeatureMatrix x, long[] lines, String[] labels) {
        this.file = file;
        this.x = x;
        this.lines = lines;
        this.labels = labels;
    }

    /**
     * Reads the named columns (all columns when {@code columns} is null) of every data row.
     *
     * @throws InvalidDataException for a missing header, an unknown column, a row of the wrong width or a value
     *     that is not a finite number
     */
    static NumericCsv read(Path input, List<String> columns) {
        return read(input, columns, null);
    }

    /**
     * Reads the numeric feature columns and, when {@code label} is not null, that column's raw values (the
     * default feature columns are then every column but the label).
     */
    static NumericCsv read(Path input, List<String> columns, String label) {
        List<String> names = new ArrayList<>();
        double[] values = new double[1024];
        long[] lines = new long[64];
        int rows = 0;
        List<String> labelValues = label == null ? null : new ArrayList<>();
        try (CsvSource src = CsvSource.open(input, StandardCharsets.UTF_8)) {
            List<String> header = src.header();
            long line = 1;
            int labelIndex = -1;
            List<String> wanted = columns == null ? header : columns;
            if (columns == null) {
                src.requireDistinctHeader();
            }
            if (label != null) {
                labelIndex = src.indexOnce(label);
                if (labelIndex < 0) {
                    throw new InvalidDataException(input + ":" + line + ": header must contain the label "
                            + "column \"" + label + "\", found " + header, line, label, null);
                }
                if (columns == null) {
                    wanted = new ArrayList<>(header);
                    wanted.remove(label);
                }
            }
            int[] index = new int[wanted.size()];
            for (int j = 0; j < wanted.size(); j++) {
                index[j] = src.indexOnce(wanted.get(j));
                if (label != null && (index[j] < 0 || index[j] == labelIndex)) {
                    throw new InvalidDataException(input + ":" + line + ": --columns must name header columns"
                            + " other than the label, found \"" + wanted.get(j) + "\"", line, wanted.get(j), null);
                }
                if (index[j] < 0) {
                    throw new InvalidDataException(input + ":" + line + ": --columns must name header columns "
                            + header + ", found \"" + wanted.get(j) + "\"", line, wanted.get(j), null);
                }
                for (int i = 0; i < j; i++) {
                    if (index[i] == index[j]) {
                        throw new IllegalArgumentException("--columns must name each column once, found \""
                                + wanted.get(j) + "\" twice");
                    }
                }
            }
            names.addAll(wanted);
            int d = index.length;
            for (CsvRecord rec = src.next(); rec != null; rec = src.next()) {
                line = src.line();
                if ((rows + 1) * d > values.length) {
                    values = Arrays.copyOf(values, Math.max(2 * values.length, (rows + 1) * d));
                }
                if (rows == lines.length) {
                    lines = Arrays.copyOf(lines, 2 * rows);
                }
                for (int j = 0; j < d; j++) {
                    values[rows * d + j] = number(input, rec.getField(index[j]), line, names.get(j));
                }
                if (labelValues != null) {
                    labelValues.add(rec.getField(labelIndex));
                }
                lines[rows++] = line;
            }
        }
        if (rows == 0) {
            throw new InvalidDataException(input + ": data rows must be >= 1, found 0", -1, null, null);
        }
        return new NumericCsv(input, FeatureMatrix.of(names, rows, Arrays.copyOf(values, rows * names.size())),
                Arrays.copyOf(lines, rows), labelValues == null ? null : labelValues.toArray(new String[0]));
    }

    private static double number(Path input, String v, long line, String column) {
        try {
            double d = Double.parseDouble(v.trim());
            if (Double.isFinite(d) && !v.isBlank()) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidDataException(input + ":" + line + ": column " + column + " must be a finite number"
                + " (categorical columns are not encoded: one-hot them or leave them out with --columns), found \"" + v
                + "\"", line, column, null);
    }

    /**
     * Restates a library error that names a 0-based data row (e.g. from an encoder or a clustering trainer) at the
     * file and line, from the exception's fields: {@code "<file>:<line>: column <c>: value must be <constraint>,
     * found <value>"} for an error about one value ({@link InvalidDataException#cell}).
     *
     * @return a new exception naming file, line, column and value, with {@code e} as the cause; {@code e} itself if
     *     it names no row of this file; for an error with a row but no recorded constraint, its whole message
     *     after the file and line
     */
    InvalidDataException locate(InvalidDataException e) {
        long row = e.row();
        if (row < 0 || row >= lines.length) {
            return e;
        }
        long line = lines[(int) row];
        if (e.constraint() == null) {
            return new InvalidDataException(file + ":" + line + ": " + e.getMessage(), line, e.column(), e);
        }
        return e.relocate(file.toString(), line, file + ":" + line, UnaryOperator.identity());
    }
}
