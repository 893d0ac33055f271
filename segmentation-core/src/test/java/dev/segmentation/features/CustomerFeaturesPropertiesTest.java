package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.TransactionLog;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants of {@link CustomerFeatures} over generated logs: up to 8 customers, 12 invoices (or none), 6 items
 * (one a non-product code), 3 channels and 3 categories (or none), days 0..59 after 2020-01-01, integer amounts
 * and quantities so that sums are exact.
 */
class CustomerFeaturesPropertiesTest {
    private static final LocalDate ORIGIN = LocalDate.of(2020, 1, 1);
    private static final long ORIGIN_SECOND = ORIGIN.toEpochDay() * 86_400L;

    /** One generated row; -1 means "none" for invoice, channel and category. */
    record Tx(int customer, int invoice, int item, int day, int second, int quantity, int amount, int channel,
            int category) {
    }

    @Provide
    Arbitrary<List<Tx>> logs() {
        Arbitrary<Tx> tx = Combinators.combine(Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(-1, 11), Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 59), Arbitraries.integers().between(0, 86_399),
                Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 50),
                Arbitraries.integers().between(-1, 2)).as((c, inv, item, day, sec, q, a, ch) ->
                        new Tx(c, inv, item, day, sec, q, a, ch, (inv + item + ch + 3) % 4 - 1));
        return tx.list().ofMinSize(1).ofMaxSize(50);
    }

    private static TransactionLog build(List<Tx> rows) {
        TransactionLog.Builder b = TransactionLog.builder().markNonProduct("item0");
        for (Tx t : rows) {
            b.add("c" + t.customer(), t.invoice() < 0 ? null : "inv" + t.invoice(), "item" + t.item(),
                    ORIGIN_SECOND + t.day() * 86_400L + t.second(), t.quantity(), t.amount(),
                    t.channel() < 0 ? null : "ch" + t.channel(), t.category() < 0 ? null : "cat" + t.category());
        }
        return b.build();
    }

    private static CustomerFeatures all(int asOfOffset) {
        return CustomerFeatures.builder().asOf(ORIGIN.plusDays(asOfOffset)).rfm().tenure().behaviour()
                .categoryShares().channelShares().build();
    }

    private static int asOf(List<Tx> rows, int offset) {
        return Math.max(offset, rows.stream().mapToInt(Tx::day).min().orElseThrow() + 1);
    }

    @Property(tries = 200)
    void featuresStayInTheirRanges(@ForAll("logs") List<Tx> rows, @ForAll @IntRange(min = 1, max = 70) int offset) {
        CustomerFeatureTable t = all(asOf(rows, offset)).compute(build(rows));
        FeatureMatrix x = t.matrix().requireFinite();
        int shareStart = x.columnIndex(CustomerFeatures.MEAN_INTERPURCHASE_DAYS) + 1;
        for (int i = 0; i < t.size(); i++) {
            double recency = t.get(i, CustomerFeatures.RECENCY);
            double frequency = t.get(i, CustomerFeatures.FREQUENCY);
            assertTrue(recency >= 1 && recency <= t.get(i, CustomerFeatures.TENURE), "1 <= recency <= tenure");
            assertTrue(frequency >= 1, "frequency >= 1");
            assertTrue(t.get(i, CustomerFeatures.MONETARY) >= 0, "monetary >= 0");
            assertTrue(t.get(i, CustomerFeatures.MEAN_INTERPURCHASE_DAYS) >= 1, "inter-purchase days >= 1");
            assertEquals(t.get(i, CustomerFeatures.MONETARY),
                    t.get(i, CustomerFeatures.MEAN_BASKET_VALUE) * frequency, 1e-9);
            double categories = 0;
            double channels = 0;
            for (int j = shareStart; j < x.columns(); j++) {
                double share = x.get(i, j);
                assertTrue(share >= 0 && share <= 1 + 1e-12, "share in [0, 1]");
                if (x.name(j).startsWith(CustomerFeatures.CATEGORY_SHARE_PREFIX)) {
                    categories += share;
                } else {
                    channels += share;
                }
            }
            assertTrue(categories <= 1 + 1e-12 && channels <= 1 + 1e-12, "shares sum to at most 1");
        }
    }

    /**
     * Naming22: {@link CustomerFeatures#meanInterpurchaseDays} alone equals the behaviour group's column of every
     * customer with a row before the as-of date (bit for bit), and is NaN for the others.
     */
    @Property(tries = 200)
    void meanInterpurchaseDaysAloneEqualsTheColumn(@ForAll("logs") List<Tx> rows,
            @ForAll @IntRange(min = 1, max = 70) int offset) {
        TransactionLog log = build(rows);
        int asOf = asOf(rows, offset);
        CustomerFeatureTable t = all(asOf).compute(log);
        double[] alone = CustomerFeatures.meanInterpurchaseDays(log, ORIGIN.plusDays(asOf));
        assertEquals(log.customerCount(), alone.length);
        boolean[] listed = new boolean[alone.length];
        for (int i = 0; i < t.size(); i++) {
            int c = log.customerIndex(t.id(i));
            listed[c] = true;
            assertEquals(Double.doubleToLongBits(t.get(i, CustomerFeatures.MEAN_INTERPURCHASE_DAYS)),
                    Double.doubleToLongBits(alone[c]), t.id(i));
        }
        for (int c = 0; c < alone.length; c++) {
            assertEquals(listed[c], !Double.isNaN(alone[c]), log.customerId(c));
        }
    }

    @Property(tries = 200)
    void invariantUnderRowOrder(@ForAll("logs") List<Tx> rows, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 70) int offset) {
        List<Tx> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(seed));
        CustomerFeatures features = all(asOf(rows, offset));
        CustomerFeatureTable a = features.compute(build(rows));
        CustomerFeatureTable b = features.compute(build(shuffled));
        assertEquals(a.names(), b.names());
        Map<String, double[]> byId = new HashMap<>();
        for (int i = 0; i < b.size(); i++) {
            byId.put(b.id(i), b.matrix().row(i, null));
        }
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.matrix().row(i, null), byId.get(a.id(i)), a.id(i)); // integer data: exact
        }
    }

    @Property(tries = 200)
    void rowsOnOrAfterTheAsOfDateNeverChangeTheFeatures(@ForAll("logs") List<Tx> rows, @ForAll("logs") List<Tx> later,
            @ForAll @IntRange(min = 1, max = 70) int offset) {
        int asOf = asOf(rows, offset);
        List<Tx> early = rows.stream().filter(t -> t.day() < asOf).toList();
        List<Tx> withLater = new ArrayList<>(early);
        for (Tx t : later) {
            // Move each generated row to the as-of day or later; amounts may even be negative there.
            withLater.add(new Tx(t.customer(), t.invoice(), t.item(), asOf + t.day(), t.second(), -t.quantity(),
                    -t.amount(), t.channel(), t.category()));
        }
        CustomerFeatureTable a = all(asOf).compute(build(early));
        CustomerFeatureTable b = all(asOf).compute(build(withLater));
        assertArrayEquals(a.ids(), b.ids());
        assertEquals(a.names(), b.names());
        assertArrayEquals(a.matrix().toArray(), b.matrix().toArray());
    }

    /** Without invoices, RFM and the BTYD summary (daily, end = the day before asOf) describe the same days. */
    @Property(tries = 200)
    void agreesWithTheBtydSummaryWhenThereAreNoInvoices(@ForAll("logs") List<Tx> rows,
            @ForAll @IntRange(min = 1, max = 70) int offset) {
        List<Tx> noInvoices = rows.stream().map(t -> new Tx(t.customer(), -1, t.item(), t.day(), t.second(),
                t.quantity(), t.amount(), t.channel(), t.category())).toList();
        int asOf = asOf(rows, offset);
        TransactionLog log = build(noInvoices);
        CustomerFeatureTable t = CustomerFeatures.builder().asOf(ORIGIN.plusDays(asOf)).rfm().tenure().build()
                .compute(log);
        BtydSummary s = BtydSummarizer.builder().end(ORIGIN.plusDays(asOf - 1)).build().summarize(log);
        assertArrayEquals(s.ids(), t.ids());
        for (int i = 0; i < t.size(); i++) {
            double tenure = t.get(i, CustomerFeatures.TENURE);
            assertEquals(s.frequency(i) + 1, t.get(i, CustomerFeatures.FREQUENCY));
            assertEquals(s.T(i) + 1, tenure);
            assertEquals(s.recency(i), tenure - t.get(i, CustomerFeatures.RECENCY));
        }
    }
}
