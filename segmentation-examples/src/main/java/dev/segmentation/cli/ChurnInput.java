package dev.segmentation.cli;

import dev.segmentation.InvalidDataException;
import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.churn.LogisticRegressionModel;
import dev.segmentation.features.FeatureMatrix;
import java.nio.file.Path;
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
        NumericCsv csv = NumericCsv.read(input, columns, label);
        int[] y = new int[csv.labels.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = label(csv.labels[i], csv.lines[i]);
        }
        return new Data(csv.x, y);
    }

    /**
     * Fits the trainer, first checking what the library would report with its internal names (here with the
     * label column's name as the user typed it).
     */
    LogisticRegressionModel fit(Data d) {
        requireBothClasses(d.y);
        return trainer().fit(d.x, d.y);
    }

    /** Refuses a label column with one class: {@code f.csv: label column "churn" must hold both ...}. */
    void requireBothClasses(int[] y) {
        for (int v : y) {
            if (v != y[0]) {
                return;
            }
        }
        String which = positive == null ? String.valueOf(y[0])
                : y[0] == 1 ? "\"" + positive + "\" (--positive)" : "values other than --positive \"" + positive + "\"";
        throw new InvalidDataException(input + ": label column \"" + label + "\" must hold both classes 0 and 1, found "
                + "only " + which + " in " + y.length + " rows", -1, label, null);
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
