package dev.segmentation.data;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Cancellation netting and duplicate counting against a plain reference on random logs: each cancellation
 * removes the most recent earlier unmatched kept order of the same customer and item with the opposite
 * quantity, or nothing; every row is kept or skipped under exactly one reason; revenue is the sum of what is
 * kept.
 */
class NettingPropertiesTest {
    private static final String HEADER = "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n";

    /** One generated line: customer, item, quantity (negative for a cancellation), price. */
    record Line(int customer, char item, int quantity, int priceCents) {
        boolean cancellation() {
            return quantity < 0;
        }
    }

    @Provide
    Arbitrary<List<Line>> logs() {
        Arbitrary<Line> line = Combinators.combine(Arbitraries.integers().between(1, 3),
                Arbitraries.of('A', 'B'), Arbitraries.integers().between(-3, 3).filter(q -> q != 0),
                Arbitraries.integers().between(1, 400)).as(Line::new);
        return line.list().ofMaxSize(40);
    }

    @Property(tries = 300)
    void nettingMatchesTheReference(@ForAll("logs") List<Line> lines) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            csv.append(l.cancellation() ? "C" : "").append(i).append(',').append(l.item()).append(',')
                    .append(l.quantity()).append(",2011-01-01 10:00:00,").append(l.priceCents() / 100.0).append(',')
                    .append(l.customer()).append('\n');
        }
        IngestResult r = read(csv.toString());

        // reference: LIFO stacks of kept order indices per (customer, item, quantity)
        Map<String, Deque<Integer>> open = new HashMap<>();
        boolean[] removed = new boolean[lines.size()];
        long netted = 0;
        long unmatched = 0;
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            if (!l.cancellation()) {
                open.computeIfAbsent(l.customer() + "/" + l.item() + "/" + l.quantity(), k -> new ArrayDeque<>())
                        .push(i);
                continue;
            }
            removed[i] = true;
            Deque<Integer> d = open.get(l.customer() + "/" + l.item() + "/" + (-l.quantity()));
            if (d == null || d.isEmpty()) {
                unmatched++;
            } else {
                removed[d.pop()] = true;
                netted++;
            }
        }
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!removed[i]) {
                kept.add(i);
            }
        }
        IngestReport rep = r.report();
        assertEquals(netted, rep.cancellationsNetted());
        assertEquals(unmatched, rep.cancellationsUnmatched());
        assertEquals(kept.size(), rep.rowsKept());
        assertEquals(rep.rowsRead(), rep.rowsKept() + rep.skippedTotal());
        assertEquals(lines.size(), rep.rowsRead());
        TransactionLog log = r.log();
        assertEquals(kept.size(), log.size());
        double revenue = 0;
        for (int k = 0; k < kept.size(); k++) {
            Line l = lines.get(kept.get(k));
            assertEquals(String.valueOf(kept.get(k)), log.invoiceId(log.invoice(k)));
            assertEquals(String.valueOf(l.customer()), log.customerId(log.customer(k)));
            revenue += log.amount(k);
        }
        assertEquals(revenue, rep.revenue());
        // every customer in the log has rows: a customer whose every order was cancelled is gone
        assertEquals(log.customerCount(), log.activeCustomerCount());
    }

    @Property(tries = 200)
    void duplicatesAreEveryRepeatOfAnEarlierRecord(@ForAll("logs") List<Line> lines) {
        StringBuilder csv = new StringBuilder(HEADER);
        Map<String, Integer> seen = new HashMap<>();
        long repeats = 0;
        for (Line l : lines) {
            String record = "1," + l.item() + "," + Math.abs(l.quantity()) + ",2011-01-01 10:00:00,1.5," + l.customer();
            repeats += seen.merge(record, 1, Integer::sum) > 1 ? 1 : 0;
            csv.append(record).append('\n');
        }
        Path f = file(csv.toString());
        assertEquals(repeats, TransactionCsv.read(f, options().build()).report().duplicates());
        IngestReport dropped = TransactionCsv.read(f, options().dropDuplicates(true).build()).report();
        assertEquals(repeats, dropped.skipped(IngestReport.DUPLICATE));
        assertEquals(seen.size(), dropped.rowsKept());
    }

    private static TransactionCsv.Options.Builder options() {
        return TransactionCsv.Options.builder(ColumnMapping.ofUnitPrice("CustomerID", "InvoiceDate", "UnitPrice",
                "Quantity").item("StockCode").invoice("InvoiceNo"), UTF_8).dateFormat("yyyy-MM-dd HH:mm:ss");
    }

    private static IngestResult read(String csv) {
        return TransactionCsv.read(file(csv), options().netCancellations(true).build());
    }

    private static Path file(String csv) {
        try {
            Path f = Files.createTempFile("netting", ".csv");
            f.toFile().deleteOnExit();
            Files.writeString(f, csv, UTF_8);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
