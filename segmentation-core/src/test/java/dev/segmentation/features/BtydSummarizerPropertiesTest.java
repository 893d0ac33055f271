package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.TransactionLog;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants of {@link BtydSummarizer} over generated logs: up to 10 customers, days 0..59 after 2020-01-01
 * at any second of the day, integer amounts (so that sums are exact and results can be compared exactly).
 */
class BtydSummarizerPropertiesTest {
    private static final LocalDate ORIGIN = LocalDate.of(2020, 1, 1);
    private static final long ORIGIN_SECOND = ORIGIN.toEpochDay() * 86_400L;

    /** One generated row. */
    record Tx(int customer, int day, int second, int amount) {
    }

    @Provide
    Arbitrary<List<Tx>> logs() {
        Arbitrary<Tx> tx = Combinators.combine(Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, 59), Arbitraries.integers().between(0, 86_399),
                Arbitraries.integers().between(0, 100)).as(Tx::new);
        return tx.list().ofMinSize(1).ofMaxSize(60);
    }

    private static TransactionLog build(List<Tx> rows) {
        TransactionLog.Builder b = TransactionLog.builder();
        for (Tx t : rows) {
            b.add("c" + t.customer(), null, null, ORIGIN_SECOND + t.day() * 86_400L + t.second(), 1, t.amount(),
                    null, null);
        }
        return b.build();
    }

    private static int firstDay(List<Tx> rows) {
        return rows.stream().mapToInt(Tx::day).min().orElseThrow();
    }

    @Property(tries = 200)
    void recencyWithinTFrequencyBoundedByDistinctDaysMonetaryNonNegative(@ForAll("logs") List<Tx> rows,
            @ForAll @IntRange(min = 0, max = 70) int endOffset, @ForAll boolean weekly) {
        int end = Math.max(endOffset, firstDay(rows));
        BtydSummary s = BtydSummarizer.builder().end(ORIGIN.plusDays(end))
                .period(weekly ? PurchasePeriod.WEEK : PurchasePeriod.DAY).unit(Duration.ofDays(7)).build()
                .summarize(build(rows));
        Map<String, Set<Integer>> days = new HashMap<>();
        for (Tx t : rows) {
            if (t.day() <= end) {
                days.computeIfAbsent("c" + t.customer(), k -> new HashSet<>()).add(t.day());
            }
        }
        assertEquals(days.size(), s.size());
        for (int i = 0; i < s.size(); i++) {
            assertTrue(0 <= s.recency(i) && s.recency(i) <= s.T(i), "0 <= recency <= T");
            assertTrue(s.frequency(i) <= days.get(s.id(i)).size() - 1, "frequency <= distinct days - 1");
            assertTrue(s.monetary(i) >= 0, "monetary >= 0");
            if (s.frequency(i) == 0) {
                assertEquals(0, s.monetary(i), "monetary is 0 without repeat purchases");
            }
        }
    }

    @Property(tries = 200)
    void invariantUnderRowOrder(@ForAll("logs") List<Tx> rows, @ForAll long seed, @ForAll boolean weekly) {
        BtydSummarizer summarizer = BtydSummarizer.builder().end(ORIGIN.plusDays(45)).calibrationEnd(ORIGIN.plusDays(30))
                .period(weekly ? PurchasePeriod.WEEK : PurchasePeriod.DAY).build();
        if (firstDay(rows) > 30) {
            return; // nobody in the calibration window: covered by the validation tests
        }
        List<Tx> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(seed));
        Map<String, double[]> a = byId(summarizer.summarize(build(rows)));
        Map<String, double[]> b = byId(summarizer.summarize(build(shuffled)));
        assertEquals(a.keySet(), b.keySet());
        for (String id : a.keySet()) {
            assertArrayEquals(a.get(id), b.get(id), id);
        }
    }

    private static Map<String, double[]> byId(BtydSummary s) {
        Map<String, double[]> m = new HashMap<>();
        double[] fh = s.frequencyHoldout();
        double[] mh = s.monetaryHoldout();
        double[] dh = s.durationHoldout();
        for (int i = 0; i < s.size(); i++) {
            m.put(s.id(i), new double[] {s.frequency(i), s.recency(i), s.T(i), s.monetary(i), fh[i], mh[i], dh[i]});
        }
        return m;
    }

    @Property(tries = 200)
    void calibrationTPlusDurationIsTheFullT(@ForAll("logs") List<Tx> rows,
            @ForAll @IntRange(min = 0, max = 60) int calibrationOffset, @ForAll @IntRange(min = 1, max = 30) int gap,
            @ForAll boolean weekly, @ForAll boolean weekUnit) {
        PurchasePeriod period = weekly ? PurchasePeriod.WEEK : PurchasePeriod.DAY;
        int cal = Math.max(calibrationOffset, firstDay(rows));
        LocalDate calibrationEnd = ORIGIN.plusDays(cal);
        LocalDate end = ORIGIN.plusDays(cal + gap);
        if (period.index(end) <= period.index(calibrationEnd)) {
            end = period.end(period.index(calibrationEnd) + 1);
        }
        Duration unit = weekUnit ? Duration.ofDays(7) : Duration.ofDays(1);
        TransactionLog log = build(rows);
        BtydSummary full = BtydSummarizer.builder().end(end).period(period).unit(unit).build().summarize(log);
        BtydSummary split = BtydSummarizer.builder().end(end).calibrationEnd(calibrationEnd).period(period).unit(unit)
                .build().summarize(log);
        Map<String, Integer> fullRow = new HashMap<>();
        for (int i = 0; i < full.size(); i++) {
            fullRow.put(full.id(i), i);
        }
        double[] duration = split.durationHoldout();
        for (int i = 0; i < split.size(); i++) {
            double fullT = full.T(fullRow.get(split.id(i)));
            // Each side is a whole number of periods divided by the unit: equal up to rounding of the division.
            assertEquals(fullT, split.T(i) + duration[i], 1e-12 * Math.max(1, fullT));
            assertTrue(split.frequency(i) + split.frequencyHoldout()[i]
                    >= full.frequency(fullRow.get(split.id(i))), "holdout periods cover the repeat purchases");
        }
    }
}
