package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.InvalidDataException;
import dev.segmentation.data.TransactionLog;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed features on small logs, the no-leakage rule, and exact messages for bad input. */
class CustomerFeaturesTest {
    private static final LocalDate AS_OF = LocalDate.of(2015, 2, 10);

    private static LocalDateTime at(String iso) {
        return LocalDateTime.parse(iso);
    }

    /**
     * Customer a: three invoices before the as-of date (one with a postage line), one on the as-of day; b: two
     * rows without invoice, item, channel or category on one day; c: only after the as-of date.
     */
    private static TransactionLog.Builder sample() {
        return TransactionLog.builder()
                .markNonProduct("POST")
                .add("a", "inv1", "A", at("2015-01-01T10:00"), 2, 20, "web", "toys")
                .add("a", "inv1", "B", at("2015-01-01T10:00"), 1, 5, "web", "books")
                .add("a", "inv1", "POST", at("2015-01-01T10:00"), 1, 3, "web", null)
                .add("b", null, null, at("2015-01-05T09:00"), 1, 7, null, null)
                .add("a", "inv2", "A", at("2015-01-11T12:00"), 3, 30, "store", "toys")
                .add("b", null, null, at("2015-01-05T15:00"), 2, 3, null, null)
                .add("a", "inv3", "A", at("2015-02-09T23:00"), 1, 10, "store", "toys")
                .add("a", "inv4", "C", at("2015-02-10T08:00"), 100, 1000, "web", "garden")
                .add("c", "inv5", "A", at("2015-02-11T08:00"), 1, 10, "web", "toys");
    }

    private static CustomerFeatures all() {
        return CustomerFeatures.builder().asOf(AS_OF).rfm().tenure().behaviour().categoryShares().channelShares()
                .build();
    }

    @Test
    void handComputedFeatures() {
        CustomerFeatureTable t = all().compute(sample().build());
        assertEquals(List.of("recency", "frequency", "monetary", "tenure", "mean_basket_value",
                "mean_items_per_order", "mean_distinct_items_per_order", "mean_interpurchase_days",
                "share_category=books", "share_category=toys", "share_channel=store", "share_channel=web"),
                t.names());
        assertArrayEquals(new String[] {"a", "b"}, t.ids());
        assertEquals(AS_OF, t.asOf());
        double[] a = t.matrix().row(0, null);
        // Last purchase 02-09 (the 02-10 row is on the as-of day: excluded); first 01-01, 40 days before 02-10.
        // 3 invoices; spend 20 + 5 + 3 + 30 + 10 = 68 (postage included); product quantity 2 + 1 + 3 + 1 = 7;
        // distinct products per invoice {A, B}, {A}, {A}; purchase days 01-01, 01-11, 02-09: gaps 10 and 29.
        assertArrayEquals(new double[] {1, 3, 68, 40, 68 / 3.0, 7 / 3.0, 4 / 3.0, 19.5, 5 / 68.0, 60 / 68.0,
            40 / 68.0, 28 / 68.0}, a, 1e-15);
        double[] b = t.matrix().row(1, null);
        // One order (no invoice: one per day), spend 10, quantity 3, no item ids, one purchase day: the
        // inter-purchase fill is the 36 days since that day. No category or channel: shares 0.
        assertArrayEquals(new double[] {36, 1, 10, 36, 10, 3, 0, 36, 0, 0, 0, 0}, b);
        assertEquals(68, t.get(0, CustomerFeatures.MONETARY));
        assertArrayEquals(new double[] {1, 36}, t.column(CustomerFeatures.RECENCY));
    }

    @Test
    void rowsWithoutInvoiceAreOneOrderPerDayAndMixWithInvoices() {
        TransactionLog log = TransactionLog.builder()
                .add("x", null, "A", at("2015-01-01T09:00"), 1, 1, null, null)
                .add("x", null, "A", at("2015-01-01T10:00"), 1, 1, null, null)
                .add("x", null, "B", at("2015-01-02T10:00"), 1, 1, null, null)
                .add("x", "i1", "A", at("2015-01-02T10:00"), 1, 1, null, null)
                .add("x", "i2", "POST", at("2015-01-03T10:00"), 1, 4, null, null)
                .markNonProduct("POST")
                .build();
        CustomerFeatureTable t = CustomerFeatures.builder().asOf(LocalDate.of(2015, 1, 4)).rfm().behaviour().build()
                .compute(log);
        // Orders: day 01-01 {A}, day 01-02 {B}, i1 {A}, i2 {} (postage only, still an order).
        assertArrayEquals(new double[] {1, 4, 8, 2, 4 / 4.0, 3 / 4.0, 1}, t.matrix().row(0, null));
    }

    @Test
    void columnOrderDoesNotDependOnTheOrderOfBuilderCalls() {
        CustomerFeatures reversed = CustomerFeatures.builder().channelShares().categoryShares().behaviour().tenure()
                .rfm().asOf(AS_OF).build();
        assertEquals(all().compute(sample().build()).names(), reversed.compute(sample().build()).names());
    }

    @Test
    void shareGroupsAddNothingWhenTheLogHasNoCategoryOrChannel() {
        TransactionLog log = TransactionLog.builder().add("a", at("2015-01-01T00:00"), 5).build();
        CustomerFeatureTable t = CustomerFeatures.builder().asOf(AS_OF).rfm().categoryShares().channelShares().build()
                .compute(log);
        assertEquals(List.of("recency", "frequency", "monetary"), t.names());
    }

    @Test
    void sharesAreZeroWhenSpendIsZero() {
        TransactionLog log = TransactionLog.builder()
                .add("a", "i", "A", at("2015-01-01T00:00"), 1, 0, "web", "toys").build();
        CustomerFeatureTable t = CustomerFeatures.builder().asOf(AS_OF).categoryShares().channelShares().build()
                .compute(log);
        assertArrayEquals(new double[] {0, 0}, t.matrix().row(0, null));
    }

    /** Changing, adding or breaking rows on or after the as-of date leaves every feature unchanged. */
    @Test
    void rowsOnOrAfterTheAsOfDateDoNotLeakIntoFeatures() {
        CustomerFeatureTable base = all().compute(sample().build());
        TransactionLog changed = sample()
                .add("a", "inv9", "Z", at("2015-02-10T00:00"), 5, 999, "phone", "new-category")
                .add("b", null, null, at("2015-03-01T00:00"), -4, -50, "phone", "toys")
                .add("d", "inv8", "A", at("2016-01-01T00:00"), 1, 10, "web", "toys")
                .build();
        CustomerFeatureTable after = all().compute(changed);
        assertArrayEquals(base.ids(), after.ids());
        assertEquals(base.names(), after.names());
        assertArrayEquals(base.matrix().toArray(), after.matrix().toArray());
    }

    @Test
    void emptyLogIsRejected() {
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> all().compute(TransactionLog.builder().build()));
        assertEquals("log must have at least one row, found 0", e.getMessage());
    }

    @Test
    void asOfOnOrBeforeTheFirstPurchaseDateIsRejected() {
        InvalidDataException same = assertThrows(InvalidDataException.class,
                () -> all().toBuilder().asOf(LocalDate.of(2015, 1, 1)).build().compute(sample().build()));
        assertEquals("asOf must be after the first purchase date 2015-01-01, found 2015-01-01", same.getMessage());
        InvalidDataException before = assertThrows(InvalidDataException.class,
                () -> all().toBuilder().asOf(LocalDate.of(2014, 6, 30)).build().compute(sample().build()));
        assertEquals("asOf must be after the first purchase date 2015-01-01, found 2014-06-30", before.getMessage());
    }

    /** Policy: returns must be removed or netted by ingestion; a negative amount in the window is bad data. */
    @Test
    void negativeAmountsInTheWindowAreRejectedNamingTheRow() {
        TransactionLog log = sample().add("b", "r1", "A", at("2015-01-20T10:00"), 1, -7.5, null, null).build();
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> all().compute(log));
        assertEquals("row 9 (customer b): amount must be >= 0, found -7.5", e.getMessage());
        assertEquals(9, e.row());
        assertEquals("amount", e.column());
    }

    @Test
    void negativeQuantitiesAreRejectedWhenItemCountsAreComputed() {
        TransactionLog log = sample().add("b", "r1", "A", at("2015-01-20T10:00"), -2, 0, null, null).build();
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> all().compute(log));
        assertEquals("row 9 (customer b): quantity must be >= 0, found -2.0", e.getMessage());
        assertEquals("quantity", e.column());
        // Without the behaviour group quantities are not used, so they are not checked.
        CustomerFeatureTable rfm = CustomerFeatures.builder().asOf(AS_OF).rfm().build().compute(log);
        assertEquals(2, rfm.get(1, CustomerFeatures.FREQUENCY));
    }

    @Test
    void builderValidatesWithExactMessages() {
        IllegalStateException noAsOf = assertThrows(IllegalStateException.class,
                () -> CustomerFeatures.builder().rfm().build());
        assertEquals("asOf must be set, found none", noAsOf.getMessage());
        IllegalStateException noGroup = assertThrows(IllegalStateException.class,
                () -> CustomerFeatures.builder().asOf(AS_OF).build());
        assertEquals("features must include at least one of rfm, tenure, behaviour, categoryShares, channelShares, "
                + "found none", noGroup.getMessage());
        NullPointerException nullAsOf = assertThrows(NullPointerException.class,
                () -> CustomerFeatures.builder().asOf(null));
        assertEquals("asOf", nullAsOf.getMessage());
        NullPointerException nullLog = assertThrows(NullPointerException.class, () -> all().compute(null));
        assertEquals("log", nullLog.getMessage());
    }

    @Test
    void toStringListsEverySetting() {
        assertEquals("CustomerFeatures{asOf=2015-02-10, rfm=true, tenure=true, behaviour=true, categoryShares=true, "
                + "channelShares=true, threads=1}", all().toString());
        assertEquals("CustomerFeatures{asOf=2011-12-10, rfm=true, tenure=false, behaviour=false, "
                + "categoryShares=false, channelShares=false, threads=3}",
                CustomerFeatures.builder().asOf(LocalDate.of(2011, 12, 10)).rfm().threads(3).build().toString());
    }

    @Test
    void toBuilderAndBuildDoNotShareState() {
        CustomerFeatures.Builder b = CustomerFeatures.builder().asOf(AS_OF).rfm();
        CustomerFeatures rfm = b.build();
        b.tenure();
        assertEquals(List.of("recency", "frequency", "monetary"), rfm.compute(sample().build()).names());
        assertEquals(AS_OF, rfm.asOf());
        assertEquals(rfm.toString(), rfm.toBuilder().build().toString());
    }

    @Test
    void tableCopiesItsIds() {
        CustomerFeatureTable t = all().compute(sample().build());
        String[] ids = t.ids();
        ids[0] = "changed";
        assertEquals("a", t.id(0));
        assertEquals(2, t.size());
        assertEquals("CustomerFeatureTable{asOf=2015-02-10, customers=2, columns=" + t.names() + "}", t.toString());
    }
}
