package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.recommend.Popularity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: with {@code skipStagesThatCannotRun(true)} a stage that cannot run on short or one-sided data is
 * skipped with a warning while the others still produce results; without it the run fails as before.
 */
class StageSkippingTest {
    private static final LocalDateTime T0 = LocalDateTime.of(2021, 1, 4, 10, 0);

    private static Segmentation full(TransactionLog log) {
        return Segmentation.of(log).segments(KMeans.builder().k(2).seed(1))
                .lifetimeValue(LifetimeValue.chosenByHoldout())
                .churn(90, LogisticRegression.builder().l2(1.0))
                .recommend(Popularity.builder(), 3)
                .skipStagesThatCannotRun(true);
    }

    /**
     * 300 customers over {@code days} days with exponential gaps of mean {@code gap} days and, unless
     * {@code gap} is below 5, a dropout after an exponential lifetime of mean 60 days (fixed seed).
     */
    private static TransactionLog log(int days, int gap, boolean items) {
        TransactionLog.Builder b = TransactionLog.builder();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        for (int c = 0; c < 300; c++) {
            double life = gap < 5 ? Double.MAX_VALUE : -60 * Math.log(1 - rnd.nextDouble());
            double mean = gap * (0.5 + rnd.nextDouble());
            for (double d = rnd.nextInt(Math.min(days, 7)); d < days && d <= life;
                    d += 1 + Math.floor(-mean * Math.log(1 - rnd.nextDouble()))) {
                b.add("c" + c, null, items ? "item" + rnd.nextInt(6) : null, T0.plusDays((long) d), 1,
                        10 + rnd.nextInt(30));
            }
        }
        return b.build();
    }

    @Test
    void aSpanShorterThanTheChurnHorizonSkipsChurnOnly(@TempDir Path dir) throws IOException {
        TransactionLog short47 = log(47, 6, true);
        assertEquals(46, java.time.temporal.ChronoUnit.DAYS.between(short47.firstDateTime().toLocalDate(),
                short47.lastDateTime().toLocalDate()));
        SegmentationResult r = full(short47).run();
        assertTrue(r.churn().isEmpty());
        assertTrue(r.transactionModel().isPresent(), "lifetime value still ran: " + r.warnings());
        assertEquals(2, r.segments().size());
        assertTrue(r.warnings().contains("churn: skipped: the churn horizon of 90 days is not shorter than the 46 "
                + "days from the first purchase to the last observed day"), r.warnings().toString());
        assertTrue(Double.isNaN(r.customer(0).churnProbability()));
        r.writeCsv(dir, SegmentationResult.Precision.ROUNDED);
        List<String> lines = Files.readAllLines(dir.resolve("customers.csv"), StandardCharsets.UTF_8);
        assertEquals(SegmentationResult.CUSTOMER_COLUMNS, List.of(lines.get(0).split(",")));
        String[] first = lines.get(1).split(",", -1);
        assertEquals("", first[9], "p_churn empty: " + lines.get(1));
        assertFalse(first[10].isEmpty(), "p_alive present: " + lines.get(1));
        // without skipping, the same data fail as before
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> full(short47).skipStagesThatCannotRun(false).run());
        assertEquals("churn: horizonDays must be < 46 (the days from the first purchase to the last observed day), "
                + "found 90", e.getMessage());
    }

    @Test
    void nobodyChurningSkipsChurn() {
        TransactionLog busy = log(200, 3, true);
        SegmentationResult r = full(busy).run();
        assertTrue(r.churn().isEmpty());
        java.time.LocalDate cutoff = busy.lastDateTime().toLocalDate().minusDays(90);
        assertTrue(r.warnings().contains("churn: skipped: nobody churned: every one of the 300 customers with a "
                + "purchase on or before the cut-off " + cutoff + " bought again within 90 days"), r.warnings()
                .toString());
        assertTrue(r.recommender().isPresent());
    }

    @Test
    void onlyOneTimeBuyersSkipLifetimeValue() {
        TransactionLog.Builder b = TransactionLog.builder();
        for (int c = 0; c < 200; c++) {
            b.add("c" + c, null, "item" + c % 4, T0.plusDays(c), 1, 5 + c % 7);
        }
        SegmentationResult r = full(b.build()).run();
        assertTrue(r.transactionModel().isEmpty());
        assertTrue(r.lifetimeValueReport().isEmpty());
        assertTrue(r.warnings().contains("lifetimeValue: skipped: customers with a repeat purchase "
                + "must be >= 1, found 0 among 200 customers"), r.warnings().toString());
        assertTrue(Double.isNaN(r.customer(0).clv()));
        assertEquals(2, r.segments().size());
        assertTrue(Double.isNaN(r.segments().get(0).meanClv()));
    }

    @Test
    void aLogWithoutItemsSkipsRecommendations() {
        SegmentationResult r = full(log(300, 20, false)).run();
        assertTrue(r.recommender().isEmpty());
        assertTrue(r.warnings().contains("recommendations: skipped: the log has no item ids"), r.warnings()
                .toString());
        assertTrue(r.churn().isPresent(), r.warnings().toString());
        assertTrue(r.customer(0).topItems().isEmpty());
    }
}
