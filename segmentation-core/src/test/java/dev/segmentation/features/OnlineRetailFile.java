package dev.segmentation.features;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.segmentation.data.TransactionLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Test-only reader of {@code online-retail/online_retail.csv.gz} with the standard cleaning (customer present,
 * quantity &gt; 0, unit price &gt; 0), until the CSV ingestion's {@code online-retail} preset is merged (then the
 * tests switch to the preset).
 *
 * <p>Header {@code InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country}, UTF-8,
 * dates {@code yyyy-MM-dd HH:mm:ss}; amount = quantity x unit price; the country is used as the channel so
 * that channel shares can be exercised on real data.
 */
final class OnlineRetailFile {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final List<String> NON_PRODUCT = List.of("POST", "DOT", "M", "C2", "D", "S", "BANK CHARGES",
            "AMAZONFEE", "CRUK", "B", "PADS");

    private OnlineRetailFile() {
    }

    static TransactionLog readCleaned(Path file) {
        TransactionLog.Builder b = TransactionLog.builder();
        NON_PRODUCT.forEach(b::markNonProduct);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16);
                CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(in)) {
            boolean header = true;
            for (CsvRecord r : csv) {
                if (header) {
                    header = false;
                    continue;
                }
                String customer = r.getField(6);
                double quantity = Double.parseDouble(r.getField(3));
                double price = Double.parseDouble(r.getField(5));
                if (customer.isEmpty() || !(quantity > 0) || !(price > 0)) {
                    continue;
                }
                long t = LocalDateTime.parse(r.getField(4), DATE).toEpochSecond(ZoneOffset.UTC);
                b.add(customer, r.getField(0), r.getField(1), t, quantity, quantity * price, r.getField(7), null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.build();
    }
}
