package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.InvalidDataException;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.clv.BtydHistogram;
import dev.segmentation.clv.BtydHoldoutHistogram;
import dev.segmentation.clv.ModifiedBgNbd;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: {@link LifetimeValue#fitTransactionModel} on the histograms of the pipeline's summaries is the pipeline's
 * lifetime-value stage bit for bit (the pipeline runs the same code), for a choice and for a given model; bad
 * arguments are refused with their message.
 */
class TransactionModelFromAggregatesTest {
    private static final Duration WEEK = Duration.ofDays(7);
    private static TransactionLog log;
    private static LocalDate first;
    private static LocalDate lastDay;
    private static BtydHistogram all;

    @BeforeAll
    static void simulate() {
        log = RetailSimulator.builder().customers(1200).seed(8).build().generate().log();
        first = log.firstDateTime().toLocalDate();
        lastDay = log.lastDateTime().toLocalDate();
        all = BtydHistogram.of(BtydSummarizer.builder().end(lastDay).unit(WEEK).build().summarize(log));
    }

    private static LifetimeValue chosen() {
        return LifetimeValue.chosenByHoldout().horizon(Period.ofYears(1)).unit(WEEK);
    }

    private static SegmentationResult pipeline(LifetimeValue ltv) {
        return Segmentation.of(log).segments(KMeans.builder().k(2).nInit(1).seed(1)).lifetimeValue(ltv).run();
    }

    private static void assertSameStage(SegmentationResult expected, LifetimeValue.TransactionModelFit actual) {
        assertEquals(expected.lifetimeValueReport().orElseThrow().toMap(), actual.report().toMap());
        assertEquals(expected.transactionModel().orElseThrow().params(), actual.model().params());
        assertEquals(expected.warnings().stream().filter(w -> w.startsWith("lifetimeValue:")).toList(),
                actual.warnings());
    }

    @Test
    void theChoiceFromTheHistogramsIsThePipelinesBitForBit() {
        LifetimeValue ltv = chosen();
        LocalDate calibrationEnd = ltv.holdoutCalibrationEnd(first, lastDay).orElseThrow();
        BtydSummary cal = BtydSummarizer.builder().end(lastDay).calibrationEnd(calibrationEnd).unit(WEEK).build()
                .summarize(log);
        LifetimeValue.TransactionModelFit fit = ltv.fitTransactionModel(all, BtydHoldoutHistogram.of(cal), first,
                lastDay);
        SegmentationResult expected = pipeline(chosen());
        assertEquals(Optional.of(calibrationEnd), expected.lifetimeValueReport().orElseThrow().calibrationEnd());
        assertSameStage(expected, fit);
        assertEquals(3, fit.report().candidates().size());
    }

    @Test
    void aGivenModelFromTheHistogramIsThePipelinesBitForBitAndHasNoHoldout() {
        LifetimeValue ltv = LifetimeValue.modifiedBgNbd(ModifiedBgNbd.builder().dropoutPenalty(1e-3)).unit(WEEK);
        assertEquals(Optional.empty(), ltv.holdoutCalibrationEnd(first, lastDay));
        LifetimeValue.TransactionModelFit fit = ltv.fitTransactionModel(all,
                BtydHoldoutHistogram.builder(WEEK, 0).build(), first, lastDay);
        assertSameStage(pipeline(LifetimeValue.modifiedBgNbd(ModifiedBgNbd.builder().dropoutPenalty(1e-3))
                .unit(WEEK)), fit);
        assertEquals("mbgnbd", fit.model().name());
    }

    @Test
    void aShortSpanHasNoHoldoutAndTheChoiceSaysItWasNotValidated() {
        LifetimeValue ltv = chosen();
        assertEquals(Optional.empty(), ltv.holdoutCalibrationEnd(first, first.plusDays(4 * 14 - 1)));
        assertEquals(Optional.of(first.plusDays(42)), ltv.holdoutCalibrationEnd(first, first.plusDays(4 * 14)));
        LifetimeValue.TransactionModelFit fit = ltv.fitTransactionModel(all,
                BtydHoldoutHistogram.builder(WEEK, 0).build(), first, first.plusDays(20));
        assertEquals(List.of("lifetimeValue: the data are too short for a holdout check of the transaction model; "
                + fit.model().name() + " was used without validation"), fit.warnings().stream()
                        .filter(w -> w.contains("too short")).toList());
    }

    @Test
    void badArgumentsAreRefusedWithTheirMessage() {
        LifetimeValue ltv = chosen();
        BtydHoldoutHistogram none = BtydHoldoutHistogram.builder(WEEK, 0).build();
        assertEquals("lastDay must be on or after the first purchase date 2024-01-10, found 2024-01-09",
                assertThrows(IllegalArgumentException.class, () -> ltv.holdoutCalibrationEnd(
                        LocalDate.of(2024, 1, 10), LocalDate.of(2024, 1, 9))).getMessage());
        BtydHistogram days = BtydHistogram.builder(Duration.ofDays(1)).add(1, 1, 2, 1).build();
        assertEquals("all.unit must be PT168H, found PT24H", assertThrows(IllegalArgumentException.class,
                () -> ltv.fitTransactionModel(days, none, first, lastDay)).getMessage());
        BtydHistogram oneTime = BtydHistogram.builder(WEEK).add(0, 0, 3, 5).build();
        assertEquals("lifetimeValue: customers with a repeat purchase must be >= 1, found 0 among 5 customers",
                assertThrows(InvalidDataException.class, () -> ltv.fitTransactionModel(oneTime, none, first,
                        lastDay)).getMessage());
        LifetimeValue custom = LifetimeValue.of((l, asOf) -> {
            throw new AssertionError("not fitted");
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, custom::checkAggregateFit);
        assertEquals(e.getMessage(), assertThrows(IllegalStateException.class,
                () -> custom.fitTransactionModel(all, none, first, lastDay)).getMessage());
        assertEquals("lifetimeValue must be a BTYD configuration to be fitted from aggregates, found a custom "
                + "trainer " + custom.toString().substring("LifetimeValue{trainer=".length(),
                        custom.toString().indexOf(", horizon=")), e.getMessage());
    }
}
