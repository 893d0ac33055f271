package dev.segmentation.cli;

import dev.segmentation.InvalidDataException;
import dev.segmentation.features.BtydSummary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads BTYD summary CSVs for the clv and spend commands, with errors that name the file and line. */
final class SummaryFiles {
    private static final Pattern ROW = Pattern.compile("^row (\\d+) ");

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
     * Reads a summary; a validation error "row k (customer ...)" is reported as "FILE: line k+2 (customer ...)".
     */
    static BtydSummary read(Path file, Duration unit, String id, String frequency, String recency, String t,
            String monetary) {
        try {
            return BtydSummary.readCsv(file, StandardCharsets.UTF_8, unit, id, frequency, recency, t, monetary);
        } catch (InvalidDataException e) {
            String m = e.getMessage();
            Matcher matcher = ROW.matcher(m);
            if (matcher.find()) {
                long line = Long.parseLong(matcher.group(1)) + 2;
                throw new InvalidDataException(file + ": line " + line + " " + m.substring(matcher.end()), line,
                        e.column(), e);
            }
            throw e;
        }
    }
}
