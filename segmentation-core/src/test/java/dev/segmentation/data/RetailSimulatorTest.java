package dev.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.testing.StdoutGuard;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetailSimulatorTest {
    private static RetailSimulator.Builder small() {
        return RetailSimulator.builder().customers(3_000).seed(7);
    }

    private static void assertMessage(String expected, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertEquals(expected, e.getMessage());
    }

    /** Every column of the log and every truth array, bit for bit. */
    static void assertIdentical(SimulatedRetail x, SimulatedRetail y) {
        TransactionLog a = x.log();
        TransactionLog b = y.log();
        assertEquals(a.size(), b.size());
        assertEquals(a.customerCount(), b.customerCount());
        assertEquals(a.invoiceCount(), b.invoiceCount());
        for (int r = 0; r < a.size(); r++) {
            assertEquals(a.customer(r), b.customer(r));
            assertEquals(a.invoice(r), b.invoice(r));
            assertEquals(a.item(r), b.item(r));
            assertEquals(a.channel(r), b.channel(r));
            assertEquals(a.category(r), b.category(r));
            assertEquals(a.epochSecond(r), b.epochSecond(r));
            assertEquals(Double.doubleToLongBits(a.amount(r)), Double.doubleToLongBits(b.amount(r)));
            assertEquals(Double.doubleToLongBits(a.quantity(r)), Double.doubleToLongBits(b.quantity(r)));
        }
        assertArrayEquals(x.segmentLabels(), y.segmentLabels());
        assertArrayEquals(x.lambdas(), y.lambdas());
        assertArrayEquals(x.dropoutProbabilities(), y.dropoutProbabilities());
        assertArrayEquals(x.spendRates(), y.spendRates());
        assertArrayEquals(x.acquisitionTimes(), y.acquisitionTimes());
        assertArrayEquals(x.deathTimes(), y.deathTimes());
        assertArrayEquals(x.repeatPurchaseCounts(), y.repeatPurchaseCounts());
        for (int c = 0; c < x.customerCount(); c++) {
            assertArrayEquals(x.categoryTaste(c), y.categoryTaste(c));
        }
    }

    @Test
    void toStringListsEverySettingExactly() {
        SegmentProfile only = SegmentProfile.builder("all").build();
        RetailSimulator sim = RetailSimulator.builder().customers(10).seed(3).start(LocalDate.of(2020, 1, 1))
                .acquisitionEnd(LocalDate.of(2020, 3, 31)).end(LocalDate.of(2020, 12, 31)).unit(Duration.ofDays(1))
                .segments(only).categories(List.of("a", "b")).itemsPerCategory(5).zipfExponent(0.5)
                .itemPriceMedian(4.0).channels(List.of("web")).tasteConcentration(Double.POSITIVE_INFINITY)
                .threads(2).build();
        assertEquals("RetailSimulator{customers=10, seed=3, start=2020-01-01, acquisitionEnd=2020-03-31, "
                + "end=2020-12-31, unit=PT24H, categories=[a, b], itemsPerCategory=5, zipfExponent=0.5, "
                + "itemPriceMedian=4.0, channels=[web], tasteConcentration=Infinity, threads=2, segments=["
                + only + "]}", sim.toString());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        RetailSimulator sim = RetailSimulator.builder().build();
        String prefix = "RetailSimulator{customers=37000, seed=42, start=2023-01-01, acquisitionEnd=2023-12-31, "
                + "end=2024-12-31, unit=PT168H, categories=[grocery, household, beauty, fashion, electronics, "
                + "home & garden, toys, sports], itemsPerCategory=50, zipfExponent=1.0, itemPriceMedian=10.0, "
                + "channels=[store, web, app], tasteConcentration=10.0, threads=1, segments=[";
        assertTrue(sim.toString().startsWith(prefix), sim.toString());
        assertEquals(SegmentProfile.defaults(), sim.segments());
        assertEquals(Duration.ofDays(7), sim.unit());
    }

    @Test
    void defaultsGiveAboutOneMillionRows() {
        SimulatedRetail r = RetailSimulator.builder().threads(2).build().generate();
        // The class javadoc promises about one million rows on about 250,000 invoices.
        assertTrue(r.log().size() > 900_000 && r.log().size() < 1_100_000, r.toString());
        assertTrue(r.log().invoiceCount() > 225_000 && r.log().invoiceCount() < 275_000, r.toString());
        assertEquals(37_000, r.log().customerCount());
    }

    @Test
    void classJavadocExampleRunsAsDescribed() {
        SimulatedRetail sim = RetailSimulator.builder().customers(10_000).seed(7).build().generate();
        TransactionLog log = sim.log();
        int[] segment = sim.segmentLabels();
        boolean[] alive = sim.aliveAtEnd();
        double lambda = sim.lambda(0);
        assertEquals(10_000, log.customerCount());
        assertEquals("C00001", log.customerId(0));
        assertEquals("C10000", log.customerId(9_999));
        assertEquals(10_000, segment.length);
        assertEquals(10_000, alive.length);
        assertTrue(lambda >= 0.0);
        assertEquals("SimulatedRetail{rows=" + log.size() + ", customers=10000, invoices=" + log.invoiceCount()
                + ", alive=" + java.util.stream.IntStream.range(0, 10_000).filter(c -> alive[c]).count()
                + ", segments=5}", sim.toString());
    }

    @Test
    void sameSeedGivesAnIdenticalLogAndTruthAndCallsArePure() {
        RetailSimulator sim = small().build();
        SimulatedRetail first = sim.generate();
        assertIdentical(first, sim.generate());
        assertIdentical(first, small().build().generate());
    }

    @Test
    void oneAndFourThreadsGiveIdenticalResults() {
        // 3 chunks of 2,048 customers or fewer, so four threads really split the work.
        RetailSimulator one = small().customers(5_000).threads(1).build();
        assertIdentical(one.generate(), one.toBuilder().threads(4).build().generate());
    }

    @Test
    void differentSeedsGiveDifferentLogs() {
        SimulatedRetail a = small().build().generate();
        SimulatedRetail b = small().seed(8).build().generate();
        assertNotEquals(a.log().size(), b.log().size());
        assertFalse(Arrays.equals(a.lambdas(), b.lambdas()));
    }

    @Test
    void theLogIsWellFormedAndAlignedWithTheTruth() {
        SimulatedRetail r = small().build().generate();
        TransactionLog log = r.log();
        RetailSimulator sim = r.simulator();
        assertEquals(3_000, r.customerCount());
        assertEquals(3_000, log.customerCount());
        assertEquals(3_000, log.activeCustomerCount());
        assertEquals("C0001", log.customerId(0));
        assertEquals("C3000", log.customerId(2_999));
        assertEquals(41, log.customerIndex("C0042"));
        assertEquals(400, log.itemCount());
        assertEquals("SKU-01-0001", log.itemId(0));
        assertEquals("SKU-08-0050", log.itemId(399));
        assertEquals(List.of("grocery", "household", "beauty", "fashion", "electronics", "home & garden", "toys",
                "sports"), java.util.stream.IntStream.range(0, log.categoryCount()).mapToObj(log::categoryId)
                        .toList());
        assertEquals("app", log.channelId(2));
        assertTrue(log.hasChannel() && log.hasCategory());
        long invoices = 0;
        for (int c = 0; c < r.customerCount(); c++) {
            invoices += 1 + r.repeatPurchases(c);
        }
        assertEquals(invoices, log.invoiceCount());
        int[] invoiceCustomer = new int[log.invoiceCount()];
        long[] invoiceTime = new long[log.invoiceCount()];
        int[] invoiceChannel = new int[log.invoiceCount()];
        Arrays.fill(invoiceCustomer, -1);
        for (int row = 0; row < log.size(); row++) {
            int inv = log.invoice(row);
            assertEquals(log.item(row) / sim.itemsPerCategory(), log.category(row), "category of the item");
            assertTrue(log.quantity(row) >= 1.0 && log.quantity(row) == Math.rint(log.quantity(row)));
            if (invoiceCustomer[inv] < 0) {
                invoiceCustomer[inv] = log.customer(row);
                invoiceTime[inv] = log.epochSecond(row);
                invoiceChannel[inv] = log.channel(row);
            } else {
                // All lines of an invoice belong to one customer, time and channel.
                assertEquals(invoiceCustomer[inv], log.customer(row));
                assertEquals(invoiceTime[inv], log.epochSecond(row));
                assertEquals(invoiceChannel[inv], log.channel(row));
            }
        }
        int width = Integer.toString(log.invoiceCount()).length();
        assertEquals(String.format("I%0" + width + "d", 1), log.invoiceId(0));
        assertEquals(String.format("I%0" + width + "d", log.invoiceCount()), log.invoiceId(log.invoiceCount() - 1));
        assertTrue(log.firstDateTime().toLocalDate().compareTo(sim.start()) >= 0);
        assertTrue(log.lastDateTime().toLocalDate().compareTo(sim.end()) <= 0);
    }

    @Test
    void truthArraysAreCopies() {
        SimulatedRetail r = small().customers(10).build().generate();
        r.lambdas()[0] = -1.0;
        r.segmentLabels()[0] = 99;
        r.categoryTaste(0)[0] = -1.0;
        assertTrue(r.lambda(0) >= 0.0);
        assertTrue(r.segment(0) < r.segments().size());
        assertTrue(r.categoryTaste(0)[0] >= 0.0);
        assertThrows(IndexOutOfBoundsException.class, () -> r.lambda(10));
    }

    @Test
    void infiniteConcentrationGivesEveryCustomerTheSegmentTaste() {
        SimulatedRetail r = small().customers(50).tasteConcentration(Double.POSITIVE_INFINITY).build().generate();
        for (int c = 0; c < 50; c++) {
            double[] taste = r.segments().get(r.segment(c)).categoryTaste();
            double sum = Arrays.stream(taste).sum();
            double[] expected = Arrays.stream(taste).map(w -> w / sum).toArray();
            assertArrayEquals(expected, r.categoryTaste(c), 1e-15);
        }
    }

    @Test
    void zeroTasteCategoriesAndZeroMixChannelsNeverOccur() {
        SegmentProfile picky = SegmentProfile.builder("picky").bgNbd(3.0, 1.0, 1.5, 30.0).categoryTaste(0, 1, 0)
                .channelMix(1, 0).build();
        SimulatedRetail r = RetailSimulator.builder().customers(200).segments(picky)
                .categories(List.of("x", "y", "z")).channels(List.of("web", "store")).build().generate();
        assertTrue(r.log().size() > 1_000);
        for (int row = 0; row < r.log().size(); row++) {
            assertEquals(1, r.log().category(row));
            assertEquals(0, r.log().channel(row));
        }
    }

    @Test
    void generationPrintsNothing() {
        // slf4j-api itself warns once on stderr when a test classpath has no provider: let that happen first.
        small().customers(1).build().generate();
        String out = StdoutGuard.capture(() -> small().customers(100).build().generate());
        assertEquals("", out);
    }

    @Test
    void buildDoesNotChangeTheBuilderAndToBuilderMakesVariants() {
        RetailSimulator.Builder b = small();
        RetailSimulator first = b.build();
        b.customers(5);
        assertEquals(3_000, first.customers());
        assertEquals(5, b.build().customers());
        RetailSimulator variant = first.toBuilder().seed(9).build();
        assertEquals(9, variant.seed());
        assertEquals(first.toString().replace("seed=7", "seed=9"), variant.toString());
    }

    @Test
    void segmentSharesAreNormalized() {
        RetailSimulator sim = RetailSimulator.builder()
                .segments(SegmentProfile.builder("a").share(1).build(), SegmentProfile.builder("b").share(3).build())
                .build();
        assertArrayEquals(new double[] {0.25, 0.75}, sim.segmentShares(), 1e-15);
    }

    @Test
    void badSettingsAreNamedWithTheirValue() {
        assertMessage("customers must be >= 1, found 0", () -> RetailSimulator.builder().customers(0));
        assertMessage("threads must be >= 1, found 0", () -> RetailSimulator.builder().threads(0));
        assertMessage("unit must be positive, found PT0S", () -> RetailSimulator.builder().unit(Duration.ZERO));
        assertMessage("unit must be positive, found PT-1H",
                () -> RetailSimulator.builder().unit(Duration.ofHours(-1)));
        assertMessage("itemsPerCategory must be in [1, 9999], found 0",
                () -> RetailSimulator.builder().itemsPerCategory(0));
        assertMessage("zipfExponent must be finite and >= 0, found -0.5",
                () -> RetailSimulator.builder().zipfExponent(-0.5));
        assertMessage("zipfExponent must be finite and >= 0, found NaN",
                () -> RetailSimulator.builder().zipfExponent(Double.NaN));
        assertMessage("itemPriceMedian must be finite and > 0, found 0.0",
                () -> RetailSimulator.builder().itemPriceMedian(0.0));
        assertMessage("tasteConcentration must be > 0, found 0.0",
                () -> RetailSimulator.builder().tasteConcentration(0.0));
        assertMessage("categories must be non-empty, found []",
                () -> RetailSimulator.builder().categories(List.of()));
        assertMessage("categories must be distinct, found \"a\" twice",
                () -> RetailSimulator.builder().categories(List.of("a", "b", "a")));
        assertMessage("channels must be non-blank, found \"\"", () -> RetailSimulator.builder().channels(List.of("")));
        assertMessage("segments must be non-empty, found []", () -> RetailSimulator.builder().segments(List.of()));
        assertMessage("segments must have distinct names, found \"x\" twice", () -> RetailSimulator.builder()
                .segments(SegmentProfile.builder("x").build(), SegmentProfile.builder("x").build()));
        NullPointerException npe = assertThrows(NullPointerException.class,
                () -> RetailSimulator.builder().start(null));
        assertEquals("start", npe.getMessage());
    }

    @Test
    void buildChecksCombinations() {
        assertMessage("acquisitionEnd must be on or after start (2023-01-01), found 2022-12-31",
                () -> RetailSimulator.builder().acquisitionEnd(LocalDate.of(2022, 12, 31)).build());
        assertMessage("end must be on or after acquisitionEnd (2023-12-31), found 2023-06-30",
                () -> RetailSimulator.builder().end(LocalDate.of(2023, 6, 30)).build());
        assertMessage("segments[0].categoryTaste must have 8 weights (one per category), found 2",
                () -> RetailSimulator.builder()
                        .segments(SegmentProfile.builder("x").categoryTaste(1, 2).build()).build());
        assertMessage("segments[1].channelMix must have 2 weights (one per channel), found 3",
                () -> RetailSimulator.builder().channels(List.of("web", "store")).segments(
                        SegmentProfile.builder("x").build(),
                        SegmentProfile.builder("y").channelMix(1, 2, 3).build()).build());
        assertMessage("customers must be <= 268435454 with 8 categories (the truth keeps a taste per customer), "
                + "found 300000000", () -> RetailSimulator.builder().customers(300_000_000).build());
        // A one-day window (start = acquisitionEnd = end) is allowed.
        LocalDate day = LocalDate.of(2024, 2, 29);
        SimulatedRetail r = RetailSimulator.builder().customers(20).start(day).acquisitionEnd(day).end(day).build()
                .generate();
        assertEquals(day, r.log().firstDateTime().toLocalDate());
        assertEquals(day, r.log().lastDateTime().toLocalDate());
    }
}
