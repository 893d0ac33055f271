package dev.segmentation.cli;

import dev.segmentation.InvalidSettingException;
import dev.segmentation.data.BadRows;
import dev.segmentation.data.ColumnMapping;
import dev.segmentation.data.CsvPreset;
import dev.segmentation.data.IngestResult;
import dev.segmentation.data.TransactionCsv;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options that say how to read a transaction file ({@code --input} with {@code --preset} or explicit
 * columns, charset, date format, cleaning rules), shared as a picocli mixin by every command that reads
 * transactions ({@code ingest}, {@code summary}, ...).
 */
final class TransactionInput {
    /**
     * The options of the reading settings whose errors name the setting ({@link InvalidSettingException}): the
     * library names its builder settings, the user typed options, and the message says those.
     */
    private static final Map<String, String> OPTIONS = Map.of("dateFormat", "--date-format", "separator",
            "--separator", "netCancellations", "--net-cancellations");

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    // Not required by picocli so that run can use the simulator without it; read() and options() require it
    // with picocli's own message.
    @Option(names = "--input", paramLabel = "FILE",
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

    @Option(names = "--drop-duplicates", negatable = true,
            description = "Drop records that repeat an earlier record exactly (always counted as duplicates; "
                    + "default: off).")
    Boolean dropDuplicates;

    @Option(names = "--net-cancellations", negatable = true,
            description = "Net each cancellation (invoice starting with C) against the most recent earlier kept "
                    + "line of the same customer and item with the opposite quantity; both lines are removed, a "
                    + "cancellation matching no single line nets nothing (default: off).")
    Boolean netCancellations;

    @Option(names = "--non-product", split = ",", paramLabel = "CODE",
            description = "More item ids to mark as non-product codes (kept in the log, marked).")
    List<String> nonProduct = new ArrayList<>();

    @Option(names = "--examples", paramLabel = "N", defaultValue = "5",
            description = "Examples kept per skip reason. Default: ${DEFAULT-VALUE}.")
    int examples;

    /** Reads the file with these options. */
    IngestResult read() {
        return TransactionCsv.read(input, options());
    }

    TransactionCsv.Options options() {
        return options(false);
    }

    /**
     * The options {@code run} reads with: as {@link #options()}, but a preset starts from its run defaults
     * ({@link CsvPreset#runOptions(Path)}: online-retail drops exact duplicates and nets cancellations), which the
     * switches still override.
     */
    TransactionCsv.Options runOptions() {
        return options(true);
    }

    private TransactionCsv.Options options(boolean run) {
        if (input == null) {
            throw usage("Missing required option: '--input=FILE'");
        }
        Charset cs = charset();
        TransactionCsv.Options.Builder b;
        try {
            if (preset != null) {
                for (String[] column : columnOptions()) {
                    if (column[1] != null) {
                        throw usage(column[0] + " cannot be combined with --preset; give a preset or the columns");
                    }
                }
                CsvPreset p = CsvPreset.named(preset);
                b = (run ? p.runOptions(input) : p.options(input)).toBuilder().charset(cs);
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
            if (dropDuplicates != null) {
                b.dropDuplicates(dropDuplicates);
            }
            if (netCancellations != null) {
                b.netCancellations(netCancellations);
            }
            if (!nonProduct.isEmpty()) {
                TreeSet<String> codes = new TreeSet<>(b.build().nonProductItems());
                codes.addAll(nonProduct);
                b.nonProductItems(codes);
            }
            if (examples < 0) {
                throw usage("--examples must be >= 0, found " + examples);
            }
            return b.maxExamples(examples).build();
        } catch (InvalidSettingException e) {
            String option = OPTIONS.get(e.setting());
            throw usage(option == null ? e.getMessage() : e.renamed(option).getMessage());
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

    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

}
