package dev.segmentation.cli;

import dev.segmentation.data.IngestReport;
import dev.segmentation.data.IngestResult;
import dev.segmentation.data.TransactionCsv;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code segmentation ingest}: loads a transaction file with a preset or an explicit column mapping and prints
 * what was read, kept and skipped as JSON (fields {@code rows}, {@code kept}, {@code skipped}, {@code customers},
 * {@code items}, {@code invoices}, {@code firstDate}, {@code lastDate}, plus {@code input},
 * {@code nonProductItems}, {@code firstDateTime}, {@code lastDateTime}, {@code revenue}, {@code duplicates},
 * {@code futureDates}, {@code cancellationsNetted}, {@code cancellationsUnmatched}, {@code examples} and
 * {@code warnings}).
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Loads a transaction log and reports what was kept and skipped, as JSON.",
            "Give --preset NAME, or the columns (--customer, --date, and --amount or --unit-price with --quantity)."},
        footer = {"", "Bad data stops the command with exit code 1 and one line naming the file, line, column "
                + "and value, unless --skip-bad-rows."})
final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TransactionInput input;

    @Option(names = "--as-of", paramLabel = "DATE",
            description = "Rows dated after this day (yyyy-MM-dd) are counted as futureDates and warned about. "
                    + "Default: today (UTC).")
    LocalDate asOf;

    @Override
    public Integer call() {
        TransactionCsv.Options options = input.options();
        if (asOf != null) {
            options = options.toBuilder().asOf(asOf).build();
        }
        IngestResult result = TransactionCsv.read(input.input, options);
        Warnings warnings = new Warnings(spec.commandLine().getErr());
        warnings.addAll(warnings(result.report(), asOf != null));
        Map<String, Object> json = json(result.report());
        warnings.putInto(json);
        Json.print(spec.commandLine().getOut(), json);
        return 0;
    }

    /** The report's findings a user must see: rows dated after the as-of date (or today). */
    static List<String> warnings(IngestReport r, boolean asOfGiven) {
        List<String> w = new ArrayList<>();
        if (r.futureDates() > 0) {
            w.add(r.futureDates() + " kept rows are dated after " + r.futureAfter()
                    + (asOfGiven ? " (--as-of)" : " (today)") + ", the first on line "
                    + r.firstFutureLine().orElse(-1L) + "; check the dates and --date-format");
        }
        return w;
    }

    static Map<String, Object> json(IngestReport r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("input", r.source());
        out.put("rows", r.rowsRead());
        out.put("kept", r.rowsKept());
        out.put("skipped", r.skipped());
        out.put("customers", r.customers());
        out.put("items", r.items());
        out.put("nonProductItems", r.nonProductItems());
        out.put("invoices", r.invoices());
        out.put("firstDate", r.firstDate().map(Object::toString).orElse(null));
        out.put("lastDate", r.lastDate().map(Object::toString).orElse(null));
        out.put("firstDateTime", r.firstDateTime().map(DateTimeFormatter.ISO_LOCAL_DATE_TIME::format).orElse(null));
        out.put("lastDateTime", r.lastDateTime().map(DateTimeFormatter.ISO_LOCAL_DATE_TIME::format).orElse(null));
        out.put("revenue", r.revenue());
        out.put("duplicates", r.duplicates());
        out.put("futureDates", r.futureDates());
        out.put("cancellationsNetted", r.cancellationsNetted());
        out.put("cancellationsUnmatched", r.cancellationsUnmatched());
        Map<String, Object> ex = new LinkedHashMap<>();
        r.examples().forEach((reason, list) -> {
            List<Map<String, Object>> items = new ArrayList<>();
            for (IngestReport.Example e : list) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("line", e.line());
                one.put("column", e.column().orElse(null));
                one.put("value", e.value());
                one.put("message", e.message());
                items.add(one);
            }
            ex.put(reason, items);
        });
        out.put("examples", ex);
        return out;
    }
}
