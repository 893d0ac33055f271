package dev.segmentation.cli;

import dev.segmentation.data.BadRows;
import dev.segmentation.data.ColumnMapping;
import dev.segmentation.data.CsvPreset;
import dev.segmentation.data.IngestReport;
import dev.segmentation.data.IngestResult;
import dev.segmentation.data.TransactionCsv;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "The transaction file: CSV (or CDNOW text with --preset cdnow); a .gz name is gunzipped.")
    Path input;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "A known data set: online-retail or cdnow (mapping, format and cleaning rules).")
    String preset;

    @Option(names = "--customer", paramLabel = "COLUMN", description = "Header name of the customer id column.")
    String customer;

    @Option(names = "--date", paramLabel = "COLUMN", description = "Header name of the date column.")
    String date;

    @Option(names = "--amount", paramLabel = "COLUMN", description = "Header name of the line amount column.")
    String amount;

    @Option(names = "--unit-price", paramLabel = "COLUMN",
            description = "Header name of the unit price column (instead of --amount; amount = quantity x price).")
    String unitPrice;

    @Option(names = "--quantity", paramLabel = "COLUMN", description = "Header name of the quantity column.")
    String quantity;

    @Option(names = "--item", paramLabel = "COLUMN", description = "Header name of the item (SKU) column.")
    String item;

    @Option(names = "--invoice", paramLabel = "COLUMN", description = "Header name of the invoice (order) column.")
    String invoice;

    @Option(names = "--channel", paramLabel = "COLUMN", description = "Header name of the sales channel column.")
    String channel;

    @Option(names = "--category", paramLabel = "COLUMN", description = "Header name of the category column.")
    String category;

    @Option(names = "--date-format", paramLabel = "PATTERN",
            description = "DateTimeFormatter pattern of the date column. Default: the preset's, else "
                    + TransactionCsv.Options.DEFAULT_DATE_FORMAT + ".")
    String dateFormat;

    @Option(names = "--charset", paramLabel = "NAME", defaultValue = "UTF-8",
            description = "Charset of the file; never guessed. Default: ${DEFAULT-VALUE}.")
    String charset;

    @Option(names = "--separator", paramLabel = "CHAR", description = "CSV field separator. Default: ','.")
    Character separator;

    @Option(names = "--skip-bad-rows",
            description = "Skip and count bad rows (unparseable values, wrong field count) instead of stopping.")
    boolean skipBadRows;

    @Option(names = "--drop-missing-customer", negatable = true,
            description = "Drop rows without a customer id (default: on with online-retail; else off).")
    Boolean dropMissingCustomer;

    @Option(names = "--drop-cancellations", negatable = true,
            description = "Drop rows whose invoice starts with C (default: on with online-retail; else off).")
    Boolean dropCancellations;

    @Option(names = "--drop-non-positive-quantity", negatable = true,
            description = "Drop rows with quantity <= 0 (default: on with online-retail; else off).")
    Boolean dropNonPositiveQuantity;

    @Option(names = "--drop-non-positive-price", negatable = true,
            description = "Drop rows with unit price (or amount) <= 0 (default: on with online-retail; else off).")
    Boolean dropNonPositivePrice;

    @Option(names = "--non-product", split = ",", paramLabel = "CODE",
            description = "More item ids to mark as non-product codes (kept in the log, marked).")
    List<String> nonProduct = new ArrayList<>();

    @Option(names = "--examples", paramLabel = "N", defaultValue = "5",
            description = "Examples kept per skip reason. Default: ${DEFAULT-VALUE}.")
    int examples;

    @Override
    public Integer call() {
        TransactionCsv.Options options = options();
        IngestResult result = TransactionCsv.read(input, options);
        Json.print(spec.commandLine().getOut(), json(result.report()));
        return 0;
    }

    private TransactionCsv.Options options() {
        Charset cs = charset();
        TransactionCsv.Options.Builder b;
        try {
            if (preset != null) {
                for (String[] column : columnOptions()) {
                    if (column[1] != null) {
                        throw usage(column[0] + " cannot be combined with --preset; give a preset or the columns");
                    }
                }
                b = CsvPreset.named(preset).options(input).toBuilder().charset(cs);
            } else {
                b = TransactionCsv.Options.builder(mapping(), cs);
            }
            if (dateFormat != null) {
                b.dateFormat(dateFormat);
            }
            if (separator != null) {
                b.separator(separator);
            }
            if (skipBadRows) {
                b.badRows(BadRows.SKIP_AND_REPORT);
            }
            if (dropMissingCustomer != null) {
                b.dropMissingCustomer(dropMissingCustomer);
            }
            if (dropCancellations != null) {
                b.dropCancellations(dropCancellations);
            }
            if (dropNonPositiveQuantity != null) {
                b.dropNonPositiveQuantity(dropNonPositiveQuantity);
            }
            if (dropNonPositivePrice != null) {
                b.dropNonPositivePrice(dropNonPositivePrice);
            }
            if (!nonProduct.isEmpty()) {
                TreeSet<String> codes = new TreeSet<>(b.build().nonProductItems());
                codes.addAll(nonProduct);
                b.nonProductItems(codes);
            }
            return b.maxExamples(examples).build();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private String[][] columnOptions() {
        return new String[][] {{"--customer", customer}, {"--date", date}, {"--amount", amount},
            {"--unit-price", unitPrice}, {"--quantity", quantity}, {"--item", item}, {"--invoice", invoice},
            {"--channel", channel}, {"--category", category}};
    }

    private ColumnMapping mapping() {
        if (customer == null || date == null || (amount == null) == (unitPrice == null)) {
            throw usage("give --preset NAME, or --customer, --date and one of --amount or --unit-price");
        }
        ColumnMapping m;
        if (unitPrice != null) {
            if (quantity == null) {
                throw usage("--unit-price needs --quantity");
            }
            m = ColumnMapping.ofUnitPrice(customer, date, unitPrice, quantity);
        } else {
            m = ColumnMapping.of(customer, date, amount);
            if (quantity != null) {
                m = m.quantity(quantity);
            }
        }
        if (item != null) {
            m = m.item(item);
        }
        if (invoice != null) {
            m = m.invoice(invoice);
        }
        if (channel != null) {
            m = m.channel(channel);
        }
        if (category != null) {
            m = m.category(category);
        }
        return m;
    }

    private Charset charset() {
        try {
            return Charset.forName(charset);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw usage("--charset must be a charset this Java supports, found \"" + charset + "\"");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
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
