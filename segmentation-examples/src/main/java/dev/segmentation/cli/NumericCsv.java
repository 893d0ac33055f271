package dev.segmentation.cli;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.segmentation.InvalidDataException;
import dev.segmentation.features.FeatureMatrix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
        List<String> header = null;
        int[] index = null;
        int labelIndex = -1;
        List<String> labelValues = label == null ? null : new ArrayList<>();
        List<String> names = new ArrayList<>();
        double[] values = new double[1024];
        long[] lines = new long[64];
        int rows = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(input, StandardCharsets.UTF_8)) {
            for (CsvRecord rec : reader) {
                long line = rec.getStartingLineNumber();
                if (header == null) {
                    header = rec.getFields();
                    List<String> wanted = columns == null ? header : columns;
                    if (label != null) {
                        labelIndex = header.indexOf(label);
                        if (labelIndex < 0) {
                            throw new InvalidDataException(input + ":" + line + ": header must contain the label "
                                    + "column \"" + label + "\", found " + header, line, label, null);
                        }
                        if (columns == null) {
                            wanted = new ArrayList<>(header);
                            wanted.remove(label);
                        }
                    }
                    index = new int[wanted.size()];
                    for (int j = 0; j < wanted.size(); j++) {
                        index[j] = header.indexOf(wanted.get(j));
                        if (label != null && (index[j] < 0 || index[j] == labelIndex)) {
                            throw new InvalidDataException(input + ":" + line + ": --columns must name header columns"
                                    + " other than the label, found \"" + wanted.get(j) + "\"", line, wanted.get(j),
                                    null);
                        }
                        if (index[j] < 0) {
                            throw new InvalidDataException(input + ":" + line + ": --columns must name header columns "
                                    + header + ", found \"" + wanted.get(j) + "\"", line, wanted.get(j), null);
                        }
                    }
                    names.addAll(wanted);
                    continue;
                }
                if (rec.getFieldCount() != header.size()) {
                    throw new InvalidDataException(input + ":" + line + ": field count must be " + header.size()
                            + ", found " + rec.getFieldCount(), line, null, null);
                }
                int d = index.length;
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
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + input + ": " + e.getMessage(), e);
        }
        if (header == null) {
            throw new InvalidDataException(input + ": must have a header line, found an empty file");
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
     * Prefixes a library error that names a 0-based data row (e.g. from an encoder) with the file and line.
     *
     * @return a new exception naming file, line, column and value, or {@code e} itself if it names no row
     */
    InvalidDataException locate(InvalidDataException e) {
        long row = e.row();
        if (row < 0 || row >= lines.length) {
            return e;
        }
        return new InvalidDataException(file + ":" + lines[(int) row] + ": " + e.getMessage(), lines[(int) row],
                e.column(), e);
    }
}
