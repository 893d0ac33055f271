package dev.segmentation.cli;

import dev.segmentation.data.IngestReport;
import dev.segmentation.data.IngestResult;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code segmentation ingest}: loads a transaction file with a preset or an explicit column mapping and prints
 * what was read, kept and skipped as JSON (fields {@code rows}, {@code kept}, {@code skipped}, {@code customers},
 * {@code items}, {@code invoices}, {@code firstDate}, {@code lastDate}, plus {@code input},
 * {@code nonProductItems}, {@code firstDateTime}, {@code lastDateTime}, {@code revenue} and {@code examples}).
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

    @Override
    public Integer call() {
        IngestResult result = input.read();
        Json.print(spec.commandLine().getOut(), json(result.report()));
        return 0;
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
