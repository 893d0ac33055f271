package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.BtydLifetimeValueModel;
import dev.segmentation.clv.ParetoNbd;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * {@link LifetimeValue#threads(int)} (issue 19): the stage's choice and fits on several threads are bit for bit
 * those on one. In days, the simulated customers' summary has more distinct triples than one chunk of rows, so the
 * fits take the parallel path.
 */
class LifetimeValueThreadsTest {
    private static final TransactionLog LOG = RetailSimulator.builder().customers(15_000).seed(23).threads(2)
            .build().generate().log();

    @Test
    void theChosenModelIsTheSameOnOneAndThreeThreads() {
        LocalDate asOf = LOG.lastDateTime().toLocalDate().plusDays(1);
        BtydLifetimeValueModel one = assertInstanceOf(BtydLifetimeValueModel.class,
                LifetimeValue.chosenByHoldout().unit(Duration.ofDays(1)).threads(1).fit(LOG, asOf));
        BtydLifetimeValueModel three = assertInstanceOf(BtydLifetimeValueModel.class,
                LifetimeValue.chosenByHoldout().unit(Duration.ofDays(1)).threads(3).fit(LOG, asOf));
        assertEquals(one.transactions().name(), three.transactions().name());
        assertEquals(one.transactions().params(), three.transactions().params());
        assertEquals(Double.doubleToLongBits(one.transactions().logLikelihood()),
                Double.doubleToLongBits(three.transactions().logLikelihood()));
        assertArrayEquals(one.transactions().standardErrors(), three.transactions().standardErrors(), 0.0);
        assertEquals(one.spend().params(), three.spend().params());
    }

    @Test
    void aGivenParetoNbdIsTheSameOnOneAndFourThreads() {
        LocalDate asOf = LOG.lastDateTime().toLocalDate().plusDays(1);
        BtydLifetimeValueModel one = assertInstanceOf(BtydLifetimeValueModel.class, LifetimeValue.paretoNbd(
                ParetoNbd.builder().threads(1)).unit(Duration.ofDays(1)).fit(LOG, asOf));
        BtydLifetimeValueModel four = assertInstanceOf(BtydLifetimeValueModel.class, LifetimeValue.paretoNbd(
                ParetoNbd.builder().threads(4)).unit(Duration.ofDays(1)).fit(LOG, asOf));
        assertEquals("paretonbd", four.transactions().name());
        assertEquals(one.transactions().params(), four.transactions().params());
        assertEquals(Double.doubleToLongBits(one.transactions().logLikelihood()),
                Double.doubleToLongBits(four.transactions().logLikelihood()));
        assertArrayEquals(one.transactions().standardErrors(), four.transactions().standardErrors(), 0.0);
    }

    @Test
    void thePipelinesValuesAreTheSameOnOneAndThreeThreads() {
        SegmentationResult one = Segmentation.of(LOG)
                .lifetimeValue(LifetimeValue.chosenByHoldout().unit(Duration.ofDays(1)).threads(1)).run();
        SegmentationResult three = Segmentation.of(LOG)
                .lifetimeValue(LifetimeValue.chosenByHoldout().unit(Duration.ofDays(1)).threads(3)).run();
        assertEquals(one.size(), three.size());
        // the choice's figures (the candidates' calibration fits and holdout checks run at once from two threads on,
        // the spend fit alongside them): the same report, every double in its shortest exact form, and warnings
        assertEquals(one.lifetimeValueReport().orElseThrow().toString(),
                three.lifetimeValueReport().orElseThrow().toString());
        assertEquals(one.warnings(), three.warnings());
        for (int i = 0; i < one.size(); i++) {
            CustomerProfile e = one.customer(i);
            CustomerProfile a = three.customer(i);
            assertEquals(e.id(), a.id());
            assertEquals(Double.doubleToLongBits(e.aliveProbability()), Double.doubleToLongBits(a.aliveProbability()),
                    e.id());
            assertEquals(Double.doubleToLongBits(e.expectedPurchases()),
                    Double.doubleToLongBits(a.expectedPurchases()), e.id());
            assertEquals(Double.doubleToLongBits(e.clv()), Double.doubleToLongBits(a.clv()), e.id());
        }
    }

    @Test
    void threadsAreInTheDescriptionOnlyWhenSet() {
        assertFalse(LifetimeValue.chosenByHoldout().toString().contains("threads="));
        assertTrue(LifetimeValue.chosenByHoldout().threads(2).toString().contains("], threads=2, spend="),
                LifetimeValue.chosenByHoldout().threads(2).toString());
    }

    @Test
    void badThreadsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LifetimeValue.chosenByHoldout().threads(0));
        assertEquals("threads must be >= 1, found 0", e.getMessage());
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> LifetimeValue.bgNbd(BgNbd.builder()).threads(2));
        assertEquals("threads must be set on a chosenByHoldout() configuration, found a given transaction model "
                + "(set threads on its builder)", s.getMessage());
    }
}
