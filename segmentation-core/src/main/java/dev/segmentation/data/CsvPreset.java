package dev.segmentation.data;

import dev.segmentation.InvalidDataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Ready-made {@link TransactionCsv.Options} for the public data sets this library is tested on, by the names
 * the command line's {@code --preset} takes.
 *
 * <p>A preset is a starting point: {@code CsvPreset.ONLINE_RETAIL.options(file).toBuilder()} makes variants
 * (another charset, other cleaning rules, {@link BadRows#SKIP_AND_REPORT}).
 */
public enum CsvPreset {
    /**
     * {@code online-retail}: the UCI Online Retail data set (Chen, Sain and Guo 2012;
     * doi:10.24432/C5BW33) as the pandas-written CSV {@code InvoiceNo,StockCode,Description,Quantity,
     * InvoiceDate,UnitPrice,CustomerID,Country}, UTF-8, dates {@code yyyy-MM-dd HH:mm:ss}.
     * <ul>
     *   <li>Mapping: customer {@code CustomerID} ({@code 17850.0} normalized to {@code 17850}), date
     *       {@code InvoiceDate}, item {@code StockCode}, invoice {@code InvoiceNo}, amount
     *       {@code Quantity * UnitPrice}, item description {@code Description} (an item's first kept row's). {@code Country} is not a sales
     *       channel (it is the customer's country), so the log has no channel.</li>
     *   <li>The standard cleaning: missing customer, cancellations ({@code C} invoices), quantity
     *       {@code <= 0} and unit price {@code <= 0} are dropped. On the 541,909 rows this keeps 397,884
     *       rows, 4,338 customers, 18,532 invoices and 3,665 stock codes, revenue 8,911,407.90.</li>
     *   <li>Non-product codes, marked and kept: {@link #ONLINE_RETAIL_NON_PRODUCT_CODES} and ids starting
     *       with {@code gift_0001_} (gift vouchers). Of these, POST, DOT, M, C2, BANK CHARGES and PADS survive
     *       the cleaning.</li>
     *   <li>Bad rows: {@link BadRows#FAIL}.</li>
     * </ul>
     */
    ONLINE_RETAIL("online-retail"),
    /**
     * {@code cdnow}: Hardie's CDNOW logs as distributed with the {@code lifetimes} library, whitespace-separated
     * text with CRLF line ends, dates {@code yyyyMMdd}, the quantity is the number of CDs and the amount the
     * dollar value; no invoice or item. Two layouts, told apart by the first line:
     * <ul>
     *   <li>{@code CDNOW_master.txt}: a header line {@code customer_id date number_of_cds dollar_value}, then
     *       4 fields per row; the customer id is the master id.</li>
     *   <li>{@code CDNOW_sample.txt}: no header, 5 fields per row (master id, sample id, date, CDs, dollars);
     *       the customer id is the sample id (field 2) so that ids match the published summaries
     *       ({@code cdnow_customers_summary.csv}). Its columns are named
     *       {@code master_id customer_id date number_of_cds dollar_value}.</li>
     * </ul>
     * The files write ids zero-padded ({@code 00001}, {@code 0001}); the preset drops the padding
     * ({@link TransactionCsv.Options#trimLeadingZeros()}), so ids read {@code 1..23570} (master) and
     * {@code 1..2357} (sample), as in the summaries.
     * A first line of 4 numeric fields is read as the master layout without a header. Nothing is dropped
     * ($0 rows stay); bad rows: {@link BadRows#FAIL}.
     */
    CDNOW("cdnow");

    /** Non-product stock codes of the Online Retail data: postage, carriage, fees, manual lines, samples. */
    public static final Set<String> ONLINE_RETAIL_NON_PRODUCT_CODES = Set.of("POST", "DOT", "M", "m", "C2", "D",
            "S", "BANK CHARGES", "AMAZONFEE", "CRUK", "B", "PADS");

    private static final List<String> CDNOW_MASTER_COLUMNS = List.of("customer_id", "date", "number_of_cds",
            "dollar_value");
    private static final List<String> CDNOW_SAMPLE_COLUMNS = List.of("master_id", "customer_id", "date",
            "number_of_cds", "dollar_value");

    private final String presetName;

    CsvPreset(String presetName) {
        this.presetName = presetName;
    }

    /**
     * Returns the name used by {@link TransactionCsv#readPreset} and the command line.
     *
     * @return the preset name, e.g. {@code online-retail}
     */
    public String presetName() {
        return presetName;
    }

    /**
     * Returns the preset of a name.
     *
     * @param name {@code online-retail} or {@code cdnow}; not null
     * @return the preset
     * @throws IllegalArgumentException if the name is unknown
     */
    public static CsvPreset named(String name) {
        Objects.requireNonNull(name, "preset");
        for (CsvPreset p : values()) {
            if (p.presetName.equals(name)) {
                return p;
            }
        }
        List<String> names = new ArrayList<>();
        for (CsvPreset p : values()) {
            names.add(p.presetName);
        }
        throw new IllegalArgumentException("preset must be one of " + names + ", found \"" + name + "\"");
    }

    /**
     * Returns the options for reading a file with this preset. For {@link #CDNOW} the file's first line
     * decides the layout, so the file is opened; {@link #ONLINE_RETAIL} does not look at it.
     *
     * @param file the file to be read; not null
     * @return the options
     * @throws InvalidDataException if a CDNOW file's first line matches neither layout
     * @throws UncheckedIOException if a CDNOW file cannot be read
     */
    public TransactionCsv.Options options(Path file) {
        Objects.requireNonNull(file, "file");
        if (this == ONLINE_RETAIL) {
            return TransactionCsv.Options.builder(
                            ColumnMapping.ofUnitPrice("CustomerID", "InvoiceDate", "UnitPrice", "Quantity")
                                    .item("StockCode").invoice("InvoiceNo").description("Description"),
                            StandardCharsets.UTF_8)
                    .dateFormat("yyyy-MM-dd HH:mm:ss")
                    .dropMissingCustomer(true)
                    .dropCancellations(true)
                    .dropNonPositiveQuantity(true)
                    .dropNonPositivePrice(true)
                    .nonProductItems(ONLINE_RETAIL_NON_PRODUCT_CODES)
                    .nonProductItemPrefixes(Set.of("gift_0001_"))
                    .build();
        }
        TransactionCsv.Options.Builder b = cdnowRules().whitespaceSeparated(true);
        String[] first = firstLineFields(file);
        boolean numeric = first.length > 0 && Arrays.stream(first).allMatch(CsvPreset::isNumeric);
        if (first.length > 0 && !numeric) {
            return b.build(); // the master file's header line
        }
        if (numeric && first.length == 5) {
            return b.headerNames(CDNOW_SAMPLE_COLUMNS).build();
        }
        if (numeric && first.length == 4) {
            return b.headerNames(CDNOW_MASTER_COLUMNS).build();
        }
        String source = TransactionCsv.sourceName(file);
        throw new InvalidDataException(source + ": line 1: first line must be the CDNOW master header or a "
                + "4- or 5-field CDNOW row, found " + (first.length == 0 ? "an empty file"
                : TransactionCsv.quote(String.join(" ", first))), 1, null, null);
    }

    /**
     * Returns the options a whole-pipeline run uses by default with this preset: {@link #options(Path)} plus,
     * for {@link #ONLINE_RETAIL}, {@link TransactionCsv.Options#dropDuplicates()} (the file has 5,268 exact
     * duplicate lines) and {@link TransactionCsv.Options#netCancellations()} (an order cancelled minutes
     * later is not revenue); {@link #CDNOW} has no cancellations and is read as {@link #options(Path)} gives.
     * {@link #options(Path)} itself keeps the published reference counts (397,884 rows kept on Online
     * Retail).
     *
     * @param file the file to be read; not null
     * @return the options
     * @throws InvalidDataException if a CDNOW file's first line matches neither layout
     * @throws UncheckedIOException if a CDNOW file cannot be read
     */
    public TransactionCsv.Options runOptions(Path file) {
        TransactionCsv.Options o = options(file);
        if (this == ONLINE_RETAIL) {
            return o.toBuilder().dropDuplicates(true).netCancellations(true).build();
        }
        return o;
    }

    /** CDNOW's mapping and rules, without the file layout. */
    private static TransactionCsv.Options.Builder cdnowRules() {
        return TransactionCsv.Options.builder(
                        ColumnMapping.of("customer_id", "date", "dollar_value").quantity("number_of_cds"),
                        StandardCharsets.UTF_8)
                .trimLeadingZeros(true)
                .dateFormat("yyyyMMdd");
    }

    /**
     * Returns the options for a table whose columns are already named, such as a Spark {@code Dataset} or a
     * JDBC result, read with {@link TransactionRecords}: the mapping, date format and cleaning rules of
     * {@link #options(Path)}, without the file layout. For {@link #CDNOW} both layouts map the same four
     * columns {@code customer_id date number_of_cds dollar_value}.
     *
     * @return the options
     */
    public TransactionCsv.Options tableOptions() {
        if (this == ONLINE_RETAIL) {
            return options(Path.of(presetName)); // does not look at the file
        }
        return cdnowRules().build();
    }

    /**
     * Returns the options a whole-pipeline run uses for a table with this preset: {@link #tableOptions()} with
     * the additions of {@link #runOptions(Path)}.
     *
     * @return the options
     */
    public TransactionCsv.Options tableRunOptions() {
        TransactionCsv.Options o = tableOptions();
        if (this == ONLINE_RETAIL) {
            return o.toBuilder().dropDuplicates(true).netCancellations(true).build();
        }
        return o;
    }

    private static boolean isNumeric(String field) {
        char[] c = field.toCharArray();
        return !Double.isNaN(Numbers.parse(c, 0, c.length));
    }

    /** The blank-separated fields of the first non-blank line (at most the first 64 KiB are looked at). */
    private static String[] firstLineFields(Path file) {
        String source = TransactionCsv.sourceName(file);
        try (DecodingReader r = TransactionCsv.open(file, StandardCharsets.UTF_8, source)) {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[4096];
            int n;
            while (sb.length() < (1 << 16) && (n = r.read(buf, 0, buf.length)) > 0) {
                sb.append(buf, 0, n);
                String text = sb.toString().strip();
                int nl = text.indexOf('\n');
                if (nl >= 0) {
                    return text.substring(0, nl).strip().split("[ \t\r]+");
                }
            }
            String text = sb.toString().strip();
            return text.isEmpty() ? new String[0] : text.split("[ \t\r\n]+");
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot read " + file + ": "
                    + dev.segmentation.internal.CsvSource.reason(file, e), e);
        }
    }
}
