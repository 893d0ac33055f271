package dev.segmentation.cli;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.segmentation.InvalidDataException;
import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.features.FeatureMatrix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options {@code churn fit} and {@code churn evaluate} share, and the numeric CSV reader behind them.
 *
 * <p>The CSV has a header line. Feature columns must hold finite numbers: categorical columns are not encoded
 * here (one-hot them beforehand, or leave them out with {@code --columns}); a non-numeric or blank value is
 * refused with the file, line, column and value. The label column holds 0/1, or any values with
 * {@code --positive VALUE} naming the positive (churned) one.
 */
final class ChurnInput {
    @Option(names = "--input", required = true, paramLabel = "CSV", description = "Numeric CSV with a header line.")
    Path input;

    @Option(names = "--label", required = true, paramLabel = "COL", description = "The label column.")
    String label;

    @Option(names = "--positive", paramLabel = "VALUE",
            description = "The label value meaning churned (1); without it the label must be 0 or 1.")
    String positive;

    @Option(names = "--columns", split = ",", paramLabel = "COL",
            description = "Feature columns (default: every column but the label).")
    List<String> columns;

    @Option(names = "--l2", paramLabel = "LAMBDA", defaultValue = "1.0",
            description = "L2 penalty on the summed loss (1/C of scikit-learn; default ${DEFAULT-VALUE}); 0 for plain"
                    + " maximum likelihood with standard errors.")
    double l2;

    @Option(names = "--no-standardize", description = "Penalize the coefficients as reported instead of"
            + " standardized ones.")
    boolean noStandardize;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "Threads (default 1).")
    int threads;

    LogisticRegression trainer() {
        return LogisticRegression.builder().l2(l2).standardize(!noStandardize).threads(threads).build();
    }

    /** The parsed data set. */
    static final class Data {
        final FeatureMatrix x;
        final int[] y;

        Data(FeatureMatrix x, int[] y) {
            this.x = x;
            this.y = y;
        }
    }

    Data read() {
        List<String> header = null;
        int labelIndex = -1;
        int[] featureIndex = null;
        List<String> names = new ArrayList<>();
        double[] values = new double[1024];
        int[] labels = new int[64];
        int rows = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(input, StandardCharsets.UTF_8)) {
            for (CsvRecord rec : reader) {
                long line = rec.getStartingLineNumber();
                if (header == null) {
                    header = rec.getFields();
                    labelIndex = header.indexOf(label);
                    if (labelIndex < 0) {
                        throw new InvalidDataException(input + ":" + line + ": header must contain the label column \""
                                + label + "\", found " + header, line, label, null);
                    }
                    List<String> wanted = columns;
                    if (wanted == null) {
                        wanted = new ArrayList<>(header);
                        wanted.remove(label);
                    }
                    featureIndex = new int[wanted.size()];
                    for (int j = 0; j < wanted.size(); j++) {
                        featureIndex[j] = header.indexOf(wanted.get(j));
                        if (featureIndex[j] < 0 || featureIndex[j] == labelIndex) {
                            throw new InvalidDataException(input + ":" + line + ": --columns must name header columns"
                                    + " other than the label, found \"" + wanted.get(j) + "\"", line, wanted.get(j),
                                    null);
                        }
                    }
                    names.addAll(wanted);
                    continue;
                }
                if (rec.getFieldCount() != header.size()) {
                    throw new InvalidDataException(input + ":" + line + ": field count must be " + header.size()
                            + ", found " + rec.getFieldCount(), line, null, null);
                }
                int d = featureIndex.length;
                if ((rows + 1) * d > values.length) {
                    values = Arrays.copyOf(values, Math.max(2 * values.length, (rows + 1) * d));
                }
                if (rows == labels.length) {
                    labels = Arrays.copyOf(labels, 2 * rows);
                }
                for (int j = 0; j < d; j++) {
                    values[rows * d + j] = number(rec.getField(featureIndex[j]), line, names.get(j));
                }
                labels[rows++] = label(rec.getField(labelIndex), line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + input + ": " + e.getMessage(), e);
        }
        if (header == null) {
            throw new InvalidDataException(input + ": must have a header line, found an empty file");
        }
        return new Data(FeatureMatrix.of(names, rows, Arrays.copyOf(values, rows * names.size())),
                Arrays.copyOf(labels, rows));
    }

    private double number(String v, long line, String column) {
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

    private int label(String v, long line) {
        if (positive != null) {
            return v.equals(positive) ? 1 : 0;
        }
        String t = v.trim();
        if (t.equals("0") || t.equals("1")) {
            return t.charAt(0) - '0';
        }
        throw new InvalidDataException(input + ":" + line + ": label " + label + " must be 0 or 1 (or name the positive"
                + " value with --positive), found \"" + v + "\"", line, label, null);
    }
}
