package dev.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Invariants of every simulated log, over random settings and segment parameters. */
class RetailSimulatorPropertiesTest {
    @Property(tries = 60)
    void purchasesLieInTheWindowStopAtDeathAndHavePositiveAmounts(
            @ForAll @IntRange(min = 1, max = 200) int customers,
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 90) int acquisitionDays,
            @ForAll @IntRange(min = 0, max = 400) int moreDays,
            @ForAll @IntRange(min = 1, max = 14) int unitDays,
            @ForAll @IntRange(min = 1, max = 3) int threads,
            @ForAll boolean sameTaste,
            @ForAll @DoubleRange(min = 0.05, max = 3.0) double r,
            @ForAll @DoubleRange(min = 2.0, max = 20.0) double alpha,
            @ForAll @DoubleRange(min = 0.05, max = 5.0) double a,
            @ForAll @DoubleRange(min = 0.05, max = 10.0) double b,
            @ForAll @DoubleRange(min = 0.05, max = 10.0) double p,
            @ForAll @DoubleRange(min = 1.01, max = 10.0) double q,
            @ForAll @DoubleRange(min = 0.01, max = 100.0) double v) {
        LocalDate start = LocalDate.of(2021, 3, 1);
        LocalDate acquisitionEnd = start.plusDays(acquisitionDays);
        LocalDate end = acquisitionEnd.plusDays(moreDays);
        List<SegmentProfile> segments = new ArrayList<>(SegmentProfile.defaults());
        segments.add(SegmentProfile.builder("random").bgNbd(r, alpha, a, b).gammaGamma(p, q, v).build());
        SimulatedRetail sim = RetailSimulator.builder().customers(customers).seed(seed).start(start)
                .acquisitionEnd(acquisitionEnd).end(end).unit(Duration.ofDays(unitDays)).segments(segments)
                .tasteConcentration(sameTaste ? Double.POSITIVE_INFINITY : 3.0).threads(threads).build()
                .generate();
        TransactionLog log = sim.log();
        assertEquals(customers, log.customerCount());
        LocalDateTime first = start.atStartOfDay();
        LocalDateTime last = end.plusDays(1).atStartOfDay();
        for (int c = 0; c < customers; c++) {
            TransactionLog.CustomerRows rows = log.rowsOf(c);
            assertTrue(rows.size() >= 1, "every customer has a first purchase");
            LocalDateTime acquired = sim.acquisitionDateTime(c);
            assertTrue(!acquired.isBefore(first) && acquired.isBefore(acquisitionEnd.plusDays(1).atStartOfDay()));
            assertEquals(acquired, log.dateTime(rows.row(0)));
            LocalDateTime death = sim.deathDateTime(c).orElse(null);
            assertEquals(sim.alive(c), death == null);
            Set<Integer> invoices = new HashSet<>();
            for (int k = 0; k < rows.size(); k++) {
                int row = rows.row(k);
                LocalDateTime t = log.dateTime(row);
                assertTrue(!t.isBefore(acquired) && t.isBefore(last), "in [acquisition, end]: " + t);
                if (death != null) {
                    assertTrue(!t.isAfter(death), "no purchase after death");
                }
                assertTrue(log.amount(row) > 0.0 && Double.isFinite(log.amount(row)), "amount " + log.amount(row));
                assertTrue(log.quantity(row) >= 1.0 && Double.isFinite(log.quantity(row)));
                invoices.add(log.invoice(row));
            }
            assertEquals(1 + sim.repeatPurchases(c), invoices.size());
            if (death != null) {
                assertEquals(death, log.dateTime(rows.row(rows.size() - 1)));
            }
            double[] taste = sim.categoryTaste(c);
            double sum = 0.0;
            for (double w : taste) {
                assertTrue(w >= 0.0);
                sum += w;
            }
            assertEquals(1.0, sum, 1e-12);
            assertTrue(sim.lambda(c) >= 0.0 && sim.dropoutProbability(c) >= 0.0 && sim.dropoutProbability(c) <= 1.0
                    && sim.spendRate(c) > 0.0);
        }
    }
}
