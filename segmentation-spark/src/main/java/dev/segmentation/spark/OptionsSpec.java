package dev.segmentation.spark;

import dev.segmentation.data.BadRows;
import dev.segmentation.data.ColumnMapping;
import dev.segmentation.data.TransactionCsv;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of a {@link TransactionCsv.Options} that reading records uses, in a serializable form for Spark
 * tasks (the options themselves are not serializable: the library never uses Java serialization for its own
 * types). {@link #options()} rebuilds equal options on an executor.
 */
final class OptionsSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    /** customer, date, amount, unitPrice, quantity, invoice, item, channel, category, description; null if unmapped. */
    private final String[] columns;
    private final String dateFormat;
    private final String badRows;
    private final boolean dropMissingCustomer;
    private final boolean dropCancellations;
    private final String cancellationPrefix;
    private final boolean dropNonPositiveQuantity;
    private final boolean dropNonPositivePrice;
    private final ArrayList<String> nonProductItems;
    private final ArrayList<String> nonProductItemPrefixes;
    private final boolean normalizeCustomerIds;
    private final boolean trimLeadingZeros;
    private final int maxExamples;
    private final boolean dropDuplicates;
    private final boolean netCancellations;
    private final LocalDate asOf;

    OptionsSpec(TransactionCsv.Options o) {
        ColumnMapping m = o.mapping();
        columns = new String[] {m.customer(), m.date(), m.amount().orElse(null), m.unitPrice().orElse(null),
            m.quantity().orElse(null), m.invoice().orElse(null), m.item().orElse(null), m.channel().orElse(null),
            m.category().orElse(null), m.description().orElse(null)};
        dateFormat = o.dateFormat();
        badRows = o.badRows().name();
        dropMissingCustomer = o.dropMissingCustomer();
        dropCancellations = o.dropCancellations();
        cancellationPrefix = o.cancellationPrefix();
        dropNonPositiveQuantity = o.dropNonPositiveQuantity();
        dropNonPositivePrice = o.dropNonPositivePrice();
        nonProductItems = new ArrayList<>(o.nonProductItems());
        nonProductItemPrefixes = new ArrayList<>(o.nonProductItemPrefixes());
        normalizeCustomerIds = o.normalizeCustomerIds();
        trimLeadingZeros = o.trimLeadingZeros();
        maxExamples = o.maxExamples();
        dropDuplicates = o.dropDuplicates();
        netCancellations = o.netCancellations();
        asOf = o.asOf().orElse(null);
    }

    /** The options again (charset UTF-8, default separator: the file layout plays no part for records). */
    TransactionCsv.Options options() {
        ColumnMapping m = columns[2] != null ? ColumnMapping.of(columns[0], columns[1], columns[2])
                : ColumnMapping.ofUnitPrice(columns[0], columns[1], columns[3], columns[4]);
        if (columns[2] != null && columns[4] != null) {
            m = m.quantity(columns[4]);
        }
        if (columns[5] != null) {
            m = m.invoice(columns[5]);
        }
        if (columns[6] != null) {
            m = m.item(columns[6]);
        }
        if (columns[7] != null) {
            m = m.channel(columns[7]);
        }
        if (columns[8] != null) {
            m = m.category(columns[8]);
        }
        if (columns[9] != null) {
            m = m.description(columns[9]);
        }
        TransactionCsv.Options.Builder b = TransactionCsv.Options.builder(m, StandardCharsets.UTF_8)
                .dateFormat(dateFormat)
                .badRows(BadRows.valueOf(badRows))
                .dropMissingCustomer(dropMissingCustomer)
                .dropCancellations(dropCancellations)
                .cancellationPrefix(cancellationPrefix)
                .dropNonPositiveQuantity(dropNonPositiveQuantity)
                .dropNonPositivePrice(dropNonPositivePrice)
                .nonProductItems(nonProductItems)
                .nonProductItemPrefixes(nonProductItemPrefixes)
                .normalizeCustomerIds(normalizeCustomerIds)
                .trimLeadingZeros(trimLeadingZeros)
                .maxExamples(maxExamples)
                .dropDuplicates(dropDuplicates)
                .netCancellations(netCancellations);
        if (asOf != null) {
            b.asOf(asOf);
        }
        return b.build();
    }

    /** The column of each role (customer, date, amount, unitPrice, quantity, invoice, item, channel, category,
     *  description), null where unmapped. */
    String[] roleColumns() {
        return columns.clone();
    }

    /** The mapped column names in role order (customer, date, amount, ...), unmapped roles left out. */
    List<String> mappedColumns() {
        List<String> out = new ArrayList<>();
        for (String c : columns) {
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }
}
