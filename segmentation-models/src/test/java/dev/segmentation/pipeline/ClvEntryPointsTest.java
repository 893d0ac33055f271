package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.BtydLifetimeValueModel;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.clv.Clv;
import dev.segmentation.clv.GammaGammaModel;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.features.PurchasePeriod;
import dev.segmentation.streaming.CustomerScore;
import dev.segmentation.streaming.CustomerScorer;
import dev.segmentation.streaming.CustomerState;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: one customer gets one CLV whatever the entry point: the pipeline, {@link Clv#compute(BtydModel,
 * GammaGammaModel, BtydSummary)} and the streaming {@link CustomerScorer} all take the spend per purchase from
 * {@link Clv#spendPerPurchase(GammaGammaModel, double, double)}, including for a repeat buyer whose mean repeat
 * spend is 0 (the pipeline used the population mean for them before).
 */
class ClvEntryPointsTest {
    @Test
    void pipelineClvComputeAndStreamingScorerGiveTheSameClv() {
        TransactionLog simulated = RetailSimulator.builder().customers(600).seed(11).build().generate().log();
        TransactionLog.Builder b = TransactionLog.builder();
        for (int row = 0; row < simulated.size(); row++) {
            b.add(simulated.customerId(simulated.customer(row)), simulated.dateTime(row), simulated.amount(row));
        }
        LocalDateTime t = simulated.firstDateTime().plusDays(30);
        b.add("zero", t, 0.0).add("zero", t.plusDays(60), 0.0).add("zero", t.plusDays(90), 0.0);
        TransactionLog log = b.build();
        Period horizon = Period.ofMonths(12);
        SegmentationResult r = Segmentation.of(log)
                .lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder()).horizon(horizon).annualDiscountRate(0.1)).run();
        BtydModel transactions = r.transactionModel().orElseThrow();
        GammaGammaModel spend = r.lifetimeValueModel(BtydLifetimeValueModel.class).orElseThrow().spend();
        BtydSummary summary = r.summary().orElseThrow();
        Clv clv = Clv.builder().horizon(horizon).annualDiscountRate(0.1).build();
        double[] direct = clv.compute(transactions, spend, summary);
        CustomerScorer scorer = CustomerScorer.builder().btyd(transactions).lifetimeValue(spend, clv).build();
        LocalDate asOf = r.asOf();
        int checked = 0;
        for (int j = 0; j < summary.size(); j++) {
            String id = summary.id(j);
            CustomerProfile p = r.customer(id).orElseThrow();
            // the pipeline and Clv.compute run the same code on the same summary: bit for bit
            assertEquals(direct[j], p.clv(), id);
            CustomerState state = CustomerState.empty(PurchasePeriod.DAY);
            int c = log.customerIndex(id);
            for (int row = 0; row < log.size(); row++) {
                if (log.customer(row) == c) {
                    state = state.apply(log.dateTime(row).toLocalDate().toEpochDay(), log.amount(row));
                }
            }
            CustomerScore s = scorer.score(state, asOf);
            // the streaming state measures recency and age in the model's unit itself (not via the summary's
            // unit), so the last bits may differ: 1e-9 relative
            assertEquals(p.clv(), s.lifetimeValue(), 1e-9 * Math.max(1, Math.abs(p.clv())), id);
            checked++;
        }
        assertEquals(summary.size(), checked);
        int zero = indexOf(summary, "zero");
        assertEquals(2.0, summary.frequency(zero));
        assertEquals(0.0, summary.monetary(zero));
        double perPurchase = Clv.spendPerPurchase(spend, 2, 0);
        // Gamma-Gamma's E[Z | x = 2, zbar = 0] = p v / (2 p + q - 1), below the population mean p v / (q - 1)
        assertTrue(perPurchase < spend.populationMeanSpend(), perPurchase + " vs " + spend.populationMeanSpend());
        assertEquals(clv.customerValue(transactions, perPurchase, 2, summary.recency(zero), summary.T(zero)),
                r.customer("zero").orElseThrow().clv(), 1e-9 * r.customer("zero").orElseThrow().clv());
    }

    private static int indexOf(BtydSummary s, String id) {
        for (int j = 0; j < s.size(); j++) {
            if (s.id(j).equals(id)) {
                return j;
            }
        }
        throw new AssertionError(id + " not in the summary");
    }
}
