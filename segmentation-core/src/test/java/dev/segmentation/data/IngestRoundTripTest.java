package dev.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Whatever rows are written, reading the file back gives the same rows, in order. */
class IngestRoundTripTest {
    private record Row(String customer, String item, long epochSecond, long cents, int quantity) {
    }

    @Provide
    Arbitrary<Row> rows() {
        Arbitrary<String> ids = Arbitraries.strings().withChars("ab,\"; x\u00e9\u00a3").ofMinLength(1).ofMaxLength(6);
        Arbitrary<Long> seconds = Arbitraries.longs().between(
                LocalDateTime.of(1990, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC),
                LocalDateTime.of(2030, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC));
        return Combinators.combine(ids, ids, seconds, Arbitraries.longs().between(-1_000_000, 1_000_000),
                Arbitraries.integers().between(-5, 50)).as(Row::new);
    }

    @Property(tries = 60)
    void writtenRowsReadBack(@ForAll @Size(max = 40) List<@net.jqwik.api.From("rows") Row> rows,
            @ForAll("charsets") Charset charset, @ForAll boolean crlf) {
        String eol = crlf ? "\r\n" : "\n";
        StringBuilder sb = new StringBuilder("item,customer,when,price,qty").append(eol);
        for (Row r : rows) {
            String when = LocalDateTime.ofEpochSecond(r.epochSecond(), 0, ZoneOffset.UTC).toString().replace('T', ' ');
            if (when.length() == 16) {
                when += ":00";
            }
            sb.append(csv(r.item())).append(',').append(csv(r.customer())).append(',').append(when).append(',')
                    .append(java.math.BigDecimal.valueOf(r.cents(), 2).toPlainString()).append(',')
                    .append(r.quantity()).append(eol);
        }
        IngestResult result;
        try {
            Path dir = Files.createTempDirectory("roundtrip");
            Path f = dir.resolve("rows.csv");
            Files.write(f, sb.toString().getBytes(charset));
            result = TransactionCsv.read(f, TransactionCsv.Options.builder(
                    ColumnMapping.ofUnitPrice("customer", "when", "price", "qty").item("item"), charset)
                    .dateFormat("yyyy-MM-dd HH:mm:ss").build());
            Files.delete(f);
            Files.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TransactionLog log = result.log();
        assertEquals(rows.size(), log.size());
        assertEquals(rows.size(), result.report().rowsRead());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            assertEquals(r.customer(), log.customerId(log.customer(i)));
            assertEquals(r.item(), log.itemId(log.item(i)));
            assertEquals(r.epochSecond(), log.epochSecond(i));
            assertEquals(r.quantity(), log.quantity(i));
            assertEquals(r.quantity() * (r.cents() / 100.0), log.amount(i));
        }
    }

    @Provide
    Arbitrary<Charset> charsets() {
        return Arbitraries.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1, StandardCharsets.UTF_16);
    }

    private static String csv(String field) {
        boolean quote = field.contains(",") || field.contains("\"") || field.startsWith(" ") || field.isEmpty();
        return quote ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}
