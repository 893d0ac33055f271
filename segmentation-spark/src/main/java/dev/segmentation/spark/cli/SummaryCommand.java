package dev.segmentation.spark.cli;

import dev.segmentation.InvalidDataException;
import dev.segmentation.data.TransactionCsv;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.features.PurchasePeriod;
import dev.segmentation.spark.SparkBtydSummary;
import dev.segmentation.spark.SparkFeatures;
import dev.segmentation.spark.SparkIngestResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code summary}: the per-customer BTYD summary computed in Spark, written with the library's
 * {@link BtydSummary#writeCsv} (the single-JVM columns, rows ordered by customer id); JSON as the single-JVM
 * command ({@code customers}, {@code repeatCustomers}, {@code out}, {@code period}, {@code unit}, {@code end},
 * {@code calibrationEnd}). The one CSV file is written on the driver, so the summary's rows are collected there.
 */
@Command(name = "summary", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Writes the per-customer BTYD summary (frequency, recency, T, monetary_value) as CSV.")
final class SummaryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Sessions session;

    @Mixin
    InputOptions input;

    @Option(names = "--end", required = true, paramLabel = "DATE",
            description = "Last day of observation (yyyy-MM-dd), inclusive; later rows are ignored.")
    LocalDate end;

    @Option(names = "--calibration-end", paramLabel = "DATE",
            description = "Last day of the calibration period; adds the holdout columns for the days after it.")
    LocalDate calibrationEnd;

    @Option(names = "--period", paramLabel = "day|week", defaultValue = "day",
            description = "Purchase occasion: one per customer and day, or per week. Default: ${DEFAULT-VALUE}.")
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
        if (calibrationEnd != null && !calibrationEnd.isBefore(end)) {
            throw new IllegalArgumentException("--calibration-end must be before --end " + end + ", found "
                    + calibrationEnd);
        }
        BtydSummarizer.Builder b = BtydSummarizer.builder().end(end).period(p).unit(u.length());
        if (calibrationEnd != null) {
            b.calibrationEnd(calibrationEnd);
        }
        BtydSummarizer summarizer = b.build();
        TransactionCsv.Options options = input.options();
        if (Path.of(input.input).toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("--out must not be the --input path, found " + out);
        }
        SparkSession spark = session.start("summary");
        SparkIngestResult lines = input.read(spark, options);
        BtydSummary summary;
        try {
            SparkBtydSummary s = SparkFeatures.btydSummary(lines.lines(), summarizer);
            summary = collect(s);
        } catch (InvalidDataException e) {
            throw optionNames(e);
        } finally {
            lines.unpersist();
        }
        write(summary);
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
        Sessions.print(spec.commandLine().getOut(), json);
        return 0;
    }

    /** The summary rows on the driver, ordered by customer id, as the library's summary. */
    private static BtydSummary collect(SparkBtydSummary s) {
        List<Row> rows = s.rows().orderBy("customer_id").collectAsList();
        int n = rows.size();
        String[] ids = new String[n];
        double[][] c = new double[7][n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            ids[i] = r.getString(r.fieldIndex("customer_id"));
            c[0][i] = r.getDouble(r.fieldIndex("frequency"));
            c[1][i] = r.getDouble(r.fieldIndex("recency"));
            c[2][i] = r.getDouble(r.fieldIndex("T"));
            c[3][i] = r.getDouble(r.fieldIndex("monetary_value"));
            if (s.hasHoldout()) {
                c[4][i] = r.getDouble(r.fieldIndex("frequency_holdout"));
                c[5][i] = r.getDouble(r.fieldIndex("monetary_value_holdout"));
                c[6][i] = r.getDouble(r.fieldIndex("duration_holdout"));
            }
        }
        return s.hasHoldout() ? BtydSummary.of(ids, c[0], c[1], c[2], c[3], c[4], c[5], c[6], s.unit())
                : BtydSummary.of(ids, c[0], c[1], c[2], c[3], s.unit());
    }

    /** Writes next to --out first and moves it over, so a failure leaves no new file. */
    private void write(BtydSummary summary) {
        Path target = out.toAbsolutePath();
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + Long.toHexString(System.nanoTime()));
        try {
            summary.writeCsv(tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("--out cannot be written: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // the temporary file's name starts with a dot and says what it is
            }
        }
    }

    /**
     * The summarizer names its settings end and calibrationEnd ({@link InvalidDataException#column()}); the user
     * typed --end and --calibration-end: restate the error from its fields under the option's name.
     */
    static InvalidDataException optionNames(InvalidDataException e) {
        if (e.constraint() != null && "end".equals(e.column())) {
            return e.relocate(null, e.row(), "", "--end", e.constraint());
        }
        if (e.constraint() != null && "calibrationEnd".equals(e.column())) {
            return e.relocate(null, e.row(), "", "--calibration-end", e.constraint());
        }
        return new InvalidDataException(e.getMessage(), e);
    }

    private static PurchasePeriod period(String option, String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "day":
                return PurchasePeriod.DAY;
            case "week":
                return PurchasePeriod.WEEK;
            default:
                throw new IllegalArgumentException(option + " must be day or week, found \"" + value + "\"");
        }
    }
}
