package dev.segmentation.spark.cli;

import dev.segmentation.data.BadRows;
import dev.segmentation.data.ColumnMapping;
import dev.segmentation.data.CsvPreset;
import dev.segmentation.data.TransactionCsv;
import dev.segmentation.spark.SparkIngest;
import dev.segmentation.spark.SparkIngestResult;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * How to read transaction lines: {@code --input PATH --format csv|parquet} with {@code --preset} or the column
 * options of the single-JVM {@code ingest} (a picocli mixin). The path is anything Spark reads (a file, a
 * directory of part files, {@code s3a://...}).
 */
final class InputOptions {
    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "Transaction lines: a CSV file (a .gz name is gunzipped) or a directory, or Parquet.")
    String input;

    @Option(names = "--format", paramLabel = "csv|parquet", defaultValue = "csv",
            description = "Format of --input. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "A known data set: online-retail or cdnow (mapping and cleaning rules).")
    String preset;

    @Option(names = "--customer", paramLabel = "COLUMN", description = "Name of the customer id column.")
    String customer;

    @Option(names = "--date", paramLabel = "COLUMN", description = "Name of the date column.")
    String date;

    @Option(names = "--amount", paramLabel = "COLUMN", description = "Name of the line amount column.")
    String amount;

    @Option(names = "--unit-price", paramLabel = "COLUMN",
            description = "Name of the unit price column (instead of --amount; amount = quantity x price).")
    String unitPrice;

    @Option(names = "--quantity", paramLabel = "COLUMN", description = "Name of the quantity column.")
    String quantity;

    @Option(names = "--item", paramLabel = "COLUMN", description = "Name of the item (SKU) column.")
    String item;

    @Option(names = "--invoice", paramLabel = "COLUMN", description = "Name of the invoice (order) column.")
    String invoice;

    @Option(names = "--channel", paramLabel = "COLUMN", description = "Name of the sales channel column.")
    String channel;

    @Option(names = "--category", paramLabel = "COLUMN", description = "Name of the category column.")
    String category;

    @Option(names = "--date-format", paramLabel = "PATTERN",
            description = "DateTimeFormatter pattern of a text date column. Default: the preset's, else "
                    + TransactionCsv.Options.DEFAULT_DATE_FORMAT + ".")
    String dateFormat;

    @Option(names = "--charset", paramLabel = "NAME", defaultValue = "UTF-8",
            description = "Charset of a CSV input; never guessed. Default: ${DEFAULT-VALUE}.")
    String charset;

    @Option(names = "--separator", paramLabel = "CHAR", description = "CSV field separator. Default: ','.")
    Character separator;

    @Option(names = "--skip-bad-rows",
            description = "Skip and count bad rows (unparseable values) instead of stopping.")
    boolean skipBadRows;

    /** Checks the format and the mapping before any Spark work; usage errors exit 2. */
    TransactionCsv.Options options() {
        return options(false);
    }

    /**
     * The options {@code run} and {@code score} read with, as the single JVM's: {@link #options()}, but a preset
     * starts from its run defaults ({@link CsvPreset#tableRunOptions()}: online-retail drops exact duplicates and
     * nets cancellations), so that a bundle scores the lines its run would have read.
     */
    TransactionCsv.Options runOptions() {
        return options(true);
    }

    private TransactionCsv.Options options(boolean run) {
        format();
        TransactionCsv.Options o;
        if (preset != null) {
            o = run ? CsvPreset.named(preset).tableRunOptions() : CsvPreset.named(preset).tableOptions();
        } else {
            if (customer == null || date == null) {
                throw new IllegalArgumentException("--customer and --date must be given without --preset, found "
                        + (customer == null ? "no --customer" : "no --date"));
            }
            if ((amount == null) == (unitPrice == null)) {
                throw new IllegalArgumentException("--amount or --unit-price (one of them) must be given without "
                        + "--preset, found " + (amount == null ? "neither" : "both"));
            }
            ColumnMapping m = amount != null ? ColumnMapping.of(customer, date, amount)
                    : ColumnMapping.ofUnitPrice(customer, date, unitPrice, requireQuantity());
            if (amount != null && quantity != null) {
                m = m.quantity(quantity);
            }
            m = item == null ? m : m.item(item);
            m = invoice == null ? m : m.invoice(invoice);
            m = channel == null ? m : m.channel(channel);
            m = category == null ? m : m.category(category);
            o = TransactionCsv.Options.builder(m, StandardCharsets.UTF_8).build();
        }
        TransactionCsv.Options.Builder b = o.toBuilder();
        if (dateFormat != null) {
            b.dateFormat(dateFormat);
        }
        if (skipBadRows) {
            b.badRows(BadRows.SKIP_AND_REPORT);
        }
        return b.build();
    }

    private String requireQuantity() {
        if (quantity == null) {
            throw new IllegalArgumentException("--quantity must be given with --unit-price, found none");
        }
        return quantity;
    }

    String format() {
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("csv") && !f.equals("parquet")) {
            throw new IllegalArgumentException("--format must be csv or parquet, found \"" + format + "\"");
        }
        return f;
    }

    /** Reads and cleans the lines; the path must exist (exit 1) and hold the mapped columns (exit 1). */
    SparkIngestResult read(SparkSession spark, TransactionCsv.Options options) {
        Sessions.requireExists(spark, "--input", input);
        DataFrameReader r = spark.read();
        Dataset<Row> raw;
        if (format().equals("parquet")) {
            raw = r.parquet(input);
        } else {
            // a quote inside a quoted field is doubled (RFC 4180), as the single JVM reads it; Spark's default
            // escape is a backslash
            raw = withoutByteOrderMark(r.option("header", "true").option("encoding", charset).option("escape", "\"")
                    .option("sep", String.valueOf(separator == null ? ',' : separator)).csv(input));
        }
        return SparkIngest.builder(options).source(input).partitions(partitions(spark, raw)).build().read(raw);
    }

    /**
     * The partitions the lines are cleaned and grouped by customer in: the input's, but at least Spark's default
     * parallelism (a gzipped CSV is one partition; the result does not depend on the count).
     */
    static int partitions(SparkSession spark, Dataset<Row> raw) {
        return Math.max(1, Math.max(raw.rdd().getNumPartitions(), spark.sparkContext().defaultParallelism()));
    }

    /** A UTF-8 byte-order mark is ignored wherever a CSV is read: Spark keeps it in the first header name. */
    static Dataset<Row> withoutByteOrderMark(Dataset<Row> csv) {
        String[] names = csv.columns();
        if (names.length > 0 && names[0].startsWith("\uFEFF")) {
            return csv.withColumnRenamed(names[0], names[0].substring(1));
        }
        return csv;
    }
}
