package dev.segmentation.cli;

import dev.segmentation.InvalidDataException;
import dev.segmentation.data.IngestResult;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.features.PurchasePeriod;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code segmentation summary}: the per-customer BTYD summary (frequency, recency, T, monetary value, and the
 * holdout columns with a calibration end) of a transaction file, written as CSV with the columns
 * {@code customer_id,frequency,recency,T,monetary_value[,frequency_holdout,monetary_value_holdout,duration_holdout]}.
 * Prints a short JSON account ({@code customers}, {@code repeatCustomers}, {@code out}, {@code period},
 * {@code unit}, {@code end}, {@code calibrationEnd}) on stdout.
 */
@Command(name = "summary", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes the per-customer BTYD summary (frequency, recency, T, monetary_value) as CSV.",
            "--period groups purchases into occasions; --unit is the unit of recency and T "
                + "(CDNOW: --period day --unit week, so times are days / 7)."})
final class SummaryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TransactionInput input;

    @Option(names = "--end", required = true, paramLabel = "DATE",
            description = "Last day of observation (yyyy-MM-dd), inclusive; later rows are ignored.")
    LocalDate end;

    @Option(names = "--calibration-end", paramLabel = "DATE",
            description = "Last day of the calibration period; adds the holdout columns for the days after it.")
    LocalDate calibrationEnd;

    @Option(names = "--period", paramLabel = "day|week", defaultValue = "day",
            description = "Purchase occasion: one per customer and day, or per Monday-Sunday week. "
                    + "Default: ${DEFAULT-VALUE}.")
    String period;

    @Option(names = "--unit", paramLabel = "day|week",
            description = "Unit of recency, T and duration_holdout. Default: the period.")
    String unit;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The CSV file to write.")
    Path out;

    @Override
    public Integer call() {
        PurchasePeriod p = period("--period", period);
        PurchasePeriod u = unit == null ? p : period("--unit", unit);
        BtydSummarizer.Builder b = BtydSummarizer.builder().end(end).period(p).unit(u.length());
        if (calibrationEnd != null) {
            b.calibrationEnd(calibrationEnd);
        }
        if (calibrationEnd != null && !calibrationEnd.isBefore(end)) {
            throw input.usage("--calibration-end must be before --end " + end + ", found " + calibrationEnd);
        }
        BtydSummarizer summarizer;
        try {
            summarizer = b.build();
        } catch (IllegalArgumentException e) {
            throw input.usage(e.getMessage());
        }
        try (OutputFiles outputs = new OutputFiles().input("--input", input.input)) {
            Path tmp = outputs.target("--out", out);
            IngestResult data = input.read();
            BtydSummary summary;
            try {
                summary = summarizer.summarize(data.log());
            } catch (InvalidDataException e) {
                throw optionNames(e);
            }
            summary.writeCsv(tmp);
            outputs.commit();
            print(summary, p, u);
        }
        return 0;
    }

    private void print(BtydSummary summary, PurchasePeriod p, PurchasePeriod u) {
        int repeat = 0;
        for (int i = 0; i < summary.size(); i++) {
            repeat += summary.frequency(i) > 0 ? 1 : 0;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("customers", summary.size());
        json.put("repeatCustomers", repeat);
        json.put("out", out.toString());
        json.put("period", p.name().toLowerCase(Locale.ROOT));
        json.put("unit", u.name().toLowerCase(Locale.ROOT));
        json.put("end", end.toString());
        json.put("calibrationEnd", calibrationEnd == null ? null : calibrationEnd.toString());
        Json.print(spec.commandLine().getOut(), json);
    }

    /**
     * The summarizer names its setting calibrationEnd; the user typed --calibration-end: restate the error from the
     * exception's fields (setting, constraint, value). Other errors (including the end's, which has always been
     * shown as the library words it) are returned unchanged, as the cause of a new exception.
     */
    static InvalidDataException optionNames(InvalidDataException e) {
        if ("calibrationEnd".equals(e.column()) && e.constraint() != null) {
            return e.relocate(null, e.row(), "", "--calibration-end", e.constraint());
        }
        return new InvalidDataException(e.getMessage(), e);
    }

    private PurchasePeriod period(String option, String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "day":
                return PurchasePeriod.DAY;
            case "week":
                return PurchasePeriod.WEEK;
            default:
                throw input.usage(option + " must be day or week, found \"" + value + "\"");
        }
    }
}
