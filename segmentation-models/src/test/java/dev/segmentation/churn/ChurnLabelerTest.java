package dev.segmentation.churn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.InvalidDataException;
import dev.segmentation.data.TransactionLog;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ChurnLabelerTest {
    static final LocalDate CUT = LocalDate.of(2011, 9, 9);

    static LocalDateTime at(int daysFromCut, int hour) {
        return CUT.plusDays(daysFromCut).atTime(hour, 0);
    }

    @Test
    void labelsAndFeaturesByHand() {
        TransactionLog log = TransactionLog.builder()
                .add("a", at(-100, 9), 10).add("a", at(-100, 15), 5).add("a", at(-10, 9), 20) // stays
                .add("a", at(30, 9), 7)
                .add("b", at(-50, 9), 8).add("b", at(0, 23), 2) // last on the cut-off day itself; churns
                .add("b", at(91, 9), 100) // just after the horizon: still churned
                .add("c", at(5, 9), 1) // no history: not in the data set
                .add("d", at(-3, 9), 4).add("d", at(90, 9), 4) // buys on the last horizon day: stays
                .build();
        ChurnDataset ds = ChurnLabeler.builder().cutoff(CUT).horizonDays(90).build().label(log);
        assertEquals(List.of("a", "b", "d"), ds.customerIds());
        assertArrayEquals(new int[] {0, 1, 0}, ds.labels());
        assertEquals(List.of("recency_days", "frequency", "monetary", "tenure_days", "avg_spend", "active_days_90",
                "mean_gap_days"), ds.features().names());
        assertArrayEquals(new double[] {10, 2, 35, 100, 17.5, 1, 90}, ds.features().row(0, null));
        assertArrayEquals(new double[] {0, 2, 10, 50, 5, 2, 50}, ds.features().row(1, null));
        assertArrayEquals(new double[] {3, 1, 4, 3, 4, 1, 3}, ds.features().row(2, null));
        assertEquals(1 / 3.0, ds.churnRate(), 1e-15);
        assertEquals("ChurnLabeler{cutoff=2011-09-09, horizonDays=90, features=ChurnFeatures.standard()[recency_days,"
                + " frequency, monetary, tenure_days, avg_spend, active_days_90, mean_gap_days], threads=1}",
                ChurnLabeler.builder().cutoff(CUT).build().toString());
    }

    @Test
    void refusesALogThatEndsBeforeTheHorizon() {
        TransactionLog log = TransactionLog.builder().add("a", at(-5, 9), 1).add("a", at(20, 9), 1).build();
        assertEquals("log: last purchase date must be on or after cutoff + horizonDays = 2011-12-08, found 2011-09-29",
                assertThrows(InvalidDataException.class,
                        () -> ChurnLabeler.builder().cutoff(CUT).build().label(log)).getMessage());
        assertEquals("horizonDays must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> ChurnLabeler.builder().horizonDays(0)).getMessage());
        assertEquals("cutoff must be set, found none", assertThrows(IllegalStateException.class,
                () -> ChurnLabeler.builder().build()).getMessage());
    }

    /** No leakage: rewriting, moving or adding any transaction after the cut-off leaves every feature as it was. */
    @Property(tries = 50)
    void featuresIgnoreEverythingAfterTheCutoff(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int customers) {
        SplittableRandom rnd = new SplittableRandom(seed);
        TransactionLog.Builder before = TransactionLog.builder();
        TransactionLog.Builder after = TransactionLog.builder();
        for (int c = 0; c < customers; c++) {
            int rows = 1 + rnd.nextInt(8);
            for (int k = 0; k < rows; k++) {
                int day = rnd.nextInt(-300, 120);
                int hour = rnd.nextInt(24);
                double amount = 1 + rnd.nextInt(100);
                before.add("c" + c, at(day, hour), amount);
                if (day <= 0) {
                    after.add("c" + c, at(day, hour), amount);
                } else {
                    // the future is rewritten: other day, other amount, sometimes dropped or doubled
                    if (rnd.nextInt(3) > 0) {
                        after.add("c" + c, at(rnd.nextInt(1, 200), hour), amount * 7);
                    }
                    if (rnd.nextBoolean()) {
                        after.add("c" + c, at(rnd.nextInt(1, 200), 1), 3);
                    }
                }
            }
        }
        before.add("sentinel", at(120, 0), 1);
        after.add("sentinel", at(120, 0), 1);
        after.add("newcomer", at(10, 0), 50);
        ChurnLabeler labeler = ChurnLabeler.builder().cutoff(CUT).horizonDays(90).build();
        ChurnDataset a;
        try {
            a = labeler.label(before.build());
        } catch (InvalidDataException e) {
            assertEquals("log: customers with a purchase on or before the cutoff 2011-09-09 must be >= 1, found 0",
                    e.getMessage());
            return;
        }
        ChurnDataset b = labeler.label(after.build());
        assertEquals(a.customerIds(), b.customerIds());
        assertArrayEquals(a.features().toArray(), b.features().toArray());
    }
}
