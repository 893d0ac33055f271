package dev.segmentation.features;

import dev.segmentation.data.TransactionLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Test-only reader of {@code cdnow/CDNOW_sample.txt} until the CSV ingestion's CDNOW preset is merged (then
 * the tests switch to the preset).
 *
 * <p>The file is whitespace-separated with CRLF line ends and no header; its five columns are the master
 * customer id, the sample customer id (1..2357, zero-padded), the date {@code yyyyMMdd}, the number of CDs and
 * the dollar value. As the published summaries do, the customer id is the sample id (column 2), here with
 * its leading zeros removed so that it reads like the {@code ID} column of
 * {@code cdnow_customers_summary_with_transactions.csv}. Each line becomes one row at midnight with quantity
 * = CDs and amount = dollars; there is no invoice or item.
 */
final class CdnowSampleFile {
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private CdnowSampleFile() {
    }

    static TransactionLog read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TransactionLog.Builder b = TransactionLog.builder();
        for (String line : lines) {
            String s = line.strip();
            if (s.isEmpty()) {
                continue;
            }
            String[] f = s.split("\\s+");
            if (f.length != 5) {
                throw new IllegalStateException("expected 5 fields, found " + f.length + ": " + line);
            }
            String id = Integer.toString(Integer.parseInt(f[1]));
            LocalDate date = LocalDate.parse(f[2], YYYYMMDD);
            b.add(id, null, null, date.atStartOfDay(), Double.parseDouble(f[3]), Double.parseDouble(f[4]));
        }
        return b.build();
    }
}
