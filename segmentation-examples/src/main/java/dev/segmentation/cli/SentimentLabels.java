package dev.segmentation.cli;

import dev.segmentation.InvalidDataException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a binary label column: without {@code --positive} the values must be 0 or 1; with it, that value is 1
 * and the other is 0. A third distinct value is refused (a binary model needs exactly two), naming its line.
 */
final class SentimentLabels {
    private final SentimentInput.Table table;
    private final String name;
    private final int column;
    private final String positive;
    private final List<String> seen = new ArrayList<>(2);

    SentimentLabels(SentimentInput.Table table, String name, String positive) {
        this.table = table;
        this.name = name;
        this.column = table.column("--label", name);
        this.positive = positive;
    }

    /** The 0/1 label of a row. */
    int label(int row) {
        String v = table.get(row, column).trim();
        if (!seen.contains(v)) {
            if (seen.size() == 2) {
                throw new InvalidDataException(table.at(row) + "label column \"" + name + "\" must hold two values"
                        + " for a binary model, found a third value \"" + v + "\" after \"" + seen.get(0) + "\" and \""
                        + seen.get(1) + "\"", table.lines[row], name, null);
            }
            seen.add(v);
        }
        if (positive != null) {
            return v.equals(positive) ? 1 : 0;
        }
        if (v.equals("0") || v.equals("1")) {
            return v.charAt(0) - '0';
        }
        throw new InvalidDataException(table.at(row) + "label column \"" + name + "\" must hold 0 or 1 (or name the"
                + " positive value with --positive), found \"" + v + "\"", table.lines[row], name, null);
    }

    /** Checks, after every row, that the positive value occurred. */
    void finish() {
        if (positive != null && !seen.contains(positive)) {
            throw new InvalidDataException(table.file + ": --positive must be a value of label column \"" + name
                    + "\" " + seen + ", found \"" + positive + "\"");
        }
    }
}
