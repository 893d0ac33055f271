package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.BgNbdModel;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.clv.ModifiedBgNbd;
import dev.segmentation.clv.ParetoNbd;
import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionCsv;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.testing.SharedData;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lifetime-value stage's model choice by holdout (issue 15), its fallbacks and its warnings. */
class LifetimeValueChoiceTest {
    private static TransactionLog log;
    private static SegmentationResult chosen;

    @BeforeAll
    static void run() {
        log = RetailSimulator.builder().customers(2000).seed(5).build().generate().log();
        chosen = Segmentation.of(log).lifetimeValue(LifetimeValue.chosenByHoldout().currency("EUR"))
                .churn(90, LogisticRegression.builder().l2(1.0)).run();
    }

    @Test
    void everyCandidateIsReportedAndTheChosenOneHasTheLowestEligibleHoldoutLogLoss() {
        LifetimeValueReport r = chosen.lifetimeValueReport().orElseThrow();
        assertEquals(List.of("bgnbd", "mbgnbd", "paretonbd"),
                r.candidates().stream().map(LifetimeValueReport.Candidate::model).toList());
        assertEquals(1, r.candidates().stream().filter(LifetimeValueReport.Candidate::chosen).count());
        LifetimeValueReport.Candidate used = r.candidates().stream().filter(LifetimeValueReport.Candidate::chosen)
                .findFirst().orElseThrow();
        assertEquals(r.model(), used.model());
        assertEquals(chosen.transactionModel().orElseThrow().name(), r.model());
        assertTrue(used.eligible());
        for (LifetimeValueReport.Candidate c : r.candidates()) {
            assertTrue(Double.isFinite(c.holdoutLogLoss()) && c.holdoutLogLoss() > 0, c.toString());
            assertTrue(c.holdoutAuc() > 0.5 && c.holdoutAuc() <= 1, c.toString());
            if (c.eligible() && !c.chosen()) {
                // the chosen one is the best, or within the tie margin and preferred
                assertTrue(used.holdoutLogLoss() <= c.holdoutLogLoss() + LifetimeValue.TIE, c + " vs " + used);
            }
        }
        assertEquals(Period.ofYears(1), r.horizon());
        assertEquals(0.10, r.annualDiscountRate());
        assertEquals("EUR", r.currency());
        assertEquals(r.calibrationEnd().orElseThrow().plusDays(r.holdoutDays()),
                log.lastDateTime().toLocalDate());
        Map<String, Object> json = r.toMap();
        assertEquals(List.of("model", "horizon", "discountRate", "currency", "unit", "calibrationEnd", "holdoutDays",
                "criterion", "validation"), List.copyOf(json.keySet()));
    }

    @Test
    void bgNbdIsNotEligibleWhenManyCustomersHaveNoRepeatPurchase() {
        BtydSummary s = chosen.summary().orElseThrow();
        long zero = 0;
        for (double x : s.frequency()) {
            zero += x == 0 ? 1 : 0;
        }
        double share = (double) zero / s.size();
        LifetimeValueReport.Candidate bg = chosen.lifetimeValueReport().orElseThrow().candidates().get(0);
        assertEquals(1.0, bg.meanAliveWithoutRepeat(), "BG/NBD: P(alive) = 1 for x = 0 by assumption");
        if (share > 0.05) {
            assertFalse(bg.eligible());
            assertEquals(String.format(java.util.Locale.ROOT, "not eligible: %.1f%% of customers have no repeat "
                    + "purchase (more than 5%%), and BG/NBD gives each of them P(alive) = 1 by assumption",
                    100 * share), bg.note());
        }
    }

    @Test
    void noPurchaseProbabilityMatchesTheBgNbdClosedForm() {
        // BG/NBD: P(X(T, T + t) = 0 | x, t_x, T) = 1 - PA + PA ((alpha + T) / (alpha + T + t))^(r + x)
        // (Fader, Hardie and Lee 2005, "Counting your customers the easy way", conditional on alive: Poisson with
        // a Gamma(r + x, alpha + T) rate), against the likelihood-ratio form used by the pipeline
        BgNbdModel m = BgNbdModel.of(0.243, 4.414, 0.793, 2.426, java.time.Duration.ofDays(7));
        double[][] cases = {{0, 0, 38.86}, {2, 30.43, 38.86}, {5, 20, 40}, {26, 35.3, 38.9}};
        for (double[] c : cases) {
            for (double t : new double[] {1, 13, 52}) {
                double pa = m.probabilityAlive(c[0], c[1], c[2]);
                double expected = 1 - pa + pa * Math.pow((4.414 + c[2]) / (4.414 + c[2] + t), 0.243 + c[0]);
                assertEquals(expected, TransactionModelChoice.noPurchase(m, c[0], c[1], c[2], t), 1e-12,
                        java.util.Arrays.toString(c) + " t " + t);
            }
        }
    }

    @Test
    void aNonConvergedCandidateIsNotUsedAndTheRunFallsBackWithAWarning() {
        SegmentationResult r = Segmentation.of(log).lifetimeValue(LifetimeValue.chosenByHoldout(
                BgNbd.builder().maxIterations(1), ModifiedBgNbd.builder().maxIterations(1), ParetoNbd.builder()))
                .run();
        LifetimeValueReport report = r.lifetimeValueReport().orElseThrow();
        assertEquals("paretonbd", report.model());
        assertEquals("paretonbd", r.transactionModel().orElseThrow().name());
        assertTrue(r.transactionModel().orElseThrow().converged());
        assertTrue(r.warnings().contains("lifetimeValue: the mbgnbd calibration fit did not converge; mbgnbd was "
                + "not considered"), r.warnings().toString());
        LifetimeValueReport.Candidate mbg = report.candidates().get(1);
        assertFalse(mbg.eligible());
        assertTrue(mbg.note().startsWith("not eligible: the calibration fit did not converge (1 iterations"),
                mbg.note());
    }

    @Test
    void whenNoCandidateConvergesTheStageFailsSayingWhy() {
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> Segmentation.of(log)
                .lifetimeValue(LifetimeValue.chosenByHoldout(BgNbd.builder().maxIterations(1),
                        ModifiedBgNbd.builder().maxIterations(1), ParetoNbd.builder().maxIterations(1))).run());
        assertEquals("lifetimeValue: no transaction model converged on this data (none was eligible)",
                e.getMessage());
    }

    @Test
    void aGivenModelThatDidNotConvergeIsUsedWithAWarning() {
        SegmentationResult r = Segmentation.of(log)
                .lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder().maxIterations(1))).run();
        BtydModel m = r.transactionModel().orElseThrow();
        assertFalse(m.converged());
        assertTrue(r.warnings().get(0).startsWith("lifetimeValue: the bgnbd fit did not converge (1 iterations, "
                + "gradient norm "), r.warnings().toString());
        assertTrue(r.warnings().get(0).endsWith("its P(alive), expected purchases and CLV may be unreliable"));
        assertEquals("did not converge; used as given", r.lifetimeValueReport().orElseThrow().candidates().get(0)
                .note());
    }

    @Test
    void churnIsCheckedOutOfSampleForBothModels() {
        ChurnValidation v = chosen.churnValidation().orElseThrow();
        LocalDateCheck.assertDays(v.evaluationCutoff(), log.lastDateTime().toLocalDate(), 90);
        LocalDateCheck.assertDays(v.trainingCutoff(), v.evaluationCutoff(), 90);
        assertTrue(v.logisticAuc() > 0.6 && v.logisticAuc() <= 1, v.toString());
        assertTrue(v.btydAuc() > 0.6 && v.btydAuc() <= 1, v.toString());
        assertEquals(10, v.logisticGains().length);
        assertEquals(1.0, v.logisticGains()[9], 1e-12);
        assertEquals(chosen.churnTraining().orElseThrow().labels().length, v.customers());
        double[] p0 = chosen.noPurchaseProbabilities().orElseThrow();
        assertEquals(chosen.size(), p0.length);
        for (double p : p0) {
            assertTrue(p >= 0 && p <= 1, "P(no purchase) " + p);
        }
        assertEquals(90, chosen.churnHorizonDays());
        assertTrue(v.definition().startsWith("a customer has churned when they make no purchase in the 90 days"));
    }

    @Test
    void cdnowChoosesAModelWhoseOneTimeBuyersAreNotAliveForSure() {
        TransactionLog cdnow = TransactionCsv.readPreset(SharedData.file("cdnow/CDNOW_master.txt"), "cdnow").log();
        SegmentationResult r = Segmentation.of(cdnow).lifetimeValue(LifetimeValue.chosenByHoldout()).run();
        LifetimeValueReport report = r.lifetimeValueReport().orElseThrow();
        LifetimeValueReport.Candidate used = report.candidates().stream()
                .filter(LifetimeValueReport.Candidate::chosen).findFirst().orElseThrow();
        assertFalse(report.candidates().get(0).eligible(), "51% of CDNOW customers never repeat: BG/NBD excluded");
        assertTrue(used.meanAliveWithoutRepeat() < 0.5, used.toString());
        for (LifetimeValueReport.Candidate c : report.candidates()) {
            if (c.eligible()) {
                assertTrue(used.holdoutLogLoss() <= c.holdoutLogLoss() + LifetimeValue.TIE, c.toString());
            }
        }
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }

    /** Date arithmetic for the assertions above. */
    private static final class LocalDateCheck {
        static void assertDays(java.time.LocalDate earlier, java.time.LocalDate later, long days) {
            assertEquals(days, java.time.temporal.ChronoUnit.DAYS.between(earlier, later), earlier + " .. " + later);
        }
    }
}
