package dev.segmentation.spark;

import dev.segmentation.InvalidDataException;
import dev.segmentation.data.BadRows;
import dev.segmentation.data.CsvPreset;
import dev.segmentation.data.IngestReport;
import dev.segmentation.data.IngestResult;
import dev.segmentation.data.TransactionCsv;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.data.TransactionRecords;
import dev.segmentation.internal.ParamChecks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Reads transaction lines from a Spark {@code Dataset<Row>} (from CSV, Parquet, JDBC, Delta: anything Spark
 * reads) with the column mapping, presets and cleaning rules of the single-JVM
 * {@link TransactionCsv} / {@link dev.segmentation.data.ColumnMapping}, and counts the same skip reasons
 * ({@link IngestReport}'s keys).
 *
 * <pre>{@code
 * Dataset<Row> raw = spark.read().option("header", "true").option("escape", "\"")
 *         .csv("s3://lake/online_retail/*.csv");
 * SparkIngestResult in = SparkIngest.preset("online-retail").build().read(raw);
 * in.report().rowsKept();      // 397,884 on the UCI file
 * Dataset<Row> lines = in.lines();
 * }</pre>
 *
 * <p>A CSV file that doubles a quote inside a quoted field (RFC 4180, as the single JVM reads it; Online Retail's
 * descriptions do) needs Spark's {@code option("escape", "\"")}: Spark's default escape is a backslash, which keeps
 * such a field's quotes in its value.
 *
 * <h2>How it reads</h2>
 * <ol>
 *   <li>The schema is checked on the driver before any job runs: every mapped column must exist (names match
 *       exactly) and have a usable type: ids (customer, invoice, item, channel, category, description) a string
 *       or a number; amount, unit price and quantity a number or a string; the date a date, a timestamp or a
 *       string (parsed with {@link TransactionCsv.Options#dateFormat()}). A date or timestamp column is read as
 *       its wall-clock value in the session time zone. Errors name the column:
 *       {@code input: columns must contain the customer column "CustomerID", found [...]},
 *       {@code input: column "Quantity" (quantity) must be a number or a string, found boolean}.</li>
 *   <li>Every column is turned into its text (Spark's cast to string; null is an empty field) and every row gets
 *       its 1-based position in the input, its <em>line</em> (one job, {@code ingest: number the rows}). For a
 *       CSV file read with a header, line {@code n} is the file's line {@code n + 1}.</li>
 *   <li>Rows are partitioned by the customer id as the log keeps it ({@link TransactionRecords#customerKey}) and
 *       sorted by line within each partition; each partition is read by {@link TransactionRecords}, the
 *       single-JVM row code. Exact duplicates (judged on all columns' text) and cancellation netting
 *       ({@link TransactionCsv.Options#netCancellations()}) need the lines of one customer together and in
 *       input order, and this gives exactly that, so their counts equal the single-JVM read of the same rows.</li>
 *   <li>Under {@link BadRows#FAIL} the error of the bad row with the smallest line is thrown on the driver,
 *       as the single-JVM read throws at the first bad line; its message names the line, the column and the
 *       value.</li>
 *   <li>With a description column, each partition reports each item's first kept line and its description
 *       ({@link TransactionRecords#itemOrigins()}); one job ({@code ingest: item descriptions}) keeps the one with
 *       the smallest line per item and gathers one row per item, and every line gets its item's description
 *       ({@link #DESCRIPTION}): the single-JVM log's {@link TransactionLog#itemDescription(int)}.</li>
 * </ol>
 * The kept lines are cached (({@code MEMORY_AND_DISK})) since the report and the lines come from
 * the same pass; {@link SparkIngestResult#unpersist()} frees them.
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never accepted or returned.
 */
public final class SparkIngest {
    /** Column of {@link #LINE_SCHEMA}: the line's 1-based position in the input. */
    public static final String LINE = "line";
    /** Column: the customer id as the log keeps it. */
    public static final String CUSTOMER_ID = "customer_id";
    /** Column: the invoice id, null for none. */
    public static final String INVOICE = "invoice";
    /** Column: the item id, null for none. */
    public static final String ITEM = "item";
    /** Column: wall-clock seconds since 1970-01-01T00:00 ({@link TransactionLog#epochSecond(int)}). */
    public static final String EPOCH_SECOND = "epoch_second";
    /** Column: the quantity. */
    public static final String QUANTITY = "quantity";
    /** Column: the line's amount. */
    public static final String AMOUNT = "amount";
    /** Column: the sales channel, null for none. */
    public static final String CHANNEL = "channel";
    /** Column: the product category, null for none. */
    public static final String CATEGORY = "category";
    /** Column: whether the item is a non-product code ({@link TransactionLog#isNonProduct(int)}). */
    public static final String NON_PRODUCT = "non_product";

    /**
     * Column: the item's description, null for none. An item's description is the one on its first line (the
     * smallest {@link #LINE}), none when that is null or blank, as {@link TransactionLog#itemDescription(int)};
     * {@link #read} puts on every line of an item the description the single-JVM read keeps for it (read from
     * the item's first kept line, a line later netted against a cancellation included). The only optional column
     * of {@link #LINE_SCHEMA}: lines without it have no descriptions.
     */
    public static final String DESCRIPTION = "description";

    /**
     * The schema of {@link SparkIngestResult#lines()}: one row per kept line. Every column but the last,
     * {@link #DESCRIPTION}, is required by the classes that read lines.
     */
    public static final StructType LINE_SCHEMA = new StructType(new StructField[] {
        field(LINE, DataTypes.LongType, false), field(CUSTOMER_ID, DataTypes.StringType, false),
        field(INVOICE, DataTypes.StringType, true), field(ITEM, DataTypes.StringType, true),
        field(EPOCH_SECOND, DataTypes.LongType, false), field(QUANTITY, DataTypes.DoubleType, false),
        field(AMOUNT, DataTypes.DoubleType, false), field(CHANNEL, DataTypes.StringType, true),
        field(CATEGORY, DataTypes.StringType, true), field(NON_PRODUCT, DataTypes.BooleanType, false),
        field(DESCRIPTION, DataTypes.StringType, true)});

    /** Skip reasons in the order of the single-JVM report. */
    static final List<String> REASONS = List.of(IngestReport.WRONG_FIELD_COUNT, IngestReport.UNPARSEABLE_DATE,
            IngestReport.UNPARSEABLE_AMOUNT, IngestReport.UNPARSEABLE_UNIT_PRICE, IngestReport.UNPARSEABLE_QUANTITY,
            IngestReport.MISSING_CUSTOMER, IngestReport.CANCELLATION, IngestReport.NON_POSITIVE_QUANTITY,
            IngestReport.NON_POSITIVE_PRICE, IngestReport.NON_FINITE_AMOUNT, IngestReport.DUPLICATE,
            IngestReport.CANCELLED_ORDER);

    /** The role names, in the order of OptionsSpec's columns. */
    private static final List<String> ROLES = List.of("customer", "date", "amount", "unitPrice", "quantity",
            "invoice", "item", "channel", "category", "description");

    private static final String KEY = "__key";
    private static final String ROW_LINE = "__line";
    private static final int KIND = 0;
    /** The kind of the rows of each item's first kept line in a partition: item, line and description. */
    private static final int ORIGIN = 2;

    private static final StructType EXAMPLE = new StructType(new StructField[] {
        field("reason", DataTypes.StringType, false), field("line", DataTypes.LongType, false),
        field("column", DataTypes.StringType, true), field("value", DataTypes.StringType, false),
        field("message", DataTypes.StringType, false)});

    /**
     * One pass's output: kind 0 rows are lines (LINE_SCHEMA), the kind 1 row of each partition its report, and
     * with a description column kind 2 rows each item's first kept line in the partition (item, line, description).
     */
    private static final StructType TAGGED = tagged();

    private final TransactionCsv.Options options;
    private final String source;
    private final int partitions;

    private SparkIngest(Builder b) {
        this.options = b.options;
        this.source = b.source;
        this.partitions = b.partitions;
    }

    private static StructField field(String name, DataType type, boolean nullable) {
        return new StructField(name, type, nullable, Metadata.empty());
    }

    private static StructType tagged() {
        List<StructField> f = new ArrayList<>();
        f.add(field("kind", DataTypes.IntegerType, false));
        for (StructField s : LINE_SCHEMA.fields()) {
            f.add(field(s.name(), s.dataType(), true));
        }
        f.add(field("partition", DataTypes.IntegerType, true));
        f.add(field("rows_read", DataTypes.LongType, true));
        f.add(field("rows_kept", DataTypes.LongType, true));
        f.add(field("skipped", DataTypes.createArrayType(DataTypes.LongType, false), true));
        f.add(field("duplicates", DataTypes.LongType, true));
        f.add(field("future_dates", DataTypes.LongType, true));
        f.add(field("netted", DataTypes.LongType, true));
        f.add(field("unmatched", DataTypes.LongType, true));
        f.add(field("examples", DataTypes.createArrayType(EXAMPLE, false), true));
        return new StructType(f.toArray(new StructField[0]));
    }

    /**
     * Returns a builder reading with the given options (their mapping, date format, bad-row policy and cleaning
     * rules; the file layout settings play no part).
     *
     * @param options the options; not null
     * @return a new builder
     */
    public static Builder builder(TransactionCsv.Options options) {
        return new Builder(Objects.requireNonNull(options, "options"));
    }

    /**
     * Returns a builder reading with a preset's rules as {@code ingest} applies them
     * ({@link CsvPreset#tableOptions()}: on Online Retail 541,909 rows read, 397,884 kept).
     *
     * @param name {@code online-retail} or {@code cdnow}; not null
     * @return a new builder
     * @throws IllegalArgumentException if the preset is unknown:
     *     {@code preset must be one of [online-retail, cdnow], found "x"}
     */
    public static Builder preset(String name) {
        return new Builder(CsvPreset.named(name).tableOptions());
    }

    /**
     * Returns a builder reading with a preset's rules as {@code run} applies them
     * ({@link CsvPreset#tableRunOptions()}: Online Retail also drops exact duplicates and nets cancellations).
     *
     * @param name {@code online-retail} or {@code cdnow}; not null
     * @return a new builder
     * @throws IllegalArgumentException if the preset is unknown
     */
    public static Builder presetForRun(String name) {
        return new Builder(CsvPreset.named(name).tableRunOptions());
    }

    /**
     * Returns the options the reader applies.
     *
     * @return the options
     */
    public TransactionCsv.Options options() {
        return options;
    }

    /**
     * Reads and cleans the lines.
     *
     * @param input the transaction lines, one row per line; not null. Not modified.
     * @return the kept lines (cached) and the report
     * @throws InvalidDataException before any job, if a mapped column is missing or has an unusable type; under
     *     {@link BadRows#FAIL}, for the bad row with the smallest line (the message as {@link TransactionCsv}
     *     writes it, with the source in place of the file name)
     */
    public SparkIngestResult read(Dataset<Row> input) {
        Objects.requireNonNull(input, "input");
        SparkSession spark = input.sparkSession();
        StructType schema = input.schema();
        List<String> header = Arrays.asList(schema.fieldNames());
        TransactionCsv.Options readOptions = checkSchema(schema);
        int customerField = header.indexOf(options.mapping().customer());

        Column[] text = new Column[header.size()];
        for (int i = 0; i < text.length; i++) {
            StructField f = schema.fields()[i];
            Column c = functions.col(quote(f.name()));
            if (f.name().equals(options.mapping().date())) {
                if (f.dataType() instanceof DateType) {
                    c = functions.date_format(c, "yyyy-MM-dd");
                } else if (f.dataType() instanceof TimestampType || f.dataType() instanceof TimestampNTZType) {
                    c = functions.date_format(c, "yyyy-MM-dd HH:mm:ss");
                }
            }
            text[i] = c.cast(DataTypes.StringType);
        }
        JavaRDD<Row> rows = input.select(text).javaRDD();
        int n = partitions > 0 ? partitions : Math.max(1, rows.getNumPartitions());
        OptionsSpec spec = new OptionsSpec(readOptions);
        JavaPairRDD<Row, Long> numbered = Jobs.run(spark, "ingest: number the rows", rows::zipWithIndex);
        JavaRDD<Row> keyed = numbered.mapPartitions(it -> new Keyed(it, spec.options(), customerField));
        List<StructField> keyedFields = new ArrayList<>();
        keyedFields.add(field(ROW_LINE, DataTypes.LongType, false));
        keyedFields.add(field(KEY, DataTypes.StringType, false));
        for (int i = 0; i < header.size(); i++) {
            keyedFields.add(field("c" + i, DataTypes.StringType, true));
        }
        Dataset<Row> byCustomer = spark.createDataFrame(keyed, new StructType(keyedFields.toArray(new StructField[0])))
                .repartition(n, functions.col(KEY))
                .sortWithinPartitions(ROW_LINE);
        Dataset<Row> tagged = byCustomer.mapPartitions(new ReadPartition(spec, new ArrayList<>(header), source),
                Encoders.row(TAGGED)).persist(StorageLevel.MEMORY_AND_DISK());
        List<Row> reports = Jobs.run(spark, "ingest: read and clean lines by customer",
                () -> tagged.filter(functions.col("kind").equalTo(1)).collectAsList());
        SparkIngestReport report = merge(reports);
        if (options.badRows() == BadRows.FAIL) {
            failOnBadRow(reports, tagged);
        }
        List<Column> lineColumns = new ArrayList<>();
        for (StructField s : LINE_SCHEMA.fields()) {
            lineColumns.add(functions.col(s.name()));
        }
        Dataset<Row> lines = tagged.filter(functions.col("kind").equalTo(KIND)).select(lineColumns.toArray(new Column[0]));
        if (options.mapping().description().isPresent()) {
            lines = described(spark, tagged, lines);
        }
        lines = spark.createDataFrame(lines.rdd(), LINE_SCHEMA);
        return new SparkIngestResult(lines, report, tagged);
    }

    /**
     * The lines with each item's description on every line of the item: the description of the item's first kept
     * line over all partitions (one job, {@code ingest: item descriptions}, gathering one row per item on the
     * driver), as the single-JVM read keeps it. Keeps the partitioning and the order.
     */
    private static Dataset<Row> described(SparkSession spark, Dataset<Row> tagged, Dataset<Row> lines) {
        List<Row> firsts = Jobs.run(spark, "ingest: item descriptions", () -> tagged
                .filter(functions.col("kind").equalTo(ORIGIN))
                .groupBy(ITEM).agg(functions.min(functions.struct(functions.col(LINE), functions.col(DESCRIPTION)))
                        .as("first"))
                .select(functions.col(ITEM), functions.col("first." + DESCRIPTION))
                .filter(functions.col(DESCRIPTION).isNotNull()).collectAsList());
        java.util.HashMap<String, String> byItem = new java.util.HashMap<>();
        for (Row r : firsts) {
            byItem.put(r.getString(0), r.getString(1));
        }
        if (byItem.isEmpty()) {
            return lines;
        }
        org.apache.spark.broadcast.Broadcast<java.util.HashMap<String, String>> shipped =
                org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(byItem);
        int item = LINE_SCHEMA.fieldIndex(ITEM);
        int description = LINE_SCHEMA.fieldIndex(DESCRIPTION);
        MapPartitionsFunction<Row, Row> describe = rows -> {
            java.util.Map<String, String> map = shipped.value();
            return new Iterator<Row>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public Row next() {
                    Row r = rows.next();
                    Object[] values = new Object[r.length()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = r.get(i);
                    }
                    values[description] = r.isNullAt(item) ? null : map.get(r.getString(item));
                    return RowFactory.create(values);
                }
            };
        };
        return lines.mapPartitions(describe, Encoders.row(LINE_SCHEMA));
    }

    /** The bad reasons under FAIL: row problems, and a missing customer unless the rules drop it. */
    private boolean isBad(String reason) {
        switch (reason) {
            case IngestReport.WRONG_FIELD_COUNT:
            case IngestReport.UNPARSEABLE_DATE:
            case IngestReport.UNPARSEABLE_AMOUNT:
            case IngestReport.UNPARSEABLE_UNIT_PRICE:
            case IngestReport.UNPARSEABLE_QUANTITY:
            case IngestReport.NON_FINITE_AMOUNT:
                return true;
            case IngestReport.MISSING_CUSTOMER:
                return !options.dropMissingCustomer();
            default:
                return false;
        }
    }

    private void failOnBadRow(List<Row> reports, Dataset<Row> tagged) {
        Row first = null;
        for (Row r : reports) {
            List<Row> examples = r.getList(r.fieldIndex("examples"));
            for (Row e : examples) {
                if (isBad(e.getString(0)) && (first == null || e.getLong(1) < first.getLong(1))) {
                    first = e;
                }
            }
        }
        if (first != null) {
            tagged.unpersist();
            String column = first.isNullAt(2) ? null : first.getString(2);
            throw TransactionRecords.failure(source, first.getLong(1), column, first.getString(3),
                    first.getString(4));
        }
    }

    private SparkIngestReport merge(List<Row> reports) {
        List<Row> sorted = new ArrayList<>(reports);
        sorted.sort((a, b) -> Integer.compare(a.getInt(a.fieldIndex("partition")), b.getInt(b.fieldIndex("partition"))));
        long read = 0;
        long kept = 0;
        long[] skipped = new long[REASONS.size()];
        long duplicates = 0;
        long future = 0;
        long netted = 0;
        long unmatched = 0;
        for (Row r : sorted) {
            read += r.getLong(r.fieldIndex("rows_read"));
            kept += r.getLong(r.fieldIndex("rows_kept"));
            List<Long> s = r.getList(r.fieldIndex("skipped"));
            for (int i = 0; i < skipped.length; i++) {
                skipped[i] += s.get(i);
            }
            duplicates += r.getLong(r.fieldIndex("duplicates"));
            future += r.getLong(r.fieldIndex("future_dates"));
            netted += r.getLong(r.fieldIndex("netted"));
            unmatched += r.getLong(r.fieldIndex("unmatched"));
        }
        return new SparkIngestReport(source, read, kept, skipped, duplicates, future, netted, unmatched,
                sorted.size());
    }

    /** Checks the mapped columns' presence and types; returns the options with the date format actually read. */
    private TransactionCsv.Options checkSchema(StructType schema) {
        List<String> names = Arrays.asList(schema.fieldNames());
        OptionsSpec spec = new OptionsSpec(options);
        String[] columns = spec.roleColumns();
        TransactionCsv.Options read = options;
        for (int role = 0; role < columns.length; role++) {
            String column = columns[role];
            if (column == null) {
                continue;
            }
            int index = names.indexOf(column);
            if (index < 0) {
                throw new InvalidDataException(source + ": columns must contain the " + ROLES.get(role) + " column \""
                        + column + "\", found " + names, 0, column, null);
            }
            DataType type = schema.fields()[index].dataType();
            String rule = null;
            switch (ROLES.get(role)) {
                case "date":
                    if (type instanceof DateType) {
                        read = read.toBuilder().dateFormat("yyyy-MM-dd").build();
                    } else if (type instanceof TimestampType || type instanceof TimestampNTZType) {
                        read = read.toBuilder().dateFormat("yyyy-MM-dd HH:mm:ss").build();
                    } else if (!(type instanceof StringType)) {
                        rule = "a date, a timestamp or a string";
                    }
                    break;
                case "amount":
                case "unitPrice":
                case "quantity":
                    if (!(type instanceof NumericType || type instanceof StringType)) {
                        rule = "a number or a string";
                    }
                    break;
                default:
                    if (!(type instanceof NumericType || type instanceof StringType)) {
                        rule = "a string or a number";
                    }
                    break;
            }
            if (rule != null) {
                throw new InvalidDataException(source + ": column \"" + column + "\" (" + ROLES.get(role) + ") must be "
                        + rule + ", found " + type.simpleString(), 0, column, null);
            }
        }
        return read;
    }

    private static String quote(String column) {
        return "`" + column.replace("`", "``") + "`";
    }

    /**
     * Lists the settings.
     *
     * @return for example {@code SparkIngest{source=input, partitions=input's, options=Options{...}}}
     */
    @Override
    public String toString() {
        return "SparkIngest{source=" + source + ", partitions=" + (partitions > 0 ? String.valueOf(partitions)
                : "input's") + ", options=" + options + "}";
    }

    /** Each input row as (line, customer key, fields...), lazily. */
    private static final class Keyed implements Iterator<Row> {
        private final Iterator<Tuple2<Row, Long>> input;
        private final TransactionCsv.Options options;
        private final int customerField;

        Keyed(Iterator<Tuple2<Row, Long>> input, TransactionCsv.Options options, int customerField) {
            this.input = input;
            this.options = options;
            this.customerField = customerField;
        }

        @Override
        public boolean hasNext() {
            return input.hasNext();
        }

        @Override
        public Row next() {
            Tuple2<Row, Long> t = input.next();
            Row r = t._1();
            Object[] values = new Object[r.length() + 2];
            values[0] = t._2() + 1;
            values[1] = TransactionRecords.customerKey(r.isNullAt(customerField) ? null : r.getString(customerField),
                    options);
            for (int i = 0; i < r.length(); i++) {
                values[i + 2] = r.isNullAt(i) ? null : r.getString(i);
            }
            return RowFactory.create(values);
        }
    }

    /** Reads one partition of rows (sorted by line) with the single-JVM row code. */
    private static final class ReadPartition implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final OptionsSpec spec;
        private final ArrayList<String> header;
        private final String source;

        ReadPartition(OptionsSpec spec, ArrayList<String> header, String source) {
            this.spec = spec;
            this.header = header;
            this.source = source;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            TransactionCsv.Options user = spec.options();
            TransactionCsv.Options o = user.toBuilder().badRows(BadRows.SKIP_AND_REPORT)
                    .maxExamples(Math.max(1, user.maxExamples())).build();
            TransactionRecords records = TransactionRecords.start(header, o, source);
            String[] fields = new String[header.size()];
            while (input.hasNext()) {
                Row r = input.next();
                for (int i = 0; i < fields.length; i++) {
                    fields[i] = r.isNullAt(i + 2) ? null : r.getString(i + 2);
                }
                records.add(r.getLong(0), fields);
            }
            IngestResult result = records.finish();
            long[] lines = records.keptLines();
            TransactionLog log = result.log();
            IngestReport report = result.report();
            List<TransactionRecords.ItemOrigin> origins = user.mapping().description().isPresent()
                    ? records.itemOrigins() : List.of();
            int partition = org.apache.spark.TaskContext.getPartitionId();
            int total = log.size() + origins.size();
            return new Iterator<>() {
                private int row;

                @Override
                public boolean hasNext() {
                    return row <= total;
                }

                @Override
                public Row next() {
                    if (row > total) {
                        throw new NoSuchElementException();
                    }
                    int r = row++;
                    if (r == total) {
                        return reportRow(partition, report);
                    }
                    if (r >= log.size()) {
                        return originRow(origins.get(r - log.size()));
                    }
                    int item = log.item(r);
                    int invoice = log.invoice(r);
                    int channel = log.channel(r);
                    int category = log.category(r);
                    return RowFactory.create(KIND, lines[r], log.customerId(log.customer(r)),
                            invoice == TransactionLog.NONE ? null : log.invoiceId(invoice),
                            item == TransactionLog.NONE ? null : log.itemId(item), log.epochSecond(r),
                            log.quantity(r), log.amount(r),
                            channel == TransactionLog.NONE ? null : log.channelId(channel),
                            category == TransactionLog.NONE ? null : log.categoryId(category),
                            item != TransactionLog.NONE && log.isNonProduct(item), null,
                            null, null, null, null, null, null, null, null, null);
                }
            };
        }

        /** An item's first kept line in the partition: kind 2, the item, the line and the description or null. */
        private static Row originRow(TransactionRecords.ItemOrigin origin) {
            Object[] values = new Object[TAGGED.size()];
            values[0] = ORIGIN;
            values[1 + LINE_SCHEMA.fieldIndex(LINE)] = origin.line();
            values[1 + LINE_SCHEMA.fieldIndex(ITEM)] = origin.itemId();
            values[1 + LINE_SCHEMA.fieldIndex(DESCRIPTION)] = origin.description().isEmpty() ? null
                    : origin.description();
            return RowFactory.create(values);
        }

        private static Row reportRow(int partition, IngestReport report) {
            Long[] skipped = new Long[REASONS.size()];
            List<Row> examples = new ArrayList<>();
            for (int i = 0; i < skipped.length; i++) {
                skipped[i] = report.skipped(REASONS.get(i));
                for (IngestReport.Example e : report.examples(REASONS.get(i))) {
                    examples.add(RowFactory.create(REASONS.get(i), e.line(), e.column().orElse(null), e.value(),
                            e.message()));
                }
            }
            Object[] values = new Object[TAGGED.size()];
            values[0] = 1;
            int at = 1 + LINE_SCHEMA.size();
            values[at] = partition;
            values[at + 1] = report.rowsRead();
            values[at + 2] = report.rowsKept();
            values[at + 3] = skipped;
            values[at + 4] = report.duplicates();
            values[at + 5] = report.futureDates();
            values[at + 6] = report.cancellationsNetted();
            values[at + 7] = report.cancellationsUnmatched();
            values[at + 8] = examples.toArray(new Row[0]);
            return RowFactory.create(values);
        }
    }

    /**
     * Collects the settings of a {@link SparkIngest}. Mutable and single-threaded; {@link #build()} does not
     * change it.
     */
    public static final class Builder {
        private TransactionCsv.Options options;
        private String source = "input";
        private int partitions;

        private Builder(TransactionCsv.Options options) {
            this.options = options;
        }

        /**
         * Replaces the options (for example a preset's, changed with {@code toBuilder()}).
         *
         * @param options the options; not null
         * @return this builder
         */
        public Builder options(TransactionCsv.Options options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Sets the name messages start with, in place of a file name. Default {@code input}.
         *
         * @param source a non-empty name; not null
         * @return this builder
         * @throws IllegalArgumentException if the name is empty
         */
        public Builder source(String source) {
            Objects.requireNonNull(source, "source");
            if (source.isEmpty()) {
                throw new IllegalArgumentException("source must be a non-empty name, found \"\"");
            }
            this.source = source;
            return this;
        }

        /**
         * Sets the number of partitions the lines are grouped by customer into. Default: the input's number
         * of partitions. The result does not depend on it.
         *
         * @param partitions the count, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder partitions(int partitions) {
            this.partitions = (int) ParamChecks.atLeast("partitions", partitions, 1);
            return this;
        }

        /**
         * Builds the reader. The builder is not changed.
         *
         * @return the reader
         */
        public SparkIngest build() {
            return new SparkIngest(this);
        }
    }

}
